"""De widgetweergaven in het cursusboek: dezelfde invulschermen als in het notebook, zonder opslag.

Het boek toont bij elke oefening hoe het invulscherm eruitziet, zodat een lezer weet wat hem in het
notebook wacht. Een hoofdstuk bevat daarvoor één verborgen cel ``boekweergave("1a")``; jupyter-book
voert die uit en bewaart de stand van de widgets in de pagina, zodat ze ook zonder kernel (en
zonder internet) zichtbaar zijn.

Drie dingen zijn hier bewust anders dan in het notebook:

- ``opslag=None``: de weergave schrijft niets, ook geen antwoordbestand naast het hoofdstuk;
- geen vingerafdrukken of modelantwoorden: de zelfcontrole van 2a en 4a staat alleen in het
  notebook, zodat de HTML van het boek geen hint naar het juiste antwoord bevat;
- geen eigen casussen: de lijst met eigen casussen van een deelnemer wordt nooit gelezen; de
  weergave wijst naar een lege map, zodat geen bestandsnaam van een deelnemer in het boek belandt.

Welk invulscherm bij een onderdeel hoort, bouwt ``widgets/opdracht.py`` uit ``model/opdrachten.yml``:
dezelfde bron en dezelfde code als het notebook en de beoordeling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ipywidgets


def boekweergave(oefening_id: str) -> ipywidgets.Widget:
    """De invulschermen van een oefening zoals het boek ze toont: leeg of vanuit de casus, zonder opslag.

    Geeft één widget terug (bij meer onderdelen een VBox met de onderdelen onder elkaar), zodat de
    cel in het boek als laatste expressie precies één weergave toont.
    """
    import ipywidgets as widgets

    from samenwerkingscode.model import opdrachten
    from samenwerkingscode.widgets.opdracht import maak_widget

    blok, oefening = opdrachten.oefening(oefening_id)
    weergaven = [maak_widget(blok.notebook, o.sleutel, None).widget for o in oefening.onderdelen]
    if len(weergaven) == 1:
        houder = weergaven[0]
    else:
        houder = widgets.VBox(weergaven)
        houder.add_class("regie-oefening")
        houder.add_class("regie-boekweergave")
    # Eén oefening is in het boek één weergave, ook als ze uit onderdelen bestaat (4b: scores en
    # interpretatie; 4c: een voorstel toetsen en schakelen). Alleen de buitenste doos draagt daarom
    # de klasse van een oefening; de onderdelen erin heten 'regie-onderdeel'.
    for binnen in _nakomelingen(houder):
        if "regie-oefening" in binnen._dom_classes:
            binnen.remove_class("regie-oefening")
            binnen.add_class("regie-onderdeel")
    return houder


def _nakomelingen(widget: ipywidgets.Widget) -> list[ipywidgets.Widget]:
    """Alle widgets binnen een doos (niet de doos zelf), diepte eerst."""
    gevonden: list[ipywidgets.Widget] = []
    for kind in getattr(widget, "children", ()):
        gevonden += [kind, *_nakomelingen(kind)]
    return gevonden
