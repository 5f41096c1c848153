"""De trainersworkflow op nbgrader: maken, inlezen, beoordelen, feedback, cijfers, overzicht.

Dit zijn de functies achter ``regie cursus …`` en ``regie lab``. Ze gebruiken de Python-API van
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
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cursusmap import TIJDSLIMIET, Cursusmap, cursusmap, nbgrader_config
from .yamlbestand import RegieFout

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


def maak_api(map_: Cursusmap, *, tijdslimiet: int = TIJDSLIMIET) -> Any:
    """Een ``NbGraderAPI`` met de instellingen van de kit voor deze cohortmap."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    _alembic_op_pad()
    map_.cohort.mkdir(parents=True, exist_ok=True)
    # nbgrader meldt 'Unwritable directory' zolang de uitwisselmap niet bestaat.
    map_.exchange.mkdir(parents=True, exist_ok=True)
    cfg = nbgrader_config(map_.cohort, map_.bron, tijdslimiet=tijdslimiet)
    _stil(logging.getLogger("traitlets"))
    coursedir = CourseDirectory(config=cfg)
    api = NbGraderAPI(coursedir, config=cfg)
    _stil(api.log)
    return api


@contextlib.contextmanager
def gradebook(map_: Cursusmap) -> Iterator[Any]:
    """Het cijferboek van het cohort (wordt aangemaakt als het er nog niet is)."""
    from nbgrader.api import Gradebook

    from .cursusmap import CURSUS_ID

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
    from .bestanden import atomisch

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
    from .feedback_filter import geheime_regels, lekken

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


@dataclass
class Uitslag:
    """Hoe het beoordelen van één inlevering ging."""

    deelnemer: str
    blok: str
    beoordeeld: bool = False
    score: float | None = None
    max_score: float | None = None
    meldingen: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.beoordeeld:
            return "niet beoordeeld"
        return "beoordeeld, let op" if self.meldingen else "beoordeeld"


def _celmap(nb: Any) -> dict[str, Any]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def _gewijzigd(ingeleverd: Any, origineel: Any) -> bool:
    """Of een vergrendelde cel is aangepast.

    Eerst met de controlesom die nbgrader bij het maken in de cel zette (blijft kloppen als de
    trainer de deelnemersversie later opnieuw maakt); zonder controlesom met de huidige versie.
    """
    from nbgrader.utils import compute_checksum

    som = ingeleverd.metadata.get("nbgrader", {}).get("checksum")
    if som:
        try:
            return compute_checksum(ingeleverd) != som
        except (KeyError, TypeError, ValueError):
            return True
    return ingeleverd.source.strip() != origineel.source.strip()


def voorcontrole(map_: Cursusmap, naam: str, deelnemer: str) -> tuple[bool, list[str]]:
    """(kan beoordeeld worden, meldingen) voor één inlevering, vóór nbgrader eraan begint."""
    import nbformat

    from .antwoorden import lees_antwoorden

    meldingen: list[str] = []
    map_in = map_.submitted / deelnemer / naam
    release = map_.release / naam
    kan = True
    for relpad in sorted(release.glob("*.ipynb")):
        pad = map_in / relpad.name
        if not pad.is_file():
            andere = sorted(p.name for p in map_in.glob("*.ipynb"))
            extra = f" (wel gevonden: {', '.join(andere)}; verkeerde naam?)" if andere else ""
            meldingen.append(f"notebook {relpad.name} ontbreekt{extra}; vraag de deelnemer het opnieuw te sturen")
            kan = False
            continue
        try:
            nb = nbformat.read(pad, as_version=4)
        except Exception:
            meldingen.append(f"{relpad.name} is beschadigd (geen geldig notebook); vraag om een nieuwe kopie")
            kan = False
            continue
        origineel = _celmap(_lees_notebook(relpad))
        ingeleverd = _celmap(nb)
        for grade_id, cel in origineel.items():
            meta = cel.metadata["nbgrader"]
            if not (meta.get("locked") or meta.get("grade")) or meta.get("solution"):
                continue
            if grade_id not in ingeleverd:
                if meta.get("grade") or meta.get("task"):
                    meldingen.append(f"cel '{grade_id}' was verwijderd; teruggezet uit de bron en toch beoordeeld")
            elif _gewijzigd(ingeleverd[grade_id], cel):
                meldingen.append(f"cel '{grade_id}' was gewijzigd; de originele versie is gebruikt")
    antwoord = map_in / f"{naam}.antwoorden.json"
    if kan:
        if not antwoord.is_file():
            meldingen.append(f"geen antwoordbestand ({antwoord.name}); automatisch beoordeelde onderdelen krijgen 0")
        else:
            waarschuwingen: list[str] = []
            lees_antwoorden(antwoord, waarschuwingen)
            meldingen.extend(
                f"antwoordbestand beschadigd; de deelnemer kreeg deze melding: {w}" for w in waarschuwingen
            )
    return kan, meldingen


def _nacontrole(map_: Cursusmap, naam: str, deelnemer: str) -> list[str]:
    """Meldingen uit het beoordeelde notebook: cellen die niet binnen de tijdslimiet klaar waren."""
    meldingen = []
    for pad in sorted((map_.autograded / deelnemer / naam).glob("*.ipynb")):
        nb = _lees_notebook(pad)
        for i, cel in enumerate(nb.cells, start=1):
            for uit in cel.get("outputs", []):
                if uit.get("output_type") == "error" and "Timeout" in str(uit.get("ename", "")):
                    meldingen.append(
                        f"{pad.name}, cel {i} stopte niet binnen de tijdslimiet (oneindige lus?) en is afgebroken"
                    )
    return meldingen


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
) -> int:
    """Beoordeel alle ingeleverde opdrachten automatisch; geeft 0 als alles goed ging, anders 1.

    Een kapotte inlevering (geen geldig notebook, ontbrekend notebook, verwijderde of gewijzigde
    testcel, oneindige lus, beschadigd antwoordbestand) komt met uitleg in de tabel; de rest van
    de groep wordt gewoon beoordeeld.
    """
    uitslagen = beoordeel_alles(cohort=cohort, blok=blok, bron=bron, tijdslimiet=tijdslimiet)
    tekst, code = samenvatting(uitslagen)
    print(tekst)
    return code


def samenvatting(uitslagen: list[Uitslag]) -> tuple[str, int]:
    """De tekst voor de trainer en de exitcode: 0 als alles zonder meldingen beoordeeld is, anders 1."""
    if not uitslagen:
        return "Er zijn nog geen inleveringen. Lees ze eerst in met: regie cursus importeer PAD", 0
    problemen = [u for u in uitslagen if u.meldingen or not u.beoordeeld]
    if problemen:
        slot = f"{len(problemen)} van de {len(uitslagen)} inleveringen hebben aandacht nodig (zie de meldingen)."
        return f"{tabel(uitslagen)}\n\n{slot}", 1
    return f"{tabel(uitslagen)}\n\nAlle {len(uitslagen)} inleveringen zijn beoordeeld.", 0


def beoordeel_alles(
    *,
    cohort: str | os.PathLike[str] | None = None,
    blok: Blok = None,
    bron: str | os.PathLike[str] | None = None,
    tijdslimiet: int = TIJDSLIMIET,
) -> list[Uitslag]:
    """Beoordeel en geef per inlevering een :class:`Uitslag` (voor tabel en tests)."""
    map_ = cursusmap(cohort, bron)
    namen = opdrachtnamen(map_, blok, alleen_beoordeeld=True)
    werk = [(naam, d) for naam in namen for d in inleveringen(map_, naam)]
    if not werk:
        return []
    api = maak_api(map_, tijdslimiet=tijdslimiet)
    for naam in sorted({n for n, _ in werk}):
        zorg_voor_release(api, map_, naam)
    uitslagen = []
    with _zonder_sqlalchemy_ruis(), beoordeelmodus_aan():
        for naam, deelnemer in _voortgang(werk, "Beoordelen"):
            uitslagen.append(_beoordeel_een(api, map_, naam, deelnemer))
    return uitslagen


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


def _beoordeel_een(api: Any, map_: Cursusmap, naam: str, deelnemer: str) -> Uitslag:
    """Eén inlevering: voorcontrole, nbgrader, nacontrole; fouten worden meldingen, geen crash."""
    uitslag = Uitslag(deelnemer=deelnemer, blok=naam)
    kan, uitslag.meldingen = voorcontrole(map_, naam, deelnemer)
    if kan:
        with gradebook(map_) as gb:
            gb.update_or_create_student(deelnemer)
        resultaat = api.autograde(naam, deelnemer, force=True, create=True)
        if resultaat["success"]:
            uitslag.beoordeeld = True
            uitslag.meldingen += _nacontrole(map_, naam, deelnemer)
        else:
            uitslag.meldingen.append(f"beoordelen mislukt: {_laatste_regel(resultaat)}")
    uitslag.score, uitslag.max_score = _score(map_, naam, deelnemer) if uitslag.beoordeeld else (None, None)
    return uitslag


def _score(map_: Cursusmap, naam: str, deelnemer: str) -> tuple[float | None, float | None]:
    from nbgrader.api import MissingEntry

    with gradebook(map_) as gb:
        try:
            inzending = gb.find_submission(naam, deelnemer)
        except MissingEntry:
            return None, None
        return float(inzending.score), float(inzending.max_score)


def tabel(uitslagen: list[Uitslag]) -> str:
    """Een leesbare samenvattingstabel, met de meldingen onder elke regel."""
    koppen = ("Deelnemer", "Blok", "Status", "Punten")
    rijen = []
    for u in uitslagen:
        punten = f"{u.score:g} / {u.max_score:g}" if u.score is not None and u.max_score is not None else "-"
        rijen.append((u.deelnemer, u.blok, u.status, punten))
    breedtes = [max(len(k), *(len(r[i]) for r in rijen)) for i, k in enumerate(koppen)]
    regels = ["  ".join(k.ljust(b) for k, b in zip(koppen, breedtes, strict=True))]
    regels.append("  ".join("-" * b for b in breedtes))
    for u, rij in zip(uitslagen, rijen, strict=True):
        regels.append("  ".join(w.ljust(b) for w, b in zip(rij, breedtes, strict=True)).rstrip())
        regels.extend(f"    - {m}" for m in u.meldingen)
    return "\n".join(regels)


# ---------------------------------------------------------------------------------------------
# feedback: HTML per deelnemer, zonder verborgen tests of modelantwoorden, gezipt.


def controleer_feedback(map_: Cursusmap, naam: str, html_pad: Path) -> list[str]:
    """Geheime tekst uit de bron die (na het weghalen van de HTML-opmaak) toch in de feedback staat."""
    from .feedback_filter import geheime_regels, html_als_tekst, lekken

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
    from .inleveren import importeer as _importeer

    return _importeer(cohort=cohort, pad=pad, vervang=vervang, bron=bron)


def cijfers(
    *,
    cohort: str | os.PathLike[str] | None = None,
    uit: str | os.PathLike[str],
    bron: str | os.PathLike[str] | None = None,
) -> int:
    """Cijfers per deelnemer, blok en onderdeel naar .csv of .xlsx; zie :mod:`samenwerkingscode.rapportage`."""
    from .rapportage import cijfers as _cijfers

    return _cijfers(cohort=cohort, uit=uit, bron=bron)


def overzicht(
    *,
    cohort: str | os.PathLike[str] | None = None,
    uit: str | os.PathLike[str],
    bron: str | os.PathLike[str] | None = None,
) -> int:
    """Overzichtsfiguur (PNG) van de groep; zie :mod:`samenwerkingscode.rapportage`."""
    from .rapportage import overzicht as _overzicht

    return _overzicht(cohort=cohort, uit=uit, bron=bron)


# ---------------------------------------------------------------------------------------------
# regie lab: de kit zien zoals een deelnemer hem ziet (of, met trainer=True, met formgrader).


def bereid_lab_voor(
    *, cohort: str | os.PathLike[str] | None = None, bron: str | os.PathLike[str] | None = None
) -> Path:
    """Zet de deelnemersversies klaar in ``<cohort>/deelnemer/`` waar ze nog ontbreken.

    Werk dat daar al staat, wordt nooit overschreven: het is wat de gebruiker invulde.
    """
    map_ = cursusmap(cohort, bron)
    namen = map_.opdrachten()
    ontbrekend = [n for n in namen if not (map_.deelnemer / n / f"{n}.ipynb").exists()]
    if ontbrekend:
        api = maak_api(map_)
        for naam in ontbrekend:
            if not (map_.release / naam / f"{naam}.ipynb").is_file() or controleer_release(map_, naam):
                _genereer(api, map_, naam)
            doel = map_.deelnemer / naam
            doel.mkdir(parents=True, exist_ok=True)
            for pad in (map_.release / naam).rglob("*"):
                bestemming = doel / pad.relative_to(map_.release / naam)
                if pad.is_dir():
                    bestemming.mkdir(parents=True, exist_ok=True)
                elif not bestemming.exists():
                    bestemming.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(pad, bestemming)
                    bestemming.chmod(0o644)
    map_.deelnemer.mkdir(parents=True, exist_ok=True)
    return map_.deelnemer


def lab_opdracht(werkmap: Path, *, extra: list[str] | None = None) -> list[str]:
    """De opdrachtregel voor JupyterLab; ``--allow-root`` alleen als je als root werkt (CI, containers)."""
    opdracht = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={werkmap}", *(extra or [])]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        opdracht.append("--allow-root")
    return opdracht


def open_lab(*, trainer: bool = False) -> int:
    """Start JupyterLab: standaard op de deelnemersversies, met ``trainer=True`` op de projectmap.

    De trainersweergave start in de projectmap, zodat nbgrader ``nbgrader_config.py`` vindt en de
    formgrader de cohortmap ziet.
    """
    from .cursusmap import PROJECT

    if trainer:
        werkmap = PROJECT
        map_ = cursusmap()
        map_.exchange.mkdir(parents=True, exist_ok=True)
        print("JupyterLab start in de projectmap; kies in het menu Nbgrader > Formgrader om te beoordelen.")
    else:
        werkmap = bereid_lab_voor()
        print(f"JupyterLab start in {werkmap} met de deelnemersversies (zonder modelantwoorden).")
    print("Stoppen: druk in dit venster op Ctrl+C.")
    try:
        return subprocess.call(lab_opdracht(werkmap), cwd=werkmap)
    except KeyboardInterrupt:
        return 0
