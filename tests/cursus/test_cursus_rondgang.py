"""End-to-end: maken, inlezen, beoordelen, feedback en cijfers met de echte nbgrader.

De gedeelde rondgang (``conftest.rondgang``) draait één keer per sessie met alle gevallen tegelijk,
zoals een trainer een hele groep in één keer beoordeelt.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from testopdracht import BLOK, PUNTEN_AUTOMATISCH, Rondgang

from samenwerkingscode.cursus import beoordelen, feedback, koppeling, rapportage
from samenwerkingscode.cursus.cursusmap import cursusmap
from samenwerkingscode.model.yamlbestand import RegieFout

pytestmark = pytest.mark.traag


def _automatisch(rondgang: Rondgang, deelnemer: str) -> dict[str, float]:
    """De automatisch behaalde punten per testcel, uit het cijferboek."""
    with koppeling.gradebook(cursusmap(rondgang.cohort, rondgang.bron)) as gb:
        return {naam: float(gb.find_grade(naam, BLOK, BLOK, deelnemer).score) for naam in PUNTEN_AUTOMATISCH}


def test_modelantwoord_krijgt_alle_automatische_punten(rondgang: Rondgang) -> None:
    """Krijgt een inlevering met de modelantwoorden elk automatisch punt?"""
    assert rondgang.uitslagen["model"].beoordeeld
    assert rondgang.uitslagen["model"].meldingen == []
    assert _automatisch(rondgang, "model") == PUNTEN_AUTOMATISCH


def test_onaangeroerde_versie_krijgt_nul_zonder_crash(rondgang: Rondgang) -> None:
    """Een deelnemer die niets invulde: beoordeeld, 0 punten, en een melding over het ontbrekende antwoordbestand."""
    uitslag = rondgang.uitslagen["leeg"]
    assert uitslag.beoordeeld
    assert uitslag.score == 0
    assert set(_automatisch(rondgang, "leeg").values()) == {0.0}
    # Niets ingevuld is een gewone 0 met "nog leeg", geen mislukt nakijken.
    assert (uitslag.status, uitslag.nakijkfouten, uitslag.aandacht) == ("nog leeg", [], False)


def test_antwoordbestand_van_de_trainer_in_de_bron_telt_niet_mee(rondgang: Rondgang) -> None:
    """De bron bevat een antwoordbestand met modelantwoorden; 'leeg' mag daar geen punten van krijgen."""
    assert (rondgang.bron / BLOK / f"{BLOK}.antwoorden.json").exists()
    assert not (rondgang.cohort / "autograded" / "leeg" / BLOK / f"{BLOK}.antwoorden.json").exists()


def test_deels_goed_krijgt_precies_de_deelpunten(rondgang: Rondgang) -> None:
    """Eén van twee vormen goed, 3 van 9 canvasvelden, verborgen test fout: 1 + 1 + 0 = 2 punten."""
    assert _automatisch(rondgang, "deels") == {"test_vormen": 1.0, "test_canvas": 1.0, "test_streng": 0.0}
    assert rondgang.uitslagen["deels"].score == 2.0


@pytest.mark.parametrize(
    ("deelnemer", "beoordeeld", "tekst"),
    [
        ("kapot", False, "geen geldig notebook"),
        ("zonder", False, "notebook blok1.ipynb ontbreekt"),
        ("verwijderd", True, "cel 'test_vormen' was verwijderd"),
        ("geknoeid", True, "cel 'test_vormen' was gewijzigd"),
        ("lus", True, "eigen code is niet uitgevoerd"),
        ("corrupt", True, "antwoordbestand beschadigd"),
    ],
)
def test_kapotte_inlevering_wordt_gemeld(rondgang: Rondgang, deelnemer: str, beoordeeld: bool, tekst: str) -> None:
    """Elk kapot geval staat met een Nederlandse uitleg in de uitslag; beoordeeld waar dat kan."""
    uitslag = rondgang.uitslagen[deelnemer]
    assert uitslag.beoordeeld is beoordeeld
    assert any(tekst in m for m in uitslag.meldingen), uitslag.meldingen


def test_verwijderde_of_gewijzigde_test_helpt_niet(rondgang: Rondgang) -> None:
    """Een verwijderde testcel wordt teruggezet en beoordeeld; een gewijzigde test telt in zijn originele vorm."""
    assert _automatisch(rondgang, "verwijderd") == PUNTEN_AUTOMATISCH
    # 'geknoeid' zette de test op 'punten = 2.0', maar had maar één vorm goed.
    assert _automatisch(rondgang, "geknoeid")["test_vormen"] == 1.0


def test_toegevoegde_lus_draait_niet(rondgang: Rondgang) -> None:
    """Een toegevoegde codecel (een oneindige lus) draait niet; de modelantwoorden leveren alle punten op."""
    assert _automatisch(rondgang, "lus") == PUNTEN_AUTOMATISCH
    assert rondgang.uitslagen["lus"].eigen_code == ["blok1.ipynb, cel 3 (toegevoegd)"]


def test_nakijken_mislukt_is_geen_stille_nul(rondgang: Rondgang) -> None:
    """Meldt een nakijkcel REGIE-NAKIJKFOUT, dan heet de inlevering 'nakijken mislukt', met de reden."""
    uitslag = rondgang.uitslagen["nakijkfout"]
    assert uitslag.status == "nakijken mislukt"
    assert uitslag.nakijkfouten == ["blok1.ipynb, test_canvas: het modelbestand canvas.yml kon niet worden gelezen"]
    assert "nakijken mislukt: blok1.ipynb, test_canvas: het modelbestand canvas.yml" in rondgang.samenvatting
    assert "Bij 1 inlevering(en) is het nakijken mislukt" in rondgang.samenvatting
    # Alle andere inleveringen zijn gewoon nagekeken.
    assert [d for d, u in rondgang.uitslagen.items() if u.nakijkfouten] == ["nakijkfout"]


def test_iedereen_staat_in_de_uitslag(rondgang: Rondgang) -> None:
    assert sorted(rondgang.uitslagen) == sorted(
        ["model", "leeg", "deels", "kapot", "zonder", "verwijderd", "geknoeid", "lus", "corrupt", "nakijkfout"]
    )


def test_beoordeel_geeft_tabel_en_exitcode(rondgang: Rondgang) -> None:
    """Met problemen: exitcode 1 en een tabel met status, punten en meldingen, zonder traceback."""
    uit = rondgang.samenvatting
    assert rondgang.beoordeelcode == 1
    assert "Deelnemer" in uit and "Status" in uit
    assert "niet beoordeeld" in uit
    assert "6 / 9" in uit
    assert "7 van de 10 inleveringen hebben aandacht nodig" in uit
    assert "Please see" not in uit  # nooit nbgraders Engelse standaardmelding
    assert "Traceback" not in uit


def test_samenvatting_zonder_problemen_geeft_nul() -> None:
    uitslag = beoordelen.Uitslag(deelnemer="a", blok="blok1", beoordeeld=True, score=3.0, max_score=9.0)
    tekst, code = beoordelen.samenvatting([uitslag])
    assert code == 0
    assert "Alle 1 inleveringen zijn beoordeeld." in tekst


def test_handmatig_cijfer_komt_in_cijfers(rondgang: Rondgang, tmp_path: Path) -> None:
    """Een cijfer dat de trainer in het cijferboek zet, staat in de csv en in de xlsx."""
    import pandas as pd

    with koppeling.gradebook(cursusmap(rondgang.cohort, rondgang.bron)) as gb:
        gb.find_grade("reflectie_taak", BLOK, BLOK, "model").manual_score = 1.5
        gb.db.commit()
    csv_pad, xlsx_pad = tmp_path / "cijfers.csv", tmp_path / "cijfers.xlsx"
    assert rapportage.cijfers(cohort=rondgang.cohort, uit=csv_pad, bron=rondgang.bron) == 0
    assert rapportage.cijfers(cohort=rondgang.cohort, uit=xlsx_pad, bron=rondgang.bron) == 0
    with csv_pad.open(encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    taak = next(r for r in rijen if r["deelnemer"] == "model" and r["onderdeel"] == "reflectie_taak")
    assert (float(taak["score"]), float(taak["max"]), taak["soort"]) == (1.5, 2.0, "handmatig")
    vormen = next(r for r in rijen if r["deelnemer"] == "deels" and r["onderdeel"] == "test_vormen")
    assert (float(vormen["score"]), vormen["soort"]) == (1.0, "automatisch")
    assert any(r["deelnemer"] == "kapot" and r["status"] == "niet ingeleverd" for r in rijen)
    blad = pd.read_excel(xlsx_pad, sheet_name="per onderdeel")
    waarde = blad[(blad["deelnemer"] == "model") & (blad["onderdeel"] == "reflectie_taak")]["score"].item()
    assert waarde == 1.5
    per_blok = pd.read_excel(xlsx_pad, sheet_name="per blok")
    assert per_blok[per_blok["deelnemer"] == "model"]["score"].item() == pytest.approx(6 + 1.5)


def test_overzicht_is_een_png(rondgang: Rondgang, tmp_path: Path) -> None:
    uit = tmp_path / "overzicht.png"
    assert rapportage.overzicht(cohort=rondgang.cohort, uit=uit, bron=rondgang.bron) == 0
    inhoud = uit.read_bytes()
    assert inhoud.startswith(b"\x89PNG") and len(inhoud) > 20_000


def test_feedback_zip_per_deelnemer(rondgang: Rondgang) -> None:
    """Elke beoordeelde deelnemer krijgt een zip met alleen HTML; niet-beoordeelden niet."""
    terug = rondgang.cohort / "terugsturen"
    namen = sorted(p.stem for p in terug.glob("*.zip"))
    assert namen == sorted(d for d, u in rondgang.uitslagen.items() if u.beoordeeld)
    with zipfile.ZipFile(terug / "model.zip") as z:
        assert z.namelist() == [f"feedback-model/{BLOK}/{BLOK}.html"]
    assert rondgang.feedbackcode == 0


def test_maak_levert_zips_om_te_versturen(rondgang: Rondgang) -> None:
    with zipfile.ZipFile(rondgang.cohort / "uitdelen" / f"{BLOK}.zip") as z:
        assert z.namelist() == [f"{BLOK}/{BLOK}.ipynb"]
    assert (rondgang.cohort / "uitdelen" / "eigen-casus.zip").exists()


def test_import_meldde_de_ontbrekende_bestanden(rondgang: Rondgang) -> None:
    assert rondgang.importcode == 1
    assert sorted(p.name for p in (rondgang.cohort / "submitted").iterdir()) == sorted(rondgang.uitslagen)


@pytest.mark.parametrize("naam", ["cijfers.txt", "cijfers"])
def test_cijfers_onbekende_extensie(tmp_path: Path, naam: str) -> None:
    with pytest.raises(RegieFout, match=r"\.csv of \.xlsx"):
        rapportage.cijfers(cohort=tmp_path / "cohort", uit=tmp_path / naam)


def test_overzicht_alleen_png(tmp_path: Path) -> None:
    with pytest.raises(RegieFout, match=r"\.png"):
        rapportage.overzicht(cohort=tmp_path / "cohort", uit=tmp_path / "overzicht.pdf")


def test_handmatig_beoordeeld_telt_niet_meer_als_open(rondgang: Rondgang) -> None:
    """Na een handmatig cijfer meldt ``feedback`` dat onderdeel niet meer als 'nog te beoordelen'."""
    map_ = cursusmap(rondgang.cohort, rondgang.bron)
    with koppeling.gradebook(map_) as gb:
        gb.find_grade("reflectie_taak", BLOK, BLOK, "lus").manual_score = 2.0
        gb.db.commit()
    assert feedback._nog_handmatig(map_, BLOK, "lus") == 0
    assert feedback._nog_handmatig(map_, BLOK, "deels") == 1


def test_nbgrader_export_en_cijfers_geven_dezelfde_rijen(rondgang: Rondgang, tmp_path: Path) -> None:
    """'nbgrader export --exporter=…RegieExport' en 'regie cursus cijfers' delen één codepad: dezelfde csv."""
    import os
    import subprocess
    import sys

    via_regie, via_nbgrader = tmp_path / "regie.csv", tmp_path / "nbgrader.csv"
    assert rapportage.cijfers(cohort=rondgang.cohort, uit=via_regie, bron=rondgang.bron) == 0
    resultaat = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "export",
            "--exporter=samenwerkingscode.cursus.rapportage.RegieExport",
            f"--to={via_nbgrader}",
            f"--CourseDirectory.root={rondgang.cohort}",
            f"--CourseDirectory.db_url=sqlite:///{rondgang.cohort / 'gradebook.db'}",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "REGIE_COHORT": str(rondgang.cohort), "REGIE_BRON": str(rondgang.bron)},
        check=False,
    )
    assert resultaat.returncode == 0, resultaat.stderr[-2000:]
    assert via_nbgrader.read_text(encoding="utf-8") == via_regie.read_text(encoding="utf-8")
    with via_regie.open(encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    assert {r["deelnemer"] for r in rijen} >= {"model", "deels", "nakijkfout"}


def test_cijfers_markeren_nakijken_mislukt(
    rondgang: Rondgang, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """De automatische onderdelen van een mislukt nagekeken inlevering staan als 'nakijken mislukt' in de cijfers."""
    uit = tmp_path / "cijfers.csv"
    assert rapportage.cijfers(cohort=rondgang.cohort, uit=uit, bron=rondgang.bron) == 0
    assert "bij nakijkfout (blok1) is het nakijken mislukt" in capsys.readouterr().out
    with uit.open(encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    fout = {r["onderdeel"]: r for r in rijen if r["deelnemer"] == "nakijkfout"}
    assert fout["test_canvas"]["status"] == "nakijken mislukt"
    assert fout["test_canvas"]["nakijken"] == (
        "mislukt: blok1.ipynb, test_canvas: het modelbestand canvas.yml kon niet worden gelezen"
    )
    leeg = [r for r in rijen if r["deelnemer"] == "leeg" and r["soort"] == "automatisch"]
    assert leeg and all(r["nakijken"] == "" and r["status"] == "beoordeeld" for r in leeg)
