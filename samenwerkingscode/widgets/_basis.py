"""Gemeenschappelijke basis van alle oefenweergaven.

Een oefenweergave is een dunne laag over het model: ze toont velden, keuzes en knoppen, en
schrijft elke wijziging meteen naar het antwoordbestand. Bij het opnieuw uitvoeren van de cel
(na het heropenen van het notebook of een herstart van de kernel) leest ze haar stand terug uit
datzelfde bestand. Er zit hier geen logica die het model kan dragen.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from samenwerkingscode import NIET_OPGEBOUWD, beoordeelmodus
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets._opmaak import layout, maak
from samenwerkingscode.widgets._toegankelijk import hulpwidget

OpslagLuisteraar = Callable[[Path, str], None]
"""Krijgt (pad van het antwoordbestand, oefening) na elke geslaagde opslag."""
_LUISTERAARS: list[OpslagLuisteraar] = []


def bij_opslag(luisteraar: OpslagLuisteraar) -> Callable[[], None]:
    """Laat ``luisteraar`` weten wanneer een oefenweergave iets bewaart; geeft een functie om te stoppen.

    Zo kan een statusregel onder een widget (zoals "1a: nog leeg" of "0 woorden") meebewegen met wat
    de deelnemer invult, in plaats van de stand van het moment waarop de cel draaide te blijven tonen.
    """
    _LUISTERAARS.append(luisteraar)

    def stop() -> None:
        with suppress(ValueError):
            _LUISTERAARS.remove(luisteraar)

    return stop


def _meld_opslag(pad: Path, oefening: str) -> None:
    for luisteraar in list(_LUISTERAARS):
        try:
            luisteraar(pad, oefening)
        except Exception:  # een kapotte statusregel mag het opslaan nooit hinderen
            continue


VOORBEELD_MELDING = "Voorbeeldweergave: hier wordt niets bewaard. Werk in het notebook om je antwoorden op te slaan."


def brede_knop() -> widgets.Layout:
    """Een knop zo breed als zijn tekst: Nederlandse knopteksten zijn langer dan de standaardbreedte.

    Elke knop een eigen layout (niet gedeeld, zie ``_opmaak``): knoppen worden verborgen en weer getoond.
    """
    return widgets.Layout(width="auto", min_width="12em")


def opmaak_melding(tekst: str, soort: str = "info") -> str:
    """HTML voor een korte melding; `soort` is info, goed, fout of waarschuwing."""
    kleuren = {"info": "#4a5a6a", "goed": "#1e6b3a", "fout": "#a11d1d", "waarschuwing": "#8a5a00"}
    kleur = kleuren.get(soort, kleuren["info"])
    return f'<div class="regie-melding regie-{soort}" style="color:{kleur}">{html.escape(tekst)}</div>'


class OefeningWidget:
    """Bindt een boom van ipywidgets aan één oefening in het antwoordbestand.

    Subklassen bouwen hun widgets in `bouw()`, zetten de opgeslagen stand terug in
    `herstel(stand)` en roepen `bewaar(...)` aan bij elke wijziging.
    """

    titel: str = ""

    def __init__(self, opslag: Antwoorden | None, oefening: str) -> None:
        self.opslag = opslag
        self.oefening = oefening
        self.status = maak(widgets.HTML, layout=layout(min_height="1.5em"))
        self.meldingen = maak(widgets.HTML)
        self._bezig_met_herstellen = False
        if beoordeelmodus():
            # nbgrader beoordeelt het antwoordbestand; een invulscherm opbouwen zou alleen tijd kosten.
            self.widget = maak(widgets.HTML, NIET_OPGEBOUWD.format(oefening=html.escape(oefening)))
            return
        self._toon_opslagmeldingen()
        inhoud = self.bouw()
        with self.herstellen():
            self.herstel(self.opgeslagen())
        if opslag is None:
            self.status.value = opmaak_melding(VOORBEELD_MELDING)
        kop = (
            [maak(widgets.HTML, f"<h4 class='regie-oefening-titel'>{html.escape(self.titel)}</h4>")]
            if self.titel
            else []
        )
        self.widget = maak(
            widgets.VBox,
            [*kop, self.meldingen, inhoud, self.status, hulpwidget()],
            layout=layout(border="1px solid #d0d7de", padding="8px 12px", margin="8px 0"),
        )
        self.widget.add_class("regie-oefening")

    # --- door subklassen te leveren -------------------------------------------------------
    def bouw(self) -> widgets.Widget:
        """Maak de widgets van deze oefening en geef de inhoud terug."""
        raise NotImplementedError

    def herstel(self, stand: dict[str, Any]) -> None:
        """Zet de widgets in de opgeslagen stand (leeg dict bij een nieuwe oefening)."""
        raise NotImplementedError

    # --- opslag -----------------------------------------------------------------------------
    def opgeslagen(self) -> dict[str, Any]:
        """De stand zoals die in het antwoordbestand staat."""
        return self.opslag.lees(self.oefening, {}) if self.opslag is not None else {}

    @contextmanager
    def herstellen(self) -> Iterator[None]:
        """Tijdens het terugzetten van de stand lokt een gewijzigde waarde geen nieuwe opslag uit."""
        self._bezig_met_herstellen = True
        try:
            yield
        finally:
            self._bezig_met_herstellen = False

    def bewaar(self, **velden: Any) -> None:
        """Schrijf de gewijzigde velden meteen weg; een fout wordt getoond, nooit als traceback."""
        if self.opslag is None or self._bezig_met_herstellen:
            return
        try:
            self.opslag.werk_bij(self.oefening, **velden)
        except RegieFout as fout:
            self.status.value = opmaak_melding(f"Niet opgeslagen: {fout}", "fout")
            return
        except OSError as fout:
            self.status.value = opmaak_melding(
                f"Niet opgeslagen: de computer kon het antwoordbestand niet schrijven ({fout.strerror}).", "fout"
            )
            return
        tijd = datetime.now().strftime("%H:%M:%S")
        self.status.value = opmaak_melding(f"Opgeslagen om {tijd} in {self.opslag.pad.name}.", "goed")
        _meld_opslag(self.opslag.pad, self.oefening)

    def _toon_opslagmeldingen(self) -> None:
        if self.opslag is not None and self.opslag.waarschuwingen:
            self.meldingen.value = "".join(opmaak_melding(m, "waarschuwing") for m in self.opslag.waarschuwingen)

    # --- weergave -----------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        return self.widget._repr_mimebundle_(**kwargs)


def live_status(maak_tekst: Callable[[], str], pad: Path | str, oefening: str | None = None) -> widgets.HTML:
    """Een statusregel die zich ververst bij elke opslag in ``pad`` (alleen ``oefening``, of elke oefening).

    ``maak_tekst`` geeft de actuele regel (platte tekst); zo toont een cel als "Nakijken 1a" of
    "Zo ziet je trainer je antwoord" nooit een verouderde stand zoals "nog leeg" of "0 woorden".
    """
    doel = Path(pad).resolve()
    regel = maak(widgets.HTML)
    regel.add_class("regie-live-status")

    def ververs(*_: Any) -> None:
        regel.value = f'<div role="status" style="white-space:pre-wrap">{html.escape(maak_tekst())}</div>'

    def bij_wijziging(gewijzigd: Path, gewijzigde_oefening: str) -> None:
        if Path(gewijzigd).resolve() == doel and oefening in (None, gewijzigde_oefening):
            ververs()

    ververs()
    bij_opslag(bij_wijziging)
    return regel
