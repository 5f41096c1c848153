"""De trainersworkflow op nbgrader: maken, inlezen, beoordelen, feedback, cijfers, overzicht.

Dit zijn de functies achter ``regie cursus …`` (``regie lab`` staat in :mod:`samenwerkingscode.lab`). Ze gebruiken de Python-API van
nbgrader (``NbGraderAPI``, ``Gradebook``) met de instellingen uit :mod:`samenwerkingscode.cursusmap`,
zodat de opdrachtregel, de tests en de formgrader hetzelfde doen. Een trainer ziet nooit een
traceback: wat misgaat, wordt in het Nederlands gemeld (``RegieFout`` of een samenvattingstabel),
en een kapotte inlevering houdt de rest van de groep niet op.

Inlezen staat in :mod:`samenwerkingscode.inleveren`, cijfers en overzicht in
:mod:`samenwerkingscode.rapportage`; hier staan dunne doorgeefluiken met dezelfde namen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from samenwerkingscode.cursusmap import TIJDSLIMIET, Cursusmap, cursusmap, nbgrader_config
from samenwerkingscode.yamlbestand import RegieFout

Blok = int | str | None


# ---------------------------------------------------------------------------------------------
# Gedeelde hulpjes.


def opdrachtnamen(map_: Cursusmap, blok: Blok, *, alleen_beoordeeld: bool = False) -> list[str]:
    """De opdrachten voor ``blok`` (1 t/m 5, 'blok3', 'eigen-casus' of ``None`` voor alle)."""
    bekend = map_.beoordeelde_opdrachten() if alleen_beoordeeld else map_.opdrachten()
    if not map_.opdrachten():
        raise RegieFout(
            f"In de bronmap '{map_.bron}' staan geen opdrachten (mappen als blok1/blok1.ipynb). "
            "Draai de opdracht in de projectmap van de cursuskit."
        )
    if blok is None:
        return bekend
    naam = f"blok{blok}" if isinstance(blok, int) else str(blok).strip().lower()
    if naam not in map_.opdrachten():
        raise RegieFout(f"Opdracht '{naam}' bestaat niet in '{map_.bron}'. Bekend: {', '.join(map_.opdrachten())}.")
    if naam not in bekend:
        raise RegieFout(f"Opdracht '{naam}' wordt niet beoordeeld; er zijn geen punten voor.")
    return [naam]


class _StilleLog(logging.Handler):
    """Vangt de Engelse logregels van nbgrader op in plaats van ze op het scherm te zetten."""

    def emit(self, record: logging.LogRecord) -> None:
        pass


def _stil(logger: logging.Logger) -> None:
    for h in list(logger.handlers):
        if isinstance(h, logging.StreamHandler) and getattr(h, "stream", None) in (sys.stderr, sys.stdout):
            logger.removeHandler(h)
    if not any(isinstance(h, _StilleLog) for h in logger.handlers):
        logger.addHandler(_StilleLog())
    logger.propagate = False


def _alembic_op_pad() -> None:
    """nbgrader start ``alembic`` via PATH bij een nieuw cijferboek; zoek het naast deze Python (de venv)."""
    bin_map = os.path.dirname(sys.executable)
    paden = os.environ.get("PATH", "").split(os.pathsep)
    if bin_map not in paden and os.path.exists(os.path.join(bin_map, "alembic")):
        os.environ["PATH"] = os.pathsep.join([bin_map, *paden])


def maak_api(map_: Cursusmap, *, tijdslimiet: int = TIJDSLIMIET, extra: Any = None) -> Any:
    """Een ``NbGraderAPI`` met de instellingen van de kit voor deze cohortmap (``extra``: een ``Config`` erbovenop)."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    _alembic_op_pad()
    map_.cohort.mkdir(parents=True, exist_ok=True)
    # nbgrader meldt 'Unwritable directory' zolang de uitwisselmap niet bestaat.
    map_.exchange.mkdir(parents=True, exist_ok=True)
    cfg = nbgrader_config(map_.cohort, map_.bron, tijdslimiet=tijdslimiet)
    if extra is not None:
        cfg.merge(extra)
    _stil(logging.getLogger("traitlets"))
    coursedir = CourseDirectory(config=cfg)
    api = NbGraderAPI(coursedir, config=cfg)
    _stil(api.log)
    return api


@contextlib.contextmanager
def gradebook(map_: Cursusmap) -> Iterator[Any]:
    """Het cijferboek van het cohort (wordt aangemaakt als het er nog niet is)."""
    from nbgrader.api import Gradebook

    from samenwerkingscode.cursusmap import CURSUS_ID

    map_.cohort.mkdir(parents=True, exist_ok=True)
    _alembic_op_pad()
    with Gradebook(f"sqlite:///{map_.gradebook}", os.environ.get("REGIE_CURSUS_ID", CURSUS_ID)) as gb:
        yield gb


def _laatste_regel(resultaat: dict[str, Any]) -> str:
    """De kern van een nbgrader-fout, voor in een Nederlandse melding."""
    for sleutel in ("error", "log"):
        regels = [r.strip() for r in str(resultaat.get(sleutel, "")).splitlines() if r.strip()]
        if regels:
            return regels[-1][:300]
    return "onbekende oorzaak"


def _voortgang(items: list[Any], omschrijving: str) -> Iterable[Any]:
    from tqdm import tqdm

    return tqdm(items, desc=omschrijving, unit="st", disable=None, leave=False, file=sys.stderr)


def _zip_map(map_: Path, zip_pad: Path, prefix: str, patroon: str = "*") -> Path:
    """Zip de inhoud van een map onder ``prefix/``; eerst tijdelijk, dan vervangen (nooit half)."""
    zip_pad.parent.mkdir(parents=True, exist_ok=True)
    from samenwerkingscode.bestanden import atomisch

    with atomisch(zip_pad) as tijdelijk, zipfile.ZipFile(tijdelijk, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for pad in sorted(map_.rglob(patroon)):
            if pad.is_file() and ".ipynb_checkpoints" not in pad.parts:
                z.write(pad, f"{prefix}/{pad.relative_to(map_).as_posix()}")
    return zip_pad


def _lees_notebook(pad: Path) -> Any:
    import nbformat

    return nbformat.read(pad, as_version=4)


# ---------------------------------------------------------------------------------------------
# maak: deelnemersversies zonder modelantwoorden.


def controleer_release(map_: Cursusmap, naam: str) -> list[str]:
    """Problemen (Nederlands) als de deelnemersversie iets geheims bevat; leeg = in orde.

    Vergelijkt met de bron: geen regel uit een oplossingsgebied, verborgen test of
    beoordelingsschema, geen achtergebleven markering, geen uitvoer en geen antwoordbestand.
    """
    from samenwerkingscode.feedback_filter import geheime_regels, lekken

    problemen: list[str] = []
    release = map_.release / naam
    for bronpad in sorted((map_.bron / naam).glob("*.ipynb")):
        relpad = release / bronpad.name
        if not relpad.is_file():
            problemen.append(f"{relpad.name} ontbreekt in de deelnemersversie")
            continue
        geheim = geheime_regels(_lees_notebook(bronpad).cells)
        nb = _lees_notebook(relpad)
        for i, cel in enumerate(nb.cells, start=1):
            for gevonden in lekken(cel.source, geheim):
                problemen.append(f"{relpad.name}, cel {i}: bevat geheime tekst '{gevonden[:60]}'")
            if cel.get("outputs"):
                problemen.append(f"{relpad.name}, cel {i}: bevat uitvoer (die kan antwoorden tonen)")
    for pad in sorted(release.rglob("*")):
        if pad.is_file() and ".antwoorden.json" in pad.name:
            problemen.append(f"{pad.relative_to(release)}: een antwoordbestand hoort niet in de deelnemersversie")
    return problemen


def _genereer(api: Any, map_: Cursusmap, naam: str) -> None:
    """Maak de deelnemersversie van één opdracht en controleer hem; bij een lek: weg ermee."""
    with gradebook(map_) as gb:
        gb.update_or_create_assignment(naam)
    resultaat = api.generate_assignment(naam, force=True, create=True)
    if not resultaat["success"]:
        raise RegieFout(
            f"De deelnemersversie van {naam} kon niet worden gemaakt: {_laatste_regel(resultaat)}\n"
            "Controleer de nbgrader-markeringen in het bronnotebook (bijvoorbeeld BEGIN/END SOLUTION)."
        )
    problemen = controleer_release(map_, naam)
    if problemen:
        shutil.rmtree(map_.release / naam, ignore_errors=True)
        (map_.uitdelen / f"{naam}.zip").unlink(missing_ok=True)
        raise RegieFout(
            f"De deelnemersversie van {naam} bevat modelantwoorden of verborgen tests en is daarom verwijderd. "
            "Verstuur niets en pas het bronnotebook aan:\n" + "\n".join(f"  - {p}" for p in problemen)
        )


def maak(
    *, cohort: str | os.PathLike[str] | None = None, blok: Blok = None, bron: str | os.PathLike[str] | None = None
) -> int:
    """Maak de deelnemersversies van alle of één opdracht, en een zip per opdracht om te versturen.

    Resultaat: ``<cohort>/release/<blok>/`` en ``<cohort>/uitdelen/<blok>.zip``. Elke versie wordt
    na het maken gecontroleerd op lekken; een versie met een lek wordt verwijderd (``RegieFout``).
    """
    map_ = cursusmap(cohort, bron)
    namen = opdrachtnamen(map_, blok)
    api = maak_api(map_)
    zips = []
    for naam in _voortgang(namen, "Deelnemersversies maken"):
        _genereer(api, map_, naam)
        zips.append(_zip_map(map_.release / naam, map_.uitdelen / f"{naam}.zip", naam))
    print(f"Deelnemersversies gemaakt in {map_.release} (gecontroleerd: geen modelantwoorden of verborgen tests).")
    for z in zips:
        print(f"  om te versturen: {z}")
    return 0


def zorg_voor_release(api: Any, map_: Cursusmap, naam: str) -> None:
    """Maak de deelnemersversie als die of de opdracht in het cijferboek nog ontbreekt."""
    from nbgrader.api import MissingEntry

    bekend = True
    with gradebook(map_) as gb:
        try:
            opdracht = gb.find_assignment(naam)
            bekend = bool(opdracht.notebooks)
        except MissingEntry:
            bekend = False
    if not bekend or not (map_.release / naam / f"{naam}.ipynb").is_file():
        _genereer(api, map_, naam)


# ---------------------------------------------------------------------------------------------
# beoordeel: alles automatisch, een kapotte inlevering stopt de rest niet.


def inleveringen(map_: Cursusmap, naam: str) -> list[str]:
    """De deelnemers met een map ``submitted/<id>/<naam>/``."""
    if not map_.submitted.is_dir():
        return []
    return sorted(p.name for p in map_.submitted.iterdir() if (p / naam).is_dir())


def beoordeel(
    *,
    cohort: str | os.PathLike[str] | None = None,
    blok: Blok = None,
    bron: str | os.PathLike[str] | None = None,
    tijdslimiet: int = TIJDSLIMIET,
    tijd_per_inlevering: int | None = None,
    parallel: int | None = None,
) -> int:
    """Beoordeel alle ingeleverde opdrachten automatisch; geeft 0 als alles goed ging, anders 1.

    Een kapotte inlevering, eigen code, een verwijderde of gewijzigde testcel of een nakijkcel die
    niet kon nakijken ("nakijken mislukt") komt met uitleg in de tabel; de rest van de groep wordt
    gewoon beoordeeld. Zie :mod:`samenwerkingscode.beoordelen` (parallel, zandbak, tijdslimieten).
    """
    from samenwerkingscode.beoordelen import TIJD_PER_INLEVERING

    uitslagen = beoordeel_alles(
        cohort=cohort,
        blok=blok,
        bron=bron,
        tijdslimiet=tijdslimiet,
        tijd_per_inlevering=tijd_per_inlevering or TIJD_PER_INLEVERING,
        parallel=parallel,
    )
    tekst, code = samenvatting(uitslagen)
    print(tekst)
    return code


def beoordeel_alles(**kwargs: Any) -> list[Any]:
    """Beoordeel en geef per inlevering een ``Uitslag``; zie :func:`samenwerkingscode.beoordelen.beoordeel_alles`."""
    from samenwerkingscode.beoordelen import beoordeel_alles as _beoordeel_alles

    return _beoordeel_alles(**kwargs)


def samenvatting(uitslagen: list[Any]) -> tuple[str, int]:
    """De tekst voor de trainer en de exitcode; zie :func:`samenwerkingscode.beoordelen.samenvatting`."""
    from samenwerkingscode.beoordelen import samenvatting as _samenvatting

    return _samenvatting(uitslagen)


def __getattr__(naam: str) -> Any:
    """``cursus.Uitslag`` blijft bestaan voor wie het van hier importeerde."""
    if naam == "Uitslag":
        from samenwerkingscode.beoordelen import Uitslag

        return Uitslag
    raise AttributeError(naam)


@contextlib.contextmanager
def beoordeelmodus_aan() -> Iterator[None]:
    """Bij het beoordelen kijkt niemand naar widgets of figuren: de kernels bouwen ze dan niet."""
    from samenwerkingscode import BEOORDEELMODUS

    vorige = os.environ.get(BEOORDEELMODUS)
    os.environ[BEOORDEELMODUS] = "1"
    try:
        yield
    finally:
        if vorige is None:
            os.environ.pop(BEOORDEELMODUS, None)
        else:
            os.environ[BEOORDEELMODUS] = vorige


@contextlib.contextmanager
def _zonder_sqlalchemy_ruis() -> Iterator[None]:
    """nbgrader geeft bij elke beoordeling onschuldige SAWarnings (ecosystem.md, valkuil 6), en een
    waarschuwing over een cel-id als het een verwijderde cel terugzet."""
    import warnings

    from nbformat.warnings import MissingIDFieldWarning
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        warnings.simplefilter("ignore", MissingIDFieldWarning)
        yield


# ---------------------------------------------------------------------------------------------
# feedback: HTML per deelnemer, zonder verborgen tests of modelantwoorden, gezipt.


def controleer_feedback(map_: Cursusmap, naam: str, html_pad: Path) -> list[str]:
    """Geheime tekst uit de bron die (na het weghalen van de HTML-opmaak) toch in de feedback staat."""
    from samenwerkingscode.feedback_filter import geheime_regels, html_als_tekst, lekken

    bronpad = map_.bron / naam / (html_pad.stem + ".ipynb")
    geheim = geheime_regels(_lees_notebook(bronpad).cells) if bronpad.is_file() else set()
    return lekken(html_als_tekst(html_pad.read_text(encoding="utf-8")), geheim)


_EXTERN_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']https?://[^>]*>\s*</script>", re.IGNORECASE)


def zonder_externe_scripts(html_pad: Path) -> None:
    """Haal scripts van andere servers (MathJax van een CDN) uit de feedback.

    Zo meldt het openen van de feedback niets aan een derde partij en werkt het ook offline; de
    feedback bevat geen formules, dus MathJax is niet nodig.
    """
    tekst = html_pad.read_text(encoding="utf-8")
    schoon = _EXTERN_SCRIPT.sub("", tekst)
    if schoon != tekst:
        html_pad.write_text(schoon, encoding="utf-8")


def _nog_handmatig(map_: Cursusmap, naam: str, deelnemer: str) -> int:
    from nbgrader.api import MissingEntry

    with gradebook(map_) as gb:
        try:
            inzending = gb.find_submission(naam, deelnemer)
        except MissingEntry:
            return 0
        return sum(
            1 for nb in inzending.notebooks for g in nb.grades if g.needs_manual_grade and g.manual_score is None
        )


def feedback(
    *, cohort: str | os.PathLike[str] | None = None, blok: Blok = None, bron: str | os.PathLike[str] | None = None
) -> int:
    """Maak HTML-feedback per deelnemer en een zip per deelnemer in ``<cohort>/terugsturen/``.

    De feedback bevat geen verborgen tests, beoordelingsschema's of modelantwoorden; een
    HTML-bestand waarin toch iets geheims staat, wordt verwijderd en gemeld. Geeft 0 of 1.
    """
    map_ = cursusmap(cohort, bron)
    namen = opdrachtnamen(map_, blok, alleen_beoordeeld=True)
    werk = [
        (naam, d)
        for naam in namen
        for d in (
            sorted(p.name for p in map_.autograded.iterdir() if (p / naam).is_dir()) if map_.autograded.is_dir() else []
        )
    ]
    if not werk:
        print("Er is nog niets beoordeeld. Draai eerst: regie cursus beoordeel")
        return 0
    api = maak_api(map_)
    problemen: list[str] = []
    opmerkingen: list[str] = []
    deelnemers: set[str] = set()
    for naam, deelnemer in _voortgang(werk, "Feedback maken"):
        resultaat = api.generate_feedback(naam, deelnemer, force=True)
        if not resultaat["success"]:
            problemen.append(f"{deelnemer}, {naam}: feedback maken mislukt: {_laatste_regel(resultaat)}")
            continue
        for html_pad in sorted((map_.feedback / deelnemer / naam).glob("*.html")):
            zonder_externe_scripts(html_pad)
            gevonden = controleer_feedback(map_, naam, html_pad)
            if gevonden:
                html_pad.unlink()
                problemen.append(
                    f"{deelnemer}, {naam}: feedback bevatte geheime tekst en is verwijderd ({gevonden[0][:60]})"
                )
        open_ = _nog_handmatig(map_, naam, deelnemer)
        if open_:
            wat = "onderdeel is" if open_ == 1 else "onderdelen zijn"
            opmerkingen.append(
                f"{deelnemer}, {naam}: {open_} {wat} nog niet handmatig beoordeeld; beoordeel in de formgrader "
                "en maak de feedback daarna opnieuw"
            )
        deelnemers.add(deelnemer)
    for deelnemer in sorted(deelnemers):
        map_fb = map_.feedback / deelnemer
        if any(map_fb.rglob("*.html")):
            _zip_map(map_fb, map_.terugsturen / f"{deelnemer}.zip", f"feedback-{deelnemer}", "*.html")
    print(f"Feedback gemaakt voor {len(deelnemers)} deelnemer(s); de zips staan in {map_.terugsturen}.")
    for m in opmerkingen:
        print(f"  let op: {m}")
    for p in problemen:
        print(f"  probleem: {p}")
    return 1 if problemen else 0


# ---------------------------------------------------------------------------------------------
# cijfers en overzicht: zie rapportage.py; importeren: zie inleveren.py.


def importeer(
    *,
    cohort: str | os.PathLike[str] | None = None,
    pad: str | os.PathLike[str],
    vervang: bool = False,
    bron: str | os.PathLike[str] | None = None,
) -> int:
    """Lees inleveringen in uit een map of zip; zie :func:`samenwerkingscode.inleveren.importeer`."""
    from samenwerkingscode.inleveren import importeer as _importeer

    return _importeer(cohort=cohort, pad=pad, vervang=vervang, bron=bron)


def cijfers(
    *,
    cohort: str | os.PathLike[str] | None = None,
    uit: str | os.PathLike[str],
    bron: str | os.PathLike[str] | None = None,
) -> int:
    """Cijfers per deelnemer, blok en onderdeel naar .csv of .xlsx; zie :mod:`samenwerkingscode.rapportage`."""
    from samenwerkingscode.rapportage import cijfers as _cijfers

    return _cijfers(cohort=cohort, uit=uit, bron=bron)


def overzicht(
    *,
    cohort: str | os.PathLike[str] | None = None,
    uit: str | os.PathLike[str],
    bron: str | os.PathLike[str] | None = None,
) -> int:
    """Overzichtsfiguur (PNG) van de groep; zie :mod:`samenwerkingscode.rapportage`."""
    from samenwerkingscode.rapportage import overzicht as _overzicht

    return _overzicht(cohort=cohort, uit=uit, bron=bron)
