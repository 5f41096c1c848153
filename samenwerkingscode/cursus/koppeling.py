"""De koppeling met nbgrader: API, cijferboek, opdrachtnamen en de stille log die de hele trainersworkflow deelt.

Alleen deze module (en de stappen die haar gebruiken) kent ``NbGraderAPI`` en ``Gradebook``; de
instellingen komen uit :mod:`samenwerkingscode.cursus.cursusmap`, zodat de opdrachtregel, de tests en
de formgrader hetzelfde doen. Een trainer ziet nooit een traceback van nbgrader: wat misgaat, wordt
in het Nederlands gemeld.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from samenwerkingscode.cursus.cursusmap import TIJDSLIMIET, Cursusmap, nbgrader_config
from samenwerkingscode.model.yamlbestand import RegieFout

Blok = int | str | None


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


def vooraan(variabele: str, map_: Path | str) -> str:
    """De waarde van een padvariabele (``JUPYTER_PATH``, ``JUPYTER_CONFIG_PATH``) met ``map_`` vooraan.

    Wat de gebruiker er zelf in zette, blijft erachter staan; een lege variabele geeft geen lege
    (en dus relatieve) plek in het pad.
    """
    bestaand = os.environ.get(variabele)
    return os.pathsep.join([str(map_), *([bestaand] if bestaand else [])])


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

    from samenwerkingscode.cursus.cursusmap import CURSUS_ID

    map_.cohort.mkdir(parents=True, exist_ok=True)
    _alembic_op_pad()
    with Gradebook(f"sqlite:///{map_.gradebook}", os.environ.get("REGIE_CURSUS_ID", CURSUS_ID)) as gb:
        yield gb


def laatste_regel(resultaat: dict[str, Any]) -> str:
    """De kern van een nbgrader-fout, voor in een Nederlandse melding."""
    for sleutel in ("error", "log"):
        regels = [r.strip() for r in str(resultaat.get(sleutel, "")).splitlines() if r.strip()]
        if regels:
            return regels[-1][:300]
    return "onbekende oorzaak"


def voortgang(items: list[Any], omschrijving: str) -> Iterable[Any]:
    from tqdm import tqdm

    return tqdm(items, desc=omschrijving, unit="st", disable=None, leave=False, file=sys.stderr)


def zip_map(map_: Path, zip_pad: Path, prefix: str, patroon: str = "*") -> Path:
    """Zip de inhoud van een map onder ``prefix/``; eerst tijdelijk, dan vervangen (nooit half)."""
    zip_pad.parent.mkdir(parents=True, exist_ok=True)
    from samenwerkingscode.model.bestanden import atomisch

    with atomisch(zip_pad) as tijdelijk, zipfile.ZipFile(tijdelijk, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for pad in sorted(map_.rglob(patroon)):
            if pad.is_file() and ".ipynb_checkpoints" not in pad.parts:
                z.write(pad, f"{prefix}/{pad.relative_to(map_).as_posix()}")
    return zip_pad


def lees_notebook(pad: Path) -> Any:
    import nbformat

    return nbformat.read(pad, as_version=4)


def inleveringen(map_: Cursusmap, naam: str) -> list[str]:
    """De deelnemers met een map ``submitted/<id>/<naam>/``."""
    if not map_.submitted.is_dir():
        return []
    return sorted(p.name for p in map_.submitted.iterdir() if (p / naam).is_dir())


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
def zonder_sqlalchemy_ruis() -> Iterator[None]:
    """nbgrader geeft bij elke beoordeling onschuldige SAWarnings (ecosystem.md, valkuil 6), en een
    waarschuwing over een cel-id als het een verwijderde cel terugzet."""
    import warnings

    from nbformat.warnings import MissingIDFieldWarning
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        warnings.simplefilter("ignore", MissingIDFieldWarning)
        yield
