"""Nakijken: de checks die nbgrader-testcellen en "Controleer mijn opdracht" aanroepen.

Deze laag rekent alleen: ze leest het antwoordbestand en het model, en bouwt geen widgets (de knop
"Controleer mijn opdracht" staat in ``widgets/controle.py``). Modules:

- :mod:`.zelfcontrole` vingerafdrukken voor een zelfcontrole zonder het antwoord te verklappen;
- :mod:`.lezen` het antwoordbestand veilig lezen;
- :mod:`.scores` de beoordeelde checks met deelpunten, en :func:`beoordeel` als ingang per onderdeel;
- :mod:`.controle` wat nog leeg is, en wat de trainer van een antwoord ziet.
"""

from samenwerkingscode.nakijken.controle import (
    Rapport,
    Status,
    antwoord_tekst,
    controleer_opdracht,
    status_tekst,
    toon_antwoord,
    toon_status,
    woordhint,
)
from samenwerkingscode.nakijken.lezen import Opslag
from samenwerkingscode.nakijken.scores import (
    NAKIJKFOUT,
    beoordeel,
    beslisboom_score,
    beslisboom_uitkomst,
    canvas_volledig,
    toets_volledig,
    voorstellen_score,
    vormen_score,
    woorden,
)
from samenwerkingscode.nakijken.zelfcontrole import ZOUT, klopt, vingerafdruk

__all__ = [
    "NAKIJKFOUT",
    "ZOUT",
    "Opslag",
    "Rapport",
    "Status",
    "antwoord_tekst",
    "beoordeel",
    "beslisboom_score",
    "beslisboom_uitkomst",
    "canvas_volledig",
    "controleer_opdracht",
    "klopt",
    "status_tekst",
    "toets_volledig",
    "toon_antwoord",
    "toon_status",
    "vingerafdruk",
    "voorstellen_score",
    "vormen_score",
    "woorden",
    "woordhint",
]
