"""Sphinx-uitbreiding voor het cursusboek: tabellen en koppen uit het model en uit `book/blokken.yml`.

Het boek typt geen modelgegevens over: de woordenlijst, de canvasvelden, de vormen, de typologie,
de toetsvragen, de Schakelbak, de kop van elk blok en het rooster worden bij het bouwen uit
dezelfde databestanden gemaakt als de widgets en de beoordeling. Past een trainer een
modelbestand aan, dan volgt het boek vanzelf.

Elke directive maakt MyST-tekst en laat die door de gewone parser lopen, zodat rollen als
``{term}`` en ``{doc}`` in gegenereerde tekst precies zo werken als in geschreven tekst.

Daarnaast zorgt deze uitbreiding voor drie dingen die het boek offline en actueel houden:

- de printbare werkbladen (het canvas op A3, leeg en ingevuld voor Springendal) worden bij elke
  bouw gemaakt als hun bronnen veranderd zijn, en met de rol ``{werkblad}`` als download gelinkt;
- de widgetmanager haalt zijn lettertypen uit de gevendorde map in plaats van naast elke pagina;
- verandert de code of het model achter de widgetweergaven, dan worden die weergaven opnieuw
  uitgevoerd (de uitvoercache kijkt anders alleen naar de code in de pagina zelf).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from samenwerkingscode.model.opdrachten import vul_in

HERKOMST = {"deck": "de dia's van de training (8 december 2022)", "kit": "uitwerking in deze cursuskit"}
PAKKET = Path(__file__).resolve().parents[1]

logger = logging.getLogger(__name__)


def duur(minuten: int) -> str:
    """120 → '2 uur', 95 → '1 uur en 35 minuten', 40 → '40 minuten', 1 → '1 minuut'."""
    uren, rest = divmod(minuten, 60)
    rest_tekst = "1 minuut" if rest == 1 else f"{rest} minuten"
    if not uren:
        return rest_tekst
    if not rest:
        return f"{uren} uur"
    return f"{uren} uur en {rest_tekst}"


def _cel(tekst: Any) -> str:
    """Eén regel tekst voor een list-table-cel."""
    return " ".join(str(tekst).split()) if tekst not in (None, "") else "–"


def _punten(punten: float | int | None) -> str:
    """Punten zoals een Nederlandse lezer ze schrijft: 9, 2,5, of een streepje."""
    if punten is None:
        return "–"
    if float(punten).is_integer():
        return str(int(punten))
    return f"{punten}".replace(".", ",")


def _lijsttabel(koppen: list[str], rijen: list[list[str]], breedtes: str | None = None) -> list[str]:
    """Een MyST list-table: blijft leesbaar bij lange cellen, anders dan een pipe-tabel."""
    regels = ["```{list-table}", ":header-rows: 1"]
    if breedtes:
        regels.append(f":widths: {breedtes}")
    regels.append("")
    for rij in [koppen, *rijen]:
        regels.append(f"* - {rij[0]}")
        regels += [f"  - {cel}" for cel in rij[1:]]
    return [*regels, "```", ""]


def _term(naam: str, tekst: str | None = None) -> str:
    """Een link naar de woordenlijst, alleen als de term in het idioom staat (anders gewone tekst)."""
    from samenwerkingscode.model import idioom

    if not idioom.bestaat(naam):
        return tekst or naam
    return f"{{term}}`{tekst} <{naam}>`" if tekst and tekst != naam else f"{{term}}`{naam}`"


class _MystDirective(SphinxDirective):
    """Basis: subklassen leveren MyST-regels; die worden als gewone boektekst verwerkt."""

    has_content = False
    optional_arguments = 1

    def myst(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        from samenwerkingscode.model.yamlbestand import RegieFout

        try:
            regels = self.myst()
        except RegieFout as fout:
            raise self.error(str(fout)) from None
        houder = nodes.container(classes=["regie-" + self.name])
        self.state.nested_parse(StringList(regels, source=self.get_source_info()[0]), self.content_offset, houder)
        return [houder]

    def bronmap(self) -> Path:
        return Path(self.env.srcdir)

    def blok(self, blok_id: str) -> Any:
        from samenwerkingscode.model import opdrachten

        self.afhankelijk_van_model("opdrachten")
        return opdrachten.blok(blok_id)

    def casusoefeningen(self) -> Any:
        """Het oefeningenbestand van de casus van de cursus (standaard Springendal, of ``$REGIE_CASUS``)."""
        from samenwerkingscode.model import opdrachten
        from samenwerkingscode.model.casus import kit_casus

        casus = opdrachten.actieve_casus()
        self.env.note_dependency(str(kit_casus(f"{casus}.oefeningen.yml")))
        return opdrachten.laad_casusoefeningen(casus)

    def afhankelijk_van_model(self, *namen: str) -> None:
        """Laat Sphinx de pagina opnieuw lezen als een van deze modelbestanden verandert."""
        from samenwerkingscode.model import model_pad

        for naam in namen:
            self.env.note_dependency(str(model_pad(naam)))


class BlokKop(_MystDirective):
    """Leerdoelen, tijd en oefeningen van één blok, uit `model/opdrachten.yml`."""

    required_arguments = 1
    optional_arguments = 0

    def myst(self) -> list[str]:
        blok = self.blok(self.arguments[0])
        regels = ["```{rubric} Leerdoelen", "```", "", "Na dit blok kun je:", ""]
        regels += [f"- {doel}" for doel in blok.leerdoelen]
        regels += ["", "```{rubric} Tijd", "```", ""]
        regels.append(f"Reken op ongeveer **{duur(blok.minuten)}** voor de tekst en de oefeningen samen.")
        regels.append("")
        if blok.oefeningen:
            regels += ["```{rubric} Oefeningen in dit blok", "```", ""]
            regels += _lijsttabel(
                ["Oefening", "Tijd", "Beoordeling", "Punten"],
                [
                    [
                        f"{o.id} – {vul_in(o.titel, self.casusoefeningen())}",
                        duur(o.minuten),
                        o.beoordeling,
                        _punten(o.punten) if blok.beoordeeld else "–",
                    ]
                    for o in blok.oefeningen
                ],
                "50 15 20 15",
            )
        return regels


class Rooster(_MystDirective):
    """Het rooster van de hele cursus, uit `model/opdrachten.yml`."""

    def myst(self) -> list[str]:
        from samenwerkingscode.model import opdrachten

        self.afhankelijk_van_model("opdrachten")
        blokken = opdrachten.blokken()
        casus = self.casusoefeningen()
        rijen = []
        for blok in blokken:
            oefeningen = "; ".join(f"{o.id} {vul_in(o.titel, casus)}" for o in blok.oefeningen) or "–"
            rijen.append(
                [
                    f"{{doc}}`{blok.titel} </book/{blok.id}/index>`",
                    _cel(blok.thema),
                    duur(blok.minuten),
                    oefeningen,
                    _cel(blok.thuis_verder),
                ]
            )
        totaal = sum(b.minuten for b in blokken)
        return [
            *_lijsttabel(["Blok", "Thema", "Tijd", "Oefeningen", "Thuis verder"], rijen, "12 25 12 31 20"),
            f"Totale studietijd: ongeveer **{duur(totaal)}**.",
            "",
        ]


class OefeningTekst(_MystDirective):
    """Een oefening uit `model/opdrachten.yml`, met kop: dezelfde tekst als in het notebook (nooit overgetypt)."""

    required_arguments = 1
    optional_arguments = 0

    def myst(self) -> list[str]:
        from samenwerkingscode.model import opdrachten, opdrachttekst

        self.afhankelijk_van_model("opdrachten")
        blok, oefening = opdrachten.oefening(self.arguments[0])
        tekst = opdrachttekst.oefening_markdown(blok, oefening, self.casusoefeningen(), kop="###", met_uitwerking=True)
        return tekst.splitlines()

    def run(self) -> list[nodes.Node]:
        from samenwerkingscode.model.yamlbestand import RegieFout

        try:
            regels = self.myst()
        except RegieFout as fout:
            raise self.error(str(fout)) from None
        houder = nodes.container()
        self.state.nested_parse(StringList(regels, source=self.get_source_info()[0]), self.content_offset, houder,
                                match_titles=True)  # fmt: skip
        return list(houder.children)


class Instellingen(_MystDirective):
    """Alle instellingen van de kit (``c.Regie`` in nbgrader_config.py) met hun uitleg, uit de code zelf."""

    def myst(self) -> list[str]:
        from samenwerkingscode.cursus.instellingen import beschrijving

        rijen = [[f"`c.Regie.{naam}`", _cel(uitleg)] for naam, uitleg, _ in beschrijving()]
        return _lijsttabel(["Instelling", "Wat het is"], rijen, "30 70")


class IdioomLijst(_MystDirective):
    """De woordenlijst: elke term met definitie en herkomst, uit `model/idioom.yml`."""

    def myst(self) -> list[str]:
        from samenwerkingscode.model import idioom

        self.afhankelijk_van_model("idioom")
        regels = ["```{glossary}", ":sorted:", ""]
        for term in idioom.termen():
            regels.append(term.naam)
            regels.append(f"  {_cel(term.definitie)}")
            regels.append("")
            herkomst = f"Term: {HERKOMST[term.herkomst]}. Definitie: {HERKOMST[term.definitie_herkomst]}."
            if term.blok:
                herkomst += f" Zie {{doc}}`Blok {term.blok} </book/blok{term.blok}/index>`."
            regels.append(f"  *{herkomst}*")
            if term.zie_ook:
                regels.append("")
                regels.append("  Zie ook: " + ", ".join(f"{{term}}`{z}`" for z in term.zie_ook) + ".")
            regels.append("")
        return [*regels, "```", ""]


class CanvasVelden(_MystDirective):
    """De negen velden met hun leidende vraag."""

    def myst(self) -> list[str]:
        from samenwerkingscode.model import canvas

        self.afhankelijk_van_model("canvas")
        rijen = [
            [_term(v.term, v.titel), "kern" if v.rol == "kern" else "afsprakenveld", _cel(v.vraag)]
            for v in canvas.velden()
        ]
        return _lijsttabel(["Veld", "Soort", "Leidende vraag"], rijen, "25 15 60")


class Vormen(_MystDirective):
    """De samenwerkingsvormen met hun kenmerken, in volgorde van binding."""

    def myst(self) -> list[str]:
        from samenwerkingscode.model import vormen

        self.afhankelijk_van_model("vormen")
        rijen = []
        for v in vormen.vormen():
            kenmerken = "; ".join(v.kenmerken)
            rijen.append([str(v.versnelling), _term(v.term, v.naam), _cel(kenmerken), HERKOMST[v.herkomst]])
        return _lijsttabel(["Versnelling", "Vorm", "Kenmerken", "Herkomst"], rijen, "10 20 50 20")


def _bronlink(bron_id: str) -> str:
    """Een bron uit het register als link: medium en datum, met het webadres als dat er is."""
    from samenwerkingscode.model import bronnen

    b = bronnen.bron(bron_id)
    tekst = b.medium if not b.datum else f"{b.medium}, {bronnen.datum_tekst(b.datum)}"
    return f"[{tekst}]({b.url})" if b.url else tekst


def _veldlink(sleutel: str) -> str:
    from samenwerkingscode.model import canvas

    veld = canvas.veld(sleutel)
    return _term(veld.term, veld.titel)


def typologie_tabel_myst() -> list[str]:
    """De acht situaties in één tabel: doelrelatie, herkennen, risico en of een partnership kan."""
    from samenwerkingscode.model import typologie

    rijen = []
    for s in typologie.situaties():
        rijen.append(
            [
                f"**{s.nummer}. {s.naam}**",
                _cel(s.doelrelatie),
                "; ".join(_cel(h) for h in s.herkennen) or "–",
                _cel(s.risico),
                "ja" if s.partnership_mogelijk else "nee",
            ]
        )
    return _lijsttabel(
        ["Situatie", "Hoe de doelen zich verhouden", "Zo herken je het", "Typisch risico", "Partnership?"],
        rijen,
        "18 24 28 20 10",
    )


def typologie_regelen_myst() -> list[str]:
    """Per situatie wat je moet regelen (het deel 'wat te regelen' uit de dia's), uit `ontwerp` en `belangrijke_velden`.

    De voorbeelden uit Springendal (`springendal`) staan bewust niet in het boek: ze zouden het
    antwoord op oefening 3b voorzeggen.
    """
    from samenwerkingscode.model import typologie

    regels = [
        "```{admonition} Uitwerking in deze cursuskit: wat te regelen per situatie",
        ":class: note",
        'De dia\'s noemen "wat te regelen" als onderwerp van Blok 3, maar geven de inhoud niet. Per '
        "situatie staat hieronder wat deze kit het ontwerp laat regelen, en welke velden van het canvas "
        "het zwaarst wegen. Een trainer kan dit vervangen in `samenwerkingscode/model/typologie.yml`.",
        "",
    ]
    for s in typologie.situaties():
        velden = ", ".join(_veldlink(v) for v in s.belangrijke_velden)
        regels.append(f"**Situatie {s.nummer}. {s.naam}.** Velden die het zwaarst wegen: {velden}.")
        regels.append("")
        regels += [f"- {_cel(o)}" for o in s.ontwerp]
        regels.append("")
    return [*regels, "```", ""]


class Typologie(_MystDirective):
    """De acht situaties van de partnershiptypologie (uitwerking in deze cursuskit).

    ``{typologie}`` geeft de overzichtstabel; ``{typologie} regelen`` geeft per situatie wat te regelen.
    """

    def myst(self) -> list[str]:
        self.afhankelijk_van_model("typologie", "canvas")
        soort = self.arguments[0] if self.arguments else "tabel"
        if soort == "regelen":
            return typologie_regelen_myst()
        if soort != "tabel":
            raise self.error(f"Onbekende weergave '{soort}' voor typologie; kies 'tabel' of 'regelen'.")
        return typologie_tabel_myst()


def patronen_myst() -> list[str]:
    """De catalogus van patronen, in een blok 'Uitwerking in deze cursuskit', met bewijs en bron."""
    from samenwerkingscode.model import patronen

    data = patronen.laad_patronen()
    regels = [
        "```{admonition} Uitwerking in deze cursuskit: een catalogus van patronen",
        ":class: note",
        _cel(data.toelichting),
        "",
    ]
    for p in data.patronen:
        regels.append(f"**{p.naam}.** {_cel(p.wat)}")
        regels.append("")
        regels.append("- *Zo herken je het:* " + " ".join(_cel(s) for s in p.signalen))
        if p.kenmerk:
            regels.append(f"- *Kenmerk van de weerbarstige samenwerking:* {p.kenmerk.lower()}.")
        velden = ", ".join(_veldlink(v) for v in p.kijk_naar)
        regels.append(f"- *Kijk in het canvas naar:* {velden}. *Valt op bij:* {_term(p.toetsvraag)}")
        for b in p.bewijs:
            regels.append(f"- *In Springendal:* {_cel(b.feit)} Bron: {_bronlink(b.bron)}.")
        regels.append("")
    return [*regels, "```", ""]


class Patronen(_MystDirective):
    """De catalogus 'Patronen in de echte wereld' uit `model/patronen.yml` (uitwerking in deze cursuskit)."""

    def myst(self) -> list[str]:
        from samenwerkingscode.model.bronnen import REGISTER

        self.afhankelijk_van_model("patronen", "canvas")
        self.env.note_dependency(str(REGISTER))
        return patronen_myst()


BRONSOORTEN = {
    "dias": "De dia's van de training",
    "context": "Context van de training",
    "springendal": "Springendal – Dal van de Mosbeek",
    "literatuur": "Literatuur over samenwerken",
}


def bronnen_myst(soort: str) -> list[str]:
    """Eén tabel van het bronnenregister: titel met link, medium, datum en waarvoor het boek de bron gebruikt."""
    from samenwerkingscode.model import bronnen

    rijen = []
    for b in bronnen.bronnen():
        if b.soort != soort:
            continue
        titel = _cel(b.titel)
        titel = f"[{titel}]({b.url})" if b.url else f"{titel} (geen webadres: {_cel(b.zonder_url)})"
        rijen.append([titel, _cel(b.medium), bronnen.datum_tekst(b.datum), _cel(b.gebruikt_voor)])
    return _lijsttabel(["Bron", "Medium", "Datum", "Gebruikt voor"], rijen, "32 20 12 36")


class Bronnen(_MystDirective):
    """Eén soort bronnen uit het register `casussen/bronnen.yml`: ``{bronnen} springendal``."""

    required_arguments = 1
    optional_arguments = 0

    def myst(self) -> list[str]:
        from samenwerkingscode.model.bronnen import REGISTER

        self.env.note_dependency(str(REGISTER))
        if self.arguments[0] not in BRONSOORTEN:
            raise self.error(f"Onbekende soort bronnen '{self.arguments[0]}'; kies uit {', '.join(BRONSOORTEN)}.")
        return bronnen_myst(self.arguments[0])


def _casus_springendal(projectmap: Path) -> Any:
    from samenwerkingscode.model import casus

    return casus.laad_casus(projectmap / SPRINGENDAL)


def tijdlijn_myst(projectmap: Path) -> list[str]:
    """De tijdlijn van de casus, elke regel met de bron die juist die gebeurtenis noemt."""
    from samenwerkingscode.model import bronnen

    rijen = []
    for g in _casus_springendal(projectmap).tijdlijn:
        wanneer = bronnen.datum_tekst(g.datum)
        if g.tot:
            wanneer += f" – {bronnen.datum_tekst(g.tot)}"
        rijen.append([wanneer, _cel(g.omschrijving), "; ".join(_bronlink(b) for b in g.bronnen)])
    return _lijsttabel(["Wanneer", "Wat", "Bron"], rijen, "20 55 25")


def maatregelen_myst(projectmap: Path) -> list[str]:
    """De maatregelen van de casus, elk met de bron die de maatregel noemt."""
    regels = []
    for m in _casus_springendal(projectmap).maatregelen:
        uitleg = f": {_cel(m.omschrijving).rstrip('.')}" if m.omschrijving else ""
        bron = "; ".join(_bronlink(b) for b in m.bronnen)
        regels.append(f"- {m.naam}{uitleg} ({bron});")
    if regels:
        regels[-1] = regels[-1][:-1] + "."
    return [*regels, ""]


class CasusOnderdeel(_MystDirective):
    """``{casus} tijdlijn`` of ``{casus} maatregelen``: uit `casussen/springendal-mosbeek.yml`, met bron per regel."""

    required_arguments = 1
    optional_arguments = 0

    def myst(self) -> list[str]:
        from samenwerkingscode.model.bronnen import REGISTER

        self.env.note_dependency(str(self.bronmap() / SPRINGENDAL))
        self.env.note_dependency(str(REGISTER))
        if self.arguments[0] == "tijdlijn":
            return tijdlijn_myst(self.bronmap())
        if self.arguments[0] == "maatregelen":
            return maatregelen_myst(self.bronmap())
        raise self.error(f"Onbekend onderdeel '{self.arguments[0]}' van de casus; kies 'tijdlijn' of 'maatregelen'.")


class Toetsvragen(_MystDirective):
    """De vier toetsvragen met hun deelvragen, de stap terug en de schaal."""

    def myst(self) -> list[str]:
        from samenwerkingscode.model import toets

        self.afhankelijk_van_model("toetsvragen")
        regels: list[str] = []
        for vraag in toets.toetsvragen():
            kop = _term(vraag.term, vraag.vraag) if vraag.term else vraag.vraag
            regels.append(f"{vraag.nummer}. **{kop}** {_cel(vraag.uitleg)}")
            for deel in vraag.deelvragen:
                regels.append(f"   - {_cel(deel.vraag)}")
        regels.append("")
        stap = toets.stap_terug()
        uitleg = getattr(stap, "uitleg", "") or getattr(stap, "toelichting", "")
        if uitleg:
            regels += [f"**{_term('Stap terug')}.** {_cel(uitleg)}", ""]
        regels.append(f"{_term('Toetsschaal', 'Schaal')} voor elke deelvraag:")
        regels.append("")
        for waarde in toets.schaal():
            regels.append(f"- **{waarde.label}** – {_cel(waarde.uitleg)}")
        return [*regels, ""]


class Schakelbak(_MystDirective):
    """De signalen van de Schakelbak met de richting en de interventies (uitwerking in deze cursuskit)."""

    def myst(self) -> list[str]:
        from samenwerkingscode.model import schakelbak

        self.afhankelijk_van_model("schakelbak")
        richtingen = {r.sleutel: r for r in schakelbak.laad_schakelbak().richtingen}
        rijen = []
        for signaal in schakelbak.signalen():
            richting = richtingen[signaal.richting]
            rijen.append(
                [
                    _cel(signaal.label),
                    _term(richting.term, richting.label) if richting.term else richting.label,
                    "; ".join(_cel(i) for i in signaal.interventies),
                    HERKOMST[signaal.herkomst],
                ]
            )
        return _lijsttabel(["Signaal", "Schakelen", "Mogelijke interventies", "Signaal uit"], rijen, "28 14 43 15")


# --- Printbare werkbladen ------------------------------------------------------------------------


@dataclass(frozen=True)
class Werkblad:
    """Een printbaar werkblad: bestandsnaam en de tekst van de downloadlink."""

    bestand: str
    link: str


WERKBLADEN: dict[str, Werkblad] = {
    "leeg": Werkblad("samenwerkingscanvas-leeg-a3.pdf", "Leeg Samenwerkingscanvas (A3, PDF)"),
    "springendal": Werkblad(
        "samenwerkingscanvas-springendal-a3.pdf", "Samenwerkingscanvas Springendal – Dal van de Mosbeek (A3, PDF)"
    ),
}
WERKBLADMAP = "werkbladen"
SPRINGENDAL = "casussen/springendal-mosbeek.yml"


def werkbladmap(app: Sphinx) -> Path:
    """Naast `_build/html`, dus in de bouwmap en buiten git: de werkbladen worden nooit gecommit."""
    return Path(app.outdir).parent / WERKBLADMAP


def _vingerafdruk(paden: Iterable[Path], extra: str = "") -> str:
    """Een hash over de inhoud van bestanden: verandert als een bron verandert, niet bij elke bouw."""
    h = hashlib.sha256(extra.encode())
    for pad in sorted(set(paden)):
        h.update(str(pad).encode())
        h.update(pad.read_bytes() if pad.is_file() else b"-")
    return h.hexdigest()


def maak_werkbladen(doelmap: Path, projectmap: Path) -> list[Path]:
    """Teken de werkbladen opnieuw, maar alleen als poster, canvasmodel of casus veranderd is.

    Een A3-PDF tekenen kost seconden; bij een ongewijzigde bron hergebruiken we het bestand, zodat
    een boek met cache snel blijft en Sphinx de pagina's met de links niet opnieuw hoeft te lezen.
    """
    from samenwerkingscode import model
    from samenwerkingscode.model import casus

    casuspad = projectmap / SPRINGENDAL
    bronnen = [
        *(PAKKET / "figuren").glob("*.py"),
        PAKKET / "model" / "canvas.py",
        PAKKET / "model" / "casus.py",  # de woorden van de herkomstnoot
        Path(__file__).resolve(),  # titels en ondertitels van de werkbladen staan hier
        model.model_pad("canvas"),
        casuspad,
    ]
    afdruk = _vingerafdruk(bronnen)
    stempel = doelmap / ".vingerafdruk"
    uit = [doelmap / w.bestand for w in WERKBLADEN.values()]
    if stempel.is_file() and stempel.read_text(encoding="utf-8") == afdruk and all(p.is_file() for p in uit):
        return uit
    from samenwerkingscode.figuren import poster

    doelmap.mkdir(parents=True, exist_ok=True)
    poster.teken_leeg_canvas(doelmap / WERKBLADEN["leeg"].bestand)
    springendal = casus.laad_casus(casuspad)
    poster.teken_canvas(
        casus.canvas_inhoud(springendal),
        titel=springendal.canvas_onderwerp or springendal.titel,
        uit=doelmap / WERKBLADEN["springendal"].bestand,
        ondertitel=f"Ingevuld met de casusfeiten uit deze cursuskit ({SPRINGENDAL}); de bronnen staan in het boek.",
        herkomst=casus.canvas_noot(springendal),
    )
    stempel.write_text(afdruk, encoding="utf-8")
    return uit


def _werkbladen_maken(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    from samenwerkingscode.model.yamlbestand import RegieFout

    try:
        maak_werkbladen(werkbladmap(app), Path(app.srcdir))
    except RegieFout as fout:
        # Een kapotte casus mag de bouw niet met een traceback laten stoppen; de rol meldt de link.
        logger.warning("De werkbladen konden niet gemaakt worden: %s", fout, type="regie", subtype="werkblad")


class WerkbladRol(SphinxRole):
    """``{werkblad}`leeg``` of ``{werkblad}`eigen tekst <springendal>```: een downloadlink."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        gevonden = re.fullmatch(r"\s*(?:(.*?)\s*<([^<>]+)>|([^<>]+?))\s*", self.text)
        tekst, sleutel = (gevonden.group(1), gevonden.group(2)) if gevonden and gevonden.group(2) else (None, None)
        if gevonden and gevonden.group(3):
            sleutel = gevonden.group(3)
        if sleutel not in WERKBLADEN:
            bekend = ", ".join(WERKBLADEN)
            melding = self.inliner.reporter.error(
                f"Onbekend werkblad '{self.text}'; kies uit: {bekend}.", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, melding)], [melding]
        werkblad = WERKBLADEN[sleutel]
        doel = werkbladmap(self.env.app) / werkblad.bestand
        paginamap = Path(self.env.doc2path(self.env.docname)).parent
        knoop = addnodes.download_reference(
            self.rawtext,
            "",
            reftarget=os.path.relpath(doel, paginamap),
            refdoc=self.env.docname,
            refexplicit=True,
        )
        knoop += nodes.inline(self.rawtext, tekst or werkblad.link, classes=["download", "regie-werkblad"])
        return [knoop], []


# --- Widgetweergaven ----------------------------------------------------------------------------

WIDGET_PAD_SCRIPT = "regie-widgets.js"
WIDGET_AANROEP = "boekweergave("


def _scriptnaam(script: Any) -> str:
    """De bestandsnaam van een Sphinx-script (of de tekst van een inline script)."""
    return str(getattr(script, "filename", "") or "") + str(getattr(script, "attributes", {}).get("body", ""))


def _paginascripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Houd elke pagina offline en privé, en laat de widgetmanager zijn lettertypen vinden.

    - sphinx-thebe (dat jupyter-book altijd laadt) wijst naar een CDN (unpkg.com) om code live te
      draaien; het boek gebruikt geen thebe, dus het script en zijn configuratie gaan eruit.
    - De html-manager laadt Font Awesome standaard van ``<paginamap>/@jupyter-widgets/html-manager/dist/``;
      die map bestaat niet, dus elke pagina met widgets gaf mislukte verzoeken. Op zulke pagina's komt
      daarom eerst een klein script dat ``window.__jupyter_widgets_assets_path__`` op de gevendorde map zet.
    """
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    scripts[:] = [s for s in scripts if "thebe" not in _scriptnaam(s).lower()]
    stijlen = context.get("css_files")
    if isinstance(stijlen, list):
        stijlen[:] = [s for s in stijlen if "thebe" not in _scriptnaam(s).lower()]
    if any("html-manager" in _scriptnaam(s) for s in scripts):
        app.add_js_file(WIDGET_PAD_SCRIPT, priority=400)


def _zonder_thebe(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Haal de thebe-configuratie uit elke pagina: ze verwijst naar een voorbeeldrepository op Binder.

    sphinx-thebe voegt die configuratie altijd toe, ook als thebe uit staat. Ze laadt zelf niets,
    maar een boek dat privé en offline belooft te zijn, hoort geen Binder-adres te bevatten.
    """
    for knoop in list(doctree.findall(nodes.raw)):
        tekst = knoop.astext()
        if "text/x-thebe-config" in tekst or tekst.startswith("<script>kernelName ="):
            knoop.parent.remove(knoop)


#: Lagen die nooit in een widgetcel draaien (het boek zelf, de trainerskant en de opdrachtregel).
#: Een wijziging daarin hoeft de weergaven niet opnieuw uit te voeren. Alles wat hier niet staat,
#: telt wel mee: liever een keer te veel uitvoeren dan een verouderde weergave in het boek.
NIET_IN_WIDGETS = frozenset({"boek", "cursus", "cli.py"})


def _widgetbronnen(projectmap: Path) -> list[Path]:
    """Alles waar een widgetweergave van afhangt: de code, het model (ook een eigen modelmap) en de casussen."""
    code = [p for p in PAKKET.rglob("*.py") if p.relative_to(PAKKET).parts[0] not in NIET_IN_WIDGETS]
    eigen_model = os.environ.get("REGIE_MODEL_MAP", "")
    return [
        *code,
        *PAKKET.rglob("*.yml"),
        *(sorted(Path(eigen_model).glob("*.yml")) if eigen_model else []),
        projectmap / SPRINGENDAL,
        *sorted(projectmap.glob("casussen/*.yml")),
    ]


def _widgetpaginas(env: BuildEnvironment) -> list[str]:
    paginas = []
    for docname in env.found_docs:
        pad = Path(env.doc2path(docname))
        if pad.suffix == ".md" and pad.is_file() and WIDGET_AANROEP in pad.read_text(encoding="utf-8"):
            paginas.append(docname)
    return sorted(paginas)


def _verouderde_widgets(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Lees de widgetpagina's opnieuw en wis de uitvoercache als de code of het model veranderde.

    jupyter-cache herkent een notebook aan de code in zijn cellen. De cel ``boekweergave("1a")``
    verandert niet als het canvasmodel verandert; zonder deze stap zou het boek een oude weergave
    blijven tonen.
    """
    from samenwerkingscode import __version__
    from samenwerkingscode.model.opdrachten import actieve_casus

    # De casus en de modelmap horen bij de vingerafdruk: een andere keuze geeft andere widgetweergaven.
    extra = f"{__version__}|{actieve_casus()}|{os.environ.get('REGIE_MODEL_MAP', '')}"
    afdruk = _vingerafdruk(_widgetbronnen(Path(app.srcdir)), extra=extra)
    stempel = Path(app.outdir).parent / ".regie-widgets-vingerafdruk"
    vorige = stempel.read_text(encoding="utf-8") if stempel.is_file() else None
    if vorige == afdruk:
        return []
    cache = getattr(getattr(env, "mystnb_config", None), "execution_cache_path", "")
    if vorige is not None and cache and Path(cache).is_dir():
        logger.info("Widgetcode of model veranderd: de uitvoercache van de widgetweergaven wordt gewist.")
        shutil.rmtree(cache)
    stempel.parent.mkdir(parents=True, exist_ok=True)
    stempel.write_text(afdruk, encoding="utf-8")
    return [d for d in _widgetpaginas(env) if d not in added and d not in changed]


DIRECTIVES: dict[str, type[_MystDirective]] = {
    "blokkop": BlokKop,
    "rooster": Rooster,
    "oefening": OefeningTekst,
    "instellingen": Instellingen,
    "idioom": IdioomLijst,
    "canvasvelden": CanvasVelden,
    "vormen": Vormen,
    "typologie": Typologie,
    "patronen": Patronen,
    "bronnen": Bronnen,
    "casus": CasusOnderdeel,
    "toetsvragen": Toetsvragen,
    "schakelbak": Schakelbak,
}


def setup(app: Sphinx) -> dict[str, Any]:
    for naam, directive in DIRECTIVES.items():
        app.add_directive(naam, directive)
    app.add_role("werkblad", WerkbladRol())
    app.connect("builder-inited", _werkbladen_maken)
    app.connect("env-get-outdated", _verouderde_widgets)
    app.connect("doctree-resolved", _zonder_thebe, priority=900)  # na sphinx-thebe
    app.connect("html-page-context", _paginascripts, priority=900)  # na myst-nb
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
