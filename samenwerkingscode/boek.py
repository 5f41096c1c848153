"""Sphinx-uitbreiding voor het cursusboek: tabellen en koppen uit het model en uit `book/blokken.yml`.

Het boek typt geen modelgegevens over: de woordenlijst, de canvasvelden, de vormen, de typologie,
de toetsvragen, de Schakelbak, de kop van elk blok en het rooster worden bij het bouwen uit
dezelfde databestanden gemaakt als de widgets en de beoordeling. Past een trainer een
modelbestand aan, dan volgt het boek vanzelf.

Elke directive maakt MyST-tekst en laat die door de gewone parser lopen, zodat rollen als
``{term}`` en ``{doc}`` in gegenereerde tekst precies zo werken als in geschreven tekst.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from pydantic import BaseModel, ConfigDict, Field
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

BLOKKEN_BESTAND = "book/blokken.yml"
HERKOMST = {"deck": "de dia's van de training (8 december 2022)", "kit": "uitwerking in deze cursuskit"}


class Oefening(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    titel: str
    minuten: int = Field(ge=0)
    beoordeling: str
    punten: float | int | None = None


class Blok(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    titel: str
    thema: str
    minuten: int = Field(ge=0)
    leerdoelen: list[str]
    oefeningen: list[Oefening] = []
    thuis_verder: str = ""


class Blokken(BaseModel):
    model_config = ConfigDict(extra="forbid")

    blokken: list[Blok]


def laad_blokken(bronmap: Path) -> Blokken:
    """Lees `book/blokken.yml` met dezelfde foutmeldingen (bestand, regel, veld) als een casus."""
    from samenwerkingscode import yamlbestand

    return yamlbestand.laad(bronmap / BLOKKEN_BESTAND, Blokken, soort="blokkenbestand")


def duur(minuten: int) -> str:
    """120 → '2 uur', 95 → '1 uur en 35 minuten', 40 → '40 minuten'."""
    uren, rest = divmod(minuten, 60)
    if not uren:
        return f"{rest} minuten"
    if not rest:
        return f"{uren} uur"
    return f"{uren} uur en {rest} minuten"


def _cel(tekst: Any) -> str:
    """Eén regel tekst voor een list-table-cel."""
    return " ".join(str(tekst).split()) if tekst not in (None, "") else "–"


def _lijsttabel(koppen: list[str], rijen: list[list[str]], breedtes: str | None = None) -> list[str]:
    regels = ["```{list-table}", ":header-rows: 1"]
    if breedtes:
        regels.append(f":widths: {breedtes}")
    regels.append("")
    for rij in [koppen, *rijen]:
        regels.append(f"* - {rij[0]}")
        regels += [f"  - {cel}" for cel in rij[1:]]
    return [*regels, "```", ""]


class _MystDirective(SphinxDirective):
    """Basis: subklassen leveren MyST-regels; die worden als gewone boektekst verwerkt."""

    has_content = False
    optional_arguments = 1

    def myst(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        from samenwerkingscode.yamlbestand import RegieFout

        try:
            regels = self.myst()
        except RegieFout as fout:
            raise self.error(str(fout)) from None
        houder = nodes.container(classes=["regie-" + self.name])
        self.state.nested_parse(StringList(regels, source=self.get_source_info()[0]), self.content_offset, houder)
        return [houder]

    def bronmap(self) -> Path:
        return Path(self.env.srcdir)

    def blok(self, blok_id: str) -> Blok:
        self.env.note_dependency(str(self.bronmap() / BLOKKEN_BESTAND))
        for blok in laad_blokken(self.bronmap()).blokken:
            if blok.id == blok_id:
                return blok
        raise self.error(f"Blok '{blok_id}' staat niet in {BLOKKEN_BESTAND}.")

    def afhankelijk_van_model(self, *namen: str) -> None:
        from samenwerkingscode.model import model_pad

        for naam in namen:
            self.env.note_dependency(str(model_pad(naam)))


class BlokKop(_MystDirective):
    """Leerdoelen, tijd en oefeningen van één blok, uit `book/blokken.yml`."""

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
                    [f"{o.id} – {o.titel}", duur(o.minuten), _cel(o.beoordeling), _cel(o.punten)]
                    for o in blok.oefeningen
                ],
                "50 15 20 15",
            )
        return regels


class Rooster(_MystDirective):
    """Het rooster van de hele cursus, uit `book/blokken.yml`."""

    def myst(self) -> list[str]:
        self.env.note_dependency(str(self.bronmap() / BLOKKEN_BESTAND))
        blokken = laad_blokken(self.bronmap()).blokken
        rijen = []
        for blok in blokken:
            oefeningen = "; ".join(f"{o.id} {o.titel}" for o in blok.oefeningen) or "–"
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


class IdioomLijst(_MystDirective):
    """De woordenlijst: elke term met definitie en herkomst, uit `model/idioom.yml`."""

    def myst(self) -> list[str]:
        from samenwerkingscode import idioom

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
        from samenwerkingscode import canvas

        self.afhankelijk_van_model("canvas")
        rijen = [
            [f"{{term}}`{v.titel} <{v.term}>`", "kern" if v.rol == "kern" else "afsprakenveld", _cel(v.vraag)]
            for v in canvas.velden()
        ]
        return _lijsttabel(["Veld", "Soort", "Leidende vraag"], rijen, "25 15 60")


class Vormen(_MystDirective):
    """De samenwerkingsvormen met hun kenmerken, in volgorde van binding."""

    def myst(self) -> list[str]:
        from samenwerkingscode import vormen

        self.afhankelijk_van_model("vormen")
        rijen = []
        for v in vormen.vormen():
            naam = f"{{term}}`{v.naam} <{v.term}>`" if getattr(v, "term", None) else v.naam
            kenmerken = "; ".join(v.kenmerken)
            rijen.append([str(v.versnelling), naam, _cel(kenmerken), HERKOMST[v.herkomst]])
        return _lijsttabel(["Versnelling", "Vorm", "Kenmerken", "Herkomst"], rijen, "10 20 50 20")


class Typologie(_MystDirective):
    """De acht situaties van de partnershiptypologie (uitwerking in deze cursuskit)."""

    def myst(self) -> list[str]:
        from samenwerkingscode import typologie

        self.afhankelijk_van_model("typologie")
        rijen = []
        for s in typologie.situaties():
            rijen.append(
                [
                    f"**{s.nummer}. {s.naam}**",
                    _cel(s.doelrelatie),
                    "; ".join(s.herkennen) or "–",
                    _cel(s.risico),
                    "ja" if s.partnership_mogelijk else "nee",
                ]
            )
        return _lijsttabel(
            ["Situatie", "Hoe de doelen zich verhouden", "Zo herken je het", "Typisch risico", "Partnership?"],
            rijen,
            "18 24 28 20 10",
        )


class Toetsvragen(_MystDirective):
    """De vier toetsvragen met hun deelvragen, de stap terug en de schaal."""

    def myst(self) -> list[str]:
        from samenwerkingscode import toets

        self.afhankelijk_van_model("toetsvragen")
        regels: list[str] = []
        for vraag in toets.toetsvragen():
            regels.append(f"{vraag.nummer}. **{vraag.vraag}** {_cel(vraag.uitleg)}")
            for deel in vraag.deelvragen:
                regels.append(f"   - {_cel(deel.vraag)}")
        regels.append("")
        regels.append("Schaal voor elke deelvraag:")
        regels.append("")
        for waarde in toets.schaal():
            regels.append(f"- **{waarde.label}** – {_cel(getattr(waarde, 'uitleg', ''))}")
        return [*regels, ""]


class Schakelbak(_MystDirective):
    """De signalen van de Schakelbak met de richting en de interventies (uitwerking in deze cursuskit)."""

    def myst(self) -> list[str]:
        from samenwerkingscode import schakelbak

        self.afhankelijk_van_model("schakelbak")
        rijen = []
        for signaal in schakelbak.signalen():
            rijen.append(
                [
                    _cel(signaal.omschrijving),
                    schakelbak.RICHTING_LABELS[signaal.richting],
                    "; ".join(signaal.interventies),
                ]
            )
        return _lijsttabel(["Signaal", "Schakelen", "Mogelijke interventies"], rijen, "35 15 50")


DIRECTIVES: dict[str, type[_MystDirective]] = {
    "blokkop": BlokKop,
    "rooster": Rooster,
    "idioom": IdioomLijst,
    "canvasvelden": CanvasVelden,
    "vormen": Vormen,
    "typologie": Typologie,
    "toetsvragen": Toetsvragen,
    "schakelbak": Schakelbak,
}


def setup(app: Sphinx) -> dict[str, Any]:
    for naam, directive in DIRECTIVES.items():
        app.add_directive(naam, directive)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
