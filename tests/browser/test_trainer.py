"""De trainer in JupyterLab: de formgrader van nbgrader opent en toont de opdrachten van de cursus.

De opzet is die van ``regie lab --trainer``: JupyterLab start in de kitmap met ``nbgrader_config.py``
van de kit, de cohortmap staat daaronder en komt uit ``REGIE_COHORT``. De trainer heeft eerst
``regie cursus maak`` gedaan (hier: :func:`samenwerkingscode.cursus.uitdelen.maak`). De test kiest in het menu
Nbgrader → Formgrader en controleert in de formgrader dat blok1 … blok5 erin staan, elk met een
gemaakte deelnemersversie (de knop Preview). Hij faalt als de formgrader niet opent, de
configuratie van de kit niet vindt of de opdrachten niet toont.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from conftest import Browsertab, LabStarter

pytestmark = [pytest.mark.browser, pytest.mark.traag]

PROJECT = Path(__file__).resolve().parents[2]
BLOKKEN = ["blok1", "blok2", "blok3", "blok4", "blok5"]


def _trainersmap(tmp_path: Path, bronkopie: Callable[..., Path]) -> tuple[Path, Path, Path]:
    """Een kitmap zoals de projectmap: ``nbgrader_config.py`` van de kit, ``notebooks/`` en ``cohort/``.

    De formgrader werkt alleen als de cohortmap onder de map van JupyterLab ligt; daarom staat alles
    in één tijdelijke kitmap, en niet in de echte projectmap (daar kan een echte cursusgroep staan).
    """
    kit = tmp_path / "kit"
    kit.mkdir()
    shutil.copy2(PROJECT / "nbgrader_config.py", kit / "nbgrader_config.py")
    bron = bronkopie(kit / "notebooks")
    return kit, bron, kit / "cohort"


def test_formgrader_toont_de_opdrachten_van_de_cursus(
    tmp_path: Path, lab_starter: LabStarter, tab: Browsertab, bronkopie: Callable[..., Path]
) -> None:
    """Opent de formgrader via het menu en staat elke blokopdracht erin, met een deelnemersversie?"""
    from samenwerkingscode.cursus.uitdelen import maak

    kit, bron, cohort = _trainersmap(tmp_path, bronkopie)
    assert maak(cohort=cohort, bron=bron) == 0
    for blok in BLOKKEN:
        assert (cohort / "release" / blok / f"{blok}.ipynb").is_file(), f"regie cursus maak gaf geen {blok}"
    page = tab.page

    with lab_starter(kit, env={"REGIE_COHORT": str(cohort), "REGIE_BRON": str(bron)}) as lab:
        page.goto(f"{lab.basis}/lab/workspaces/trainer?reset&token={lab.token}")
        lab.menu(page, "Nbgrader", "Formgrader")
        formgrader = page.frame_locator("#formgrader-iframe iframe")
        rijen = formgrader.locator("table tbody tr").filter(has=formgrader.locator("td.name a"))
        expect(rijen.first).to_be_visible(timeout=60_000)
        for blok in BLOKKEN:
            rij = rijen.filter(has=formgrader.get_by_role("link", name=blok, exact=True))
            expect(rij, f"{blok} staat niet in de formgrader").to_have_count(1)
            expect(rij.locator("td.preview a"), f"{blok}: geen deelnemersversie te zien").to_have_count(1)
        namen = sorted(rijen.locator("td.name a").all_inner_texts())
        assert set(BLOKKEN) <= set(namen), namen
        tab.schermafdruk("formgrader")
        assert "nbgrader will not work correctly" not in lab.log_tekst()
