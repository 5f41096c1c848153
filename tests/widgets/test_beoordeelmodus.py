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
