"""Dezelfde rondgang over de echte bloknotebooks in ``notebooks/blokN/``.

Per blok: deelnemersversie maken (zonder lekken en zonder het modelantwoord), een inlevering met het
modelantwoord (``notebooks/blokN/blokN.antwoorden.json``) krijgt alle automatische punten, een
onaangeroerde versie krijgt 0 zonder crash, een deels goed antwoord (``modelantwoorden/deels/``) krijgt
de met de hand beredeneerde punten (``tests/verwachte_punten.py``), en de feedback bevat niets geheims.
Ontbreekt een notebook of modelantwoord, dan faalt de test (nooit overslaan).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from verwachte_punten import DEELS

from samenwerkingscode.cursus import beoordelen, feedback, uitdelen
from samenwerkingscode.cursus.cursusmap import PROJECT, cursusmap
from samenwerkingscode.cursus.feedback_filter import MARKERINGEN, html_als_tekst
from samenwerkingscode.cursus.inleveren import lees_in
from samenwerkingscode.cursus.rapportage import cijferrijen

BRON = PROJECT / "notebooks"
MODELANTWOORDEN = Path(__file__).parent / "modelantwoorden"

pytestmark = pytest.mark.traag


@pytest.mark.parametrize("nummer", [1, 2, 3, 4, 5])
def test_rondgang_over_echt_blok(nummer: int, tmp_path: Path) -> None:
    blok = f"blok{nummer}"
    notebook = BRON / blok / f"{blok}.ipynb"
    model = BRON / blok / f"{blok}.antwoorden.json"
    assert notebook.is_file() and model.is_file(), "bronnotebook en modelantwoord staan in notebooks/"

    cohort = tmp_path / "cohort"
    map_ = cursusmap(cohort, BRON)
    assert uitdelen.maak(cohort=cohort, blok=nummer) == 0
    assert uitdelen.controleer_release(map_, blok) == []
    release = cohort / "release" / blok
    assert not list(release.glob("*.antwoorden.json*")), "het modelantwoord gaat nooit mee naar deelnemers"

    deels = MODELANTWOORDEN / "deels" / f"{blok}.antwoorden.json"
    antwoorden = {"model": model, "leeg": None, "deels": deels}
    inbox = tmp_path / "inbox"
    for deelnemer, antwoord in antwoorden.items():
        (inbox / deelnemer / blok).mkdir(parents=True)
        shutil.copy(release / f"{blok}.ipynb", inbox / deelnemer / blok / f"{blok}.ipynb")
        if antwoord is not None:
            shutil.copy(antwoord, inbox / deelnemer / blok / f"{blok}.antwoorden.json")
    verslag = lees_in(cohort=cohort, pad=inbox)
    assert len(verslag.ingelezen) == len(antwoorden), verslag.meldingen

    uitslagen = {u.deelnemer: u for u in beoordelen.beoordeel_alles(cohort=cohort, blok=nummer)}
    assert uitslagen["model"].beoordeeld and uitslagen["model"].meldingen == [], uitslagen["model"].meldingen
    assert uitslagen["leeg"].beoordeeld, uitslagen["leeg"].meldingen

    rijen = [r for r in cijferrijen(map_) if r["blok"] == blok and r["soort"] == "automatisch"]
    assert rijen, f"{blok} heeft geen automatisch beoordeelde onderdelen"
    for rij in rijen:
        if rij["deelnemer"] == "model":
            assert rij["score"] == rij["max"], f"modelantwoord haalt niet alle punten bij {rij['onderdeel']}"
        elif rij["deelnemer"] == "leeg":
            assert rij["score"] == 0, f"een lege inlevering krijgt punten bij {rij['onderdeel']}"
    behaald = {r["onderdeel"]: r["score"] for r in rijen if r["deelnemer"] == "deels"}
    assert behaald == pytest.approx(DEELS[blok], abs=0.01)

    assert feedback.feedback(cohort=cohort, blok=nummer) == 0
    for deelnemer in antwoorden:
        html_pad = cohort / "feedback" / deelnemer / blok / f"{blok}.html"
        assert feedback.controleer_feedback(map_, blok, html_pad) == []
        tekst = html_als_tekst(html_pad.read_text(encoding="utf-8"))
        assert not [m for m in MARKERINGEN if m in tekst]
