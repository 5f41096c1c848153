"""Bij het automatisch beoordelen bouwen de widgets niets op: de testcellen lezen het antwoordbestand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.widgets.canvas import CanvasWidget
from samenwerkingscode.widgets.toets import ToetsWidget


def test_beoordeelmodus_bouwt_geen_invulscherm_en_laat_het_antwoord_staan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Antwoorden("blok1", tmp_path).schrijf("1a", {"velden": {"partijen": "Provincie"}, "start": "leeg", "casus": None})
    voor = (tmp_path / "blok1.antwoorden.json").read_bytes()
    monkeypatch.setenv("REGIE_BEOORDELEN", "1")

    w = CanvasWidget(Antwoorden("blok1", tmp_path), "1a")

    assert "bij het beoordelen niet opgebouwd" in w.widget.value
    assert not hasattr(w, "velden")
    assert (tmp_path / "blok1.antwoorden.json").read_bytes() == voor
    assert nakijken.canvas_volledig(tmp_path / "blok1.antwoorden.json", "1a", 9) == pytest.approx(1.0)


def test_zonder_beoordeelmodus_wel_een_invulscherm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIE_BEOORDELEN", raising=False)
    w = ToetsWidget(Antwoorden("blok4", tmp_path), "4b")
    assert w.keuzes and json.dumps(list(w.keuzes))  # de keuzelijsten bestaan


def test_toon_bij_het_beoordelen_alleen_tekst_zonder_ipywidgets(tmp_path: Path) -> None:
    """Per inlevering scheelt dat het laden van ipywidgets en elk widgetbericht in de kernel van nbgrader."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from samenwerkingscode.widgets import opdracht\n"
        "opdracht.begin('blok4')\n"
        "uit = [opdracht.toon(s) for s in ('4a', '4b', '4c')]\n"
        "opdracht.controleer()\n"
        "print(all('bij het beoordelen niet opgebouwd' in u.data for u in uit))\n"
        "print('ipywidgets' in sys.modules)\n"
        "try:\n"
        "    opdracht.toon('4z')\n"
        "except Exception as fout:\n"
        "    print(type(fout).__name__)\n"
    )
    omgeving = {**os.environ, "REGIE_BEOORDELEN": "1"}
    uitvoer = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=omgeving, capture_output=True, text=True, check=True
    ).stdout.split()
    assert uitvoer == ["True", "False", "RegieFout"]
