"""De uitwisselmap van een JupyterHub wordt nooit stil vervangen door ``<cohort>/exchange`` (review hub, B3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingscode.cursus.cursusmap import PROJECT, cursusmap, nbgrader_config


@pytest.fixture
def systeemconfig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Een hub-achtige opstelling: ``Exchange.root`` staat in een nbgrader-configuratie van het systeem."""
    systeem = tmp_path / "etc-jupyter"
    systeem.mkdir()
    (systeem / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(tmp_path / 'hub-exchange')!r}\n", encoding="utf-8"
    )
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(systeem))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "gebruiker"))
    monkeypatch.delenv("REGIE_EXCHANGE", raising=False)
    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "cohort"))
    (tmp_path / "cohort").mkdir()
    return systeem


def test_kit_gebruikt_de_uitwisselmap_van_het_systeem(systeemconfig: Path, tmp_path: Path) -> None:
    assert nbgrader_config().Exchange.root == str(tmp_path / "hub-exchange")
    assert cursusmap().exchange == tmp_path / "hub-exchange"
    assert not (tmp_path / "cohort" / "exchange").exists(), "geen stille tweede uitwisselmap in het cohort"


def test_regie_exchange_gaat_voor(systeemconfig: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGIE_EXCHANGE", str(tmp_path / "eigen"))
    assert nbgrader_config().Exchange.root == str(tmp_path / "eigen")


def test_trainersconfig_die_de_kit_importeert_houdt_de_hub_exchange(
    systeemconfig: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zoals de trainer op de hub: ``~/.jupyter/nbgrader_config.py`` laadt de kit; nbgrader leest beide bestanden."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    gebruiker = tmp_path / "gebruiker"
    gebruiker.mkdir()
    (gebruiker / "nbgrader_config.py").write_text(
        f"import sys\nsys.path.insert(0, {str(PROJECT)!r})\n"
        "from samenwerkingscode.cursus.cursusmap import nbgrader_config\nc = get_config()\nc.merge(nbgrader_config())\n",
        encoding="utf-8",
    )
    samen = Config()
    for map_ in (systeemconfig, gebruiker):  # zoals nbgrader: systeem eerst, de gebruiker gaat voor
        samen.merge(PyFileConfigLoader("nbgrader_config.py", path=str(map_)).load_config())
    assert samen.Exchange.root == str(tmp_path / "hub-exchange")
    assert samen.CourseDirectory.root == str(tmp_path / "cohort")


def test_zonder_hub_blijft_de_uitwisselmap_in_het_cohort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path / "leeg"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "gebruiker"))
    monkeypatch.delenv("REGIE_EXCHANGE", raising=False)
    (tmp_path / "cohort").mkdir()
    assert nbgrader_config(tmp_path / "cohort").Exchange.root == str(tmp_path / "cohort" / "exchange")
    assert (tmp_path / "cohort" / "exchange").is_dir()
