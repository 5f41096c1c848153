"""Geen boekpagina, modeltekst of idioomvoorbeeld verklapt het antwoord op een beoordeeld onderdeel.

Het boek en de modelbestanden zijn openbaar: een deelnemer leest ze naast de oefeningen. Dus mag geen zin
een beoordeeld onderdeel van Springendal koppelen aan zijn antwoord. De sleutels komen uit
``notebooks/sleutels/springendal-mosbeek.yml``, de voorstellen van 4a uit de casusdata; de tabellen hieronder
zeggen alleen met welke woorden een onderdeel en een antwoord in gewone tekst opduiken. Een nieuwe sleutel
zonder regel in die tabellen laat de test falen, zodat niemand een onderdeel vergeet.

De controle is een vangnet voor de lekken uit de inhoudsreview (§6), geen bewijs van afwezigheid: hij zoekt
per zin (met de buurzinnen waar dat nodig is) naar een onderdeel én zijn antwoord.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from samenwerkingscode.model.opdrachten import laad_casusoefeningen

PROJECT = Path(__file__).resolve().parents[1]
SLEUTELS = PROJECT / "notebooks" / "sleutels" / "springendal-mosbeek.yml"
ANKERS = PROJECT / "notebooks" / "sleutels" / "springendal-mosbeek.ankers.yml"
MODELMAP = PROJECT / "samenwerkingscode" / "model"
# De oefeningen zelf (opdrachten.yml) en de voorstellen van 4a (voorstellen.yml) moeten het onderdeel noemen.
NIET_DOORZOEKEN = {"opdrachten.yml", "voorstellen.yml"}
# Trainersdata die nergens wordt getoond (tests/boek/test_taal.py bewaakt dat het boek ze niet overneemt):
# het Springendal-oordeel per situatie in de typologie.
NIET_DOORZOEKEN_VELDEN = {("typologie.yml", "springendal")}

# Per sleutel-id: met welke woorden het onderdeel in een zin opduikt (alternatieven; binnen een alternatief
# moeten alle patronen voorkomen). None: bewust niet gecontroleerd, met de reden erbij.
ONDERDEEL: dict[str, list[list[str]] | str] = {
    "provincie-aannemer": [[r"\baannemer"]],
    "praktijknetwerk": "de naam bevat het antwoord al (netwerk); dat is de vraag zelf, geen lek",
    "graafwerk": [[r"graafwerk"]],
    "hydrologie": [[r"\bkennis", r"\bdel(en|t)\b"], [r"hydrolog"]],
    "vernatting": "twee goede antwoorden; welke situatie past, is de open vraag van 3b",
}
# Per antwoordwaarde: woorden waarmee het antwoord in gewone tekst staat (één ervan volstaat).
ANTWOORD: dict[str, list[str]] = {
    "contract_afstandelijk": [r"afstandelijk", r"leveringsgericht"],
    "netwerk": [r"\bnetwerk"],
    "eisen_netwerk": [r"\bnetwerk"],
    "eisen_contract": [r"contract", r"\binkop"],
    "trade_off": [r"trade-?offs?\b"],
    "compromis": [r"compromis"],
}
OORDEEL_4A = [r"trade-?offs?\b", r"compromis"]
# Handmatige onderdelen (de ankers in het beoordelingsschema): onderdeel en antwoord als patronen.
HANDMATIG: dict[str, list[tuple[list[str], list[str], int]]] = {
    # 2b: de gepaarde oordelen per relatie (venster 1: de relatie staat vaak in de zin ervoor).
    "2b": [([r"\bBAC\b|terreinbeheerder|zelfrealisatie"], [r"verdedigba"], 1)],
    # 3c en 4c: de lezing van de overdracht in 2023.
    "3c": [([r"trekkersrol"], [r"\bmandaat"], 0)],
    "4c": [([r"trekkersrol"], [r"rolconflict"], 0)],
    # 4b: een trede van de ladder bij een moment van Springendal, in één alinea.
    "4b_uitleg": [([r"\b20(19|21|23)\b"], [r"\btrede\b"], -1)],
    # 3b: een situatie uit de typologie bij de partijen van Springendal.
    "3b": [([r"situatie \d"], [r"agrariër|terreinbeheerder|kavelruil|hectare|springendal"], 0)],
}
# Woorden die in elke zin kunnen staan en dus niets over een voorstel zeggen.
_STOPWOORDEN = (
    "alleen met een het de in op van en of aan voor over gaat maar heeft hebben blijft blijven hele niet zoals"
    " naar omdat zijn wordt worden plus geen alle waar daar tussen toch ook zodat andere nodig buiten deze"
    " elders krijgen krijgt komt"
)
STOPWOORDEN = set(_STOPWOORDEN.split())


@dataclass(frozen=True)
class Alinea:
    """Een alinea tekst met waar ze vandaan komt en haar context (bij YAML: sleutel en term van de ouder)."""

    plek: str
    context: str
    zinnen: tuple[str, ...]


def _zinnen(tekst: str) -> tuple[str, ...]:
    """Splits op zinseinden en op regels die een lijst- of tabelregel beginnen."""
    delen: list[str] = []
    for regel in re.split(r"\n(?=\s*(?:[-*|]|\d+\.)\s)", tekst):
        delen += [z for z in re.split(r"(?<=[.!?:;])\s+(?=[\"'*(]?[A-Z0-9])", " ".join(regel.split())) if z]
    return tuple(delen)


def alineas_uit_markdown(pad: Path, tekst: str) -> Iterator[Alinea]:
    """Per alinea; elke tabelregel is een eigen alinea, want de buurregel gaat over een andere partij."""
    for i, blok in enumerate(re.split(r"\n\s*\n", tekst)):
        tabel = [r for r in blok.splitlines() if r.lstrip().startswith("|")]
        for j, regel in enumerate(tabel):
            yield Alinea(f"{pad}#{i}.{j}", "", (" ".join(regel.split()),))
        rest = "\n".join(r for r in blok.splitlines() if not r.lstrip().startswith("|"))
        if rest.strip():
            yield Alinea(f"{pad}#{i}", "", _zinnen(rest))


def alineas_uit_yaml(pad: Path, data: Any, sleutels: tuple[str, ...] = (), context: str = "") -> Iterator[Alinea]:
    if isinstance(data, dict):
        naam = " ".join(str(data[k]) for k in ("sleutel", "naam", "term", "label") if isinstance(data.get(k), str))
        for k, v in data.items():
            if (pad.name, str(k)) in NIET_DOORZOEKEN_VELDEN:
                continue
            yield from alineas_uit_yaml(pad, v, (*sleutels, str(k)), f"{context} {k} {naam}")
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from alineas_uit_yaml(pad, v, (*sleutels, str(i)), context)
    elif isinstance(data, str) and not data.startswith(("http://", "https://")):
        yield Alinea(f"{pad}:{'.'.join(sleutels)}", context.replace("_", "-"), _zinnen(data))


def alle_alineas() -> Iterator[Alinea]:
    for pad in sorted((PROJECT / "book").rglob("*.md")):
        yield from alineas_uit_markdown(pad.relative_to(PROJECT), pad.read_text(encoding="utf-8"))
    for pad in sorted(MODELMAP.glob("*.yml")):
        if pad.name not in NIET_DOORZOEKEN:
            data = yaml.safe_load(pad.read_text(encoding="utf-8"))
            yield from alineas_uit_yaml(pad.relative_to(PROJECT), data)


def _heeft(patronen: list[str], tekst: str) -> bool:
    return any(re.search(p, tekst, re.IGNORECASE) for p in patronen)


def _alle(patronen: list[str], tekst: str) -> bool:
    return all(re.search(p, tekst, re.IGNORECASE) for p in patronen)


def _vensters(a: Alinea, venster: int) -> Iterator[str]:
    """Elke zin met `venster` buurzinnen aan weerszijden; venster -1 is de hele alinea."""
    if venster < 0:
        yield " ".join(a.zinnen)
        return
    for i in range(len(a.zinnen)):
        yield " ".join(a.zinnen[max(0, i - venster) : i + venster + 1])


def _woord(w: str) -> str:
    """Een kleine Nederlandse normalisatie, zodat 'halve' en 'half', 'vrijwillige' en 'vrijwillig' gelijk zijn."""
    w = w.lower().removesuffix("e")
    if w.endswith("v"):
        w = w[:-1] + "f"
    if w.endswith("z"):
        w = w[:-1] + "s"
    return w


def _woorden(tekst: str, minimaal: int = 4) -> set[str]:
    """De inhoudswoorden van een tekst (kleine letters, zonder stopwoorden)."""
    return {w for w in re.findall(r"[a-zà-ÿ]+", tekst.lower()) if len(w) >= minimaal and w not in STOPWOORDEN}


def _past(woord: str, zin: set[str]) -> bool:
    """Staat het woord in de zin, genormaliseerd of met dezelfde eerste vijf letters ('halve', 'halverwege')?"""
    return any(_woord(w) == _woord(woord) or (len(w) >= 5 and len(woord) >= 5 and w[:5] == woord[:5]) for w in zin)


def _overlap(zin: set[str], voorstel: set[str]) -> int:
    return sum(_past(w, zin) for w in voorstel)


@dataclass(frozen=True)
class Regel:
    """Een onderdeel en zijn antwoord: de controle slaat aan als beide in hetzelfde venster staan."""

    item: str
    onderdeel: list[list[str]]
    antwoord: list[str]
    venster: int = 1


def regels_uit_sleutels() -> list[Regel]:
    data = yaml.safe_load(SLEUTELS.read_text(encoding="utf-8"))["sleutels"]
    regels: list[Regel] = []
    for item, sleutels in data.items():
        if item == "4a":
            continue  # de voorstellen hebben hun eigen controle, met de titels uit de casusdata
        for sid, antwoord in sleutels.items():
            spec = ONDERDEEL.get(sid)
            assert spec is not None, f"sleutel {item}/{sid} heeft geen regel in ONDERDEEL van deze test"
            if isinstance(spec, str):
                continue
            waarden = antwoord if isinstance(antwoord, list) else [antwoord]
            for w in waarden:
                assert w in ANTWOORD, f"antwoord {w!r} van {item}/{sid} heeft geen regel in ANTWOORD"
                regels.append(Regel(f"{item}/{sid}", spec, ANTWOORD[w]))
    for item, lijst in HANDMATIG.items():
        for onderdeel, antwoord, venster in lijst:
            regels.append(Regel(item, [onderdeel], antwoord, venster))
    return regels


def _lek(regel: Regel, a: Alinea) -> str | None:
    for tekst in _vensters(a, regel.venster):
        if any(_alle(alt, tekst) for alt in regel.onderdeel) and _heeft(regel.antwoord, f"{a.context} {tekst}"):
            return tekst
    return None


@dataclass(frozen=True)
class Voorstel4a:
    id: str
    titel: set[str]
    alles: set[str]


def voorstellen_4a() -> list[Voorstel4a]:
    return [
        Voorstel4a(v.id, _woorden(v.titel), _woorden(v.titel) | _woorden(v.beschrijving, minimaal=5))
        for v in laad_casusoefeningen().voorstellen("4a")
    ]


def _lek_4a(v: Voorstel4a, a: Alinea) -> str | None:
    """Twee woorden uit de titel, of drie uit titel en beschrijving, in een zin die trade-off of compromis noemt."""
    for zin in a.zinnen:
        woorden = _woorden(zin)
        if (_overlap(woorden, v.titel) >= 2 or _overlap(woorden, v.alles) >= 3) and _heeft(
            OORDEEL_4A, f"{a.context} {zin}"
        ):
            return zin
    return None


def lekken(alineas: list[Alinea]) -> list[str]:
    gevonden: list[str] = []
    regels = regels_uit_sleutels()
    voorstellen = voorstellen_4a()
    for a in alineas:
        for r in regels:
            if (tekst := _lek(r, a)) is not None:
                gevonden.append(f"{a.plek} ({r.item}): {tekst[:160]}")
        for v in voorstellen:
            if (zin := _lek_4a(v, a)) is not None:
                gevonden.append(f"{a.plek} (4a/{v.id}): {zin[:160]}")
    return gevonden


# --- de controle zelf ------------------------------------------------------------------------------------


def test_boek_en_modeltekst_verklappen_geen_antwoord() -> None:
    gevonden = lekken(list(alle_alineas()))
    assert gevonden == [], "tekst die een antwoord verklapt:\n" + "\n".join(gevonden)


def test_elke_sleutel_heeft_een_regel_en_de_woorden_staan_in_de_oefening() -> None:
    """De tabellen horen bij de oefendata: de onderdeelwoorden staan echt in de naam van relatie of opgave."""
    regels_uit_sleutels()  # faalt bij een sleutel zonder regel
    oefeningen = laad_casusoefeningen()
    namen = {
        x.id: x.naam for deel in ("2a", "3a") for x in (*oefeningen.deel(deel).relaties, *oefeningen.deel(deel).opgaven)
    }
    for sid, spec in ONDERDEEL.items():
        assert sid in namen, f"{sid} staat niet in de oefendata van 2a of 3a"
        if not isinstance(spec, str):
            assert any(_alle(alt, namen[sid]) for alt in spec), f"{sid}: {spec} past niet op {namen[sid]!r}"
    ankers = yaml.safe_load(ANKERS.read_text(encoding="utf-8"))["ankers"]
    assert set(HANDMATIG) <= set(ankers), "HANDMATIG noemt een onderdeel zonder ankers"
    assert {v.id for v in voorstellen_4a()} == set(
        yaml.safe_load(SLEUTELS.read_text(encoding="utf-8"))["sleutels"]["4a"]
    )


# --- de checker vangt de oude lekken (unit tests met de zinnen van vóór deze wijziging) -------------------


def _md(tekst: str) -> list[Alinea]:
    return list(alineas_uit_markdown(Path("oud.md"), tekst))


def _yml(tekst: str, naam: str = "oud.yml") -> list[Alinea]:
    return list(alineas_uit_yaml(Path(naam), yaml.safe_load(tekst)))


OUDE_LEKKEN: dict[str, list[Alinea]] = {
    "4a trade-off in schakelbak.yml": _yml(
        "trade_off:\n  term: Trade-off\n  uitleg: >-\n    Een expliciete, beredeneerde ruil die het gezamenlijk"
        " doel heel laat. Een partij geeft een eigen doel op en krijgt daar een tegenprestatie voor die vastligt,"
        " bijvoorbeeld volledige vernatting in de kernzone met kavelruil of compensatie, zodat een agrariër elders"
        " een gelijkwaardig bedrijf houdt.\n"
    ),
    "4a compromis in schakelbak.yml": _yml(
        "compromis:\n  term: Compromis\n  uitleg: >-\n    Het verschil delen. Bijvoorbeeld overal een half"
        " verhoogd waterpeil: het Natura 2000-doel wordt niet gehaald, en de landbouw heeft toch last.\n"
    ),
    "4a trade-off in idioom.yml": _yml(
        "termen:\n  - naam: Trade-off\n    definitie: >-\n      Een expliciete ruil. Bijvoorbeeld: een partij levert"
        " grond in en krijgt elders gelijkwaardige grond terug, en het natuurdoel wordt volledig gehaald.\n"
    ),
    "4a compromis in idioom.yml": _yml(
        "termen:\n  - naam: Compromis\n    definitie: >-\n      Het verschil delen. Bijvoorbeeld: een maatregel half"
        " uitvoeren zodat niemand hoeft in te leveren, terwijl het doel dan ook niet gehaald wordt.\n"
    ),
    "4a hint in blok 4": _md(
        'Woorden als "halverwege", "overal een beetje" of "we zien wel" wijzen vaak op een compromis.'
    ),
    "2a aannemer": _md(
        "De provincie huurt een aannemer in voor het graafwerk. Dat is een contract-samenwerking afstandelijk."
    ),
    "3a hydrologie": _md(
        "Een netwerk past goed bij een opgave waarin partijen kennis delen of elkaar op de hoogte houden."
    ),
    "3a kennis in de beslisboom": _yml(
        "uitleg: Als kennis of contacten delen genoeg is, volstaat een netwerk.\n", "schakelbak.yml"
    ),
    "2b oordelen": _md(
        "```{admonition} Uitwerking in deze cursuskit: twee verdedigbare oordelen over de terreinbeheerders\n"
        ":class: note\nVolgens de reconstructie hangt het af van anderen. Een verdedigbaar oordeel: dit is een"
        " diepe contract-samenwerking.\n```"
    ),
    "4c schakelbak-interventie": _yml(
        "signalen:\n  - sleutel: rolconflict\n    label: Een partij combineert rollen die botsen\n    interventies:\n"
        "      - Leg de trekkersrol bij een partij zonder tegenstrijdig belang.\n"
    ),
    "3c lezing van de overdracht": _md(
        "LTO Noord droeg de trekkersrol over, en de cursuskit leest dat als een vraag van mandaat."
    ),
    "4b ladderlezing": _md(
        "De stop van 2021 is een sterk signaal. Een mogelijke lezing: essentiële bijdragen waren nog niet"
        " gezekerd. Dat raakt de trede *Werkt*, en misschien al *Kan*."
    ),
    "3b situatie": _md("Op dezelfde hectare sluiten nat en droog elkaar uit; dat kan wijzen op situatie 7."),
}


@pytest.mark.parametrize("naam", sorted(OUDE_LEKKEN))
def test_de_controle_vangt_de_oude_lekken(naam: str) -> None:
    assert lekken(OUDE_LEKKEN[naam]), f"de controle mist het oude lek: {naam}"


def test_de_controle_laat_het_bedachte_voorbeeld_en_de_regel_staan() -> None:
    schoon = _md(
        'Het voorstel "de beek meandert over één kilometer, de route blijft op de andere kilometer" deelt het'
        " verschil. Dit is een compromis.\n\nDe contract-samenwerking afstandelijk is leveringsgericht: het draait"
        " om de levering zelf.\n\nLTO Noord droeg in 2023 de trekkersrol over aan de provincie."
    )
    assert lekken(schoon) == []
