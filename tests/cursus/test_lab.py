"""``regie lab`` en ``nbgrader_config.py``: de kit zien zoals een deelnemer, en één bron van instellingen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from testopdracht import BLOK

from samenwerkingscode.cursus import beoordelen, lab, uitdelen
from samenwerkingscode.cursus.cursusmap import PROJECT


@pytest.mark.traag
def test_lab_zet_deelnemersversies_klaar_en_overschrijft_niets(bron: Path, cohort: Path) -> None:
    werkmap = lab.bereid_lab_voor(cohort=cohort, bron=bron)
    assert werkmap == cohort.resolve() / "deelnemer"
    notebook = werkmap / BLOK / f"{BLOK}.ipynb"
    tekst = notebook.read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in tekst and "geheime_drempel_canvas" not in tekst
    assert (werkmap / "eigen-casus" / "eigen-casus.ipynb").is_file()

    notebook.write_text(tekst.replace("Testopdracht", "Mijn werk"), encoding="utf-8")
    lab.bereid_lab_voor(cohort=cohort, bron=bron)
    assert "Mijn werk" in notebook.read_text(encoding="utf-8")


def test_lab_opdracht_alleen_allow_root_als_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.geteuid", lambda: 0)
    assert "--allow-root" in lab.lab_opdracht(tmp_path)
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    opdracht = lab.lab_opdracht(tmp_path)
    assert "--allow-root" not in opdracht
    assert opdracht[1:3] == ["-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in opdracht


def test_nbgrader_config_py_gebruikt_dezelfde_instellingen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """De formgrader leest ``nbgrader_config.py``; dat moet dezelfde instellingen geven als ``regie cursus``."""
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "groep"))
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(PROJECT)).load_config()
    assert cfg.CourseDirectory.root == str(tmp_path / "groep")
    assert Path(cfg.CourseDirectory.root, cfg.CourseDirectory.source_directory).resolve() == PROJECT / "notebooks"
    assert cfg.CourseDirectory.db_url == f"sqlite:///{tmp_path / 'groep' / 'gradebook.db'}"
    assert cfg.Exchange.root == str(tmp_path / "groep" / "exchange")
    assert "Vul je antwoord in" in cfg.ClearSolutions.code_stub["python"]
    assert cfg.Execute.timeout == 60
    assert cfg.OverwriteCells.add_missing_cells is True


def test_cohort_in_de_bron_wordt_geweigerd(tmp_path: Path) -> None:
    from samenwerkingscode.cursus.cursusmap import cursusmap
    from samenwerkingscode.model.yamlbestand import RegieFout

    with pytest.raises(RegieFout, match="buiten de bronmap"):
        cursusmap(tmp_path / "notebooks" / "cohort", tmp_path / "notebooks")
    with pytest.raises(RegieFout, match="bijzonder teken"):
        cursusmap(tmp_path / "groep (2027)", tmp_path / "notebooks")


def test_onbekend_blok_geeft_nederlandse_fout(bron: Path, cohort: Path) -> None:
    from samenwerkingscode.model.yamlbestand import RegieFout

    with pytest.raises(RegieFout, match="Opdracht 'blok4' bestaat niet"):
        uitdelen.maak(cohort=cohort, blok=4, bron=bron)
    with pytest.raises(RegieFout, match="wordt niet beoordeeld"):
        beoordelen.beoordeel(cohort=cohort, blok="eigen-casus", bron=bron)


def test_beoordeel_zonder_inleveringen(bron: Path, cohort: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert beoordelen.beoordeel(cohort=cohort, bron=bron) == 0
    assert "nog geen inleveringen" in capsys.readouterr().out


@pytest.mark.traag
def test_regie_cursus_maak_via_de_opdrachtregel(
    bron: Path, cohort: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``regie cursus maak 1 --cohort PAD`` roept dezelfde functie aan en meldt in het Nederlands."""
    from samenwerkingscode.cli import main

    monkeypatch.setenv("REGIE_BRON", str(bron))
    assert main(["cursus", "maak", "1", "--cohort", str(cohort)]) == 0
    uit = capsys.readouterr().out
    assert "Deelnemersversies gemaakt" in uit
    assert (cohort / "uitdelen" / f"{BLOK}.zip").is_file()
    assert not (cohort / "uitdelen" / "eigen-casus.zip").exists()


def test_rustige_deelnemers_lab_zet_trainersgereedschap_en_nieuws_uit(tmp_path: Path) -> None:
    """De Lab van een deelnemer: geen Create Assignment, Formgrader, cursuslijst, Validate of nieuws; wel Nederlands."""
    import json

    omgeving, extra = lab.deelnemersomgeving(tmp_path / "cohort")
    configmap = Path(omgeving["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0])
    pagina = json.loads((configmap / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    uit = {naam for naam, waar in pagina["disabledExtensions"].items() if waar}
    assert {
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:course-list",
        "@jupyter/nbgrader:validate-assignment",
        "@jupyterlab/apputils-extension:announcements",
    } <= uit
    assert "@jupyter/nbgrader:assignment-list" not in uit, "deelnemers leveren in via de Assignments-lijst"
    server = json.loads(next((configmap / "jupyter_server_config.d").glob("*.json")).read_text(encoding="utf-8"))
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False

    instellingen = Path(next(a for a in extra if a.startswith("--LabApp.user_settings_dir=")).split("=", 1)[1])
    taal = instellingen / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    assert json.loads(taal.read_text(encoding="utf-8")) == {"locale": "nl_NL"}
    nieuws = instellingen / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    assert json.loads(nieuws.read_text(encoding="utf-8"))["fetchNews"] == "false"

    # Wat de gebruiker zelf instelde, blijft staan.
    taal.write_text('{"locale": "en"}', encoding="utf-8")
    lab.deelnemersomgeving(tmp_path / "cohort")
    assert json.loads(taal.read_text(encoding="utf-8")) == {"locale": "en"}


def test_nederlands_taalpakket_werkt_met_deze_jupyterlab() -> None:
    """``jupyterlab-language-pack-nl-NL`` is geïnstalleerd en JupyterLab herkent het als taal nl_NL."""
    from jupyterlab_server.translation_utils import get_language_pack, get_language_packs

    talen, fout = get_language_packs("nl_NL")
    assert lab.TAAL in talen, fout
    vertaling, _ = get_language_pack(lab.TAAL)
    assert vertaling.get("jupyterlab", {}).get("Edit") == ["Bewerk"]


@pytest.mark.traag
def test_regie_lab_start_een_nederlandse_rustige_lab(tmp_path: Path) -> None:
    """Een echte Lab met de omgeving van ``regie lab``: taal nl_NL, en de trainersplugins staan uit."""
    import json
    import re
    import secrets
    import socket
    import subprocess
    import time
    import urllib.error
    import urllib.request

    werkmap = tmp_path / "cohort" / "deelnemer"
    werkmap.mkdir(parents=True)
    omgeving, extra = lab.deelnemersomgeving(tmp_path / "cohort")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    token = secrets.token_hex(8)
    omgeving = {**omgeving, "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter"), "BROWSER": "true"}
    opdracht = lab.lab_opdracht(werkmap, extra=[*extra, f"--port={poort}", f"--IdentityProvider.token={token}"])
    proces = subprocess.Popen(opdracht, env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    basis = f"http://127.0.0.1:{poort}"
    try:
        grens = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{basis}/lab?token={token}", timeout=5) as antwoord:
                    html = antwoord.read().decode()
                break
            except OSError:
                assert proces.poll() is None and time.monotonic() < grens, "Lab startte niet"
                time.sleep(0.3)
        gegevens = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', html, flags=re.DOTALL)
        assert gegevens, html[:500]
        pagina = json.loads(gegevens.group(1))
        assert "@jupyter/nbgrader:create-assignment" in pagina["disabledExtensions"]
        assert "@jupyter/nbgrader:validate-assignment" in pagina["disabledExtensions"]
        plugin = "@jupyterlab/translation-extension:plugin"
        with urllib.request.urlopen(f"{basis}/lab/api/settings/{plugin}?token={token}", timeout=10) as antwoord:
            assert json.load(antwoord)["settings"]["locale"] == "nl_NL"
        with pytest.raises(urllib.error.HTTPError) as fout:
            urllib.request.urlopen(f"{basis}/formgrader/api/assignments?token={token}", timeout=10)
        assert fout.value.code == 404
    finally:
        proces.terminate()
        proces.wait(timeout=30)
