"""Meting 2: elk cursusnotebook headless uitvoeren tegen een leeg notebook (de kernelstart).

Waarom: een deelnemer opent een notebook en kiest "Run All"; alles boven de kernelstart is de
kit (imports, widgets opbouwen, casus lezen). Uitgevoerd wordt de deelnemersversie (de bron na
nbgraders ``ClearSolutions``/``ClearHiddenTests``/``ClearMarkScheme``, zoals ``regie cursus maak``
hem maakt) met een leeg antwoordbestand, in een tijdelijke kopie van de notebookmap, met
nbclient zoals nbgrader en het boek doen. Per ronde om en om met het lege notebook.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench._kern import BenchFout, Doel, Instellingen, Meting, afwisselend

NAAM = "notebooks"
DOEL = Doel(1.5)
LEEG = "(leeg notebook)"
KAAL = "(zelfde cellen, kale ipywidgets)"


def deelnemersversie(bron: Path) -> Any:
    """De deelnemersversie van een bronnotebook, in het geheugen (geen cijferboek nodig)."""
    import nbformat
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions
    from traitlets.config import Config

    from samenwerkingscode.cursus.cursusmap import CODE_STUB, TEXT_STUB

    nb = nbformat.read(bron, as_version=4)
    cfg = Config()
    cfg.ClearSolutions.code_stub = {"python": CODE_STUB}
    cfg.ClearSolutions.text_stub = TEXT_STUB
    resources: dict[str, Any] = {}
    for stap in (ClearSolutions(config=cfg), ClearHiddenTests(config=cfg), ClearMarkScheme(config=cfg)):
        nb, resources = stap.preprocess(nb, resources)
    return nb


def kale_versie(nb: Any) -> Any:
    """Hetzelfde notebook (dezelfde cellen, dezelfde tekst) met kale ipywidgets in plaats van de kit.

    Waarom: het lege notebook meet alleen de kernelstart. Deze tweede basislijn laat zien wat elk
    notebook met zoveel cellen en een widget per invulscherm hoe dan ook kost (de rondgang per cel,
    ``import ipywidgets``), zodat de tabel scheidt wat van de kit is en wat niet.
    """
    import copy

    kaal = copy.deepcopy(nb)
    for cel in kaal.cells:
        if cel.cell_type != "code":
            continue
        if "opdracht.begin(" in cel.source:
            cel.source = "import ipywidgets as widgets"
        elif "opdracht.toon(" in cel.source or "opdracht.controleer(" in cel.source:
            cel.source = "widgets.Textarea()"
        else:
            cel.source = "None"
    return kaal


def voer_uit(nb: Any, map_: Path) -> None:
    """Voer een notebook uit in ``map_`` (de werkmap van de kernel); een fout in een cel is een BenchFout."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    try:
        NotebookClient(
            nb,
            timeout=180,
            kernel_name="python3",
            resources={"metadata": {"path": str(map_)}},
            # Na de laatste cel meteen stoppen: een deelnemer wacht nooit op het afsluiten van de kernel.
            # Netjes afsluiten peilt jupyter_client per 0,1 s, en een kernel met meer modules valt dan
            # een peilmoment later: 0,1 s die alleen deze meting ziet.
            shutdown_kernel="immediate",
            extra_arguments=[
                "--IPKernelApp.log_level=CRITICAL"
            ],  # geen kernellogregels tussen de tabel (celfouten komen via nbclient)
        ).execute()
    except CellExecutionError as fout:
        raise BenchFout(f"Een cel in {map_.name} gaf een fout: {str(fout).strip().splitlines()[-1]}") from fout


def cursusnotebooks(project: Path) -> list[Path]:
    """De bronnotebooks: ``notebooks/<naam>/<naam>.ipynb`` (blokken en eigen casus)."""
    paden = sorted(
        p / f"{p.name}.ipynb" for p in (project / "notebooks").iterdir() if (p / f"{p.name}.ipynb").is_file()
    )
    if not paden:
        raise BenchFout(f"Geen cursusnotebooks gevonden in {project / 'notebooks'}.")
    return paden


def meet(inst: Instellingen) -> list[Meting]:
    import nbformat

    # Vijf runs: één trage run (schijf, een ander programma) verschuift de mediaan dan niet.
    n = inst.aantal(normaal=5, snel=1)
    bronnen = cursusnotebooks(inst.project)
    versies = {pad.parent.name: deelnemersversie(pad) for pad in bronnen}
    kaal = {f"{naam} {KAAL}": kale_versie(nb) for naam, nb in versies.items()}
    with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as tmp:
        werk = Path(tmp)

        def taak(naam: str) -> Any:
            def uitvoeren() -> None:
                map_ = werk / naam
                if map_.exists():
                    shutil.rmtree(map_)
                if naam == LEEG:
                    map_.mkdir()
                    voer_uit(nbformat.v4.new_notebook(), map_)
                    return
                if naam in kaal:
                    map_.mkdir()
                    voer_uit(nbformat.from_dict(kaal[naam]), map_)
                    return
                # Een verse kopie van de notebookmap zonder antwoordbestanden: een deelnemer die net begint.
                shutil.copytree(
                    inst.project / "notebooks" / naam, map_, ignore=shutil.ignore_patterns("*.antwoorden.json*", ".*")
                )
                voer_uit(nbformat.from_dict(versies[naam]), map_)

            return uitvoeren

        taken = {naam: taak(naam) for naam in [LEEG, *versies, *kaal]}
        # Opwarmen met het lege en het eerste notebook: de schijfcache en de eerste imports tellen dan
        # niet mee, en het kost geen hele extra ronde.
        for naam in list(taken)[:2]:
            taken[naam]()
        tijden = afwisselend(taken, n)
    metingen = []
    for naam in versies:
        metingen.append(
            tijden[naam].meting(
                f"notebook {naam} uitvoeren",
                tijden[LEEG],
                doel=DOEL,
                toelichting=(
                    f"deelnemersversie, leeg antwoordbestand, nbclient, kernel na de laatste cel meteen gestopt; "
                    f"basislijn: leeg notebook (kernelstart), "
                    f"mediaan van {n}; CPU: dit proces en de kernel"
                    if naam == next(iter(versies))
                    else ""
                ),
            )
        )
        metingen.append(
            tijden[naam].meting(
                f"  {naam}: kit tegen kale ipywidgets",
                tijden[f"{naam} {KAAL}"],
                toelichting=(
                    "basislijn: hetzelfde notebook, elke cel triviaal en elk invulscherm één kale ipywidgets.Textarea "
                    "(wat elk notebook met zoveel cellen en widgets kost); ter informatie"
                    if naam == next(iter(versies))
                    else ""
                ),
            )
        )
    traagste = max(kaal, key=lambda k: tijden[k].mediaan)
    metingen.append(
        tijden[traagste].meting(
            f"kale versie tegen leeg notebook (traagste: {traagste.split()[0]})",
            tijden[LEEG],
            toelichting="wat de cellen en kale widgets zelf al kosten boven de kernelstart; ter informatie",
        )
    )
    return metingen
