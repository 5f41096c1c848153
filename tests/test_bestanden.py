"""Eén atomische schrijver voor de hele kit (bestanden.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from samenwerkingscode.model import bestanden


@pytest.fixture
def masker() -> object:
    oud = os.umask(0o022)
    yield
    os.umask(oud)


def test_nieuw_bestand_leesbaar_volgens_umask(tmp_path: Path, masker: object) -> None:
    doel = tmp_path / "a.json"
    bestanden.schrijf_atomisch(doel, "hallo ë\n")
    assert doel.read_text(encoding="utf-8") == "hallo ë\n"
    assert stat.S_IMODE(doel.stat().st_mode) == 0o644
    os.umask(0o077)
    assert bestanden.umask() == 0o077
    bestanden.schrijf_atomisch(tmp_path / "b.json", b"x")
    assert stat.S_IMODE((tmp_path / "b.json").stat().st_mode) == 0o600


def test_bestaande_rechten_blijven(tmp_path: Path, masker: object) -> None:
    doel = tmp_path / "a.txt"
    doel.write_text("oud", encoding="utf-8")
    doel.chmod(0o640)
    bestanden.schrijf_atomisch(doel, "nieuw")
    assert stat.S_IMODE(doel.stat().st_mode) == 0o640


def test_mislukt_schrijven_laat_het_oude_bestand_heel(tmp_path: Path) -> None:
    doel = tmp_path / "a.txt"
    doel.write_text("oud", encoding="utf-8")
    with pytest.raises(RuntimeError), bestanden.atomisch(doel) as tijdelijk:
        tijdelijk.write_text("half", encoding="utf-8")
        raise RuntimeError("crash midden in het schrijven")
    assert doel.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"], "geen tijdelijk bestand achtergelaten"
