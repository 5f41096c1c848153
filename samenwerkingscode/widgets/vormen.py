"""De widget Samenwerkingsvormen: relaties uit een casus indelen, met motivatie en zelfcontrole.

De vormen, hun namen en kenmerken komen uit ``model/vormen.yml``; de relaties en hun omschrijving
uit de casus. De zelfcontrole kent het goede antwoord niet: de widget krijgt per relatie alleen een
vingerafdruk (:func:`samenwerkingscode.nakijken.vingerafdruk`) en vergelijkt daarmee de keuze van
de deelnemer. Een uitslag zegt dus alleen "klopt" of "klopt nog niet" en noemt nooit een vorm.

Antwoordbestand: ``{"keuzes": {relatie-id: vorm-sleutel}, "motivaties": {relatie-id: tekst}}``;
een relatie zonder keuze staat niet in ``keuzes``. Antwoorden op relaties die de widget nu niet
toont (een notebook dat intussen veranderde), blijven bij het opslaan bewaard.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import idioom
from samenwerkingscode.model import vormen as vormmodel
from samenwerkingscode.model.casus import Casus, Relatie, herkomst_label, kit_casus, relatie_naam
from samenwerkingscode.model.opdrachten import STANDAARD_CASUS
from samenwerkingscode.widgets._basis import OefeningWidget, brede_knop, opmaak_melding
from samenwerkingscode.widgets._opmaak import layout, maak
from samenwerkingscode.widgets.canvas import lees_casus

VOORBEELDCASUS = STANDAARD_CASUS
"""Het lopende voorbeeld; de widget gebruikt het als het notebook geen casus meegeeft."""

GEEN_KEUZE = ""
KLOPT = "klopt"
KLOPT_NIET = "klopt nog niet — lees de kenmerken nog eens"
NOG_LEEG = "nog geen keuze gemaakt"


def _tekstdict(waarde: Any) -> dict[str, str]:
    """Alleen de tekstwaarden van een woordenboek uit het antwoordbestand (beschadiging telt niet)."""
    if not isinstance(waarde, Mapping):
        return {}
    return {str(k): v for k, v in waarde.items() if isinstance(v, str)}


class VormenWidget(OefeningWidget):
    """Kies per relatie een samenwerkingsvorm, motiveer die, en controleer jezelf zonder voorzegging."""

    titel = "Samenwerkingsvormen herkennen"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "2a",
        casus: Casus | str | Path | None = None,
        relaties: Sequence[str] | None = None,
        zelfcontrole: Mapping[str, str] | None = None,
    ) -> None:
        fouten: list[str] = []
        if casus is None:
            casus = kit_casus(VOORBEELDCASUS)
        self._casus, _, fout = lees_casus(casus)
        if fout:
            fouten.append(fout)
        self._relaties: list[Relatie] = []
        if self._casus is not None:
            bekend = {r.id: r for r in self._casus.relaties}
            gevraagd = list(relaties) if relaties is not None else list(bekend)
            onbekend = [r for r in gevraagd if r not in bekend]
            if onbekend:
                fouten.append(
                    f"Deze relaties staan niet in de casus en worden niet getoond: {', '.join(onbekend)}. "
                    f"Bekend zijn: {', '.join(bekend)}."
                )
            self._relaties = [bekend[r] for r in gevraagd if r in bekend]
        self._zelfcontrole = {str(k): str(v) for k, v in (zelfcontrole or {}).items()}
        self._overige_keuzes: dict[str, str] = {}
        self._overige_motivaties: dict[str, str] = {}
        self._gecontroleerd = False
        super().__init__(opslag, oefening)
        for melding in fouten:
            self.meldingen.value += opmaak_melding(melding, "fout")

    # --- opbouw ------------------------------------------------------------------------------
    def bouw(self) -> widgets.Widget:
        definitie = idioom.term("Samenwerkingsvorm").definitie if idioom.bestaat("Samenwerkingsvorm") else ""
        uitleg = maak(
            widgets.HTML,
            f'<p>Kies per relatie de <span title="{html.escape(definitie, quote=True)}"><b>samenwerkingsvorm</b>'
            "</span> die het best past en schrijf in een paar zinnen waarom. Naast je keuze staan de kenmerken "
            "van die vorm: herken je ze in de relatie?</p>",
        )
        opties = [("— kies —", GEEN_KEUZE)] + [(v.naam, v.sleutel.value) for v in vormmodel.classificeerbaar()]
        self.keuzes: dict[str, widgets.Dropdown] = {}
        self.motivaties: dict[str, widgets.Textarea] = {}
        self.kenmerken: dict[str, widgets.HTML] = {}
        blokken: list[widgets.Widget] = []
        for relatie in self._relaties:
            keuze = maak(
                widgets.Dropdown,
                options=opties,
                value=GEEN_KEUZE,
                description="Vorm:",
                layout=layout(width="30em", max_width="100%"),
            )
            motivatie = maak(
                widgets.Textarea,
                placeholder="Waarom past deze vorm? Noem de kenmerken die je in deze relatie herkent.",
                layout=layout(width="100%", height="6em"),
            )
            kenmerken = maak(widgets.HTML, layout=layout(width="45%", padding="0 0 0 12px"))
            keuze.observe(lambda _w, rid=relatie.id: self._keuze_gewijzigd(rid), names="value")
            motivatie.observe(lambda _w: self._motivatie_gewijzigd(), names="value")
            self.keuzes[relatie.id] = keuze
            self.motivaties[relatie.id] = motivatie
            self.kenmerken[relatie.id] = kenmerken
            self._toon_kenmerken(relatie.id)
            label = herkomst_label(relatie, self._casus)
            uitwerking = f" <i>{html.escape(label)}</i>" if label else ""
            kop = maak(
                widgets.HTML,
                f"<b>{html.escape(relatie_naam(self._casus, relatie))}</b>{uitwerking}"
                f'<div style="color:#4a5a6a">{html.escape(relatie.omschrijving)}</div>',
            )
            blokken.append(
                maak(
                    widgets.VBox,
                    [
                        kop,
                        maak(
                            widgets.HBox,
                            [maak(widgets.VBox, [keuze, motivatie], layout=layout(width="55%")), kenmerken],
                        ),
                    ],
                    layout=layout(border_bottom="1px solid #d0d7de", padding="6px 0"),
                )
            )
        self.knop_controleer = maak(
            widgets.Button, description="Controleer mijn keuzes", button_style="primary", layout=brede_knop()
        )
        self.knop_controleer.on_click(self._controleer)
        if not self._zelfcontrole:
            self.knop_controleer.layout.display = "none"
        self.uitslag = maak(widgets.HTML)
        return maak(widgets.VBox, [uitleg, *blokken, self.knop_controleer, self.uitslag])

    def herstel(self, stand: dict[str, Any]) -> None:
        keuzes = _tekstdict(stand.get("keuzes"))
        motivaties = _tekstdict(stand.get("motivaties"))
        geldig = {v.sleutel.value for v in vormmodel.classificeerbaar()}
        for rid, keuze in self.keuzes.items():
            keuze.value = keuzes[rid] if keuzes.get(rid) in geldig else GEEN_KEUZE
            self.motivaties[rid].value = motivaties.get(rid, "")
            self._toon_kenmerken(rid)
        self._overige_keuzes = {k: v for k, v in keuzes.items() if k not in self.keuzes}
        self._overige_motivaties = {k: v for k, v in motivaties.items() if k not in self.motivaties}

    # --- reacties ------------------------------------------------------------------------------
    def gekozen(self) -> dict[str, str]:
        """De gemaakte keuzes per relatie-id (zonder relaties waar nog niets gekozen is)."""
        return {rid: keuze.value for rid, keuze in self.keuzes.items() if keuze.value != GEEN_KEUZE}

    def _toon_kenmerken(self, relatie_id: str) -> None:
        sleutel = self.keuzes[relatie_id].value
        if sleutel == GEEN_KEUZE:
            self.kenmerken[
                relatie_id
            ].value = '<span style="color:#4a5a6a">Kies een vorm om de kenmerken te zien.</span>'
            return
        info = vormmodel.vorm(sleutel)
        punten = "".join(f"<li>{html.escape(k)}</li>" for k in info.kenmerken)
        self.kenmerken[relatie_id].value = (
            f'<div title="{html.escape(info.toelichting, quote=True)}"><b>Kenmerken van {html.escape(info.naam)}</b>'
            f'<ul style="margin:2px 0 0 1em;padding:0">{punten}</ul></div>'
        )

    def _keuze_gewijzigd(self, relatie_id: str) -> None:
        self._toon_kenmerken(relatie_id)
        if self._bezig_met_herstellen:
            return
        if self._gecontroleerd:
            self._gecontroleerd = False
            self.uitslag.value = opmaak_melding(
                "Je hebt een keuze gewijzigd; klik opnieuw op 'Controleer mijn keuzes'.", "info"
            )
        self.bewaar(keuzes={**self._overige_keuzes, **self.gekozen()})

    def _motivatie_gewijzigd(self) -> None:
        if self._bezig_met_herstellen:
            return
        teksten = {rid: m.value for rid, m in self.motivaties.items()}
        self.bewaar(motivaties={**self._overige_motivaties, **teksten})

    def controleer(self) -> dict[str, bool | None]:
        """Per relatie met zelfcontrole: klopt de keuze (True/False), of is er nog niets gekozen (None)."""
        uitkomst: dict[str, bool | None] = {}
        for rid, keuze in self.keuzes.items():
            if rid not in self._zelfcontrole:
                continue
            if keuze.value == GEEN_KEUZE:
                uitkomst[rid] = None
            else:
                uitkomst[rid] = nakijken.klopt(self._zelfcontrole[rid], self.oefening, rid, keuze.value)
        return uitkomst

    def _controleer(self, _knop: widgets.Button | None = None) -> None:
        uitkomst = self.controleer()
        if not uitkomst:
            self.uitslag.value = opmaak_melding("Bij deze relaties is geen zelfcontrole.", "info")
            return
        namen = {r.id: relatie_naam(self._casus, r) for r in self._relaties}
        regels = []
        for rid, goed in uitkomst.items():
            tekst, soort = (NOG_LEEG, "info") if goed is None else ((KLOPT, "goed") if goed else (KLOPT_NIET, "fout"))
            regels.append(opmaak_melding(f"{namen[rid]}: {tekst}", soort))
        aantal_goed = sum(1 for g in uitkomst.values() if g)
        samenvatting = f"{aantal_goed} van de {len(uitkomst)} gecontroleerde keuzes kloppen."
        if len(uitkomst) < len(self.keuzes):
            samenvatting += " Bij de andere relaties is meer dan één vorm te verdedigen: daar telt je motivatie."
        self.uitslag.value = "".join(regels) + opmaak_melding(samenvatting, "info")
        self._gecontroleerd = True
