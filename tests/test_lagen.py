"""De lagen van het pakket: elke laag een map, imports lopen één kant op en zonder kringen.

Van onder naar boven: ``model/`` (data + pure functies) → de opslag van de deelnemer (``antwoorden``,
``eigen_casus``) → ``nakijken/`` → de gezichten (``widgets/``, ``figuren/``) → de trainersworkflow
(``cursus/``) en het boek (``boek/``) → de opdrachtregel (``cli``). De test leest de imports uit de
broncode (ook die binnen functies), zodat een verkeerde richting niet pas opvalt als de code
toevallig draait.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAKKET = Path(__file__).resolve().parent.parent / "samenwerkingscode"
P = "samenwerkingscode"

#: Per laag: wat die laag nooit mag importeren (van de kit en van de zware bibliotheken).
VERBODEN: dict[str, tuple[str, ...]] = {
    "model": (f"{P}.antwoorden", f"{P}.eigen_casus", f"{P}.nakijken", f"{P}.widgets", f"{P}.figuren",
              f"{P}.cursus", f"{P}.boek", f"{P}.cli", "ipywidgets", "matplotlib", "nbgrader", "IPython"),
    "antwoorden.py": (f"{P}.nakijken", f"{P}.widgets", f"{P}.figuren", f"{P}.cursus", f"{P}.boek", f"{P}.cli"),
    "eigen_casus.py": (f"{P}.nakijken", f"{P}.widgets", f"{P}.figuren", f"{P}.cursus", f"{P}.boek", f"{P}.cli"),
    "nakijken": (f"{P}.widgets", f"{P}.figuren", f"{P}.cursus", f"{P}.boek", f"{P}.cli", "ipywidgets", "matplotlib"),
    "widgets": (f"{P}.cursus", f"{P}.boek", f"{P}.cli", "nbgrader"),
    "figuren": (f"{P}.widgets", f"{P}.cursus", f"{P}.boek", f"{P}.cli", "ipywidgets", "nbgrader"),
    "cursus": (f"{P}.widgets", f"{P}.boek", f"{P}.cli"),
    "boek": (f"{P}.cli",),
}  # fmt: skip


def _modules(naam: str) -> list[Path]:
    map_ = PAKKET / naam
    return sorted(map_.rglob("*.py")) if map_.is_dir() else [PAKKET / naam]


def _modulenaam(pad: Path) -> str:
    delen = pad.relative_to(PAKKET.parent).with_suffix("").parts
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _imports(pad: Path) -> set[str]:
    gevonden: set[str] = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            gevonden |= {a.name for a in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module:
            basis = knoop.module if knoop.level == 0 else f"{P}.{knoop.module}"
            gevonden |= {basis, *(f"{basis}.{a.name}" for a in knoop.names)}
    return gevonden


def _verboden(pad: Path, verboden: tuple[str, ...]) -> list[str]:
    return sorted(i for i in _imports(pad) if i == verboden or i.startswith(verboden))


ALLE_MODULES = {_modulenaam(p): p for p in sorted(PAKKET.rglob("*.py"))}


def _graaf() -> dict[str, set[str]]:
    """Module → de modules van de kit die ze importeert (een naam als ``pakket.module`` wordt de module)."""
    return {naam: {i for i in _imports(pad) if i in ALLE_MODULES and i != naam} for naam, pad in ALLE_MODULES.items()}


def _kringen(graaf: dict[str, set[str]]) -> list[list[str]]:
    """De sterk samenhangende delen met meer dan één module (Tarjan)."""
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    kringen: list[list[str]] = []

    def bezoek(v: str) -> None:
        index[v] = laag[v] = len(index)
        stapel.append(v)
        op_stapel.add(v)
        for w in sorted(graaf.get(v, ())):
            if w not in index:
                bezoek(w)
                laag[v] = min(laag[v], laag[w])
            elif w in op_stapel:
                laag[v] = min(laag[v], index[w])
        if laag[v] == index[v]:
            deel: list[str] = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                deel.append(w)
                if w == v:
                    break
            if len(deel) > 1:
                kringen.append(sorted(deel))

    for v in sorted(graaf):
        if v not in index:
            bezoek(v)
    return kringen


@pytest.mark.parametrize(
    ("laag", "pad"),
    [(laag, pad) for laag in VERBODEN for pad in _modules(laag)],
    ids=lambda x: x.relative_to(PAKKET).as_posix() if isinstance(x, Path) else x,
)
def test_laag_importeert_niets_van_een_hogere_laag(laag: str, pad: Path) -> None:
    """Het model kent geen gezicht, nakijken geen widget, de trainerskant geen boek; niemand kent ``cli``."""
    assert _verboden(pad, VERBODEN[laag]) == []


def test_elke_module_hoort_bij_een_laag() -> None:
    """Een nieuwe module aan de wortel van het pakket valt op: kies er een laag (map) voor."""
    los = sorted(p.name for p in PAKKET.glob("*.py"))
    assert los == ["__init__.py", "antwoorden.py", "cli.py", "eigen_casus.py"]


def test_niemand_importeert_de_opdrachtregel() -> None:
    graaf = _graaf()
    assert sorted(m for m, doelen in graaf.items() if f"{P}.cli" in doelen) == []


def test_geen_importkringen() -> None:
    """Geen twee modules die (ook via omwegen of binnen functies) elkaar importeren."""
    assert _kringen(_graaf()) == []


def test_de_test_ziet_een_verkeerde_import(tmp_path: Path) -> None:
    """De controle zelf werkt: een import van een widget binnen een functie wordt gevonden."""
    pad = tmp_path / "x.py"
    pad.write_text("def f():\n    from samenwerkingscode.widgets import opdracht\n", encoding="utf-8")
    assert _verboden(pad, VERBODEN["model"]) == ["samenwerkingscode.widgets", "samenwerkingscode.widgets.opdracht"]


def test_de_test_ziet_een_kring() -> None:
    assert _kringen({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
