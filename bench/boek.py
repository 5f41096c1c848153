"""Meting 6: het boek opnieuw bouwen na één gewijzigde pagina (met de uitvoercache), en een schone bouw.

Waarom: wie aan het boek schrijft, bouwt het telkens opnieuw; dat moet snel gaan. Het boek wordt
naar een tijdelijke map gekopieerd (de echte ``_build`` blijft onaangeroerd) en gebouwd zoals
``make book`` het doet (``jupyter-book build -W -n --keep-going``). Daarna krijgt één tekstpagina
er een zin bij en wordt opnieuw gebouwd: de uitvoercache uit ``_config.yml`` zorgt dat alleen die
pagina opnieuw wordt gelezen. De basislijn is een minimaal boek van één pagina, op dezelfde
manier gebouwd: de vaste prijs van jupyter-book en Sphinx.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench._kern import BenchFout, Doel, Instellingen, Meting, draai, mediaan

NAAM = "boek"
DOEL_HERBOUW = Doel(15.0, "waarde")
PAGINA = Path("book/bronnen.md")
OVERSLAAN = (".git", ".venv", "_build", "cohort", "test-artefacten", ".pytest_cache", ".ruff_cache", "node_modules")

MINI_CONFIG = """title: Minimaal boek
only_build_toc_files: true
execute:
  execute_notebooks: cache
"""
MINI_TOC = "format: jb-book\nroot: intro\n"
MINI_PAGINA = "# Minimaal boek\n\nEén pagina, om de vaste prijs van een bouw te meten.\n"


def kopieer_boek(project: Path, doel: Path) -> Path:
    """Een kopie van de boekbronnen; de gevendorde scripts (groot, alleen-lezen) als koppeling."""
    shutil.copytree(
        project,
        doel,
        symlinks=True,
        ignore=shutil.ignore_patterns(*OVERSLAAN, "_vendor", "__pycache__", "*.antwoorden.json*"),
    )
    if (project / "_vendor").is_dir():
        os.symlink(project / "_vendor", doel / "_vendor")
    if not (doel / PAGINA).is_file():
        raise BenchFout(f"De pagina {PAGINA} ontbreekt; kies in bench/boek.py een andere tekstpagina.")
    return doel


def maak_minimaal_boek(doel: Path) -> Path:
    doel.mkdir(parents=True)
    (doel / "_config.yml").write_text(MINI_CONFIG, encoding="utf-8")
    (doel / "_toc.yml").write_text(MINI_TOC, encoding="utf-8")
    (doel / "intro.md").write_text(MINI_PAGINA, encoding="utf-8")
    return doel


def bouw(map_: Path, inst: Instellingen) -> float:
    """Bouw het boek in ``map_`` zoals ``make book``; geeft de wandkloktijd."""
    begin = time.perf_counter()
    draai([inst.programma("jupyter-book"), "build", "-W", "-n", "--keep-going", "."], inst, cwd=map_)
    return time.perf_counter() - begin


def voeg_zin_toe(pagina: Path, ronde: int) -> None:
    with pagina.open("a", encoding="utf-8") as f:
        f.write(f"\n\nDeze zin is toegevoegd door de prestatiemeting (ronde {ronde}).\n")


def meet(inst: Instellingen) -> list[Meting]:
    n = inst.aantal(normaal=3, snel=1)
    with tempfile.TemporaryDirectory(prefix="bench-boek-") as tmp:
        boek = kopieer_boek(inst.project, Path(tmp) / "boek")
        mini = maak_minimaal_boek(Path(tmp) / "mini")
        schoon_mini = bouw(mini, inst)
        schoon = bouw(boek, inst)
        if not (boek / "_build" / "html" / "index.html").is_file():
            raise BenchFout("De schone bouw gaf geen _build/html/index.html.")
        herbouw: list[float] = []
        herbouw_mini: list[float] = []
        for ronde in range(1, n + 1):
            voeg_zin_toe(boek / PAGINA, ronde)
            herbouw.append(bouw(boek, inst))
            voeg_zin_toe(mini / "intro.md", ronde)
            herbouw_mini.append(bouw(mini, inst))
        html = (boek / "_build" / "html" / PAGINA.with_suffix(".html")).read_text(encoding="utf-8")
        if f"(ronde {n})" not in html:
            raise BenchFout(f"Na het herbouwen staat de nieuwe zin niet in {PAGINA.with_suffix('.html')}.")
    return [
        Meting(
            naam="boek herbouwen na één gewijzigde pagina",
            waarde=mediaan(herbouw),
            basislijn=mediaan(herbouw_mini),
            doel=DOEL_HERBOUW,
            toelichting=(
                f"een zin erbij in {PAGINA}, uitvoercache uit _config.yml, mediaan van {n}; "
                "basislijn: hetzelfde bij een minimaal boek van één pagina"
            ),
        ),
        Meting(
            naam="boek schoon bouwen",
            waarde=schoon,
            basislijn=schoon_mini,
            toelichting="lege bouwmap en lege uitvoercache (één keer); basislijn: minimaal boek van één pagina",
        ),
    ]
