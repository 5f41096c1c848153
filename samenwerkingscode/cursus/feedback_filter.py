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

import functools
import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
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


# --- leesbare feedback (issue 15.4) ---------------------------------------------------------------

SJABLONEN = Path(__file__).resolve().parents[1] / "sjablonen"
"""Map met het nbconvert-sjabloon ``feedback_regie`` (Nederlandse koppen, geen code, geen scripts)."""
SJABLOON = "feedback_regie"

_KOP = re.compile(r"^#{1,3}\s+(.+?)\s*$", re.M)
_WIDGETCEL = re.compile(r"^(?:widget|invul)_(\w+)$")
_STANDAARD_LABELS = {
    "velden": "Canvasvelden",
    "start": "Begonnen met",
    "titel": "Titel",
    "tekst": "Je antwoord",
    "situatie": "Gekozen situatie",
    "keuzes": "Je keuzes",
    "motivaties": "Je motivaties",
    "momenten": "Scores per moment",
    "opgaven": "Opgaven",
    "antwoorden": "Je antwoorden",
    "huidige_vorm": "Huidige vorm",
    "signalen": "Signalen",
    "indeling": "Indeling",
    "gezamenlijk_doel": "Gezamenlijk doel",
    "beschrijving": "Beschrijving",
    "doel_gehaald": "Gezamenlijk doel gehaald",
    "doelen": "Doelen per partij",
    "status": "Status",
    "tegenprestatie": "Tegenprestatie",
    "casus": "Casusbestand",
}
_WEGLATEN = {"actief", "schema"}


@functools.lru_cache(maxsize=1)
def _namen() -> dict[str, str]:
    """Nederlandse namen voor sleutels uit het antwoordbestand: canvasvelden, deelvragen, schaal, vormen."""
    namen = dict(_STANDAARD_LABELS)
    try:
        from samenwerkingscode.model import canvas, toets, vormen

        namen.update({v.sleutel: v.titel for v in canvas.velden()})
        namen.update({d.sleutel: d.vraag for t in toets.toetsvragen() for d in t.deelvragen})
        namen.update({w.sleutel: w.label for w in toets.schaal()})
        namen.update({v.sleutel.value: v.naam for v in vormen.classificeerbaar()})
    except Exception:
        pass
    return namen


def _naam(sleutel: str) -> str:
    namen = _namen()
    return namen.get(sleutel) or sleutel.replace("_", " ").capitalize()


def antwoord_html(waarde: Any) -> str:
    """Een antwoord uit het antwoordbestand als leesbare HTML: teksten als alinea, woordenboeken als tabel."""
    if isinstance(waarde, dict):
        rijen = [
            f'<tr><th scope="row">{html.escape(_naam(str(k)))}</th><td>{antwoord_html(v)}</td></tr>'
            for k, v in waarde.items()
            if k not in _WEGLATEN
        ]
        return f"<table>{''.join(rijen)}</table>" if rijen else '<span class="leeg">(nog leeg)</span>'
    if isinstance(waarde, list):
        if not waarde:
            return '<span class="leeg">(nog leeg)</span>'
        return "<ul>" + "".join(f"<li>{antwoord_html(v)}</li>" for v in waarde) + "</ul>"
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return '<span class="leeg">(nog leeg)</span>'
    tekst = str(waarde)
    if isinstance(waarde, str) and tekst in _namen():
        tekst = _naam(tekst)
    return "<br>".join(html.escape(regel) for regel in tekst.split("\n"))


def _lees_antwoorden(map_: str, notebook: str) -> dict[str, Any]:
    pad = Path(map_) / f"{notebook}.antwoorden.json"
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    oefeningen = inhoud.get("oefeningen") if isinstance(inhoud, dict) else None
    return oefeningen if isinstance(oefeningen, dict) else {}


class FeedbackVoorDeelnemer(Preprocessor):
    """nbconvert-stap voor ``generate_feedback``: titels per onderdeel en wat de deelnemer invulde.

    Het sjabloon ``feedback_regie`` toont geen code; daarom zet deze stap bij elke invulcel
    (``widget_<oefening>``) het antwoord uit ``<notebook>.antwoorden.json`` als tabel in de metadata,
    en bij elke beoordeelde cel de titel van de oefening (het kopje erboven).
    """

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        metadata = resources.get("metadata") or {}
        notebook = (resources.get("nbgrader") or {}).get("notebook") or metadata.get("name", "")
        antwoorden = _lees_antwoorden(metadata.get("path", "."), notebook)
        getoond: set[str] = set()
        kop = ""
        for cel in nb.cells:
            bron = cel.get("source", "")
            bron = "".join(bron) if isinstance(bron, list) else bron
            info = cel.metadata.get("nbgrader", {})
            if cel.cell_type == "markdown" and not info.get("grade"):
                gevonden = _KOP.search(bron)
                kop = gevonden.group(1) if gevonden else kop
            if info.get("grade"):
                cel.metadata["regie_titel"] = kop or str(info.get("grade_id", "Onderdeel"))
                if str(info.get("comment") or "").strip() == "No response.":  # standaardtekst van nbgrader
                    info["comment"] = "Hier stond nog geen antwoord."
            oefening = _WIDGETCEL.match(str(info.get("grade_id", "")))
            if cel.cell_type == "code" and oefening and oefening.group(1) in antwoorden:
                cel.metadata["regie_antwoord"] = antwoord_html(antwoorden[oefening.group(1)])
                getoond.add(oefening.group(1))
        overige = {k: v for k, v in antwoorden.items() if k not in getoond}
        resources.setdefault("regie", {})["overige_antwoorden"] = "".join(
            f'<div class="regie-antwoord"><h3>Oefening {html.escape(k)}</h3>{antwoord_html(v)}</div>'
            for k, v in overige.items()
        )
        return nb, resources


class FeedbackExporter(HTMLExporter):
    """HTML-export voor de feedback met het sjabloon ``feedback_regie``.

    Een eigen klasse, zodat de instellingen alleen voor de feedback gelden en niet voor de formgrader
    (die ``HTMLExporter`` met zijn eigen sjabloon gebruikt). In de config: ``FeedbackExporter.*``.
    """


def feedback_config(c: Any) -> None:
    """Zet de leesbare feedback aan in een nbgrader-``Config`` (aangeroepen vanuit ``cursusmap``)."""
    c.GenerateFeedback.exporter_class = FeedbackExporter
    c.FeedbackExporter.template_name = SJABLOON
    c.FeedbackExporter.extra_template_basedirs = [str(SJABLONEN)]
    c.FeedbackExporter.exclude_input = True
