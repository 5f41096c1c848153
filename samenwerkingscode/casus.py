"""Een casus: de feiten van een samenwerking, gecontroleerd en met bronnen.

Het lopende voorbeeld (Springendal – Dal van de Mosbeek) en de eigen casus van een deelnemer
gebruiken hetzelfde model. Elk feit verwijst naar een bron-id; wat de cursuskit zelf heeft
afgeleid (doelen, bijdragen en risico's van partijen, een aangenomen partij of relatie) draagt
``reconstructie: true``, zodat het boek en de widgets het als uitwerking kunnen tonen.
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

from samenwerkingscode import canvas as canvasmodel
from samenwerkingscode.bestanden import os_reden, schrijf_atomisch, umask
from samenwerkingscode.yamlbestand import BestandFout, Probleem, RegieFout, bedoel_je, laad

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


def _controleer_datum(waarde: str) -> str:
    treffer = _DATUM.match(waarde)
    fout = f"een datum schrijf je als JJJJ, JJJJ-MM of JJJJ-MM-DD (bijvoorbeeld 2019-04-18), niet {waarde!r}"
    if not treffer:
        raise ValueError(fout)
    jaar, maand, dag = treffer.groups()
    try:
        date(int(jaar), int(maand or 1), int(dag or 1))
    except ValueError:
        raise ValueError(f"{waarde!r} is geen bestaande datum") from None
    return waarde


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
    """In YAML is ``datum: 2019`` een getal; het schema voor editors accepteert dat ook."""
    schema.pop("type", None)
    schema["anyOf"] = [
        {"type": "string", "pattern": _DATUM.pattern},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ]


Datum = Annotated[
    str,
    BeforeValidator(_datum_als_tekst),
    AfterValidator(_controleer_datum),
    Field(description="Datum als JJJJ, JJJJ-MM of JJJJ-MM-DD.", json_schema_extra=_datum_schema),
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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


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


class Gebied(_Model):
    """Het gebied waar de samenwerking over gaat."""

    naam: Tekst
    soort: str = Field(default="", description="Bijvoorbeeld 'Natura 2000-gebied' of 'beekdal'.")
    ligging: str = ""
    omvang: str = Field(default="", description="Bijvoorbeeld 'ruim 1.300 hectare'.")
    kenmerken: list[Tekst] = Field(default_factory=list)
    soorten: list[Tekst] = Field(default_factory=list, description="Planten en dieren die ertoe doen.")
    bronnen: Bronnen = Field(default_factory=list)


class Opgave(_Model):
    """Waar de samenwerking voor nodig is: het probleem en de aanpak."""

    omschrijving: str = ""
    problemen: list[Tekst] = Field(default_factory=list)
    aanpak: list[Tekst] = Field(default_factory=list)
    bronnen: Bronnen = Field(default_factory=list)


class Partij(_Model):
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
            "true: doelen, bijdragen en risico's (en wat niet met een bron is onderbouwd) zijn afgeleid "
            "voor het onderwijs, een uitwerking in deze cursuskit en geen feit uit een bron."
        ),
    )


class Relatie(_Model):
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
        default=False, description="true: (een deel van) deze relatie is een aanname of afleiding van de cursuskit."
    )


class Gebeurtenis(_Model):
    """Een moment op de tijdlijn."""

    datum: Datum
    tot: Datum | None = Field(default=None, description="Einddatum, als de gebeurtenis een periode is.")
    omschrijving: Tekst
    bronnen: Bronnen = Field(default_factory=list)

    @model_validator(mode="after")
    def _tot_na_datum(self) -> Gebeurtenis:
        # Vergelijk op de gemeenschappelijke precisie: 'tot: 2021-12' past bij 'datum: 2021-12-21'.
        lengte = min(len(self.datum), len(self.tot or ""))
        if self.tot is not None and self.tot[:lengte] < self.datum[:lengte]:
            raise ValueError(f"'tot' ({self.tot}) ligt vóór 'datum' ({self.datum})")
        return self


class Maatregel(_Model):
    """Een maatregel die in het gebied genomen wordt of is."""

    id: Id
    naam: Tekst
    omschrijving: str = ""
    uitvoerders: list[Id] = Field(default_factory=list, description="Id's van partijen die de maatregel uitvoeren.")
    bronnen: Bronnen = Field(default_factory=list)
    reconstructie: bool = False


class Stem(_Model):
    """Een citaat uit een openbare bron; noemt medium en datum, nooit een persoon bij naam."""

    tekst: Tekst
    spreker: str = Field(default="", description="Organisatie of rol (bijvoorbeeld 'LTO Noord'), nooit een naam.")
    medium: Tekst
    datum: Datum | None = Field(default=None, description="Laat weg als de datum niet bekend is.")
    bron: Id


class Metadata(_Model):
    """Over dit bestand."""

    schema_versie: Literal[1] = SCHEMA_VERSIE
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
        default=False, description="true: de canvasinhoud is (deels) afgeleid door de cursuskit."
    )
    canvas: dict[str, list[Tekst]] = Field(
        default_factory=dict,
        description="Inhoud van het Samenwerkingscanvas: per canvasveld een lijst regels.",
        json_schema_extra=_canvas_schema,
    )
    stemmen: list[Stem] = Field(default_factory=list)
    bronnen: list[Bron] = Field(default_factory=list)
    metadata: Metadata = Field(default_factory=Metadata)

    @model_validator(mode="after")
    def _controleer_verwijzingen(self) -> Casus:
        """Ids uniek, verwijzingen naar partijen en bronnen bestaan, canvasvelden bekend."""
        fouten: list[tuple[tuple[str | int, ...], str, Any]] = []
        for lijst in ("partijen", "relaties", "maatregelen", "bronnen"):
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
        for lijst in ("partijen", "relaties", "tijdlijn", "maatregelen"):
            for i, item in enumerate(getattr(self, lijst)):
                for j, b in enumerate(item.bronnen):
                    yield (lijst, i, "bronnen", j), b
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
    gereconstrueerd = sum(p.reconstructie for p in casus.partijen)
    if gereconstrueerd:
        partijen += f", waarvan {gereconstrueerd} met een reconstructie (uitwerking in deze cursuskit)"
    regels.append(f"Partijen: {partijen}")
    regels.append(
        " · ".join(
            [
                _aantal(len(casus.relaties), "relatie", "relaties"),
                _aantal(len(casus.tijdlijn), "gebeurtenis", "gebeurtenissen"),
                _aantal(len(casus.maatregelen), "maatregel", "maatregelen"),
                _aantal(len(casus.stemmen), "stem", "stemmen"),
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
    kandidaten = [Path(__file__).resolve().parent.parent / "casussen" / bestand]
    start = Path.cwd().resolve()
    kandidaten += [map / "casussen" / bestand for map in (start, *start.parents)]
    for kandidaat in kandidaten:
        if kandidaat.is_file():
            return kandidaat
    return kandidaten[0]


__all__ = [
    "SCHEMA_BESTAND",
    "Bron",
    "Casus",
    "Gebeurtenis",
    "Gebied",
    "Maatregel",
    "Metadata",
    "Opgave",
    "Partij",
    "Relatie",
    "Stem",
    "canvas_inhoud",
    "casus_yaml",
    "kit_casus",
    "laad_casus",
    "lege_casus",
    "relatie_naam",
    "samenvatting",
    "schema",
    "schema_tekst",
    "schrijf_casus",
    "schrijf_schema",
]
