"""Feedback zonder verborgen tests en modelantwoorden.

nbgrader zet bij het beoordelen de vergrendelde cellen terug uit de bron, mét verborgen tests en
beoordelingsschema's (``BEGIN MARK SCHEME``). Zijn ``generate_feedback`` laat die standaard in de
HTML staan, in de cel zelf en in de foutmelding van een mislukte test. Deze module haalt ze eruit
voordat de HTML gemaakt wordt: :class:`VerbergModelantwoorden` staat in
``GenerateFeedback.preprocessors`` (zie ``cursusmap.nbgrader_config``).

De functies hier werken ook zonder nbconvert en dienen tevens voor de lekcontrole van
deelnemersversies en feedback (:func:`geheime_regels`, :func:`lekken`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

# (begin, eind, soort) zoals nbgrader ze herkent: de markering mag ergens in de regel staan.
REGIO_S = (
    ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "verborgen test"),
    ("BEGIN MARK SCHEME", "END MARK SCHEME", "beoordelingsschema"),
    ("BEGIN SOLUTION", "END SOLUTION", "modelantwoord"),
)
MARKERINGEN = tuple(m for begin, eind, _ in REGIO_S for m in (begin, eind))
MELDING_VERBORGEN = "Een verborgen test is niet geslaagd. (Wat die test controleert, blijft geheim.)"

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_TAG = re.compile(r"<[^>]*>")
_MIN_LENGTE = 5


def zonder_ansi(tekst: str) -> str:
    """Tekst zonder kleurcodes van de terminal (die staan in tracebacks)."""
    return _ANSI.sub("", tekst)


def html_als_tekst(inhoud: str) -> str:
    """De leesbare tekst van HTML: syntaxiskleuring splitst code in veel ``<span>``'s."""
    return html.unescape(_TAG.sub("", inhoud))


def splits_regio_s(bron: str) -> tuple[str, list[str]]:
    """(zichtbare tekst, regels uit geheime gebieden); markeringsregels verdwijnen ook."""
    zichtbaar: list[str] = []
    geheim: list[str] = []
    open_eind: str | None = None
    for regel in bron.split("\n"):
        if open_eind is None:
            begin = next(((b, e) for b, e, _ in REGIO_S if b in regel), None)
            if begin is not None:
                open_eind = begin[1]
                continue
            zichtbaar.append(regel)
        elif open_eind in regel:
            open_eind = None
        else:
            geheim.append(regel)
    return "\n".join(zichtbaar), geheim


def _betekenisvol(regel: str) -> str | None:
    kaal = regel.strip()
    if len(kaal) < _MIN_LENGTE or not re.search(r"\w", kaal):
        return None
    return kaal


def geheime_regels(cellen: Iterable[Any]) -> set[str]:
    """Regels die alleen in geheime gebieden van een (bron)notebook staan, niet in zichtbare code.

    Een regel als ``opslag = Antwoorden("blok1")`` die ook zichtbaar is, telt niet als geheim.
    """
    geheim: set[str] = set()
    zichtbaar: set[str] = set()
    for cel in cellen:
        bron = cel.get("source", "")
        bron = "".join(bron) if isinstance(bron, list) else bron
        open_tekst, verborgen = splits_regio_s(bron)
        geheim.update(r for r in map(_betekenisvol, verborgen) if r)
        zichtbaar.update(r for r in map(_betekenisvol, open_tekst.split("\n")) if r)
    return geheim - zichtbaar


def lekken(tekst: str, geheim: Iterable[str]) -> list[str]:
    """De geheime regels die in ``tekst`` voorkomen (plus achtergebleven markeringen)."""
    gevonden = sorted({r for r in geheim if r in tekst})
    gevonden += [m for m in MARKERINGEN if m in tekst]
    return gevonden


def _filter_regels(tekst: str, geheim: set[str]) -> str:
    regels = tekst.split("\n")
    over = [r for r in regels if not any(g in zonder_ansi(r) for g in geheim)]
    return "\n".join(over)


def _filter_uitvoer(uitvoer: Any, geheim: set[str], had_verborgen: bool) -> None:
    soort = uitvoer.get("output_type")
    if soort == "error":
        evalue = _filter_regels(zonder_ansi(str(uitvoer.get("evalue", ""))), geheim)
        if evalue.strip() and any(evalue.strip() in g for g in geheim):
            evalue = ""  # de foutmelding van een verborgen assert staat zelf in de verborgen test
        if had_verborgen:
            uitvoer["evalue"] = evalue
            uitvoer["traceback"] = [MELDING_VERBORGEN, f"{uitvoer.get('ename', 'Fout')}: {evalue}".rstrip(": ")]
        else:
            uitvoer["evalue"] = evalue
            uitvoer["traceback"] = [_filter_regels(t, geheim) for t in uitvoer.get("traceback", [])]
    elif soort == "stream":
        tekst = uitvoer.get("text", "")
        uitvoer["text"] = _filter_regels("".join(tekst) if isinstance(tekst, list) else tekst, geheim)
    elif soort in ("execute_result", "display_data"):
        data = uitvoer.get("data", {})
        for mime, waarde in list(data.items()):
            if mime.startswith("text/"):
                tekst = "".join(waarde) if isinstance(waarde, list) else waarde
                data[mime] = _filter_regels(tekst, geheim)


def verberg_in_notebook(nb: Any) -> Any:
    """Haal geheime gebieden uit alle cellen en geheime regels uit alle uitvoer (in place)."""
    geheim = geheime_regels(nb.cells)
    for cel in nb.cells:
        bron = cel.get("source", "")
        bron = "".join(bron) if isinstance(bron, list) else bron
        zichtbaar, verborgen = splits_regio_s(bron)
        had_verborgen = bron != zichtbaar and "HIDDEN TESTS" in bron
        if verborgen or bron != zichtbaar:
            cel["source"] = zichtbaar
        for uitvoer in cel.get("outputs", []):
            _filter_uitvoer(uitvoer, geheim, had_verborgen)
    return nb


class VerbergModelantwoorden(Preprocessor):
    """nbconvert-stap voor ``generate_feedback``: geen verborgen tests, schema's of modelantwoorden.

    ``enabled`` staat standaard aan: een preprocessor die nbgrader via ``GenerateFeedback.preprocessors``
    registreert, wordt anders stil overgeslagen.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        return verberg_in_notebook(nb), resources
