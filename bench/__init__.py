"""Prestatiemetingen van de cursuskit: ``make bench`` (of ``python -m bench``) drukt een tabel af.

Elke meting staat in een eigen module met een functie ``meet(instellingen) -> list[Meting]``:

- ``import``: ``import samenwerkingscode`` tegen ``import ipywidgets`` in een verse interpreter;
- ``notebooks``: elk cursusnotebook headless uitvoeren tegen een leeg notebook (de kernelstart);
- ``beoordelen``: een groep van 30 deelnemers automatisch beoordelen tegen een minimaal nbgrader-notebook;
- ``widget``: van een wijziging in een widget tot het antwoord op schijf, tegen een kale atomische schrijf;
- ``poster``: ``regie canvas`` naar een A3-pdf, na de start van de interpreter;
- ``boek``: het boek opnieuw bouwen na één gewijzigde pagina, en een schone bouw.
- ``lab``: de eerste start van ``regie lab`` tegen een kale ``jupyter lab``;
- ``hub``: N deelnemers tegelijk op de hub van ``make hub`` tegen één deelnemer alleen (alleen als root).

Het zijn metingen, geen tests: een gemist doel staat in de tabel, de exitcode blijft 0. Alleen een
meting die niet kan worden uitgevoerd, geeft een exitcode die niet 0 is.
"""

from __future__ import annotations

#: De metingen in de volgorde van de tabel: naam voor ``--alleen`` → module in dit pakket.
FIGUREN: dict[str, str] = {
    "import": "bench.importtijd",
    "notebooks": "bench.notebooks",
    "beoordelen": "bench.beoordelen",
    "widget": "bench.widget",
    "poster": "bench.poster",
    "boek": "bench.boek",
    "lab": "bench.lab",
    "hub": "bench.hub",
}
