"""YAML-bestanden lezen en valideren, met foutmeldingen in het Nederlands.

Casusbestanden worden geschreven door mensen die geen programmeur zijn; een fout moet
daarom het bestand, de regel en het veld noemen, en nooit een Python-traceback tonen.
Het model van de Samenwerkingscode (``model/*.yml``) gaat door dezelfde poort, zodat een
trainer die een modelbestand vervangt dezelfde duidelijke meldingen krijgt.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from samenwerkingscode.model.bestanden import os_reden

T = TypeVar("T", bound=BaseModel)

Pad = tuple[str | int, ...]


class RegieFout(Exception):
    """Basis van alle fouten die de kit aan een mens toont: de tekst is Nederlands en volledig."""


class StrengModel(BaseModel):
    """Basis van de modellen van de kit: een onbekend veld is een fout (tikfout) en een gelezen model verandert niet."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def bedoel_je(
    woord: object,
    opties: Iterable[str],
    *,
    opmaak: str = "; bedoel je '{tip}'?",
    anders: str = "",
    normaliseer: Callable[[str], str] | None = None,
) -> str:
    """De 'bedoel je …?'-tip met de optie die het meest op ``woord`` lijkt, of ``anders`` als er geen lijkt.

    Eén plek voor de tip in alle meldingen (casus, model, widgets), zodat ze overal even streng zijn.
    ``normaliseer`` vergelijkt bijvoorbeeld zonder hoofdletters of accenten; de tip toont de optie zelf.
    """
    opties = list(dict.fromkeys(opties))
    vorm = normaliseer or (lambda t: t)
    op_sleutel = {vorm(o): o for o in opties}
    tips = difflib.get_close_matches(vorm(str(woord)), list(op_sleutel), n=1)
    return opmaak.format(tip=op_sleutel[tips[0]]) if tips else anders


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
            plaats.append(f"veld '{_ingekort(self.veld, 80)}'")
        melding = _ingekort(self.melding, MAX_MELDING)
        return f"{', '.join(plaats)}: {melding}" if plaats else melding


def _ingekort(tekst: str, n: int) -> str:
    """Een melding herhaalt nooit een hele (misschien megabytes lange) invoer."""
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


@dataclass
class BestandFout(RegieFout):
    """Een bestand kan niet gelezen of gevalideerd worden; noemt bestand, regel en veld."""

    pad: Path
    problemen: list[Probleem] = field(default_factory=list)
    niet_uitgewerkt: int = 0
    """Aantal verdere problemen die wel geteld maar (om tijd te sparen) niet uitgeschreven zijn."""

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        totaal = len(self.problemen) + self.niet_uitgewerkt
        if totaal == 1:
            return f"Fout in {self.pad}: {self.problemen[0].tekst()}"
        regels = [f"{totaal} fouten in {self.pad}:"]
        regels += [f"  - {p.tekst()}" for p in self.problemen[:MAX_PROBLEMEN]]
        if totaal > MAX_PROBLEMEN:
            regels.append(f"  … en nog {totaal - MAX_PROBLEMEN} fouten (los eerst deze op)")
        return "\n".join(regels)


# Grenzen: een casus of modelbestand is enkele tientallen kB en een paar niveaus diep. De grenzen
# liggen ruim daarboven, maar houden een kapot of kwaadaardig bestand (billion laughs, diepe nesting,
# een getal van duizenden cijfers) klein in tijd en geheugen.
MAX_BYTES = 2_000_000
"""Grootste YAML-bestand in bytes."""
MAX_DIEPTE = 50
"""Diepste nesting van groepen en lijsten."""
MAX_KNOPEN = 100_000
"""Meeste waarden (knopen) in één bestand."""
MAX_CIJFERS = 50
"""Meeste cijfers in één getal."""
MAX_PROBLEMEN = 50
"""Meeste problemen die een melding opsomt; de rest wordt geteld."""
MAX_MELDING = 300
"""Langste melding over één probleem (waarden worden ingekort, nooit volledig herhaald)."""
_PYTHON_FOUT_GRENS = 1_000_000
"""Tot deze grootte wordt een syntaxfout nog eens met de (tragere) Python-parser bekeken voor een betere melding."""

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
    "exceeded maximum nesting depth": f"de gegevens zijn te diep genest (hoogstens {MAX_DIEPTE} niveaus)",
    "found incompatible YAML document": "de regel '%YAML …' noemt een versie die niet wordt ondersteund; haal die regel weg",
    "found duplicate YAML directive": "de regel '%YAML …' staat er twee keer; haal die regels weg",
    "found undefined tag handle": "er staat een onbekende aanduiding met '!'; haal die weg",
    "could not determine a constructor for the tag": "een aanduiding met '!!' of '!' wordt niet ondersteund; haal die weg",
    "that cannot start any token": "er staat een teken waarmee een waarde niet mag beginnen (zoals @ of `); zet de tekst tussen aanhalingstekens",
    "found unknown directive name": "er staat een onbekende regel die met % begint; haal die weg",
    "expected alphabetic or numeric character": "na & of * moet een naam staan; zet de tekst tussen aanhalingstekens",
    "found unexpected document separator": "er staat een regel '---' of '...' midden in het bestand",
    "while scanning a block scalar": "een tekstblok na | of > is niet goed opgebouwd",
    "while scanning a plain scalar": "een waarde is niet goed afgesloten (zet de tekst tussen aanhalingstekens)",
    "while scanning a simple key": "er ontbreekt een dubbele punt ':' na een veldnaam",
    "while scanning an anchor": "na & moet een naam staan; zet de tekst tussen aanhalingstekens",
    "while scanning an alias": "na * moet een naam staan; zet de tekst tussen aanhalingstekens",
    "while scanning a tag": "een aanduiding met '!' is niet goed opgebouwd; haal die weg",
    "while scanning a directive": "een regel die met % begint is niet goed opgebouwd; haal die weg",
}
_ALGEMEEN = "de YAML-opmaak klopt niet (controleer inspringing, dubbele punten, haakjes en aanhalingstekens)"


def kort(waarde: Any, n: int = 40) -> str:
    """Een waarde zoals een melding haar toont: ingekort, zodat een melding nooit een lange invoer herhaalt."""
    if isinstance(waarde, dict):
        return "een groep velden"
    if isinstance(waarde, list):
        return "een lijst"
    if waarde is None:
        return "leeg"
    tekst = repr(waarde) if not isinstance(waarde, str) else repr(waarde[: n + 1])
    return tekst if len(tekst) <= n else tekst[: n - 3] + "..."


def _vertaal_yaml_probleem(fout: yaml.MarkedYAMLError) -> str:
    tekst = " ".join(filter(None, [fout.context, fout.problem]))
    for engels, nederlands in _YAML_PROBLEMEN.items():
        if engels in tekst:
            return nederlands
    return _ALGEMEEN


def _regelnummers(wortel: yaml.Node | None) -> dict[Pad, int]:
    """Koppel elk pad in het document aan de regel waar het staat (1-based), zonder recursie."""
    uit: dict[Pad, int] = {}
    te_doen: list[tuple[yaml.Node, Pad]] = [(wortel, ())] if wortel is not None else []
    while te_doen:
        node, pad = te_doen.pop()
        uit.setdefault(pad, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for sleutel, waarde in node.value:
                sub = (*pad, str(sleutel.value))
                uit[sub] = sleutel.start_mark.line + 1
                te_doen.append((waarde, sub))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = (*pad, i)
                uit[sub] = item.start_mark.line + 1
                te_doen.append((item, sub))
    return uit


def _controleer_knopen(wortel: yaml.Node) -> Probleem | None:
    """Weiger verwijzingen (&/*), samengestelde veldnamen en te diepe of te grote documenten, vóór het bouwen.

    Een verwijzing (alias) maakt dat één knoop vaker voorkomt; daarmee zijn billion laughs en een
    verwijzing naar zichzelf mogelijk. Casus- en modelbestanden hebben ze niet nodig.
    """
    gezien: set[int] = set()
    te_doen: list[tuple[yaml.Node, int]] = [(wortel, 1)]
    while te_doen:
        node, diepte = te_doen.pop()
        regel = node.start_mark.line + 1
        if id(node) in gezien:
            return Probleem(
                "verwijzingen met & en * (YAML-ankers) worden niet ondersteund; schrijf de waarde voluit", regel=regel
            )
        gezien.add(id(node))
        if len(gezien) > MAX_KNOPEN:
            return Probleem(f"het bestand bevat meer dan {MAX_KNOPEN} waarden", regel=regel)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and diepte > MAX_DIEPTE:
            return Probleem(f"de gegevens zijn te diep genest (hoogstens {MAX_DIEPTE} niveaus)", regel=regel)
        if isinstance(node, yaml.MappingNode):
            for sleutel, waarde in node.value:
                if not isinstance(sleutel, yaml.ScalarNode):
                    return Probleem(
                        "een veldnaam moet gewone tekst zijn, geen lijst of groep (staat er een '?' of '[' te veel?)",
                        regel=sleutel.start_mark.line + 1,
                    )
                te_doen.append((sleutel, diepte + 1))
                te_doen.append((waarde, diepte + 1))
        elif isinstance(node, yaml.SequenceNode):
            te_doen.extend((item, diepte + 1) for item in node.value)
    return None


_TAG = "tag:yaml.org,2002:"


class _EigenFout(yaml.constructor.ConstructorError):
    """Een fout die de kit zelf vond; ``problem`` is al een Nederlandse melding."""


def _eigen_fout(melding: str, node: yaml.Node) -> _EigenFout:
    return _EigenFout(None, None, melding, node.start_mark)


def _bouwfout(node: yaml.Node) -> str:
    """Een Nederlandse melding voor een waarde die PyYAML niet kan bouwen (ValueError e.d., geen YAMLError)."""
    tag = str(node.tag or "")
    waarde = kort(node.value) if isinstance(node, yaml.ScalarNode) else ""
    if tag == _TAG + "timestamp":
        return f"{waarde} is geen bestaande datum of tijd; schrijf een datum als JJJJ-MM-DD (bijvoorbeeld 2019-04-18)"
    if tag == _TAG + "int":
        return f"{waarde} is geen bruikbaar geheel getal"
    if tag == _TAG + "float":
        return f"{waarde} is geen bruikbaar getal"
    korte_tag = tag.removeprefix(_TAG)
    return f"de waarde past niet bij de aanduiding '!!{kort(korte_tag, 30).strip(chr(39))}'; haal die aanduiding weg"


def _bouw_knoop(self: Any, node: yaml.Node, deep: bool = False) -> Any:
    """construct_object met een Nederlandse fout (en regel) voor elke waarde die niet te bouwen is."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "int":
        cijfers = sum(t.isdigit() for t in str(node.value))
        if cijfers > MAX_CIJFERS:
            raise _eigen_fout(f"een getal van {cijfers} cijfers is te lang (hoogstens {MAX_CIJFERS})", node)
    try:
        return yaml.constructor.SafeConstructor.construct_object(self, node, deep=deep)
    except yaml.YAMLError:
        raise
    except (ValueError, TypeError, AttributeError, OverflowError, KeyError, IndexError):
        raise _eigen_fout(_bouwfout(node), node) from None


def _zonder_dubbele_sleutels(self: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    """construct_mapping die een dubbele veldnaam weigert in plaats van stil te overschrijven."""
    if not isinstance(node, yaml.MappingNode):  # bijvoorbeeld '!!map x': een groep-label op een losse waarde
        raise _eigen_fout("het label '!!map' hoort bij een groep met velden, niet bij een losse waarde", node)
    gezien: set[Any] = set()
    for sleutel_node, _ in node.value:
        sleutel = self.construct_object(sleutel_node, deep=deep)
        try:
            dubbel = sleutel in gezien
            gezien.add(sleutel)
        except TypeError:
            raise _eigen_fout("een veldnaam moet gewone tekst zijn, geen lijst of groep", sleutel_node) from None
        if dubbel:
            raise _eigen_fout(f"de veldnaam {kort(sleutel)} komt twee keer voor", sleutel_node)
    return yaml.constructor.SafeConstructor.construct_mapping(self, node, deep=deep)


_SnelleLader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml als die er is


class _GeenDubbeleSleutels(_SnelleLader):  # type: ignore[misc, valid-type]
    """Veilige lader die een dubbele veldnaam weigert in plaats van stil te overschrijven.

    Gebaseerd op libyaml (C) waar beschikbaar: modelbestanden en casussen worden bij elke notebookstart
    en elke beoordeling gelezen, en de Python-parser is daarvoor tien keer te traag.
    """

    construct_mapping = _zonder_dubbele_sleutels
    construct_object = _bouw_knoop


def _python_fout(tekst: str) -> yaml.MarkedYAMLError | None:
    """Dezelfde fout volgens de Python-parser: die meldingen vertalen we (libyaml formuleert ze anders).

    Alleen voor kleine bestanden (de Python-parser is traag) en alleen de opmaak: er wordt niets gebouwd.
    """
    if len(tekst) > _PYTHON_FOUT_GRENS:
        return None
    lader = _PythonLader(tekst)
    try:
        lader.get_single_node()
    except yaml.MarkedYAMLError as fout:
        return fout
    except (yaml.YAMLError, RecursionError, MemoryError):
        return None
    finally:
        lader.dispose()
    return None


class _PythonLader(yaml.SafeLoader):
    """Alleen voor foutmeldingen: de Python-parser."""


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


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_STUURTEKEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _codering(ruw: bytes) -> str | None:
    """'UTF-16' of 'UTF-32' als het bestand zo is opgeslagen (met of zonder BOM), anders None."""
    for bom, naam in _BOMS:
        if ruw.startswith(bom):
            return naam
    begin = ruw[:400]
    if len(begin) >= 4 and begin.count(0) * 2 >= len(begin) * 0.9:
        return "UTF-32" if begin.count(0) * 4 >= len(begin) * 2.8 else "UTF-16"
    return None


def lees_tekst(pad: Path | str, soort: str = "bestand") -> str:
    """Lees een tekstbestand als UTF-8, met een Nederlandse fout voor alles wat misgaat.

    Alleen gewone bestanden: een map, named pipe of apparaat wordt meteen geweigerd (lezen zou blijven
    hangen), en er wordt nooit meer dan :data:`MAX_BYTES` gelezen.
    """
    pad = Path(pad)
    try:
        st = os.stat(pad)
    except FileNotFoundError:
        raise BestandFout(pad, [Probleem(f"{soort} niet gevonden; controleer de naam en de map")]) from None
    except OSError as fout:
        raise BestandFout(pad, [Probleem(f"kan het bestand niet lezen ({os_reden(fout)})")]) from None
    if stat.S_ISDIR(st.st_mode):
        raise BestandFout(pad, [Probleem(f"dit is een map, geen {soort}; geef het pad naar een .yml-bestand")])
    if not stat.S_ISREG(st.st_mode):
        raise BestandFout(
            pad, [Probleem(f"dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat); geef een {soort}")]
        )
    if st.st_size > MAX_BYTES:
        raise BestandFout(pad, [Probleem(f"het bestand is te groot ({_mb(st.st_size)}; hoogstens {_mb(MAX_BYTES)})")])
    try:
        with open(pad, "rb") as f:
            ruw = f.read(MAX_BYTES + 1)
    except OSError as fout:
        raise BestandFout(pad, [Probleem(f"kan het bestand niet lezen ({os_reden(fout)})")]) from None
    if len(ruw) > MAX_BYTES:
        raise BestandFout(pad, [Probleem(f"het bestand is te groot (meer dan {_mb(MAX_BYTES)})")])
    codering = _codering(ruw)
    if codering is not None:
        raise BestandFout(
            pad,
            [
                Probleem(
                    f"het bestand is opgeslagen als {codering} (in Windows heet dat soms 'Unicode'); sla het op als "
                    "UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8)"
                )
            ],
        )
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
    tekst = tekst.removeprefix("\ufeff")
    teken = _STUURTEKEN.search(tekst)
    if teken is not None:
        regel = tekst.count("\n", 0, teken.start()) + 1
        kolom = teken.start() - (tekst.rfind("\n", 0, teken.start()) + 1) + 1
        raise BestandFout(
            pad,
            [
                Probleem(
                    f"er staat een onzichtbaar stuurteken (U+{ord(teken.group()):04X}) in de tekst (kolom {kolom}); "
                    "haal het weg of typ de tekst opnieuw",
                    regel=regel,
                )
            ],
        )
    return tekst


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB".replace(".", ",")


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
            probleem = _controleer_knopen(node) if node is not None else None
            if probleem is not None:
                raise BestandFout(pad, [probleem])
            data = lader.construct_document(node) if node is not None else None
        finally:
            lader.dispose()
    except _EigenFout as fout:
        mark = fout.problem_mark
        raise BestandFout(pad, [Probleem(str(fout.problem), regel=mark.line + 1 if mark else None)]) from None
    except yaml.MarkedYAMLError as fout:
        if "exceeded maximum nesting depth" not in str(fout.problem):
            fout = _python_fout(tekst) or fout
        mark = fout.problem_mark or fout.context_mark
        regel = mark.line + 1 if mark else None
        kolom = f" (kolom {mark.column + 1})" if mark else ""
        raise BestandFout(pad, [Probleem(_vertaal_yaml_probleem(fout) + kolom, regel=regel)]) from None
    except yaml.YAMLError:
        raise BestandFout(pad, [Probleem(_ALGEMEEN)]) from None
    except RecursionError:
        raise BestandFout(
            pad, [Probleem(f"de gegevens zijn te diep genest (hoogstens {MAX_DIEPTE} niveaus)")]
        ) from None
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
        extra = bedoel_je(naam, bekend, anders=f"; toegestaan: {', '.join(sorted(bekend))}" if bekend else "")
        return f"onbekend veld (tikfout?){extra}"
    if soort in ("literal_error", "enum"):
        verwacht = str(fout.get("ctx", {}).get("expected", "")).replace(" or ", " of ")
        return f"ongeldige waarde {kort(fout.get('input'))}; kies uit {verwacht}"
    if soort == "string_too_short":
        return "mag niet leeg zijn"
    if soort == "string_pattern_mismatch":
        return f"heeft niet de juiste vorm: {kort(fout.get('input'))} past niet bij {fout.get('ctx', {}).get('pattern', '')!r}"
    if soort in _GRENZEN:
        grens = next(iter(fout.get("ctx", {}).values()), "")
        return f"moet {_GRENZEN[soort]} {grens} zijn, niet {kort(fout.get('input'))}"
    if soort in ("too_short", "list_too_short"):
        minimaal = fout.get("ctx", {}).get("min_length", 1)
        return f"moet minstens {minimaal} item(s) bevatten"
    if soort in ("too_long", "list_too_long", "string_too_long"):
        maximaal = fout.get("ctx", {}).get("max_length", "")
        wat = "tekens" if soort == "string_too_long" else "item(s)"
        return f"is te lang; hoogstens {maximaal} {wat}"
    if soort == "finite_number":
        return "moet een gewoon getal zijn (geen oneindig of NaN)"
    if soort == "value_error":
        # Een ValueError uit een validator heeft de tekst in ctx; een eigen fout (validatiefout) in msg.
        fouttekst = (fout.get("ctx") or {}).get("error")
        return str(fouttekst) if fouttekst is not None else str(fout.get("msg") or "ongeldige waarde")
    for sleutel, tekst in _TYPEN.items():
        if soort.startswith(sleutel) or soort.startswith(f"{sleutel}_"):
            return f"moet {tekst} zijn, niet {kort(fout.get('input'))}"
    return f"ongeldige waarde {kort(fout.get('input'))}"  # nooit pydantics Engelse tekst


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
        alle = fouten.errors(include_url=False)
        for fout in alle[:MAX_PROBLEMEN]:  # de rest wordt alleen geteld: duizenden meldingen helpen niemand
            pad = _schoon_pad(fout["loc"])
            problemen.append(
                Probleem(_pydantic_melding(fout, schema, pad), veld=veldnaam(pad), regel=document.regel(pad))
            )
        raise BestandFout(document.pad, problemen, niet_uitgewerkt=len(alle) - len(problemen)) from None


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


class Teksten(StrengModel):
    """Vaste teksten uit een modelbestand, met {plaatshouders} die de code invult.

    Een subklasse noemt in ``PLAATSHOUDERS`` per veld welke plaatshouders het mag gebruiken; een
    andere plaatshouder of een losse accolade is een fout met de naam van het veld, zodat een trainer
    die de tekst vervangt het meteen ziet en niet pas als een deelnemer een kapotte zin krijgt.
    """

    PLAATSHOUDERS: ClassVar[dict[str, set[str]]] = {}

    @model_validator(mode="after")
    def _plaatshouders(self) -> Teksten:
        import string

        problemen: list[tuple[Plek, str, object]] = []
        for naam, mag in self.PLAATSHOUDERS.items():
            tekst = getattr(self, naam)
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
        if problemen:
            raise validatiefout(type(self).__name__, problemen)
        return self


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
