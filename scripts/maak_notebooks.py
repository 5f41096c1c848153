"""Maak de cursusnotebooks en de modelantwoorden uit één bron.

Waarom een generator: zes notebooks met dezelfde opbouw (intro, opzet, per oefening uitleg, widget,
nakijkcel of taakcel, tot slot "Controleer mijn opdracht") lopen met de hand snel uit elkaar. Hier
staat de opbouw één keer; per blok staat alleen wat dat blok eigen is. De teksten *Wat je doet*
en de rubrics komen letterlijk uit de boekhoofdstukken, de tijden en punten uit ``book/blokken.yml``
en de onderdelen (relaties, opgaven, momenten) uit ``samenwerkingscode/model/opdrachten.yml``; zo
kunnen boek, notebook en beoordeling niet van elkaar verschillen.

De modelantwoorden staan alleen hier, in de verborgen tests van de bronnotebooks en in
``tests/cursus/modelantwoorden/`` (voor de rondgang met nbgrader).

Gebruik::

    python scripts/maak_notebooks.py              # schrijf notebooks en modelantwoorden
    python scripts/maak_notebooks.py --controleer # exit 1 als een bestand niet overeenkomt
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from samenwerkingscode import beslisboom, canvas, nakijken, schakelbak, toets
from samenwerkingscode.casus import canvas_inhoud, kit_casus, laad_casus

PROJECT = Path(__file__).resolve().parent.parent
BOEK = PROJECT / "book"
NOTEBOOKS = PROJECT / "notebooks"
MODELANTWOORDEN = PROJECT / "tests" / "cursus" / "modelantwoorden"
STEMPEL = "2026-01-01T00:00:00+01:00"
"""Vaste tijd in de modelantwoorden, zodat de generator steeds hetzelfde bestand maakt."""

BEGIN_VERBORGEN = "### BEGIN HIDDEN TESTS"
EINDE_VERBORGEN = "### END HIDDEN TESTS"
BEGIN_SCHEMA = "=== BEGIN MARK SCHEME ==="
EINDE_SCHEMA = "=== END MARK SCHEME ==="


# --- Modelantwoorden (alleen hier en in de verborgen tests) ---------------------------------------

VORMEN_2A = {"provincie-aannemer": "contract_afstandelijk", "praktijknetwerk": "netwerk"}
"""De twee eenduidige relaties van 2a; de andere drie zijn betwistbaar en worden handmatig beoordeeld (2b)."""

UITKOMSTEN_3A: dict[str, str | list[str]] = {
    "graafwerk": "eisen_contract",
    "hydrologie": "eisen_netwerk",
    # Bij vernatting telt dat je bij het partnership uitkomt én de vraag naar het gezamenlijk doel
    # beantwoordt; welk antwoord past, is de discussie van 3b.
    "vernatting": ["situaties_1_6", "situaties_7_8"],
}
PADEN_3A = {
    "graafwerk": ["nee", "nee", "ja"],
    "hydrologie": ["nee", "ja"],
    "vernatting": ["nee", "nee", "nee", "nee", "ja"],
}

MOMENTEN_4B = ("2019", "2021", "2023")


def indeling_4a() -> dict[str, str]:
    """De indeling van de voorstellen volgens de regels van de Schakelbak (model/schakelbak.yml)."""
    return {v.id: schakelbak.beoordeel_voorstel(v).soort for v in schakelbak.voorstellen()}


# --- Gegevens uit boek en model ---------------------------------------------------------------------


def blokgegevens() -> dict[str, dict[str, Any]]:
    """``book/blokken.yml`` per blok-id."""
    data = yaml.safe_load((BOEK / "blokken.yml").read_text(encoding="utf-8"))
    return {b["id"]: b for b in data["blokken"]}


def oefening_uit_boek(blok: str, oefening: str) -> dict[str, Any]:
    """Titel, minuten en punten van een oefening zoals het boek ze noemt."""
    for o in blokgegevens()[blok]["oefeningen"]:
        if str(o["id"]) == oefening:
            return o
    raise KeyError(f"{blok}: oefening {oefening} staat niet in book/blokken.yml")


def _labels() -> dict[str, str]:
    """MyST-labels (``(blok4-tradeoff)=``) met de titel van de kop eronder, voor verwijzingen."""
    labels: dict[str, str] = {}
    for pad in sorted(BOEK.glob("*/index.md")):
        regels = pad.read_text(encoding="utf-8").splitlines()
        for i, regel in enumerate(regels[:-1]):
            m = re.fullmatch(r"\(([\w-]+)\)=", regel.strip())
            if m:
                labels[m.group(1)] = regels[i + 1].lstrip("#").strip()
    return labels


def myst_naar_markdown(tekst: str) -> str:
    """MyST-rollen uit het boek als gewone Markdown, want een notebook kent ze niet."""
    labels = _labels()
    tekst = re.sub(r"\{term\}`([^`<]+?)\s*<[^`]+>`", r"\1", tekst)
    tekst = re.sub(r"\{term\}`([^`]+)`", r"\1", tekst)
    tekst = re.sub(r"\{doc\}`([^`<]+?)\s*<[^`]+>`", r"\1", tekst)
    tekst = re.sub(r"\{ref\}`([^`]+)`", lambda m: f"*{labels.get(m.group(1), m.group(1))}* (in het boek)", tekst)
    # Andere rollen (bijv. {werkblad}): alleen de zichtbare tekst.
    tekst = re.sub(r"\{[\w-]+\}`([^`<]+?)\s*<[^`]+>`", r"\1", tekst)
    return re.sub(r"\{[\w-]+\}`([^`]+)`", r"\1", tekst)


def _sectie(blok: str, oefening: str) -> list[str]:
    """De regels van de boeksectie over een oefening (van haar kop tot de volgende kop)."""
    regels = (BOEK / blok / "index.md").read_text(encoding="utf-8").splitlines()
    kop = re.compile(rf"^###\s+(Oefening\s+)?{re.escape(oefening)}\b")
    for i, regel in enumerate(regels):
        if kop.match(regel):
            einde = next((j for j in range(i + 1, len(regels)) if re.match(r"^#{2,3}\s", regels[j])), len(regels))
            return regels[i + 1 : einde]
    raise KeyError(f"{blok}: geen kop voor oefening {oefening} in het boek")


def wat_je_doet(blok: str, oefening: str) -> str | None:
    """De alinea *Wat je doet* uit het boek (tot *Hoeveel tijd*), of ``None`` als het boek die niet heeft."""
    regels = _sectie(blok, oefening)
    start = next((i for i, r in enumerate(regels) if r.startswith("**Wat je doet.**")), None)
    if start is None:
        return None
    einde = next((i for i in range(start, len(regels)) if regels[i].startswith("**Hoeveel tijd.**")), len(regels))
    return myst_naar_markdown("\n".join(regels[start:einde]).strip())


def rubric(blok: str, oefening: str) -> str:
    """De eerste tabel in de boeksectie van een oefening: de rubric die de trainer gebruikt."""
    regels = _sectie(blok, oefening)
    start = next(i for i, r in enumerate(regels) if r.startswith("|"))
    einde = next((i for i in range(start, len(regels)) if not regels[i].startswith("|")), len(regels))
    tabel = regels[start:einde]
    na = next((r for r in regels[einde:] if r.strip()), "")
    if na.startswith("Maximaal"):  # blok 5 zet het totaal onder de tabel
        tabel += ["", na]
    return myst_naar_markdown("\n".join(tabel))


# --- Celbouwstenen ---------------------------------------------------------------------------------


def _nbgrader(
    cel: NotebookNode,
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = True,
    task: bool = False,
    punten: float | None = None,
) -> NotebookNode:
    """Zet nbgrader-metadata (schema 3) en een vaste cel-id, zodat de generator reproduceerbaar is."""
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": task,
    }
    if punten is not None:
        meta["points"] = int(punten) if float(punten).is_integer() else float(punten)
    cel.metadata["nbgrader"] = meta
    cel.id = grade_id
    return cel


def _eerste_regel(cel: NotebookNode) -> str:
    """De regel die JupyterLab van een ingeklapte cel nog laat zien: een Nederlandse uitleg, geen code."""
    grade_id = cel.metadata.get("nbgrader", {}).get("grade_id", "")
    if grade_id.startswith("widget_"):
        return f"# Invulscherm voor oefening {grade_id.removeprefix('widget_').replace('_', ' – ')}. Je hoeft hier niets te wijzigen."
    if grade_id == "controle":
        return "# Controleer mijn opdracht: hieronder zie je wat nog leeg of onvolledig is."
    return "# Deze cel maakt wat je hieronder ziet. Je hoeft hier niets te wijzigen."


def _verberg(cel: NotebookNode) -> NotebookNode:
    """Code die een deelnemer niet hoeft te lezen, staat ingeklapt; de uitvoer (de widget) blijft zichtbaar.

    Een ingeklapte cel toont in JupyterLab nog haar eerste regel; die is daarom altijd een Nederlandse uitleg.
    """
    if not cel.source.lstrip().startswith("#"):
        cel.source = _eerste_regel(cel) + "\n" + cel.source
    cel.metadata["jupyter"] = {"source_hidden": True}
    return cel


def tekstcel(grade_id: str, tekst: str) -> NotebookNode:
    """Uitleg: een vergrendelde Markdown-cel."""
    return _nbgrader(new_markdown_cell(tekst.strip()), grade_id)


def codecel(grade_id: str, code: str) -> NotebookNode:
    """Een vergrendelde, ingeklapte codecel (opzet, widget, weergave)."""
    return _verberg(_nbgrader(new_code_cell(code.strip()), grade_id))


def opzetcel(blok: str) -> NotebookNode:
    return codecel(
        "opzet",
        f"""
# Opzet: je antwoorden worden bewaard in {blok}.antwoorden.json, naast dit notebook.
from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden

opslag = Antwoorden("{blok}")
opslag.toon_waarschuwingen()
""",
    )


def testcel(blok: str, onderdeel: nakijken.Onderdeel, verborgen: str) -> NotebookNode:
    """Automatisch nakijken: zichtbaar alleen of het antwoord er is; punten en model in het verborgen deel."""
    code = f"""
# Nakijken {onderdeel.id} – {onderdeel.titel} ({_punten(onderdeel.punten)}). Je hoeft hier niets te doen.
from samenwerkingscode import nakijken

nakijken.toon_status("{blok}", "{blok}", "{onderdeel.oefening}")
{BEGIN_VERBORGEN}
{verborgen.strip()}
{EINDE_VERBORGEN}
"""
    cel = _nbgrader(new_code_cell(code.strip()), f"test_{onderdeel.oefening}", grade=True, punten=onderdeel.punten)
    return _verberg(cel)


def taakcel(blok: str, onderdeel: nakijken.Onderdeel, schema: str) -> NotebookNode:
    """Handmatig beoordeeld: een nbgrader-taakcel met de rubric in het beoordelingsschema (mark scheme)."""
    tekst = f"""
**{onderdeel.id} – beoordeling door je trainer ({_punten(onderdeel.punten)}).** Je trainer leest je antwoord
hieronder en beoordeelt het met de rubric uit het boek. Je hoeft in deze cel niets te doen.

{BEGIN_SCHEMA}
**Beoordelingsschema {onderdeel.id} – {onderdeel.titel}** (maximaal {_punten(onderdeel.punten)})

{schema.strip()}

Er is niet één juist antwoord: beoordeel de redenering en het gebruik van het idioom, niet of de
deelnemer tot dezelfde keuze komt als jij. Geef per criterium punten en tel op.
{EINDE_SCHEMA}
"""
    return _nbgrader(new_markdown_cell(tekst.strip()), f"taak_{onderdeel.oefening}", task=True, punten=onderdeel.punten)


def toonscel(blok: str, onderdeel: nakijken.Onderdeel) -> NotebookNode:
    """Laat de tekst uit het antwoordbestand zien, zodat de trainer haar in formgrader naast de rubric leest."""
    return codecel(
        f"toon_{onderdeel.oefening}",
        f"""
# Zo ziet je trainer je antwoord op {onderdeel.id}.
from samenwerkingscode import nakijken

nakijken.toon_reflectie("{blok}", "{onderdeel.oefening}")
""",
    )


def controlecel(blok: str) -> list[NotebookNode]:
    return [
        tekstcel(
            "controle_uitleg",
            """
## Controleer mijn opdracht

Klik op **Controleer mijn opdracht** voordat je inlevert. Je ziet per onderdeel wat nog leeg of
onvolledig is. De controle zegt niet of je antwoord goed is; dat hoort bij het nakijken.
""",
        ),
        codecel(
            "controle",
            f"""
from samenwerkingscode import nakijken

nakijken.controleer_knop("{blok}", opslag)
""",
        ),
    ]


def _literal(waarde: Any, niveau: int = 1) -> str:
    """Een Python-waarde (tekst, lijst, woordenboek) als leesbare, ingesprongen code voor een cel."""
    regels = json.dumps(waarde, ensure_ascii=False, indent=4).splitlines()
    return "\n".join([regels[0], *("    " * niveau + r for r in regels[1:])])


def _punten(punten: float) -> str:
    n = int(punten) if float(punten).is_integer() else punten
    return f"{n} {'punt' if n == 1 else 'punten'}"


# --- Opbouw van een bloknotebook --------------------------------------------------------------------


@dataclass
class Oefening:
    """Wat een bloknotebook per oefening toont: uitleg, widgetcode en de nakijk- of taakcellen."""

    id: str
    widget: str
    """Python-code die de widget maakt (de laatste expressie wordt getoond)."""
    uitleg: str | None = None
    """Eigen uitleg als het boek geen alinea *Wat je doet* heeft."""
    verborgen: Mapping[str, str] = field(default_factory=dict)
    """Per automatisch onderdeel (sleutel in het antwoordbestand): het verborgen deel van de testcel."""
    extra_widgets: Sequence[tuple[str, str]] = ()
    """Nog een widget bij dezelfde oefening: (grade-id, code), bijv. de interpretatie bij 4b."""


def _kop(blok: str, oefening: Oefening) -> str:
    boek = oefening_uit_boek(blok, oefening.id)
    wat = wat_je_doet(blok, oefening.id) or oefening.uitleg or ""
    soort = {
        "automatisch": "automatisch beoordeeld",
        "handmatig": "beoordeeld door je trainer",
        "A": "automatisch beoordeeld",
        "H": "beoordeeld door je trainer",
        "automatisch en handmatig": "deels automatisch, deels door je trainer beoordeeld",
    }[str(boek["beoordeling"])]
    return (
        f"## Oefening {oefening.id} – {boek['titel']}\n\n{wat}\n\n"
        f"*Tijd: ongeveer {boek['minuten']} minuten · {_punten(boek['punten'])}, {soort}.*"
    )


def bloknotebook(blok: str, intro: str, oefeningen: Sequence[Oefening]) -> NotebookNode:
    """Een bloknotebook in de vaste volgorde; alle onderdelen uit opdrachten.yml komen precies één keer voor."""
    boek = blokgegevens()[blok]
    delen = {o.oefening: o for o in nakijken.onderdelen(blok)}
    cellen: list[NotebookNode] = [
        tekstcel(
            "intro",
            f"""
# {boek["titel"]}: {boek["thema"]}

{intro.strip()}

**Zo werk je.** Kies in het menu **Run** de opdracht **Run All Cells**. Daarna zie je uitleg en
invulvakken; de code hoef je niet te lezen en niet te veranderen. Alles wat je invult, wordt meteen
bewaard in `{blok}.antwoorden.json` naast dit notebook. Sluit je het notebook en open je het later
weer, voer dan opnieuw alle cellen uit: je werk staat er nog.

**Tijd:** ongeveer {sum(int(o["minuten"]) for o in boek["oefeningen"])} minuten voor de oefeningen.
Lees eerst het hoofdstuk [{boek["titel"]}](../../book/{blok}/index.md) in het cursusboek.
""",
        ),
        opzetcel(blok),
    ]
    gebruikt: list[str] = []
    for oefening in oefeningen:
        cellen.append(tekstcel(f"uitleg_{oefening.id}", _kop(blok, oefening)))
        widgets = [(f"widget_{oefening.id}", oefening.widget), *oefening.extra_widgets]
        for grade_id, code in widgets:
            cellen.append(codecel(grade_id, code))
        for sleutel, onderdeel in delen.items():
            if onderdeel.id != oefening.id:
                continue
            gebruikt.append(sleutel)
            if onderdeel.beoordeling == "automatisch":
                cellen.append(testcel(blok, onderdeel, oefening.verborgen[sleutel]))
            else:
                cellen.append(taakcel(blok, onderdeel, rubric(blok, onderdeel.id)))
                cellen.append(toonscel(blok, onderdeel))
    if sorted(gebruikt) != sorted(delen):
        raise ValueError(f"{blok}: onderdelen zonder oefening in de generator: {sorted(set(delen) - set(gebruikt))}")
    cellen += controlecel(blok)
    return _notebook(cellen)


def _notebook(cellen: list[NotebookNode]) -> NotebookNode:
    nb = new_notebook(cells=cellen)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nb


def _reflectie(oefening: str, vraag: str, min_woorden: int) -> str:
    return f"""
from samenwerkingscode.widgets.reflectie import ReflectieWidget

ReflectieWidget(
    opslag,
    "{oefening}",
    vraag={vraag!r},
    min_woorden={min_woorden},
)
"""


def _keuzes(onderdeel: nakijken.Onderdeel, soort: str) -> dict[str, str]:
    return {k.id: k.naam for k in getattr(onderdeel, soort)}


# --- De blokken ---------------------------------------------------------------------------------------


def blok1() -> NotebookNode:
    return bloknotebook(
        "blok1",
        """
In dit notebook vul je het Samenwerkingscanvas in voor de Bestuurlijke Adviescommissie (BAC) van
Springendal – Dal van de Mosbeek (oefening 1a), en beantwoord je de vraag welk afsprakenveld in
2014–2019 het minst geregeld was (oefening 1b).
""",
        [
            Oefening(
                "1a",
                """
from samenwerkingscode.casus import kit_casus
from samenwerkingscode.widgets.canvas import CanvasWidget

CanvasWidget(opslag, "1a", casus=kit_casus("springendal-mosbeek"))
""",
                verborgen={"1a": 'nakijken.canvas_volledig("blok1", "1a", punten=9)'},
            ),
            Oefening(
                "1b",
                _reflectie(
                    "1b",
                    "Welk afsprakenveld was in de periode 2014–2019 het minst geregeld, en wat kostte dat? "
                    "Kies één veld, onderbouw met feiten uit de casus (met bron) en beschrijf wat het kostte.",
                    200,
                ),
            ),
        ],
    )


def blok2() -> NotebookNode:
    onderdeel = nakijken.onderdeel("blok2", "2a")
    afdrukken = {rid: nakijken.vingerafdruk("2a", rid, vorm) for rid, vorm in VORMEN_2A.items()}
    relaties = list(_keuzes(onderdeel, "relaties"))
    return bloknotebook(
        "blok2",
        """
In dit notebook deel je vijf relaties uit Springendal – Dal van de Mosbeek en de cursus in bij een
samenwerkingsvorm (oefening 2a), en werk je de motivatie uit bij de drie relaties waarover je kunt
discussiëren (oefening 2b).
""",
        [
            Oefening(
                "2a",
                f"""
from samenwerkingscode.widgets.vormen import VormenWidget

# De zelfcontrole krijgt alleen vingerafdrukken, nooit het antwoord zelf.
VormenWidget(
    opslag,
    "2a",
    casus=nakijken.oefencasus("blok2", "2a"),
    relaties={_literal(relaties)},
    zelfcontrole={_literal(afdrukken)},
)
""",
                verborgen={
                    "2a": f"""
verwacht = {_literal(VORMEN_2A, 0)}
nakijken.vormen_score("blok2", "2a", verwacht, punten=2)
"""
                },
            ),
            Oefening(
                "2b",
                _reflectie(
                    "2b",
                    "Werk je motivatie uit voor de BAC, de provincie en de terreinbeheerders, en de provincie en een "
                    "agrariër bij zelfrealisatie: per relatie de vorm, de kenmerken die de doorslag geven, een feit "
                    "met bron, en het sterkste argument voor een andere vorm.",
                    300,
                ),
            ),
        ],
    )


def blok3() -> NotebookNode:
    opgaven = _keuzes(nakijken.onderdeel("blok3", "3a"), "opgaven")
    return bloknotebook(
        "blok3",
        """
In dit notebook loop je de beslisboom voor drie opgaven uit Springendal (oefening 3a), kies je een
situatie uit de partnershiptypologie voor agrariërs en terreinbeheerders (oefening 3b) en breng je de
bestuurlijke afwegingen van de partijen in de BAC in kaart (oefening 3c).
""",
        [
            Oefening(
                "3a",
                f"""
from samenwerkingscode.widgets.beslisboom import BeslisboomWidget

BeslisboomWidget(
    opslag,
    "3a",
    opgaven={_literal(opgaven)},
)
""",
                verborgen={
                    "3a": f"""
verwacht = {_literal(UITKOMSTEN_3A, 0)}
nakijken.beslisboom_score("blok3", "3a", verwacht, punten=3)
"""
                },
            ),
            Oefening(
                "3b",
                """
from samenwerkingscode.widgets.reflectie import KeuzeMetMotivatie

KeuzeMetMotivatie(opslag, "3b", min_woorden=150)
""",
            ),
            Oefening(
                "3c",
                _reflectie(
                    "3c",
                    "Zet per partij in de BAC: mandaat (ja, deels, onbekend), budget of andere middelen, en je bron. "
                    "Schrijf daarna wat de overdracht van de trekkersrol in 2023 zegt over mandaat en budget.",
                    100,
                ),
            ),
        ],
    )


def blok4() -> NotebookNode:
    voorstellen = list(_keuzes(nakijken.onderdeel("blok4", "4a"), "voorstellen"))
    momenten = _keuzes(nakijken.onderdeel("blok4", "4b"), "momenten")
    return bloknotebook(
        "blok4",
        """
In dit notebook deel je drie voorstellen in als trade-off of compromis (oefening 4a), scoor je de
toetsvragen voor Springendal op drie momenten en schrijf je je interpretatie (oefening 4b), en
formuleer je met de Schakelbak een interventie (oefening 4c).
""",
        [
            Oefening(
                "4a",
                f"""
from samenwerkingscode.widgets.schakelbak import VoorstellenWidget

VoorstellenWidget(opslag, "4a", voorstellen={_literal(voorstellen, 0)})
""",
                verborgen={
                    "4a": f"""
verwacht = {_literal(indeling_4a(), 0)}
nakijken.voorstellen_score("blok4", "4a", verwacht, punten=3)
"""
                },
            ),
            Oefening(
                "4b",
                f"""
from samenwerkingscode.widgets.toets import ToetsWidget

ToetsWidget(
    opslag,
    "4b",
    momenten={json.dumps(list(momenten))},
    toelichting={_literal(momenten)},
)
""",
                verborgen={
                    "4b": f'nakijken.toets_volledig("blok4", "4b", momenten={json.dumps(list(momenten))}, punten=3)'
                },
                extra_widgets=[
                    (
                        "widget_4b_uitleg",
                        _reflectie(
                            "4b_uitleg",
                            "Wat verandert er tussen 2019, 2021 en 2023, en welke trede was steeds de zwakste? "
                            "Laat elke belangrijke score rusten op een feit met bron.",
                            200,
                        ),
                    )
                ],
            ),
            Oefening(
                "4c",
                """
from samenwerkingscode.widgets.schakelbak import SchakelbakWidget

SchakelbakWidget(opslag, "4c")
""",
            ),
        ],
    )


def blok5() -> NotebookNode:
    momenten = _keuzes(nakijken.onderdeel("blok5", "5a_toets"), "momenten")
    return bloknotebook(
        "blok5",
        """
In dit notebook toets je je eigen casus met het Samenwerkingscanvas en de toetsvragen (oefening 5a),
beschrijf je je rol als Regisseur van de Samenwerking (oefening 5b) en zet je een
realisatiestrategie op (oefening 5c). Je eigen casus blijft van jou: schrijf over organisaties en
rollen, niet over personen.
""",
        [
            Oefening(
                "5a",
                """
from samenwerkingscode.widgets.canvas import CanvasWidget

# Kies bij "Start" voor "Uit mijn eigen casus" om de velden uit je casusbestand te vullen.
CanvasWidget(opslag, "5a_canvas")
""",
                uitleg=(
                    "**Wat je doet.** Neem je eigen casus erbij: de samenwerking die je in de voorbereiding hebt "
                    "gekozen. Vul het Samenwerkingscanvas voor die casus in, alle negen velden. Scoor daarna de vier "
                    "toetsvragen en hun deelvragen op de toetsschaal. Kies *niet van toepassing* alleen als de "
                    "vraag echt niet past, niet als je het antwoord niet weet. De beoordeling kijkt alleen of alles "
                    "is ingevuld: het canvas telt voor 5 punten (naar het aantal gevulde velden), de toets voor 5 "
                    "punten (naar het aantal gescoorde deelvragen)."
                ),
                extra_widgets=[
                    (
                        "widget_5a_toets",
                        f"""
from samenwerkingscode.widgets.toets import ToetsWidget

ToetsWidget(
    opslag,
    "5a_toets",
    momenten={json.dumps(list(momenten))},
    toelichting={json.dumps(momenten, ensure_ascii=False)},
)
""",
                    )
                ],
                verborgen={
                    "5a_canvas": 'nakijken.canvas_volledig("blok5", "5a_canvas", punten=5)',
                    "5a_toets": (
                        f'nakijken.toets_volledig("blok5", "5a_toets", momenten={json.dumps(list(momenten))}, '
                        "punten=5, per_deelvraag=True)"
                    ),
                },
            ),
            Oefening(
                "5b",
                _reflectie(
                    "5b",
                    "Welk kenmerk van de weerbarstige samenwerking herken je het sterkst in je eigen casus, en waaraan? "
                    "Waar was jij (of waren anderen) niet consequent in woorden, begrippen of modellen, en wat was het "
                    "gevolg? Wat ga je het Praktijknetwerk vragen, en wat kun je het netwerk brengen?",
                    300,
                ),
                uitleg=(
                    "**Wat je doet.** Schrijf een reflectie van 300 tot 500 woorden op drie vragen: welk kenmerk "
                    "van de weerbarstige samenwerking je het sterkst herkent in je eigen casus, waar jij of anderen "
                    "niet consequent waren in woorden, begrippen of modellen (en wat het gevolg was), en wat je het "
                    "Praktijknetwerk gaat vragen en kunt brengen."
                ),
            ),
            Oefening(
                "5c",
                _reflectie(
                    "5c",
                    "Schrijf voor je eigen casus een korte realisatiestrategie: doelen (ook het eigen doel van elke "
                    "andere partij), de strategie, ten minste drie opgaven met per opgave de vorm uit de beslisboom, "
                    "de momenten voor de toetsvragen en het signaal waarop je de Schakelbak gebruikt.",
                    150,
                ),
                uitleg=(
                    "**Wat je doet.** Schrijf voor je eigen casus een korte realisatiestrategie volgens de zes "
                    "stappen van Blok 5. Noem je doelen en het eigen doel van elke andere partij, beschrijf de "
                    "strategie en knip die in ten minste drie opgaven. Loop voor elke opgave de beslisboom en noem "
                    "de samenwerkingsvorm die eruit komt. Zeg op welke momenten je de toetsvragen stelt, en bij welk "
                    "signaal je de Schakelbak gebruikt."
                ),
            ),
        ],
    )


def eigen_casus() -> NotebookNode:
    """Niet beoordeeld: je eigen casus beschrijven en bewaren als casusbestand, en hem toetsen."""
    boek = blokgegevens()["voorbereiding"]
    cellen = [
        new_markdown_cell(
            f"""
# Je eigen casus

In dit notebook beschrijf je je eigen casus, zonder code te schrijven. Het wordt **niet beoordeeld**;
je gebruikt het in de voorbereiding en daarna om je casus bij te houden. Reken voor de eerste keer op
ongeveer {boek["oefeningen"][0]["minuten"]} minuten. Lees eerst de
[voorbereiding](../../book/voorbereiding/index.md) in het cursusboek.

**Zo werk je.** Kies in het menu **Run** de opdracht **Run All Cells**. Alles wat je invult, wordt
meteen bewaard in `eigen-casus.antwoorden.json` naast dit notebook.

**Privacy.** Je eigen casus blijft op je eigen computer. Schrijf over organisaties en rollen, niet
over personen, en laat vertrouwelijke bedragen weg.
""".strip()
        ),
        _verberg(
            new_code_cell(
                """
# Opzet: je antwoorden worden bewaard in eigen-casus.antwoorden.json, naast dit notebook.
from samenwerkingscode.antwoorden import Antwoorden

opslag = Antwoorden("eigen-casus")
opslag.toon_waarschuwingen()
""".strip()
            )
        ),
        new_markdown_cell(
            """
## Het canvas van je eigen casus

Geef je casus bovenaan een titel en vul de negen velden, één punt per regel. Begin bij de kern:
Partijen, Bijdragen, Doelen. Heb je al een casusbestand, kies dan bij *Start* voor *Uit mijn eigen
casus*. Klik op **Bewaar als casusbestand** om je casus te bewaren in de map `casussen/eigen/`;
dat bestand gebruik je in de volgende blokken.
""".strip()
        ),
        _verberg(
            new_code_cell(
                """
from samenwerkingscode.widgets.canvas import CanvasWidget

CanvasWidget(opslag, "canvas")
""".strip()
            )
        ),
        new_markdown_cell(
            """
## Je casus getoetst

Scoor de vier toetsvragen en hun deelvragen voor je casus zoals die nu is. Doe het opnieuw als er iets
verandert; in Blok 5 lever je de toets van je eigen casus in (oefening 5a).
""".strip()
        ),
        _verberg(
            new_code_cell(
                """
from samenwerkingscode.widgets.toets import ToetsWidget

ToetsWidget(opslag, "toets", momenten=["nu"], toelichting={"nu": "Je eigen casus nu"})
""".strip()
            )
        ),
        new_markdown_cell(
            """
## Een voorstel toetsen en schakelen

Ligt er in je eigen casus een voorstel op tafel? Beschrijf het hieronder en geef per doel van elke
partij aan wat het voorstel ermee doet. De Schakelbak laat zien of het een trade-off of een compromis
is, wat het kost voor het gezamenlijk doel en welke schakeling past. De partijen komen uit je nieuwste
casusbestand in `casussen/eigen/`. Heb je dat nog niet, bewaar dan eerst je casus met de knop
**Bewaar als casusbestand** hierboven en voer deze cel daarna opnieuw uit; tot dan zie je alleen de
Schakelbak zelf.
""".strip()
        ),
        _verberg(
            new_code_cell(
                """
from samenwerkingscode.widgets.canvas import standaard_eigen_map
from samenwerkingscode.widgets.schakelbak import SchakelbakWidget

eigen = sorted(standaard_eigen_map().glob("*.yml"), key=lambda pad: pad.stat().st_mtime)
SchakelbakWidget(opslag, "schakelbak", casus=eigen[-1] if eigen else None, met_voorstel=bool(eigen))
""".strip()
            )
        ),
    ]
    for i, cel in enumerate(cellen):
        cel.id = f"eigen-casus-{i + 1}"
    return _notebook(cellen)


BLOKKEN: dict[str, Callable[[], NotebookNode]] = {
    "blok1": blok1,
    "blok2": blok2,
    "blok3": blok3,
    "blok4": blok4,
    "blok5": blok5,
    "eigen-casus": eigen_casus,
}


# --- Modelantwoorden voor de rondgang met nbgrader ----------------------------------------------------


def _alle_scores(waarde: str) -> dict[str, str]:
    return dict.fromkeys(toets.deelvraag_sleutels(), waarde)


def _scores_springendal(jaar: str) -> dict[str, str]:
    """Een volledige, verdedigbare scoring per moment (lesmateriaal voor de rondgang, geen feit)."""
    scores = _alle_scores("deels")
    if jaar == "2021":
        scores.update(werkt_bijdragen="niet_geregeld", levert_balans="niet_geregeld", kan_budget="niet_geregeld")
    if jaar == "2023":
        scores.update(kan_rollen="volledig", klopt_regels="volledig", levert_levenscyclus="niet_van_toepassing")
    return scores


def _document(blok: str, oefeningen: dict[str, Any]) -> dict[str, Any]:
    return {"schema": 1, "notebook": blok, "bijgewerkt": STEMPEL, "oefeningen": oefeningen}


EIGEN_CANVAS = {
    "partijen": "Gemeente A (bevoegd gezag)\nWaterschap\nNatuurorganisatie\nAgrarisch collectief",
    "bijdragen": "Gemeente A: grond en projectleiding\nWaterschap: kennis van het watersysteem",
    "doelen": "Gezamenlijk: een klimaatbestendig beekdal\nAgrarisch collectief: perspectief voor de bedrijven",
    "risicos": "Vertraging bij de vergunning (aanname)",
    "regels": "Omgevingswet; vrijwillige afspraken in een intentieverklaring",
    "besluitvorming": "Stuurgroep adviseert; de gemeenteraad besluit",
    "operatie": "Projectteam met een projectleider van de gemeente",
    "levenscyclus": "Planfase tot 2026, daarna uitvoering",
    "investeringen_opbrengsten": "Tijd en grond tegen natuurwaarde en zekerheid",
}

REFLECTIE = (
    "Modelantwoord voor de rondgang met nbgrader (testgegevens, geen echte reflectie): het veld Besluitvorming "
    "was het minst geregeld; de BAC adviseerde, maar wie besliste over compensatie bleef lang open."
)


def modelantwoorden() -> dict[str, dict[str, Any]]:
    """Per blok een antwoordbestand dat alle automatische punten haalt en alles invult."""
    springendal = laad_casus(kit_casus("springendal-mosbeek"))
    canvas_bac = {k: "\n".join(v) for k, v in canvas_inhoud(springendal).items()}
    # De casus laat Operatie en Investeringen/Opbrengsten open; een deelnemer vult ze uit het boek aan.
    canvas_bac["operatie"] = canvas_bac["operatie"] or (
        "Projectmanagement door AT Osborne onder leiding van LTO Noord\n"
        "Gesprekstafel met een onafhankelijk voorzitter; gesprekken met elke perceeleigenaar"
    )
    canvas_bac["investeringen_opbrengsten"] = canvas_bac["investeringen_opbrengsten"] or (
        "Agrariërs: grond en bedrijfsruimte tegen compensatie en zekerheid (geen bedragen in de kit)\n"
        "Terreinbeheerders: tijd en beheer tegen natuurkwaliteit"
    )
    relaties = list(_keuzes(nakijken.onderdeel("blok2", "2a"), "relaties"))
    vormen_2a = {
        **dict.fromkeys(relaties, "contract_diep"),
        "bac": "netwerk",
        **VORMEN_2A,
    }
    voorstellen = indeling_4a()
    for opgave, pad in PADEN_3A.items():  # de modelpaden moeten bij een verwachte uitkomst eindigen
        uitkomst = beslisboom.loop(pad).uitkomst
        goed = UITKOMSTEN_3A[opgave]
        if uitkomst is None or uitkomst.id not in ([goed] if isinstance(goed, str) else goed):
            raise ValueError(f"modelpad voor {opgave} eindigt niet bij {goed}")
    return {
        "blok1": _document(
            "blok1",
            {
                "1a": {"velden": canvas_bac, "start": "casus", "casus": "springendal-mosbeek.yml"},
                "1b": {"tekst": REFLECTIE},
            },
        ),
        "blok2": _document(
            "blok2",
            {
                "2a": {
                    "keuzes": vormen_2a,
                    "motivaties": {r: "Modelmotivatie met een kenmerk uit de dia's." for r in relaties},
                },
                "2b": {"tekst": REFLECTIE},
            },
        ),
        "blok3": _document(
            "blok3",
            {
                "3a": {"opgaven": {k: {"antwoorden": v} for k, v in PADEN_3A.items()}, "actief": "vernatting"},
                "3b": {"situatie": 5, "tekst": REFLECTIE},
                "3c": {"tekst": REFLECTIE},
            },
        ),
        "blok4": _document(
            "blok4",
            {
                "4a": {"indeling": voorstellen, "motivaties": {k: "Modelmotivatie." for k in voorstellen}},
                "4b": {"momenten": {j: _scores_springendal(j) for j in MOMENTEN_4B}, "actief": "2023"},
                "4b_uitleg": {"tekst": REFLECTIE},
                "4c": {"huidige_vorm": "partnership", "signalen": ["rolconflict"], "tekst": REFLECTIE},
            },
        ),
        "blok5": _document(
            "blok5",
            {
                "5a_canvas": {"velden": EIGEN_CANVAS, "start": "eigen", "casus": None},
                "5a_toets": {"momenten": {"nu": _alle_scores("deels")}, "actief": "nu"},
                "5b": {"tekst": REFLECTIE},
                "5c": {"tekst": REFLECTIE},
            },
        ),
    }


def deels_goed() -> dict[str, dict[str, Any]]:
    """Per blok een antwoordbestand dat een bekend deel van de automatische punten haalt."""
    model = modelantwoorden()
    eerste_zes = list(canvas.sleutels())[:6]
    blok1 = model["blok1"]["oefeningen"]
    blok1["1a"]["velden"] = {k: v for k, v in blok1["1a"]["velden"].items() if k in eerste_zes}
    blok2 = model["blok2"]["oefeningen"]
    blok2["2a"]["keuzes"]["praktijknetwerk"] = "partnership"  # 1 van 2 goed
    blok3 = model["blok3"]["oefeningen"]
    blok3["3a"]["opgaven"]["hydrologie"] = {"antwoorden": ["nee", "nee", "ja"]}  # contract: fout
    blok3["3a"]["opgaven"]["vernatting"] = {"antwoorden": ["nee", "nee", "nee", "nee"]}  # onaf
    blok4 = model["blok4"]["oefeningen"]
    blok4["4a"]["indeling"]["kernzone-kavelruil"] = "compromis"  # 2 van 3 goed
    del blok4["4b"]["momenten"]["2023"]["kan_budget"]  # 2 van 3 momenten volledig
    blok5 = model["blok5"]["oefeningen"]
    vijf = list(canvas.sleutels())[:5]
    blok5["5a_canvas"]["velden"] = {k: v for k, v in EIGEN_CANVAS.items() if k in vijf}
    blok5["5a_toets"]["momenten"]["nu"] = dict(list(_alle_scores("deels").items())[:10])
    return model


def verwachte_punten() -> dict[str, Any]:
    """De automatische punten per testcel (grade-id) voor model, leeg en deels goed, berekend met nakijken."""
    import contextlib
    import io

    def punten(blok: str, document: Mapping[str, Any]) -> dict[str, float]:
        uit: dict[str, float] = {}
        with contextlib.redirect_stdout(io.StringIO()):
            for o in nakijken.onderdelen(blok):
                if o.beoordeling != "automatisch":
                    continue
                uit[f"test_{o.oefening}"] = _bereken(blok, o, document)
        return uit

    model, deels = modelantwoorden(), deels_goed()
    resultaat: dict[str, Any] = {}
    for blok in model:
        maximaal = {f"test_{o.oefening}": o.punten for o in nakijken.onderdelen(blok) if o.beoordeling == "automatisch"}
        resultaat[blok] = {
            "maximaal": maximaal,
            "model": punten(blok, model[blok]),
            "leeg": punten(blok, {"oefeningen": {}}),
            "deels": punten(blok, deels[blok]),
        }
    return resultaat


def _bereken(blok: str, o: nakijken.Onderdeel, document: Mapping[str, Any]) -> float:
    """Dezelfde aanroep als in de verborgen test van het notebook."""
    if o.soort == "canvas":
        return nakijken.canvas_volledig(document, o.oefening, o.punten)
    if o.soort == "vormen":
        return nakijken.vormen_score(document, o.oefening, VORMEN_2A, o.punten)
    if o.soort == "beslisboom":
        return nakijken.beslisboom_score(document, o.oefening, UITKOMSTEN_3A, o.punten)
    if o.soort == "voorstellen":
        return nakijken.voorstellen_score(document, o.oefening, indeling_4a(), o.punten)
    if o.soort == "toets":
        momenten = [m.id for m in o.momenten]
        return nakijken.toets_volledig(document, o.oefening, momenten, o.punten, per_deelvraag=blok == "blok5")
    raise ValueError(f"geen automatische beoordeling voor soort {o.soort}")


# --- Schrijven --------------------------------------------------------------------------------------


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


VERWACHT_KOP = """\
# Verwachte automatische punten per testcel (grade-id) voor de rondgang met nbgrader.
# Gemaakt door scripts/maak_notebooks.py met samenwerkingscode.nakijken; niet met de hand bewerken.
#   model: tests/cursus/modelantwoorden/<blok>.antwoorden.json  (alle automatische punten)
#   leeg:  geen antwoordbestand of een leeg bestand              (0 punten, geen crash)
#   deels: tests/cursus/modelantwoorden/deels/<blok>.antwoorden.json (een bekend deel)
# Deelpunten zijn afgerond op twee decimalen; vergelijk met een kleine marge (pytest.approx).
"""


def bestanden() -> dict[Path, str]:
    """Alle bestanden die de generator maakt, met hun inhoud (voor schrijven én controleren)."""
    uit: dict[Path, str] = {}
    for naam, maak in BLOKKEN.items():
        nb = maak()
        nbformat.validate(nb)
        uit[NOTEBOOKS / naam / f"{naam}.ipynb"] = nbformat.writes(nb) + "\n"
    for blok, document in modelantwoorden().items():
        uit[MODELANTWOORDEN / f"{blok}.antwoorden.json"] = _json(document)
    for blok, document in deels_goed().items():
        uit[MODELANTWOORDEN / "deels" / f"{blok}.antwoorden.json"] = _json(document)
    uit[MODELANTWOORDEN / "verwacht.yml"] = VERWACHT_KOP + yaml.safe_dump(
        verwachte_punten(), allow_unicode=True, sort_keys=False
    )
    return uit


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak de cursusnotebooks en modelantwoorden.")
    parser.add_argument("--controleer", action="store_true", help="schrijf niets; exit 1 als iets verschilt")
    args = parser.parse_args(argv)
    verschillen = []
    for pad, inhoud in bestanden().items():
        huidig = pad.read_text(encoding="utf-8") if pad.exists() else None
        if huidig == inhoud:
            continue
        if args.controleer:
            verschillen.append(pad)
            continue
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(inhoud, encoding="utf-8")
        print(f"geschreven: {pad.relative_to(PROJECT)}")
    if verschillen:
        for pad in verschillen:
            print(f"verouderd: {pad.relative_to(PROJECT)}", file=sys.stderr)
        print("Draai: python scripts/maak_notebooks.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
