"""Het model van de Samenwerkingscode als YAML-bestanden.

Een trainer die het officiële materiaal van de Samenwerkingscode heeft, vervangt een
uitwerking door alleen een modelbestand te wijzigen. Dat kan op twee manieren: het bestand
in deze map aanpassen, of een eigen map aanwijzen met de omgevingsvariabele
``REGIE_MODEL_MAP``; bestanden die daar ontbreken komen dan uit deze map.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from samenwerkingscode.model import yamlbestand

T = TypeVar("T", bound=BaseModel)

MODEL_MAP = Path(__file__).resolve().parent
OMGEVINGSVARIABELE = "REGIE_MODEL_MAP"

_cache: dict[tuple[Path, int, str], BaseModel] = {}


def model_pad(naam: str) -> Path:
    """Het bestand voor modelonderdeel ``naam`` (bijv. 'typologie'), met voorrang voor een eigen map."""
    eigen = os.environ.get(OMGEVINGSVARIABELE)
    if eigen:
        kandidaat = Path(eigen) / f"{naam}.yml"
        if kandidaat.exists():
            return kandidaat
    return MODEL_MAP / f"{naam}.yml"


def laad(naam: str, schema: type[T]) -> T:
    """Lees en valideer een modelbestand; opnieuw gelezen zodra het bestand verandert."""
    pad = model_pad(naam)
    try:
        sleutel = (pad, pad.stat().st_mtime_ns, schema.__qualname__)
    except OSError:
        sleutel = (pad, -1, schema.__qualname__)
    if sleutel not in _cache:
        _cache[sleutel] = yamlbestand.laad(pad, schema, soort="modelbestand")
    return _cache[sleutel]  # type: ignore[return-value]
