"""De Samenwerkingscode als data plus kleine, pure functies.

Het importeren van dit pakket blijft licht (geen matplotlib, pandas of nbgrader), zodat
notebooks en de opdrachtregel snel starten; zware onderdelen importeren hun bibliotheken pas
wanneer ze gebruikt worden.
"""

__version__ = "0.1.0"
