"""Het Samenwerkingscanvas als poster van één pagina: PDF (A3 liggend) of PNG.

De indeling komt uit ``model/canvas.yml`` (via :mod:`samenwerkingscode.model.canvas`), zodat een trainer
die de velden verschuift dat ook op de poster terugziet. Elke tekst wordt met de renderer van
matplotlib gemeten, niet geschat: wat niet past wordt kleiner gezet en, als ook de kleinste
lettergrootte niet volstaat, ingekort met "…" en een notitie. Tekst loopt nooit over de rand.

matplotlib wordt pas in de tekenfuncties geïmporteerd; dit bestand importeren blijft licht.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerkingscode.figuren import _matplotlib, _stijl
from samenwerkingscode.figuren._opslaan import formaat_van, schrijf_figuur
from samenwerkingscode.figuren._tekst import Tekstmeter
from samenwerkingscode.model import canvas
from samenwerkingscode.model.yamlbestand import RegieFout

if TYPE_CHECKING:
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text

#: A3 liggend, in millimeter.
A3_MM: tuple[float, float] = (420.0, 297.0)
#: Resolutie van de PNG: A3 op 200 dpi is 3307 × 2339 pixels.
PNG_DPI = 200

#: Lettergroottes (punten): (grootste, kleinste).
TITEL_PT = (15.0, 10.0)
VRAAG_PT = (8.5, 6.5)
TEKST_PT = (12.0, 7.0)
NOOT_PT = 7.0
STAP_PT = 0.5
REGELAFSTAND = 1.2

#: Notitie onder een veld waarvan de tekst is ingekort.
NOOT_INGEKORT = "(ingekort; zie het casusbestand)"
LEEG_VELD = "Nog niet ingevuld."
VOETTEKST = "Samenwerkingscanvas – Regisseur van de Samenwerking"

# Maten op de pagina, in millimeter.
_MARGE = 12.0
_KOP = 30.0
_VOET = 11.0
_TUSSEN = 4.0
_BINNEN = 5.0
_PT_IN_MM = 25.4 / 72.0
_MARGE_METING = 0.2  # veiligheidsmarge (mm) tegen afrondingsverschillen tussen Agg en PDF

Inhoud = Mapping[str, str | Sequence[str] | None]
Kader = tuple[float, float, float, float]


def teken_canvas(
    inhoud: Inhoud,
    titel: str,
    uit: Path,
    ondertitel: str = "",
    verslag: dict[str, Any] | None = None,
    herkomst: str = "",
) -> Path:
    """Teken het ingevulde Samenwerkingscanvas als poster en schrijf het atomisch naar ``uit``.

    ``inhoud`` geeft per canvasveld een tekst (één punt per regel) of een lijst punten. Geef een
    dict als ``verslag`` mee om te zien wat er per veld getekend is: ``verslag["velden"][sleutel]``
    met ``veld`` (kader x0, y0, x1, y1 in mm vanaf linksonder), ``tekst`` (het kader van elke
    tekst), ``inhoud`` (die teksten), ``lettergrootte`` en ``ingekort``. De tests gebruiken dat.

    ``herkomst`` is de voetnoot over de inhoud (bijvoorbeeld uit :func:`casus.herkomst_noot`): wat
    uit bronnen komt, wat reconstructie is en wat de eigen inschatting van de deelnemer.
    De kernvelden (Partijen, Bijdragen, Doelen) krijgen nooit een kleinere letter dan de andere.
    """
    uit = Path(uit)
    formaat = formaat_van(uit)
    velden = canvas.velden()
    bekend = {v.sleutel for v in velden}
    onbekend = sorted(k for k in inhoud if k not in bekend)
    if onbekend:
        raise RegieFout(
            f"Onbekend canvasveld: {', '.join(onbekend)}. Het canvas kent: {', '.join(v.sleutel for v in velden)}."
        )
    punten = {v.sleutel: canvas.items(inhoud, v.sleutel) for v in velden}
    return _teken(titel, ondertitel, uit, formaat, punten, verslag, herkomst)


def teken_leeg_canvas(
    uit: Path,
    titel: str = "Mijn samenwerking",
    ondertitel: str = "Werkblad: schrijf per veld op wat voor jouw samenwerking geldt.",
    verslag: dict[str, Any] | None = None,
) -> Path:
    """Het lege werkblad om te printen: elk veld met zijn vraag en lijntjes om op te schrijven."""
    uit = Path(uit)
    formaat = formaat_van(uit)
    return _teken(titel, ondertitel, uit, formaat, None, verslag)


# --------------------------------------------------------------------------------------------
# Tekenen


def _teken(
    titel: str,
    ondertitel: str,
    uit: Path,
    formaat: str,
    punten: dict[str, list[str]] | None,
    verslag: dict[str, Any] | None,
    herkomst: str = "",
) -> Path:
    import matplotlib

    # Een pdf zet letters zonder hinting (onafgeronde breedtes); meet dan ook zo. Dat klopt beter met
    # de pdf én is veel sneller dan hinting op 200 dpi. Een PNG wordt wél met hinting getekend.
    meten = {"text.hinting": "no_hinting"} if formaat == "pdf" else {}
    with matplotlib.rc_context(_stijl.rc() | meten):
        blad = _Blad(dpi=PNG_DPI)
        gewoon, vet = blad.letter(10.0), blad.letter(10.0, "bold")
        titel = blad.meter.zichtbaar(_begrens([titel])[0] if titel else "", gewoon, vet)
        ondertitel = blad.meter.zichtbaar(_begrens([ondertitel])[0] if ondertitel else "", gewoon)
        if punten is not None:
            punten = {
                s: [p for p in (blad.meter.zichtbaar(p, gewoon).strip() for p in _begrens(lijst)) if p]
                for s, lijst in punten.items()
            }
        blad.kop(titel, ondertitel, leeg=punten is None)
        voetnoot = blad.voet(blad.meter.zichtbaar(herkomst, gewoon))
        velden_verslag: dict[str, dict[str, Any]] = {}
        kaders = _kaders()
        # Eerst de kern: de grootste letter die daar past, is de bovengrens voor de afsprakenvelden.
        kern_grootte = TEKST_PT[0]
        for veld, kader in sorted(kaders, key=lambda vk: vk[0].rol != "kern"):
            if punten is None:
                velden_verslag[veld.sleutel] = blad.leeg_veld(veld, kader)
                continue
            bereik = TEKST_PT if veld.rol == "kern" else (min(TEKST_PT[0], kern_grootte), TEKST_PT[1])
            velden_verslag[veld.sleutel] = blad.veld(veld, kader, punten[veld.sleutel], bereik)
            grootte = velden_verslag[veld.sleutel]["lettergrootte"]
            if veld.rol == "kern" and punten[veld.sleutel] and grootte is not None:
                kern_grootte = min(kern_grootte, grootte)
        velden_verslag = {veld.sleutel: velden_verslag[veld.sleutel] for veld, _ in kaders}
        if verslag is not None:
            verslag.clear()
            verslag.update({"formaat": formaat, "pagina_mm": A3_MM, "velden": velden_verslag, "voetnoot": voetnoot})
        metadata = {"Title": f"Samenwerkingscanvas – {titel}", "Creator": "samenwerkingscode"}
        with _matplotlib.pdf_zonder_opmaaktabellen(), _matplotlib.bewaarde_deelverzamelingen():
            schrijf_figuur(blad.fig, uit, formaat, dpi=PNG_DPI, metadata=metadata)
    return uit


def _kaders() -> list[tuple[canvas.CanvasVeld, Kader]]:
    """Het kader (x0, y0, x1, y1 in mm) van elk veld, uit het raster van canvas.yml; rij 0 is boven."""
    rijen, kolommen = canvas.raster()
    breedte, hoogte = A3_MM
    links, rechts = _MARGE, breedte - _MARGE
    onder, boven = _MARGE + _VOET + _TUSSEN, hoogte - _MARGE - _KOP
    cel_b = (rechts - links - (kolommen - 1) * _TUSSEN) / kolommen
    cel_h = (boven - onder - (rijen - 1) * _TUSSEN) / rijen
    uitkomst = []
    for v in canvas.velden():
        x0 = links + v.kolom * (cel_b + _TUSSEN)
        x1 = x0 + v.breedte * cel_b + (v.breedte - 1) * _TUSSEN
        y1 = boven - v.rij * (cel_h + _TUSSEN)
        y0 = y1 - v.hoogte * cel_h - (v.hoogte - 1) * _TUSSEN
        uitkomst.append((v, (x0, y0, x1, y1)))
    return uitkomst


class _Blad:
    """Eén A3-pagina met een meetlat: alle posities in mm, alle tekstmaten door de renderer gemeten."""

    def __init__(self, dpi: float) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
        from matplotlib.figure import Figure
        from matplotlib.transforms import Affine2D

        self.fig = Figure(figsize=(A3_MM[0] / 25.4, A3_MM[1] / 25.4), dpi=dpi, facecolor=_stijl.ACHTERGROND)
        FigureCanvasAgg(self.fig)
        # Meten hangt alleen van de letter en de dpi af, niet van de grootte van het beeld: een
        # renderer van 1 × 1 pixel meet hetzelfde zonder eerst 3307 × 2339 pixels te wissen.
        self.renderer = RendererAgg(1, 1, dpi)
        self.mm = Affine2D().scale(1 / 25.4) + self.fig.dpi_scale_trans
        self.px_per_mm = dpi / 25.4
        self.meter = Tekstmeter(self.renderer, dpi, self.px_per_mm)
        self._maten: dict[tuple[float, str, str], tuple[float, float]] = {}

    # ---- meten (de gedeelde tekstpasser in _tekst.py) -----------------------------------------

    def letter(self, grootte: float, gewicht: str = "normal", stijl: str = "normal") -> FontProperties:
        return self.meter.letter(grootte, gewicht, stijl)

    def breedte(self, tekst: str, prop: FontProperties) -> float:
        """Breedte van één regel in mm, gemeten met de renderer."""
        return self.meter.breedte(tekst, prop)

    def breek(self, tekst: str, prop: FontProperties, breedte: float, max_regels: int) -> tuple[list[str], bool]:
        """Verdeel tekst over regels die binnen ``breedte`` passen; stopt na ``max_regels`` (dan False)."""
        return self.meter.breek(tekst, prop, breedte, max_regels)

    def met_beletsel(self, regel: str, prop: FontProperties, breedte: float) -> str:
        return self.meter.met_beletsel(regel, prop, breedte)

    def kader(self, artiest: Any) -> Kader:
        if isinstance(artiest, _Regels):
            kaders = [self.kader(t) for t in artiest.teksten]
            return (
                min(k[0] for k in kaders),
                min(k[1] for k in kaders),
                max(k[2] for k in kaders),
                max(k[3] for k in kaders),
            )
        bb = artiest.get_window_extent(self.renderer)
        f = self.px_per_mm
        return (bb.x0 / f, bb.y0 / f, bb.x1 / f, bb.y1 / f)

    def tekst(self, x: float, y: float, tekst: str, prop: FontProperties, kleur: str, **kw: Any) -> Text:
        opties = {"ha": "left", "va": "top", "linespacing": REGELAFSTAND} | kw
        return self.fig.text(
            x, y, tekst, fontproperties=prop, color=kleur, transform=self.mm, parse_math=False, **opties
        )

    def maat(self, prop: FontProperties) -> tuple[float, float]:
        """(boven, onder) van een regel t.o.v. zijn basislijn in mm, gemeten aan voorbeeldletters.

        Elke regel staat op een eigen basislijn met een vaste regelafstand. matplotlib lijnt 'top'
        uit op een tekstvak dat van de letters afhangt (een '(' reikt dieper dan een apostrof); dan
        staan titels en punten niet op één lijn. Het tekstvak van 'ÉRlp' is het ruimste gewone vak.
        """
        sleutel = (prop.get_size_in_points(), str(prop.get_weight()), prop.get_style())
        if sleutel not in self._maten:
            boven, onder = 0.0, 0.0
            for voorbeeld in ("lp", "Rx", "ÉÅ"):
                ref = self.tekst(0.0, 0.0, voorbeeld, prop, _stijl.TEKST, va="baseline")
                k = self.kader(ref)
                ref.remove()
                boven, onder = max(boven, k[3]), min(onder, k[1])
            self._maten[sleutel] = (boven, onder)
        return self._maten[sleutel]

    def regels(
        self,
        x: float,
        boven: float,
        regels: list[str],
        prop: FontProperties,
        kleur: str,
        ha: str = "left",
        basislijn: float | None = None,
    ) -> _Regels:
        """Regels onder elkaar vanaf ``boven`` (mm) of vanaf een gegeven eerste basislijn."""
        hoog, laag = self.maat(prop)
        stap = self.stap(prop)
        eerste = boven - hoog if basislijn is None else basislijn
        teksten = [
            self.tekst(x, eerste - i * stap, regel, prop, kleur, ha=ha, va="baseline") for i, regel in enumerate(regels)
        ]
        laatste = eerste - (len(regels) - 1) * stap
        return _Regels(teksten, laatste + laag, laatste)

    @staticmethod
    def stap(prop: FontProperties) -> float:
        """De vaste afstand tussen twee basislijnen (mm)."""
        return prop.get_size_in_points() * _PT_IN_MM * REGELAFSTAND

    @staticmethod
    def past(k: Kader, x0: float, y0: float, x1: float, y1: float) -> bool:
        return k[0] >= x0 - 1e-6 and k[1] >= y0 and k[2] <= x1 and k[3] <= y1 + 1e-6

    def pas_blok(
        self,
        x: float,
        y: float,
        tekst: str,
        groottes: tuple[float, float],
        breedte: float,
        hoogte: float,
        kleur: str,
        gewicht: str = "normal",
        stijl: str = "normal",
        ha: str = "left",
    ) -> tuple[_Regels | None, float, bool]:
        """Eén tekstblok linksboven (of rechtsboven) op (x, y), passend in breedte × hoogte.

        Probeert van groot naar klein; past het ook op de kleinste maat niet, dan zoveel regels als
        passen, de laatste met "…". Geeft (tekst of None, lettergrootte, ingekort).
        """
        x0 = x if ha == "left" else x - breedte
        onder = y - hoogte
        grootte = groottes[0]
        while grootte >= groottes[1] - 1e-9:
            prop = self.letter(grootte, gewicht, stijl)
            max_regels = self._capaciteit(grootte, hoogte)
            regels, heel = self.breek(tekst, prop, breedte - _MARGE_METING, max_regels)
            if heel and regels:
                t = self.regels(x, y, regels, prop, kleur, ha=ha)
                if self.past(self.kader(t), x0, onder, x0 + breedte, y):
                    return t, grootte, False
                t.remove()
            grootte -= STAP_PT
        grootte = groottes[1]
        prop = self.letter(grootte, gewicht, stijl)
        regels, _ = self.breek(tekst, prop, breedte - _MARGE_METING, self._capaciteit(grootte, hoogte))
        for n in range(len(regels), 0, -1):
            laatste = self.met_beletsel(regels[n - 1], prop, breedte - _MARGE_METING)
            t = self.regels(x, y, [*regels[: n - 1], laatste], prop, kleur, ha=ha)
            if self.past(self.kader(t), x0, onder, x0 + breedte, y):
                return t, grootte, True
            t.remove()
        return None, grootte, True

    @staticmethod
    def _capaciteit(grootte: float, hoogte: float) -> int:
        """Hoeveel regels er hooguit in de hoogte passen (ruim geschat; de meting beslist)."""
        return max(1, int(hoogte / (grootte * _PT_IN_MM * REGELAFSTAND * 0.95)) + 1)

    # ---- opbouw van de pagina -------------------------------------------------------------

    def kop(self, titel: str, ondertitel: str, leeg: bool) -> None:
        breedte, hoogte = A3_MM
        boven = hoogte - _MARGE
        legenda_breedte = 78.0
        tekstbreedte = breedte - 2 * _MARGE - legenda_breedte - 10
        label = self.tekst(_MARGE, boven, "SAMENWERKINGSCANVAS", self.letter(10.5, "bold"), _stijl.KERN)
        y = self.kader(label)[1] - 1.5
        t, _, _ = self.pas_blok(_MARGE, y, titel, (24.0, 14.0), tekstbreedte, 11.0, _stijl.TEKST, gewicht="bold")
        if t is not None:
            y = t.onder - 1.5
        if ondertitel:
            self.pas_blok(
                _MARGE, y, ondertitel, (11.0, 8.0), tekstbreedte, max(4.0, y - (boven - _KOP)), _stijl.TEKST_ZACHT
            )
        self._legenda(breedte - _MARGE - legenda_breedte, boven - 2.0)
        if leeg:
            self.tekst(
                breedte - _MARGE,
                boven - _KOP + 6.0,
                "Datum: ____________",
                self.letter(10.0),
                _stijl.TEKST_ZACHT,
                ha="right",
                va="baseline",
            )
        lijn_y = boven - _KOP + 2.0
        self._lijn(_MARGE, lijn_y, breedte - _MARGE, lijn_y, _stijl.LIJN, 0.8)

    def _legenda(self, x: float, y: float) -> None:
        from matplotlib.patches import Rectangle

        prop = self.letter(9.5)
        for i, (naam, vlak, rand, dikte) in enumerate(
            [
                ("Kern van de samenwerking", _stijl.KERN_VLAK, _stijl.KERN, 1.6),
                ("Afsprakenvelden", _stijl.AFSPRAKEN_VLAK, _stijl.AFSPRAKEN_RAND, 0.9),
            ]
        ):
            yy = y - i * 7.0
            blokje = Rectangle(
                (x, yy - 4.5), 7.0, 4.5, transform=self.mm, facecolor=vlak, edgecolor=rand, linewidth=dikte
            )
            self.fig.add_artist(blokje)
            self.tekst(x + 10.0, yy - 2.25, naam, prop, _stijl.TEKST, va="center")

    def voet(self, herkomst: str = "") -> str:
        """Voettekst links; rechts de voetnoot: herkomst van de inhoud, dan die van de indeling."""
        breedte, _ = A3_MM
        y = _MARGE
        self._lijn(_MARGE, y + _VOET - 1.0, breedte - _MARGE, y + _VOET - 1.0, _stijl.LIJN, 0.8)
        links = self.tekst(_MARGE, y + 1.5, VOETTEKST, self.letter(8.5, "bold"), _stijl.TEKST, va="baseline")
        ruimte = breedte - 2 * _MARGE - (self.kader(links)[2] - _MARGE) - 12.0
        tekst = f"{herkomst.strip()} {_bronnoot()}" if herkomst.strip() else _bronnoot()
        noot, _, _ = self.pas_blok(
            breedte - _MARGE,
            y + _VOET - 2.5,
            tekst,
            (7.5, 6.0),
            ruimte,
            _VOET - 2.5,
            _stijl.TEKST_ZACHT,
            ha="right",
        )
        if noot is not None and len(noot.teksten) == 1:
            noot.verschuif(y + 1.5 - noot.teksten[0].get_position()[1])
        return " ".join(noot.get_text().split()) if noot is not None else ""

    def _lijn(self, x0: float, y0: float, x1: float, y1: float, kleur: str, dikte: float, **kw: Any) -> None:
        from matplotlib.lines import Line2D

        self.fig.add_artist(Line2D([x0, x1], [y0, y1], transform=self.mm, color=kleur, linewidth=dikte, **kw))

    def _veldkop(self, veld: canvas.CanvasVeld, kader: Kader) -> tuple[list[Any], float, float, float]:
        """Kader, titel, label en vraag van een veld; geeft (teksten, x_links, x_rechts, y onder de vraag)."""
        from matplotlib.patches import FancyBboxPatch

        x0, y0, x1, y1 = kader
        kern = veld.rol == "kern"
        vlak = FancyBboxPatch(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            boxstyle="round,pad=0,rounding_size=2.5",
            transform=self.mm,
            facecolor=_stijl.KERN_VLAK if kern else _stijl.AFSPRAKEN_VLAK,
            edgecolor=_stijl.KERN if kern else _stijl.AFSPRAKEN_RAND,
            linewidth=1.8 if kern else 0.9,
        )
        self.fig.add_artist(vlak)
        links, rechts, boven = x0 + _BINNEN, x1 - _BINNEN, y1 - _BINNEN
        teksten: list[Any] = []
        titelbreedte = rechts - links
        if kern:
            titel_boven, _ = self.maat(self.letter(TITEL_PT[0], "bold"))
            label = self.tekst(
                rechts, boven - titel_boven, "KERN", self.letter(7.5, "bold"), _stijl.KERN, ha="right", va="baseline"
            )
            teksten.append(label)
            titelbreedte -= self.kader(label)[2] - self.kader(label)[0] + 3.0
        kleur = _stijl.KERN if kern else _stijl.AFSPRAKEN
        hoogte = boven - (y0 + _BINNEN)
        titel, _, _ = self.pas_blok(links, boven, veld.titel, TITEL_PT, titelbreedte, min(14.0, hoogte), kleur, "bold")
        y = boven
        if titel is not None:
            teksten.append(titel)
            y = titel.onder - 1.2
        vraag, _, _ = self.pas_blok(
            links, y, veld.vraag, VRAAG_PT, rechts - links, max(0.0, (y - y0 - _BINNEN) * 0.45), _stijl.TEKST_ZACHT
        )
        if vraag is not None:
            teksten.append(vraag)
            y = vraag.onder
        y -= 1.5
        self._lijn(links, y, rechts, y, _stijl.KERN if kern else _stijl.LIJN, 0.5, alpha=0.6)
        return teksten, links, rechts, y - 2.0

    def veld(
        self, veld: canvas.CanvasVeld, kader: Kader, punten: list[str], bereik: tuple[float, float] = TEKST_PT
    ) -> dict[str, Any]:
        teksten, links, rechts, boven = self._veldkop(veld, kader)
        onder = kader[1] + _BINNEN
        if not punten:
            leeg, grootte, ingekort = self.pas_blok(
                links,
                boven,
                LEEG_VELD,
                (9.0, 6.5),
                rechts - links,
                max(0.0, boven - onder),
                _stijl.TEKST_ZACHT,
            )
            teksten += [leeg] if leeg is not None else []
        else:
            lijst, grootte, ingekort = self._pas_punten(punten, links, rechts, boven, onder, bereik)
            teksten += lijst
        return self._verslag(kader, teksten, grootte, ingekort)

    def leeg_veld(self, veld: canvas.CanvasVeld, kader: Kader) -> dict[str, Any]:
        teksten, links, rechts, boven = self._veldkop(veld, kader)
        y = boven - 8.0
        while y >= kader[1] + _BINNEN:
            self._lijn(links, y, rechts, y, _stijl.LIJN, 0.5, linestyle=(0, (1, 2.5)))
            y -= 8.0
        return self._verslag(kader, teksten, None, False)

    def _verslag(self, kader: Kader, teksten: list[Any], grootte: float | None, ingekort: bool) -> dict[str, Any]:
        return {
            "veld": kader,
            "tekst": [self.kader(t) for t in teksten],
            "inhoud": [t.get_text() for t in teksten],
            "lettergrootte": grootte,
            "standaard_lettergrootte": TEKST_PT[0],
            "ingekort": ingekort,
        }

    # ---- de punten van een veld -------------------------------------------------------------

    def _stapel(
        self, blokken: list[list[str]], prop: FontProperties, links: float, boven: float
    ) -> tuple[list[_Regels], float]:
        """Zet de punten onder elkaar met een opsommingsteken; geeft de teksten en hun onderkant."""
        grootte = prop.get_size_in_points()
        inspring = grootte * _PT_IN_MM * 1.15
        tussen = grootte * _PT_IN_MM * 0.45
        teksten: list[_Regels] = []
        basislijn = boven - self.maat(prop)[0]
        y = boven
        for regels in blokken:
            t = self.regels(links + inspring, 0.0, regels, prop, _stijl.TEKST, basislijn=basislijn)
            teksten.append(self.regels(links, 0.0, ["•"], prop, _stijl.TEKST_ZACHT, basislijn=basislijn))
            teksten.append(t)
            y = t.onder
            basislijn = t.laatste_basislijn - self.stap(prop) - tussen
        return teksten, y

    def _pas_punten(
        self,
        punten: list[str],
        links: float,
        rechts: float,
        boven: float,
        onder: float,
        bereik: tuple[float, float] = TEKST_PT,
    ) -> tuple[list[_Regels], float, bool]:
        """Zo groot mogelijk, maar binnen het veld; lukt dat niet op de kleinste maat, dan inkorten."""
        hoogte = boven - onder

        def probeer(grootte: float) -> list[_Regels] | None:
            prop = self.letter(grootte)
            breedte = rechts - links - grootte * _PT_IN_MM * 1.15 - _MARGE_METING
            capaciteit = self._capaciteit(grootte, hoogte)
            blokken: list[list[str]] = []
            for punt in punten:
                regels, klaar = self.breek(punt, prop, breedte, capaciteit - sum(map(len, blokken)))
                if not klaar:
                    return None
                blokken.append(regels)
            teksten, _ = self._stapel(blokken, prop, links, boven)
            if all(self.past(self.kader(t), links, onder, rechts, boven) for t in teksten):
                return teksten
            for t in teksten:
                t.remove()
            return None

        # Groottes van groot naar klein; zoek de grootste die past (kleiner past nooit slechter).
        groottes = _groottes(bereik)
        teksten = probeer(groottes[0])
        if teksten is not None:
            return teksten, groottes[0], False
        laag, hoog = 1, len(groottes)  # het antwoord ligt in [laag, hoog); hoog = past nergens
        beste: tuple[list[_Regels], float] | None = None
        while laag < hoog:
            midden = (laag + hoog) // 2
            teksten = probeer(groottes[midden])
            if teksten is None:
                laag = midden + 1
            else:
                if beste is not None:
                    for t in beste[0]:
                        t.remove()
                beste = (teksten, groottes[midden])
                hoog = midden
        if beste is not None:
            return beste[0], beste[1], False
        return self._kort_in(punten, links, rechts, boven, onder)

    def _kort_in(
        self, punten: list[str], links: float, rechts: float, boven: float, onder: float
    ) -> tuple[list[_Regels], float, bool]:
        """Op de kleinste maat: zoveel regels als passen, de laatste met "…", en de notitie eronder."""
        grootte = TEKST_PT[1]
        prop = self.letter(grootte)
        breedte = rechts - links - grootte * _PT_IN_MM * 1.15 - _MARGE_METING
        noot, _, _ = self.pas_blok(
            links,
            onder + 3 * NOOT_PT * _PT_IN_MM,
            NOOT_INGEKORT,
            (NOOT_PT, NOOT_PT),
            rechts - links,
            3 * NOOT_PT * _PT_IN_MM,
            _stijl.TEKST_ZACHT,
        )
        if noot is not None:
            # de notitie onderaan het veld zetten
            noot.verschuif(onder - self.kader(noot)[1])
            limiet = self.kader(noot)[3] + 1.0
        else:
            limiet = onder
        capaciteit = self._capaciteit(grootte, boven - limiet)
        regels: list[tuple[int, str]] = []
        for i, punt in enumerate(punten):
            stuk, _ = self.breek(punt, prop, breedte, capaciteit - len(regels))
            regels += [(i, r) for r in stuk]
            if len(regels) >= capaciteit:
                break

        def blokken_voor(n: int) -> list[list[str]]:
            blokken: dict[int, list[str]] = {}
            for j, (i, r) in enumerate(regels[:n]):
                blokken.setdefault(i, []).append(self.met_beletsel(r, prop, breedte) if j == n - 1 else r)
            return list(blokken.values())

        def probeer(n: int) -> list[_Regels] | None:
            teksten, _ = self._stapel(blokken_voor(n), prop, links, boven)
            if all(self.past(self.kader(t), links, limiet, rechts, boven) for t in teksten):
                return teksten
            for t in teksten:
                t.remove()
            return None

        laag, hoog = 0, len(regels)
        while laag < hoog:  # grootste n dat past (meer regels past nooit beter)
            midden = (laag + hoog + 1) // 2
            teksten = probeer(midden)
            if teksten is None:
                hoog = midden - 1
            else:
                for t in teksten:
                    t.remove()
                laag = midden
        teksten = (probeer(laag) or []) if laag else []
        return ([*teksten, noot] if noot is not None else teksten), grootte, True


class _Regels:
    """Een tekstblok van losse regels (elk een matplotlib-Text op een eigen basislijn)."""

    def __init__(self, teksten: list[Text], onder: float, laatste_basislijn: float) -> None:
        self.teksten = teksten
        self.onder = onder  # y (mm) waaronder de volgende inhoud mag beginnen
        self.laatste_basislijn = laatste_basislijn

    def get_text(self) -> str:
        return "\n".join(t.get_text() for t in self.teksten)

    def remove(self) -> None:
        for t in self.teksten:
            t.remove()

    def verschuif(self, dy: float) -> None:
        for t in self.teksten:
            t.set_y(t.get_position()[1] + dy)
        self.onder += dy
        self.laatste_basislijn += dy


#: Meer tekens dan dit passen in geen enkel veld, ook niet op de kleinste letter (een veld op A3 houdt er
#: hooguit een paar duizend); wat erboven komt, wordt niet eens bekeken. Zo hangt de tijd van een
#: poster niet af van hoe lang een tekst in het casusbestand is.
MAX_TEKENS_PER_VELD = 12_000


def _begrens(punten: Sequence[str]) -> list[str]:
    """De punten van een veld, samen hooguit MAX_TEKENS_PER_VELD tekens (de rest past toch nooit)."""
    uit: list[str] = []
    over = MAX_TEKENS_PER_VELD
    for punt in punten:
        if over <= 0:
            uit.append("…")  # er was meer: het veld wordt zeker ingekort
            break
        uit.append(punt[:over] + ("…" if len(punt) > over else ""))
        over -= len(punt)
    return uit


def _groottes(bereik: tuple[float, float]) -> list[float]:
    """Alle lettergroottes van groot naar klein in stappen van STAP_PT."""
    groot, klein = bereik
    aantal = round((groot - klein) / STAP_PT)
    return [groot - i * STAP_PT for i in range(aantal + 1)]


def _bronnoot() -> str:
    """Herkomst van de indeling, uit canvas.yml: wat uit de dia's komt en wat deze kit uitwerkt."""
    if canvas.laad_canvas().herkomst_indeling == "deck":
        return "Veldnamen, vragen en indeling: de dia's van de training (De Samenwerkingscode)."
    return (
        "Veldnamen en volgorde: de dia's van de training (De Samenwerkingscode). "
        "Kern en afsprakenvelden, vragen en indeling: uitwerking in deze cursuskit."
    )
