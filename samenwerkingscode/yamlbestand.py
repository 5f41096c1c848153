"""YAML-bestanden lezen en valideren, met foutmeldingen in het Nederlands.

Casusbestanden worden geschreven door mensen die geen programmeur zijn; een fout moet
daarom het bestand, de regel en het veld noemen, en nooit een Python-traceback tonen.
Het model van de Samenwerkingscode (``model/*.yml``) gaat door dezelfde poort, zodat een
trainer die een modelbestand vervangt dezelfde duidelijke meldingen krijgt.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

Pad = tuple[str | int, ...]


class RegieFout(Exception):
    """Basis van alle fouten die de kit aan een mens toont: de tekst is Nederlands en volledig."""


@dataclass
class Probleem:
    """Eén probleem in een bestand: waar (veld en regel) en wat."""

    melding: str
    veld: str = ""
    regel: int | None = None

    def tekst(self) -> str:
        plaats = []
        if self.regel is not None:
            plaats.append(f"regel {self.regel}")
        if self.veld:
            plaats.append(f"veld '{self.veld}'")
        return f"{', '.join(plaats)}: {self.melding}" if plaats else self.melding


@dataclass
class BestandFout(RegieFout):
    """Een bestand kan niet gelezen of gevalideerd worden; noemt bestand, regel en veld."""

    pad: Path
    problemen: list[Probleem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problemen) == 1:
            return f"Fout in {self.pad}: {self.problemen[0].tekst()}"
        regels = [f"{len(self.problemen)} fouten in {self.pad}:"]
        regels += [f"  - {p.tekst()}" for p in self.problemen]
        return "\n".join(regels)


_YAML_PROBLEMEN = {
    "mapping values are not allowed here": "hier mag geen 'sleutel: waarde' staan (vergeten aanhalingstekens of een verkeerde inspringing?)",
    "could not find expected ':'": "er ontbreekt een dubbele punt ':' na een veldnaam",
    "found character '\\t' that cannot start any token": "er staat een tab; gebruik spaties om in te springen",
    "found undefined alias": "er staat een onbekende verwijzing (*)",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected key": "de inspringing klopt niet of er ontbreekt een veldnaam",
    "did not find expected '-' indicator": "de inspringing van een lijst klopt niet",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    "found unexpected ':'": "er staat een onverwachte dubbele punt ':' (zet de tekst tussen aanhalingstekens)",
    "while scanning a quoted scalar": "een aanhalingsteken is niet gesloten",
    "found duplicate key": "een veldnaam komt twee keer voor",
    "expected the node content": "er ontbreekt een waarde (een haakje of aanhalingsteken niet gesloten?)",
    "expected ',' or ']'": "een lijst tussen [ ] is niet goed gesloten",
    "expected ',' or '}'": "een groep tussen { } is niet goed gesloten",
    "found unknown escape character": "er staat een ongeldige \\-combinatie in tekst tussen dubbele aanhalingstekens",
    "found a tab character": "er staat een tab; gebruik spaties om in te springen",
    "could not find expected": "de opmaak klopt niet (een aanhalingsteken, haakje of dubbele punt ontbreekt)",
    "expected a single document": "er staan meerdere documenten in dit bestand (een regel '---'); één document per bestand",
}


def _vertaal_yaml_probleem(fout: yaml.MarkedYAMLError) -> str:
    tekst = " ".join(filter(None, [fout.context, fout.problem]))
    for engels, nederlands in _YAML_PROBLEMEN.items():
        if engels in tekst:
            return nederlands
    return f"de YAML-opmaak klopt niet ({fout.problem or tekst})"


def _regelnummers(node: yaml.Node | None, pad: Pad = (), uit: dict[Pad, int] | None = None) -> dict[Pad, int]:
    """Koppel elk pad in het document aan de regel waar het staat (1-based)."""
    uit = {} if uit is None else uit
    if node is None:
        return uit
    uit.setdefault(pad, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for sleutel, waarde in node.value:
            sub = (*pad, str(sleutel.value))
            uit[sub] = sleutel.start_mark.line + 1
            _regelnummers(waarde, sub, uit)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = (*pad, i)
            uit[sub] = item.start_mark.line + 1
            _regelnummers(item, sub, uit)
    return uit


def _zonder_dubbele_sleutels(self: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    """construct_mapping die een dubbele veldnaam weigert in plaats van stil te overschrijven."""
    gezien: set[Any] = set()
    for sleutel_node, _ in node.value:
        sleutel = self.construct_object(sleutel_node, deep=deep)
        if sleutel in gezien:
            raise yaml.constructor.ConstructorError(
                None, None, f"found duplicate key {sleutel!r}", sleutel_node.start_mark
            )
        gezien.add(sleutel)
    return yaml.constructor.SafeConstructor.construct_mapping(self, node, deep=deep)


_SnelleLader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml als die er is


class _GeenDubbeleSleutels(_SnelleLader):  # type: ignore[misc, valid-type]
    """Veilige lader die een dubbele veldnaam weigert in plaats van stil te overschrijven.

    Gebaseerd op libyaml (C) waar beschikbaar: modelbestanden en casussen worden bij elke notebookstart
    en elke beoordeling gelezen, en de Python-parser is daarvoor tien keer te traag.
    """

    construct_mapping = _zonder_dubbele_sleutels


def _python_fout(tekst: str) -> yaml.MarkedYAMLError | None:
    """Dezelfde fout volgens de Python-parser: die meldingen vertalen we (libyaml formuleert ze anders)."""
    lader = _PythonLader(tekst)
    try:
        node = lader.get_single_node()
        if node is not None:
            lader.construct_document(node)
    except yaml.MarkedYAMLError as fout:
        return fout
    except yaml.YAMLError:
        return None
    finally:
        lader.dispose()
    return None


class _PythonLader(yaml.SafeLoader):
    """Alleen voor foutmeldingen: de Python-parser, met dezelfde weigering van dubbele veldnamen."""

    construct_mapping = _zonder_dubbele_sleutels


@dataclass
class YamlDocument:
    """De gelezen gegevens plus de regelnummers, voor foutmeldingen."""

    pad: Path
    data: Any
    regels: dict[Pad, int]

    def regel(self, pad: Pad) -> int | None:
        """Regel van het pad, of van het dichtstbijzijnde bestaande bovenliggende pad."""
        for n in range(len(pad), -1, -1):
            if pad[:n] in self.regels:
                return self.regels[pad[:n]]
        return None


def lees_tekst(pad: Path | str, soort: str = "bestand") -> str:
    """Lees een tekstbestand als UTF-8, met een Nederlandse fout voor alles wat misgaat."""
    pad = Path(pad)
    if not pad.exists():
        raise BestandFout(pad, [Probleem(f"{soort} niet gevonden; controleer de naam en de map")])
    if pad.is_dir():
        raise BestandFout(pad, [Probleem(f"dit is een map, geen {soort}; geef het pad naar een .yml-bestand")])
    try:
        ruw = pad.read_bytes()
    except OSError as fout:
        raise BestandFout(pad, [Probleem(f"kan het bestand niet lezen ({fout.strerror})")]) from None
    if b"\x00" in ruw[:8192]:
        raise BestandFout(
            pad,
            [
                Probleem(
                    "dit is geen tekstbestand maar een binair bestand (bijvoorbeeld een afbeelding of Word-document)"
                )
            ],
        )
    try:
        tekst = ruw.decode("utf-8")
    except UnicodeDecodeError as fout:
        regel = ruw[: fout.start].count(b"\n") + 1
        raise BestandFout(
            pad,
            [
                Probleem(
                    "het bestand is niet in UTF-8 opgeslagen; sla het op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8)",
                    regel=regel,
                )
            ],
        ) from None
    return tekst.removeprefix("\ufeff")


def lees_yaml(pad: Path | str, soort: str = "bestand") -> YamlDocument:
    """Lees een YAML-bestand met regelnummers; elke leesfout wordt een ``BestandFout``."""
    pad = Path(pad)
    tekst = lees_tekst(pad, soort)
    if not tekst.strip() or all(r.strip().startswith("#") or not r.strip() for r in tekst.splitlines()):
        raise BestandFout(pad, [Probleem(f"het bestand is leeg; een {soort} moet velden bevatten")])
    try:
        # Eén keer ontleden: dezelfde knopen leveren de gegevens én de regelnummers.
        lader = _GeenDubbeleSleutels(tekst)
        try:
            node = lader.get_single_node()
            data = lader.construct_document(node) if node is not None else None
        finally:
            lader.dispose()
    except yaml.MarkedYAMLError as fout:
        fout = _python_fout(tekst) or fout
        mark = fout.problem_mark or fout.context_mark
        regel = mark.line + 1 if mark else None
        kolom = f" (kolom {mark.column + 1})" if mark else ""
        raise BestandFout(pad, [Probleem(_vertaal_yaml_probleem(fout) + kolom, regel=regel)]) from None
    except yaml.YAMLError as fout:
        raise BestandFout(pad, [Probleem(f"de YAML-opmaak klopt niet ({fout})")]) from None
    return YamlDocument(pad, data, _regelnummers(node))


def veldnaam(pad: Pad) -> str:
    """Maak van ('partijen', 2, 'rol') de leesbare naam 'partijen[3].rol' (mensen tellen vanaf 1)."""
    tekst = ""
    for deel in pad:
        if isinstance(deel, int):
            tekst += f"[{deel + 1}]"
        else:
            tekst += f".{deel}" if tekst else str(deel)
    return tekst


_TYPEN = {
    "string": "tekst",
    "int": "een geheel getal",
    "float": "een getal",
    "bool": "ja/nee (true/false)",
    "list": "een lijst (regels die beginnen met '- ')",
    "dict": "een groep velden (veldnaam: waarde)",
    "model": "een groep velden (veldnaam: waarde)",
    "date": "een datum (JJJJ-MM-DD)",
    "url": "een webadres (https://...)",
}


_GRENZEN = {
    "greater_than": "groter dan",
    "greater_than_equal": "minstens",
    "less_than": "kleiner dan",
    "less_than_equal": "hoogstens",
}


def _pydantic_melding(fout: dict[str, Any], schema: type[BaseModel], pad: Pad) -> str:
    soort: str = fout["type"]
    if soort == "missing":
        return "verplicht veld ontbreekt"
    if soort == "extra_forbidden":
        naam = str(pad[-1]) if pad else ""
        bekend = _bekende_velden(schema, pad[:-1])
        tip = difflib.get_close_matches(naam, bekend, n=1)
        extra = f"; bedoel je '{tip[0]}'?" if tip else (f"; toegestaan: {', '.join(sorted(bekend))}" if bekend else "")
        return f"onbekend veld (tikfout?){extra}"
    if soort in ("literal_error", "enum"):
        verwacht = fout.get("ctx", {}).get("expected", "")
        return f"ongeldige waarde {fout.get('input')!r}; kies uit {verwacht}"
    if soort == "string_too_short":
        return "mag niet leeg zijn"
    if soort == "string_pattern_mismatch":
        return f"heeft niet de juiste vorm: {_kort(fout.get('input'))} past niet bij {fout.get('ctx', {}).get('pattern', '')!r}"
    if soort in _GRENZEN:
        grens = next(iter(fout.get("ctx", {}).values()), "")
        return f"moet {_GRENZEN[soort]} {grens} zijn, niet {_kort(fout.get('input'))}"
    if soort in ("too_short", "list_too_short"):
        minimaal = fout.get("ctx", {}).get("min_length", 1)
        return f"moet minstens {minimaal} item(s) bevatten"
    if soort == "value_error":
        return str(fout.get("ctx", {}).get("error", fout["msg"]))
    for sleutel, tekst in _TYPEN.items():
        if soort.startswith(sleutel) or soort.startswith(f"{sleutel}_"):
            return f"moet {tekst} zijn, niet {_kort(fout.get('input'))}"
    return f"ongeldige waarde ({fout['msg']})"


def _kort(waarde: Any) -> str:
    if isinstance(waarde, dict):
        return "een groep velden"
    if isinstance(waarde, list):
        return "een lijst"
    if waarde is None:
        return "leeg"
    tekst = repr(waarde)
    return tekst if len(tekst) <= 40 else tekst[:37] + "..."


def _bekende_velden(schema: type[BaseModel], pad: Pad) -> list[str]:
    """Veldnamen (met aliassen) van het (sub)model op dit pad, voor de 'bedoel je'-tip."""
    huidig: Any = schema
    for deel in pad:
        if isinstance(deel, int):
            continue
        if not (isinstance(huidig, type) and issubclass(huidig, BaseModel)):
            return []
        veld = _vind_veld(huidig, str(deel))
        if veld is None:
            return []
        huidig = _kern_type(veld.annotation)
    if isinstance(huidig, type) and issubclass(huidig, BaseModel):
        return [v.alias or naam for naam, v in huidig.model_fields.items()]
    return []


def _vind_veld(model: type[BaseModel], naam: str) -> Any:
    for veldnaam_, veld in model.model_fields.items():
        if naam in (veldnaam_, veld.alias):
            return veld
    return None


def _kern_type(annotatie: Any) -> Any:
    """Pak list[X], X | None en dict[str, X] uit tot X, zodat we verder kunnen afdalen."""
    from typing import get_args

    for arg in get_args(annotatie)[::-1] or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        dieper = _kern_type(arg)
        if isinstance(dieper, type) and issubclass(dieper, BaseModel):
            return dieper
    return annotatie


def _schoon_pad(loc: tuple[Any, ...]) -> Pad:
    """Laat pydantic-hulpdelen (zoals 'function-after[...]' of typenamen in unions) weg."""
    return tuple(d for d in loc if isinstance(d, int) or ("[" not in str(d) and not str(d).endswith("]")))


def valideer(document: YamlDocument, schema: type[T]) -> T:
    """Valideer gelezen YAML tegen een pydantic-model; fouten noemen veld en regel."""
    if not isinstance(document.data, dict):
        raise BestandFout(
            document.pad,
            [
                Probleem(
                    "het bestand moet met veldnamen beginnen (veldnaam: waarde), niet met een lijst of losse tekst",
                    regel=1,
                )
            ],
        )
    try:
        return schema.model_validate(document.data)
    except ValidationError as fouten:
        problemen = []
        for fout in fouten.errors():
            pad = _schoon_pad(fout["loc"])
            problemen.append(
                Probleem(_pydantic_melding(fout, schema, pad), veld=veldnaam(pad), regel=document.regel(pad))
            )
        raise BestandFout(document.pad, problemen) from None


def laad(pad: Path | str, schema: type[T], soort: str = "bestand") -> T:
    """Lees en valideer in één stap."""
    return valideer(lees_yaml(pad, soort), schema)


Plek = tuple[str | int, ...]


def validatiefout(titel: str, problemen: list[tuple[Plek, str, object]]) -> ValidationError:
    """Een pydantic-fout met een precieze plaats, zodat de melding veld en regel noemt.

    Modelvalidators die meerdere problemen tegelijk vinden (dubbele sleutels, onbekende verwijzingen)
    melden ze zo elk op hun eigen veld, in plaats van één fout op het hele bestand.
    """
    from pydantic_core import InitErrorDetails, PydanticCustomError

    return ValidationError.from_exception_data(
        titel,
        [
            InitErrorDetails(type=PydanticCustomError("value_error", melding), loc=loc, input=invoer)
            for loc, melding, invoer in problemen
        ],
    )


def controleer_plaatshouders(model: BaseModel, toegestaan: dict[str, set[str]]) -> list[tuple[Plek, str, object]]:
    """Elke tekst in een modelbestand mag alleen de {plaatshouders} gebruiken die de code invult."""
    import string

    problemen: list[tuple[Plek, str, object]] = []
    for naam, mag in toegestaan.items():
        tekst = getattr(model, naam)
        try:
            gebruikt = {veld for _, veld, _, _ in string.Formatter().parse(tekst) if veld is not None}
        except ValueError:
            problemen.append(
                ((naam,), "een accolade { of } staat niet goed; gebruik {{ en }} voor een losse accolade", tekst)
            )
            continue
        onbekend = sorted(gebruikt - mag)
        if onbekend:
            lijst = ", ".join("{" + t + "}" for t in sorted(mag)) or "geen"
            problemen.append(((naam,), f"onbekende plaatshouder {{{onbekend[0]}}}; toegestaan: {lijst}", tekst))
    return problemen


def uitvoersoort(uit: Path | str, toegestaan: tuple[str, ...], wat: str, *, map_moet_bestaan: bool = False) -> str:
    """De extensie van een uitvoerbestand (zonder punt), of een Nederlandse fout die zegt wat wel mag.

    Eén melding voor alle opdrachten die een bestand maken (poster, figuren, cijfers, overzicht), zodat een
    trainer of deelnemer overal dezelfde uitleg krijgt.
    """
    uit = Path(uit)
    extensie = uit.suffix.lower()
    if extensie not in toegestaan:
        gekregen = f"de extensie '{uit.suffix}'" if uit.suffix else "geen extensie"
        raise RegieFout(
            f"Kan {wat} niet opslaan als {uit.name}: de bestandsnaam heeft {gekregen}. "
            f"Kies een naam die eindigt op {' of '.join(toegestaan)}."
        )
    if map_moet_bestaan and not uit.parent.is_dir():
        raise RegieFout(f"De map '{uit.parent}' bestaat niet; maak hem eerst aan of kies een andere plek.")
    return extensie.removeprefix(".")
