"""Casusbestanden die de kit niet mogen stoppen (issue 17 deel 4): de reproducers uit de betrouwbaarheidsreview."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_casus_fuzz import ENGELS, _lol, _wekker

from samenwerkingscode import cli
from samenwerkingscode.model import yamlbestand
from samenwerkingscode.model.yamlbestand import BestandFout, lees_yaml


def _controleer(pad: Path) -> tuple[int, str]:
    uit, fout = io.StringIO(), io.StringIO()
    with _wekker(5), contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
        code = cli.main(["casus", "controleer", str(pad)])
    return code, fout.getvalue()


GEVALLEN = {
    "recursieve verwijzing": (b"titel: &a [*a]\n", "regel 1", "verwijzingen met & en *"),
    "diepe flow-nesting": (b"titel: " + b"[" * 2000 + b"]" * 2000 + b"\n", "regel 1", "te diep genest"),
    "diepe nesting onder de grens van libyaml": (b"titel: " + b"[" * 900 + b"]" * 900 + b"\n", "regel 1", "te diep"),
    "diepe blok-nesting": (
        "".join(" " * i + "a:\n" for i in range(1200)).encode() + b" " * 1200 + b"b: 1\n",
        "regel",
        "te diep genest",
    ),
    "ongeldige datum": (b"titel: 2019-02-30\n", "regel 1", "'2019-02-30' is geen bestaande datum"),
    "maand 13": (b"titel: x\ngebied: 2019-13-01\n", "regel 2", "geen bestaande datum"),
    "getal van 5000 cijfers": (b"titel: " + b"1" * 5000 + b"\n", "regel 1", "5000 cijfers is te lang"),
    "lijst als veldnaam": (b"? [a, b]\n: 1\ntitel: x\n", "regel 1", "veldnaam moet gewone tekst zijn"),
    "groep als veldnaam": (b"? {a: 1}\n: 1\ntitel: x\n", "regel 1", "veldnaam moet gewone tekst zijn"),
    "!!float abc": (b"titel: !!float abc\n", "regel 1", "'abc' is geen bruikbaar getal"),
    "!!timestamp abc": (b"titel: !!timestamp abc\n", "regel 1", "geen bestaande datum"),
    "!!python": (b"titel: !!python/object/apply:os.system ['echo x']\n", "regel 1", "niet ondersteund"),
    "stuurteken": (b"titel: a\x07\n", "regel 1", "stuurteken (U+0007)"),
    "YAML-versie": (b"%YAML 2.0\n---\ntitel: x\n", "regel 1", "%YAML"),
    "onbekend teken": (b"titel: @x\n", "regel 1", "zet de tekst tussen aanhalingstekens"),
    "dubbele veldnaam": (b"titel: a\ntitel: b\n", "regel 2", "'titel' komt twee keer voor"),
}


@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_reproducer_geeft_nederlandse_fout_met_regel(tmp_path: Path, naam: str) -> None:
    inhoud, regel, stukje = GEVALLEN[naam]
    pad = tmp_path / "c.yml"
    pad.write_bytes(inhoud)
    code, melding = _controleer(pad)
    assert code == 1, melding
    assert melding.startswith(f"Fout in {pad}: {regel}"), melding
    assert stukje in melding, melding
    assert not any(e in melding for e in ENGELS), melding


def test_billion_laughs_faalt_snel_in_een_echt_proces(tmp_path: Path) -> None:
    """Review 1a': 441 bytes (9 × 9) gebruikten > 4,9 GB en > 60 s. Nu: meteen een Nederlandse fout."""
    pad = tmp_path / "lol.yml"
    pad.write_text(_lol(9, 9), encoding="utf-8")
    assert len(pad.read_bytes()) < 500
    uitslag = subprocess.run(
        [sys.executable, "-m", "samenwerkingscode.cli", "casus", "controleer", str(pad)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert uitslag.returncode == 1, uitslag.stderr
    assert "verwijzingen met & en *" in uitslag.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes bestaan alleen op Unix")
def test_named_pipe_hangt_niet(tmp_path: Path) -> None:
    """Review 1a': ``regie casus controleer p.yml`` met een named pipe kwam nooit terug."""
    pad = tmp_path / "p.yml"
    os.mkfifo(pad)
    uitslag = subprocess.run(
        [sys.executable, "-m", "samenwerkingscode.cli", "casus", "controleer", str(pad)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert uitslag.returncode == 1
    assert "geen gewoon bestand" in uitslag.stderr


def test_apparaat_en_map_worden_geweigerd(tmp_path: Path) -> None:
    with pytest.raises(BestandFout, match="geen gewoon bestand"):
        lees_yaml("/dev/zero")
    with pytest.raises(BestandFout, match="dit is een map"):
        lees_yaml(tmp_path)


@pytest.mark.parametrize(("codering", "naam"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_en_utf32_heten_niet_binair(tmp_path: Path, codering: str, naam: str) -> None:
    pad = tmp_path / "c.yml"
    pad.write_bytes("titel: Beekdal\n".encode(codering))
    code, melding = _controleer(pad)
    assert code == 1
    assert f"opgeslagen als {naam}" in melding and "UTF-8" in melding
    assert "binair" not in melding


def test_utf8_met_bom_is_goed(tmp_path: Path) -> None:
    pad = tmp_path / "c.yml"
    pad.write_bytes("titel: Beekdal\n".encode("utf-8-sig"))
    assert lees_yaml(pad).data == {"titel": "Beekdal"}


def test_melding_herhaalt_geen_lange_waarde(tmp_path: Path) -> None:
    """Review: een datum van 1 MB gaf een melding van 1 MB."""
    pad = tmp_path / "d.yml"
    pad.write_text("titel: x\ntijdlijn:\n- datum: " + "a" * 1_000_000 + "\n  omschrijving: y\n", encoding="utf-8")
    code, melding = _controleer(pad)
    assert code == 1
    assert "regel 3" in melding and "tijdlijn[1].datum" in melding
    assert len(melding) < 1000


def test_veel_fouten_worden_begrensd_opgesomd(tmp_path: Path) -> None:
    pad = tmp_path / "v.yml"
    regels = ["titel: x", "partijen:"] + [f"- id: 'Fout {i}'\n  naam: p{i}" for i in range(500)]
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    code, melding = _controleer(pad)
    assert code == 1
    assert f"nog {500 - yamlbestand.MAX_PROBLEMEN} fouten" in melding
    assert melding.count("\n  - ") == yamlbestand.MAX_PROBLEMEN


def test_te_groot_bestand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlbestand, "MAX_BYTES", 1000)
    pad = tmp_path / "g.yml"
    pad.write_text("titel: x\n# " + "a" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(BestandFout, match="te groot"):
        lees_yaml(pad)


def test_anker_zonder_verwijzing_mag(tmp_path: Path) -> None:
    pad = tmp_path / "a.yml"
    pad.write_text("titel: &t Beekdal\n", encoding="utf-8")
    assert lees_yaml(pad).data == {"titel": "Beekdal"}


@pytest.mark.parametrize("inhoud", ["!!map x", "a: !!map [1]\n"])
def test_groeplabel_op_losse_waarde_geeft_nederlandse_fout(tmp_path: Path, inhoud: str) -> None:
    """Gevonden door de fuzzer: '!!map' op een losse waarde gaf de algemene 'onverwachts'-melding."""
    pad = tmp_path / "casus.yml"
    pad.write_text(inhoud, encoding="utf-8")
    uit = subprocess.run(
        [sys.executable, "-m", "samenwerkingscode.cli", "casus", "controleer", str(pad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert uit.returncode == 1
    assert "'!!map' hoort bij een groep" in uit.stderr and "onverwachts" not in uit.stderr
