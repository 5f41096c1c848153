"""De cursusnotebooks: opbouw van de nbgrader-bron, en headless uitvoeren zoals nbgrader en het boek doen.

De opbouw wordt gecontroleerd op wat een trainer en een deelnemer merken: geen opgeslagen uitvoer,
geldige nbgrader-metadata met unieke grade-ids, punten gelijk aan het boek, een verborgen test bij
elk automatisch onderdeel, een beoordelingsschema alleen in taakcellen, geen cel die een deelnemer
moet bewerken, en code ingeklapt. Het uitvoeren (traag) gebeurt in een tijdelijke kopie van de
notebookmap, met en zonder antwoordbestand; de testcellen moeten dan precies de punten uit
``tests/cursus/modelantwoorden/verwacht.yml`` geven, zoals nbgraders ``determine_grade`` ze leest.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import pytest
import yaml
from nbformat import NotebookNode

from samenwerkingscode import nakijken

PROJECT = Path(__file__).resolve().parent.parent
NOTEBOOKS = PROJECT / "notebooks"
MODELANTWOORDEN = PROJECT / "tests" / "cursus" / "modelantwoorden"
BLOKKEN = ["blok1", "blok2", "blok3", "blok4", "blok5"]
ALLE = [*BLOKKEN, "eigen-casus"]
VERBORGEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)


def _lees(naam: str) -> NotebookNode:
    return nbformat.read(NOTEBOOKS / naam / f"{naam}.ipynb", as_version=4)


def _nbgrader(cel: NotebookNode) -> dict[str, Any]:
    return dict(cel.metadata.get("nbgrader", {}))


def _boekpunten(blok: str) -> dict[str, float]:
    data = yaml.safe_load((PROJECT / "book" / "blokken.yml").read_text(encoding="utf-8"))
    blokken = {b["id"]: b for b in data["blokken"]}
    return {str(o["id"]): float(o["punten"]) for o in blokken[blok]["oefeningen"]}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("maak_notebooks", PROJECT / "scripts" / "maak_notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["maak_notebooks"] = module
    spec.loader.exec_module(module)
    return module


# --- Opbouw van de bronnotebooks --------------------------------------------------------------------


@pytest.mark.parametrize("naam", ALLE)
def test_geen_uitvoer_opgeslagen(naam: str) -> None:
    nb = _lees(naam)
    for cel in nb.cells:
        if cel.cell_type == "code":
            assert cel.outputs == [], f"{naam}: cel {cel.id} heeft opgeslagen uitvoer"
            assert cel.execution_count is None


@pytest.mark.parametrize("naam", ALLE)
def test_geldig_notebook_met_geldige_nbgrader_metadata(naam: str) -> None:
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    nb = _lees(naam)
    nbformat.validate(nb)
    MetadataValidatorV3().validate_nb(nb)  # ook: dubbele grade-ids geven een fout
    ids = [_nbgrader(c)["grade_id"] for c in nb.cells if _nbgrader(c)]
    assert len(ids) == len(set(ids))
    assert all(_nbgrader(c)["schema_version"] == 3 for c in nb.cells if _nbgrader(c))


@pytest.mark.parametrize("blok", BLOKKEN)
def test_punten_per_oefening_gelijk_aan_het_boek(blok: str) -> None:
    per_oefening: dict[str, float] = defaultdict(float)
    for cel in _lees(blok).cells:
        meta = _nbgrader(cel)
        if meta.get("grade") or meta.get("task"):
            sleutel = meta["grade_id"].split("_", 1)[1]  # test_4b, taak_4b_uitleg → 4b, 4b_uitleg
            per_oefening[nakijken.onderdeel(blok, sleutel).id] += float(meta["points"])
    assert dict(per_oefening) == _boekpunten(blok)


@pytest.mark.parametrize("blok", BLOKKEN)
def test_elk_onderdeel_heeft_een_test_of_een_taak(blok: str) -> None:
    cellen = {_nbgrader(c).get("grade_id"): c for c in _lees(blok).cells}
    for o in nakijken.onderdelen(blok):
        if o.beoordeling == "automatisch":
            cel = cellen[f"test_{o.oefening}"]
            meta = _nbgrader(cel)
            assert cel.cell_type == "code" and meta["grade"] and meta["locked"] and not meta["solution"]
            assert meta["points"] == o.punten
            assert re.search(r"### BEGIN HIDDEN TESTS\n.+\n### END HIDDEN TESTS", cel.source, re.S), o.oefening
            zichtbaar = VERBORGEN.sub("", cel.source)
            assert f'nakijken.toon_status("{blok}", "{blok}", "{o.oefening}")' in zichtbaar
        else:
            taak = cellen[f"taak_{o.oefening}"]
            assert taak.cell_type == "markdown" and _nbgrader(taak)["task"] and _nbgrader(taak)["points"] == o.punten
            toon = cellen[f"toon_{o.oefening}"]
            assert f'nakijken.toon_reflectie("{blok}", "{o.oefening}")' in toon.source


@pytest.mark.parametrize("naam", ALLE)
def test_geen_cel_die_een_deelnemer_moet_bewerken(naam: str) -> None:
    for cel in _lees(naam).cells:
        meta = _nbgrader(cel)
        assert not meta.get("solution"), f"{naam}: {cel.id} is een antwoordcel"
        if meta:
            assert meta["locked"] or meta["grade"] or meta["task"], f"{naam}: {cel.id} is niet vergrendeld"
        for verboden in ("NotImplementedError", "BEGIN SOLUTION", "JOUW CODE", "YOUR CODE"):
            assert verboden not in cel.source


@pytest.mark.parametrize("naam", ALLE)
def test_code_is_ingeklapt(naam: str) -> None:
    for cel in _lees(naam).cells:
        if cel.cell_type == "code":
            assert cel.metadata.get("jupyter", {}).get("source_hidden") is True, f"{naam}: {cel.id}"


@pytest.mark.parametrize("naam", ALLE)
def test_beoordelingsschema_alleen_in_taakcellen(naam: str) -> None:
    for cel in _lees(naam).cells:
        heeft_schema = "BEGIN MARK SCHEME" in cel.source
        assert heeft_schema == bool(_nbgrader(cel).get("task")), f"{naam}: {cel.id}"
        if heeft_schema:
            assert cel.source.count("=== BEGIN MARK SCHEME ===") == cel.source.count("=== END MARK SCHEME ===") == 1
            schema = cel.source.split("=== BEGIN MARK SCHEME ===")[1]
            assert _rubrictotaal(schema) == _nbgrader(cel)["points"], f"{naam}: {cel.id}"


def _rubrictotaal(schema: str) -> float:
    """Het maximum van een rubric-tabel: de rij Totaal, of (rijen × hoogste kolom) bij een niveautabel."""
    rijen = [[v.strip() for v in r.strip().strip("|").split("|")] for r in schema.splitlines() if r.startswith("|")]
    kop, inhoud = rijen[0], [r for r in rijen[2:] if r[0]]
    totaal = [r for r in inhoud if "Totaal" in r[0]]
    if totaal:
        return float(totaal[0][-1].strip("*"))
    return len(inhoud) * float(re.match(r"\d+", kop[-1]).group())  # type: ignore[union-attr]


@pytest.mark.parametrize("blok", BLOKKEN)
def test_modelantwoorden_staan_alleen_in_verborgen_tests(blok: str) -> None:
    geheim = ["verwacht", "contract_afstandelijk", "eisen_contract", "eisen_netwerk", "situaties_1_6", '"trade_off"']
    for cel in _lees(blok).cells:
        buiten = VERBORGEN.sub("", cel.source)
        for woord in geheim:
            assert woord not in buiten, f"{blok}: '{woord}' buiten een verborgen test in {cel.id}"


def test_zelfcontrole_2a_geeft_alleen_vingerafdrukken() -> None:
    cel = next(c for c in _lees("blok2").cells if c.id == "widget_2a")
    afdrukken = dict(re.findall(r'"([a-z-]+)": "([0-9a-f]{64})"', cel.source))
    assert set(afdrukken) == {"provincie-aannemer", "praktijknetwerk"}
    assert nakijken.klopt(afdrukken["provincie-aannemer"], "2a", "provincie-aannemer", "contract_afstandelijk")
    assert nakijken.klopt(afdrukken["praktijknetwerk"], "2a", "praktijknetwerk", "netwerk")
    assert not nakijken.klopt(afdrukken["praktijknetwerk"], "2a", "praktijknetwerk", "partnership")
    deel = cel.source.split("zelfcontrole=")[1]
    assert '"netwerk"' not in deel and "contract_afstandelijk" not in deel


@pytest.mark.parametrize("naam", ALLE)
def test_geen_relatieve_paden_naar_de_kit(naam: str) -> None:
    """In nbgraders mappen release/ en autograded/ klopt '../../casussen' niet meer."""
    for cel in _lees(naam).cells:
        if cel.cell_type == "code":
            assert "../" not in cel.source


def test_eigen_casus_wordt_niet_beoordeeld() -> None:
    nb = _lees("eigen-casus")
    assert not any(_nbgrader(c) for c in nb.cells)
    bron = "\n".join(c.source for c in nb.cells)
    assert "CanvasWidget(opslag" in bron and "ToetsWidget(opslag" in bron


def test_generator_maakt_precies_de_vastgelegde_bestanden() -> None:
    """Wie een notebook met de hand bewerkt en het script vergeet (of andersom), ziet dat hier."""
    bestanden = _generator().bestanden()
    assert {p.relative_to(PROJECT).as_posix() for p in bestanden} >= {
        *(f"notebooks/{n}/{n}.ipynb" for n in ALLE),
        *(f"tests/cursus/modelantwoorden/{b}.antwoorden.json" for b in BLOKKEN),
        "tests/cursus/modelantwoorden/verwacht.yml",
    }
    verouderd = [p for p, inhoud in bestanden.items() if not p.exists() or p.read_text(encoding="utf-8") != inhoud]
    assert not verouderd, f"draai python scripts/maak_notebooks.py; verouderd: {verouderd}"


# --- Headless uitvoeren -------------------------------------------------------------------------------


def _voer_uit(naam: str, map: Path) -> NotebookNode:
    from nbclient import NotebookClient

    nb = nbformat.read(map / f"{naam}.ipynb", as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(map)}}).execute()
    return nb


def _kopie(naam: str, tmp_path: Path, antwoorden: Path | None) -> Path:
    map = tmp_path / naam
    shutil.copytree(NOTEBOOKS / naam, map)
    for oud in map.glob("*.antwoorden.json*"):
        oud.unlink()
    if antwoorden is not None:
        shutil.copy(antwoorden, map / f"{naam}.antwoorden.json")
    return map


def _verwacht() -> dict[str, Any]:
    return yaml.safe_load((MODELANTWOORDEN / "verwacht.yml").read_text(encoding="utf-8"))


GEVALLEN = [(b, g) for b in BLOKKEN for g in ("model", "leeg", "deels")]


@pytest.mark.traag
@pytest.mark.parametrize(("blok", "geval"), GEVALLEN)
def test_bloknotebook_draait_en_geeft_de_verwachte_punten(blok: str, geval: str, tmp_path: Path) -> None:
    from nbgrader.utils import determine_grade

    bron = {
        "model": MODELANTWOORDEN / f"{blok}.antwoorden.json",
        "leeg": None,
        "deels": MODELANTWOORDEN / "deels" / f"{blok}.antwoorden.json",
    }[geval]
    map = _kopie(blok, tmp_path, bron)
    voor = (map / f"{blok}.antwoorden.json").read_bytes() if bron else None
    nb = _voer_uit(blok, map)

    verwacht = _verwacht()[blok][geval]
    gevonden: dict[str, float] = {}
    for cel in nb.cells:
        if cel.cell_type != "code":
            continue
        soorten = [(o.output_type, o.get("name")) for o in cel.outputs]
        assert ("error", None) not in soorten, f"{cel.id}: fout"
        meta = _nbgrader(cel)
        if meta.get("grade"):
            assert ("stream", "stderr") not in soorten, f"{cel.id}: stderr kost in nbgrader alle punten"
            laatste = [o for o in cel.outputs if o.output_type == "execute_result"]
            assert len(laatste) == 1, f"{cel.id}: de punten moeten de laatste expressie zijn"
            score, maximum = determine_grade(cel)
            assert float(laatste[0].data["text/plain"]) == pytest.approx(score)
            assert maximum == _verwacht()[blok]["maximaal"][meta["grade_id"]]
            gevonden[meta["grade_id"]] = score
    assert gevonden == pytest.approx(verwacht)

    controle = next(c for c in nb.cells if c.id == "controle")
    rapport = controle.outputs[-1].data["text/plain"]
    assert rapport.startswith(f"Controleer mijn opdracht – {blok}")
    if geval == "model":
        assert "Alles is ingevuld" in rapport
    if bron is None:
        assert not list(map.glob("*.antwoorden.json*")), "uitvoeren zonder invullen schrijft niets"
    else:
        assert (map / f"{blok}.antwoorden.json").read_bytes() == voor, "uitvoeren verandert de antwoorden niet"


@pytest.mark.traag
def test_eigen_casus_draait_zonder_en_met_antwoordbestand(tmp_path: Path) -> None:
    map = _kopie("eigen-casus", tmp_path / "leeg", None)
    nb = _voer_uit("eigen-casus", map)
    assert not any(o.output_type == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)

    map = _kopie("eigen-casus", tmp_path / "gevuld", None)
    document = {
        "schema": 1,
        "notebook": "eigen-casus",
        "bijgewerkt": None,
        "oefeningen": {
            "canvas": {"velden": {"partijen": "Gemeente A\nWaterschap"}, "start": "leeg", "casus": None},
            "toets": {"momenten": {"nu": {"kan_mandaat": "deels"}}, "actief": "nu"},
        },
    }
    import json

    (map / "eigen-casus.antwoorden.json").write_text(json.dumps(document), encoding="utf-8")
    nb = _voer_uit("eigen-casus", map)
    assert not any(o.output_type == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
