"""Oefening 3a: de beslisboom lopen, per opgave, met knoppen voor de antwoorden.

Een deelnemer beantwoordt de vragen van de boom met de labels van de dia's (geen ja/nee zonder
context), kan een stap terug of opnieuw beginnen, en ziet het pad, de uitkomst met haar acties en
de hele boom met het gelopen pad gemarkeerd. Elke opgave houdt haar eigen pad, zodat wisselen niets
kost. In het antwoordbestand: ``{"opgaven": {id: {"antwoorden": [...]}}, "actief": id}``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.figuren import _cache
from samenwerkingscode.model import beslisboom, vormen
from samenwerkingscode.model.beslisboom import Wandeling
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets._basis import OefeningWidget, brede_knop, opmaak_melding
from samenwerkingscode.widgets._opmaak import layout, maak
from samenwerkingscode.widgets._toegankelijk import alt_html, alt_widget

#: De drie opgaven van oefening 3a (zie de lijst met oefeningen in het boek).
STANDAARD_OPGAVEN: dict[str, str] = {
    "graafwerk": "Graafwerk voor beekherstel uitvoeren",
    "hydrologie": "Kennis over hydrologie delen tussen terreinbeheerders",
    "vernatting": "Vernatting op landbouwgrond realiseren",
}

PNG_DPI = 96
"""Scherp genoeg op het scherm (de figuur is dan ~820 pixels breed) en niet te zwaar in het boek."""


def boom_png(wandeling: Wandeling) -> bytes:
    """De tekening van de boom met dit pad als PNG; uit de schijfcache, want er zijn maar een handvol paden."""
    from samenwerkingscode.figuren import beslisboom as figuur
    from samenwerkingscode.model import model_pad

    def teken() -> bytes:
        return figuur.figuur_als_png(figuur.teken_beslisboom(wandeling), dpi=PNG_DPI)

    bestanden = (model_pad("beslisboom"), Path(figuur.__file__))
    return _cache.png_uit_cache("beslisboom", (tuple(wandeling.antwoorden), PNG_DPI), bestanden, teken)


class BeslisboomWidget(OefeningWidget):
    """Loop de beslisboom voor elke opgave; het pad per opgave staat meteen in het antwoordbestand."""

    titel = "De beslisboom lopen"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "3a",
        opgaven: Mapping[str, str] | None = None,
    ) -> None:
        self.opgaven = dict(STANDAARD_OPGAVEN if opgaven is None else opgaven)
        if not self.opgaven:
            raise RegieFout("Geef minstens één opgave op om de beslisboom voor te lopen.")
        self._paden: dict[str, list[str]] = {id: [] for id in self.opgaven}
        self._overig: dict[str, Any] = {}  # opgaven uit het bestand die deze weergave niet kent: bewaren
        super().__init__(opslag, oefening)

    # --- opbouw -------------------------------------------------------------------------------
    def bouw(self) -> widgets.Widget:
        self.opgave = maak(
            widgets.Dropdown,
            options=[(beschrijving, id) for id, beschrijving in self.opgaven.items()],
            description="Opgave:",
            style={"description_width": "initial"},
            layout=layout(width="auto", max_width="100%"),
        )
        self.vraag_weergave = maak(widgets.HTML)
        self.knoppen: list[widgets.Button] = []
        self.knoppen_vak = maak(widgets.VBox, layout=layout(align_items="flex-start"))
        self.knop_terug = maak(
            widgets.Button, description="Terug", tooltip="Haal je laatste antwoord weg", layout=brede_knop()
        )
        self.knop_opnieuw = maak(
            widgets.Button,
            description="Opnieuw",
            tooltip="Begin deze opgave opnieuw bij de eerste vraag",
            button_style="warning",
        )
        self.pad_weergave = maak(widgets.HTML)
        self.uitkomst_weergave = maak(widgets.HTML)
        # Een eigen layout: de figuur gaat open en dicht.
        self.figuur = maak(widgets.Image, format="png", layout=widgets.Layout(width="100%", max_width="820px"))
        self.figuur_tekst = alt_widget()

        self.opgave.observe(self._bij_opgave, names="value")
        self.knop_terug.on_click(self._terug)
        self.knop_opnieuw.on_click(self._opnieuw)
        return maak(
            widgets.VBox,
            [
                self.opgave,
                self.vraag_weergave,
                self.knoppen_vak,
                maak(widgets.HBox, [self.knop_terug, self.knop_opnieuw]),
                self.pad_weergave,
                self.uitkomst_weergave,
                self.figuur,
                self.figuur_tekst,
            ],
        )

    # --- opslag -------------------------------------------------------------------------------
    def herstel(self, stand: dict[str, Any]) -> None:
        opgaven = stand.get("opgaven")
        problemen: list[str] = []
        if isinstance(opgaven, dict):
            for id, inhoud in opgaven.items():
                if id not in self._paden:
                    self._overig[id] = inhoud
                    continue
                antwoorden = inhoud.get("antwoorden") if isinstance(inhoud, dict) else None
                if not isinstance(antwoorden, list):
                    continue
                geldig = self._geldig_begin([a for a in antwoorden if isinstance(a, str)])
                if len(geldig) != len(antwoorden):
                    problemen.append(self.opgaven[id])
                self._paden[id] = geldig
        if problemen:
            melding = (
                "De beslisboom is veranderd sinds je hem liep. Voor deze opgave(n) is alleen het deel van je pad "
                f"bewaard dat nog past: {', '.join(problemen)}. Loop ze verder vanaf daar."
            )
            self.meldingen.value += opmaak_melding(melding, "waarschuwing")
        actief = stand.get("actief")
        self.opgave.value = actief if actief in self._paden else next(iter(self._paden))
        self._ververs()

    def _geldig_begin(self, antwoorden: list[str]) -> list[str]:
        """Het langste begin van het pad dat de (mogelijk aangepaste) boom nog accepteert."""
        for n in range(len(antwoorden), -1, -1):
            try:
                beslisboom.loop(antwoorden[:n])
            except RegieFout:
                continue
            return antwoorden[:n]
        return []

    def _bewaar_alles(self) -> None:
        opgaven = {**self._overig, **{id: {"antwoorden": list(pad)} for id, pad in self._paden.items()}}
        self.bewaar(opgaven=opgaven, actief=self.opgave.value)

    # --- gedrag -------------------------------------------------------------------------------
    @property
    def pad(self) -> list[str]:
        """De antwoorden van de actieve opgave (een kopie)."""
        return list(self._paden[self.opgave.value])

    @property
    def wandeling(self) -> Wandeling:
        return beslisboom.loop(self._paden[self.opgave.value])

    def knop(self, antwoord: str) -> widgets.Button:
        """De knop voor antwoord 'ja' of 'nee' bij de huidige vraag (voor tests en notebooks)."""
        for knop, (a, _) in zip(self.knoppen, self._opties, strict=True):
            if a == antwoord:
                return knop
        raise RegieFout(f"Bij de huidige stap is er geen knop voor het antwoord '{antwoord}'.")

    def _bij_opgave(self, _wijziging: dict[str, Any]) -> None:
        if self._bezig_met_herstellen:
            return  # herstel() ververst zelf
        self._bewaar_alles()
        self._ververs()

    def _antwoord(self, antwoord: str, opgave: str, stap: int) -> None:
        """Een klik op een antwoordknop; een dubbelklik of een klik op een verouderde knop telt niet."""
        pad = self._paden[opgave]
        if opgave != self.opgave.value or len(pad) != stap:
            return
        pad.append(antwoord)
        self._bewaar_alles()
        self._ververs()

    def _terug(self, _knop: widgets.Button | None = None) -> None:
        pad = self._paden[self.opgave.value]
        if pad:
            pad.pop()
            self._bewaar_alles()
        self._ververs()

    def _opnieuw(self, _knop: widgets.Button | None = None) -> None:
        if self._paden[self.opgave.value]:
            self._paden[self.opgave.value] = []
            self._bewaar_alles()
        self._ververs()

    # --- weergave -----------------------------------------------------------------------------
    def _ververs(self) -> None:
        w = self.wandeling
        self._opties: list[tuple[str, str]] = []
        self.knoppen = []
        stap = len(w.pad)
        if w.volgende_vraag is not None:
            v = w.volgende_vraag
            uitleg = (
                f"<div style='color:#66737b;font-size:90%'>{html.escape(v.uitleg)} "
                "<em>(toelichting: uitwerking in deze cursuskit)</em></div>"
                if v.uitleg
                else ""
            )
            self.vraag_weergave.value = (
                f"<p style='margin:0.4em 0 0.2em'><strong>{html.escape(v.vraag)}</strong></p>{uitleg}"
            )
            for optie in v.opties:
                tip = optie.label + (" (uitwerking in deze cursuskit)" if optie.herkomst == "kit" else "")
                knop = maak(
                    widgets.Button,
                    description=optie.label,
                    tooltip=tip,
                    layout=layout(width="auto", max_width="100%"),
                )
                knop.on_click(lambda _k, a=optie.antwoord, o=self.opgave.value, n=stap: self._antwoord(a, o, n))
                self.knoppen.append(knop)
                self._opties.append((optie.antwoord, optie.label))
        else:
            self.vraag_weergave.value = (
                "<p style='margin:0.4em 0 0.2em'>Je bent bij een uitkomst van de beslisboom.</p>"
            )
        self.knoppen_vak.children = tuple(self.knoppen)
        self.knop_terug.disabled = not w.pad
        self.knop_opnieuw.disabled = not w.pad
        self.pad_weergave.value = self._pad_html(w)
        self.uitkomst_weergave.value = self._uitkomst_html(w)
        self.figuur.value = boom_png(w) if _cache.figuren_aan() else b""
        self.figuur.layout.display = "" if self.figuur.value else "none"
        self.figuur_tekst.value = alt_html(self._figuur_alt(w))

    @staticmethod
    def _figuur_alt(w: Wandeling) -> str:
        """Tekstalternatief van het schema: wat het toont en jouw pad in woorden (WCAG 1.1.1)."""
        tekst = "Schema van de beslisboom, met jouw pad erin gemarkeerd. "
        if not w.pad:
            return tekst + "Je hebt nog geen vraag beantwoord."
        stappen = "; ".join(f"{s.vraag} {s.label}" for s in w.pad)
        tekst += f"Jouw pad: {stappen}."
        if w.uitkomst is not None:
            tekst += f" Uitkomst: {w.uitkomst.titel}."
        return tekst

    @staticmethod
    def _pad_html(w: Wandeling) -> str:
        if not w.pad:
            return "<p><strong>Jouw pad:</strong> nog geen antwoorden.</p>"
        regels = "".join(f"<li>{html.escape(s.vraag)} → <strong>{html.escape(s.label)}</strong></li>" for s in w.pad)
        tussen = "".join(f"<li><em>{html.escape(t.titel)}: {html.escape(t.tekst)}</em></li>" for t in w.tussenstappen)
        return f"<p style='margin-bottom:0'><strong>Jouw pad:</strong></p><ol style='margin-top:0'>{regels}</ol>" + (
            f"<ul style='margin-top:0'>{tussen}</ul>" if tussen else ""
        )

    @staticmethod
    def _uitkomst_html(w: Wandeling) -> str:
        if w.uitkomst is None:
            if w.vorm is not None:
                return (
                    f"<p>Nog geen uitkomst. Tot nu toe wijst de boom naar: <strong>"
                    f"{html.escape(vormen.naam(w.vorm))}</strong>.</p>"
                )
            return "<p>Nog geen uitkomst: beantwoord de vraag hierboven.</p>"
        u = w.uitkomst
        delen = [f"<p style='margin-bottom:0.2em'><strong>Uitkomst: {html.escape(u.titel)}</strong></p>"]
        if u.vorm is not None:
            delen.append(f"<p style='margin:0'>Samenwerkingsvorm: {html.escape(vormen.naam(u.vorm))}</p>")
        if u.acties:
            delen.append(
                "<ul style='margin-top:0.2em'>" + "".join(f"<li>{html.escape(a)}</li>" for a in u.acties) + "</ul>"
            )
        if u.toelichting:
            delen.append(
                f"<p style='color:#66737b;font-size:90%'>{html.escape(u.toelichting)} "
                "<em>(toelichting: uitwerking in deze cursuskit)</em></p>"
            )
        return "".join(delen)
