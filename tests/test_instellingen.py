"""Eén instellingenobject voor regie, formgrader en tests: omgeving als standaard, nbgrader_config.py gaat voor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from traitlets.config import Config

from samenwerkingscode.cursus.instellingen import PROJECT, Regie, beschrijving, instellingen, lees_config


def test_standaard_uit_de_omgeving(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "groep"))
    monkeypatch.delenv("REGIE_BRON", raising=False)
    regie = Regie(config=Config())
    assert regie.pad("cohort") == tmp_path / "groep"
    assert regie.pad("bron") == PROJECT / "notebooks"


def test_config_gaat_voor_de_omgeving_en_de_opdrachtregel_voor_allebei(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "omgeving"))
    c = Config()
    c.Regie.cohort = str(tmp_path / "config")
    assert instellingen(c).pad("cohort") == tmp_path / "config"
    assert instellingen(c, cohort=tmp_path / "optie").pad("cohort") == tmp_path / "optie"
    assert instellingen(c, cohort=None).pad("cohort") == tmp_path / "config"


def test_hetzelfde_pad_vanuit_elke_werkmap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """REGIE_COHORT met een relatief pad wordt één keer vastgezet, niet per werkmap anders gelezen."""
    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "groep"))
    elders = tmp_path / "elders"
    elders.mkdir()
    monkeypatch.chdir(elders)
    assert Regie(config=Config()).pad("cohort") == tmp_path / "groep"


def test_exporteer_geeft_kernels_de_modelmap_en_casus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for naam in ("REGIE_MODEL_MAP", "REGIE_CASUS"):
        monkeypatch.setenv(naam, "")  # zo zet monkeypatch de omgeving na de test terug
    c = Config()
    c.Regie.model_map = str(tmp_path / "officieel")
    c.Regie.casus = "tongelreep"
    instellingen(c).exporteer()
    assert os.environ["REGIE_MODEL_MAP"] == str(tmp_path / "officieel")
    assert os.environ["REGIE_CASUS"] == "tongelreep"


def test_nbgrader_config_van_de_kit_is_leesbaar() -> None:
    """Het echte nbgrader_config.py laadt en geeft de instellingen die nbgrader nodig heeft."""
    cfg = lees_config()
    assert cfg.CourseDirectory.source_directory
    assert isinstance(instellingen(cfg), Regie)


def test_elke_instelling_heeft_uitleg_en_staat_in_de_handleiding() -> None:
    namen = [naam for naam, uitleg, _ in beschrijving()]
    assert {"cohort", "bron", "model_map", "casus", "exchange", "tijdslimiet", "cache"} <= set(namen)
    assert all(len(uitleg) > 30 for _, uitleg, _ in beschrijving())
    pagina = (PROJECT / "book" / "trainershandleiding" / "instellingen.md").read_text(encoding="utf-8")
    assert "```{instellingen}" in pagina  # de tabel komt uit de code zelf, dus nooit onvolledig
