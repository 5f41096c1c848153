"""Een casus: de feiten van een samenwerking, gecontroleerd en met bronnen.

Het lopende voorbeeld (Springendal – Dal van de Mosbeek) en de eigen casus van een deelnemer
gebruiken hetzelfde model. Elk feit verwijst naar een bron-id. Elk onderdeel kan zijn herkomst
noemen (``herkomst: bron``, ``reconstructie`` of ``eigen inschatting``); widgets, poster en boek
tonen die met :func:`herkomst_woorden`: in de casus van de kit is een reconstructie een
"uitwerking in deze cursuskit", in de eigen casus van een deelnemer is het *jouw* reconstructie of
inschatting. Het oudere ``reconstructie: true`` blijft geldig en betekent ``herkomst: reconstructie``.

Data hoeven niet exact te zijn: "2019", "april 2021", "voorjaar 2021", "ca. 2019", "2014–2023",
"sinds 2019" en "onbekend" zijn geldig. Ze worden getoond zoals ze geschreven zijn en gesorteerd
met :func:`datum_sleutel` (onbekend achteraan).
Een casusbestand bevat feiten en nooit antwoorden op oefeningen (geen samenwerkingsvorm per
relatie, geen oordeel over trade-offs).

De modellen zijn streng (``extra="forbid"``): een veldnaam met een tikfout is een fout met
een 'bedoel je'-tip, geen stil genegeerd veld.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from samenwerkingscode.model import canvas as canvasmodel
from samenwerkingscode.model.bestanden import os_reden, schrijf_atomisch, umask
from samenwerkingscode.model.yamlbestand import BestandFout, Probleem, RegieFout, bedoel_je, laad

SCHEMA_VERSIE = 1
SCHEMA_BESTAND = Path("casussen") / "casus.schema.json"

# --- Eenvoudige typen met Nederlandse meldingen -------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DATUM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _controleer_id(waarde: str) -> str:
    if not _ID.match(waarde):
        raise ValueError(
            f"een id bestaat uit kleine letters, cijfers, '-' en '_' zonder spaties "
            f"(bijvoorbeeld 'provincie' of 'lto-noord'), niet {waarde!r}"
        )
    return waarde


def _datum_als_tekst(waarde: Any) -> Any:
    """YAML maakt van 2019-04-18 een datum en van 2019 een getal; wij bewaren beide als tekst."""
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return str(waarde)
    return waarde


_MAANDEN = {
    naam: nummer
    for nummer, namen in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for naam in namen
}
#: Seizoenen en delen van een jaar: (eerste maand, laatste maand).
_PERIODEN = {
    "winter": (1, 2),
    "voorjaar": (3, 5),
    "lente": (3, 5),
    "zomer": (6, 8),
    "najaar": (9, 11),
    "herfst": (9, 11),
    "begin": (1, 4),
    "midden": (5, 8),
    "medio": (5, 8),
    "eind": (9, 12),
    "einde": (9, 12),
    "eerste helft": (1, 6),
    "tweede helft": (7, 12),
}
ONBEKEND = "onbekend"
DATUMVORMEN = (
    "2019, 2019-04, 2019-04-18, 18 april 2019, april 2019, voorjaar 2019, ca. 2019, "
    "2014–2023 (een periode), sinds 2019 of onbekend"
)
_VOORZET = re.compile(r"^(ca\.?|circa|rond|omstreeks|ongeveer|sinds|vanaf|na|voor|vóór|uiterlijk)\s+(.+)$")
_BEREIK = re.compile(r"^(.+?)\s*(?:–|—|\s-\s|\s+tot en met\s+|\s+t/m\s+|\s+tot\s+)\s*(.+)$")
_JAAR_BEREIK = re.compile(r"^(\d{4})-(\d{4})$")


class DatumFout(ValueError):
    """Een datum die niet te lezen is; de tekst is de Nederlandse melding."""


def _eenvoudige_datum(tekst: str) -> tuple[date, date]:
    """(eerste dag, laatste dag) van één datum zonder voorzetsel of bereik; anders ``DatumFout``."""
    import calendar

    def maand_einde(jaar: int, maand: int) -> date:
        return date(jaar, maand, calendar.monthrange(jaar, maand)[1])

    treffer = _DATUM.match(tekst)
    if treffer:
        jaar, maand, dag = (int(g) if g else None for g in treffer.groups())
        try:
            if dag is not None:
                d = date(jaar, maand, dag)  # type: ignore[arg-type]
                return d, d
            if maand is not None:
                return date(jaar, maand, 1), maand_einde(jaar, maand)  # type: ignore[arg-type]
            return date(jaar, 1, 1), date(jaar, 12, 31)  # type: ignore[arg-type]
        except ValueError:
            raise DatumFout(f"{tekst!r} is geen bestaande datum") from None
    delen = tekst.split()
    if len(delen) >= 2 and re.fullmatch(r"\d{4}", delen[-1]):
        jaar = int(delen[-1])
        if jaar < 1:
            raise DatumFout(f"{tekst!r} is geen bestaande datum")
        voor = " ".join(delen[:-1]).rstrip(".")
        if voor in _MAANDEN:
            return date(jaar, _MAANDEN[voor], 1), maand_einde(jaar, _MAANDEN[voor])
        if voor in _PERIODEN:
            van, tot = _PERIODEN[voor]
            return date(jaar, van, 1), maand_einde(jaar, tot)
        if len(delen) == 3 and delen[0].isdigit() and delen[1].rstrip(".") in _MAANDEN:
            try:
                d = date(jaar, _MAANDEN[delen[1].rstrip(".")], int(delen[0]))
            except ValueError:
                raise DatumFout(f"{tekst!r} is geen bestaande datum") from None
            return d, d
    raise DatumFout(f"een datum schrijf je als {DATUMVORMEN}; niet {_kort(tekst)}")


def datum_bereik(tekst: str) -> tuple[date, date] | None:
    """(vroegst, laatst) dat een geschreven datum kan betekenen; ``None`` bij 'onbekend'.

    Waarom een bereik: "2019" en "voorjaar 2021" zijn echte feiten zonder dag. Sorteren op het
    begin en controleren op het einde houdt ze bruikbaar zonder een datum te verzinnen.
    """
    schoon = " ".join(tekst.strip().lower().split())
    if schoon == ONBEKEND:
        return None
    jaren = _JAAR_BEREIK.match(schoon)
    if jaren:
        schoon = f"{jaren.group(1)} – {jaren.group(2)}"
    voorzet = _VOORZET.match(schoon)
    if voorzet:
        binnen = datum_bereik(voorzet.group(2))
        if binnen is None:
            raise DatumFout(f"{_kort(tekst)}: 'onbekend' kan niet na '{voorzet.group(1)}' staan")
        begin, eind = binnen
        if voorzet.group(1) in ("sinds", "vanaf", "na"):
            return begin, date.max
        if voorzet.group(1) in ("voor", "vóór", "uiterlijk"):
            return date.min, eind
        return begin, eind
    bereik = _BEREIK.match(schoon)
    if bereik and not _DATUM.match(schoon):
        begin, _ = datum_bereik_van_een(bereik.group(1))
        _, eind = datum_bereik_van_een(bereik.group(2))
        if eind < begin:
            raise DatumFout(f"in {_kort(tekst)} ligt het einde vóór het begin")
        return begin, eind
    return _eenvoudige_datum(schoon)


def datum_bereik_van_een(tekst: str) -> tuple[date, date]:
    """Eén datum, eventueel met 'ca.' ervoor (binnen een bereik)."""
    voorzet = _VOORZET.match(tekst.strip())
    if voorzet and voorzet.group(1) in ("ca.", "ca", "circa", "rond", "omstreeks", "ongeveer"):
        tekst = voorzet.group(2)
    if tekst.strip() == ONBEKEND:
        raise DatumFout("een periode met 'onbekend' erin schrijf je als 'sinds …' of 'vóór …'")
    return _eenvoudige_datum(tekst.strip())


def datum_sleutel(tekst: str | None) -> tuple[int, date, date]:
    """Sorteersleutel voor een geschreven datum: op begin, dan einde; onbekend (of leeg) achteraan."""
    bereik = None
    if tekst:
        try:
            bereik = datum_bereik(tekst)
        except DatumFout:
            bereik = None
    if bereik is None:
        return (1, date.max, date.max)
    return (0, *bereik)


def _controleer_datum(waarde: str) -> str:
    waarde = " ".join(waarde.split())
    try:
        datum_bereik(waarde)
    except DatumFout as fout:
        raise ValueError(str(fout)) from None
    return waarde


def _kort(waarde: str, lengte: int = 60) -> str:
    """Een waarde voor in een melding: afgekapt, zodat een foute regel van 1 MB de melding niet vult."""
    return repr(waarde if len(waarde) <= lengte else waarde[:lengte] + "…")


def _controleer_url(waarde: str) -> str:
    if not re.match(r"^https?://\S+$", waarde):
        raise ValueError(f"een webadres begint met https:// of http:// en bevat geen spaties, niet {waarde!r}")
    return waarde


Tekst = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[
    str,
    AfterValidator(_controleer_id),
    Field(
        description="Korte naam in kleine letters, cijfers, '-' en '_', bijvoorbeeld 'provincie'.",
        json_schema_extra={"pattern": _ID.pattern},
    ),
]


def _datum_schema(schema: dict[str, Any]) -> None:
    """In YAML is ``datum: 2019`` een getal; het schema voor editors accepteert dat ook (en vrije tekst)."""
    schema.pop("type", None)
    schema["anyOf"] = [
        {"type": "string", "minLength": 4},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ]


Datum = Annotated[
    str,
    BeforeValidator(_datum_als_tekst),
    AfterValidator(_controleer_datum),
    Field(
        description=f"Datum zoals je hem weet: {DATUMVORMEN}. Wordt getoond zoals geschreven.",
        json_schema_extra=_datum_schema,
    ),
]
Url = Annotated[
    str,
    AfterValidator(_controleer_url),
    Field(description="Webadres (https://...).", json_schema_extra={"pattern": r"^https?://\S+$"}),
]
Bronnen = Annotated[
    list[Id],
    Field(description="Id's van bronnen (zie 'bronnen') waarop dit onderdeel steunt."),
]


#: Een veld dat nog gelezen wordt maar niet meer in nieuwe bestanden hoort (editors strepen het door).
_VEROUDERD: dict[str, Any] = {"deprecated": True}

HERKOMSTEN = ("bron", "reconstructie", "eigen inschatting")


def _herkomst_als_tekst(waarde: Any) -> Any:
    """'eigen_inschatting' en 'Eigen inschatting' betekenen hetzelfde als 'eigen inschatting'."""
    if isinstance(waarde, str):
        return " ".join(waarde.strip().lower().replace("_", " ").replace("-", " ").split())
    return waarde


Herkomst = Annotated[
    Literal["bron", "reconstructie", "eigen inschatting"],
    BeforeValidator(_herkomst_als_tekst),
    Field(
        description=(
            "Waar dit onderdeel vandaan komt: 'bron' (staat in een bron), 'reconstructie' (afgeleid uit "
            "bronnen, geen feit uit een bron) of 'eigen inschatting'. Laat weg: met bronnen is het 'bron'."
        )
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _MetHerkomst(_Model):
    """Een onderdeel met een herkomst; ``reconstructie: true`` (de oudere schrijfwijze) blijft geldig."""

    herkomst: Herkomst | None = None

    @model_validator(mode="after")
    def _herkomst_past_bij_reconstructie(self) -> _MetHerkomst:
        oud = getattr(self, "reconstructie", False)
        if oud and self.herkomst not in (None, "reconstructie"):
            raise ValueError(
                f"'reconstructie: true' en 'herkomst: {self.herkomst}' spreken elkaar tegen; "
                "haal 'reconstructie' weg en houd alleen 'herkomst'"
            )
        return self


# --- De onderdelen van een casus ----------------------------------------------------------------


class Bron(_Model):
    """Een bron waarop feiten in de casus steunen: een webpagina, artikel, verslag of document."""

    id: Id
    titel: Tekst = Field(description="Titel of korte omschrijving van de bron.")
    url: Url | None = Field(default=None, description="Webadres; laat weg als de bron niet online staat.")
    medium: str = Field(
        default="", description="Waar de bron verscheen, bijvoorbeeld 'Nieuwe Oogst' of 'website provincie'."
    )
    datum: Datum | None = Field(default=None, description="Datum van publicatie (JJJJ, JJJJ-MM of JJJJ-MM-DD).")


class Gebied(_MetHerkomst):
    """Het gebied waar de samenwerking over gaat."""

    naam: Tekst
    soort: str = Field(default="", description="Bijvoorbeeld 'Natura 2000-gebied' of 'beekdal'.")
    ligging: str = ""
    omvang: str = Field(default="", description="Bijvoorbeeld 'ruim 1.300 hectare'.")
    kenmerken: list[Tekst] = Field(default_factory=list)
    soorten: list[Tekst] = Field(default_factory=list, description="Planten en dieren die ertoe doen.")
    bronnen: Bronnen = Field(default_factory=list)


class Opgave(_MetHerkomst):
    """Waar de samenwerking voor nodig is: het probleem en de aanpak."""

    omschrijving: str = ""
    problemen: list[Tekst] = Field(default_factory=list)
    aanpak: list[Tekst] = Field(default_factory=list)
    bronnen: Bronnen = Field(default_factory=list)


class Partij(_MetHerkomst):
    """Een partij in de samenwerking: een organisatie of een groep (nooit een persoon bij naam)."""

    id: Id
    naam: Tekst
    soort: str = Field(default="", description="Bijvoorbeeld 'provincie', 'waterschap', 'adviesbureau'.")
    rol: str = Field(default="", description="Wat deze partij in de samenwerking doet (feiten).")
    toelichting: str = Field(default="", description="Verdere feiten over deze partij, met bron.")
    doelen: list[Tekst] = Field(default_factory=list, description="Eigen doelen en belangen.")
    bijdragen: list[Tekst] = Field(default_factory=list, description="Wat de partij inbrengt.")
    risicos: list[Tekst] = Field(default_factory=list, description="Risico's voor of door deze partij.")
    bronnen: Bronnen = Field(default_factory=list)
    reconstructie: bool = Field(
        default=False,
        description=(
            "Oudere schrijfwijze van 'herkomst: reconstructie': doelen, bijdragen en risico's (en wat niet "
            "met een bron is onderbouwd) zijn afgeleid en geen feit uit een bron."
        ),
        json_schema_extra=_VEROUDERD,
    )


class Relatie(_MetHerkomst):
    """Een relatie tussen partijen: tweezijdig, of een samenwerkingsverband zoals een commissie."""

    id: Id
    naam: str = Field(default="", description="Korte naam, bijvoorbeeld 'Provincie ↔ aannemer'.")
    tussen: list[Id] = Field(
        min_length=2,
        description="Id's van de partijen: twee bij een tweezijdige relatie, meer bij een samenwerkingsverband.",
    )
    omschrijving: Tekst = Field(description="Wat er tussen deze partijen speelt (feiten, geen samenwerkingsvorm).")
    bronnen: Bronnen = Field(default_factory=list)
    reconstructie: bool = Field(
        default=False,
        description="Oudere schrijfwijze van 'herkomst: reconstructie' (een aanname of afleiding).",
        json_schema_extra=_VEROUDERD,
    )


class Gebeurtenis(_MetHerkomst):
    """Een moment op de tijdlijn."""

    datum: Datum
    tot: Datum | None = Field(default=None, description="Einddatum, als de gebeurtenis een periode is.")
    omschrijving: Tekst
    bronnen: Bronnen = Field(default_factory=list)

    @model_validator(mode="after")
    def _tot_na_datum(self) -> Gebeurtenis:
        # Vergelijk bereiken: 'tot: 2021-12' past bij 'datum: 2021-12-21', 'tot: 2021' bij 'datum: voorjaar 2021'.
        if self.tot is None:
            return self
        van, tot = datum_bereik(self.datum), datum_bereik(self.tot)
        if van is not None and tot is not None and tot[1] < van[0]:
            raise ValueError(f"'tot' ({self.tot}) ligt vóór 'datum' ({self.datum})")
        return self


class Maatregel(_MetHerkomst):
    """Een maatregel die in het gebied genomen wordt of is."""

    id: Id
    naam: Tekst
    omschrijving: str = ""
    uitvoerders: list[Id] = Field(default_factory=list, description="Id's van partijen die de maatregel uitvoeren.")
    bronnen: Bronnen = Field(default_factory=list)
    reconstructie: bool = Field(
        default=False, description="Oudere schrijfwijze van 'herkomst: reconstructie'.", json_schema_extra=_VEROUDERD
    )


class Stem(_MetHerkomst):
    """Een stem uit een openbare bron: een letterlijk citaat of een weergave (indirecte rede).

    Noemt medium en datum, nooit een persoon bij naam. Een weergave krijgt nooit aanhalingstekens:
    wie iets navertelt, legt de partij geen letterlijke woorden in de mond.
    """

    tekst: Tekst
    soort: Literal["citaat", "weergave"] = Field(
        default="citaat",
        description="'citaat': letterlijk, met aanhalingstekens; 'weergave': wat iemand volgens de bron zei.",
    )
    spreker: str = Field(default="", description="Organisatie of rol (bijvoorbeeld 'LTO Noord'), nooit een naam.")
    medium: Tekst
    datum: Datum | None = Field(default=None, description="Laat weg als de datum niet bekend is.")
    bron: Id


class Doelrelatie(_MetHerkomst):
    """Hoe de eigen doelen van partijen zich tot elkaar verhouden: de kern van Blok 3 en 4."""

    id: Id
    tussen: list[Id] = Field(min_length=2, description="Id's van de partijen (twee of meer).")
    soort: Literal["gedeeld", "verenigbaar", "spanning", "tegenstrijdig"] = Field(
        description=(
            "'gedeeld': hetzelfde doel; 'verenigbaar': verschillend maar samen haalbaar; 'spanning': het "
            "een gaat deels ten koste van het ander; 'tegenstrijdig': niet tegelijk te halen."
        )
    )
    omschrijving: Tekst = Field(description="Welke doelen het zijn en hoe ze elkaar raken.")
    bronnen: Bronnen = Field(default_factory=list)


class GezamenlijkDoel(_MetHerkomst):
    """Het (mogelijke) gezamenlijk doel: nog een kandidaat, of al door de partijen afgesproken."""

    omschrijving: Tekst
    status: Literal["kandidaat", "afgesproken"] = Field(
        default="kandidaat",
        description="'kandidaat': een mogelijk gezamenlijk doel; 'afgesproken': de partijen hebben het vastgelegd.",
    )
    partijen: list[Id] = Field(default_factory=list, description="Id's van de partijen die dit doel (zouden) delen.")
    bronnen: Bronnen = Field(default_factory=list)


class Metadata(_Model):
    """Over dit bestand."""

    schema_versie: Literal[1] = SCHEMA_VERSIE
    eigen_casus: bool = Field(
        default=False,
        description="true: de eigen casus van een deelnemer; een reconstructie of inschatting is dan van jou.",
    )
    toelichting: str = ""
    bijgewerkt: Datum | None = None


def _canvas_schema(schema: dict[str, Any]) -> None:
    schema["propertyNames"] = {"enum": canvasmodel.sleutels()}


class Casus(_Model):
    """Een casus van samenwerking: de feiten, met bronnen, als vertrekpunt voor de oefeningen."""

    titel: Tekst
    opgave: Opgave = Field(default_factory=Opgave)
    gebied: Gebied | None = None
    partijen: list[Partij] = Field(default_factory=list)
    relaties: list[Relatie] = Field(default_factory=list)
    tijdlijn: list[Gebeurtenis] = Field(default_factory=list)
    maatregelen: list[Maatregel] = Field(default_factory=list)
    canvas_onderwerp: str = Field(default="", description="Welke samenwerking het canvas beschrijft.")
    canvas_reconstructie: bool = Field(
        default=False,
        description="Oudere schrijfwijze van 'canvas_herkomst: reconstructie'.",
        json_schema_extra=_VEROUDERD,
    )
    canvas_herkomst: Herkomst | None = None
    canvas: dict[str, list[Tekst]] = Field(
        default_factory=dict,
        description="Inhoud van het Samenwerkingscanvas: per canvasveld een lijst regels.",
        json_schema_extra=_canvas_schema,
    )
    stemmen: list[Stem] = Field(default_factory=list)
    doelrelaties: list[Doelrelatie] = Field(
        default_factory=list, description="Hoe de doelen van partijen zich tot elkaar verhouden."
    )
    gezamenlijk_doel: GezamenlijkDoel | None = Field(
        default=None, description="Het (mogelijke) gezamenlijk doel van de partijen."
    )
    bronnen: list[Bron] = Field(default_factory=list)
    metadata: Metadata = Field(default_factory=Metadata)

    @model_validator(mode="after")
    def _controleer_verwijzingen(self) -> Casus:
        """Ids uniek, verwijzingen naar partijen en bronnen bestaan, canvasvelden bekend."""
        fouten: list[tuple[tuple[str | int, ...], str, Any]] = []
        if self.canvas_reconstructie and self.canvas_herkomst not in (None, "reconstructie"):
            fouten.append(
                (
                    ("canvas_herkomst",),
                    f"'canvas_reconstructie: true' en 'canvas_herkomst: {self.canvas_herkomst}' spreken elkaar "
                    "tegen; haal 'canvas_reconstructie' weg en houd alleen 'canvas_herkomst'",
                    self.canvas_herkomst,
                )
            )
        for lijst in ("partijen", "relaties", "maatregelen", "doelrelaties", "bronnen"):
            gezien: dict[str, int] = {}
            for i, item in enumerate(getattr(self, lijst)):
                if item.id in gezien:
                    fouten.append(
                        (
                            (lijst, i, "id"),
                            f"id '{item.id}' komt al voor bij {lijst}[{gezien[item.id] + 1}]; elke id moet uniek zijn",
                            item.id,
                        )
                    )
                else:
                    gezien[item.id] = i

        partij_ids = [p.id for p in self.partijen]
        for i, relatie in enumerate(self.relaties):
            for j, pid in enumerate(relatie.tussen):
                if pid not in partij_ids:
                    fouten.append((("relaties", i, "tussen", j), _onbekend("partij", pid, partij_ids), pid))
                elif relatie.tussen.index(pid) != j:
                    fouten.append(
                        (("relaties", i, "tussen", j), f"partij '{pid}' staat twee keer in deze relatie", pid)
                    )
        for i, maatregel in enumerate(self.maatregelen):
            for j, pid in enumerate(maatregel.uitvoerders):
                if pid not in partij_ids:
                    fouten.append((("maatregelen", i, "uitvoerders", j), _onbekend("partij", pid, partij_ids), pid))
        for i, doelrelatie in enumerate(self.doelrelaties):
            for j, pid in enumerate(doelrelatie.tussen):
                if pid not in partij_ids:
                    fouten.append((("doelrelaties", i, "tussen", j), _onbekend("partij", pid, partij_ids), pid))
        if self.gezamenlijk_doel is not None:
            for j, pid in enumerate(self.gezamenlijk_doel.partijen):
                if pid not in partij_ids:
                    fouten.append((("gezamenlijk_doel", "partijen", j), _onbekend("partij", pid, partij_ids), pid))

        bron_ids = [b.id for b in self.bronnen]
        for pad, bron in self._bronverwijzingen():
            if bron not in bron_ids:
                fouten.append((pad, _onbekend("bron", bron, bron_ids), bron))

        sleutels = canvasmodel.sleutels()
        for sleutel in self.canvas:
            if sleutel not in sleutels:
                extra = bedoel_je(
                    sleutel, sleutels, opmaak="bedoel je '{tip}'?", anders=f"kies uit {', '.join(sleutels)}"
                )
                fouten.append((("canvas", sleutel), f"onbekend canvasveld; {extra}", sleutel))

        if fouten:
            raise ValidationError.from_exception_data(
                "Casus",
                [
                    InitErrorDetails(
                        type=PydanticCustomError("value_error", "{melding}", {"melding": melding}),
                        loc=pad,
                        input=waarde,
                    )
                    for pad, melding, waarde in fouten
                ],
            )
        # Alle negen velden, in de volgorde van het canvas: zo ziet een deelnemer wat nog leeg is.
        self.canvas = {s: list(self.canvas.get(s, [])) for s in sleutels}
        return self

    def _bronverwijzingen(self) -> Iterable[tuple[tuple[str | int, ...], str]]:
        for j, b in enumerate(self.opgave.bronnen):
            yield ("opgave", "bronnen", j), b
        if self.gebied is not None:
            for j, b in enumerate(self.gebied.bronnen):
                yield ("gebied", "bronnen", j), b
        for lijst in ("partijen", "relaties", "tijdlijn", "maatregelen", "doelrelaties"):
            for i, item in enumerate(getattr(self, lijst)):
                for j, b in enumerate(item.bronnen):
                    yield (lijst, i, "bronnen", j), b
        if self.gezamenlijk_doel is not None:
            for j, b in enumerate(self.gezamenlijk_doel.bronnen):
                yield ("gezamenlijk_doel", "bronnen", j), b
        for i, stem in enumerate(self.stemmen):
            yield ("stemmen", i, "bron"), stem.bron

    def partij(self, partij_id: str) -> Partij:
        """De partij met deze id (een ``RegieFout`` als die niet bestaat)."""
        for p in self.partijen:
            if p.id == partij_id:
                return p
        raise RegieFout(_onbekend("partij", partij_id, [p.id for p in self.partijen]).capitalize() + ".")

    def bron(self, bron_id: str) -> Bron:
        """De bron met deze id (een ``RegieFout`` als die niet bestaat)."""
        for b in self.bronnen:
            if b.id == bron_id:
                return b
        raise RegieFout(_onbekend("bron", bron_id, [b.id for b in self.bronnen]).capitalize() + ".")


# --- Herkomst: de juiste woorden per soort casus ----------------------------------------------------

#: Hoe een herkomst heet, in de casus van de kit en in de eigen casus van een deelnemer.
_HERKOMST_WOORDEN: dict[tuple[str, bool], str] = {
    ("bron", False): "uit een bron",
    ("bron", True): "uit een bron",
    ("reconstructie", False): "reconstructie: uitwerking in deze cursuskit",
    ("reconstructie", True): "jouw reconstructie",
    ("eigen inschatting", False): "inschatting van deze cursuskit",
    ("eigen inschatting", True): "jouw eigen inschatting",
}


def is_eigen(casus: Casus | None) -> bool:
    """Is dit de eigen casus van een deelnemer (dan is een reconstructie of inschatting van hem of haar)?"""
    return casus is not None and casus.metadata.eigen_casus


def als_eigen(casus: Casus) -> Casus:
    """Dezelfde casus, gemarkeerd als eigen casus (ook een ouder bestand zonder ``eigen_casus: true``)."""
    if casus.metadata.eigen_casus:
        return casus
    return casus.model_copy(update={"metadata": casus.metadata.model_copy(update={"eigen_casus": True})})


def herkomst_van(onderdeel: Any, casus: Casus | None = None) -> str:
    """De herkomst van een onderdeel: wat er staat, anders 'reconstructie: true', anders afgeleid.

    Zonder opgave geldt: met bronnen (of de bron van een stem) 'bron'; zonder bron in een eigen
    casus 'eigen inschatting' (wat een deelnemer zonder bron opschrijft, is zijn inschatting);
    zonder bron in de casus van de kit 'bron' (de kit noemt zijn bronnen bij de casus als geheel).
    """
    herkomst = getattr(onderdeel, "herkomst", None)
    if herkomst:
        return str(herkomst)
    if getattr(onderdeel, "reconstructie", False):
        return "reconstructie"
    if getattr(onderdeel, "bronnen", None) or getattr(onderdeel, "bron", None):
        return "bron"
    return "eigen inschatting" if is_eigen(casus) else "bron"


def canvas_herkomst(casus: Casus) -> str:
    """De herkomst van de canvasinhoud van een casus."""
    if casus.canvas_herkomst:
        return casus.canvas_herkomst
    if casus.canvas_reconstructie:
        return "reconstructie"
    return "eigen inschatting" if is_eigen(casus) else "bron"


def herkomst_woorden(herkomst: str, eigen: bool) -> str:
    """De woorden voor een herkomst: 'jouw eigen inschatting' in een eigen casus, nooit 'uitwerking in deze cursuskit'."""
    return _HERKOMST_WOORDEN[(herkomst, eigen)]


def herkomst_label(onderdeel: Any, casus: Casus | None) -> str:
    """Een label voor naast een onderdeel in een widget of het boek; leeg als het uit een bron komt."""
    herkomst = herkomst_van(onderdeel, casus)
    if herkomst == "bron":
        return ""
    return f"({herkomst_woorden(herkomst, is_eigen(casus))})"


def herkomst_noot(herkomsten: Iterable[str], eigen: bool) -> str:
    """Eén zin voor onder een poster of figuur: welke inhoud uit bronnen komt en welke niet."""
    gezien = [h for h in HERKOMSTEN if h in set(herkomsten)]
    if not gezien:
        return ""
    if gezien == ["bron"]:
        return "Inhoud: uit bronnen."
    return "Inhoud: " + "; ".join(herkomst_woorden(h, eigen) for h in gezien) + "."


def canvas_noot(casus: Casus, aangevuld: bool = False) -> str:
    """De voetnoot bij het canvas van een casus (poster): de herkomst van de canvasinhoud.

    ``aangevuld``: de deelnemer heeft de inhoud zelf aangepast; dat is zijn eigen inschatting.
    """
    herkomsten = {canvas_herkomst(casus)}
    if casus.bronnen:
        herkomsten.add("bron")
    noot = herkomst_noot(herkomsten, is_eigen(casus))
    if aangevuld:
        noot = noot.rstrip(".") + f"; aangevuld met {herkomst_woorden('eigen inschatting', True)}."
    return noot


def stem_tekst(stem: Stem) -> str:
    """Een stem zoals hij getoond wordt: een citaat tussen aanhalingstekens, een weergave zonder."""
    if stem.soort == "citaat":
        return f"“{stem.tekst}”"
    return f"{stem.tekst} (weergave, geen letterlijk citaat)"


def tijdlijn_op_volgorde(casus: Casus) -> list[Gebeurtenis]:
    """De tijdlijn op datum (ook 'voorjaar 2021' en 'ca. 2019'); 'onbekend' achteraan, verder de bestandsvolgorde."""
    return sorted(casus.tijdlijn, key=lambda g: datum_sleutel(g.datum))


def _onbekend(soort: str, waarde: str, bekend: list[str]) -> str:
    bekend = list(dict.fromkeys(bekend))
    meervoud = "partijen" if soort == "partij" else "bronnen"
    anders = f"; bekend zijn: {', '.join(bekend)}" if bekend else f"; voeg hem eerst toe onder '{meervoud}'"
    return f"onbekende {soort} '{waarde}'" + bedoel_je(waarde, bekend, anders=anders)


# --- Functies ------------------------------------------------------------------------------------


def laad_casus(pad: Path | str) -> Casus:
    """Lees en controleer een casusbestand; elke fout is een ``BestandFout`` met bestand, regel en veld."""
    return laad(pad, Casus, soort="casusbestand")


def lege_casus(titel: str) -> Casus:
    """Een lege casus om zelf te vullen: alleen de titel is nodig."""
    if not titel or not titel.strip():
        raise RegieFout("Geef je casus een titel.")
    return Casus(titel=titel.strip())


def canvas_inhoud(casus: Casus) -> dict[str, list[str]]:
    """De canvasinhoud met alle negen velden, in de volgorde van het canvas (lege velden als lege lijst)."""
    return {s: list(casus.canvas.get(s, [])) for s in canvasmodel.sleutels()}


def relatie_naam(casus: Casus, relatie: Relatie) -> str:
    """De naam om een relatie te tonen: de eigen naam, of de partijen met ↔ ertussen."""
    if relatie.naam:
        return relatie.naam
    namen = {p.id: p.naam for p in casus.partijen}
    return " ↔ ".join(namen.get(pid, pid) for pid in relatie.tussen)


def _aantal(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def samenvatting(casus: Casus) -> str:
    """Een korte Nederlandse samenvatting, zoals ``regie casus controleer`` hem toont."""
    regels = [f"Casus: {casus.titel}"]
    if casus.gebied is not None:
        soort = f" ({casus.gebied.soort})" if casus.gebied.soort else ""
        regels.append(f"Gebied: {casus.gebied.naam}{soort}")
    else:
        regels.append("Gebied: niet ingevuld")
    partijen = str(len(casus.partijen))
    gereconstrueerd = sum(herkomst_van(p, casus) == "reconstructie" for p in casus.partijen)
    if gereconstrueerd:
        partijen += f", waarvan {gereconstrueerd} met een {herkomst_woorden('reconstructie', is_eigen(casus))}"
    ingeschat = sum(p.herkomst == "eigen inschatting" for p in casus.partijen)
    if ingeschat:
        partijen += f", {ingeschat} als {herkomst_woorden('eigen inschatting', is_eigen(casus))}"
    regels.append(f"Partijen: {partijen}")
    regels.append(
        " · ".join(
            [
                _aantal(len(casus.relaties), "relatie", "relaties"),
                _aantal(len(casus.tijdlijn), "gebeurtenis", "gebeurtenissen"),
                _aantal(len(casus.maatregelen), "maatregel", "maatregelen"),
                _aantal(len(casus.stemmen), "stem", "stemmen"),
                _aantal(len(casus.doelrelaties), "doelrelatie", "doelrelaties"),
                _aantal(len(casus.bronnen), "bron", "bronnen"),
            ]
        )
    )
    volledig = canvasmodel.volledigheid(canvas_inhoud(casus))
    totaal = len(volledig.gevuld) + len(volledig.leeg)
    canvasregel = f"Samenwerkingscanvas: {len(volledig.gevuld)} van de {totaal} velden gevuld"
    if volledig.leeg:
        canvasregel += " (leeg: " + ", ".join(canvasmodel.veld(s).titel for s in volledig.leeg) + ")"
    regels.append(canvasregel)
    if casus.gezamenlijk_doel is not None:
        regels.append(f"Gezamenlijk doel ({casus.gezamenlijk_doel.status}): {casus.gezamenlijk_doel.omschrijving}")
    return "\n".join(regels)


def _schrijf_atomisch(pad: Path, tekst: str) -> None:
    """Schrijf via een tijdelijk bestand plus ``os.replace``: nooit een half bestand."""
    pad = Path(pad)
    if pad.is_dir():
        raise BestandFout(pad, [Probleem("dit is een map; geef een bestandsnaam")])
    if not pad.parent.is_dir():
        raise BestandFout(pad, [Probleem(f"de map {pad.parent} bestaat niet")])
    try:
        schrijf_atomisch(pad, tekst, rechten=0o666 & ~umask())
    except OSError as fout:
        raise BestandFout(pad, [Probleem(f"kan het bestand niet schrijven ({os_reden(fout)})")]) from None


_KOP = """\
# Casusbestand voor de cursuskit 'Regisseur van de Samenwerking'.
# Controleer het met: regie casus controleer {naam}
"""


def casus_yaml(casus: Casus) -> str:
    """De casus als YAML-tekst, in de volgorde van het model (lege optionele velden weggelaten)."""
    data = casus.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def schrijf_casus(casus: Casus, pad: Path | str) -> None:
    """Bewaar een casus als YAML (UTF-8, atomisch); ``laad_casus`` leest het resultaat weer in."""
    pad = Path(pad)
    _schrijf_atomisch(pad, _KOP.format(naam=pad.name) + casus_yaml(casus))


def schema() -> dict[str, Any]:
    """Het JSON Schema van een casus, afgeleid uit de modellen (voor editors zoals VS Code)."""
    gegevens = Casus.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **gegevens}


def schema_tekst() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def schrijf_schema(pad: Path | str = SCHEMA_BESTAND) -> Path:
    """Schrijf het JSON Schema (``regie casus schema``); geeft het pad terug."""
    pad = Path(pad)
    _schrijf_atomisch(pad, schema_tekst())
    return pad


def kit_casus(naam: str = "springendal-mosbeek") -> Path:
    """Het pad van een casus die met de kit meekomt (``casussen/<naam>.yml``).

    Een notebook draait in ``notebooks/blok1/``, maar ook in nbgraders mappen ``release/…`` en
    ``autograded/<deelnemer>/…`` of in een tijdelijke kopie; een relatief pad klopt dan niet. Daarom
    zoeken we eerst naast het (bewerkbaar geïnstalleerde) pakket en dan vanaf de huidige map omhoog.
    Bestaat het bestand nergens, dan komt het verwachte pad terug: de widget meldt dan in het
    Nederlands dat de casus niet te laden is, in plaats van dat de cel crasht.
    """
    bestand = f"{naam}.yml" if not naam.endswith(".yml") else naam
    kandidaten = [Path(__file__).resolve().parents[2] / "casussen" / bestand]
    start = Path.cwd().resolve()
    kandidaten += [map / "casussen" / bestand for map in (start, *start.parents)]
    for kandidaat in kandidaten:
        if kandidaat.is_file():
            return kandidaat
    return kandidaten[0]


__all__ = [
    "DATUMVORMEN",
    "HERKOMSTEN",
    "SCHEMA_BESTAND",
    "Bron",
    "Casus",
    "Doelrelatie",
    "Gebeurtenis",
    "Gebied",
    "GezamenlijkDoel",
    "Maatregel",
    "Metadata",
    "Opgave",
    "Partij",
    "Relatie",
    "Stem",
    "als_eigen",
    "canvas_herkomst",
    "canvas_inhoud",
    "canvas_noot",
    "casus_yaml",
    "datum_bereik",
    "datum_sleutel",
    "herkomst_label",
    "herkomst_noot",
    "herkomst_van",
    "herkomst_woorden",
    "is_eigen",
    "kit_casus",
    "laad_casus",
    "lege_casus",
    "relatie_naam",
    "samenvatting",
    "schema",
    "schema_tekst",
    "schrijf_casus",
    "schrijf_schema",
    "stem_tekst",
    "tijdlijn_op_volgorde",
]
