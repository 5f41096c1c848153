"""Geen lekken: deelnemersversies en feedback bevatten geen modelantwoorden of verborgen tests.

De trage tests lezen de echte bestanden die nbgrader in de gedeelde rondgang maakte; HTML wordt
eerst van opmaak ontdaan (syntaxiskleuring splitst code in ``<span>``'s). De snelle tests
controleren het filter zelf.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest
from testopdracht import BLOK, GEHEIM, Rondgang, maak_testnotebook

from samenwerkingscode.cursus import uitdelen
from samenwerkingscode.cursus.cursusmap import cursusmap
from samenwerkingscode.cursus.feedback_filter import (
    MARKERINGEN,
    MELDING_VERBORGEN,
    VerbergModelantwoorden,
    geheime_regels,
    html_als_tekst,
    verberg_in_notebook,
)


def _geen_geheim(tekst: str, waar: str) -> None:
    for geheim in GEHEIM:
        assert geheim not in tekst, f"{waar} bevat '{geheim}'"
    for markering in MARKERINGEN:
        assert markering not in tekst, f"{waar} bevat de markering '{markering}'"


@pytest.mark.traag
def test_deelnemersversie_bevat_niets_geheims(rondgang: Rondgang) -> None:
    """Geen oplossingscode, verborgen test, beoordelingsschema of modelantwoord; geen uitvoer."""
    pad = rondgang.cohort / "release" / BLOK / f"{BLOK}.ipynb"
    tekst = pad.read_text(encoding="utf-8")
    _geen_geheim(tekst, str(pad))
    nb = nbformat.read(pad, as_version=4)
    assert all(not cel.get("outputs") for cel in nb.cells)
    # De stub zegt wat je moet doen en laat geen 'raise NotImplementedError()' achter.
    assert "NotImplementedError" not in tekst
    assert "Vul je antwoord in met de widget hierboven" in tekst


@pytest.mark.traag
def test_antwoordbestand_van_de_trainer_gaat_niet_mee(rondgang: Rondgang) -> None:
    """De bron had een antwoordbestand met modelantwoorden; de versie en de zip niet."""
    release = rondgang.cohort / "release" / BLOK
    assert not list(release.glob("*.antwoorden.json*"))
    with zipfile.ZipFile(rondgang.cohort / "uitdelen" / f"{BLOK}.zip") as z:
        assert not [n for n in z.namelist() if "antwoorden" in n]
        for naam in z.namelist():
            _geen_geheim(z.read(naam).decode("utf-8"), f"uitdelen/{BLOK}.zip:{naam}")


@pytest.mark.traag
@pytest.mark.parametrize("deelnemer", ["model", "deels", "leeg", "verwijderd", "geknoeid", "lus", "corrupt"])
def test_feedback_bevat_niets_geheims(rondgang: Rondgang, deelnemer: str) -> None:
    """Ook bij een mislukte verborgen test (deels, leeg) en een teruggezette testcel (verwijderd)."""
    html_pad = rondgang.cohort / "feedback" / deelnemer / BLOK / f"{BLOK}.html"
    ruw = html_pad.read_text(encoding="utf-8")
    _geen_geheim(html_als_tekst(ruw), str(html_pad))
    assert re.search(r"src=[\"']https?://", ruw) is None, "de feedback laadt iets van een andere server"
    with zipfile.ZipFile(rondgang.cohort / "terugsturen" / f"{deelnemer}.zip") as z:
        for naam in z.namelist():
            _geen_geheim(html_als_tekst(z.read(naam).decode("utf-8")), f"{deelnemer}.zip:{naam}")


@pytest.mark.traag
def test_mislukte_verborgen_test_wordt_wel_genoemd(rondgang: Rondgang) -> None:
    """De deelnemer ziet dát een verborgen test faalde en zijn score, niet wat de test controleert."""
    tekst = html_als_tekst((rondgang.cohort / "feedback" / "deels" / BLOK / f"{BLOK}.html").read_text("utf-8"))
    assert MELDING_VERBORGEN in tekst
    assert "AssertionError" in tekst
    assert "Je punten: 2 van 9" in tekst  # issue 15.4: Nederlandse feedback (was "Score: 2.0 / 9.0")


@pytest.mark.traag
def test_controle_vindt_een_lek_in_de_deelnemersversie(rondgang: Rondgang, tmp_path: Path) -> None:
    """Als er toch iets geheims in een deelnemersversie belandt, ziet de controle van ``maak`` dat."""
    cohort = tmp_path / "cohort"
    shutil.copytree(rondgang.cohort / "release", cohort / "release")
    pad = cohort / "release" / BLOK / f"{BLOK}.ipynb"
    nb = nbformat.read(pad, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("geheime_drempel_canvas = 9"))
    nbformat.write(nb, pad)
    (pad.parent / f"{BLOK}.antwoorden.json").write_text("{}", encoding="utf-8")
    problemen = uitdelen.controleer_release(cursusmap(cohort, rondgang.bron), BLOK)
    assert any("geheime_drempel_canvas = 9" in p for p in problemen)
    assert any("antwoordbestand hoort niet" in p for p in problemen)
    assert uitdelen.controleer_release(cursusmap(rondgang.cohort, rondgang.bron), BLOK) == []


# --- snelle tests van het filter --------------------------------------------------------------


def _beoordeeld_notebook() -> nbformat.NotebookNode:
    """Het bronnotebook zoals nbgrader het na beoordelen heeft: met een mislukte verborgen test."""
    nb = maak_testnotebook()
    for cel in nb.cells:
        if cel.metadata["nbgrader"]["grade_id"] == "test_streng":
            cel.outputs = [
                nbformat.v4.new_output(
                    "error",
                    ename="AssertionError",
                    evalue="bac-geheim: partnership verwacht",
                    traceback=[
                        "\x1b[0;31mAssertionError\x1b[0m Traceback (most recent call last)",
                        'Cell In[5], line 4\n\x1b[0;32m----> 4\x1b[0m \x1b[38;5;28;01massert\x1b[39;00m keuzes.get("bac")'
                        ' == "partnership", "bac-geheim: partnership verwacht"',
                        "\x1b[0;31mAssertionError\x1b[0m: bac-geheim: partnership verwacht",
                    ],
                )
            ]
        if cel.metadata["nbgrader"]["grade_id"] == "toon_reflectie":
            cel.outputs = [
                nbformat.v4.new_output("stream", name="stdout", text="geheime_drempel_canvas = 9\nmijn tekst\n")
            ]
    return nb


def test_filter_haalt_verborgen_tests_schema_en_modelantwoorden_weg() -> None:
    nb = verberg_in_notebook(_beoordeeld_notebook())
    _geen_geheim(json.dumps(nb, ensure_ascii=False), "het gefilterde notebook")
    streng = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "test_streng")
    assert streng.outputs[0].traceback[0] == MELDING_VERBORGEN
    assert streng.outputs[0].ename == "AssertionError"
    reflectie = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "toon_reflectie")
    assert reflectie.outputs[0].text == "mijn tekst\n"
    # zichtbare delen blijven staan
    vormen = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "test_vormen")
    assert vormen.source.startswith("keuzes = lees_antwoorden")
    assert vormen.source.rstrip().endswith("punten")


def test_zichtbare_regels_zijn_niet_geheim() -> None:
    """Een regel die ook buiten een geheim gebied staat (zoals het inlezen), wordt niet gefilterd."""
    geheim = geheime_regels(maak_testnotebook().cells)
    assert 'keuzes = lees_antwoorden("blok1")["oefeningen"].get("t1", {}).get("keuzes", {})' not in geheim
    assert "geheime_drempel_canvas = 9" in geheim


def test_preprocessor_staat_aan() -> None:
    """Een preprocessor in GenerateFeedback.preprocessors met enabled=False wordt stil overgeslagen."""
    pp = VerbergModelantwoorden()
    assert pp.enabled is True
    nb, _ = pp(_beoordeeld_notebook(), {})
    _geen_geheim(json.dumps(nb, ensure_ascii=False), "uitvoer van de preprocessor")


def test_config_registreert_het_filter(tmp_path: Path) -> None:
    from samenwerkingscode.cursus.cursusmap import nbgrader_config

    cfg = nbgrader_config(tmp_path / "cohort", tmp_path / "notebooks")
    assert VerbergModelantwoorden in cfg.GenerateFeedback.preprocessors
    assert "raise" not in cfg.ClearSolutions.code_stub["python"]
    assert cfg.Exchange.root == str(tmp_path / "cohort" / "exchange")
    assert cfg.CourseDirectory.source_directory == "../notebooks"
