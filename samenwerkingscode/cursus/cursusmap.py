"""Waar de gegevens van een cursusgroep staan, en de nbgrader-instellingen die daarbij horen.

Eén functie (:func:`nbgrader_config`) bouwt de instellingen, zodat ``regie cursus``, de tests en
de formgrader in JupyterLab (via ``nbgrader_config.py`` in de projectmap) precies hetzelfde doen.

Opbouw: de *bron* (``notebooks/`` in de projectmap, met de modelantwoorden) blijft in de kit; alle
gegevens van trainers en deelnemers staan in één cohortmap (standaard ``cohort/``, nooit in git)::

    cohort/
      release/<blok>/        deelnemersversies (zonder modelantwoorden)
      uitdelen/<blok>.zip    om te versturen
      submitted/<id>/<blok>/ ingeleverd werk (na ``regie cursus importeer``)
      autograded/…  feedback/…  terugsturen/<id>.zip
      vorige/                vervangen inleveringen (nooit weggegooid)
      deelnemer/<blok>/      de werkmap van ``regie lab``
      exchange/              de uitwisselmap van nbgrader (alleen op één machine)
      gradebook.db

nbgrader's ``CourseDirectory.root`` is de cohortmap; de bron staat er als relatief pad naast.
Deze module importeert nbgrader en traitlets pas in de functies zelf.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerkingscode.model.opdrachten import beoordeelde_notebooks
from samenwerkingscode.model.yamlbestand import RegieFout

if TYPE_CHECKING:
    from traitlets.config import Config

PROJECT = Path(__file__).resolve().parents[2]
"""De projectmap van de kit (het pakket is 'editable' geïnstalleerd)."""

CURSUS_ID = "regisseur"
TIJDSLIMIET = 60
"""Seconden per cel bij het beoordelen: een oneindige lus wordt daarna onderbroken en gemeld."""

CODE_STUB = "# Vul je antwoord in met de widget hierboven; deze cel hoef je niet te wijzigen."
TEXT_STUB = "Schrijf hier je antwoord. (Gebruik je de widget hierboven, dan hoef je hier niets te doen.)"

# Tekens die nbgrader in een pad als reguliere expressie of opmaak zou lezen.
_GEVAARLIJK = re.compile(r"[()\[\]{}+*?^$|\\]")


@dataclass(frozen=True)
class Cursusmap:
    """De cohortmap en de bron, met de vaste submappen; alle paden absoluut."""

    cohort: Path
    bron: Path

    @property
    def release(self) -> Path:
        return self.cohort / "release"

    @property
    def submitted(self) -> Path:
        return self.cohort / "submitted"

    @property
    def autograded(self) -> Path:
        return self.cohort / "autograded"

    @property
    def feedback(self) -> Path:
        return self.cohort / "feedback"

    @property
    def uitdelen(self) -> Path:
        return self.cohort / "uitdelen"

    @property
    def terugsturen(self) -> Path:
        return self.cohort / "terugsturen"

    @property
    def vorige(self) -> Path:
        return self.cohort / "vorige"

    @property
    def deelnemer(self) -> Path:
        return self.cohort / "deelnemer"

    @property
    def exchange(self) -> Path:
        """``$REGIE_EXCHANGE``, anders de uitwisselmap uit de nbgrader-configuratie van het systeem (hub), anders in het cohort."""
        eigen = os.environ.get("REGIE_EXCHANGE") or ingestelde_exchange()
        return Path(eigen).resolve() if eigen else self.cohort / "exchange"

    @property
    def gradebook(self) -> Path:
        return self.cohort / "gradebook.db"

    def opdrachten(self) -> list[str]:
        """De opdrachten in de bron: mappen ``<naam>/<naam>.ipynb``, blokken eerst."""
        if not self.bron.is_dir():
            return []
        namen = [p.name for p in self.bron.iterdir() if p.is_dir() and (p / f"{p.name}.ipynb").is_file()]
        volgorde = beoordeelde_notebooks()
        return sorted(namen, key=lambda n: (n not in volgorde, volgorde.index(n) if n in volgorde else 0, n))

    def beoordeelde_opdrachten(self) -> list[str]:
        """De opdrachten die punten opleveren: de beoordeelde blokken uit ``model/opdrachten.yml``."""
        beoordeeld = set(beoordeelde_notebooks())
        return [n for n in self.opdrachten() if n in beoordeeld]


_LEEST_CONFIG = False


def ingestelde_exchange() -> str | None:
    """``Exchange.root`` uit de nbgrader-configuratie van het systeem of de gebruiker, of ``None``.

    Waarom: op een JupyterHub zet de beheerder de gedeelde uitwisselmap in ``<venv>/etc/jupyter`` of
    ``/etc/jupyter``. Zonder deze stap zette de kit daar stil ``<cohort>/exchange`` overheen: een release
    kwam dan waar geen deelnemer hem zag. Een ``nbgrader_config.py`` die zelf :func:`nbgrader_config`
    aanroept (de trainer op de hub), wordt tijdens dit lezen niet opnieuw gevolgd.
    """
    global _LEEST_CONFIG
    if _LEEST_CONFIG:
        return None
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config.loader import ConfigFileNotFound, JSONFileConfigLoader, PyFileConfigLoader

    _LEEST_CONFIG = True
    gevonden: str | None = None
    try:
        for map_ in reversed(jupyter_config_path()):  # laagste voorrang eerst, de gebruiker het laatst
            for loader in (PyFileConfigLoader, JSONFileConfigLoader):
                naam = "nbgrader_config.py" if loader is PyFileConfigLoader else "nbgrader_config.json"
                if not Path(map_, naam).is_file():
                    continue
                with contextlib.suppress(ConfigFileNotFound):
                    cfg = loader(naam, path=map_).load_config()
                    if "root" in cfg.get("Exchange", {}):
                        gevonden = str(cfg.Exchange.root)
    finally:
        _LEEST_CONFIG = False
    return gevonden


def _controleer_pad(pad: Path, wat: str) -> None:
    if _GEVAARLIJK.search(str(pad)):
        raise RegieFout(
            f"De {wat} '{pad}' bevat een haakje, accolade of ander bijzonder teken. nbgrader kan daar niet mee "
            "werken; kies een map met alleen letters, cijfers, spaties, '-', '_' en '.'."
        )


def cursusmap(
    cohort: str | os.PathLike[str] | None = None,
    bron: str | os.PathLike[str] | None = None,
    *,
    config: Config | None = None,
) -> Cursusmap:
    """De cursusmap voor ``cohort`` (standaard ``c.Regie.cohort``: ``$REGIE_COHORT`` of ``<project>/cohort``).

    ``bron`` is de map met de bronnotebooks (standaard ``c.Regie.bron``: ``$REGIE_BRON`` of ``<project>/notebooks``).
    """
    from samenwerkingscode.cursus.instellingen import Regie

    regie = Regie(config=config) if config is not None else Regie()
    cohort_pad = Path(cohort or regie.cohort).expanduser().resolve()
    bron_pad = Path(bron or regie.bron).expanduser().resolve()
    _controleer_pad(cohort_pad, "cohortmap")
    _controleer_pad(bron_pad, "bronmap")
    if cohort_pad.exists() and not cohort_pad.is_dir():
        raise RegieFout(f"'{cohort_pad}' is een bestand, geen map. Kies met --cohort een map voor de cursusgroep.")
    if cohort_pad == bron_pad or bron_pad in cohort_pad.parents:
        raise RegieFout(
            f"De cohortmap '{cohort_pad}' ligt in de bronmap '{bron_pad}'. Dan zou nbgrader de gegevens van "
            "deelnemers als opdrachten zien; kies een cohortmap buiten de bronmap."
        )
    return Cursusmap(cohort=cohort_pad, bron=bron_pad)


def _antwoordbestanden(bron: Path, opdracht: str) -> list[str]:
    """Antwoordbestanden die de trainer zelf in de bron maakte (door het bronnotebook te draaien)."""
    map_ = bron / opdracht
    if not map_.is_dir():
        return []
    return sorted(p.name for p in map_.iterdir() if p.is_file() and ".antwoorden.json" in p.name)


def nbgrader_config(
    cohort: str | os.PathLike[str] | None = None,
    bron: str | os.PathLike[str] | None = None,
    *,
    tijdslimiet: int | None = None,
    config: Config | None = None,
) -> Config:
    """De nbgrader-instellingen van de kit voor één cohort, als traitlets-``Config``.

    Waarom zo: de stubs zeggen in het Nederlands wat een deelnemer moet doen en geven geen
    ``raise NotImplementedError()`` (wie alleen widgets gebruikt, wijzigt geen code); een verwijderde
    testcel wordt teruggezet en toch beoordeeld; feedback laat geen verborgen tests of
    modelantwoorden zien; antwoordbestanden van de trainer in de bron gaan nooit mee naar deelnemers.
    """
    from traitlets.config import Config

    from samenwerkingscode.cursus.feedback_filter import FeedbackVoorDeelnemer, VerbergModelantwoorden, feedback_config
    from samenwerkingscode.cursus.instellingen import Regie

    map_ = cursusmap(cohort, bron, config=config)
    if tijdslimiet is None:
        tijdslimiet = (Regie(config=config) if config is not None else Regie()).tijdslimiet
    c = Config()
    c.CourseDirectory.root = str(map_.cohort)
    c.CourseDirectory.course_id = os.environ.get("REGIE_CURSUS_ID", CURSUS_ID)
    c.CourseDirectory.source_directory = os.path.relpath(map_.bron, map_.cohort)
    c.CourseDirectory.db_url = f"sqlite:///{map_.gradebook}"
    if not _LEEST_CONFIG:  # tijdens ingestelde_exchange(): de uitwisselmap van het systeem laten staan
        exchange = map_.exchange
        c.Exchange.root = str(exchange)
        # Op één machine maakt de kit de uitwisselmap zelf, anders meldt nbgrader (in het Engels) dat hij ontbreekt.
        if map_.cohort.is_dir() and exchange == map_.cohort / "exchange":
            with contextlib.suppress(OSError):
                exchange.mkdir(exist_ok=True)
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.Execute.timeout = tijdslimiet
    c.ExecutePreprocessor.timeout = tijdslimiet
    c.Execute.interrupt_on_timeout = True
    # Geen Engelse kernelwaarschuwingen (zoals 'running over TCP without encryption') op het scherm.
    c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]
    c.OverwriteCells.add_missing_cells = True
    c.OverwriteCells.missing_cell_notification = (
        "Deze cel ({cell_id}) ontbrak in de inlevering en is door de beoordeling teruggezet.\n\n"
    )
    # Het antwoordbestand van de deelnemer mag bij het beoordelen niet vervangen worden door een
    # antwoordbestand dat de trainer in de bronmap maakte.
    c.Autograde.exclude_overwriting = {
        naam: _antwoordbestanden(map_.bron, naam) for naam in map_.opdrachten() if _antwoordbestanden(map_.bron, naam)
    }
    c.GenerateAssignment.post_convert_hook = _ruim_release_op(map_)
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades

    c.GenerateFeedback.preprocessors = [
        GetGrades,
        VerbergModelantwoorden,
        FeedbackVoorDeelnemer,
        CSSHTMLHeaderPreprocessor,
    ]
    feedback_config(c)  # leesbare Nederlandse feedback zonder code (sjabloon feedback_regie, issue 15.4)
    c.NbGraderAPI.log_level = "INFO"
    return c


def _ruim_release_op(map_: Cursusmap) -> Any:
    """Een nbgrader-hook die antwoordbestanden van de trainer uit een nieuwe deelnemersversie haalt."""

    def ruim_op(**_: Any) -> None:
        if not map_.release.is_dir():
            return
        for pad in map_.release.rglob("*"):
            if pad.is_file() and ".antwoorden.json" in pad.name:
                pad.unlink()

    return ruim_op
