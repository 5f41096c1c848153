"""Het pakket zegt eerlijk wat het nodig heeft: elke import van buiten staat in pyproject.toml.

Waarom: met alleen ``pip install .`` (zonder requirements.txt) moet ``regie`` werken of een duidelijke
extra noemen (``[trainer]``, ``[boek]``). De test leest alle imports, ook die binnen functies.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
#: Modules die met een gedeclareerd pakket meekomen (afhankelijkheid van die afhankelijkheid).
VIA = {
    "traitlets": "ipywidgets",
    "IPython": "ipywidgets",
    "pydantic_core": "pydantic",
    "docutils": "sphinx",
    "fontTools": "matplotlib",
    "sqlalchemy": "nbgrader",
    "jupyter_core": "nbformat",
}


def _import_namen() -> set[str]:
    namen: set[str] = set()
    for pad in (PROJECT / "samenwerkingscode").rglob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Import):
                namen |= {a.name.split(".")[0] for a in knoop.names}
            elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
                namen.add(knoop.module.split(".")[0])
    return {n for n in namen if n not in sys.stdlib_module_names and n != "samenwerkingscode"}


def _gedeclareerd() -> set[str]:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    eisen = [*project["dependencies"], *(e for lijst in project["optional-dependencies"].values() for e in lijst)]
    return {re.split(r"[<>=!~\[ ]", e, maxsplit=1)[0].lower().replace("_", "-") for e in eisen}


def test_elke_import_staat_in_pyproject() -> None:
    verdeling = packages_distributions()
    gedeclareerd = _gedeclareerd()
    ontbrekend = []
    for naam in sorted(_import_namen()):
        module = VIA.get(naam, naam)
        distributies = {d.lower().replace("_", "-") for d in verdeling.get(module, [module])}
        if not distributies & gedeclareerd:
            ontbrekend.append(f"{naam} ({', '.join(sorted(distributies))})")
    assert ontbrekend == [], "niet in pyproject.toml: " + "; ".join(ontbrekend)
