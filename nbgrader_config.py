"""nbgrader-instellingen van de cursuskit (voor de formgrader in JupyterLab en de nbgrader-opdrachten).

Alle instellingen komen uit één functie, ``samenwerkingscode.cursus.cursusmap.nbgrader_config``, zodat
``regie cursus``, de tests en de formgrader hetzelfde doen: de bron is ``notebooks/``, alle
gegevens van de cursusgroep staan in ``cohort/`` (of in de map uit de omgevingsvariabele
``REGIE_COHORT``), Nederlandse stubs, een tijdslimiet per cel en feedback zonder verborgen tests.
Start JupyterLab voor het beoordelen in deze map: ``regie lab --trainer``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from samenwerkingscode.cursus.cursusmap import nbgrader_config

c = get_config()  # noqa: F821  (nbgrader levert get_config bij het inlezen)

# Instellingen van de kit (zie `regie instellingen` en de trainershandleiding, pagina Instellingen), bijvoorbeeld:
# c.Regie.cohort = "/home/trainer/groepen/voorjaar-2027"
# c.Regie.casus = "tongelreep"
# c.Regie.tijdslimiet = 60

c.merge(nbgrader_config(config=c))
