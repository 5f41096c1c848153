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

Welke onderdelen bij een oefening horen (relaties, opgaven, momenten, voorstellen) komt uit
``model/opdrachten.yml``, dezelfde bron als het notebook en de beoordeling.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from samenwerkingscode.yamlbestand import RegieFout

if TYPE_CHECKING:
    import ipywidgets

    from samenwerkingscode.nakijken import Onderdeel
    from samenwerkingscode.widgets._basis import OefeningWidget

#: Oefeningen waarvan het canvas in het boek start vanuit de feiten van de casus Springendal (zoals
#: de opdracht vraagt). Bij 5a gaat het om de eigen casus van de deelnemer: daar blijft het canvas leeg.
START_UIT_CASUS = frozenset({"1a"})

# Een map die nooit bestaat: de canvasweergave zoekt daar eigen casussen en vindt er dus geen.
_GEEN_EIGEN_CASUSSEN = Path(tempfile.gettempdir()) / "regie-boek-geen-eigen-casussen" / "bestaat-niet"


def _vraag(onderdeel: Onderdeel) -> str:
    """De vraag boven een tekstvak: de opdracht zelf staat in de boektekst net boven de weergave."""
    tekst = f"Oefening {onderdeel.id} – {onderdeel.titel}. Schrijf hier je antwoord op de opdracht hierboven."
    if onderdeel.woorden:
        laag, hoog = onderdeel.woorden
        tekst += f" Richtlijn: {laag} tot {hoog} woorden."
    return tekst


def _weergave(blok: str, onderdeel: Onderdeel) -> OefeningWidget:
    """Bouw de widget van één onderdeel in boekstand (geen opslag, geen zelfcontrole)."""
    from samenwerkingscode import nakijken

    minimum = onderdeel.woorden[0] if onderdeel.woorden else 0
    if onderdeel.soort == "canvas":
        from samenwerkingscode.widgets.canvas import CASUS, CanvasWidget

        casus = nakijken.oefencasus(blok, onderdeel.oefening) if onderdeel.id in START_UIT_CASUS else None
        weergave = CanvasWidget(None, onderdeel.oefening, casus=casus, eigen_map=_GEEN_EIGEN_CASUSSEN)
        if casus is not None:
            weergave.start.value = CASUS  # vult de velden uit de casus, zoals een deelnemer met één klik doet
        return weergave
    if onderdeel.soort == "reflectie":
        from samenwerkingscode.widgets.reflectie import ReflectieWidget

        return ReflectieWidget(None, onderdeel.oefening, vraag=_vraag(onderdeel), min_woorden=minimum)
    if onderdeel.soort == "situatie":
        from samenwerkingscode.widgets.reflectie import KeuzeMetMotivatie

        return KeuzeMetMotivatie(None, onderdeel.oefening, min_woorden=minimum)
    if onderdeel.soort == "vormen":
        from samenwerkingscode.widgets.vormen import VormenWidget

        return VormenWidget(
            None,
            onderdeel.oefening,
            casus=nakijken.oefencasus(blok, onderdeel.oefening),
            relaties=[r.id for r in onderdeel.relaties],
        )
    if onderdeel.soort == "beslisboom":
        from samenwerkingscode.widgets.beslisboom import BeslisboomWidget

        return BeslisboomWidget(None, onderdeel.oefening, opgaven={o.id: o.naam for o in onderdeel.opgaven})
    if onderdeel.soort == "voorstellen":
        from samenwerkingscode.widgets.schakelbak import VoorstellenWidget

        return VoorstellenWidget(None, onderdeel.oefening, voorstellen=[v.id for v in onderdeel.voorstellen])
    if onderdeel.soort == "toets":
        from samenwerkingscode.widgets.toets import ToetsWidget

        return ToetsWidget(
            None,
            onderdeel.oefening,
            momenten=[m.id for m in onderdeel.momenten],
            toelichting={m.id: m.naam for m in onderdeel.momenten},
        )
    if onderdeel.soort == "schakelen":
        from samenwerkingscode.widgets.schakelbak import SchakelbakWidget

        return SchakelbakWidget(None, onderdeel.oefening)
    raise RegieFout(f"Het boek kent geen weergave voor onderdelen van de soort '{onderdeel.soort}'.")


def onderdelen_van(oefening_id: str) -> tuple[str, list[Onderdeel]]:
    """Het blok en de onderdelen van een oefening (4b heeft er twee: de scores en de interpretatie)."""
    from samenwerkingscode import nakijken

    bekend: list[str] = []
    for blok, inhoud in nakijken.laad_opdrachten().blokken.items():
        gevonden = [o for o in inhoud.onderdelen if o.id == oefening_id]
        if gevonden:
            return blok, gevonden
        bekend += [o.id for o in inhoud.onderdelen if o.id not in bekend]
    raise RegieFout(f"Oefening '{oefening_id}' bestaat niet in model/opdrachten.yml; bekend zijn: {', '.join(bekend)}.")


def boekweergave(oefening_id: str) -> ipywidgets.Widget:
    """De invulschermen van een oefening zoals het boek ze toont: leeg of vanuit de casus, zonder opslag.

    Geeft één widget terug (bij meer onderdelen een VBox met de onderdelen onder elkaar), zodat de
    cel in het boek als laatste expressie precies één weergave toont.
    """
    import ipywidgets as widgets

    blok, onderdelen = onderdelen_van(oefening_id)
    weergaven = [_weergave(blok, o).widget for o in onderdelen]
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
