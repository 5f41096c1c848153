"""De widget Samenwerkingscanvas: de negen velden zoals op het canvas, met start, voortgang en export.

Titels, vragen, toelichting en de plaats van elk veld komen uit ``model/canvas.yml`` (via
:mod:`samenwerkingscode.model.canvas`), de definities in de tooltips uit het idioom. De widget zelf
rekent niets uit: volledigheid, poster en casusbestand komen uit het model, de figuren en
:mod:`samenwerkingscode.model.casus`.

Nooit stil tekst kwijt
----------------------
Wie van startpunt wisselt (leeg, de casus, de eigen casus) terwijl er al tekst in de velden
staat, krijgt eerst een vraag: *Vervang alle velden* (de tweede klik die bevestigt), *Vul alleen
lege velden aan* of *Annuleren*. Zijn alle velden leeg, of staat er al precies wat de bron zou
invullen, dan wordt meteen gevuld. Ook ``Bewaar als casusbestand`` vervangt het canvas in een
bestaand bestand pas na een tweede klik, en nooit in een bestand dat niet te lezen is. Bewaren
verandert alleen het canvas: de titel, de opmerkingen en de rest van het bestand blijven staan
(:func:`samenwerkingscode.eigen_casus.bewaar_canvas`).

De eigen casus komt uit :mod:`samenwerkingscode.eigen_casus`: wie er een kiest, kiest hem voor
alle widgets.

Antwoordbestand: ``{"velden": {canvas-sleutel: tekst}, "start": "leeg"|"casus"|"eigen",
"casus": bestandsnaam|None, "titel": tekst}``. ``titel`` (de titel van de casus, ook de titel van
de poster) is een aanvulling op de vaste afspraak, zodat ook die een herstart overleeft.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from samenwerkingscode import eigen_casus
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import canvas as canvasmodel
from samenwerkingscode.model import casus as casusmodule
from samenwerkingscode.model import idioom
from samenwerkingscode.model.casus import Casus, als_eigen, canvas_inhoud, canvas_noot, herkomst_noot, laad_casus
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets._basis import OefeningWidget, brede_knop, opmaak_melding
from samenwerkingscode.widgets._opmaak import layout, maak

LEEG, CASUS, EIGEN = "leeg", "casus", "eigen"
"""De drie startpunten, zoals ze in het antwoordbestand staan."""

KERN_KLEUR = "#1e6b3a"
AFSPRAKEN_KLEUR = "#b8c2cc"
STANDAARD_POSTERTITEL = "Mijn samenwerking"


def casussen_map(vanaf: Path | None = None) -> Path | None:
    """De map ``casussen`` van de kit: naast het pakket, anders de dichtstbijzijnde vanaf ``vanaf`` omhoog.

    Een notebook draait in ``notebooks/blok1/``, maar ook in nbgraders ``release/…`` of een kopie;
    zo vindt dezelfde notebookcel de map overal, in dezelfde volgorde als ``casus.kit_casus``.
    """
    start = (vanaf or Path.cwd()).resolve()
    kandidaten = [Path(casusmodule.__file__).resolve().parent.parent] if vanaf is None else []
    for map in (*kandidaten, start, *start.parents):
        if (map / "casussen").is_dir():
            return map / "casussen"
    return None


def standaard_eigen_map() -> Path:
    """Waar de eigen casus van een deelnemer staat: zijn werkmap, zie :func:`eigen_casus.eigen_map`."""
    return eigen_casus.eigen_map()


def bestandsnaam(titel: str) -> str:
    """Een veilige bestandsnaam voor een casustitel: kleine letters, cijfers en streepjes, ``.yml``."""
    tekst = unicodedata.normalize("NFKD", titel).encode("ascii", "ignore").decode("ascii").lower()
    stam = re.sub(r"[^a-z0-9]+", "-", tekst).strip("-")[:60].strip("-")
    return f"{stam or 'eigen-casus'}.yml"


def lees_casus(casus: Casus | str | os.PathLike[str] | None) -> tuple[Casus | None, str | None, str | None]:
    """(casus, bestandsnaam, foutmelding): een widget toont een fout, het notebook crasht niet."""
    if casus is None or isinstance(casus, Casus):
        return casus, None, None
    pad = Path(casus)
    try:
        gelezen = laad_casus(pad)
        if eigen_casus.is_eigen_bestand(pad):
            gelezen = als_eigen(gelezen)  # een reconstructie in je eigen casus is van jou, niet van de kit
        return gelezen, pad.name, None
    except RegieFout as fout:
        return None, pad.name, f"De casus kon niet worden geladen. {fout}"


def _als_tekst(waarde: Any) -> str:
    """Een veld uit het antwoordbestand als tekst: een lijst wordt één item per regel."""
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, Sequence):
        return "\n".join(str(w) for w in waarde)
    return str(waarde)


def _bronnaam(naam: str | None, gelezen: Casus | None) -> str:
    """Hoe een bron in een melding heet: de bestandsnaam, anders de titel van de casus."""
    return naam or (gelezen.titel if gelezen is not None else "de casus")


def _tooltip(term: str, reserve: str = "") -> str:
    """De definitie uit het idioom als hulptekst; bestaat de term (nog) niet, dan de reservetekst."""
    return idioom.term(term).definitie if idioom.bestaat(term) else reserve


class CanvasWidget(OefeningWidget):
    """Het Samenwerkingscanvas invullen, met voortgang, export als poster en opslaan als casusbestand."""

    titel = "Samenwerkingscanvas"

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "1a",
        casus: Casus | str | Path | None = None,
        eigen_casus: Path | None = None,
        *,
        eigen_map: Path | str | None = None,
        uitvoermap: Path | str | None = None,
    ) -> None:
        self._casus, self._casus_naam, casusfout = lees_casus(casus)
        self._eigen_casus = Path(eigen_casus) if eigen_casus is not None else None
        self._eigen_map = Path(eigen_map) if eigen_map is not None else standaard_eigen_map()
        if uitvoermap is not None:
            self._uitvoermap = Path(uitvoermap)
        else:
            self._uitvoermap = opslag.pad.parent if opslag is not None else Path.cwd()
        self._toegepast: tuple[str, str | None] = (LEEG, None)  # (start, casus) zoals bewaard
        self._gevraagd: tuple[str, str | None, dict[str, str], Casus | None] | None = None
        self._vervang_casusbestand: Path | None = None
        self._stil = False
        super().__init__(opslag, oefening)
        if casusfout:
            self.meldingen.value += opmaak_melding(casusfout, "fout")

    # --- opbouw ------------------------------------------------------------------------------
    def bouw(self) -> widgets.Widget:
        uitleg = maak(
            widgets.HTML,
            "<p>Vul per veld één punt per regel in. Kies eerst waarmee je begint: een leeg canvas, "
            "de feiten uit de casus of je eigen casus. Alles wat je typt wordt meteen bewaard.</p>",
        )
        opties = [("Leeg", LEEG)]
        hulp = ["Begin met een leeg canvas."]
        if self._casus is not None:
            opties.append(("Uit de casus", CASUS))
            hulp.append(f"Vul de velden met de feiten uit de casus '{self._casus.titel}'.")
        opties.append(("Uit mijn eigen casus", EIGEN))
        hulp.append(_tooltip("Eigen casus", "Vul de velden uit je eigen casusbestand."))
        self.start = maak(
            widgets.ToggleButtons,
            options=opties,
            value=LEEG,
            description="Begin met:",
            tooltips=hulp,
            style={"description_width": "initial"},
        )
        eigen_opties = self._eigen_opties()
        gekozen = self._gekozen_eigen()
        self.eigen_keuze = maak(
            widgets.Dropdown,
            options=eigen_opties,
            value=gekozen
            if gekozen in [w for _, w in eigen_opties]
            else (eigen_opties[0][1] if eigen_opties else None),
            description="Eigen casus:",
            style={"description_width": "initial"},
            layout=widgets.Layout(display="none", width="auto"),  # eigen: gaat open en dicht
        )
        self.bevestig_tekst = maak(widgets.HTML)
        self.knop_vervang = maak(
            widgets.Button, description="Vervang alle velden", button_style="danger", layout=brede_knop()
        )
        self.knop_aanvullen = maak(
            widgets.Button, description="Vul alleen lege velden aan", button_style="info", layout=brede_knop()
        )
        self.knop_annuleer = maak(widgets.Button, description="Annuleren", layout=brede_knop())
        self.bevestiging = maak(
            widgets.VBox,
            [self.bevestig_tekst, maak(widgets.HBox, [self.knop_vervang, self.knop_aanvullen, self.knop_annuleer])],
            layout=widgets.Layout(
                display="none", border="1px solid #8a5a00", padding="4px 8px"
            ),  # eigen: gaat open en dicht
        )

        rijen, kolommen = canvasmodel.raster()
        self.velden: dict[str, widgets.Textarea] = {}
        self.cellen: dict[str, widgets.VBox] = {}
        invoer_layout = layout(width="100%", height="10em")
        for veld in canvasmodel.velden():
            kern = veld.rol == "kern"
            invoer = maak(
                widgets.Textarea,
                placeholder=veld.vraag,
                tooltip=veld.toelichting or veld.vraag,
                continuous_update=True,
                layout=invoer_layout,
                style={"background": "#f3f8f4"} if kern else None,
            )
            invoer.observe(self._veld_gewijzigd, names="value")
            definitie = html.escape(_tooltip(veld.term, veld.vraag), quote=True)
            merk = (
                f' <span style="color:#fff;background:{KERN_KLEUR};border-radius:3px;padding:0 4px;'
                f'font-size:0.8em">kern</span>'
                if kern
                else ""
            )
            kop = maak(
                widgets.HTML,
                f'<b class="regie-label" title="{definitie}">{html.escape(veld.titel)}</b>{merk}'
                f'<div style="font-size:0.85em;color:#4a5a6a;line-height:1.25">{html.escape(veld.vraag)}</div>',
            )
            cel = maak(
                widgets.VBox,
                [kop, invoer],
                layout=layout(
                    grid_row=f"{veld.rij + 1} / span {veld.hoogte}",
                    grid_column=f"{veld.kolom + 1} / span {veld.breedte}",
                    border=f"2px solid {KERN_KLEUR}" if kern else f"1px solid {AFSPRAKEN_KLEUR}",
                    padding="4px 6px",
                ),
            )
            cel.add_class("regie-canvasveld-kern" if kern else "regie-canvasveld-afspraken")
            self.velden[veld.sleutel] = invoer
            self.cellen[veld.sleutel] = cel
        legenda = maak(
            widgets.HTML,
            f'<span style="border:2px solid {KERN_KLEUR};padding:0 4px" '
            f'title="{html.escape(_tooltip("Kern van de samenwerking"), quote=True)}">Kern van de samenwerking</span> '
            f'<span style="border:1px solid {AFSPRAKEN_KLEUR};padding:0 4px" '
            f'title="{html.escape(_tooltip("Afsprakenvelden"), quote=True)}">Afsprakenvelden</span>',
        )
        raster = maak(
            widgets.GridBox,
            list(self.cellen.values()),
            layout=layout(
                grid_template_columns=f"repeat({kolommen}, minmax(0, 1fr))",
                grid_template_rows=f"repeat({rijen}, auto)",
                grid_gap="6px",
                width="100%",
            ),
        )

        self.voortgang = maak(widgets.IntProgress, value=0, min=0, max=len(self.velden), bar_style="info")
        self.voortgang_tekst = maak(widgets.HTML)
        self.titel_invoer = maak(
            widgets.Text,
            description="Titel van je casus:",
            placeholder="Bijvoorbeeld: Samenwerking rond het beekdal in mijn regio",
            style={"description_width": "initial"},
            layout=layout(width="100%"),
        )
        self.knop_png = maak(widgets.Button, description="Exporteer als PNG", icon="download", layout=brede_knop())
        self.knop_pdf = maak(widgets.Button, description="Exporteer als PDF", icon="download", layout=brede_knop())
        self.knop_casus = maak(widgets.Button, description="Bewaar als casusbestand", icon="save", layout=brede_knop())
        self.bericht = maak(widgets.HTML)
        if self.opslag is None:
            for knop in (self.knop_png, self.knop_pdf, self.knop_casus):
                knop.disabled = True
                knop.tooltip = "In de voorbeeldweergave kun je niets opslaan; werk in het notebook."

        self.start.observe(self._start_gewijzigd, names="value")
        self.eigen_keuze.observe(self._eigen_gewijzigd, names="value")
        self.titel_invoer.observe(self._titel_gewijzigd, names="value")
        self.knop_vervang.on_click(lambda _: self._bevestig(alleen_leeg=False))
        self.knop_aanvullen.on_click(lambda _: self._bevestig(alleen_leeg=True))
        self.knop_annuleer.on_click(self._annuleer)
        self.knop_png.on_click(lambda _: self._exporteer(".png"))
        self.knop_pdf.on_click(lambda _: self._exporteer(".pdf"))
        self.knop_casus.on_click(self._bewaar_casusbestand)

        return maak(
            widgets.VBox,
            [
                uitleg,
                self.start,
                self.eigen_keuze,
                self.bevestiging,
                legenda,
                raster,
                maak(widgets.HBox, [self.voortgang, self.voortgang_tekst], layout=layout(align_items="center")),
                self.titel_invoer,
                maak(widgets.HBox, [self.knop_png, self.knop_pdf, self.knop_casus]),
                self.bericht,
            ],
        )

    def herstel(self, stand: dict[str, Any]) -> None:
        velden = stand.get("velden")
        velden = velden if isinstance(velden, Mapping) else {}
        for sleutel, invoer in self.velden.items():
            invoer.value = _als_tekst(velden.get(sleutel))
        start = stand.get("start", LEEG)
        if start not in [waarde for _, waarde in self.start.options]:
            start = LEEG  # bv. de casus wordt nu niet meegegeven; de tekst in de velden blijft staan
        self.start.value = start
        naam = stand.get("casus") if isinstance(stand.get("casus"), str) else None
        if start == EIGEN and naam:
            for _, pad in self.eigen_keuze.options:
                if Path(pad).name == naam:
                    self.eigen_keuze.value = pad
        self.titel_invoer.value = str(stand.get("titel") or "")
        self._toegepast = (start, naam)
        self._toon_eigen_keuze()
        self._werk_voortgang_bij()

    # --- hulpjes ------------------------------------------------------------------------------
    def inhoud(self) -> dict[str, str]:
        """De tekst per canvasveld, zoals die nu in de widget staat."""
        return {sleutel: invoer.value for sleutel, invoer in self.velden.items()}

    def _eigen_opties(self) -> list[tuple[str, str]]:
        paden = eigen_casus.eigen_casussen(self._eigen_map)
        if self._eigen_casus is not None and self._eigen_casus not in paden:
            paden.insert(0, self._eigen_casus)
        return [(pad.name, str(pad)) for pad in paden]

    def _gekozen_eigen(self) -> str | None:
        """De eigen casus die de deelnemer eerder koos (voor alle widgets), als die in de lijst staat."""
        if self._eigen_casus is not None:
            return str(self._eigen_casus)
        pad, _ = eigen_casus.zoek_eigen_casus(self._eigen_map)
        return str(pad) if pad is not None else None

    def _ververs_eigen_opties(self, kies: Path | None = None) -> None:
        with self._zonder_reactie():
            huidig = self.eigen_keuze.value
            self.eigen_keuze.options = self._eigen_opties()
            waarden = [w for _, w in self.eigen_keuze.options]
            gekozen = self._gekozen_eigen()
            if kies is not None and str(kies) in waarden:
                self.eigen_keuze.value = str(kies)
            elif huidig in waarden:
                self.eigen_keuze.value = huidig
            elif gekozen in waarden:
                self.eigen_keuze.value = gekozen
            elif waarden:
                self.eigen_keuze.value = waarden[0]

    def _toon_eigen_keuze(self) -> None:
        self.eigen_keuze.layout.display = "" if self.start.value == EIGEN else "none"

    @contextmanager
    def _zonder_reactie(self) -> Iterator[None]:
        """Waarden die de widget zelf zet, lokken geen reactie of losse opslag uit."""
        vorige, self._stil = self._stil, True
        try:
            yield
        finally:
            self._stil = vorige

    def _werk_voortgang_bij(self) -> None:
        stand = canvasmodel.volledigheid(self.inhoud())
        totaal = len(stand.gevuld) + len(stand.leeg)
        self.voortgang.max = totaal
        self.voortgang.value = len(stand.gevuld)
        self.voortgang.bar_style = "success" if stand.compleet else "info"
        tekst = f"<b>{len(stand.gevuld)} van {totaal} velden ingevuld.</b> "
        if stand.leeg:
            tekst += "Nog leeg: " + html.escape(", ".join(canvasmodel.veld(s).titel for s in stand.leeg)) + "."
        else:
            tekst += "Alle velden zijn ingevuld."
        self.voortgang_tekst.value = tekst

    # --- reacties op de deelnemer -------------------------------------------------------------
    def _bewaar_stand(self) -> None:
        """Bewaar altijd de hele stand, zodat het antwoordbestand steeds het volledige schema heeft."""
        start, naam = self._toegepast
        self.bewaar(velden=self.inhoud(), start=start, casus=naam, titel=self.titel_invoer.value)

    def _veld_gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        self._werk_voortgang_bij()
        if not self._stil:
            self._bewaar_stand()

    def _titel_gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        self._vervang_casusbestand = None
        self.knop_casus.description = "Bewaar als casusbestand"
        if not self._stil:
            self._bewaar_stand()

    def _start_gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        self._toon_eigen_keuze()
        if self._bezig_met_herstellen or self._stil:
            return
        if self.start.value == EIGEN:
            self._ververs_eigen_opties()  # een net gekopieerd casusbestand staat er meteen bij
        self._vraag_bron(self.start.value)

    def _eigen_gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        if self._bezig_met_herstellen or self._stil or self.start.value != EIGEN:
            return
        self._vraag_bron(EIGEN)

    def _bron(self, start: str) -> tuple[dict[str, str], str | None, Casus | None]:
        """Wat een startpunt in de velden zet: (tekst per veld, bestandsnaam, casus)."""
        if start == LEEG:
            return {s: "" for s in self.velden}, None, None
        if start == CASUS:
            if self._casus is None:
                raise RegieFout("Bij deze oefening hoort geen casus; begin leeg of uit je eigen casus.")
            gelezen, naam = self._casus, self._casus_naam
        else:
            if not self.eigen_keuze.value:
                raise RegieFout(
                    f"Er staat nog geen eigen casusbestand in {self._eigen_map}. Begin met een leeg canvas en "
                    "bewaar het met 'Bewaar als casusbestand', of kopieer casussen/sjabloon.yml naar die map."
                )
            pad = Path(self.eigen_keuze.value)
            gelezen, naam = eigen_casus.laad_eigen_casus(pad), pad.name
        return {s: "\n".join(regels) for s, regels in canvas_inhoud(gelezen).items()}, naam, gelezen

    def _vraag_bron(self, start: str) -> None:
        """Vul meteen als dat niets wist; vraag anders eerst wat de deelnemer wil."""
        try:
            nieuw, naam, gelezen = self._bron(start)
        except RegieFout as fout:
            self.bericht.value = opmaak_melding(str(fout), "fout")
            self._zet_terug()
            return
        huidig = self.inhoud()
        gevuld = [s for s, tekst in huidig.items() if tekst.strip()]
        if not gevuld or all(huidig[s].strip() == nieuw[s].strip() for s in huidig):
            self._pas_toe(start, naam, nieuw, gelezen, alleen_leeg=False)
            return
        self._gevraagd = (start, naam, nieuw, gelezen)
        bron = "een leeg canvas" if start == LEEG else f"'{_bronnaam(naam, gelezen)}'"
        titels = ", ".join(canvasmodel.veld(s).titel for s in gevuld)
        self.bevestig_tekst.value = opmaak_melding(
            f"Er staat al tekst in {len(gevuld)} van de {len(huidig)} velden ({titels}). Wil je die vervangen "
            f"door {bron}? Vervangen wist je tekst in die velden; er is nog niets veranderd.",
            "waarschuwing",
        )
        self.knop_vervang.description = "Maak alle velden leeg" if start == LEEG else "Vervang alle velden"
        self.knop_aanvullen.layout.display = "none" if start == LEEG else ""
        self.bevestiging.layout.display = ""

    def _bevestig(self, alleen_leeg: bool) -> None:
        if self._gevraagd is None:
            return
        start, naam, nieuw, gelezen = self._gevraagd
        self._pas_toe(start, naam, nieuw, gelezen, alleen_leeg=alleen_leeg)

    def _annuleer(self, _knop: widgets.Button | None = None) -> None:
        self._zet_terug()
        self.bericht.value = opmaak_melding("Er is niets veranderd.", "info")

    def _zet_terug(self) -> None:
        """Zet de keuze van het startpunt terug op wat nu werkelijk in de velden staat."""
        self._gevraagd = None
        self.bevestiging.layout.display = "none"
        start, naam = self._toegepast
        with self._zonder_reactie():
            self.start.value = start
            if start == EIGEN and naam:
                for _, pad in self.eigen_keuze.options:
                    if Path(pad).name == naam:
                        self.eigen_keuze.value = pad
        self._toon_eigen_keuze()

    def _pas_toe(
        self, start: str, naam: str | None, nieuw: Mapping[str, str], gelezen: Casus | None, alleen_leeg: bool
    ) -> None:
        with self._zonder_reactie():
            for sleutel, invoer in self.velden.items():
                if alleen_leeg and invoer.value.strip():
                    continue
                invoer.value = nieuw.get(sleutel, "")
            self.start.value = start
            if gelezen is not None and not self.titel_invoer.value.strip():
                self.titel_invoer.value = gelezen.canvas_onderwerp or gelezen.titel
        self._gevraagd = None
        self.bevestiging.layout.display = "none"
        self._toegepast = (start, naam)
        self._toon_eigen_keuze()
        self._werk_voortgang_bij()
        self._bewaar_stand()
        keuze = ""
        if start == EIGEN and self.eigen_keuze.value and self._eigen_casus is None:
            try:
                eigen_casus.kies_eigen_casus(Path(self.eigen_keuze.value), self._eigen_map)
                keuze = " Alle oefeningen met je eigen casus gebruiken nu dit bestand."
            except RegieFout as fout:
                keuze = f" {fout}"
        if start == LEEG:
            tekst = "Je begint met een leeg canvas."
        elif alleen_leeg:
            tekst = f"De lege velden zijn aangevuld uit {_bronnaam(naam, gelezen)}; je eigen tekst is gebleven."
        else:
            tekst = f"De velden zijn gevuld uit {_bronnaam(naam, gelezen)}. Pas ze gerust aan."
        self.bericht.value = opmaak_melding(tekst + keuze, "goed")

    # --- knoppen ------------------------------------------------------------------------------
    def postertitel(self) -> str:
        """De titel boven de poster: de titel van de casus, anders een neutrale titel."""
        return self.titel_invoer.value.strip() or STANDAARD_POSTERTITEL

    def herkomst_noot(self) -> str:
        """De voetnoot op de poster: wat uit bronnen komt, wat reconstructie is, wat jouw eigen inschatting is."""
        start, _ = self._toegepast
        if start == LEEG:
            return herkomst_noot(["eigen inschatting"], eigen=True)
        try:
            nieuw, _, gelezen = self._bron(start)
        except RegieFout:
            return herkomst_noot(["eigen inschatting"], eigen=True)
        if gelezen is None:
            return herkomst_noot(["eigen inschatting"], eigen=True)
        huidig = self.inhoud()
        aangevuld = any(huidig[s].strip() != nieuw.get(s, "").strip() for s in huidig)
        return canvas_noot(gelezen, aangevuld=aangevuld)

    def _exporteer(self, extensie: str) -> Path | None:
        if self.opslag is None:
            self.bericht.value = opmaak_melding("In de voorbeeldweergave kun je niet exporteren.", "info")
            return None
        from samenwerkingscode.figuren.poster import teken_canvas

        uit = self._uitvoermap / f"canvas-{self.oefening}{extensie}"
        knoppen = (self.knop_png, self.knop_pdf)
        for knop in knoppen:
            knop.disabled = True
        self.bericht.value = opmaak_melding(f"Bezig met tekenen van {uit.name} …", "info")
        try:
            teken_canvas(self.inhoud(), titel=self.postertitel(), uit=uit, herkomst=self.herkomst_noot())
        except RegieFout as fout:
            self.bericht.value = opmaak_melding(f"Exporteren lukte niet: {fout}", "fout")
            return None
        except OSError as fout:
            self.bericht.value = opmaak_melding(
                f"Exporteren lukte niet: {uit} kon niet worden geschreven ({fout.strerror or fout}).", "fout"
            )
            return None
        finally:
            for knop in knoppen:
                knop.disabled = False
        self.bericht.value = opmaak_melding(f"Het canvas staat in {uit.name} (in de map {uit.parent}).", "goed")
        return uit

    def casusbestand(self) -> Path:
        """Waar 'Bewaar als casusbestand' schrijft: het eigen bestand waaruit je begon, anders een nieuw."""
        start, naam = self._toegepast
        if start == EIGEN and naam:
            for _, pad in self.eigen_keuze.options:
                if Path(pad).name == naam:
                    return Path(pad)
        return self._eigen_map / bestandsnaam(self.titel_invoer.value)

    def _bewaar_casusbestand(self, _knop: widgets.Button | None = None) -> Path | None:
        if self.opslag is None:
            self.bericht.value = opmaak_melding("In de voorbeeldweergave kun je niets bewaren.", "info")
            return None
        titel = self.titel_invoer.value.strip()
        if not titel:
            self.bericht.value = opmaak_melding(
                "Geef je casus eerst een titel (het veld 'Titel van je casus').", "fout"
            )
            return None
        doel = self.casusbestand()
        if doel.exists():
            try:
                laad_casus(doel)
            except RegieFout as fout:
                self.bericht.value = opmaak_melding(
                    f"{doel.name} bestaat al maar bevat een fout, daarom wordt het niet overschreven. Herstel het "
                    f"bestand of kies een andere titel. {fout}",
                    "fout",
                )
                return None
            if self._vervang_casusbestand != doel:
                self._vervang_casusbestand = doel
                self.knop_casus.description = "Vervang het casusbestand"
                self.bericht.value = opmaak_melding(
                    f"{doel.name} bestaat al. Klik nog een keer om het canvas daarin te vervangen. De titel, je "
                    "opmerkingen (regels met #) en de rest van je casus (partijen, relaties, bronnen) blijven staan.",
                    "waarschuwing",
                )
                return None
        inhoud = self.inhoud()
        try:
            eigen_casus.bewaar_canvas(doel, {s: canvasmodel.items(inhoud, s) for s in self.velden}, titel=titel)
        except RegieFout as fout:
            self.bericht.value = opmaak_melding(f"Je casus kon niet worden bewaard: {fout}", "fout")
            return None
        self._vervang_casusbestand = None
        self.knop_casus.description = "Bewaar als casusbestand"
        self._ververs_eigen_opties()
        self.bericht.value = opmaak_melding(
            f"Je casus staat in {doel}. Controleer hem met: regie casus controleer {doel}", "goed"
        )
        return doel
