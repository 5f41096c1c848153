"""Het canvasmodel: volgorde en indeling komen uit de data, niet uit de code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from samenwerkingscode.model import MODEL_MAP, canvas
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout

DIA_VOLGORDE = [
    "Partijen",
    "Bijdragen",
    "Doelen",
    "Risico's",
    "Regels (bron/aard)",
    "Besluitvorming",
    "Operatie",
    "Levenscyclus",
    "Investeringen/Opbrengsten",
]


def test_negen_velden_in_de_volgorde_van_de_dia():
    assert [v.titel for v in canvas.velden()] == DIA_VOLGORDE


def test_kern_is_partijen_bijdragen_doelen():
    assert [v.sleutel for v in canvas.velden() if v.rol == "kern"] == ["partijen", "bijdragen", "doelen"]


def test_elk_veld_heeft_een_leidende_vraag():
    assert all(v.vraag.endswith("?") for v in canvas.velden())


def test_volledigheid_telt_alleen_niet_lege_regels():
    v = canvas.volledigheid({"partijen": "Provincie\n\n", "doelen": ["", "  "], "bijdragen": ["grond"]})
    assert v.gevuld == ["partijen", "bijdragen"]
    assert "doelen" in v.leeg
    assert v.fractie == pytest.approx(2 / 9)
    assert not v.compleet


def test_onbekend_veld_geeft_nederlandse_fout():
    with pytest.raises(RegieFout, match="Onbekend canvasveld 'partijn'"):
        canvas.veld("partijn")


def _eigen_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wijzig) -> None:
    data = yaml.safe_load((MODEL_MAP / "canvas.yml").read_text(encoding="utf-8"))
    wijzig(data)
    (tmp_path / "canvas.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))


def test_vervangen_modelbestand_verandert_de_indeling(tmp_path, monkeypatch):
    def wissel(data):
        eerste, laatste = data["velden"][0], data["velden"][-1]
        eerste["rij"], laatste["rij"] = laatste["rij"], eerste["rij"]
        eerste["kolom"], laatste["kolom"] = laatste["kolom"], eerste["kolom"]
        eerste["vraag"] = "Wie zitten er aan tafel?"

    _eigen_model(tmp_path, monkeypatch, wissel)
    partijen = canvas.veld("partijen")
    assert (partijen.rij, partijen.kolom) == (2, 2)
    assert partijen.vraag == "Wie zitten er aan tafel?"


def test_overlappende_velden_worden_geweigerd_met_bestand_en_melding(tmp_path, monkeypatch):
    def overlap(data):
        data["velden"][1]["rij"], data["velden"][1]["kolom"] = data["velden"][0]["rij"], data["velden"][0]["kolom"]

    _eigen_model(tmp_path, monkeypatch, overlap)
    with pytest.raises(BestandFout) as fout:
        canvas.velden()
    assert "canvas.yml" in str(fout.value)
    assert "overlappen" in str(fout.value)


def test_tikfout_in_modelbestand_noemt_veld_en_regel(tmp_path, monkeypatch):
    tekst = (
        (MODEL_MAP / "canvas.yml").read_text(encoding="utf-8").replace("    vraag: Wie doen", "    vraaag: Wie doen", 1)
    )
    shutil.copy(MODEL_MAP / "canvas.yml", tmp_path / "origineel.yml")
    (tmp_path / "canvas.yml").write_text(tekst, encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout) as fout:
        canvas.velden()
    melding = str(fout.value)
    regel = next(i for i, r in enumerate(tekst.splitlines(), 1) if "vraaag" in r)
    assert f"regel {regel}" in melding
    assert "velden[1].vraaag" in melding
    assert "bedoel je 'vraag'" in melding
