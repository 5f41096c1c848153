"""Delen in de groep: per casus kiest de deelnemer of de casus gedeeld mag worden, anoniem of met naam.

Waarom een eigen invulscherm: de keuze staat in het antwoordbestand van ``eigen-casus`` en reist dus
met de inlevering mee naar de trainer; ``regie cursus uitwisselen`` en ``regie cursus casusboek`` lezen
haar daar (:func:`samenwerkingscode.cursus.uitwisselen.deelkeuze`). Zolang de deelnemer niets kiest, wordt de
casus niet gedeeld; kiest hij delen, dan anoniem tenzij hij zijn naam erbij zet.

Antwoordbestand: ``{"delen": bool, "met_naam": bool}``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.widgets._basis import OefeningWidget
from samenwerkingscode.widgets._opmaak import layout, maak

NIET, ANONIEM, MET_NAAM = "niet", "anoniem", "met_naam"
KEUZES = (
    ("Nee, mijn casus blijft bij mij en de trainer", NIET),
    ("Ja, anoniem (zonder mijn naam)", ANONIEM),
    ("Ja, met mijn naam", MET_NAAM),
)


def als_keuze(stand: dict[str, Any]) -> str:
    """De keuze uit het antwoordbestand; alles wat niet precies 'delen: true' is, betekent niet delen."""
    if stand.get("delen") is not True:
        return NIET
    return MET_NAAM if stand.get("met_naam") is True else ANONIEM


class DelenWidget(OefeningWidget):
    """Kies of je casus in de groep gedeeld wordt, en of je naam erbij staat."""

    titel = "Je casus delen in de groep"

    def __init__(self, opslag: Antwoorden | None, oefening: str = "delen", vraag: str | None = None) -> None:
        self.vraag = vraag or "Mogen andere deelnemers je casus lezen en bespreken?"
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        self.keuze = maak(
            widgets.RadioButtons, options=list(KEUZES), value=NIET, layout=layout(width="auto"), description=""
        )
        self.keuze.observe(self._gewijzigd, names="value")
        uitleg = maak(
            widgets.HTML,
            f"<p>{self.vraag} Deel je, dan lezen twee andere deelnemers je casus en geven ze je vragen en een "
            "tip; je casus kan ook in het casusboek van de groep komen. Deel je niet, dan ziet alleen de "
            "trainer je casus. Je kunt je keuze veranderen tot de trainer de casussen uitwisselt.</p>",
        )
        return maak(widgets.VBox, [uitleg, self.keuze])

    def herstel(self, stand: dict[str, Any]) -> None:
        self.keuze.value = als_keuze(stand)

    def _gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        self.bewaar(delen=self.keuze.value != NIET, met_naam=self.keuze.value == MET_NAAM)
