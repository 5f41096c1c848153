"""Gedeelde testinstellingen.

nbgrader roept `alembic` via PATH aan (zie ecosystem.md, valkuil 3); daarom staat de map van
deze Python vooraan in PATH, ook als de venv niet geactiveerd is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")
# Figuren in een eigen cachemap per testsessie, zodat tests nooit een tekening van een eerdere run zien.
os.environ["REGIE_CACHE"] = tempfile.mkdtemp(prefix="regie-cache-")


@pytest.fixture(scope="session")
def playwright_sessie() -> Iterator[object]:
    """Eén Playwright voor de hele testsessie (browser- én hubtests).

    De synchrone Playwright mag maar één keer tegelijk draaien in een thread; twee eigen exemplaren (één
    in tests/browser, één in tests/hub) gaven in een volle run "Sync API inside the asyncio loop".
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def project() -> Path:
    """De projectmap (waar README.md en de casussen staan)."""
    return PROJECT


@pytest.fixture(scope="session")
def springendal_pad() -> Path:
    return PROJECT / "casussen" / "springendal-mosbeek.yml"


# --- Het cursusboek, één keer per testsessie gebouwd (gedeeld door tests/boek en tests/browser) ---
#
# Eén keer per testsessie het hele cursusboek bouwen, in een lege tijdelijke map.
#
# Waarom zo:
#
# - jupyter-book 1.x laat pagina's van eerdere bouwsels in ``_build/html`` staan (ecosystem.md,
#   "Found later"); alleen een bouw in een lege map laat zien wat de bouw nu echt oplevert.
# - Bouwen kost tientallen seconden (de widgetweergaven worden uitgevoerd); alle tests over de
#   gebouwde HTML delen daarom één bouw.
# - Vóór de bouw leggen we twee kanaries neer die een deelnemer zou kunnen hebben: een antwoordbestand
#   naast het hoofdstuk van Blok 1 en een eigen casus in ``casussen/eigen/``. Leest de bouw
#   deelnemersgegevens, dan staat een kanarie in de HTML. Beide paden negeert git; ze worden na de bouw
#   weer opgeruimd (alleen als ze er vóór de test niet waren).


@dataclass(frozen=True)
class Bouw:
    """Het resultaat van één boekbouw: uitvoer, exitcode, de HTML-map en de gebruikte kanaries."""

    returncode: int
    log: str
    html: Path
    kanarie_tekst: str
    kanarie_bestand: str
    antwoordbestanden_voor: frozenset[Path]
    antwoordbestanden_na: frozenset[Path]


def _antwoordbestanden() -> frozenset[Path]:
    """Alle antwoordbestanden in de kit (buiten de bouw- en venv-mappen)."""
    gevonden = set()
    for map in ("book", "notebooks", "casussen"):
        gevonden |= set((PROJECT / map).rglob("*.antwoorden.json"))
    return frozenset(gevonden)


@pytest.fixture(scope="session")
def boek(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bouw]:
    """Bouw het boek met ``-W -n --keep-going`` in een lege map, met kanaries voor deelnemersdata."""
    uitvoer = tmp_path_factory.mktemp("boekbouw")
    code = uuid.uuid4().hex[:12]
    kanarie_tekst = f"KANARIE-DEELNEMER-{code}"
    kanarie_bestand = f"kanarie-{code}.yml"
    antwoorden = PROJECT / "book" / "blok1" / "blok1.antwoorden.json"
    eigen_map = PROJECT / "casussen" / "eigen"
    eigen_casus = eigen_map / kanarie_bestand
    opgeruimd: list[Path] = []
    eigen_map_nieuw = not eigen_map.exists()
    if not antwoorden.exists():
        antwoorden.write_text(
            json.dumps(
                {"schema": 1, "notebook": "blok1", "oefeningen": {"1a": {"velden": {"partijen": kanarie_tekst}}}}
            ),
            encoding="utf-8",
        )
        opgeruimd.append(antwoorden)
    eigen_map.mkdir(parents=True, exist_ok=True)
    eigen_casus.write_text(f"titel: {kanarie_tekst}\n", encoding="utf-8")
    opgeruimd.append(eigen_casus)
    voor = _antwoordbestanden()
    omgeving = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    try:
        proces = subprocess.run(
            [
                os.path.join(os.path.dirname(sys.executable), "jupyter-book"),
                "build",
                "-W",
                "-n",
                "--keep-going",
                "--path-output",
                str(uitvoer),
                ".",
            ],
            cwd=PROJECT,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=900,
        )
        na = _antwoordbestanden()
    finally:
        for pad in opgeruimd:
            pad.unlink(missing_ok=True)
        if eigen_map_nieuw and eigen_map.is_dir() and not any(eigen_map.iterdir()):
            eigen_map.rmdir()
    yield Bouw(
        returncode=proces.returncode,
        log=proces.stdout + proces.stderr,
        html=uitvoer / "_build" / "html",
        kanarie_tekst=kanarie_tekst,
        kanarie_bestand=kanarie_bestand,
        antwoordbestanden_voor=voor,
        antwoordbestanden_na=na,
    )
