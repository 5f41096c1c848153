"""Eén plek voor de instellingen van de kit: cohortmap, bronmap, modelmap, casus, uitwisselmap, tijden, cache.

Waarom traitlets: nbgrader leest zijn instellingen uit ``nbgrader_config.py`` met traitlets. De kit doet
hetzelfde (``c.Regie.cohort = "…"``), zodat ``regie``, de formgrader en de tests één bron hebben en elke
instelling een uitleg heeft (``regie instellingen`` toont ze). Een omgevingsvariabele (``REGIE_COHORT``,
…) is de standaardwaarde; wat in ``nbgrader_config.py`` staat, gaat voor.

Kernels (de notebooks van deelnemers en de beoordeling) lezen ``nbgrader_config.py`` niet. Wat zij moeten
weten (modelmap, casus, cache) geeft :meth:`Regie.exporteer` door als omgevingsvariabele.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from traitlets import Int, Unicode, default
from traitlets.config import Config, Configurable

PROJECT = Path(__file__).resolve().parents[2]
"""De map van de kit (in een kloon: de map met ``notebooks/`` en ``casussen/``)."""

CONFIGBESTAND = "nbgrader_config.py"


class Regie(Configurable):
    """De instellingen van de cursuskit (sectie ``c.Regie`` in ``nbgrader_config.py``)."""

    cohort = Unicode(
        help="De cohortmap: alle gegevens van één groep (inleveringen, cijfers, feedback, gradebook). Nooit in git. "
        "Standaard $REGIE_COHORT, anders de map 'cohort' in de kit."
    ).tag(config=True)

    bron = Unicode(
        help="De bronmap met de bronnotebooks, modelantwoorden en sleutels (alleen voor trainers). "
        "Standaard $REGIE_BRON; anders de map 'notebooks' in de kit, of bij een andere casus dan Springendal de "
        "map 'bron' in de cohortmap (die maakt regie zelf uit de opdrachtdata)."
    ).tag(config=True)

    model_map = Unicode(
        help="Een eigen map met modelbestanden (*.yml) die die van de kit vervangen, bijvoorbeeld het officiële "
        "materiaal van de Samenwerkingscode. Leeg: alleen de bestanden van de kit. Standaard $REGIE_MODEL_MAP."
    ).tag(config=True)

    casus = Unicode(
        help="De casus van de cursus (de naam van casussen/<casus>.yml). Standaard $REGIE_CASUS, anders "
        "springendal-mosbeek."
    ).tag(config=True)

    exchange = Unicode(
        help="De uitwisselmap van nbgrader. Leeg: wat nbgrader zelf ingesteld heeft (op een JupyterHub de gedeelde "
        "map), anders de map 'exchange' in de cohortmap. Standaard $REGIE_EXCHANGE."
    ).tag(config=True)

    tijdslimiet = Int(
        help="Seconden per cel bij het beoordelen; een cel die langer loopt, wordt onderbroken en gemeld. "
        "Standaard $REGIE_TIJDSLIMIET, anders 60."
    ).tag(config=True)

    cache = Unicode(
        help="De map voor de figurencache (beslisboom, toets). Leeg: een map in de tijdelijke map van het systeem. "
        "Standaard $REGIE_CACHE."
    ).tag(config=True)

    eigen_casus_map = Unicode(
        help="De map met de eigen casussen van een deelnemer. Leeg: de map 'casussen' naast het notebook van de "
        "deelnemer. Standaard $REGIE_EIGEN_CASUS_MAP."
    ).tag(config=True)

    @default("cohort")
    def _cohort(self) -> str:
        return os.environ.get("REGIE_COHORT") or str(PROJECT / "cohort")

    @default("bron")
    def _bron(self) -> str:
        from samenwerkingscode.model.opdrachten import STANDAARD_CASUS

        if os.environ.get("REGIE_BRON"):
            return os.environ["REGIE_BRON"]
        if self.casus != STANDAARD_CASUS:
            return str(Path(self.cohort).expanduser() / "bron")
        return str(PROJECT / "notebooks")

    @default("model_map")
    def _model_map(self) -> str:
        return os.environ.get("REGIE_MODEL_MAP", "")

    @default("casus")
    def _casus(self) -> str:
        from samenwerkingscode.model.opdrachten import STANDAARD_CASUS

        return os.environ.get("REGIE_CASUS") or STANDAARD_CASUS

    @default("exchange")
    def _exchange(self) -> str:
        return os.environ.get("REGIE_EXCHANGE", "")

    @default("tijdslimiet")
    def _tijdslimiet(self) -> int:
        tekst = os.environ.get("REGIE_TIJDSLIMIET", "")
        return int(tekst) if tekst.isdigit() and int(tekst) > 0 else 60

    @default("cache")
    def _cache(self) -> str:
        return os.environ.get("REGIE_CACHE", "")

    @default("eigen_casus_map")
    def _eigen_casus_map(self) -> str:
        return os.environ.get("REGIE_EIGEN_CASUS_MAP", "")

    def pad(self, naam: str) -> Path:
        """Een mapinstelling als absoluut pad (``~`` uitgeschreven), vanuit elke werkmap hetzelfde."""
        return Path(getattr(self, naam)).expanduser().resolve()

    def exporteer(self) -> None:
        """Geef de instellingen door aan kernels en hulpprocessen (die lezen ``nbgrader_config.py`` niet)."""
        os.environ["REGIE_TIJDSLIMIET"] = str(self.tijdslimiet)
        for naam in ("cohort", "bron", "model_map", "casus", "exchange", "cache", "eigen_casus_map"):
            waarde = getattr(self, naam)
            if waarde:
                os.environ[f"REGIE_{naam.upper()}"] = waarde if naam == "casus" else str(self.pad(naam))


def zorg_voor_bron(regie: Regie) -> list[Path]:
    """Maak de bronnotebooks voor de casus van de cursus, als die niet die van de kit is; geeft de gewijzigde paden.

    Waarom: de bronnotebooks in ``notebooks/`` horen bij Springendal. Kiest een trainer met één instelling
    (``c.Regie.casus``) een andere casus, dan maakt ``regie`` uit dezelfde opdrachtdata een eigen bron in de
    cohortmap, met de sleutels van die casus. Een bronmap die de trainer zelf aanwees, blijft onaangeroerd.
    """
    import shutil

    from samenwerkingscode.cursus.bronnotebooks import alle_notebooks
    from samenwerkingscode.model.opdrachten import STANDAARD_CASUS

    bron = regie.pad("bron")
    if regie.casus == STANDAARD_CASUS or bron != regie.pad("cohort") / "bron":
        return []
    sleutels = PROJECT / "notebooks" / "sleutels"
    if sleutels.is_dir() and not (bron / "sleutels").is_dir():
        shutil.copytree(sleutels, bron / "sleutels")
    gewijzigd = []
    for pad, inhoud in alle_notebooks(bron, regie.casus).items():
        if not pad.is_file() or pad.read_text(encoding="utf-8") != inhoud:
            pad.parent.mkdir(parents=True, exist_ok=True)
            pad.write_text(inhoud, encoding="utf-8")
            gewijzigd.append(pad)
    return gewijzigd


def lees_config(map_: Path | None = None) -> Config:
    """De instellingen uit elke ``nbgrader_config`` die nbgrader ook leest: systeem, gebruiker, de kit, de werkmap.

    Zo ziet ``regie`` dezelfde instellingen als de formgrader, ook op een JupyterHub waar de trainer ze in
    ``~/.jupyter/nbgrader_config.py`` heeft staan. Latere bestanden gaan voor.
    """
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

    config = Config()
    mappen = [*reversed(jupyter_config_path()), str(map_ or PROJECT), os.getcwd()]
    gelezen: set[Path] = set()
    for map_naam in mappen:
        for loader, naam in ((JSONFileConfigLoader, "nbgrader_config.json"), (PyFileConfigLoader, CONFIGBESTAND)):
            pad = (Path(map_naam) / naam).resolve()
            if pad in gelezen or not pad.is_file():
                continue
            gelezen.add(pad)
            config.merge(loader(naam, path=str(pad.parent)).load_config())
    return config


def instellingen(config: Config | None = None, **waarden: Any) -> Regie:
    """De instellingen: ``nbgrader_config.py`` (of ``config``), met ``waarden`` (bijv. van de opdrachtregel) voorop."""
    regie = Regie(config=lees_config() if config is None else config)
    for naam, waarde in waarden.items():
        if waarde is not None:
            setattr(regie, naam, str(waarde) if isinstance(waarde, Path) else waarde)
    return regie


def beschrijving() -> list[tuple[str, str, str]]:
    """(naam, uitleg, standaard) per instelling, voor ``regie instellingen`` en de trainershandleiding."""
    regie = Regie(config=Config())
    return [
        (naam, trait.help, str(getattr(regie, naam))) for naam, trait in sorted(Regie.class_traits(config=True).items())
    ]
