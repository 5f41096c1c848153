"""Oefeningen 4a en 4c: twee weergaven over de Schakelbak.

- :class:`VoorstellenWidget` (4a): de geconsolideerde doelen van de partijen en de voorstellen uit
  ``model/voorstellen.yml``; de deelnemer deelt elk voorstel in als trade-off of compromis en
  motiveert dat. De weergave verklapt het oordeel van het model niet: een zelfcontrole vergelijkt
  alleen vingerafdrukken (:mod:`samenwerkingscode.nakijken`).
  Antwoordbestand: ``{"indeling": {voorstel-id: "trade_off"|"compromis"}, "motivaties": {voorstel-id: tekst}}``.
- :class:`SchakelbakWidget` (4c): kies de huidige versnelling, vink signalen aan, en de Schakelbak
  stelt een richting en interventies voor (:func:`samenwerkingscode.schakelbak.stel_schakeling_voor`);
  daaronder formuleert de deelnemer een eigen interventie.
  Antwoordbestand: ``{"huidige_vorm": vorm-sleutel|null, "signalen": [signaal-sleutel], "tekst": tekst}``.

Alle regels en teksten komen uit de modelbestanden; hier zit alleen de weergave.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from samenwerkingscode import nakijken, schakelbak
from samenwerkingscode import vormen as vormmodel
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.schakelbak import Schakeling, Voorstel
from samenwerkingscode.widgets._basis import OefeningWidget, opmaak_melding
from samenwerkingscode.yamlbestand import RegieFout

INDELINGEN: tuple[tuple[str, str], ...] = (("Trade-off", "trade_off"), ("Compromis", "compromis"))
GEEN_KEUZE = ""
KLOPT = "klopt"
KLOPT_NIET = "klopt nog niet: kijk nog eens naar het gezamenlijk doel en naar wat elke partij terugkrijgt"
NOG_LEEG = "nog niet ingedeeld"
UITWERKING = "<em>(uitwerking in deze cursuskit)</em>"


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


class VoorstellenWidget(OefeningWidget):
    """Deel elk voorstel in als trade-off of compromis en motiveer; het model verklapt het antwoord niet."""

    titel = "Trade-off of compromis?"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "4a",
        voorstellen: Sequence[str] | None = None,
        zelfcontrole: Mapping[str, str] | None = None,
    ) -> None:
        alle = schakelbak.voorstellen()
        if voorstellen is None:
            self._voorstellen = alle
        else:
            self._voorstellen = [schakelbak.voorstel(v) for v in voorstellen]
        if not self._voorstellen:
            raise RegieFout("Geef minstens één voorstel op om in te delen.")
        self._zelfcontrole = {str(k): str(v) for k, v in (zelfcontrole or {}).items()}
        self._overige_indeling: dict[str, str] = {}
        self._overige_motivaties: dict[str, str] = {}
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        sb = schakelbak.laad_schakelbak()
        begrippen = widgets.HTML(
            "<p>Lees per voorstel wat het betekent voor het gezamenlijk doel en wat elke partij wint, houdt en "
            "opgeeft. Is het een trade-off of een compromis? Schrijf in een paar zinnen waarom.</p>"
            f"<ul><li><strong>Geconsolideerde doelen</strong>: {html.escape(sb.geconsolideerde_doelen.uitleg)}</li>"
            f"<li><strong>Trade-off</strong>: {html.escape(sb.trade_off.uitleg)}</li>"
            f"<li><strong>Compromis</strong>: {html.escape(sb.compromis.uitleg)}</li></ul>"
            f"<p style='color:#66737b;font-size:90%'>Begrippen en voorstellen: {UITWERKING}. "
            "De voorstellen zijn lesvoorbeelden, geen echte besluiten uit Springendal.</p>"
        )
        doelen = {v.doelen.gezamenlijk_doel.strip() for v in self._voorstellen}
        gezamenlijk = (
            widgets.HTML(f"<p><strong>Gezamenlijk doel</strong>: {html.escape(doelen.pop())}</p>")
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
            tekst = widgets.HTML(
                f"<h4 style='margin:0.6em 0 0.2em'>{html.escape(v.titel)}</h4>"
                f"<p style='margin:0.2em 0'>{html.escape(v.beschrijving)}</p>{eigen_doel}"
                f"<p style='margin:0.2em 0'><strong>Gevolgen voor het gezamenlijk doel</strong>: "
                f"{html.escape(v.gevolgen_voor_doel)}</p>{_doelen_tabel(v)}"
            )
            keuze = widgets.ToggleButtons(options=list(INDELINGEN), value=None, description="Dit is een:")
            keuze.style.description_width = "initial"
            motivatie = widgets.Textarea(
                placeholder="Waarom? Kijk naar het gezamenlijk doel en naar wat elke partij opgeeft en terugkrijgt.",
                layout=widgets.Layout(width="100%", height="5em"),
            )
            keuze.observe(lambda _w: self._indeling_gewijzigd(), names="value")
            motivatie.observe(lambda _w: self._motivatie_gewijzigd(), names="value")
            self.indeling[v.id] = keuze
            self.motivaties[v.id] = motivatie
            blokken.append(
                widgets.VBox(
                    [tekst, keuze, motivatie], layout=widgets.Layout(border_bottom="1px solid #d0d7de", padding="4px 0")
                )
            )
        self.knop_controleer = widgets.Button(description="Controleer mijn indeling", button_style="primary")
        self.knop_controleer.on_click(self._controleer)
        if not self._zelfcontrole:
            self.knop_controleer.layout.display = "none"
        self.uitslag = widgets.HTML()
        kop = [begrippen] + ([gezamenlijk] if gezamenlijk is not None else [])
        return widgets.VBox([*kop, *blokken, self.knop_controleer, self.uitslag])

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


class SchakelbakWidget(OefeningWidget):
    """Kies de versnelling en de signalen; de Schakelbak stelt een richting en interventies voor."""

    titel = "Interventie formuleren met de Schakelbak"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "4c",
        vormen: Sequence[str] | None = None,
    ) -> None:
        alle = [v.sleutel.value for v in vormmodel.vormen()]
        gevraagd = list(vormen) if vormen is not None else alle
        onbekend = [v for v in gevraagd if v not in alle]
        if onbekend:
            raise RegieFout(f"Onbekende samenwerkingsvorm: {', '.join(onbekend)}; kies uit {', '.join(alle)}.")
        self._vormen = gevraagd
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        sb = schakelbak.laad_schakelbak()
        uitleg = widgets.HTML(
            f"<p>{html.escape(sb.toelichting)}</p>"
            "<p>Kies in welke versnelling de samenwerking nu staat en vink de signalen aan die je ziet. De "
            "Schakelbak stelt een richting en interventies voor; formuleer daarna je eigen interventie.</p>"
        )
        opties = [("— kies —", GEEN_KEUZE)] + [
            (f"{vormmodel.vorm(s).versnelling}. {vormmodel.naam(s)}", s) for s in self._vormen
        ]
        self.huidige_vorm = widgets.Dropdown(
            options=opties, value=GEEN_KEUZE, description="Huidige versnelling:", style={"description_width": "initial"}
        )
        self.vorm_uitleg = widgets.HTML()
        self.signalen: dict[str, widgets.Checkbox] = {}
        for s in schakelbak.signalen():
            vinkje = widgets.Checkbox(
                value=False,
                description=s.label,
                indent=False,
                tooltip=s.uitleg,
                layout=widgets.Layout(width="auto"),
            )
            vinkje.observe(lambda _w: self._gewijzigd(), names="value")
            self.signalen[s.sleutel] = vinkje
        self.advies = widgets.HTML()
        self.tekst = widgets.Textarea(
            placeholder="Jouw interventie: wat ga je doen, met wie, en waarom past dat bij deze samenwerking?",
            layout=widgets.Layout(width="100%", height="8em"),
        )
        self.huidige_vorm.observe(lambda _w: self._gewijzigd(), names="value")
        self.tekst.observe(self._tekst_gewijzigd, names="value")
        return widgets.VBox(
            [
                uitleg,
                self.huidige_vorm,
                self.vorm_uitleg,
                widgets.HTML("<strong>Signalen die je ziet:</strong>"),
                widgets.VBox(list(self.signalen.values())),
                self.advies,
                widgets.HTML("<strong>Jouw interventie</strong>"),
                self.tekst,
            ]
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
        versnelling = next((v for v in schakelbak.versnellingen() if v.vorm == sleutel), None)
        self.vorm_uitleg.value = (
            f"<div style='color:#4a5a6a;font-size:92%'>{html.escape(versnelling.binding)}</div>" if versnelling else ""
        )
        s = self.schakeling()
        if s is None:
            self.advies.value = opmaak_melding("Kies eerst de versnelling waarin de samenwerking nu staat.", "info")
            return
        richtingen = {r.sleutel: r for r in schakelbak.laad_schakelbak().richtingen}
        richting = richtingen[s.richting]
        doel = "geen versnelling: eerst een stap terug" if s.naar_vorm is None else vormmodel.naam(s.naar_vorm)
        interventies = "".join(f"<li>{html.escape(i)}</li>" for i in s.interventies)
        self.advies.value = (
            "<div style='border-left:4px solid #2E6E62;padding:0.3em 0.8em;margin:0.5em 0;background:#f4f8f6'>"
            f"<p style='margin:0'><strong>De Schakelbak stelt voor: {html.escape(richting.label)}</strong> "
            f"(naar: {html.escape(doel)})</p>"
            f"<p style='margin:0.3em 0'>{html.escape(s.uitleg)}</p>"
            + (
                f"<p style='margin:0.3em 0 0'>Mogelijke interventies:</p><ul style='margin-top:0'>{interventies}</ul>"
                if interventies
                else ""
            )
            + f"<p style='color:#66737b;font-size:90%;margin:0'>Regels en interventies: {UITWERKING}.</p></div>"
        )
