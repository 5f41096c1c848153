"""``regie cursus maak``: de deelnemersversies zonder modelantwoorden, gecontroleerd op lekken, gezipt.

Elke versie wordt na het maken vergeleken met de bron; een versie met een regel uit een
oplossingsgebied, een verborgen test of een antwoordbestand wordt verwijderd in plaats van verstuurd.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from samenwerkingscode.cursus.cursusmap import Cursusmap, cursusmap
from samenwerkingscode.cursus.koppeling import (
    Blok,
    gradebook,
    laatste_regel,
    lees_notebook,
    maak_api,
    opdrachtnamen,
    voortgang,
    zip_map,
)
from samenwerkingscode.model.yamlbestand import RegieFout


def controleer_release(map_: Cursusmap, naam: str) -> list[str]:
    """Problemen (Nederlands) als de deelnemersversie iets geheims bevat; leeg = in orde.

    Vergelijkt met de bron: geen regel uit een oplossingsgebied, verborgen test of
    beoordelingsschema, geen achtergebleven markering, geen uitvoer en geen antwoordbestand.
    """
    from samenwerkingscode.cursus.feedback_filter import geheime_regels, lekken

    problemen: list[str] = []
    release = map_.release / naam
    for bronpad in sorted((map_.bron / naam).glob("*.ipynb")):
        relpad = release / bronpad.name
        if not relpad.is_file():
            problemen.append(f"{relpad.name} ontbreekt in de deelnemersversie")
            continue
        geheim = geheime_regels(lees_notebook(bronpad).cells)
        nb = lees_notebook(relpad)
        for i, cel in enumerate(nb.cells, start=1):
            for gevonden in lekken(cel.source, geheim):
                problemen.append(f"{relpad.name}, cel {i}: bevat geheime tekst '{gevonden[:60]}'")
            if cel.get("outputs"):
                problemen.append(f"{relpad.name}, cel {i}: bevat uitvoer (die kan antwoorden tonen)")
    for pad in sorted(release.rglob("*")):
        if pad.is_file() and ".antwoorden.json" in pad.name:
            problemen.append(f"{pad.relative_to(release)}: een antwoordbestand hoort niet in de deelnemersversie")
    return problemen


def genereer(api: Any, map_: Cursusmap, naam: str) -> None:
    """Maak de deelnemersversie van één opdracht en controleer hem; bij een lek: weg ermee."""
    with gradebook(map_) as gb:
        gb.update_or_create_assignment(naam)
    resultaat = api.generate_assignment(naam, force=True, create=True)
    if not resultaat["success"]:
        raise RegieFout(
            f"De deelnemersversie van {naam} kon niet worden gemaakt: {laatste_regel(resultaat)}\n"
            "Controleer de nbgrader-markeringen in het bronnotebook (bijvoorbeeld BEGIN/END SOLUTION)."
        )
    problemen = controleer_release(map_, naam)
    if problemen:
        shutil.rmtree(map_.release / naam, ignore_errors=True)
        (map_.uitdelen / f"{naam}.zip").unlink(missing_ok=True)
        raise RegieFout(
            f"De deelnemersversie van {naam} bevat modelantwoorden of verborgen tests en is daarom verwijderd. "
            "Verstuur niets en pas het bronnotebook aan:\n" + "\n".join(f"  - {p}" for p in problemen)
        )


def maak(
    *, cohort: str | os.PathLike[str] | None = None, blok: Blok = None, bron: str | os.PathLike[str] | None = None
) -> int:
    """Maak de deelnemersversies van alle of één opdracht, en een zip per opdracht om te versturen.

    Resultaat: ``<cohort>/release/<blok>/`` en ``<cohort>/uitdelen/<blok>.zip``. Elke versie wordt
    na het maken gecontroleerd op lekken; een versie met een lek wordt verwijderd (``RegieFout``).
    """
    map_ = cursusmap(cohort, bron)
    namen = opdrachtnamen(map_, blok)
    api = maak_api(map_)
    zips = []
    for naam in voortgang(namen, "Deelnemersversies maken"):
        genereer(api, map_, naam)
        zips.append(zip_map(map_.release / naam, map_.uitdelen / f"{naam}.zip", naam))
    print(f"Deelnemersversies gemaakt in {map_.release} (gecontroleerd: geen modelantwoorden of verborgen tests).")
    for z in zips:
        print(f"  om te versturen: {z}")
    return 0


def zorg_voor_release(api: Any, map_: Cursusmap, naam: str) -> None:
    """Maak de deelnemersversie als die of de opdracht in het cijferboek nog ontbreekt."""
    from nbgrader.api import MissingEntry

    bekend = True
    with gradebook(map_) as gb:
        try:
            opdracht = gb.find_assignment(naam)
            bekend = bool(opdracht.notebooks)
        except MissingEntry:
            bekend = False
    if not bekend or not (map_.release / naam / f"{naam}.ipynb").is_file():
        genereer(api, map_, naam)
