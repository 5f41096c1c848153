"""Gedeelde opmaak: één Layout- of Style-widget per unieke opmaak, niet één per element.

Waarom: ipywidgets geeft elk element een eigen ``Layout`` en (bij de meeste soorten) een eigen
``Style``. Dat zijn elk aparte modellen die de kernel bij Run All één voor één naar de browser
stuurt: in blok 4 ruim 300 van de ruim 800 widgets, zonder dat er één van afwijkt. Gemeten kost elk
widgetmodel bij het openen zo'n 0,3 ms (kernel en browser samen).

Gedeelde opmaak is bevroren: wie een element later verbergt of anders toont (``layout.display``),
geeft dat element een eigen ``widgets.Layout`` mee. Wie het toch op een gedeelde opmaak probeert,
krijgt meteen een fout, in plaats van dat honderd andere elementen stil mee veranderen.
"""

from __future__ import annotations

from typing import Any, TypeVar

import ipywidgets as widgets

W = TypeVar("W", bound=widgets.Widget)


class _Bevroren:
    """Mengklasse: na het aanmaken mag geen gesynchroniseerde eigenschap meer veranderen."""

    _klaar = False

    def __init__(self, **waarden: Any) -> None:
        super().__init__(**waarden)
        object.__setattr__(self, "_klaar", True)

    def __setattr__(self, naam: str, waarde: Any) -> None:
        if self._klaar and naam in getattr(self, "keys", ()):
            raise AttributeError(
                f"Deze opmaak wordt door meerdere elementen gedeeld; '{naam}' wijzigen zou ze allemaal "
                "veranderen. Geef het element een eigen widgets.Layout (of stijl) mee."
            )
        super().__setattr__(naam, waarde)


_KLASSEN: dict[type, type] = {}
_GEDEELD: dict[tuple[type, tuple[tuple[str, Any], ...]], widgets.Widget] = {}


def _bevroren_klasse(klasse: type[W]) -> type[W]:
    if klasse not in _KLASSEN:
        _KLASSEN[klasse] = type(f"Gedeeld{klasse.__name__}", (_Bevroren, klasse), {"__module__": __name__})
    return _KLASSEN[klasse]


def gedeeld(klasse: type[W], **waarden: Any) -> W:
    """De gedeelde, bevroren opmaakwidget van deze soort met deze waarden (één per kernel).

    Een gesloten widget (``Widget.close_all()``, bijvoorbeeld in tests) wordt vervangen door een nieuwe.
    """
    sleutel = (klasse, tuple(sorted(waarden.items())))
    widget = _GEDEELD.get(sleutel)
    if widget is None or widget.comm is None:
        widget = _GEDEELD[sleutel] = _bevroren_klasse(klasse)(**waarden)
    return widget  # type: ignore[return-value]


def layout(**waarden: Any) -> widgets.Layout:
    """Een gedeelde, bevroren ``Layout`` met deze waarden, bijvoorbeeld ``layout(width="100%")``."""
    return gedeeld(widgets.Layout, **waarden)


def maak(klasse: type[W], *args: Any, **kwargs: Any) -> W:
    """Maak een widget met gedeelde opmaak waar de aanroeper geen eigen opmaak meegeeft.

    ``style`` mag een dict zijn (``style={"description_width": "initial"}``): ook die stijl wordt gedeeld.
    """
    eigenschappen = klasse.class_traits()
    if "layout" in eigenschappen and kwargs.get("layout") is None:
        kwargs["layout"] = layout()
    stijl = eigenschappen.get("style")
    if stijl is not None and (kwargs.get("style") is None or isinstance(kwargs["style"], dict)):
        kwargs["style"] = gedeeld(stijl.klass, **(kwargs.get("style") or {}))
    return klasse(*args, **kwargs)
