"""Het beoordelingsscherm van de formgrader laadt MathJax van de eigen server, nooit van een CDN (issue 15.4).

Snel en zonder browser: hier wordt het scherm gemaakt zoals de formgrader het maakt (zijn eigen config plus
``nbgrader_config.py`` van de kit); de browsertest (``tests/browser/test_trainer.py``) kijkt of de formules
echt verschijnen en of de pagina niets van een ander adres haalt.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from samenwerkingscode.cursus import lab
from samenwerkingscode.cursus.cursusmap import PROJECT
from samenwerkingscode.model.yamlbestand import RegieFout

MATHJAX_SRC = "/static/mathjax2/MathJax.js?config=TeX-AMS_CHTML-full,Safe"


@pytest.fixture
def static(tmp_path: Path) -> Path:
    """Een statische map zoals ``make vendor`` die maakt (alleen het bestand dat gecontroleerd wordt)."""
    map_ = tmp_path / "static"
    (map_ / "mathjax2").mkdir(parents=True)
    (map_ / lab.MATHJAX).write_text("/* MathJax */", encoding="utf-8")
    return map_


def _beoordelingsscherm(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """De HTML van het beoordelingsscherm zoals de formgrader hem maakt, in de projectmap van de kit."""
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "groep"))
    monkeypatch.chdir(PROJECT)
    monkeypatch.setattr(sys, "path", list(sys.path))  # de formgrader zet de werkmap vooraan in sys.path
    formgrader = FormgradeExtension()
    formgrader.root_dir = str(PROJECT)
    formgrader.initialize([])
    assert str(PROJECT / "nbgrader_config.py") in formgrader._loaded_config_files
    exporter = HTMLExporter(config=formgrader.config)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Een formule: $x^2$.")])
    resources = {"base_url": "/user/docent", "submission_id": "s", "notebook_id": "blok1", "index": 0, "total": 1}
    html, _ = exporter.from_notebook_node(nb, resources={**resources, "assignment_id": "blok1"})
    return html


def test_formgrader_laadt_mathjax_van_de_eigen_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, static: Path
) -> None:
    """Met de omgeving van ``regie lab --trainer`` staat er geen extern adres meer in het beoordelingsscherm."""
    omgeving, extra = lab.trainersomgeving(static)
    monkeypatch.setenv("JUPYTER_PATH", omgeving["JUPYTER_PATH"])
    html = _beoordelingsscherm(monkeypatch, tmp_path)
    assert MATHJAX_SRC in html
    assert "MathJax.Hub.Config" in html and 'type="text/x-mathjax-config"' in html, "nbconverts configuratie bleef"
    assert not re.findall(r"https?://(?!www\.w3\.org/)[^\s\"'<>]+", html), "een extern adres in het beoordelingsscherm"
    assert extra == [f"--ServerApp.extra_static_paths={json.dumps([str(static)])}"]


def test_zonder_de_kit_haalt_de_formgrader_mathjax_van_een_cdn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tegenproef: zonder de datamap van de kit laadt nbgrader MathJax van cdnjs (daarom bestaat de kitversie).

    De nbgrader-config van de kit kan dit niet oplossen: de formgrader zet ``HTMLExporter.extra_template_basedirs``
    zelf, en jupyter_core legt die waarde na het lezen van ``nbgrader_config.py`` opnieuw op.
    """
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    html = _beoordelingsscherm(monkeypatch, tmp_path)
    assert "https://cdnjs.cloudflare.com/ajax/libs/mathjax/" in html
    assert MATHJAX_SRC not in html


def _macro(**argumenten: str) -> str:
    """De macro ``mathjax`` van de kit, gerenderd zoals nbconvert hem importeert (zonder context)."""
    from jinja2 import Environment, FileSystemLoader

    map_ = lab.FORMGRADER_DATA / "nbconvert" / "templates" / "formgrade"
    env = Environment(loader=FileSystemLoader(str(map_)))
    aanroep = ", ".join(f"{k}={json.dumps(v)}" for k, v in argumenten.items())
    return env.from_string(f"{{% from 'mathjax.html.j2' import mathjax %}}{{{{ mathjax({aanroep}) }}}}").render()


def _geschreven(html: str, adres: str) -> str:
    """Wat het inline script van de macro met ``document.write`` schrijft op een pagina met dit pad (via Node)."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js ontbreekt; .ci/run installeert het (apt-get install nodejs).")
        pytest.skip("Node.js ontbreekt (apt-get install nodejs)")
    script = re.search(r'<script type="text/javascript">(.*?)</script>', html, flags=re.DOTALL)
    assert script, html
    code = (
        "const vm = require('vm'); let uit = '';"
        f"const ctx = {{window: {{location: {{pathname: {json.dumps(adres)}}}}},"
        " document: {write: (s) => { uit += s; }}};"
        f"vm.runInNewContext({json.dumps(script.group(1))}, ctx); process.stdout.write(uit);"
    )
    return subprocess.run([node, "-e", code], capture_output=True, text=True, check=True, timeout=30).stdout


@pytest.mark.parametrize(
    ("adres", "basis"),
    [
        ("/formgrader/submissions/9e79/", ""),  # regie lab --trainer
        ("/user/docent/formgrader/submissions/9e79/", "/user/docent"),  # de hub
        ("/user/formgrader/formgrader/submissions/9e79", "/user/formgrader"),  # een trainer die zo heet
    ],
)
def test_macro_laadt_mathjax_synchroon_vanaf_de_basis_van_de_server(adres: str, basis: str) -> None:
    """De basis komt uit het adres (tot het laatste ``/formgrader/``): de macro krijgt geen ``resources.base_url``.

    ``document.write`` zet een gewone ``<script src>`` in de pagina: die laadt synchroon, dus MathJax bestaat
    voordat formgrade.js het gebruikt. Een CDN-adres als argument (zoals nbconvert het meegeeft) telt niet.
    """
    for html in (_macro(), _macro(url="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js")):
        assert "https://" not in html
        geschreven = _geschreven(html, adres)
        assert geschreven == f'<script type="text/javascript" src="{basis}{MATHJAX_SRC}"></script>'


def test_zonder_make_vendor_een_nederlandse_melding_en_geen_lab(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``regie lab --trainer`` zonder ``_vendor``: een duidelijke melding met ``make vendor``, geen stille terugval."""
    from samenwerkingscode.cli import main

    with pytest.raises(RegieFout, match="make vendor"):
        lab.trainersomgeving(tmp_path / "leeg")

    monkeypatch.setattr(lab, "FORMGRADER_STATIC", tmp_path / "leeg")
    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "groep"))

    def geen_lab(*_: object, **__: object) -> int:
        raise AssertionError("Lab mag niet starten zonder MathJax van de kit")

    monkeypatch.setattr(lab.subprocess, "call", geen_lab)
    assert main(["lab", "--trainer"]) == 1
    fout = capsys.readouterr().err
    assert "MathJax voor de formgrader ontbreekt" in fout and "make vendor" in fout
    assert "Traceback" not in fout


def test_regie_lab_trainer_start_lab_met_sjabloon_en_mathjax_van_de_kit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, static: Path
) -> None:
    """``regie lab --trainer`` geeft de server de datamap van de kit (JUPYTER_PATH) en MathJax (/static/) mee."""
    from samenwerkingscode.cli import main

    monkeypatch.setattr(lab, "FORMGRADER_STATIC", static)
    monkeypatch.setenv("REGIE_COHORT", str(tmp_path / "groep"))
    monkeypatch.setenv("JUPYTER_PATH", "/al/aanwezig")
    gestart: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(lab.subprocess, "call", lambda opdracht, **kw: gestart.append((opdracht, kw["env"])) or 0)
    assert main(["lab", "--trainer"]) == 0
    [(opdracht, omgeving)] = gestart
    assert omgeving["JUPYTER_PATH"].split(os.pathsep) == [str(lab.FORMGRADER_DATA), "/al/aanwezig"]
    assert f"--ServerApp.extra_static_paths={json.dumps([str(static)])}" in opdracht
    assert f"--ServerApp.root_dir={PROJECT}" in opdracht


def test_hub_krijgt_sjabloon_mathjax_en_serverconfig(tmp_path: Path, static: Path) -> None:
    """``richt_formgrader_in`` (make hub en het image): alles staat waar jupyterhub-singleuser het zoekt."""
    prefix = tmp_path / "venv"
    doel = lab.richt_formgrader_in(prefix, static)
    assert (prefix / "share" / "jupyter" / "nbconvert" / "templates" / "formgrade" / "mathjax.html.j2").is_file()
    assert (doel / lab.MATHJAX).read_text(encoding="utf-8") == "/* MathJax */"
    config = prefix / "etc" / "jupyter" / "jupyter_server_config.json"
    assert json.loads(config.read_text(encoding="utf-8")) == {"ServerApp": {"extra_static_paths": [str(doel)]}}
    # Opnieuw inrichten (een nieuwe versie van MathJax) vervangt de oude bestanden; andere instellingen blijven.
    (doel / "mathjax2" / "oud.js").write_text("", encoding="utf-8")
    eigen = {"ServerApp": {"extra_static_paths": ["/srv/eigen"], "shutdown_no_activity_timeout": 60}}
    config.write_text(json.dumps(eigen), encoding="utf-8")
    lab.richt_formgrader_in(prefix, static)
    assert not (doel / "mathjax2" / "oud.js").exists()
    assert json.loads(config.read_text(encoding="utf-8")) == {
        "ServerApp": {"extra_static_paths": [str(doel), "/srv/eigen"], "shutdown_no_activity_timeout": 60}
    }


def test_de_server_leest_de_config_van_richt_formgrader_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, static: Path
) -> None:
    """De Jupyter-server neemt ``extra_static_paths`` echt over uit wat ``richt_formgrader_in`` schrijft."""
    from jupyter_server.serverapp import ServerApp

    prefix = tmp_path / "venv"
    doel = lab.richt_formgrader_in(prefix, static)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "gebruiker"))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(prefix / "etc" / "jupyter"))
    server = ServerApp()
    assert str(prefix / "etc" / "jupyter") in server.config_file_paths
    server.load_config_file()
    assert server.extra_static_paths == [str(doel)]
    assert server.static_file_path[0] == str(doel)
