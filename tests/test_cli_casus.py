"""Het commando ``regie`` zoals een deelnemer het gebruikt: echte subprocessen, Nederlandse meldingen, nooit een traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from samenwerkingscode import cli
from samenwerkingscode.model import casus as cm

REGIE = shutil.which("regie")
COMMANDO = [REGIE] if REGIE else [sys.executable, "-m", "samenwerkingscode.cli"]


def regie(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMANDO, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def _geen_traceback(uitvoer: subprocess.CompletedProcess[str]) -> None:
    alles = uitvoer.stdout + uitvoer.stderr
    assert "Traceback" not in alles
    assert "Error:" not in alles, alles


# --- Geldige casus ----------------------------------------------------------------------------


def test_geldige_casus_geeft_samenvatting(springendal_pad: Path) -> None:
    uit = regie("casus", "controleer", springendal_pad)
    assert uit.returncode == 0, uit.stderr
    assert "In orde" in uit.stdout
    assert "Springendal – Dal van de Mosbeek" in uit.stdout
    assert "7 van de 9 velden gevuld" in uit.stdout
    assert uit.stderr == ""


def test_sjabloon_is_geldig_volgens_regie(project: Path) -> None:
    uit = regie("casus", "controleer", "casussen/sjabloon.yml", cwd=project)
    assert uit.returncode == 0, uit.stderr
    assert "Voorbeeldcasus" in uit.stdout


def test_python_m_werkt_ook(springendal_pad: Path) -> None:
    uit = subprocess.run(
        [sys.executable, "-m", "samenwerkingscode.cli", "casus", "controleer", str(springendal_pad)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert uit.returncode == 0, uit.stderr
    assert "In orde" in uit.stdout


def test_terminal_zonder_utf8_crasht_niet(springendal_pad: Path) -> None:
    uit = regie("casus", "controleer", springendal_pad, env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert uit.returncode == 0, uit.stderr
    _geen_traceback(uit)
    assert "Springendal" in uit.stdout


# --- Foute invoer: exit 1, Nederlandse melding met bestand, regel en veld ---------------------


GELDIGE_PARTIJ = "titel: Test\npartijen:\n  - id: gemeente\n    naam: Gemeente\n"


@pytest.mark.parametrize(
    ("naam", "inhoud", "verwacht"),
    [
        pytest.param(
            "syntaxis.yml",
            "titel: Test\nopgave:\n  omschrijving: dit: kan niet\n",
            ["regel 3", "sleutel: waarde"],
            id="yaml-syntaxfout",
        ),
        pytest.param(
            "ontbreekt.yml",
            "titel: Test\npartijen:\n  - id: gemeente\n",
            ["partijen[1].naam", "verplicht veld ontbreekt", "regel 3"],
            id="verplicht-veld",
        ),
        pytest.param(
            "ontbreekt-titel.yml", "partijen: []\n", ["'titel'", "verplicht veld ontbreekt"], id="verplichte-titel"
        ),
        pytest.param(
            "type.yml",
            "titel: Test\npartijen: Gemeente\n",
            ["partijen", "moet een lijst", "regel 2"],
            id="verkeerd-type",
        ),
        pytest.param(
            "type2.yml",
            GELDIGE_PARTIJ + "    reconstructie: misschien\n",
            ["partijen[1].reconstructie", "true/false", "regel 5"],
            id="verkeerd-type-bool",
        ),
        pytest.param(
            "tikfout.yml",
            GELDIGE_PARTIJ + "    bijdrage: [grond]\n",
            ["partijen[1].bijdrage", "onbekend veld", "bedoel je 'bijdragen'", "regel 5"],
            id="tikfout",
        ),
        pytest.param(
            "tikfout-boven.yml",
            "titel: Test\nrelatie: []\n",
            ["'relatie'", "bedoel je 'relaties'", "regel 2"],
            id="tikfout-bovenaan",
        ),
        pytest.param(
            "twee-documenten.yml", "titel: A\n---\ntitel: B\n", ["regel 2", "meerdere documenten"], id="twee-documenten"
        ),
        pytest.param("tab.yml", "titel: A\n\tpartijen: []\n", ["regel 2", "tab"], id="tab"),
        pytest.param("leeg.yml", "", ["leeg"], id="leeg-bestand"),
        pytest.param("alleen-commentaar.yml", "# nog niets\n\n", ["leeg"], id="alleen-commentaar"),
        pytest.param("lijst.yml", "- titel: Test\n", ["veldnamen"], id="lijst-in-plaats-van-velden"),
    ],
)
def test_foute_casus(tmp_path: Path, naam: str, inhoud: str, verwacht: list[str]) -> None:
    pad = tmp_path / naam
    pad.write_text(inhoud, encoding="utf-8")
    uit = regie("casus", "controleer", pad)
    assert uit.returncode == 1, uit.stdout + uit.stderr
    _geen_traceback(uit)
    assert naam in uit.stderr
    for stuk in verwacht:
        assert stuk in uit.stderr, f"{stuk!r} ontbreekt in: {uit.stderr}"
    assert uit.stderr.startswith("Fout")


def test_niet_utf8(tmp_path: Path) -> None:
    pad = tmp_path / "latin1.yml"
    pad.write_bytes("titel: Café\nopgave:\n  omschrijving: Zuid-Limburg\n".encode("latin-1"))
    uit = regie("casus", "controleer", pad)
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert "latin1.yml" in uit.stderr and "UTF-8" in uit.stderr and "regel 1" in uit.stderr


def test_binair_bestand(tmp_path: Path) -> None:
    pad = tmp_path / "plaatje.yml"
    pad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    uit = regie("casus", "controleer", pad)
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert "plaatje.yml" in uit.stderr and "binair" in uit.stderr


def test_ontbrekend_bestand(tmp_path: Path) -> None:
    uit = regie("casus", "controleer", tmp_path / "bestaat-niet.yml")
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert "bestaat-niet.yml" in uit.stderr and "niet gevonden" in uit.stderr


def test_map_in_plaats_van_bestand(tmp_path: Path) -> None:
    uit = regie("casus", "controleer", tmp_path)
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert str(tmp_path) in uit.stderr and "map" in uit.stderr


def test_meerdere_fouten_tegelijk(tmp_path: Path) -> None:
    pad = tmp_path / "veel.yml"
    pad.write_text(
        "titel: Test\npartijen:\n  - id: a\n    naam: A\nrelaties:\n  - id: r\n    tussen: [a, b]\n    omschrijving: x\n"
        "    bronnen: [nergens]\n",
        encoding="utf-8",
    )
    uit = regie("casus", "controleer", pad)
    assert uit.returncode == 1
    assert "2 fouten" in uit.stderr
    assert "relaties[1].tussen[2]" in uit.stderr and "relaties[1].bronnen[1]" in uit.stderr


# --- Schema en canvas -------------------------------------------------------------------------


def test_schema_schrijven(tmp_path: Path) -> None:
    uit = regie("casus", "schema", "--uit", tmp_path / "schema.json")
    assert uit.returncode == 0, uit.stderr
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == cm.schema_tekst()


def test_schema_zonder_casussenmap(tmp_path: Path) -> None:
    uit = regie("casus", "schema", cwd=tmp_path)
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert "--uit" in uit.stderr


@pytest.mark.parametrize("naam", ["poster.docx", "poster", "poster.svg"])
def test_canvas_onbekende_extensie(tmp_path: Path, springendal_pad: Path, naam: str) -> None:
    uit = regie("canvas", springendal_pad, "--uit", tmp_path / naam)
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert ".pdf" in uit.stderr and ".png" in uit.stderr
    assert not (tmp_path / naam).exists()


def test_canvas_met_foute_casus_geeft_dezelfde_fout(tmp_path: Path) -> None:
    pad = tmp_path / "kapot.yml"
    pad.write_text("titel: Test\nrelatie: []\n", encoding="utf-8")
    uit = regie("canvas", pad, "--uit", tmp_path / "c.png")
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert "bedoel je 'relaties'" in uit.stderr


def test_canvas_roept_de_poster_aan(
    tmp_path: Path, springendal_pad: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    aanroepen: list[dict[str, object]] = []
    nep = types.ModuleType("samenwerkingscode.figuren.poster")
    nep.teken_canvas = lambda inhoud, titel, uit, herkomst="": aanroepen.append(  # type: ignore[attr-defined]
        {"inhoud": inhoud, "titel": titel, "uit": uit, "herkomst": herkomst}
    )
    monkeypatch.setitem(sys.modules, "samenwerkingscode.figuren.poster", nep)
    assert cli.main(["canvas", str(springendal_pad), "--uit", str(tmp_path / "Canvas.PDF")]) == 0
    (aanroep,) = aanroepen
    assert aanroep["uit"] == tmp_path / "Canvas.PDF"
    assert aanroep["titel"] == "De Bestuurlijke Adviescommissie (BAC) Springendal"
    assert aanroep["inhoud"] == cm.canvas_inhoud(cm.laad_casus(springendal_pad))
    assert "reconstructie: uitwerking in deze cursuskit" in str(aanroep["herkomst"])  # de voetnoot van de poster
    assert "opgeslagen" in capsys.readouterr().out


@pytest.mark.traag
def test_canvas_echt_als_png(tmp_path: Path, springendal_pad: Path) -> None:
    """De hele keten: casus lezen, poster tekenen (matplotlib), bestand schrijven."""
    doel = tmp_path / "canvas.png"
    uit = regie("canvas", springendal_pad, "--uit", doel)
    assert uit.returncode == 0, uit.stderr
    assert doel.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(doel) in uit.stdout


# --- argparse in het Nederlands ----------------------------------------------------------------


def test_hulp_is_nederlands() -> None:
    uit = regie("--help")
    assert uit.returncode == 0
    assert uit.stdout.startswith("gebruik: regie")
    assert "opties:" in uit.stdout and "toon deze hulp" in uit.stdout
    for engels in ("usage:", "show this help", "options:", "positional arguments"):
        assert engels not in uit.stdout


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        (["casus", "controleer"], "deze argumenten zijn verplicht: PAD"),
        (["onzin"], "ongeldige keuze: 'onzin'"),
        (["casus", "controleer", "a.yml", "--extra"], "onbekende argumenten: --extra"),
        (["canvas", "a.yml"], "deze argumenten zijn verplicht: --uit"),
        (["cursus", "maak", "9"], "een blok is 1 t/m 5"),
    ],
)
def test_gebruiksfouten_in_het_nederlands(args: list[str], verwacht: str) -> None:
    uit = regie(*args)
    assert uit.returncode == 2
    _geen_traceback(uit)
    assert uit.stderr.startswith("gebruik: regie")
    assert verwacht in uit.stderr
    assert "regie" in uit.stderr and "fout:" in uit.stderr and "error:" not in uit.stderr


def test_groep_zonder_subopdracht_toont_hulp() -> None:
    uit = regie("cursus")
    assert uit.returncode == 2
    assert "maak" in uit.stdout and "beoordeel" in uit.stdout and "gebruik:" in uit.stdout


def test_argparse_wordt_na_afloop_hersteld() -> None:
    import argparse

    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


# --- Fouten in code: Nederlands, exit 2, geen traceback --------------------------------------


def test_onverwachte_fout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], springendal_pad: Path
) -> None:
    def stuk(_: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cm, "laad_casus", stuk)
    monkeypatch.delenv("REGIE_DEBUG", raising=False)
    assert cli.main(["casus", "controleer", str(springendal_pad)]) == 2
    fout = capsys.readouterr().err
    assert "onverwachts" in fout and "ZeroDivisionError" in fout and "Traceback" not in fout


def test_ontbrekend_onderdeel(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "samenwerkingscode.cursus.lab", None)  # import faalt met ModuleNotFoundError
    assert cli.main(["lab"]) == 2
    fout = capsys.readouterr().err
    assert "ontbreekt" in fout and "Traceback" not in fout


# --- regie cursus ------------------------------------------------------------------------------------
# De echte rondgang door alle subopdrachten (zonder nepmodule) staat in tests/cursus/test_cli_rondgang.py.


def test_blok_komt_uit_de_opdrachtdata() -> None:
    """Het bloknummer op de opdrachtregel wordt gecontroleerd tegen de blokken in model/opdrachten.yml."""
    import argparse

    assert cli._blok("blok3") == 3 and cli._blok(" Blok 5 ") == 5
    with pytest.raises(argparse.ArgumentTypeError, match="een blok is 1 t/m 5"):
        cli._blok("9")


def test_omgeving_na_een_opdracht_terug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """De instellingen gaan als omgeving naar kernels, maar blijven niet hangen na de opdracht."""
    monkeypatch.delenv("REGIE_COHORT", raising=False)
    assert cli.main(["instellingen"]) == 0
    assert "REGIE_COHORT" not in os.environ
