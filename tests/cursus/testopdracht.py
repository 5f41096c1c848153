"""Een kleine maar echte nbgrader-opdracht om de trainersworkflow mee te testen.

De echte bloknotebooks worden apart geschreven; deze testopdracht gebruikt dezelfde bouwstenen:
een testcel leest het antwoordbestand (``samenwerkingscode.antwoorden``) en geeft als laatste
expressie de behaalde punten (deelpunten), met verborgen tests, een handmatig beoordeelde taak met
beoordelingsschema en een handmatig beoordeeld tekstantwoord met modelantwoord.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

BLOK = "blok1"

# Stukken tekst die alleen in geheime gebieden van de bron staan; ze mogen nergens uitlekken.
GEHEIM = (
    'keuzes.get("aannemer") == "contract_afstandelijk"',
    'keuzes.get("praktijknetwerk") == "netwerk"',
    "geheime_drempel_canvas = 9",
    "bac-geheim: partnership verwacht",
    "Rubric-geheim: twee punten als het afsprakenveld Risico's genoemd wordt.",
    "Modelantwoord-geheim: de BAC is een netwerk van bestuurders.",
    'model_keuze_geheim = "netwerk"',
)

NAKIJKFOUT_ANTWOORD = "laat-het-nakijken-mislukken"
"""Een canvasantwoord waarbij de testcel van de testopdracht meldt dat ze niet kon nakijken."""

PUNTEN_AUTOMATISCH = {"test_vormen": 2.0, "test_canvas": 3.0, "test_streng": 1.0}
PUNTEN_HANDMATIG = {"reflectie_taak": 2.0, "uitleg": 1.0}

CANVAS = [
    "partijen",
    "bijdragen",
    "doelen",
    "risicos",
    "regels",
    "besluitvorming",
    "operatie",
    "levenscyclus",
    "investeringen_opbrengsten",
]


def _meta(
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = False,
    task: bool = False,
    points: float | None = None,
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": task,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def maak_testnotebook() -> nbformat.NotebookNode:
    """Het bronnotebook van de testopdracht, met modelantwoorden en verborgen tests."""
    v4 = nbformat.v4
    cellen = [
        v4.new_markdown_cell(
            "# Testopdracht\n\nVul de widgets in; de cellen lezen je antwoordbestand.",
            metadata=_meta("intro", locked=True),
        ),
        v4.new_code_cell(
            'from samenwerkingscode.antwoorden import Antwoorden, lees_antwoorden\nopslag = Antwoorden("blok1")',
            metadata=_meta("opslag", locked=True),
        ),
        v4.new_code_cell(
            '### BEGIN SOLUTION\nmodel_keuze_geheim = "netwerk"\n### END SOLUTION',
            metadata=_meta("hulp", solution=True),
        ),
        v4.new_code_cell(
            'keuzes = lees_antwoorden("blok1")["oefeningen"].get("t1", {}).get("keuzes", {})\n'
            "punten = 0.0\n"
            "### BEGIN HIDDEN TESTS\n"
            'if keuzes.get("aannemer") == "contract_afstandelijk":\n'
            "    punten += 1\n"
            'if keuzes.get("praktijknetwerk") == "netwerk":\n'
            "    punten += 1\n"
            "### END HIDDEN TESTS\n"
            "punten",
            metadata=_meta("test_vormen", grade=True, locked=True, points=2),
        ),
        v4.new_code_cell(
            'canvas = lees_antwoorden("blok1")["oefeningen"].get("t2", {}).get("velden", {})\n'
            "gevuld = sum(1 for tekst in canvas.values() if str(tekst).strip())\n"
            # Zoals een nakijkfunctie die niet kan nakijken (afspraak met nakijken.py): een regel met de markering.
            f'if canvas.get("partijen") == "{NAKIJKFOUT_ANTWOORD}":\n'
            '    print("REGIE-NAKIJKFOUT: het modelbestand canvas.yml kon niet worden gelezen")\n'
            "    gevuld = 0\n"
            "score_canvas = 0.0\n"
            "### BEGIN HIDDEN TESTS\n"
            "geheime_drempel_canvas = 9\n"
            "score_canvas = 3.0 * min(gevuld, geheime_drempel_canvas) / geheime_drempel_canvas\n"
            "### END HIDDEN TESTS\n"
            "score_canvas",
            metadata=_meta("test_canvas", grade=True, locked=True, points=3),
        ),
        v4.new_code_cell(
            'keuzes = lees_antwoorden("blok1")["oefeningen"].get("t1", {}).get("keuzes", {})\n'
            'assert isinstance(keuzes, dict), "het antwoord op t1 is onleesbaar"\n'
            "### BEGIN HIDDEN TESTS\n"
            'assert keuzes.get("bac") == "partnership", "bac-geheim: partnership verwacht"\n'
            "### END HIDDEN TESTS",
            metadata=_meta("test_streng", grade=True, locked=True, points=1),
        ),
        v4.new_markdown_cell(
            "## Reflectie\n\nWelk afsprakenveld was het minst geregeld?\n\n"
            "=== BEGIN MARK SCHEME ===\n"
            "Rubric-geheim: twee punten als het afsprakenveld Risico's genoemd wordt.\n"
            "=== END MARK SCHEME ===",
            metadata=_meta("reflectie_taak", task=True, locked=True, points=2),
        ),
        v4.new_code_cell(
            'print(lees_antwoorden("blok1")["oefeningen"].get("t3", {}).get("tekst", "(nog leeg)"))',
            metadata=_meta("toon_reflectie", locked=True),
        ),
        v4.new_markdown_cell(
            "BEGIN SOLUTION\nModelantwoord-geheim: de BAC is een netwerk van bestuurders.\nEND SOLUTION",
            metadata=_meta("uitleg", grade=True, solution=True, points=1),
        ),
    ]
    nb = v4.new_notebook(cells=cellen)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def maak_bron(map_: Path) -> Path:
    """Een bronmap zoals ``notebooks/``: ``blok1/blok1.ipynb`` en een onbeoordeelde ``eigen-casus``."""
    (map_ / BLOK).mkdir(parents=True, exist_ok=True)
    nbformat.write(maak_testnotebook(), map_ / BLOK / f"{BLOK}.ipynb")
    eigen = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Je eigen casus")])
    (map_ / "eigen-casus").mkdir(exist_ok=True)
    nbformat.write(eigen, map_ / "eigen-casus" / "eigen-casus.ipynb")
    return map_


def antwoorden_document(oefeningen: dict[str, dict[str, Any]], notebook: str = BLOK) -> dict[str, Any]:
    return {"schema": 1, "notebook": notebook, "bijgewerkt": "2026-11-27T10:00:00+01:00", "oefeningen": oefeningen}


MODEL = {
    "t1": {"keuzes": {"aannemer": "contract_afstandelijk", "praktijknetwerk": "netwerk", "bac": "partnership"}},
    "t2": {"velden": {sleutel: f"iets over {sleutel}" for sleutel in CANVAS}},
    "t3": {"tekst": "Risico's waren het minst geregeld; dat kostte vertrouwen."},
}
DEELS = {
    # aannemer goed (1), praktijknetwerk fout (0), bac fout (test_streng 0), 3 van 9 velden (1.0) -> 2.0
    "t1": {"keuzes": {"aannemer": "contract_afstandelijk", "praktijknetwerk": "partnership", "bac": "netwerk"}},
    "t2": {"velden": {sleutel: ("gevuld" if i < 3 else "") for i, sleutel in enumerate(CANVAS)}},
}


InleverFn = Callable[..., Path]


def lever_in(
    release_nb: Path,
    doel: Path,
    deelnemer: str,
    *,
    antwoorden: dict[str, Any] | None = None,
    bewerk: Callable[[nbformat.NotebookNode], None] | None = None,
    notebook: bool = True,
    ruw_antwoordbestand: str | None = None,
) -> Path:
    """Leg een inlevering klaar als ``<doel>/<deelnemer>/blok1/`` (de vorm van ``importeer``)."""
    map_ = doel / deelnemer / BLOK
    map_.mkdir(parents=True, exist_ok=True)
    if notebook:
        nb = nbformat.read(release_nb, as_version=4)
        if bewerk is not None:
            bewerk(nb)
        nbformat.write(nb, map_ / f"{BLOK}.ipynb")
    if antwoorden is not None:
        (map_ / f"{BLOK}.antwoorden.json").write_text(
            json.dumps(antwoorden_document(antwoorden), ensure_ascii=False), encoding="utf-8"
        )
    if ruw_antwoordbestand is not None:
        (map_ / f"{BLOK}.antwoorden.json").write_text(ruw_antwoordbestand, encoding="utf-8")
    return map_


def kopieer(bron_map: Path, doel: Path) -> Path:
    shutil.copytree(bron_map, doel)
    return doel


# ---------------------------------------------------------------------------------------------
# Eén volledige rondgang met de echte nbgrader, gedeeld door de trage tests (één keer per sessie).


@dataclass
class Rondgang:
    """Alles wat een test over de gedeelde rondgang wil weten."""

    bron: Path
    cohort: Path
    inbox: Path
    uitslagen: dict[str, Any]
    importcode: int
    feedbackcode: int
    samenvatting: str
    beoordeelcode: int


GEVALLEN = ("model", "leeg", "deels", "kapot", "zonder", "verwijderd", "geknoeid", "lus", "corrupt", "nakijkfout")

NAKIJKFOUT = {**MODEL, "t2": {"velden": {**MODEL["t2"]["velden"], "partijen": NAKIJKFOUT_ANTWOORD}}}


def _zonder_cel(grade_id: str) -> Callable[[nbformat.NotebookNode], None]:
    def bewerk(nb: nbformat.NotebookNode) -> None:
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id]

    return bewerk


def _knoei(nb: nbformat.NotebookNode) -> None:
    for cel in nb.cells:
        if cel.metadata.get("nbgrader", {}).get("grade_id") == "test_vormen":
            cel.source = "punten = 2.0\npunten"


def _lus(nb: nbformat.NotebookNode) -> None:
    cel = nbformat.v4.new_code_cell("while True:\n    pass")
    cel["id"] = "eindeloos"
    nb.cells.insert(2, cel)


def maak_inbox(release_nb: Path, inbox: Path) -> None:
    """De inleveringen van de gedeelde rondgang, in de drie naamvormen van ``importeer``."""
    lever_in(release_nb, inbox, "model", antwoorden=MODEL)
    lever_in(release_nb, inbox, "leeg")
    lever_in(release_nb, inbox, "verwijderd", antwoorden=MODEL, bewerk=_zonder_cel("test_vormen"))
    lever_in(release_nb, inbox, "geknoeid", antwoorden=DEELS, bewerk=_knoei)
    lever_in(release_nb, inbox, "lus", antwoorden=MODEL, bewerk=_lus)
    lever_in(release_nb, inbox, "nakijkfout", antwoorden=NAKIJKFOUT)
    lever_in(release_nb, inbox, "corrupt", ruw_antwoordbestand='{"schema": 1, "oefeningen": {"t1": ')
    # vorm 3: plat, <id>_<blok>.*
    deels = lever_in(release_nb, inbox / "_plat", "deels", antwoorden=DEELS)
    for bestand in deels.iterdir():
        bestand.rename(inbox / f"deels_{bestand.name}")
    shutil.rmtree(inbox / "_plat")
    # vorm 2: <id>/<blok>.*, met een notebook dat geen geldige JSON is
    (inbox / "kapot").mkdir()
    (inbox / "kapot" / "blok1.ipynb").write_text('{"cells": [', encoding="utf-8")
    # alleen een antwoordbestand, geen notebook
    lever_in(release_nb, inbox, "zonder", notebook=False, antwoorden=MODEL)
