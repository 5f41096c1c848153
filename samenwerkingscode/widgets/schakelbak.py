"""Oefeningen 4a en 4c: twee weergaven over de Schakelbak.

- :class:`VoorstellenWidget` (4a): de geconsolideerde doelen van de partijen en de voorstellen uit
  ``model/voorstellen.yml``; de deelnemer deelt elk voorstel in als trade-off of compromis en
  motiveert dat. De weergave verklapt het oordeel van het model niet: een zelfcontrole vergelijkt
  alleen vingerafdrukken (:mod:`samenwerkingscode.nakijken`).
  Antwoordbestand: ``{"indeling": {voorstel-id: "trade_off"|"compromis"}, "motivaties": {voorstel-id: tekst}}``.
- :class:`DealWidget` (4c, eerste deel, en de eigen casus): de partijen van een casus met hun eigen
  doelen; de deelnemer schrijft het gezamenlijk doel en een voorstel, en geeft per eigen doel aan of
  het voorstel het dient, onaangeroerd laat of de partij het laat opgeven (met tegenprestatie). De
  weergave toont wat het model ervan vindt: trade-off of compromis
  (:func:`samenwerkingscode.model.schakelbak.beoordeel_voorstel`) en welke schakeling daarbij hoort
  (:func:`samenwerkingscode.model.schakelbak.signalen_uit_voorstel`). Hier mag het oordeel zichtbaar zijn:
  het gaat om de eigen voorstellen van de deelnemer, niet om de lesvoorbeelden van 4a.
  Antwoordbestand: ``{"gezamenlijk_doel": tekst, "beschrijving": tekst,
  "doel_gehaald": "volledig"|"deels"|"niet"|null,
  "doelen": {"<partij-id>|<index>": {"status": "gediend"|"onaangeroerd"|"opgegeven"|null, "tegenprestatie": tekst}}}``.
- :class:`SchakelbakWidget` (4c): eerst een :class:`DealWidget` ("Een voorstel toetsen", eigen sleutel
  ``<oefening>_voorstel``); dan kies je de huidige versnelling, vink je signalen aan, en de Schakelbak
  stelt een richting en interventies voor (:func:`samenwerkingscode.model.schakelbak.stel_schakeling_voor`);
  daaronder formuleert de deelnemer een eigen interventie.
  Antwoordbestand: ``{"huidige_vorm": vorm-sleutel|null, "signalen": [signaal-sleutel], "tekst": tekst}``.

Alle regels en teksten komen uit de modelbestanden; hier zit alleen de weergave.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import schakelbak
from samenwerkingscode.model import vormen as vormmodel
from samenwerkingscode.model.casus import Casus, Partij, herkomst_label, kit_casus
from samenwerkingscode.model.opdrachten import STANDAARD_CASUS
from samenwerkingscode.model.schakelbak import (
    Beoordeling,
    GeconsolideerdDoel,
    OpgegevenDoel,
    PartijDoelen,
    Schakeling,
    Voorstel,
)
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets._basis import OefeningWidget, brede_knop, opmaak_melding
from samenwerkingscode.widgets._opmaak import layout, maak
from samenwerkingscode.widgets.canvas import lees_casus

INDELINGEN: tuple[tuple[str, str], ...] = tuple(
    (s.replace("_", "-").capitalize(), s) for s in schakelbak.VOORSTEL_SOORTEN
)
GEEN_KEUZE = ""
KLOPT = "klopt"
KLOPT_NIET = "klopt nog niet: kijk nog eens naar het gezamenlijk doel en naar wat elke partij terugkrijgt"
NOG_LEEG = "nog niet ingedeeld"
UITWERKING = "<em>(uitwerking in deze cursuskit)</em>"

VOORBEELDCASUS = STANDAARD_CASUS
"""Het lopende voorbeeld; :class:`DealWidget` gebruikt het als het notebook geen casus meegeeft."""

#: Wat een voorstel met een eigen doel doet (de drie kolommen van de geconsolideerde doelen).
DOELSTATUSSEN: tuple[tuple[str, str], ...] = (
    ("Gediend", "gediend"),
    ("Onaangeroerd", "onaangeroerd"),
    ("Opgegeven", "opgegeven"),
)
#: Hoeveel van het gezamenlijk doel het voorstel haalt (``Voorstel.gezamenlijk_doel_gehaald``).
DOEL_GEHAALD: tuple[tuple[str, str], ...] = (("Volledig", "volledig"), ("Deels", "deels"), ("Niet", "niet"))


def _tekstdict(waarde: Any) -> dict[str, str]:
    """Alleen de tekstwaarden van een woordenboek uit het antwoordbestand (beschadiging telt niet)."""
    if not isinstance(waarde, Mapping):
        return {}
    return {str(k): v for k, v in waarde.items() if isinstance(v, str)}


def _lijst(items: Sequence[str]) -> str:
    return "<br>".join(html.escape(i) for i in items) if items else "<span style='color:#8a969d'>—</span>"


def _doelen_tabel(voorstel: Voorstel) -> str:
    """De geconsolideerde doelen van een voorstel als tabel: per partij gediend, onaangeroerd, opgegeven."""
    rijen = []
    for p in voorstel.doelen.partijen:
        opgegeven = [
            f"{o.doel} (in ruil voor: {o.tegenprestatie.strip()})" if o.heeft_tegenprestatie and o.tegenprestatie
            else f"{o.doel} (geen tegenprestatie genoemd)"
            for o in p.opgegeven
        ]  # fmt: skip
        rijen.append(
            f"<tr><td><strong>{html.escape(p.partij)}</strong></td><td>{_lijst(p.gediend)}</td>"
            f"<td>{_lijst(p.onaangeroerd)}</td><td>{_lijst(opgegeven)}</td></tr>"
        )
    kop = "".join(
        f"<th style='text-align:left;padding-right:1em'>{k}</th>"
        for k in ("Partij", "Eigen doelen die gediend worden", "Onaangeroerd", "Opgegeven")
    )
    return (
        "<table style='border-collapse:collapse;font-size:92%;margin:0.3em 0'>"
        f"<thead><tr>{kop}</tr></thead><tbody>{''.join(rijen)}</tbody></table>"
    )


def _schakeling_html(s: Schakeling, inleiding: str = "") -> str:
    """Het voorstel van de Schakelbak als kader: richting, doelvorm, uitleg en interventies.

    Eén opmaak voor beide weergaven, zodat een deelnemer het advies na een voorstel en na signalen
    op dezelfde manier leest.
    """
    richtingen = {r.sleutel: r for r in schakelbak.laad_schakelbak().richtingen}
    richting = richtingen[s.richting]
    doel = "geen versnelling: eerst een stap terug" if s.naar_vorm is None else vormmodel.naam(s.naar_vorm)
    interventies = "".join(f"<li>{html.escape(i)}</li>" for i in s.interventies)
    return (
        "<div style='border-left:4px solid #2E6E62;padding:0.3em 0.8em;margin:0.5em 0;background:#f4f8f6'>"
        + (f"<p style='margin:0 0 0.3em'>{html.escape(inleiding)}</p>" if inleiding else "")
        + f"<p style='margin:0'><strong>De Schakelbak stelt voor: {html.escape(richting.label)}</strong> "
        f"(naar: {html.escape(doel)})</p>"
        f"<p style='margin:0.3em 0'>{html.escape(s.uitleg)}</p>"
        + (
            f"<p style='margin:0.3em 0 0'>Mogelijke interventies:</p><ul style='margin-top:0'>{interventies}</ul>"
            if interventies
            else ""
        )
        + f"<p style='color:#66737b;font-size:90%;margin:0'>Regels en interventies: {UITWERKING}.</p></div>"
    )


def _tegenprestatie_layout(zichtbaar: bool) -> widgets.Layout:
    """Open of dicht: twee gedeelde layouts om tussen te wisselen, in plaats van een eigen layout per rij."""
    return layout(width="95%", margin="0 0 0 2em", display=None if zichtbaar else "none")


class VoorstellenWidget(OefeningWidget):
    """Deel elk voorstel in als trade-off of compromis en motiveer; het model verklapt het antwoord niet."""

    titel = "Trade-off of compromis?"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "4a",
        voorstellen: Sequence[str | Voorstel] | None = None,
        zelfcontrole: Mapping[str, str] | None = None,
    ) -> None:
        alle = schakelbak.voorstellen()
        if voorstellen is None:
            self._voorstellen = alle
        else:
            self._voorstellen = [v if isinstance(v, Voorstel) else schakelbak.voorstel(v) for v in voorstellen]
        if not self._voorstellen:
            raise RegieFout("Geef minstens één voorstel op om in te delen.")
        self._zelfcontrole = {str(k): str(v) for k, v in (zelfcontrole or {}).items()}
        self._overige_indeling: dict[str, str] = {}
        self._overige_motivaties: dict[str, str] = {}
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        sb = schakelbak.laad_schakelbak()
        begrippen = maak(
            widgets.HTML,
            "<p>Lees per voorstel wat het betekent voor het gezamenlijk doel en wat elke partij wint, houdt en "
            "opgeeft. Is het een trade-off of een compromis? Schrijf in een paar zinnen waarom.</p>"
            f"<ul><li><strong>Geconsolideerde doelen</strong>: {html.escape(sb.geconsolideerde_doelen.uitleg)}</li>"
            f"<li><strong>Trade-off</strong>: {html.escape(sb.trade_off.uitleg)}</li>"
            f"<li><strong>Compromis</strong>: {html.escape(sb.compromis.uitleg)}</li></ul>"
            f"<p style='color:#66737b;font-size:90%'>Begrippen en voorstellen: {UITWERKING}. "
            "De voorstellen zijn lesvoorbeelden, geen echte besluiten uit de casus.</p>",
        )
        doelen = {v.doelen.gezamenlijk_doel.strip() for v in self._voorstellen}
        gezamenlijk = (
            maak(widgets.HTML, f"<p><strong>Gezamenlijk doel</strong>: {html.escape(doelen.pop())}</p>")
            if len(doelen) == 1
            else None
        )
        self.indeling: dict[str, widgets.ToggleButtons] = {}
        self.motivaties: dict[str, widgets.Textarea] = {}
        blokken: list[widgets.Widget] = []
        for v in self._voorstellen:
            eigen_doel = (
                "" if gezamenlijk is not None
                else f"<p><strong>Gezamenlijk doel</strong>: {html.escape(v.doelen.gezamenlijk_doel)}</p>"
            )  # fmt: skip
            tekst = maak(
                widgets.HTML,
                f"<h4 style='margin:0.6em 0 0.2em'>{html.escape(v.titel)}</h4>"
                f"<p style='margin:0.2em 0'>{html.escape(v.beschrijving)}</p>{eigen_doel}"
                f"<p style='margin:0.2em 0'><strong>Gevolgen voor het gezamenlijk doel</strong>: "
                f"{html.escape(v.gevolgen_voor_doel)}</p>{_doelen_tabel(v)}",
            )
            keuze = maak(
                widgets.ToggleButtons,
                options=list(INDELINGEN),
                value=None,
                description="Dit is een:",
                style={"description_width": "initial"},
            )
            motivatie = maak(
                widgets.Textarea,
                placeholder="Waarom? Kijk naar het gezamenlijk doel en naar wat elke partij opgeeft en terugkrijgt.",
                layout=layout(width="100%", height="5em"),
            )
            keuze.observe(lambda _w: self._indeling_gewijzigd(), names="value")
            motivatie.observe(lambda _w: self._motivatie_gewijzigd(), names="value")
            self.indeling[v.id] = keuze
            self.motivaties[v.id] = motivatie
            blokken.append(
                maak(
                    widgets.VBox,
                    [tekst, keuze, motivatie],
                    layout=layout(border_bottom="1px solid #d0d7de", padding="4px 0"),
                )
            )
        self.knop_controleer = maak(
            widgets.Button, description="Controleer mijn indeling", button_style="primary", layout=brede_knop()
        )
        self.knop_controleer.on_click(self._controleer)
        if not self._zelfcontrole:
            self.knop_controleer.layout.display = "none"
        self.uitslag = maak(widgets.HTML)
        kop = [begrippen] + ([gezamenlijk] if gezamenlijk is not None else [])
        return maak(widgets.VBox, [*kop, *blokken, self.knop_controleer, self.uitslag])

    def herstel(self, stand: dict[str, Any]) -> None:
        indeling = _tekstdict(stand.get("indeling"))
        motivaties = _tekstdict(stand.get("motivaties"))
        geldig = {s for _, s in INDELINGEN}
        for vid, keuze in self.indeling.items():
            keuze.value = indeling[vid] if indeling.get(vid) in geldig else None
            self.motivaties[vid].value = motivaties.get(vid, "")
        self._overige_indeling = {k: v for k, v in indeling.items() if k not in self.indeling}
        self._overige_motivaties = {k: v for k, v in motivaties.items() if k not in self.motivaties}

    def gekozen(self) -> dict[str, str]:
        """De indeling per voorstel-id, zonder voorstellen die nog niet zijn ingedeeld."""
        return {vid: k.value for vid, k in self.indeling.items() if k.value}

    def _indeling_gewijzigd(self) -> None:
        if self._bezig_met_herstellen:
            return
        self.uitslag.value = ""
        self.bewaar(indeling={**self._overige_indeling, **self.gekozen()})

    def _motivatie_gewijzigd(self) -> None:
        if self._bezig_met_herstellen:
            return
        self.bewaar(motivaties={**self._overige_motivaties, **{vid: m.value for vid, m in self.motivaties.items()}})

    def controleer(self) -> dict[str, bool | None]:
        """Per voorstel met zelfcontrole: klopt de indeling (True/False), of is er nog niets gekozen (None)."""
        uitkomst: dict[str, bool | None] = {}
        for vid, keuze in self.indeling.items():
            if vid in self._zelfcontrole:
                uitkomst[vid] = (
                    None
                    if not keuze.value
                    else nakijken.klopt(self._zelfcontrole[vid], self.oefening, vid, keuze.value)
                )
        return uitkomst

    def _controleer(self, _knop: widgets.Button | None = None) -> None:
        uitkomst = self.controleer()
        titels = {v.id: v.titel for v in self._voorstellen}
        regels = []
        for vid, goed in uitkomst.items():
            tekst, soort = (NOG_LEEG, "info") if goed is None else ((KLOPT, "goed") if goed else (KLOPT_NIET, "fout"))
            regels.append(opmaak_melding(f"{titels[vid]}: {tekst}", soort))
        goed = sum(1 for g in uitkomst.values() if g)
        regels.append(
            opmaak_melding(f"{goed} van de {len(uitkomst)} indelingen kloppen. Je motivatie telt ook mee.", "info")
        )
        self.uitslag.value = "".join(regels)


_DOELRELATIE_WOORDEN = {
    "gedeeld": "gedeeld doel",
    "verenigbaar": "verenigbare doelen",
    "spanning": "spanning tussen doelen",
    "tegenstrijdig": "tegenstrijdige doelen",
}


def _doelen_uit_casus(casus: Casus | None) -> str:
    """Het kandidaat-gezamenlijk doel en de doelrelaties uit de casus, met hun herkomst (of niets)."""
    if casus is None or (casus.gezamenlijk_doel is None and not casus.doelrelaties):
        return ""
    namen = {p.id: p.naam for p in casus.partijen}
    regels = []
    doel = casus.gezamenlijk_doel
    if doel is not None:
        status = "kandidaat" if doel.status == "kandidaat" else "afgesproken"
        label = herkomst_label(doel, casus)
        regels.append(
            f"<li>Gezamenlijk doel ({status}) in de casus: {html.escape(doel.omschrijving)}"
            + (f" <em>{html.escape(label)}</em>" if label else "")
            + "</li>"
        )
    for relatie in casus.doelrelaties:
        label = herkomst_label(relatie, casus)
        partijen = ", ".join(namen.get(pid, pid) for pid in relatie.tussen)
        regels.append(
            f"<li>{html.escape(_DOELRELATIE_WOORDEN[relatie.soort].capitalize())} ({html.escape(partijen)}): "
            f"{html.escape(relatie.omschrijving)}" + (f" <em>{html.escape(label)}</em>" if label else "") + "</li>"
        )
    return "<ul style='margin:0.2em 0;color:#4a5a6a'>" + "".join(regels) + "</ul>"


class DealWidget(OefeningWidget):
    """Toets een eigen voorstel: de Schakelbak zegt trade-off of compromis, wat het kost en welke schakeling past.

    Anders dan :class:`VoorstellenWidget` (4a) toont deze weergave het oordeel van het model: de
    deelnemer toetst hier haar eigen voorstellen (Springendal of de eigen casus), en juist het
    oordeel met de redenering erbij is dan de hulp. ``huidige_vorm`` is de versnelling waarmee de
    Schakelbak rekent; zonder keuze geldt de ``uitgangsvorm`` uit ``model/schakelbak.yml``.
    """

    titel = "Een voorstel toetsen"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "4c_voorstel",
        casus: Casus | str | Path | None = None,
        huidige_vorm: str | None = None,
        *,
        ingebed: bool = False,
    ) -> None:
        fouten: list[str] = []
        gelezen, _, fout = lees_casus(kit_casus(VOORBEELDCASUS) if casus is None else casus)
        if fout:
            fouten.append(fout)
        self._gelezen = gelezen
        partijen = list(gelezen.partijen) if gelezen is not None else []
        self._partijen: list[Partij] = [p for p in partijen if p.doelen]
        self._zonder_doelen = [p.naam for p in partijen if not p.doelen]
        self._huidige_vorm = _controleer_vorm(huidige_vorm)
        # Ingebed in de SchakelbakWidget: die toont de meldingen over het antwoordbestand al.
        self._ingebed = ingebed
        self._overige_doelen: dict[str, Any] = {}
        super().__init__(opslag, oefening)
        if ingebed and opslag is None:
            self.status.value = ""
        for melding in fouten:
            self.meldingen.value += opmaak_melding(melding, "fout")

    def _toon_opslagmeldingen(self) -> None:
        if not self._ingebed:
            super()._toon_opslagmeldingen()

    # --- opbouw ------------------------------------------------------------------------------
    def bouw(self) -> widgets.Widget:
        sb = schakelbak.laad_schakelbak()
        uitleg = maak(
            widgets.HTML,
            "<p>Toets een voorstel dat op tafel ligt, in Springendal of in je eigen casus. Schrijf het "
            "gezamenlijk doel en het voorstel op, en geef per partij aan wat het voorstel met haar eigen doelen "
            "doet. De Schakelbak zegt dan of het een trade-off of een compromis is, wat het kost voor het "
            "gezamenlijk doel en welke schakeling past.</p>"
            f"<ul><li><strong>Geconsolideerde doelen</strong>: {html.escape(sb.geconsolideerde_doelen.uitleg)}</li>"
            f"<li><strong>{html.escape(_soortnaam('trade_off'))}</strong>: {html.escape(sb.trade_off.uitleg)}</li>"
            f"<li><strong>{html.escape(_soortnaam('compromis'))}</strong>: {html.escape(sb.compromis.uitleg)}</li></ul>"
            f"<p style='color:#66737b;font-size:90%'>Begrippen en regels: {UITWERKING}.</p>",
        )
        self.gezamenlijk_doel = maak(
            widgets.Textarea,
            placeholder="Het gezamenlijk doel: waar binden alle partijen zich aan?",
            layout=layout(width="100%", height="3.5em"),
        )
        self.beschrijving = maak(
            widgets.Textarea,
            placeholder="Het voorstel in een paar zinnen: wat houdt het in, en wat betekent het voor het gezamenlijk doel?",
            layout=layout(width="100%", height="5em"),
        )
        self.doel_gehaald = maak(
            widgets.ToggleButtons,
            options=list(DOEL_GEHAALD),
            value=None,
            description="Het gezamenlijk doel wordt gehaald:",
            style={"description_width": "initial"},
        )
        self.doelen: dict[str, widgets.ToggleButtons] = {}
        self.tegenprestaties: dict[str, widgets.Text] = {}
        blokken: list[widgets.Widget] = []
        # Alle opmaak is gedeeld (zie ``_opmaak``); de tegenprestatie wisselt tussen twee gedeelde layouts.
        doel_layout = layout(width="35%", padding="0 0 0 1em")
        partij_layout = layout(border_bottom="1px solid #d0d7de", padding="4px 0")
        for partij in self._partijen:
            label = herkomst_label(partij, self._gelezen)
            uitwerking = f" <em>{html.escape(label)}</em>" if label else ""
            rijen: list[widgets.Widget] = [
                maak(widgets.HTML, f"<strong>{html.escape(partij.naam)}</strong>{uitwerking}")
            ]
            for index, doel in enumerate(partij.doelen):
                sleutel = f"{partij.id}|{index}"
                keuze = maak(
                    widgets.ToggleButtons,
                    options=list(DOELSTATUSSEN),
                    value=None,
                    style={"button_width": "7.5em"},
                )
                tegenprestatie = maak(
                    widgets.Text,
                    placeholder="Wat krijgt de partij ervoor terug? Laat leeg als ze niets terugkrijgt.",
                    description="Tegenprestatie:",
                    style={"description_width": "initial"},
                    layout=_tegenprestatie_layout(zichtbaar=False),
                )
                keuze.observe(lambda _w: self._doelen_gewijzigd(), names="value")
                tegenprestatie.observe(lambda _w: self._doelen_gewijzigd(), names="value")
                self.doelen[sleutel] = keuze
                self.tegenprestaties[sleutel] = tegenprestatie
                rijen += [
                    maak(
                        widgets.HBox,
                        [maak(widgets.HTML, html.escape(doel), layout=doel_layout), keuze],
                    ),
                    tegenprestatie,
                ]
            blokken.append(maak(widgets.VBox, rijen, layout=partij_layout))
        zonder = (
            [maak(widgets.HTML, f"<p style='color:#66737b;font-size:90%'>Zonder eigen doelen in de casus (staan hier niet): "
                          f"{html.escape(', '.join(self._zonder_doelen))}.</p>")]
            if self._zonder_doelen else []
        )  # fmt: skip
        self.oordeel = maak(widgets.HTML)
        self.advies = maak(widgets.HTML)
        for veld in (self.gezamenlijk_doel, self.beschrijving, self.doel_gehaald):
            veld.observe(self._voorstel_gewijzigd, names="value")
        return maak(
            widgets.VBox,
            [
                uitleg,
                maak(widgets.HTML, "<strong>Gezamenlijk doel</strong>"),
                maak(widgets.HTML, _doelen_uit_casus(self._gelezen)),
                self.gezamenlijk_doel,
                maak(widgets.HTML, "<strong>Het voorstel</strong>"),
                self.beschrijving,
                self.doel_gehaald,
                maak(
                    widgets.HTML,
                    "<strong>Geconsolideerde doelen</strong>: wat doet het voorstel met de eigen doelen van elke partij?",
                ),
                *blokken,
                *zonder,
                self.oordeel,
                self.advies,
            ],
        )

    def herstel(self, stand: dict[str, Any]) -> None:
        for veld, sleutel in ((self.gezamenlijk_doel, "gezamenlijk_doel"), (self.beschrijving, "beschrijving")):
            waarde = stand.get(sleutel)
            veld.value = waarde if isinstance(waarde, str) else ""
        gehaald = stand.get("doel_gehaald")
        self.doel_gehaald.value = gehaald if gehaald in {w for _, w in DOEL_GEHAALD} else None
        doelen = stand.get("doelen")
        doelen = {str(k): v for k, v in doelen.items() if isinstance(v, Mapping)} if isinstance(doelen, Mapping) else {}
        statussen = {w for _, w in DOELSTATUSSEN}
        for sleutel, keuze in self.doelen.items():
            item = doelen.get(sleutel, {})
            keuze.value = item.get("status") if item.get("status") in statussen else None
            tekst = item.get("tegenprestatie")
            self.tegenprestaties[sleutel].value = tekst if isinstance(tekst, str) else ""
        self._overige_doelen = {k: dict(v) for k, v in doelen.items() if k not in self.doelen}
        self._toon()

    # --- wat de deelnemer invulde, als model ------------------------------------------------
    def ontbreekt(self) -> list[str]:
        """Wat nog moet worden ingevuld voordat de Schakelbak een oordeel kan geven."""
        uit: list[str] = []
        if not self.gezamenlijk_doel.value.strip():
            uit.append("het gezamenlijk doel")
        if not self.beschrijving.value.strip():
            uit.append("een korte beschrijving van het voorstel")
        if self.doel_gehaald.value is None:
            uit.append("of het gezamenlijk doel volledig, deels of niet wordt gehaald")
        if not self._partijen:
            uit.append("partijen met eigen doelen (in het casusbestand)")
        return uit

    def voorstel(self) -> Voorstel | None:
        """Het voorstel zoals het model het kent, of None zolang er iets ontbreekt.

        De beschrijving dient ook als 'gevolgen voor het gezamenlijk doel': de deelnemer schrijft
        daar (zo vraagt het invulveld) wat het voorstel voor het doel betekent. Kan pydantic het voorstel niet maken (twee
        partijen met dezelfde naam in een eigen casus), dan volgt een ``ValidationError``.
        """
        if self.ontbreekt():
            return None
        rekening: list[PartijDoelen] = []
        for partij in self._partijen:
            gediend: list[str] = []
            onaangeroerd: list[str] = []
            opgegeven: list[OpgegevenDoel] = []
            for index, doel in enumerate(partij.doelen):
                sleutel = f"{partij.id}|{index}"
                status = self.doelen[sleutel].value
                if status == "gediend":
                    gediend.append(doel)
                elif status == "onaangeroerd":
                    onaangeroerd.append(doel)
                elif status == "opgegeven":
                    tegen = self.tegenprestaties[sleutel].value.strip()
                    opgegeven.append(OpgegevenDoel(doel=doel, tegenprestatie=tegen or None))
            rekening.append(
                PartijDoelen(partij=partij.naam, gediend=gediend, onaangeroerd=onaangeroerd, opgegeven=opgegeven)
            )
        beschrijving = self.beschrijving.value.strip()
        return Voorstel(
            id="eigen-voorstel",
            titel="Eigen voorstel",
            beschrijving=beschrijving,
            gezamenlijk_doel_gehaald=self.doel_gehaald.value,
            gevolgen_voor_doel=f"Volgens je beschrijving: {schakelbak.als_zin(beschrijving)}",
            doelen=GeconsolideerdDoel(gezamenlijk_doel=self.gezamenlijk_doel.value.strip(), partijen=rekening),
        )

    def beoordeling(self) -> Beoordeling | None:
        """Het oordeel van het model (:func:`~samenwerkingscode.model.schakelbak.beoordeel_voorstel`), of None."""
        v = self.voorstel()
        return schakelbak.beoordeel_voorstel(v) if v is not None else None

    def versnelling(self) -> str | None:
        """De versnelling waarmee de Schakelbak rekent: de gekozen, anders de uitgangsvorm uit het model."""
        if self._huidige_vorm is not None:
            return self._huidige_vorm
        regels = schakelbak.laad_schakelbak().uit_voorstel
        return regels.uitgangsvorm if regels is not None else None

    def schakeling(self) -> Schakeling | None:
        """De schakeling die bij het oordeel hoort, of None zolang er geen oordeel of versnelling is."""
        b = self.beoordeling()
        vorm = self.versnelling()
        if b is None or vorm is None:
            return None
        return schakelbak.stel_schakeling_voor(vorm, schakelbak.signalen_uit_voorstel(b))

    def gebruik_versnelling(self, vorm: str | None) -> None:
        """Reken met een andere huidige versnelling (de SchakelbakWidget geeft zo haar keuze door)."""
        vorm = _controleer_vorm(vorm)
        if vorm != self._huidige_vorm:
            self._huidige_vorm = vorm
            self._toon()

    # --- wijzigingen ----------------------------------------------------------------------------
    def _voorstel_gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        if self._bezig_met_herstellen:
            return
        self.bewaar(
            gezamenlijk_doel=self.gezamenlijk_doel.value,
            beschrijving=self.beschrijving.value,
            doel_gehaald=self.doel_gehaald.value,
        )
        self._toon()

    def _doelen_gewijzigd(self) -> None:
        if self._bezig_met_herstellen:
            return
        self.bewaar(
            doelen={
                **self._overige_doelen,
                **{
                    k: {"status": keuze.value, "tegenprestatie": self.tegenprestaties[k].value}
                    for k, keuze in self.doelen.items()
                },
            }
        )
        self._toon()

    def _toon(self) -> None:
        for sleutel, keuze in self.doelen.items():
            self.tegenprestaties[sleutel].layout = _tegenprestatie_layout(zichtbaar=keuze.value == "opgegeven")
        self.advies.value = ""
        ontbreekt = self.ontbreekt()
        if ontbreekt:
            self.oordeel.value = opmaak_melding(f"Vul nog in: {'; '.join(ontbreekt)}.", "info")
            return
        try:
            b = self.beoordeling()
        except ValidationError as fout:
            melding = fout.errors()[0]["msg"]
            self.oordeel.value = opmaak_melding(f"De Schakelbak kan dit voorstel niet beoordelen: {melding}.", "fout")
            return
        if b is None:
            return
        self.oordeel.value = self._oordeel_html(b)
        s = self.schakeling()
        if s is None:
            self.advies.value = opmaak_melding(
                "Het modelbestand van de Schakelbak zegt niet welke schakeling bij een voorstel hoort. "
                "Kies een huidige versnelling om toch een voorstel te krijgen.",
                "info",
            )
            return
        regels = schakelbak.laad_schakelbak().uit_voorstel
        delen = [regels.geval(g).uitleg.strip() for g in schakelbak.gevallen_van_voorstel(b)] if regels else []
        if s.van_vorm is not None:
            delen.append(f"De Schakelbak rekent vanuit de versnelling {vormmodel.naam(s.van_vorm)}.")
        if self._huidige_vorm is None and regels is not None:
            delen.append(regels.toelichting.strip())
        self.advies.value = _schakeling_html(s, " ".join(delen))

    def _oordeel_html(self, b: Beoordeling) -> str:
        open_ = sum(1 for k in self.doelen.values() if k.value is None)
        kleur = "#1e6b3a" if b.soort == "trade_off" else "#8a5a00"
        nog_open = (
            f"<p style='color:#66737b;font-size:90%;margin:0.3em 0 0'>Je hebt {open_} van de {len(self.doelen)} "
            "eigen doelen nog niet ingedeeld. Het oordeel telt alleen de doelen die je wel hebt ingedeeld.</p>"
            if open_
            else ""
        )
        return (
            f"<div style='border-left:4px solid {kleur};padding:0.3em 0.8em;margin:0.5em 0;background:#faf8f2'>"
            f"<p style='margin:0'><strong>Oordeel van de Schakelbak: {html.escape(_soortnaam(b.soort))}</strong></p>"
            f"<p style='margin:0.3em 0'>{html.escape(b.uitleg)}</p>"
            f"<p style='margin:0.3em 0'><strong>Wat het kost voor het gezamenlijk doel</strong>: "
            f"{html.escape(b.kosten_voor_gezamenlijk_doel)}</p>{nog_open}"
            f"<p style='color:#66737b;font-size:90%;margin:0'>Regels: {UITWERKING}.</p></div>"
        )


def _soortnaam(soort: str) -> str:
    """De naam van een oordeel zoals het modelbestand (en dus het idioom) hem spelt."""
    sb = schakelbak.laad_schakelbak()
    uitleg = sb.trade_off if soort == "trade_off" else sb.compromis
    return uitleg.term or ("Trade-off" if soort == "trade_off" else "Compromis")


def _controleer_vorm(vorm: str | None) -> str | None:
    """Een bekende vorm-sleutel (of None); een onbekende geeft een Nederlandse fout."""
    if vorm is None or vorm == GEEN_KEUZE:
        return None
    alle = [v.sleutel.value for v in vormmodel.vormen()]
    if vorm not in alle:
        raise RegieFout(f"Onbekende samenwerkingsvorm: {vorm}; kies uit {', '.join(alle)}.")
    return vorm


class SchakelbakWidget(OefeningWidget):
    """Kies de versnelling en de signalen; de Schakelbak stelt een richting en interventies voor."""

    titel = "Interventie formuleren met de Schakelbak"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "4c",
        vormen: Sequence[str] | None = None,
        casus: Casus | str | Path | None = None,
        met_voorstel: bool = True,
    ) -> None:
        alle = [v.sleutel.value for v in vormmodel.vormen()]
        gevraagd = list(vormen) if vormen is not None else alle
        onbekend = [v for v in gevraagd if v not in alle]
        if onbekend:
            raise RegieFout(f"Onbekende samenwerkingsvorm: {', '.join(onbekend)}; kies uit {', '.join(alle)}.")
        self._vormen = gevraagd
        self._casus = casus
        self._met_voorstel = met_voorstel
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        sb = schakelbak.laad_schakelbak()
        uitleg = maak(
            widgets.HTML,
            f"<p>{html.escape(sb.toelichting)}</p>"
            "<p>Kies in welke versnelling de samenwerking nu staat en vink de signalen aan die je ziet. De "
            "Schakelbak stelt een richting en interventies voor; formuleer daarna je eigen interventie.</p>",
        )
        opties = [("— kies —", GEEN_KEUZE)] + [
            (f"{vormmodel.vorm(s).versnelling}. {vormmodel.naam(s)}", s) for s in self._vormen
        ]
        self.huidige_vorm = maak(
            widgets.Dropdown,
            options=opties,
            value=GEEN_KEUZE,
            description="Huidige versnelling:",
            style={"description_width": "initial"},
        )
        self.vorm_uitleg = maak(widgets.HTML)
        self.signalen: dict[str, widgets.Checkbox] = {}
        for s in schakelbak.signalen():
            vinkje = maak(
                widgets.Checkbox,
                value=False,
                description=s.label,
                indent=False,
                tooltip=s.uitleg,
                layout=layout(width="auto"),
            )
            vinkje.observe(lambda _w: self._gewijzigd(), names="value")
            self.signalen[s.sleutel] = vinkje
        self.advies = maak(widgets.HTML)
        self.tekst = maak(
            widgets.Textarea,
            placeholder="Jouw interventie: wat ga je doen, met wie, en waarom past dat bij deze samenwerking?",
            layout=layout(width="100%", height="8em"),
        )
        self.huidige_vorm.observe(lambda _w: self._gewijzigd(), names="value")
        self.tekst.observe(self._tekst_gewijzigd, names="value")
        # Eerst een voorstel toetsen (eigen sleutel in het antwoordbestand), dan schakelen.
        self.voorstel: DealWidget | None = (
            DealWidget(self.opslag, f"{self.oefening}_voorstel", casus=self._casus, ingebed=True)
            if self._met_voorstel
            else None
        )
        return maak(
            widgets.VBox,
            [
                *([self.voorstel.widget] if self.voorstel is not None else []),
                uitleg,
                self.huidige_vorm,
                self.vorm_uitleg,
                maak(widgets.HTML, "<strong>Signalen die je ziet:</strong>"),
                maak(widgets.VBox, list(self.signalen.values())),
                self.advies,
                maak(widgets.HTML, "<strong>Jouw interventie</strong>"),
                self.tekst,
            ],
        )

    def herstel(self, stand: dict[str, Any]) -> None:
        vorm = stand.get("huidige_vorm")
        self.huidige_vorm.value = vorm if isinstance(vorm, str) and vorm in self._vormen else GEEN_KEUZE
        gekozen = stand.get("signalen")
        gekozen = set(gekozen) if isinstance(gekozen, list) else set()
        for sleutel, vinkje in self.signalen.items():
            vinkje.value = sleutel in gekozen
        tekst = stand.get("tekst")
        self.tekst.value = tekst if isinstance(tekst, str) else ""
        self._toon()

    def gekozen_signalen(self) -> list[str]:
        """De aangevinkte signalen, in de volgorde van het modelbestand."""
        return [s for s, v in self.signalen.items() if v.value]

    def schakeling(self) -> Schakeling | None:
        """Het voorstel van de Schakelbak, of None zolang er geen versnelling gekozen is."""
        if self.huidige_vorm.value == GEEN_KEUZE:
            return None
        return schakelbak.stel_schakeling_voor(self.huidige_vorm.value, self.gekozen_signalen())

    def _gewijzigd(self) -> None:
        if self._bezig_met_herstellen:
            return
        self.bewaar(huidige_vorm=self.huidige_vorm.value or None, signalen=self.gekozen_signalen())
        self._toon()

    def _tekst_gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        self.bewaar(tekst=self.tekst.value)

    def _toon(self) -> None:
        sleutel = self.huidige_vorm.value
        if self.voorstel is not None:
            self.voorstel.gebruik_versnelling(sleutel or None)
        versnelling = next((v for v in schakelbak.versnellingen() if v.vorm == sleutel), None)
        self.vorm_uitleg.value = (
            f"<div style='color:#4a5a6a;font-size:92%'>{html.escape(versnelling.binding)}</div>" if versnelling else ""
        )
        s = self.schakeling()
        if s is None:
            self.advies.value = opmaak_melding("Kies eerst de versnelling waarin de samenwerking nu staat.", "info")
            return
        self.advies.value = _schakeling_html(s)
