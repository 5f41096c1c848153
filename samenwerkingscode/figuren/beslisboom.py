"""De beslisboom als figuur: vragen als vakken, antwoorden als pijlen met hun label, de uitkomsten.

Een deelnemer die de boom stap voor stap loopt, ziet in de widget alleen de vraag van nu. De figuur
laat zien waar dat pad in de hele boom ligt: het gekozen pad dik en in kleur, de rest gedempt. Alles
komt uit ``model/beslisboom.yml`` (via :mod:`samenwerkingscode.model.beslisboom`), zodat een aangepaste
boom ook anders getekend wordt. Teksten worden met de renderer van matplotlib gemeten en over regels
verdeeld, zodat ze altijd in hun vak passen.

De indeling: de vragen staan onder elkaar (de "nee"-pijlen gaan omlaag), de uitkomsten van een
"ja" staan rechts ernaast. Komt een tweede pijl uit bij een uitkomst die al een plek heeft, dan loopt
die pijl om, rechts langs de uitkomsten. matplotlib wordt pas in de functie geïmporteerd.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerkingscode.figuren import _stijl
from samenwerkingscode.figuren._opslaan import formaat_van, schrijf_figuur
from samenwerkingscode.figuren._tekst import Tekstmeter
from samenwerkingscode.model import beslisboom
from samenwerkingscode.model.beslisboom import Beslisboom, Tussenstap, Uitkomst, Vraag, Wandeling
from samenwerkingscode.model.yamlbestand import RegieFout

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

#: Resolutie van de figuur (en van een PNG).
DPI = 110

#: Kleur van het gekozen pad (een warme kleur die bij geen enkele versnelling hoort).
PAD_KLEUR = "#C0504D"
PAD_VLAK = "#FBECEB"
PAD_DIKTE = 2.6
GEDEMPT_DIKTE = 1.0

# Maten in inch.
_MARGE = 0.25
_VRAAG_B = 2.45
_UITKOMST_B = 2.7
_TUSSEN_H = 2.3  # ruimte tussen de kolommen, voor de labels van de pijlen naar rechts
_KANAAL = 0.28  # afstand tussen omleidingen rechts van de uitkomsten
_BINNEN = 0.09  # binnenmarge in een vak
_RIJ_TUSSEN = 0.42  # minimale ruimte tussen twee rijen
_KOP = 0.62
_VOET = 0.36

# Lettergroottes in punten.
_VRAAG_PT = 9.0
_TITEL_PT = 9.5
_ACTIE_PT = 7.8
_LABEL_PT = 7.3
_KOP_PT = 11.5
_KLEIN_PT = 7.8
_REGELAFSTAND = 1.2

# Gemeten tekstmaten (inch), per tekst en letter; de teksten van de boom veranderen zelden, en meten
# is het duurste deel van het tekenen.
_BREEDTES: dict[tuple[str, float, str, str], float] = {}
_HOOGTEN: dict[tuple[str, float, str, str], float] = {}

LEGENDA_KIT = "Cursief: uitwerking in deze cursuskit, niet van de dia's."
LEGENDA_PAD = "Gekozen pad"


@dataclass
class _Vak:
    """Een knoop van de boom op de tekening: plaats (kolom, rij), maat en teksten."""

    id: str
    soort: str  # "vraag", "tussenstap" of "uitkomst"
    kolom: int
    rij: int
    breedte: float
    teksten: list[Text] = field(default_factory=list)
    hoogten: list[float] = field(default_factory=list)
    hoogte: float = 0.0
    x: float = 0.0  # midden
    y: float = 0.0  # bovenkant, in inch vanaf de bovenrand

    @property
    def kader(self) -> tuple[float, float, float, float]:
        return (self.x - self.breedte / 2, self.y, self.x + self.breedte / 2, self.y + self.hoogte)


@dataclass
class _Pijl:
    van: str
    naar: str
    antwoord: str | None
    label: str
    herkomst: str
    vorm: str = "recht"  # recht, omlaag, omweg of schuin
    kanaal: int = 0
    label_tekst: Text | None = None
    label_hoogte: float = 0.0


def _als_wandeling(boom: Beslisboom, pad: Sequence[tuple[str, str]] | Wandeling | None) -> Wandeling | None:
    """Zet een pad van (vraag-id, antwoord)-paren om in een wandeling, en controleer het tegen de boom."""
    if pad is None or isinstance(pad, Wandeling):
        return pad
    if isinstance(pad, str):
        raise RegieFout(
            "Geef het pad als lijst van paren (vraag-id, antwoord), bijvoorbeeld [('alleen_behalen', 'nee')]."
        )
    paren: list[tuple[str, str]] = []
    for nummer, stap in enumerate(pad, start=1):
        if hasattr(stap, "vraag_id") and hasattr(stap, "antwoord"):
            paren.append((stap.vraag_id, stap.antwoord))
            continue
        try:
            vraag_id, antwoord = stap
        except (TypeError, ValueError):
            raise RegieFout(
                f"Stap {nummer} van het pad moet een paar (vraag-id, antwoord) zijn, bijvoorbeeld ('alleen_behalen', 'nee')."
            ) from None
        paren.append((str(vraag_id), str(antwoord)))
    wandeling = boom.loop([antwoord for _, antwoord in paren])
    for nummer, (stap, (vraag_id, _)) in enumerate(zip(wandeling.pad, paren, strict=True), start=1):
        if stap.vraag_id != vraag_id:
            raise RegieFout(
                f"Stap {nummer} van het pad noemt de vraag '{vraag_id}', maar op die plek in de beslisboom staat "
                f"'{stap.vraag_id}' ({stap.vraag})."
            )
    return wandeling


def _indeling(boom: Beslisboom) -> tuple[dict[str, tuple[int, int]], list[_Pijl]]:
    """Kolom en rij per knoop, en de pijlen met hun soort; alleen uit de structuur van de boom."""
    plek: dict[str, tuple[int, int]] = {}
    ruggengraat: list[str] = []
    huidig: str | None = boom.begin
    while huidig is not None and huidig not in plek:
        knoop = boom.knoop(huidig)
        plek[huidig] = (0, len(ruggengraat))
        ruggengraat.append(huidig)
        if isinstance(knoop, Uitkomst):
            break
        if isinstance(knoop, Tussenstap):
            huidig = knoop.naar
        else:
            voorkeur = knoop.optie("nee") or knoop.opties[-1]
            huidig = voorkeur.naar
    # Knopen die geen uitkomst zijn en niet op de ruggengraat liggen, komen eronder (de boom van de dia's
    # heeft ze niet, maar een aangepaste boom mag ze hebben).
    for knoop in [*boom.vragen, *boom.tussenstappen]:
        if knoop.id not in plek:
            plek[knoop.id] = (0, len(ruggengraat))
            ruggengraat.append(knoop.id)

    bezet: dict[int, str] = {}
    pijlen: list[_Pijl] = []
    kanalen = 0
    for id in ruggengraat:
        knoop = boom.knoop(id)
        rij = plek[id][1]
        if isinstance(knoop, Tussenstap):
            pijlen.append(_Pijl(id, knoop.naar, None, "", knoop.herkomst))
        elif isinstance(knoop, Vraag):
            for optie in knoop.opties:
                pijlen.append(_Pijl(id, optie.naar, optie.antwoord, optie.label, optie.herkomst))
                if optie.naar not in plek:
                    vrij = rij
                    while vrij in bezet:
                        vrij += 1
                    bezet[vrij] = optie.naar
                    plek[optie.naar] = (1, vrij)
    for uitkomst in boom.uitkomsten:  # onbereikbare uitkomsten bestaan niet (de boom wordt gecontroleerd)
        if uitkomst.id not in plek:
            vrij = max([*bezet, len(ruggengraat)]) + 1
            bezet[vrij] = uitkomst.id
            plek[uitkomst.id] = (1, vrij)
    for pijl in pijlen:
        (k0, r0), (k1, r1) = plek[pijl.van], plek[pijl.naar]
        if k0 == 0 and k1 == 0 and r1 == r0 + 1:
            pijl.vorm = "omlaag"
        elif k0 == 0 and k1 == 1 and r1 == r0:
            pijl.vorm = "recht"
        elif k0 == 0 and k1 == 1 and bezet.get(r0) is None:
            pijl.vorm, pijl.kanaal = "omweg", kanalen
            kanalen += 1
        else:
            pijl.vorm = "schuin"
    return plek, pijlen


def _meng(kleur: str, aandeel: float) -> tuple[float, float, float]:
    """Een lichte tint van ``kleur`` (aandeel 0 = wit, 1 = de kleur zelf)."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(kleur)
    return (1 - aandeel + aandeel * r, 1 - aandeel + aandeel * g, 1 - aandeel + aandeel * b)


class _Tekenaar:
    """Meet en plaatst teksten in inch; de as loopt van (0, 0) linksboven naar (breedte, hoogte)."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=(8, 8), dpi=DPI, facecolor=_stijl.ACHTERGROND)
        FigureCanvasAgg(self.fig)
        self.renderer = self.fig.canvas.get_renderer()
        self.meter = Tekstmeter(self.renderer, DPI, DPI, cache=_BREEDTES)
        self.ax: Axes = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_axis_off()

    def letter(self, pt: float, gewicht: str = "normal", stijl: str = "normal") -> Any:
        return self.meter.letter(pt, gewicht, stijl)

    def breedte(self, tekst: str, prop: Any) -> float:
        return self.meter.breedte(tekst, prop)

    def breek(self, tekst: str, prop: Any, breedte: float) -> str:
        """Verdeel tekst over regels die binnen ``breedte`` (inch) passen; een regeleinde blijft staan.

        Dezelfde tekstpasser als de poster (``_tekst.py``); een te lang woord krijgt een streepje.
        """
        return self.meter.breek_alineas(self.meter.zichtbaar(tekst, prop), prop, breedte, afbreekteken="-")

    def tekst(
        self,
        tekst: str,
        pt: float,
        breedte: float,
        kleur: str,
        gewicht: str = "normal",
        stijl: str = "normal",
        **kw: Any,
    ) -> tuple[Text, float]:
        """Een tekstblok, gebroken op ``breedte``; geeft het artiest en zijn gemeten hoogte (inch)."""
        prop = self.letter(pt, gewicht, stijl)
        opties = {"ha": "center", "va": "top", "linespacing": _REGELAFSTAND} | kw
        gebroken = self.breek(tekst, prop, breedte)
        t = self.ax.text(0, 0, gebroken, fontproperties=prop, color=kleur, parse_math=False, **opties)
        sleutel = (gebroken, pt, gewicht, stijl)
        if sleutel not in _HOOGTEN:
            _HOOGTEN[sleutel] = t.get_window_extent(self.renderer).height / DPI
        return t, _HOOGTEN[sleutel]


def teken_beslisboom(
    pad: Sequence[tuple[str, str]] | Wandeling | None = None,
    uit: Path | None = None,
    *,
    verslag: dict[str, Any] | None = None,
) -> Figure:
    """Teken de beslisboom met het gekozen pad gemarkeerd; schrijf hem naar ``uit`` als dat gegeven is.

    ``pad`` is een wandeling uit :func:`samenwerkingscode.model.beslisboom.loop` of een reeks paren
    (vraag-id, antwoord). ``uit`` mag eindigen op .png of .pdf. Geef een lege dict als
    ``verslag`` mee om te zien welke knopen en pijlen gemarkeerd zijn en waar ze staan (voor tests).
    """
    import matplotlib
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path as MplPath

    formaat = formaat_van(Path(uit), wat="de beslisboom") if uit is not None else None
    boom = beslisboom.laad_beslisboom()
    wandeling = _als_wandeling(boom, pad)
    gelopen = bool(wandeling is not None and (wandeling.pad or wandeling.uitkomst is not None))
    gemarkeerd_pijlen = {(s.vraag_id, s.antwoord) for s in wandeling.pad} if wandeling is not None else set()
    gemarkeerd_knopen = set(wandeling.knopen) if wandeling is not None else set()
    doorgangen = {t.id for t in wandeling.tussenstappen} if wandeling is not None else set()
    huidige_vraag = wandeling.volgende_vraag.id if wandeling is not None and wandeling.volgende_vraag else None

    with matplotlib.rc_context(_stijl.rc()):
        t = _Tekenaar()
        plek, pijlen = _indeling(boom)

        # 1. Vakken met hun teksten, gemeten.
        vakken: dict[str, _Vak] = {}
        for id, (kolom, rij) in plek.items():
            knoop = boom.knoop(id)
            op_pad = id in gemarkeerd_knopen
            kleur = _stijl.TEKST if (op_pad or not gelopen) else _stijl.TEKST_ZACHT
            if isinstance(knoop, Uitkomst):
                vak = _Vak(id, "uitkomst", kolom, rij, _UITKOMST_B)
                stijl = "italic" if knoop.herkomst == "kit" else "normal"
                delen = [t.tekst(knoop.titel, _TITEL_PT, vak.breedte - 2 * _BINNEN, kleur, "bold", stijl)]
                if knoop.acties:
                    acties = "\n".join(f"• {a}" for a in knoop.acties)
                    delen.append(t.tekst(acties, _ACTIE_PT, vak.breedte - 2 * _BINNEN, kleur, stijl=stijl, ha="left"))
            elif isinstance(knoop, Tussenstap):
                vak = _Vak(id, "tussenstap", kolom, rij, _VRAAG_B)
                stijl = "italic" if knoop.herkomst == "kit" else "normal"
                delen = [
                    t.tekst(knoop.titel, _TITEL_PT, vak.breedte - 2 * _BINNEN, kleur, "bold", stijl),
                    t.tekst(knoop.tekst, _VRAAG_PT, vak.breedte - 2 * _BINNEN, kleur, stijl=stijl),
                ]
            else:
                vak = _Vak(id, "vraag", kolom, rij, _VRAAG_B)
                delen = [t.tekst(knoop.vraag, _VRAAG_PT, vak.breedte - 2 * _BINNEN, kleur, "bold")]
            vak.teksten = [d[0] for d in delen]
            vak.hoogten = [d[1] for d in delen]
            vak.hoogte = 2 * _BINNEN + sum(vak.hoogten) + 0.05 * (len(delen) - 1)
            vakken[id] = vak

        # 2. Labels van de pijlen, gemeten.
        kolom0_b = max(v.breedte for v in vakken.values() if v.kolom == 0)
        for pijl in pijlen:
            if not pijl.label:
                continue
            aan = (pijl.van, pijl.antwoord) in gemarkeerd_pijlen
            kleur = PAD_KLEUR if aan else _stijl.TEKST_ZACHT
            stijl = "italic" if pijl.herkomst == "kit" else "normal"
            gewicht = "bold" if aan else "normal"
            if pijl.vorm == "omlaag":
                pijl.label_tekst, pijl.label_hoogte = t.tekst(
                    pijl.label, _LABEL_PT, kolom0_b / 2 - 0.14, kleur, gewicht, stijl, ha="left", va="center"
                )
            else:
                pijl.label_tekst, pijl.label_hoogte = t.tekst(
                    pijl.label, _LABEL_PT, _TUSSEN_H - 0.22, kleur, gewicht, stijl, ha="center", va="bottom"
                )

        # 3. Rijen: hoogte per rij en ruimte tussen de rijen.
        rijen = max(r for _, r in plek.values()) + 1
        hoogte_rij = [0.3] * rijen
        for vak in vakken.values():
            hoogte_rij[vak.rij] = max(hoogte_rij[vak.rij], vak.hoogte)
        for pijl in pijlen:
            if pijl.label_tekst is not None and pijl.vorm in ("recht", "omweg"):
                r = plek[pijl.van][1]
                hoogte_rij[r] = max(hoogte_rij[r], 2 * pijl.label_hoogte + 0.16)
        tussen = [_RIJ_TUSSEN] * rijen
        for pijl in pijlen:
            if pijl.vorm == "omlaag":
                r = plek[pijl.van][1]
                tussen[r] = max(tussen[r], pijl.label_hoogte + 0.2)
        boven_rij = []
        y = _MARGE + _KOP
        for r in range(rijen):
            boven_rij.append(y)
            y += hoogte_rij[r] + tussen[r]
        hoogte = y - tussen[-1] + _VOET + _MARGE

        kolom1_b = max([v.breedte for v in vakken.values() if v.kolom == 1], default=_UITKOMST_B)
        x0 = _MARGE + kolom0_b / 2
        x1 = _MARGE + kolom0_b + _TUSSEN_H + kolom1_b / 2
        kanalen = sum(1 for p in pijlen if p.vorm == "omweg")
        kanaal_x0 = x1 + kolom1_b / 2 + _KANAAL
        breedte = _MARGE + kolom0_b + _TUSSEN_H + kolom1_b + kanalen * _KANAAL + _MARGE + 0.05
        t.fig.set_size_inches(breedte, hoogte)
        t.ax.set_xlim(0, breedte)
        t.ax.set_ylim(hoogte, 0)

        # 4. Vakken plaatsen en tekenen.
        knoop_verslag: dict[str, dict[str, Any]] = {}
        for vak in vakken.values():
            vak.x = x0 if vak.kolom == 0 else x1
            vak.y = boven_rij[vak.rij] + (hoogte_rij[vak.rij] - vak.hoogte) / 2
            knoop = boom.knoop(vak.id)
            op_pad = vak.id in gemarkeerd_knopen
            if vak.soort == "uitkomst":
                assert isinstance(knoop, Uitkomst)
                basis = _stijl.VERSNELLINGEN.get(knoop.vorm.value if knoop.vorm else "", _stijl.AFSPRAKEN_RAND)
                vlak, rand, dikte = _meng(basis, 0.3), basis, 1.4
            elif vak.soort == "tussenstap":
                vlak, rand, dikte = _stijl.KERN_VLAK, _stijl.KERN, 1.2
            else:
                vlak, rand, dikte = _stijl.ACHTERGROND, _stijl.AFSPRAKEN_RAND, 1.0
            if vak.id == huidige_vraag:
                vlak = PAD_VLAK
            if op_pad:
                rand, dikte = PAD_KLEUR, PAD_DIKTE
            alfa = 1.0 if (op_pad or not gelopen) else 0.6
            x_l, y_b, _, _ = vak.kader
            kader = FancyBboxPatch(
                (x_l, y_b),
                vak.breedte,
                vak.hoogte,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=vlak,
                edgecolor=rand,
                linewidth=dikte,
                alpha=alfa,
                zorder=2,
            )
            t.ax.add_patch(kader)
            ybinnen = vak.y + _BINNEN
            for tekst, h in zip(vak.teksten, vak.hoogten, strict=True):
                if tekst.get_horizontalalignment() == "left":
                    tekst.set_position((x_l + _BINNEN, ybinnen))
                else:
                    tekst.set_position((vak.x, ybinnen))
                tekst.set_zorder(3)
                ybinnen += h + 0.05
            knoop_verslag[vak.id] = {
                "soort": vak.soort,
                "kader": vak.kader,
                "gemarkeerd": op_pad,
                "huidig": vak.id == huidige_vraag,
                "vak": kader,
                "teksten": list(vak.teksten),
            }

        # 5. Pijlen.
        pijl_verslag: list[dict[str, Any]] = []
        for pijl in pijlen:
            a, b = vakken[pijl.van], vakken[pijl.naar]
            if pijl.antwoord is None:
                aan = pijl.van in doorgangen
                soort = "doorgang"
            else:
                aan = (pijl.van, pijl.antwoord) in gemarkeerd_pijlen
                soort = "antwoord"
            kleur = PAD_KLEUR if aan else _stijl.LIJN
            dikte = PAD_DIKTE if aan else GEDEMPT_DIKTE
            stijl = {"arrowstyle": "-|>", "mutation_scale": 11 if aan else 9, "color": kleur, "linewidth": dikte}
            ay = a.y + a.hoogte / 2
            by = b.y + b.hoogte / 2
            if pijl.vorm == "omlaag":
                artiest = FancyArrowPatch((a.x, a.y + a.hoogte), (b.x, b.y), shrinkA=0, shrinkB=1, **stijl)
                if pijl.label_tekst is not None:
                    pijl.label_tekst.set_position((a.x + 0.08, (a.y + a.hoogte + b.y) / 2))
            elif pijl.vorm == "recht":
                artiest = FancyArrowPatch(
                    (a.x + a.breedte / 2, ay), (b.x - b.breedte / 2, by), shrinkA=0, shrinkB=1, **stijl
                )
                if pijl.label_tekst is not None:
                    pijl.label_tekst.set_position(((a.x + a.breedte / 2 + b.x - b.breedte / 2) / 2, ay - 0.05))
            elif pijl.vorm == "omweg":
                kx = kanaal_x0 + pijl.kanaal * _KANAAL
                punten = [(a.x + a.breedte / 2, ay), (kx, ay), (kx, by), (b.x + b.breedte / 2, by)]
                codes = [MplPath.MOVETO, MplPath.LINETO, MplPath.LINETO, MplPath.LINETO]
                artiest = FancyArrowPatch(path=MplPath(punten, codes), **stijl)
                if pijl.label_tekst is not None:
                    links = a.x + a.breedte / 2
                    pijl.label_tekst.set_position((links + (_TUSSEN_H) / 2, ay - 0.05))
            else:
                artiest = FancyArrowPatch(
                    (a.x, a.y + a.hoogte), (b.x, b.y), shrinkA=0, shrinkB=1, connectionstyle="arc3,rad=0.2", **stijl
                )
                if pijl.label_tekst is not None:
                    pijl.label_tekst.set_position(((a.x + b.x) / 2, (a.y + a.hoogte + b.y) / 2))
            artiest.set_zorder(4 if aan else 1)
            t.ax.add_patch(artiest)
            if pijl.label_tekst is not None:
                pijl.label_tekst.set_zorder(5)
            pijl_verslag.append(
                {
                    "van": pijl.van,
                    "naar": pijl.naar,
                    "antwoord": pijl.antwoord,
                    "label": pijl.label,
                    "soort": soort,
                    "vorm": pijl.vorm,
                    "gemarkeerd": aan,
                    "artiest": artiest,
                    "label_artiest": pijl.label_tekst,
                }
            )

        # 6. Kop en voet.
        t.ax.text(
            _MARGE, _MARGE, "Beslisboom", fontproperties=t.letter(_KOP_PT, "bold"), color=_stijl.TEKST,
            ha="left", va="top", parse_math=False,
        )  # fmt: skip
        if boom.vertrekpunt:
            t.ax.text(
                _MARGE, _MARGE + 0.26, "Vertrekpunt: " + " · ".join(boom.vertrekpunt),
                fontproperties=t.letter(_KLEIN_PT), color=_stijl.TEKST_ZACHT, ha="left", va="top", parse_math=False,
            )  # fmt: skip
        yv = hoogte - _MARGE - 0.1
        t.ax.add_line(Line2D([_MARGE, _MARGE + 0.35], [yv, yv], color=PAD_KLEUR, linewidth=PAD_DIKTE))
        t.ax.text(
            _MARGE + 0.45, yv, LEGENDA_PAD, fontproperties=t.letter(_KLEIN_PT), color=_stijl.TEKST,
            ha="left", va="center", parse_math=False,
        )  # fmt: skip
        t.ax.text(
            _MARGE + 1.55, yv, LEGENDA_KIT, fontproperties=t.letter(_KLEIN_PT, stijl="italic"),
            color=_stijl.TEKST_ZACHT, ha="left", va="center", parse_math=False,
        )  # fmt: skip

        if verslag is not None:
            verslag.clear()
            verslag.update(
                {
                    "knopen": knoop_verslag,
                    "pijlen": pijl_verslag,
                    "gemarkeerd": [
                        (p["van"], p["antwoord"]) for p in pijl_verslag if p["gemarkeerd"] and p["soort"] == "antwoord"
                    ],
                    "maat_inch": (breedte, hoogte),
                }
            )
        if uit is not None and formaat is not None:
            schrijf_figuur(
                t.fig, Path(uit), formaat, dpi=DPI * 2, metadata={"Title": "Beslisboom", "Creator": "samenwerkingscode"}
            )
    return t.fig


def figuur_als_png(fig: Figure, dpi: float = DPI) -> bytes:
    """De figuur als PNG-bytes, bijvoorbeeld voor een ``ipywidgets.Image``."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    return buffer.getvalue()
