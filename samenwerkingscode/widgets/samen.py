"""Samen oefenen (Thuis verder, Blok 2): vergelijk je indeling in vormen met die van een andere deelnemer.

De partner stuurt zijn antwoordbestand (``blok2.antwoorden.json``); je laadt het hier met de knop. De
widget toont per relatie beide vormen en markeert de verschillen, zonder te zeggen wie gelijk heeft.
Het antwoordbestand van de partner wordt alleen gelezen; in je eigen antwoordbestand komen zijn keuzes
(niet zijn motivaties) en jullie gespreksnotities.

Antwoordbestand: ``{"partner": str, "keuzes_partner": {relatie: vorm}, "notities": str}``.
"""

from __future__ import annotations

import html
import json
from typing import Any

import ipywidgets as widgets

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import samen_oefenen
from samenwerkingscode.widgets._basis import OefeningWidget, brede_knop, opmaak_melding
from samenwerkingscode.widgets._opmaak import layout, maak

MAX_BESTAND = 2_000_000


def lees_partnerbestand(inhoud: bytes, vergelijk: str) -> dict[str, str]:
    """De keuzes van de partner uit diens antwoordbestand; een onleesbaar bestand geeft een Nederlandse fout."""
    from samenwerkingscode.model.yamlbestand import RegieFout

    if len(inhoud) > MAX_BESTAND:
        raise RegieFout("Dit bestand is te groot voor een antwoordbestand (meer dan 2 MB).")
    try:
        document = json.loads(inhoud.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as fout:
        raise RegieFout(f"Dit is geen antwoordbestand (geen geldige JSON: {fout}).") from fout
    oefeningen = document.get("oefeningen") if isinstance(document, dict) else None
    if not isinstance(oefeningen, dict):
        raise RegieFout("Dit is geen antwoordbestand van de kit: het veld 'oefeningen' ontbreekt.")
    keuzes = samen_oefenen.keuzes_uit(oefeningen.get(vergelijk))
    if not keuzes:
        raise RegieFout(f"In dit antwoordbestand staat nog geen indeling bij oefening {vergelijk}.")
    return keuzes


class SamenWidget(OefeningWidget):
    """Laad het antwoordbestand van je partner en zie waar jullie indeling verschilt."""

    titel = "Samen oefenen: vergelijk jullie indeling"

    def __init__(
        self, opslag: Antwoorden | None, oefening: str, *, notebook: str = "blok2", vergelijk: str = "2a"
    ) -> None:
        self.notebook = notebook
        self.vergelijk = vergelijk
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        self.partner = maak(widgets.Text, description="Partner:", placeholder="naam (mag je leeg laten)")
        self.upload = maak(
            widgets.FileUpload, accept=".json", multiple=False, description="Laad bestand partner", layout=brede_knop()
        )
        self.upload.observe(self._geladen, names="value")
        self.bericht = maak(widgets.HTML)
        self.tabel = maak(widgets.HTML)
        self.notities = maak(
            widgets.Textarea,
            placeholder="Wat bespraken jullie? Welk kenmerk gaf de doorslag?",
            layout=layout(width="100%", height="6em"),
        )
        self.partner.observe(lambda _w: self._bewaar(), names="value")
        self.notities.observe(lambda _w: self._bewaar(), names="value")
        self._keuzes_partner: dict[str, str] = {}
        uitleg = maak(
            widgets.HTML,
            f"<p>Vraag een andere deelnemer om het bestand <code>{html.escape(self.notebook)}.antwoorden.json</code> "
            f"(naast zijn notebook) en laad het hier. Je ziet per relatie uit oefening {html.escape(self.vergelijk)} "
            "jullie twee keuzes. De kit zegt niet wie gelijk heeft: bespreek de verschillen.</p>",
        )
        return maak(widgets.VBox, [uitleg, self.partner, self.upload, self.bericht, self.tabel, self.notities])

    def herstel(self, stand: dict[str, Any]) -> None:
        self.partner.value = stand.get("partner") if isinstance(stand.get("partner"), str) else ""
        self.notities.value = stand.get("notities") if isinstance(stand.get("notities"), str) else ""
        self._keuzes_partner = samen_oefenen.keuzes_uit({"keuzes": stand.get("keuzes_partner")})
        self.toon()

    def _bewaar(self) -> None:
        self.bewaar(partner=self.partner.value, keuzes_partner=self._keuzes_partner, notities=self.notities.value)

    def laad_partner(self, inhoud: bytes) -> None:
        """Lees het bestand van de partner (ook aan te roepen zonder knop, zoals in de tests)."""
        from samenwerkingscode.model.yamlbestand import RegieFout

        try:
            self._keuzes_partner = lees_partnerbestand(inhoud, self.vergelijk)
        except RegieFout as fout:
            self.bericht.value = opmaak_melding(str(fout), "fout")
            return
        self.bericht.value = ""
        self._bewaar()
        self.toon()

    def _geladen(self, wijziging: dict[str, Any]) -> None:
        bestanden = wijziging["new"] or ()
        if bestanden:
            self.laad_partner(bytes(bestanden[0]["content"]))

    def rijen(self) -> list[samen_oefenen.Vergelijking]:
        eigen = samen_oefenen.keuzes_uit(self.opslag.lees(self.vergelijk, {}) if self.opslag is not None else {})
        return samen_oefenen.vergelijk(eigen, self._keuzes_partner, self._relaties())

    def _relaties(self) -> list[tuple[str, str]] | None:
        try:
            from samenwerkingscode.model import opdrachten

            keuzes = opdrachten.laad_casusoefeningen(opdrachten.actieve_casus()).keuzes(self.vergelijk, "relaties")
        except Exception:
            return None
        return [(k.id, k.naam) for k in keuzes] or None

    def toon(self) -> None:
        if not self._keuzes_partner:
            self.tabel.value = ""
            return
        rijen = self.rijen()
        regels = [
            "<table><thead><tr><th>Relatie</th><th>Jouw vorm</th><th>Vorm van je partner</th><th>Bespreek</th></tr>"
            "</thead><tbody>"
        ]
        for r in rijen:
            stijl = ' style="background:#fff4d6"' if r.verschilt else ""
            regels.append(
                f"<tr{stijl}><td>{html.escape(r.naam)}</td><td>{html.escape(samen_oefenen.vormnaam(r.jij))}</td>"
                f"<td>{html.escape(samen_oefenen.vormnaam(r.partner))}</td><td>{html.escape(r.bespreek)}</td></tr>"
            )
        regels.append(f"</tbody></table><p>{html.escape(samen_oefenen.samenvatting(rijen))}</p>")
        self.tabel.value = "".join(regels)
