"""De lagen van het pakket: imports lopen één kant op (model → antwoorden → nakijken → gezichten).

De test leest de imports uit de broncode (ook die binnen functies), zodat een verkeerde richting niet
pas opvalt als de code toevallig draait.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAKKET = Path(__file__).resolve().parent.parent / "samenwerkingscode"

MODEL = [
    "model",
    "canvas",
    "vormen",
    "idioom",
    "beslisboom",
    "typologie",
    "toets",
    "schakelbak",
    "casus",
    "yamlbestand",
]
GEZICHTEN = ("samenwerkingscode.widgets", "samenwerkingscode.figuren", "samenwerkingscode.cursus", "samenwerkingscode.boek",
             "samenwerkingscode.cli", "samenwerkingscode.nakijken", "ipywidgets", "matplotlib", "nbgrader", "IPython")  # fmt: skip


def _modules(namen: list[str]) -> list[Path]:
    paden: list[Path] = []
    for naam in namen:
        map_ = PAKKET / naam
        paden += sorted(map_.rglob("*.py")) if map_.is_dir() else [PAKKET / f"{naam}.py"]
    return paden


def _imports(pad: Path) -> set[str]:
    gevonden: set[str] = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            gevonden |= {a.name for a in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module:
            basis = knoop.module if knoop.level == 0 else f"samenwerkingscode.{knoop.module}"
            gevonden |= {basis, *(f"{basis}.{a.name}" for a in knoop.names)}
    return gevonden


def _verboden(pad: Path, verboden: tuple[str, ...]) -> list[str]:
    return sorted(i for i in _imports(pad) if i.startswith(verboden))


@pytest.mark.parametrize("pad", _modules(MODEL), ids=lambda p: p.relative_to(PAKKET).as_posix())
def test_model_importeert_geen_gezicht(pad: Path) -> None:
    """Het model (data plus pure functies) kent geen widgets, figuren, nbgrader of nakijken."""
    assert _verboden(pad, GEZICHTEN) == []


@pytest.mark.parametrize("pad", _modules(["nakijken"]), ids=lambda p: p.relative_to(PAKKET).as_posix())
def test_nakijken_importeert_geen_widget(pad: Path) -> None:
    """Beoordelen werkt zonder widgets: nakijken importeert geen ipywidgets en geen widgetmodule."""
    assert _verboden(pad, ("samenwerkingscode.widgets", "ipywidgets", "samenwerkingscode.figuren")) == []


def test_de_test_ziet_een_verkeerde_import(tmp_path: Path) -> None:
    """De controle zelf werkt: een import van een widget binnen een functie wordt gevonden."""
    pad = tmp_path / "x.py"
    pad.write_text("def f():\n    from samenwerkingscode.widgets import opdracht\n", encoding="utf-8")
    assert _verboden(pad, GEZICHTEN) == ["samenwerkingscode.widgets", "samenwerkingscode.widgets.opdracht"]
