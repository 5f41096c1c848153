"""Meting 3: beoordelen, per inlevering en voor een hele groep (parallel), en hoe dat schaalt.

Waarom: een trainer beoordeelt de avond voor een bijeenkomst een hele groep; dat mag minuten kosten,
geen kwartier. Gemeten wordt met de eigen opzet van de kit (``uitdelen.maak`` en
``beoordelen.beoordeel_alles``: voorcontrole, opgeschoonde inlevering, werkprocessen, zandbak,
samenvoegen in het cijferboek), zoals ``regie cursus beoordeel`` het doet. De inleveringen zijn de
deelnemersversie plus een antwoordbestand met modelantwoorden of een deels goed antwoordbestand
(``notebooks/blokN/blokN.antwoorden.json`` en ``tests/cursus/modelantwoorden/deels``).

De basislijn is een minimaal nbgrader-notebook met evenveel cellen en dezelfde beoordelingscellen,
maar triviale code, beoordeeld met nbgraders eigen ``autograde`` (één na één): wat nbgrader zelf per
inlevering kost (kernelstart, cijferboek, kopiëren). Dat gebeurt in een vers Python-proces, net als
``nbgrader autograde`` op de opdrachtregel: de kit start voor zijn groep ook een vers werkproces, en
beide kanten betalen zo één keer het opstarten. Drie cijfers:

- **per inlevering**: de kit (``parallel=1``) tegen het minimale notebook, om en om, doel ≤ 1,3×
  (ter informatie ook tegen nbgrader warm in het meetproces: alleen het beoordelen zelf);
- **hele groep** (30 deelnemers × 5 blokken = 150 inleveringen, ``parallel`` = alle kernen) tegen
  het ideaal 150 × minimaal (warm: alleen het beoordelen zelf) ÷ kernen, doel ≤ 1,5×;
- **schaal** (met ``--schaal``): groepen van 30, 60 en 120 deelnemers voor één blok, elk tegen
  30-groep × n/30 (lineair); een verhouding rond 1 betekent dat de tijd lineair groeit.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from bench._kern import BenchFout, Doel, Instellingen, Meting, Reeks, duur, mediaan, spreiding
from samenwerkingscode.cursus.beoordelen import kernen

NAAM = "beoordelen"
DOEL_PER_INLEVERING = Doel(1.3)
DOEL_GROEP = Doel(1.5)
GROEP = 30
SCHAAL = (30, 60, 120)


def kies_blok(project: Path) -> str:
    """Het beoordeelde blok met de meeste cellen (bij gelijkspel het eerste)."""
    import nbformat

    from samenwerkingscode.model.opdrachten import beoordeelde_notebooks

    aantallen = {}
    for blok in beoordeelde_notebooks():
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
    """Een bronmap en een cohortmap met deelnemersversies en ingeleverde notebooks (per blok)."""

    def __init__(self, basis: Path, notebooks: dict[str, Any], antwoorden: dict[str, list[Path | None]]) -> None:
        import nbformat

        from samenwerkingscode.cursus import koppeling, uitdelen
        from samenwerkingscode.cursus.cursusmap import cursusmap

        self.bron = basis / "notebooks"
        self.cohort = basis / "cohort"
        for blok, notebook in notebooks.items():
            (self.bron / blok).mkdir(parents=True)
            nbformat.write(notebook, self.bron / blok / f"{blok}.ipynb")
        with _stil():
            uitdelen.maak(cohort=self.cohort, bron=self.bron)
        self.map = cursusmap(self.cohort, self.bron)
        self.deelnemers: dict[str, list[str]] = {}
        for blok, lijst in antwoorden.items():
            release = self.map.release / blok / f"{blok}.ipynb"
            self.deelnemers[blok] = []
            for i, antwoord in enumerate(lijst, start=1):
                deelnemer = f"deelnemer{i:03d}"
                map_ = self.map.submitted / deelnemer / blok
                map_.mkdir(parents=True)
                shutil.copy(release, map_ / release.name)
                if antwoord is not None:
                    shutil.copy(antwoord, map_ / f"{blok}.antwoorden.json")
                (map_ / "timestamp.txt").write_text("2026-01-01 12:00:00.000000 CET", encoding="utf-8")
                self.deelnemers[blok].append(deelnemer)
        with _stil():
            self.api = koppeling.maak_api(self.map)

    def kit(self, parallel: int) -> list[Any]:
        """Alles beoordelen zoals ``regie cursus beoordeel`` het doet."""
        from samenwerkingscode.cursus.beoordelen import beoordeel_alles

        with _stil():
            return beoordeel_alles(cohort=self.cohort, bron=self.bron, parallel=parallel)

    def nbgrader_vers(self, blok: str) -> None:
        """Elke inlevering van ``blok`` met nbgraders eigen autograde, één na één, in een vers Python-proces.

        Zoals een trainer zonder de kit ``nbgrader autograde`` zou draaien: het proces start, laadt
        nbgrader en beoordeelt dan de groep. Dezelfde instellingen als de kit (``koppeling.maak_api``).
        """
        script = (
            "import sys\n"
            "from samenwerkingscode.cursus.cursusmap import cursusmap\n"
            "from samenwerkingscode.cursus.koppeling import maak_api\n"
            "cohort, bron, blok, *deelnemers = sys.argv[1:]\n"
            "api = maak_api(cursusmap(cohort, bron))\n"
            "for deelnemer in deelnemers:\n"
            "    uit = api.autograde(blok, deelnemer, force=True, create=True)\n"
            "    if not uit['success']:\n"
            "        sys.exit(f'{deelnemer}: ' + str(uit.get('error') or uit.get('log'))[-300:])\n"
        )
        argv = [sys.executable, "-c", script, str(self.cohort), str(self.bron), blok, *self.deelnemers[blok]]
        klaar = subprocess.run(argv, capture_output=True, text=True, check=False)
        if klaar.returncode != 0:
            staart = " ".join((klaar.stderr or klaar.stdout).strip().splitlines()[-3:])
            raise BenchFout(f"nbgrader kon {blok} niet beoordelen (vers proces): {staart}")

    def nbgrader(self, blok: str) -> None:
        """Elke inlevering van ``blok`` met nbgraders eigen autograde, één na één, warm in dit proces."""
        with _stil():
            for deelnemer in self.deelnemers[blok]:
                resultaat = self.api.autograde(blok, deelnemer, force=True, create=True)
                if not resultaat["success"]:
                    staart = str(resultaat.get("error") or resultaat.get("log") or "").strip().splitlines()[-3:]
                    raise BenchFout(f"nbgrader kon {deelnemer} ({blok}) niet beoordelen: {' '.join(staart)}")


def _antwoorden(project: Path, blok: str) -> tuple[Path, Path]:
    model = project / "notebooks" / blok / f"{blok}.antwoorden.json"  # het modelantwoord naast de bron
    deels = project / "tests" / "cursus" / "modelantwoorden" / "deels" / f"{blok}.antwoorden.json"
    for pad in (model, deels):
        if not pad.is_file():
            raise BenchFout(
                f"Antwoordbestand {pad.relative_to(project)} ontbreekt (scripts/maak_notebooks.py maakt het)."
            )
    return model, deels


def _afwisselend(model: Path, deels: Path, n: int) -> list[Path | None]:
    return [model if i % 2 == 0 else deels for i in range(n)]


def _controleer(uitslagen: list[Any], aantal: int) -> None:
    """Zijn alle inleveringen beoordeeld, zonder 'nakijken mislukt', en kregen de modelantwoorden punten?"""
    if len(uitslagen) != aantal:
        raise BenchFout(f"Er zijn {len(uitslagen)} van de {aantal} inleveringen beoordeeld.")
    mislukt = [f"{u.deelnemer}/{u.blok}: {u.status}" for u in uitslagen if not u.beoordeeld or u.nakijkfouten]
    if mislukt:
        raise BenchFout(f"Niet goed beoordeeld: {', '.join(mislukt[:5])}")


def per_inlevering(inst: Instellingen, tmp: Path) -> tuple[list[Meting], float]:
    """De kit (één werkproces) tegen nbgraders autograde van het minimale notebook; geeft ook de warme tijd per stuk."""
    import nbformat

    blok = kies_blok(inst.project)
    bron = nbformat.read(inst.project / "notebooks" / blok / f"{blok}.ipynb", as_version=4)
    model, deels = _antwoorden(inst.project, blok)
    # Genoeg inleveringen per run: het werkproces start één keer (Python + nbgrader, enkele seconden)
    # en dat hoort verdeeld over een groep, zoals bij een echte cursus.
    k = 4 if inst.snel else 10
    herhalingen = inst.aantal(normaal=5, snel=2)
    kit = _Cohort(tmp / "kit", {blok: bron}, {blok: _afwisselend(model, deels, k)})
    mini = _Cohort(tmp / "minimaal", {blok: minimaal_notebook(bron)}, {blok: [None] * k})
    kit_reeks, vers_reeks, warm_reeks = Reeks(), Reeks(), Reeks()
    taken = [
        lambda: _controleer(kit.kit(parallel=1), k),
        lambda: mini.nbgrader_vers(blok),
        lambda: mini.nbgrader(blok),
    ]
    reeksen = [kit_reeks, vers_reeks, warm_reeks]
    mini.nbgrader(blok)  # eenmalig opwarmen: de warme basislijn meet alleen het beoordelen zelf
    for ronde in range(herhalingen):  # om en om, elke ronde een andere eerst
        for i in [(ronde + j) % 3 for j in range(3)]:
            reeksen[i].meet(taken[i])
    per_kit = [t / k for t in kit_reeks.wand]
    per_vers = [t / k for t in vers_reeks.wand]
    per_warm = [t / k for t in warm_reeks.wand]
    cpu_kit = mediaan([t / k for t in kit_reeks.cpu])
    # De hele groep rekent met de warme tijd: dat is de beoordeling zelf, en over 150 inleveringen valt
    # het eenmalige opstarten weg (zo staat het ideaal ook in de opdracht: 150 × autograde ÷ kernen).
    return (
        [
            Meting(
                naam=f"{blok} beoordelen, per inlevering",
                waarde=mediaan(per_kit),
                basislijn=mediaan(per_vers),
                doel=DOEL_PER_INLEVERING,
                spreiding=spreiding(per_kit),
                cpu=cpu_kit,
                toelichting=(
                    f"beoordeel_alles(parallel=1) over {k} inleveringen (met de start van het werkproces), "
                    f"gedeeld door {k}, mediaan van {herhalingen}; basislijn: nbgrader autograde van een minimaal "
                    f"notebook met {len(bron.cells)} cellen, {k} stuks in een vers proces "
                    f"(spreiding {duur(spreiding(per_vers))}); CPU: hoofdproces, werkproces en kernels"
                ),
            ),
            Meting(
                naam="  tegen nbgrader warm in het meetproces",
                waarde=mediaan(per_kit),
                basislijn=mediaan(per_warm),
                spreiding=spreiding(per_kit),
                cpu=cpu_kit,
                toelichting=(
                    "dezelfde minimale inleveringen, nbgrader al geladen en opgewarmd: alleen het beoordelen zelf "
                    f"(spreiding {duur(spreiding(per_warm))}); ter informatie"
                ),
            ),
        ],
        mediaan(per_warm),
    )


def hele_groep(inst: Instellingen, tmp: Path, basis_per_stuk: float) -> Meting:
    """30 deelnemers × alle beoordeelde blokken, parallel op alle kernen, tegen het ideaal."""
    import nbformat

    from samenwerkingscode.model.opdrachten import beoordeelde_notebooks

    groep = 6 if inst.snel else GROEP
    blokken = [b for b in beoordeelde_notebooks() if (inst.project / "notebooks" / b / f"{b}.ipynb").is_file()]
    notebooks = {b: nbformat.read(inst.project / "notebooks" / b / f"{b}.ipynb", as_version=4) for b in blokken}
    antwoorden = {b: _afwisselend(*_antwoorden(inst.project, b), groep) for b in blokken}
    cohort = _Cohort(tmp / "groep", notebooks, antwoorden)
    aantal, n = groep * len(blokken), kernen()
    reeks = Reeks()
    reeks.meet(lambda: _controleer(cohort.kit(parallel=n), aantal))
    return Meting(
        naam=f"hele groep: {groep} × {len(blokken)} blokken ({aantal} inleveringen)",
        waarde=reeks.wand[0],
        basislijn=aantal * basis_per_stuk / n,
        doel=DOEL_GROEP,
        cpu=reeks.cpu[0],
        toelichting=(
            f"beoordeel_alles op {n} kernen, één run; basislijn (ideaal): {aantal} × minimaal notebook (warm) ÷ {n} kernen"
        ),
    )


def schaalreeks(inst: Instellingen, tmp: Path) -> list[Meting]:
    """Groepen van 30, 60 en 120 deelnemers voor één blok: groeit de tijd lineair?"""
    import nbformat

    blok = kies_blok(inst.project)
    bron = nbformat.read(inst.project / "notebooks" / blok / f"{blok}.ipynb", as_version=4)
    model, deels = _antwoorden(inst.project, blok)
    n = kernen()
    tijden: dict[int, Reeks] = {}
    for grootte in SCHAAL:
        cohort = _Cohort(tmp / f"schaal{grootte}", {blok: bron}, {blok: _afwisselend(model, deels, grootte)})
        tijden[grootte] = Reeks()
        tijden[grootte].meet(lambda cohort=cohort, grootte=grootte: _controleer(cohort.kit(parallel=n), grootte))
        shutil.rmtree(tmp / f"schaal{grootte}", ignore_errors=True)
    eerste = tijden[SCHAAL[0]].wand[0]
    return [
        Meting(
            naam=f"schaal: {grootte} deelnemers, {blok}",
            waarde=tijden[grootte].wand[0],
            basislijn=eerste * grootte / SCHAAL[0],
            cpu=tijden[grootte].cpu[0],
            toelichting=(
                f"op {n} kernen; basislijn: de groep van {SCHAAL[0]} × {grootte}/{SCHAAL[0]} (lineaire groei = 1,00×)"
            ),
        )
        for grootte in SCHAAL
    ]


def meet(inst: Instellingen) -> list[Meting]:
    with tempfile.TemporaryDirectory(prefix="bench-beoordelen-") as tmp:
        per_stuk, warm = per_inlevering(inst, Path(tmp))
        metingen = [*per_stuk, hele_groep(inst, Path(tmp), warm)]
        if inst.schaal:
            metingen += schaalreeks(inst, Path(tmp))
    return metingen
