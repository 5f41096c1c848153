"""Oefenweergaven (ipywidgets) over het model van de Samenwerkingscode.

Elke weergave bewaart wat een deelnemer invult meteen in het antwoordbestand naast het
notebook, en herstelt zich daaruit als de cel opnieuw wordt uitgevoerd.

De namen hieronder worden pas bij het eerste gebruik geïmporteerd (PEP 562), zodat
``import samenwerkingscode.widgets`` licht blijft en een notebook alleen laadt wat het gebruikt.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samenwerkingscode.widgets.beslisboom import BeslisboomWidget
    from samenwerkingscode.widgets.boek import boekweergave
    from samenwerkingscode.widgets.canvas import CanvasWidget
    from samenwerkingscode.widgets.reflectie import KeuzeMetMotivatie, ReflectieWidget
    from samenwerkingscode.widgets.schakelbak import DealWidget, SchakelbakWidget, VoorstellenWidget
    from samenwerkingscode.widgets.toets import ToetsWidget
    from samenwerkingscode.widgets.vormen import VormenWidget

_WAAR: dict[str, str] = {
    "CanvasWidget": "samenwerkingscode.widgets.canvas",
    "VormenWidget": "samenwerkingscode.widgets.vormen",
    "ReflectieWidget": "samenwerkingscode.widgets.reflectie",
    "KeuzeMetMotivatie": "samenwerkingscode.widgets.reflectie",
    "BeslisboomWidget": "samenwerkingscode.widgets.beslisboom",
    "ToetsWidget": "samenwerkingscode.widgets.toets",
    "VoorstellenWidget": "samenwerkingscode.widgets.schakelbak",
    "SchakelbakWidget": "samenwerkingscode.widgets.schakelbak",
    "DealWidget": "samenwerkingscode.widgets.schakelbak",
    "boekweergave": "samenwerkingscode.widgets.boek",
}

__all__ = [
    "BeslisboomWidget",
    "CanvasWidget",
    "DealWidget",
    "KeuzeMetMotivatie",
    "ReflectieWidget",
    "SchakelbakWidget",
    "ToetsWidget",
    "VoorstellenWidget",
    "VormenWidget",
    "boekweergave",
]


def __getattr__(naam: str) -> Any:
    """Importeer de module van een weergave pas als die gevraagd wordt."""
    if naam in _WAAR:
        waarde = getattr(importlib.import_module(_WAAR[naam]), naam)
        globals()[naam] = waarde
        return waarde
    raise AttributeError(f"module 'samenwerkingscode.widgets' heeft geen '{naam}'")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WAAR])
