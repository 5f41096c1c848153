"""De stap "Controleer mijn opdracht": een knop met het rapport van ``nakijken.controleer_opdracht`` eronder.

In JupyterLab ververst een klik het rapport (de deelnemer vult intussen widgets in). Waar geen widgets
draaien (de feedback-HTML van nbgrader, formgrader, een tekstweergave) staat het rapport als HTML en
tekst in dezelfde uitvoer.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from samenwerkingscode.nakijken import Opslag, Rapport, controleer_opdracht
from samenwerkingscode.widgets._basis import brede_knop
from samenwerkingscode.widgets._opmaak import maak


class ControleerKnop:
    """Knop plus rapport; het rapport zegt wat nog leeg is, nooit of iets goed is."""

    def __init__(self, blok: str, opslag: Opslag) -> None:
        self.blok = blok
        self.opslag = opslag
        self.uitvoer = maak(widgets.HTML)
        self.knop = maak(
            widgets.Button,
            description="Controleer mijn opdracht",
            icon="check",
            button_style="primary",
            layout=brede_knop(),
        )
        self.knop.on_click(self.ververs)
        self.widget = maak(widgets.VBox, [self.knop, self.uitvoer])
        self.rapport = self.ververs()

    def ververs(self, _knop: Any = None) -> Rapport:
        """Lees het antwoordbestand opnieuw en toon het rapport."""
        self.rapport = controleer_opdracht(self.blok, self.opslag)
        self.uitvoer.value = self.rapport._repr_html_()
        return self.rapport

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = self.rapport.tekst()
        bundel["text/html"] = self.rapport._repr_html_()
        return bundel
