"""Meting 3: een groep van 30 deelnemers automatisch beoordelen voor één blok.

Waarom: een trainer beoordeelt een hele groep in één keer; dat mag geen avond kosten. Gemeten
wordt met de eigen opzet van de kit (:func:`samenwerkingscode.cursus.maak` en ``maak_api``, dus
de nbgrader-instellingen van :func:`samenwerkingscode.cursusmap.nbgrader_config`) en nbgraders
API. De inleveringen zijn de deelnemersversie plus een antwoordbestand met modelantwoorden of
een deels goed antwoordbestand (``tests/cursus/modelantwoorden``). De basislijn is een minimaal
nbgrader-notebook met evenveel cellen en dezelfde beoordelingscellen, maar triviale code: wat
nbgrader zelf per inlevering kost (kernelstart, cijferboek, kopiëren). Het blok is het
beoordeelde blok met de meeste cellen.

Twee dingen worden gemeten: seconden per inlevering (``api.autograde`` per deelnemer, om en om
met het minimale notebook, mediaan) en de wandkloktijd van ``cursus.beoordeel_alles`` voor de
hele groep, zoals ``regie cursus beoordeel`` hem doet.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from bench._kern import BenchFout, Doel, Instellingen, Meting, afwisselend, mediaan

NAAM = "beoordelen"
DOEL = Doel(1.5)
GROEP = 30


def kies_blok(project: Path) -> str:
    """Het beoordeelde blok met de meeste cellen (bij gelijkspel het eerste)."""
    import nbformat

    from samenwerkingscode.cursusmap import BEOORDEELDE_BLOKKEN

    aantallen = {}
    for blok in BEOORDEELDE_BLOKKEN:
        pad = project / "notebooks" / blok / f"{blok}.ipynb"
        if pad.is_file():
            aantallen[blok] = len(nbformat.read(pad, as_version=4).cells)
    if not aantallen:
        raise BenchFout(f"Geen beoordeelde blokken gevonden in {project / 'notebooks'}.")
    return max(aantallen, key=lambda b: (aantallen[b], -list(aantallen).index(b)))


def minimaal_notebook(bron: Any) -> Any:
    """Evenveel cellen met dezelfde nbgrader-metadata, maar triviale inhoud (met dezelfde markeringen)."""
    import copy

    import nbformat

    nb = nbformat.v4.new_notebook(metadata=copy.deepcopy(bron.metadata))
    for cel in bron.cells:
        meta = copy.deepcopy(dict(cel.metadata))
        tekst = cel.source
        if cel.cell_type == "code":
            if "### BEGIN SOLUTION" in tekst:
                inhoud = "### BEGIN SOLUTION\nx = 1\n### END SOLUTION"
            elif meta.get("nbgrader", {}).get("grade"):
                punten = meta["nbgrader"].get("points", 1)
                inhoud = f"punten = {punten}\n"
                if "### BEGIN HIDDEN TESTS" in tekst:
                    inhoud += "### BEGIN HIDDEN TESTS\nassert punten >= 0\n### END HIDDEN TESTS\n"
                inhoud += "punten"
            else:
                inhoud = "x = 1"
            nb.cells.append(nbformat.v4.new_code_cell(inhoud, metadata=meta))
        else:
            if "=== BEGIN MARK SCHEME ===" in tekst:
                inhoud = "Taak.\n\n=== BEGIN MARK SCHEME ===\nSchema.\n=== END MARK SCHEME ==="
            elif "### BEGIN SOLUTION" in tekst:
                inhoud = "### BEGIN SOLUTION\nAntwoord.\n### END SOLUTION"
            else:
                inhoud = "Tekst."
            nb.cells.append(nbformat.v4.new_markdown_cell(inhoud, metadata=meta))
    return nb


@contextlib.contextmanager
def _stil() -> Any:
    """De kit en nbgrader melden voortgang op stdout; die hoort niet tussen de tabel."""
    from nbformat.warnings import MissingIDFieldWarning
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore", SAWarning)
        warnings.simplefilter("ignore", MissingIDFieldWarning)
        yield


class _Cohort:
    """Een bronmap en een cohortmap met een deelnemersversie en ingeleverde notebooks."""

    def __init__(self, basis: Path, blok: str, notebook: Any, antwoorden: list[Path | None]) -> None:
        import nbformat

        from samenwerkingscode import cursus
        from samenwerkingscode.cursusmap import cursusmap

        self.blok = blok
        self.bron = basis / "notebooks"
        (self.bron / blok).mkdir(parents=True)
        nbformat.write(notebook, self.bron / blok / f"{blok}.ipynb")
        self.cohort = basis / "cohort"
        with _stil():
            cursus.maak(cohort=self.cohort, blok=blok, bron=self.bron)
        self.map = cursusmap(self.cohort, self.bron)
        release = self.map.release / blok / f"{blok}.ipynb"
        self.deelnemers = []
        for i, antwoord in enumerate(antwoorden, start=1):
            deelnemer = f"deelnemer{i:02d}"
            map_ = self.map.submitted / deelnemer / blok
            map_.mkdir(parents=True)
            shutil.copy(release, map_ / release.name)
            if antwoord is not None:
                shutil.copy(antwoord, map_ / f"{blok}.antwoorden.json")
            (map_ / "timestamp.txt").write_text("2026-01-01 12:00:00.000000 CET", encoding="utf-8")
            self.deelnemers.append(deelnemer)
        with _stil():
            self.api = cursus.maak_api(self.map)

    def beoordeel(self, deelnemer: str) -> None:
        with _stil():
            resultaat = self.api.autograde(self.blok, deelnemer, force=True, create=True)
        if not resultaat["success"]:
            staart = str(resultaat.get("error") or resultaat.get("log") or "").strip().splitlines()[-3:]
            raise BenchFout(f"nbgrader kon {deelnemer} ({self.bron.parent.name}) niet beoordelen: {' '.join(staart)}")


def meet(inst: Instellingen) -> list[Meting]:
    import nbformat

    from samenwerkingscode import cursus

    groep = 10 if inst.snel else GROEP
    n = inst.aantal(normaal=5, snel=3)
    blok = kies_blok(inst.project)
    bronpad = inst.project / "notebooks" / blok / f"{blok}.ipynb"
    modellen = inst.project / "tests" / "cursus" / "modelantwoorden"
    model, deels = modellen / f"{blok}.antwoorden.json", modellen / "deels" / f"{blok}.antwoorden.json"
    for pad in (model, deels):
        if not pad.is_file():
            raise BenchFout(
                f"Antwoordbestand {pad.relative_to(inst.project)} ontbreekt (scripts/maak_notebooks.py maakt het)."
            )
    bron = nbformat.read(bronpad, as_version=4)
    antwoorden: list[Path | None] = [model if i % 2 == 0 else deels for i in range(groep)]

    with tempfile.TemporaryDirectory(prefix="bench-beoordelen-") as tmp:
        kit = _Cohort(Path(tmp) / "kit", blok, bron, antwoorden)
        mini = _Cohort(Path(tmp) / "minimaal", blok, minimaal_notebook(bron), [None] * n)

        # De hele groep, zoals 'regie cursus beoordeel' het doet.
        begin = time.perf_counter()
        with _stil():
            uitslagen = cursus.beoordeel_alles(cohort=kit.cohort, blok=blok, bron=kit.bron)
        groepstijd = time.perf_counter() - begin
        _controleer(uitslagen, groep, blok, model)

        # Per inlevering, om en om met het minimale notebook.
        volgende = {"kit": iter(kit.deelnemers), "minimaal": iter(mini.deelnemers)}
        with cursus.beoordeelmodus_aan():  # zoals regie cursus beoordeel: geen widgets of figuren in de kernel
            tijden = afwisselend(
                {
                    "kit": lambda: kit.beoordeel(next(volgende["kit"])),
                    "minimaal": lambda: mini.beoordeel(next(volgende["minimaal"])),
                },
                n,
            )
    per_stuk, basis = mediaan(tijden["kit"]), mediaan(tijden["minimaal"])
    return [
        Meting(
            naam=f"{blok} beoordelen, per inlevering",
            waarde=per_stuk,
            basislijn=basis,
            doel=DOEL,
            toelichting=(
                f"nbgrader autograde met de instellingen van de kit, mediaan van {n}; basislijn: minimaal "
                f"notebook met {len(bron.cells)} cellen en dezelfde beoordelingscellen"
            ),
        ),
        Meting(
            naam=f"{blok} beoordelen, hele groep ({groep})",
            waarde=groepstijd,
            basislijn=basis * groep,
            toelichting=(
                "cursus.beoordeel_alles (zoals regie cursus beoordeel, met voor- en nacontrole); "
                f"basislijn: {groep} × de minimale inlevering"
            ),
        ),
    ]


def _controleer(uitslagen: list[Any], groep: int, blok: str, model: Path) -> None:
    """Zijn alle inleveringen beoordeeld, en kregen de modelantwoorden punten?"""
    if len(uitslagen) != groep:
        raise BenchFout(f"Er zijn {len(uitslagen)} van de {groep} inleveringen beoordeeld.")
    mislukt = [u.deelnemer for u in uitslagen if not u.beoordeeld]
    if mislukt:
        raise BenchFout(f"Niet beoordeeld: {', '.join(mislukt)}; meldingen: {uitslagen[0].meldingen}")
    verwacht = json.loads(model.read_text(encoding="utf-8"))["oefeningen"]
    scores = {u.deelnemer: u.score for u in uitslagen}
    if verwacht and not scores.get("deelnemer01"):
        raise BenchFout(
            f"De modelantwoorden voor {blok} kregen geen punten (deelnemer01: {scores.get('deelnemer01')})."
        )
