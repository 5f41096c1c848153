"""`regie canvas PAD --uit BESTAND` als subprocess, zoals een trainer het typt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SPRINGENDAL = PROJECT / "casussen" / "springendal-mosbeek.yml"


def _regie(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samenwerkingscode.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,
    )


@pytest.mark.traag
def test_canvas_als_pdf_is_a3_liggend(tmp_path: Path) -> None:
    uit = tmp_path / "x.pdf"
    r = _regie("canvas", SPRINGENDAL, "--uit", uit)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    data = uit.read_bytes()
    (kader,) = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert float(kader[0]) == pytest.approx(420 / 25.4 * 72, abs=0.5)
    assert float(kader[1]) == pytest.approx(297 / 25.4 * 72, abs=0.5)


@pytest.mark.traag
def test_canvas_als_png_is_breed_genoeg(tmp_path: Path) -> None:
    from PIL import Image

    uit = tmp_path / "x.png"
    r = _regie("canvas", SPRINGENDAL, "--uit", uit)
    assert r.returncode == 0, r.stderr
    with Image.open(uit) as beeld:
        assert beeld.format == "PNG"
        assert beeld.size[0] >= 2000
        assert beeld.size[0] > beeld.size[1]


def test_onbekende_extensie_geeft_nederlandse_fout(tmp_path: Path) -> None:
    uit = tmp_path / "x.svg"
    r = _regie("canvas", SPRINGENDAL, "--uit", uit)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert ".pdf" in r.stderr and ".png" in r.stderr
    assert "Kies een naam die eindigt op" in r.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "inhoud",
    [
        "titel: [niet gesloten\n",  # YAML-syntaxfout
        "titel: Een casus\nonbekend_veld: 1\n",  # tikfout in een veldnaam
        "",  # leeg bestand
    ],
)
def test_kapotte_casus_geeft_dezelfde_fout_als_controleer(tmp_path: Path, inhoud: str) -> None:
    casus = tmp_path / "kapot.yml"
    casus.write_text(inhoud, encoding="utf-8")
    uit = tmp_path / "x.pdf"
    canvas = _regie("canvas", casus, "--uit", uit)
    controleer = _regie("casus", "controleer", casus)
    assert canvas.returncode == 1
    assert controleer.returncode == 1
    assert "Traceback" not in canvas.stderr
    assert str(casus) in canvas.stderr
    assert canvas.stderr == controleer.stderr
    assert not uit.exists()


def test_ontbrekende_casus(tmp_path: Path) -> None:
    r = _regie("canvas", tmp_path / "bestaat-niet.yml", "--uit", tmp_path / "x.png")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "bestaat-niet.yml" in r.stderr
    assert not (tmp_path / "x.png").exists()
