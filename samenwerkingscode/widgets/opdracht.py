"""Het invulscherm van een onderdeel, afgeleid uit ``model/opdrachten.yml``: één plek voor notebook en boek.

Een notebookcel is één regel (``opdracht.toon("2a")``); welke widget, met welke vraag, woordrichtlijn,
relaties, opgaven of momenten, komt uit de opdrachtdata en het oefeningenbestand van de gekozen casus.
Het boek bouwt met :func:`maak_widget` (``opslag=None``) precies hetzelfde scherm, zonder op te slaan.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerkingscode import NIET_OPGEBOUWD, beoordeelmodus
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import opdrachten
from samenwerkingscode.model.yamlbestand import RegieFout

if TYPE_CHECKING:
    from samenwerkingscode.widgets._basis import OefeningWidget

# ipywidgets en de weergaven worden pas geïmporteerd als er een invulscherm gebouwd wordt: bij het
# beoordelen (nbgrader) gebeurt dat nooit, en dan scheelt dat per inlevering het laden in de kernel.

# Het boek toont nooit eigen casussen: de weergave zoekt in een map die niet bestaat.
_GEEN_EIGEN_CASUSSEN = Path(tempfile.gettempdir()) / "regie-boek-geen-eigen-casussen" / "bestaat-niet"

_stand: dict[str, Any] = {}


def begin(notebook: str, *, casus: str = opdrachten.STANDAARD_CASUS) -> Antwoorden:
    """De opzetcel van een bloknotebook: kies de casus, open het antwoordbestand en toon eventuele meldingen."""
    opdrachten.kies_casus(casus)
    opslag = Antwoorden(notebook)
    _stand.update(notebook=notebook, opslag=opslag)
    _stand.pop("eerste", None)
    opslag.toon_waarschuwingen()
    return opslag


def _huidig() -> tuple[str, Antwoorden]:
    if "opslag" not in _stand:
        raise RegieFout("Voer eerst de opzetcel bovenaan het notebook uit (menu Run → Run All Cells).")
    return _stand["notebook"], _stand["opslag"]


def toon(sleutel: str) -> Any:
    """Het invulscherm van één onderdeel van het notebook dat met :func:`begin` geopend is.

    Bij het beoordelen alleen een regel tekst: niemand kijkt, en de testcellen lezen het antwoordbestand.
    """
    notebook, opslag = _huidig()
    if beoordeelmodus():
        import html

        from IPython.display import HTML

        opdrachten.onderdeel(notebook, sleutel)  # een onbekende sleutel blijft ook dan een fout
        return HTML(NIET_OPGEBOUWD.format(oefening=html.escape(sleutel)))
    scherm = maak_widget(notebook, sleutel, opslag)
    _stand.setdefault("eerste", scherm)
    return scherm


def controleer() -> None:
    """De knop "Controleer mijn opdracht" voor de laatste cel van het notebook.

    Na Run All staat JupyterLab onderaan het notebook; daarom gaat de focus hier terug naar het eerste
    invulveld, zodat de deelnemer bij de eerste oefening begint (en met het toetsenbord meteen kan
    typen). Alleen als de invulschermen sinds de vorige keer opnieuw gebouwd zijn: wie alleen deze
    cel opnieuw uitvoert, blijft waar hij is.
    """
    from IPython.display import display

    notebook, opslag = _huidig()
    if beoordeelmodus():
        return  # bij het beoordelen drukt niemand op de knop
    from samenwerkingscode.widgets.controle import ControleerKnop

    display(ControleerKnop(notebook, opslag))
    eerste = _stand.pop("eerste", None)
    invoer = eerste_invoer(getattr(eerste, "widget", None))
    if invoer is not None:
        invoer.focus()


def eerste_invoer(widget: Any) -> Any:
    """Het eerste veld in een invulscherm dat de focus kan krijgen: een tekstvak, keuzelijst of knop."""
    import ipywidgets as widgets

    if widget is None or getattr(getattr(widget, "layout", None), "display", None) == "none":
        return None
    if isinstance(widget, widgets.Text | widgets.Textarea | widgets.Dropdown | widgets.Button):
        return None if widget.disabled else widget
    for kind in getattr(widget, "children", ()):
        gevonden = eerste_invoer(kind)
        if gevonden is not None:
            return gevonden
    return None


def _live(maak_tekst: Callable[[], str], sleutel: str) -> Any:
    """Tekst bij het beoordelen (geen widgets), anders een regel die meebeweegt met elke opslag."""
    _notebook, opslag = _huidig()
    if beoordeelmodus():
        print(maak_tekst(), flush=True)
        return None
    from samenwerkingscode.widgets._basis import live_status

    return live_status(maak_tekst, opslag.pad, sleutel)


def status(sleutel: str) -> Any:
    """Het zichtbare deel van een testcel: of er een antwoord is, ververst bij elke wijziging (nooit punten)."""
    from samenwerkingscode.nakijken import status_tekst

    notebook, opslag = _huidig()
    return _live(lambda: status_tekst(notebook, sleutel, opslag=opslag), sleutel)


def antwoord(sleutel: str) -> Any:
    """Het antwoord zoals de trainer het leest, ververst bij elke wijziging."""
    from samenwerkingscode.nakijken import antwoord_tekst

    notebook, opslag = _huidig()
    return _live(lambda: antwoord_tekst(notebook, sleutel, opslag=opslag), sleutel)


def vraag(notebook: str, o: opdrachten.Onderdeel) -> str:
    """De vraag boven een tekstvak, met de woordrichtlijn; de woorden van de casus ingevuld."""
    tekst = opdrachten.vul_in(o.vraag, _casusoefeningen()) if o.vraag else opdrachten.titel(notebook, o)
    if o.woorden:
        tekst += f" Richtlijn: {o.woorden[0]} tot {o.woorden[1]} woorden."
    return tekst


def _casusoefeningen() -> opdrachten.CasusOefeningen:
    return opdrachten.laad_casusoefeningen(opdrachten.actieve_casus())


def _keuzes(notebook: str, o: opdrachten.Onderdeel) -> list[opdrachten.Keuze]:
    if o.casusdeel is None:
        return [opdrachten.Keuze(**m) for m in o.widget.get("momenten", [])]
    oef = opdrachten.oefening_van(notebook, o.sleutel)
    return _casusoefeningen().keuzes(oef.id, o.casusdeel)


def _canvas(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.canvas import CASUS, CanvasWidget

    uit_casus = bool(o.widget.get("start_uit_casus"))
    casus = None
    if uit_casus:
        oef = opdrachten.oefening_van(notebook, o.sleutel)
        casus = opdrachten.oefencasus(opdrachten.actieve_casus(), oef.id)
    extra = {"eigen_map": _GEEN_EIGEN_CASUSSEN} if opslag is None else {}
    weergave = CanvasWidget(opslag, o.sleutel, casus=casus, **extra)
    if opslag is None and casus is not None:
        weergave.start.value = CASUS  # het boek toont het canvas zoals een deelnemer het met één klik start
    return weergave


def _reflectie(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.reflectie import ReflectieWidget

    return ReflectieWidget(opslag, o.sleutel, vraag=vraag(notebook, o), min_woorden=o.woorden[0] if o.woorden else 0)


def _situatie(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.reflectie import KeuzeMetMotivatie

    return KeuzeMetMotivatie(opslag, o.sleutel, vraag=vraag(notebook, o), min_woorden=o.woorden[0] if o.woorden else 0)


def _eigen(opslag: Antwoorden | None) -> tuple[Path | None, str | None]:
    """De gekozen eigen casus (notebook), of een uitleg waarom er (nog) geen is; het boek toont nooit een eigen casus."""
    if opslag is None:
        return None, "In het notebook werk je hier met je eigen casus (het boek toont geen eigen casussen)."
    from samenwerkingscode.eigen_casus import zoek_eigen_casus

    return zoek_eigen_casus()


def _melding_html(tekst: str) -> str:
    """Een melding als alinea; lange paden (zoals de map van de eigen casus) breken af op een smal scherm."""
    import html

    return f"<p lang='nl' role='status' style='overflow-wrap:anywhere'>{html.escape(tekst)}</p>"


class Melding:
    """Alleen een Nederlandse melding, waar een invulscherm (nog) niet kan: bijvoorbeeld zonder eigen casus."""

    def __init__(self, tekst: str) -> None:
        import ipywidgets as widgets

        from samenwerkingscode.widgets._opmaak import maak

        self.widget = maak(widgets.VBox, [maak(widgets.HTML, _melding_html(tekst))])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def _vormen(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.vormen import VormenWidget

    if o.widget.get("eigen_casus"):
        pad, uitleg = _eigen(opslag)
        return VormenWidget(opslag, o.sleutel, casus=pad) if pad is not None else Melding(uitleg or "")  # type: ignore[return-value]

    oef = opdrachten.oefening_van(notebook, o.sleutel)
    return VormenWidget(
        opslag,
        o.sleutel,
        casus=opdrachten.oefencasus(opdrachten.actieve_casus(), oef.id),
        relaties=[k.id for k in _keuzes(notebook, o)],
    )


def _beslisboom(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.beslisboom import BeslisboomWidget

    if o.widget.get("eigen_casus"):
        pad, uitleg = _eigen(opslag)
        if pad is None:
            return Melding(uitleg or "")  # type: ignore[return-value]
        from samenwerkingscode.eigen_casus import laad_eigen_casus

        omschrijving = " ".join((laad_eigen_casus(pad).opgave.omschrijving or "").split())
        naam = f"De opgave van je eigen casus: {omschrijving[:120]}" if omschrijving else "De opgave van je eigen casus"
        return BeslisboomWidget(opslag, o.sleutel, opgaven={"eigen": naam})

    return BeslisboomWidget(opslag, o.sleutel, opgaven={k.id: k.naam for k in _keuzes(notebook, o)})


def _voorstellen(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.schakelbak import VoorstellenWidget

    oef = opdrachten.oefening_van(notebook, o.sleutel)
    return VoorstellenWidget(opslag, o.sleutel, voorstellen=_casusoefeningen().voorstellen(oef.id))


def _toets(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.toets import ToetsWidget

    keuzes = _keuzes(notebook, o)
    return ToetsWidget(opslag, o.sleutel, momenten=[k.id for k in keuzes], toelichting={k.id: k.naam for k in keuzes})


def _schakelen(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.schakelbak import SchakelbakWidget

    if o.widget.get("eigen_casus") and opslag is not None:
        from samenwerkingscode.eigen_casus import zoek_eigen_casus

        # Dezelfde eigen casus als in alle andere widgets; bij geen of meer dan één zegt de kit wat te doen.
        pad, uitleg = zoek_eigen_casus()
        scherm = SchakelbakWidget(opslag, o.sleutel, casus=pad, met_voorstel=pad is not None)
        return scherm if uitleg is None else MetMelding(scherm, uitleg)
    from samenwerkingscode.model.casus import kit_casus

    return SchakelbakWidget(opslag, o.sleutel, casus=kit_casus(opdrachten.actieve_casus()))


def _delen(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.delen import DelenWidget

    return DelenWidget(opslag, o.sleutel, vraag=o.vraag)


def _samen(notebook: str, o: opdrachten.Onderdeel, opslag: Antwoorden | None) -> OefeningWidget:
    from samenwerkingscode.widgets.samen import SamenWidget

    return SamenWidget(opslag, o.sleutel, notebook=notebook, vergelijk=str(o.widget.get("vergelijk", "2a")))


WIDGETS: dict[str, Callable[[str, opdrachten.Onderdeel, Antwoorden | None], OefeningWidget]] = {
    "canvas": _canvas,
    "reflectie": _reflectie,
    "situatie": _situatie,
    "vormen": _vormen,
    "beslisboom": _beslisboom,
    "voorstellen": _voorstellen,
    "toets": _toets,
    "schakelen": _schakelen,
    "delen": _delen,
    "samen": _samen,
}
"""Welk invulscherm bij welke soort onderdeel hoort: de enige plek waar soort en widget elkaar kennen."""


class MetMelding:
    """Een invulscherm met een Nederlandse melding erboven (bijvoorbeeld: kies eerst je eigen casus)."""

    def __init__(self, scherm: OefeningWidget, melding: str) -> None:
        import ipywidgets as widgets

        from samenwerkingscode.widgets._opmaak import maak

        self.scherm = scherm
        self.melding = maak(widgets.HTML, _melding_html(melding))
        self.widget = maak(widgets.VBox, [self.melding, scherm.widget])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


class MetUitwerking:
    """Een oefenonderdeel: het invulscherm met daaronder "Toon uitwerking"; de uitwerking verschijnt pas na een klik."""

    def __init__(self, scherm: OefeningWidget, uitwerking: str) -> None:
        import html

        import ipywidgets as widgets

        from samenwerkingscode.widgets._opmaak import maak

        self.scherm = scherm
        self._uitwerking = f"<div lang='nl'><strong>Uitwerking.</strong> {html.escape(uitwerking)}</div>"
        self.knop = maak(
            widgets.Button,
            description="Toon uitwerking",
            icon="eye",
            tooltip="Toon de uitgewerkte oplossing",
            layout=widgets.Layout(),  # eigen: de knop verdwijnt na het klikken
        )
        self.uitvoer = maak(widgets.HTML)
        self.knop.on_click(self.toon)
        self.widget = maak(widgets.VBox, [scherm.widget, self.knop, self.uitvoer])

    def toon(self, _knop: Any = None) -> None:
        """Laat de uitwerking zien (en verberg de knop): de deelnemer kiest zelf wanneer."""
        self.uitvoer.value = self._uitwerking
        self.knop.layout.display = "none"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def maak_widget(notebook: str, sleutel: str, opslag: Antwoorden | None) -> Any:
    """Bouw het invulscherm van een onderdeel; ``opslag=None`` geeft de boekweergave (slaat niets op).

    Bij een oefenonderdeel komt er in het notebook een knop "Toon uitwerking" onder; in het boek staat
    de uitwerking in een uitklapblok bij de tekst.
    """
    o = opdrachten.onderdeel(notebook, sleutel)
    scherm = WIDGETS[o.soort](notebook, o, opslag)
    if o.uitwerking and opslag is not None:
        return MetUitwerking(scherm, opdrachten.vul_in(o.uitwerking, _casusoefeningen()))
    return scherm
