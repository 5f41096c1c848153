"""De trainer in JupyterLab: de formgrader van nbgrader opent en toont de opdrachten van de cursus.

De opzet is die van ``regie lab --trainer``: JupyterLab start in de kitmap met ``nbgrader_config.py``
van de kit, de cohortmap staat daaronder en komt uit ``REGIE_COHORT``. De trainer heeft eerst
``regie cursus maak`` gedaan (hier: :func:`samenwerkingscode.cursus.uitdelen.maak`). De test kiest in het menu
Nbgrader → Formgrader en controleert in de formgrader dat blok1 … blok5 erin staan, elk met een
gemaakte deelnemersversie (de knop Preview). Hij faalt als de formgrader niet opent, de
configuratie van de kit niet vindt of de opdrachten niet toont.

Daarna het beoordelingsscherm (handmatig beoordelen) na maak → importeer → beoordeel: formules staan er
gezet door MathJax 2 van de kit, de pagina haalt niets van een ander adres dan de eigen server (geen CDN),
er is geen JavaScript-fout, en een score met commentaar komt in het cijferboek.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Response, expect

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
    from samenwerkingscode.cursus.lab import trainersomgeving
    from samenwerkingscode.cursus.uitdelen import maak

    kit, bron, cohort = _trainersmap(tmp_path, bronkopie)
    assert maak(cohort=cohort, bron=bron) == 0
    for blok in BLOKKEN:
        assert (cohort / "release" / blok / f"{blok}.ipynb").is_file(), f"regie cursus maak gaf geen {blok}"
    page = tab.page

    omgeving, extra = trainersomgeving()  # wat regie lab --trainer de server meegeeft
    omgeving.update(REGIE_COHORT=str(cohort), REGIE_BRON=str(bron))
    with lab_starter(kit, env=omgeving, extra=extra) as lab:
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


# --------------------------------------------------------------------------------------------
# Handmatig beoordelen: MathJax komt van de eigen server, niet van een CDN (issue 15, punt 4)

DEELNEMER = "student1"
ANTWOORD = "Mijn antwoord: $x^2$ groeit sneller dan $2x$."
LOKAAL = {"127.0.0.1", "localhost"}


def _formulebron(map_: Path) -> Path:
    """Een kleine bron met één opdracht (blok1): een formule in de tekst en een handmatig beoordeeld antwoord."""
    import nbformat

    def meta(grade_id: str, **velden: object) -> dict[str, object]:
        basis = {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3, "solution": False}
        return {"nbgrader": {**basis, "task": False, **velden}}

    v4 = nbformat.v4
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell(
                "# Formules\n\nDe oppervlakte van een cirkel is $\\pi r^2$.", metadata=meta("intro", locked=True)
            ),
            v4.new_markdown_cell("Leg uit waarom $x^2$ sneller groeit dan $2x$.", metadata=meta("vraag", locked=True)),
            v4.new_markdown_cell("JOUW ANTWOORD HIER", metadata=meta("uitleg", grade=True, solution=True, points=2)),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (map_ / "blok1").mkdir(parents=True)
    nbformat.write(nb, map_ / "blok1" / "blok1.ipynb")
    return map_


def _ingeleverd_en_beoordeeld(kit: Path) -> tuple[Path, Path, str]:
    """De trainersroute tot de formgrader: maak, importeer een inlevering, beoordeel; geeft de id voor de formgrader."""
    import nbformat

    from samenwerkingscode.cursus.beoordelen import beoordeel_alles
    from samenwerkingscode.cursus.cursusmap import cursusmap
    from samenwerkingscode.cursus.inleveren import importeer
    from samenwerkingscode.cursus.koppeling import gradebook
    from samenwerkingscode.cursus.uitdelen import maak

    bron, cohort = _formulebron(kit / "notebooks"), kit / "cohort"
    assert maak(cohort=cohort, bron=bron) == 0
    nb = nbformat.read(cohort / "release" / "blok1" / "blok1.ipynb", as_version=4)
    antwoordcel = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "uitleg")
    antwoordcel.source = ANTWOORD
    inbox = kit / "inbox" / DEELNEMER / "blok1"
    inbox.mkdir(parents=True)
    nbformat.write(nb, inbox / "blok1.ipynb")
    leeg = {"schema": 1, "notebook": "blok1", "bijgewerkt": "2026-12-01T10:00:00+01:00", "oefeningen": {}}
    (inbox / "blok1.antwoorden.json").write_text(json.dumps(leeg), encoding="utf-8")
    assert importeer(cohort=cohort, pad=kit / "inbox", bron=bron) == 0
    uitslagen = beoordeel_alles(cohort=cohort, bron=bron, tijdslimiet=30, parallel=1)
    assert [u.deelnemer for u in uitslagen] == [DEELNEMER], uitslagen
    with gradebook(cursusmap(cohort, bron)) as gb:
        inzending = gb.find_submission_notebook("blok1", "blok1", DEELNEMER).id
    return bron, cohort, inzending


def _wacht_op_beoordeling(cohort: Path, bron: Path) -> None:
    """Wacht tot de score en het commentaar uit het beoordelingsscherm in het cijferboek staan."""
    import time

    from samenwerkingscode.cursus.cursusmap import cursusmap
    from samenwerkingscode.cursus.koppeling import gradebook

    einde = time.monotonic() + 15
    while True:
        with gradebook(cursusmap(cohort, bron)) as gb:
            score = gb.find_grade("uitleg", "blok1", "blok1", DEELNEMER).manual_score
            commentaar = gb.find_comment("uitleg", "blok1", "blok1", DEELNEMER).manual_comment
        if (score, commentaar) == (2, "Goed: $x^2$ klopt.") or time.monotonic() > einde:
            break
        time.sleep(0.3)
    assert (score, commentaar) == (2, "Goed: $x^2$ klopt."), "het beoordelingsscherm bewaarde niets"


def _elders(verzoeken: list[str]) -> list[str]:
    """De verzoeken naar een ander adres dan de eigen server (data: en blob: blijven in de browser)."""
    from urllib.parse import urlsplit

    return [u for u in verzoeken if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname not in LOKAAL]


def test_handmatig_beoordelen_laadt_mathjax_van_de_kit_en_niet_van_een_cdn(
    tmp_path: Path, lab_starter: LabStarter, tab: Browsertab
) -> None:
    """Zet het beoordelingsscherm formules met MathJax van de eigen server, zonder verzoek naar een ander adres?

    Zonder de kit laadt nbgraders formgrader MathJax van cdnjs.cloudflare.com: offline staan formules er dan
    als ``$x^2$`` en geeft formgrade.js een JavaScript-fout (``MathJax is not defined``).
    """
    from samenwerkingscode.cursus.lab import trainersomgeving

    kit = tmp_path / "kit"
    kit.mkdir()
    shutil.copy2(PROJECT / "nbgrader_config.py", kit / "nbgrader_config.py")
    bron, cohort, inzending = _ingeleverd_en_beoordeeld(kit)
    page = tab.page
    verzoeken: list[str] = []
    page.on("request", lambda verzoek: verzoeken.append(verzoek.url))
    mislukt: list[str] = []

    def bij_antwoord(antwoord: Response) -> None:
        if antwoord.status >= 400:
            mislukt.append(f"{antwoord.status} {antwoord.url}")

    page.on("response", bij_antwoord)

    omgeving, extra = trainersomgeving()  # wat regie lab --trainer de server meegeeft
    omgeving.update(REGIE_COHORT=str(cohort), REGIE_BRON=str(bron))
    with lab_starter(kit, env=omgeving, extra=extra) as lab:
        # Eerst inloggen voor de hele server, zoals via Lab: een token in de adresregel van het beoordelingsscherm
        # geeft (door nbgrader) een cookie voor alleen dat pad, en dan weigert de server het bewaren van scores.
        page.goto(f"{lab.basis}/api/status?token={lab.token}")
        page.goto(f"{lab.basis}/formgrader/submissions/{inzending}/?index=0")
        expect(page.locator(".nbgrader_cell").first).to_be_visible(timeout=60_000)
        page.wait_for_load_state("load")
        assert not _elders(verzoeken), f"het beoordelingsscherm haalde iets van een ander adres: {_elders(verzoeken)}"
        # MathJax 2 is opgestart; formgrade.js zet MathJax.loaded als het dat signaal van MathJax ontving.
        page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.isReady && MathJax.loaded === true")
        expect(page.locator(".MathJax_CHTML").first).to_be_visible()
        formules = page.evaluate(
            "() => Array.from(document.querySelectorAll('script[type^=\"math/tex\"]')).map(s => s.textContent)"
        )
        assert {"x^2", "2x", "\\pi r^2"} <= set(formules), formules
        expect(page.locator(".MathJax_Error, .mjx-merror")).to_have_count(0)
        # Het scherm werkt: een score en commentaar (met een formule) worden bewaard.
        page.locator("input.score").first.fill("2")
        page.locator("input.score").first.press("Tab")
        page.locator("textarea.comment").first.fill("Goed: $x^2$ klopt.")
        page.locator("textarea.comment").first.press("Tab")
        tab.schermafdruk("formgrade-mathjax", hele_pagina=True)
        _wacht_op_beoordeling(cohort, bron)

    assert not _elders(verzoeken), f"het beoordelingsscherm haalde iets van een ander adres: {_elders(verzoeken)}"
    assert any("/static/mathjax2/MathJax.js" in url for url in verzoeken), verzoeken
    assert not mislukt, f"niet gevonden of geweigerd: {mislukt}"
    assert not tab.logboek.pagina_fouten, tab.logboek.pagina_fouten
