"""Feedback die een deelnemer kan lezen (issue 15.4).

De feedback-HTML van ``regie cursus feedback`` heeft Nederlandse koppen, per onderdeel de punten en
het commentaar van de trainer, en wat de deelnemer invulde (het canvas als tabel). Er staat geen
code in, geen script (dus geen JavaScript-fouten en niets van een CDN) en niets geheims (dat
bewaken de lektests in ``test_geen_lekken.py``). Een kopie komt in ``test-artefacten/``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from testopdracht import BLOK, CANVAS, Rondgang

from samenwerkingscode.cursus.feedback_filter import antwoord_html, html_als_tekst
from samenwerkingscode.model import canvas

PROJECT = Path(__file__).resolve().parents[2]
ENGELS = ("Test cell", "Student's answer", "Student's task", "Grade cell", "Score:", "(Top)", "Comments:", "Task")


def _feedback(rondgang: Rondgang, deelnemer: str) -> str:
    pad = rondgang.cohort / "feedback" / deelnemer / BLOK / f"{BLOK}.html"
    artefacten = PROJECT / "test-artefacten"
    artefacten.mkdir(exist_ok=True)
    shutil.copy(pad, artefacten / f"feedback-{deelnemer}-{BLOK}.html")
    return pad.read_text(encoding="utf-8")


@pytest.mark.traag
@pytest.mark.parametrize("deelnemer", ["model", "deels"])
def test_feedback_is_nederlands_zonder_code_en_zonder_scripts(rondgang: Rondgang, deelnemer: str) -> None:
    ruw = _feedback(rondgang, deelnemer)
    tekst = html_als_tekst(re.sub(r"<style.*?</style>", "", ruw, flags=re.S))
    assert '<html lang="nl">' in ruw
    assert "<script" not in ruw.lower(), "feedback met scripts (MathJax, jQuery) geeft fouten of laadt van een CDN"
    for engels in ENGELS:
        assert engels not in tekst, f"Engelse nbgrader-tekst in de feedback: {engels!r}"
    assert "Je punten:" in tekst and "Onderdeel" in tekst and "Hoe beoordeeld" in tekst
    assert re.search(r"\d+(,\d)? van \d+(,\d)? punten", tekst)
    # Geen code: geen invoercellen, geen imports of aanroepen van de kit.
    assert 'class="input_area"' not in ruw and "highlight" not in ruw
    assert "import " not in tekst and "nakijken." not in tekst


@pytest.mark.traag
def test_feedback_toont_wat_je_invulde_als_tabel(rondgang: Rondgang) -> None:
    tekst = html_als_tekst(_feedback(rondgang, "model"))
    assert "Risico's waren het minst geregeld; dat kostte vertrouwen." in tekst
    for sleutel in CANVAS:
        assert f"iets over {sleutel}" in tekst
        assert canvas.veld(sleutel).titel in tekst  # het canvas met de veldtitels, niet de interne sleutels
    assert "(nog leeg)" in html_als_tekst(_feedback(rondgang, "deels"))


def test_antwoord_als_tabel_met_nederlandse_namen() -> None:
    uit = antwoord_html({"velden": {"partijen": "Provincie\nWaterschap", "operatie": ""}, "actief": "x"})
    assert "<table>" in uit and canvas.veld("partijen").titel in uit and "Provincie<br>Waterschap" in uit
    assert "(nog leeg)" in uit and "actief" not in uit
    assert "&lt;script&gt;" in antwoord_html("<script>alert(1)</script>")


@pytest.mark.traag
def test_geen_engels_standaardcommentaar(rondgang: Rondgang) -> None:
    tekst = html_als_tekst(_feedback(rondgang, "deels"))
    assert "No response." not in tekst
    assert "Hier stond nog geen antwoord." in tekst
