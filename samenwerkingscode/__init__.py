"""De Samenwerkingscode als data plus kleine, pure functies.

Het importeren van dit pakket blijft licht (geen matplotlib, pandas of nbgrader), zodat
notebooks en de opdrachtregel snel starten; zware onderdelen importeren hun bibliotheken pas
wanneer ze gebruikt worden.
"""

__version__ = "0.1.0"

BEOORDEELMODUS = "REGIE_BEOORDELEN"
"""Omgevingsvariabele die ``regie cursus beoordeel`` zet: de kernels van nbgrader bouwen dan geen
widgets en tekenen geen figuren, want bij het automatisch beoordelen kijkt niemand; de testcellen
lezen het antwoordbestand."""


NIET_OPGEBOUWD = (
    "<em>Invulscherm van oefening {oefening}: bij het beoordelen niet opgebouwd; "
    "de beoordeling leest het antwoordbestand.</em>"
)
"""Wat bij het beoordelen op de plek van een invulscherm staat (``{oefening}``: de sleutel, HTML-veilig)."""


def beoordeelmodus() -> bool:
    """Waar tijdens het automatisch beoordelen."""
    import os

    return os.environ.get(BEOORDEELMODUS, "") == "1"
