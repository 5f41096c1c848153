"""Reflecties: een open antwoord dat de trainer met de rubric beoordeelt, met een woordenteller.

De teller is een richtlijn, geen eis: hij helpt een deelnemer zien of het antwoord de diepgang
heeft die de vraag vraagt. :class:`KeuzeMetMotivatie` (oefening 3b) voegt er een keuze uit de
situaties van de partnershiptypologie aan toe; namen en omschrijvingen komen uit
``model/typologie.yml``.

Antwoordbestand: ``{"tekst": str}`` voor een reflectie, ``{"situatie": int|None, "tekst": str}``
voor een keuze met motivatie.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import idioom, typologie
from samenwerkingscode.widgets._basis import OefeningWidget
from samenwerkingscode.widgets._opmaak import layout, maak

STANDAARDVRAAG_3B = (
    "Welke situatie uit de partnershiptypologie past het best bij de agrariërs en de terreinbeheerders in "
    "Springendal? Kies een situatie en leg uit waarom, met feiten uit de casus."
)


def tel_woorden(tekst: str) -> int:
    """Tel zoals 'Controleer mijn opdracht' telt (``nakijken.woorden``), zodat beide hetzelfde getal tonen."""
    return nakijken.woorden(tekst)


def tellertekst(aantal: int, min_woorden: int = 0) -> str:
    """'120 woorden; richtlijn: minstens 150' (zonder richtlijn alleen het aantal)."""
    tekst = f"{aantal} {'woord' if aantal == 1 else 'woorden'}"
    if min_woorden > 0:
        tekst += f"; richtlijn: minstens {min_woorden}"
        if aantal >= min_woorden:
            tekst += " (gehaald)"
    return tekst


def _antwoordveld(plaats: str) -> widgets.Textarea:
    return maak(
        widgets.Textarea,
        placeholder=f"{plaats} Alles wat je typt wordt meteen bewaard.",
        layout=layout(width="100%", height="12em"),
    )


def _vraag_html(vraag: str) -> widgets.HTML:
    alineas = [a.strip() for a in vraag.split("\n\n") if a.strip()]
    return maak(widgets.HTML, "".join(f"<p>{html.escape(a)}</p>" for a in alineas))


class ReflectieWidget(OefeningWidget):
    """Een open vraag met een tekstvak en een woordenteller; handmatig beoordeeld."""

    def __init__(self, opslag: Antwoorden | None, oefening: str, vraag: str, min_woorden: int = 0) -> None:
        self.vraag = vraag
        self.min_woorden = max(0, int(min_woorden))
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        self.tekst = _antwoordveld("Schrijf hier je antwoord.")
        self.teller = maak(widgets.HTML)
        self.vraagweergave = _vraag_html(self.vraag)
        self.tekst.observe(self._gewijzigd, names="value")
        self._tel()
        return maak(widgets.VBox, [self.vraagweergave, self.tekst, self.teller])

    def herstel(self, stand: dict[str, Any]) -> None:
        tekst = stand.get("tekst")
        self.tekst.value = tekst if isinstance(tekst, str) else ""
        self._tel()

    def _tel(self) -> None:
        self.teller.value = (
            f'<span style="color:#4a5a6a">{tellertekst(tel_woorden(self.tekst.value), self.min_woorden)}</span>'
        )

    def _gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        self._tel()
        self.bewaar(tekst=self.tekst.value)


class KeuzeMetMotivatie(OefeningWidget):
    """Kies een situatie uit de partnershiptypologie (1 t/m 8) en motiveer die keuze."""

    def __init__(
        self,
        opslag: Antwoorden | None,
        oefening: str = "3b",
        vraag: str = STANDAARDVRAAG_3B,
        min_woorden: int = 0,
    ) -> None:
        self.vraag = vraag
        self.min_woorden = max(0, int(min_woorden))
        super().__init__(opslag, oefening)

    def bouw(self) -> widgets.Widget:
        opties: list[tuple[str, int | None]] = [("— kies een situatie —", None)]
        opties += [(f"{s.nummer}. {s.naam}", s.nummer) for s in typologie.situaties()]
        hulp = idioom.term("Situatie").definitie if idioom.bestaat("Situatie") else ""
        self.situatie = maak(
            widgets.Dropdown,
            options=opties,
            value=None,
            description="Situatie:",
            tooltip=hulp,
            layout=layout(width="auto"),
        )
        self.uitleg = maak(widgets.HTML)
        self.tekst = _antwoordveld("Leg hier uit waarom deze situatie past.")
        self.teller = maak(widgets.HTML)
        self.situatie.observe(self._gewijzigd, names="value")
        self.tekst.observe(self._gewijzigd, names="value")
        self.vraagweergave = _vraag_html(self.vraag)
        self._werk_bij()
        return maak(widgets.VBox, [self.vraagweergave, self.situatie, self.uitleg, self.tekst, self.teller])

    def herstel(self, stand: dict[str, Any]) -> None:
        nummers = {waarde for _, waarde in self.situatie.options}
        situatie = stand.get("situatie")
        self.situatie.value = situatie if isinstance(situatie, int) and situatie in nummers else None
        tekst = stand.get("tekst")
        self.tekst.value = tekst if isinstance(tekst, str) else ""
        self._werk_bij()

    def _werk_bij(self) -> None:
        self.teller.value = (
            f'<span style="color:#4a5a6a">{tellertekst(tel_woorden(self.tekst.value), self.min_woorden)}</span>'
        )
        if self.situatie.value is None:
            self.uitleg.value = '<span style="color:#4a5a6a">Kies een situatie om te zien hoe je haar herkent.</span>'
            return
        s = typologie.situatie(self.situatie.value)
        punten = "".join(f"<li>{html.escape(h)}</li>" for h in s.herkennen)
        self.uitleg.value = (
            f"<div><b>Situatie {s.nummer}: {html.escape(s.naam)}</b> — {html.escape(s.doelrelatie)}"
            f'<div>Zo herken je haar:</div><ul style="margin:2px 0 0 1em;padding:0">{punten}</ul></div>'
        )

    def _gewijzigd(self, _wijziging: dict[str, Any]) -> None:
        self._werk_bij()
        self.bewaar(situatie=self.situatie.value, tekst=self.tekst.value)
