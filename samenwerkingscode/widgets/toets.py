"""Oefening 4b (en 5a_toets): de toetsvragen scoren op een of meer momenten en die vergelijken.

Een deelnemer scoort elke deelvraag van Kan, Klopt, Werkt en Levert op de toetsschaal, per moment
(bijvoorbeeld Springendal in 2019, 2021 en 2023). De uitslag per moment (score per trede, de trede
waar je een stap terug naartoe doet en het advies) komt uit :func:`samenwerkingscode.model.toets.scoor`;
de figuur zet de momenten naast elkaar. In het antwoordbestand:
``{"momenten": {moment: {deelvraag: schaalwaarde}}, "actief": moment}``; een deelvraag zonder
score staat er niet in.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.figuren import _cache
from samenwerkingscode.model import toets
from samenwerkingscode.model.toets import ToetsUitslag
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets._basis import OefeningWidget, opmaak_melding
from samenwerkingscode.widgets._opmaak import layout, maak
from samenwerkingscode.widgets._toegankelijk import alt_html, alt_widget

GEEN_SCORE = ""
GEEN_SCORE_LABEL = "— nog niet gescoord —"
PNG_DPI = 90  # scherp genoeg in het notebook, en snel genoeg om bij elke score opnieuw te tekenen


class ToetsWidget(OefeningWidget):
    """Scoor de toetsvragen per moment; alles staat meteen in het antwoordbestand."""

    titel = "De toetsvragen"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "4b",
        momenten: Sequence[str] = ("2019", "2021", "2023"),
        toelichting: Mapping[str, str] | None = None,
    ) -> None:
        self.momenten = [str(m) for m in momenten]
        if not self.momenten:
            raise RegieFout("Geef minstens één moment op om de toetsvragen voor te scoren, bijvoorbeeld '2019'.")
        if len(set(self.momenten)) != len(self.momenten):
            raise RegieFout(f"Elk moment mag maar één keer voorkomen (nu: {', '.join(self.momenten)}).")
        self.toelichting = dict(toelichting or {})
        self._scores: dict[str, dict[str, str]] = {m: {} for m in self.momenten}
        self._overig: dict[str, Any] = {}
        self._wisselen = False
        super().__init__(opslag, oefening)

    # --- opbouw -------------------------------------------------------------------------------
    def bouw(self) -> widgets.Widget:
        schaal = toets.schaal()
        self._geldig = {w.sleutel for w in schaal}
        self._deelvragen = set(toets.deelvraag_sleutels())
        opties = [(GEEN_SCORE_LABEL, GEEN_SCORE)] + [(w.label, w.sleutel) for w in schaal]
        legenda = "".join(f"<li><strong>{html.escape(w.label)}</strong>: {html.escape(w.uitleg)}</li>" for w in schaal)
        uitleg = maak(
            widgets.HTML,
            "<p>Kies een moment en scoor elke deelvraag op de toetsschaal "
            "<em>(toetsschaal en deelvragen: uitwerking in deze cursuskit)</em>:</p>"
            f"<ul style='margin-top:0'>{legenda}</ul>",
        )
        self.moment = maak(widgets.ToggleButtons, options=self.momenten, description="Moment:")
        self.moment_toelichting = maak(widgets.HTML)
        self._opties = opties
        # Per moment een eigen set keuzelijsten: een score hoort zo altijd bij het moment van zijn
        # keuzelijst, ook als JupyterLab de berichten van een drukke kernel in een andere volgorde
        # aflevert dan de deelnemer klikte. Het wisselen gebeurt in de browser (jslink). Een moment
        # wordt pas opgebouwd als het voor het eerst getoond wordt (zie ``keuzes_van``): drie
        # momenten vooraf kostten bij Run All ruim 130 widgets die de meeste deelnemers pas later
        # nodig hebben. Tot dan staat er een korte wachtregel.
        self.keuzes_per_moment: dict[str, dict[str, widgets.Dropdown]] = {}
        stapels = [
            maak(widgets.HTML, f"<p><em>De vragen voor {html.escape(m)} worden geladen…</em></p>")
            for m in self.momenten
        ]
        self.vragen = maak(widgets.Stack, stapels, selected_index=0)
        widgets.jslink((self.moment, "index"), (self.vragen, "selected_index"))
        if self.opslag is None:
            # De boekweergave is statische HTML: daar is geen kernel die een moment later opbouwt.
            for moment in self.momenten:
                self.keuzes_van(moment)
        self.uitslag = maak(widgets.HTML)
        # Een eigen layout: de figuur gaat open en dicht.
        self.figuur = maak(
            widgets.Image, format="png", layout=widgets.Layout(width="100%", max_width="760px", display="none")
        )
        self.figuur_tekst = alt_widget()
        self.moment.observe(self._moment_gewijzigd, names="value")
        return maak(
            widgets.VBox,
            [uitleg, self.moment, self.moment_toelichting, self.vragen, self.uitslag, self.figuur, self.figuur_tekst],
        )

    def keuzes_van(self, moment: str) -> dict[str, widgets.Dropdown]:
        """De keuzelijsten van een moment (deelvraag → keuzelijst); bij de eerste keer opgebouwd."""
        if moment not in self.keuzes_per_moment:
            self._bouw_moment(moment)
        return self.keuzes_per_moment[moment]

    def _bouw_moment(self, moment: str) -> None:
        keuze_layout = layout(width="15em", max_width="100%")
        label_layout = layout(flex="1 1 16em", width="auto", padding="0 0 0 0.5em")
        rij_layout = layout(align_items="center")
        keuzes: dict[str, widgets.Dropdown] = {}
        groepen: list[widgets.Widget] = []
        for trede in toets.toetsvragen():
            kop = maak(
                widgets.HTML,
                f"<h4 style='margin:0.8em 0 0.1em'>{trede.nummer}. {html.escape(trede.vraag)}</h4>"
                f"<div style='color:#4a5a6a;font-size:90%'>{html.escape(trede.uitleg)}</div>",
            )
            rijen: list[widgets.Widget] = [kop]
            for deelvraag in trede.deelvragen:
                keuze = maak(
                    widgets.Dropdown,
                    options=self._opties,
                    value=self._scores[moment].get(deelvraag.sleutel, GEEN_SCORE),
                    tooltip=f"{deelvraag.vraag} ({moment})",
                    layout=keuze_layout,
                )
                keuze.observe(lambda _w, m=moment, s=deelvraag.sleutel: self._score_gewijzigd(m, s), names="value")
                keuzes[deelvraag.sleutel] = keuze
                titel = html.escape(deelvraag.uitleg, quote=True)
                label = maak(
                    widgets.HTML,
                    f"<span class='regie-label' title='{titel}'>{html.escape(deelvraag.vraag)}</span>",
                    layout=label_layout,
                )
                rijen.append(maak(widgets.HBox, [keuze, label], layout=rij_layout))
            groepen.append(maak(widgets.VBox, rijen))
        self.keuzes_per_moment[moment] = keuzes
        stapels = list(self.vragen.children)
        stapels[self.momenten.index(moment)] = maak(widgets.VBox, groepen)
        self.vragen.children = stapels

    @property
    def keuzes(self) -> dict[str, widgets.Dropdown]:
        """De keuzelijsten van het actieve moment (deelvraag → keuzelijst)."""
        return self.keuzes_van(self.moment.value)

    # --- opslag -------------------------------------------------------------------------------
    def herstel(self, stand: dict[str, Any]) -> None:
        momenten = stand.get("momenten")
        if isinstance(momenten, dict):
            for moment, scores in momenten.items():
                if moment not in self._scores:
                    self._overig[moment] = scores
                    continue
                if isinstance(scores, dict):
                    self._scores[moment] = {
                        k: v
                        for k, v in scores.items()
                        if k in self._deelvragen and isinstance(v, str) and v in self._geldig
                    }
        actief = stand.get("actief")
        self.moment.value = actief if actief in self._scores else self.momenten[0]
        self._toon_moment()

    def _bewaar_alles(self) -> None:
        momenten = {**self._overig, **{m: dict(s) for m, s in self._scores.items()}}
        self.bewaar(momenten=momenten, actief=self.moment.value)

    # --- gedrag -------------------------------------------------------------------------------
    def scores(self, moment: str | None = None) -> dict[str, str]:
        """De scores (deelvraag → schaalwaarde) van een moment, standaard het actieve."""
        return dict(self._scores[moment or self.moment.value])

    def uitslagen(self) -> dict[str, ToetsUitslag]:
        """De uitslag van :func:`toets.scoor` voor elk moment."""
        return {m: toets.scoor(s) for m, s in self._scores.items()}

    def _moment_gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        if self._bezig_met_herstellen:
            return  # herstel() toont het moment zelf
        self._toon_moment()
        self._bewaar_alles()

    def _score_gewijzigd(self, moment: str, deelvraag: str) -> None:
        if self._wisselen:
            return
        waarde = self.keuzes_per_moment[moment][deelvraag].value
        scores = self._scores[moment]
        if waarde == GEEN_SCORE:
            scores.pop(deelvraag, None)
        else:
            scores[deelvraag] = waarde
        self._bewaar_alles()
        self._toon_uitslag()

    # --- weergave -----------------------------------------------------------------------------
    def _toon_moment(self) -> None:
        """Toon de keuzelijsten van het actieve moment, met de scores erin, zonder dat dat als wijziging telt."""
        moment = self.moment.value
        self.keuzes_van(moment)
        self.vragen.selected_index = self.momenten.index(moment)
        self._wisselen = True
        try:
            for m, keuzes in self.keuzes_per_moment.items():
                for sleutel, keuze in keuzes.items():
                    keuze.value = self._scores[m].get(sleutel, GEEN_SCORE)
        finally:
            self._wisselen = False
        tekst = self.toelichting.get(moment, "")
        self.moment_toelichting.value = f"<p style='color:#4a5a6a'>{html.escape(tekst)}</p>" if tekst else ""
        self._toon_uitslag()

    def _toon_uitslag(self) -> None:
        moment = self.moment.value
        uitslagen = self.uitslagen()
        uitslag = uitslagen[moment]
        rijen = []
        for trede in toets.toetsvragen():
            score = uitslag.per_vraag.get(trede.sleutel)
            waarde = "nog niet gescoord" if score is None else f"{round(score * 100)}%"
            zwak = " ← stap terug naar deze trede" if trede.sleutel == uitslag.zwakste_trede else ""
            rijen.append(
                f"<tr><td>{trede.nummer}. {html.escape(trede.vraag)}</td>"
                f"<td style='text-align:right;padding:0 0.8em'>{waarde}</td>"
                f"<td style='color:#66737b'>drempel {round(trede.drempel * 100)}%</td>"
                f"<td><strong>{zwak}</strong></td></tr>"
            )
        soort = "waarschuwing" if uitslag.zwakste_trede else ("goed" if uitslag.volledig else "info")
        self.uitslag.value = (
            f"<h4 style='margin:0.8em 0 0.2em'>Uitslag voor {html.escape(moment)}</h4>"
            f"<table>{''.join(rijen)}</table>{opmaak_melding(uitslag.advies, soort)}"
        )
        iets_gescoord = any(score is not None for u in uitslagen.values() for score in u.per_vraag.values())
        self.figuur.value = vergelijking_png(uitslagen) if iets_gescoord and _cache.figuren_aan() else b""
        # Zonder figuur geen leeg plaatje (de browser toont dan een gebroken afbeelding).
        self.figuur.layout.display = "" if self.figuur.value else "none"
        self.figuur_tekst.value = alt_html(figuur_alt(uitslagen))


def figuur_alt(uitslagen: Mapping[str, ToetsUitslag]) -> str:
    """De tekst achter de figuur (alt): per moment de score per trede, in woorden."""
    delen = []
    for moment, uitslag in uitslagen.items():
        scores = []
        for trede in toets.toetsvragen():
            score = uitslag.per_vraag.get(trede.sleutel)
            scores.append(f"{trede.vraag} {'nog niet gescoord' if score is None else f'{round(score * 100)}%'}")
        delen.append(f"{moment}: {', '.join(scores)}")
    return "Figuur: de toetsvragen per moment. " + "; ".join(delen) + "."


def vergelijking_png(uitslagen: Mapping[str, ToetsUitslag]) -> bytes:
    """De vergelijkingsfiguur als PNG; uit de schijfcache, want wisselen van moment of herstarten verandert niets."""
    import io

    from samenwerkingscode.figuren import toets as figuur
    from samenwerkingscode.model import model_pad

    def teken() -> bytes:
        buffer = io.BytesIO()
        figuur.teken_toetsvergelijking(uitslagen).savefig(buffer, format="png", dpi=PNG_DPI)
        return buffer.getvalue()

    sleutel = tuple((m, tuple(sorted(u.per_vraag.items()))) for m, u in uitslagen.items())
    bestanden = (model_pad("toetsvragen"), Path(figuur.__file__))
    return _cache.png_uit_cache("toets", (sleutel, PNG_DPI), bestanden, teken)
