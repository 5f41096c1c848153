"""De bronnotebooks: afgeleid uit de opdrachtdata, met modelantwoorden ernaast, en headless uit te voeren.

Wat een trainer en een deelnemer merken: geen opgeslagen uitvoer, geldige nbgrader-metadata met punten
uit ``model/opdrachten.yml``, een verborgen test bij elk automatisch onderdeel, een taakcel met de
rubric (en de ankers alleen in het beoordelingsschema) bij elk handmatig onderdeel, het antwoord van de
deelnemer direct boven de scorebox, en elke cel één regel kitcode. Uitvoeren (traag) gebeurt in een
tijdelijke kopie: het modelantwoord haalt alle punten, leeg geeft 0 zonder "nakijken mislukt", een
deels goed antwoord geeft de met de hand beredeneerde punten, en een kapot modelbestand geeft nooit een
stille nul.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml
from nbformat import NotebookNode
from verwachte_punten import DEELS

from samenwerkingscode.cursus import bronnotebooks
from samenwerkingscode.model import opdrachten, opdrachttekst

PROJECT = Path(__file__).resolve().parent.parent
NOTEBOOKS = PROJECT / "notebooks"
DEELS_MAP = PROJECT / "tests" / "cursus" / "modelantwoorden" / "deels"
BLOKKEN = opdrachten.beoordeelde_notebooks()
ALLE = [b.notebook for b in opdrachten.blokken()]
VERBORGEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)


def _lees(naam: str) -> NotebookNode:
    return nbformat.read(NOTEBOOKS / naam / f"{naam}.ipynb", as_version=4)


def _nbgrader(cel: NotebookNode) -> dict[str, Any]:
    return dict(cel.metadata.get("nbgrader", {}))


def test_blokken_komen_uit_de_data() -> None:
    """Zijn de beoordeelde notebooks precies de blokken die de data als beoordeeld noemt?"""
    assert BLOKKEN == ["blok1", "blok2", "blok3", "blok4", "blok5"]
    assert "eigen-casus" in ALLE and "eigen-casus" not in BLOKKEN


@pytest.mark.parametrize("naam", ALLE)
def test_geen_uitvoer_en_geldige_metadata(naam: str) -> None:
    nb = _lees(naam)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    ids = [_nbgrader(c)["grade_id"] for c in nb.cells]
    assert len(ids) == len(set(ids)), "grade-ids zijn uniek"


@pytest.mark.parametrize("naam", ALLE)
def test_punten_en_cellen_volgen_de_data(naam: str) -> None:
    """Heeft elk automatisch onderdeel een testcel en elk handmatig een taakcel, met de punten uit de data?"""
    nb = _lees(naam)
    cellen = {_nbgrader(c)["grade_id"]: c for c in nb.cells}
    for o in opdrachten.blok(naam).onderdelen:
        if o.beoordeling == "automatisch":
            assert _nbgrader(cellen[f"test_{o.sleutel}"])["points"] == o.max_punten
        elif o.beoordeling == "handmatig":
            taak = cellen[f"taak_{o.sleutel}"]
            assert _nbgrader(taak)["task"] and _nbgrader(taak)["points"] == o.max_punten
            # Het antwoord van de deelnemer staat direct boven de scorebox en de rubric (formgrader).
            volgorde = list(cellen)
            assert volgorde.index(f"toon_{o.sleutel}") == volgorde.index(f"taak_{o.sleutel}") - 1
        else:
            assert f"test_{o.sleutel}" not in cellen and f"taak_{o.sleutel}" not in cellen
    if not opdrachten.blok(naam).beoordeeld:
        assert not any(_nbgrader(c).get("grade") or _nbgrader(c).get("task") for c in nb.cells)


@pytest.mark.parametrize("naam", ALLE)
def test_elke_codecel_is_ingeklapt_en_kort(naam: str) -> None:
    """Staat de code in het pakket en is elke cel een paar regels kitcode, ingeklapt, met Nederlandse eerste regel?"""
    for cel in _lees(naam).cells:
        if cel.cell_type != "code":
            continue
        assert cel.metadata["jupyter"]["source_hidden"] is True
        assert cel.source.startswith("# ")
        zichtbaar = VERBORGEN.sub("", cel.source)
        assert len([r for r in zichtbaar.splitlines() if r.strip() and not r.startswith("#")]) <= 4, cel.source


@pytest.mark.parametrize("naam", BLOKKEN)
def test_sleutels_alleen_in_verborgen_tests_en_ankers_alleen_in_het_schema(naam: str) -> None:
    nb = _lees(naam)
    for cel in nb.cells:
        zichtbaar = VERBORGEN.sub("", cel.source)
        assert "verwacht=" not in zichtbaar
        if "=== BEGIN MARK SCHEME ===" in cel.source:
            assert _nbgrader(cel)["task"], "een beoordelingsschema mag alleen in een taakcel"
        else:
            assert "Ankerantwoorden" not in cel.source


def test_generator_maakt_precies_de_vastgelegde_notebooks() -> None:
    """Wijkt een vastgelegd notebook af van wat de data nu oplevert? Dan is het verouderd."""
    for pad, inhoud in bronnotebooks.alle_notebooks(NOTEBOOKS).items():
        assert pad.read_text(encoding="utf-8") == inhoud, f"{pad} is verouderd: draai python scripts/maak_notebooks.py"


def test_sleutels_komen_uit_het_sleutelbestand() -> None:
    """Staat de sleutel van 2a letterlijk (en alleen) in het verborgen deel van de testcel?"""
    sleutels = yaml.safe_load((NOTEBOOKS / "sleutels" / "springendal-mosbeek.yml").read_text(encoding="utf-8"))
    cel = next(c for c in _lees("blok2").cells if c.id == "test-2a")
    verborgen = VERBORGEN.search(cel.source)
    assert verborgen is not None
    assert json.dumps(sleutels["sleutels"]["2a"], ensure_ascii=False) in verborgen.group(0)


def test_punten_wijzigen_in_de_data_verandert_elk_gezicht(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zet de punten van 1a in een kopie van de data op 7: volgen notebook, boektekst, rooster en beoordeling?"""
    modelmap = tmp_path / "model"
    modelmap.mkdir()
    tekst = (PROJECT / "samenwerkingscode" / "model" / "opdrachten.yml").read_text(encoding="utf-8")
    assert "            punten: 9\n" in tekst
    (modelmap / "opdrachten.yml").write_text(tekst.replace("            punten: 9\n", "            punten: 7\n", 1))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(modelmap))

    blok = opdrachten.blok("blok1")
    _, een_a = opdrachten.oefening("1a")
    assert blok.punten == 17 and een_a.punten == 7  # rooster en blokkop tellen hiermee
    casus = opdrachten.laad_casusoefeningen()
    nb = bronnotebooks.bloknotebook(blok, casus, bronnotebooks.laad_sleutels(NOTEBOOKS, casus.casus))
    test = next(c for c in nb.cells if c.id == "test-1a")
    assert test.metadata["nbgrader"]["points"] == 7
    assert "7 punten" in test.source
    uitleg = next(c for c in nb.cells if c.id == "uitleg-1a")
    assert "7 punten, automatisch beoordeeld" in uitleg.source
    assert "7 punten" in opdrachttekst.oefening_markdown(blok, een_a, casus)  # het boek

    from samenwerkingscode import nakijken

    assert nakijken.beoordeel("blok1", "1a", opslag=NOTEBOOKS / "blok1" / "blok1.antwoorden.json") == 7.0


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


def _punten(nb: NotebookNode) -> dict[str, float]:
    from nbgrader.utils import determine_grade

    gevonden: dict[str, float] = {}
    for cel in nb.cells:
        if cel.cell_type != "code":
            continue
        soorten = [(o.output_type, o.get("name")) for o in cel.outputs]
        assert ("error", None) not in soorten, f"{cel.id}: fout"
        if _nbgrader(cel).get("grade"):
            assert ("stream", "stderr") not in soorten, f"{cel.id}: stderr kost in nbgrader alle punten"
            gevonden[_nbgrader(cel)["grade_id"]] = determine_grade(cel)[0]
    return gevonden


def _tekst(nb: NotebookNode) -> str:
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


GEVALLEN = [(b, g) for b in BLOKKEN for g in ("model", "leeg", "deels")]


@pytest.mark.traag
@pytest.mark.parametrize(("blok", "geval"), GEVALLEN)
def test_bloknotebook_draait_en_geeft_de_verwachte_punten(blok: str, geval: str, tmp_path: Path) -> None:
    bron = {
        "model": NOTEBOOKS / blok / f"{blok}.antwoorden.json",
        "leeg": None,
        "deels": DEELS_MAP / f"{blok}.antwoorden.json",
    }[geval]
    map = _kopie(blok, tmp_path, bron)
    voor = (map / f"{blok}.antwoorden.json").read_bytes() if bron else None
    nb = _voer_uit(blok, map)
    gevonden = _punten(nb)
    maximaal = {
        f"test_{o.sleutel}": o.max_punten for o in opdrachten.blok(blok).onderdelen if o.beoordeling == "automatisch"
    }
    verwacht = {"model": maximaal, "leeg": dict.fromkeys(maximaal, 0.0), "deels": DEELS[blok]}[geval]
    assert gevonden == pytest.approx(verwacht, abs=0.01)
    assert "REGIE-NAKIJKFOUT" not in _tekst(nb), "een leeg of deels antwoord is geen mislukte beoordeling"
    if geval == "leeg":
        assert "nog leeg" in _tekst(nb)
        assert not list(map.glob("*.antwoorden.json*")), "uitvoeren zonder invullen schrijft niets"
    else:
        assert (map / f"{blok}.antwoorden.json").read_bytes() == voor, "uitvoeren verandert de antwoorden niet"
    controle = next(c for c in nb.cells if c.id == "controle")
    assert (
        controle.outputs[-1].data["text/plain"].startswith(f"Controleer mijn opdracht – {opdrachten.blok(blok).titel}")
    )


@pytest.mark.traag
def test_kapot_modelbestand_geeft_nakijken_mislukt_geen_stille_nul(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Met een kapot opdrachten.yml geeft de testcel 0 punten én de regel REGIE-NAKIJKFOUT, niet alleen een 0."""
    modelmap = tmp_path / "model"
    modelmap.mkdir()
    (modelmap / "opdrachten.yml").write_text("blokken: [ {id: blok1", encoding="utf-8")
    map = _kopie("blok1", tmp_path, NOTEBOOKS / "blok1" / "blok1.antwoorden.json")
    nb = nbformat.read(map / "blok1.ipynb", as_version=4)
    opzet = next(c for c in nb.cells if c.id == "opzet")
    test = next(c for c in nb.cells if c.id == "test-1a")
    from nbclient import NotebookClient

    monkeypatch.setenv("REGIE_MODEL_MAP", str(modelmap))
    kort = nbformat.v4.new_notebook(cells=[opzet, test], metadata=nb.metadata)
    NotebookClient(kort, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(map)}}).execute()
    assert _punten(kort) == {"test_1a": 0.0}
    assert "REGIE-NAKIJKFOUT: oefening 1a kon niet worden nagekeken" in _tekst(kort)


@pytest.mark.traag
@pytest.mark.parametrize("blok", BLOKKEN)
def test_bronnotebook_met_modelantwoord_haalt_bij_validate_alle_punten(blok: str) -> None:
    """``nbgrader validate`` op het bronnotebook (met het modelantwoord ernaast) slaagt: volle punten."""
    from nbgrader.validator import Validator

    assert (NOTEBOOKS / blok / f"{blok}.antwoorden.json").is_file(), "het modelantwoord staat naast de bron"
    assert Validator().validate(str(NOTEBOOKS / blok / f"{blok}.ipynb")) == {}


@pytest.mark.traag
def test_validate_faalt_op_een_leeg_antwoord(tmp_path: Path) -> None:
    """De validatie is geen stempel: zonder antwoordbestand faalt hij op de testcellen."""
    from nbgrader.validator import Validator

    map = _kopie("blok2", tmp_path, None)
    assert Validator().validate(str(map / "blok2.ipynb")).get("failed")


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
    (map / "eigen-casus.antwoorden.json").write_text(json.dumps(document), encoding="utf-8")
    nb = _voer_uit("eigen-casus", map)
    assert not any(o.output_type == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
