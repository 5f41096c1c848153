"""Inleveringen inlezen: de naamafspraken, dubbele en onbekende namen, en niets kwijtraken."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from testopdracht import BLOK, MODEL, antwoorden_document

from samenwerkingscode.cursus import koppeling
from samenwerkingscode.cursus.cursusmap import cursusmap
from samenwerkingscode.cursus.inleveren import importeer, lees_in
from samenwerkingscode.model.yamlbestand import RegieFout

NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def _schrijf(pad: Path, tekst: str = NOTEBOOK) -> Path:
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _antwoorden(pad: Path) -> Path:
    return _schrijf(pad, json.dumps(antwoorden_document(MODEL)))


def _ingeleverd(cohort: Path) -> list[str]:
    return sorted(
        p.relative_to(cohort / "submitted").as_posix() for p in (cohort / "submitted").rglob("*") if p.is_file()
    )


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_drie_naamvormen(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Mapvorm van nbgrader, een map per deelnemer, en platte namen <id>_<blok>; hoofdletters maken niet uit."""
    inbox = tmp_path / "inbox"
    _schrijf(inbox / "anna" / BLOK / f"{BLOK}.ipynb")
    _antwoorden(inbox / "anna" / BLOK / f"{BLOK}.antwoorden.json")
    _schrijf(inbox / "Bram" / f"{BLOK}.ipynb")
    _antwoorden(inbox / "Bram" / f"{BLOK}.antwoorden.json")
    _schrijf(inbox / f"c.de-vries_{BLOK}.ipynb")
    _antwoorden(inbox / f"c.de-vries_{BLOK}.antwoorden.json")
    verslag = lees_in(cohort=cohort, pad=inbox, bron=bron)
    assert verslag.meldingen == []
    assert _ingeleverd(cohort) == [
        f"{d}/{BLOK}/{naam}"
        for d in ("anna", "bram", "c.de-vries")
        for naam in (f"{BLOK}.antwoorden.json", f"{BLOK}.ipynb", "timestamp.txt")
    ]
    with koppeling.gradebook(cursusmap(cohort, bron)) as gb:
        assert sorted(s.id for s in gb.students) == ["anna", "bram", "c.de-vries"]


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_tijdstempel_voor_nbgrader(bron: Path, cohort: Path, tmp_path: Path) -> None:
    from nbgrader.utils import parse_utc

    inbox = tmp_path / "inbox"
    _schrijf(inbox / f"anna_{BLOK}.ipynb")
    lees_in(cohort=cohort, pad=inbox, bron=bron)
    tekst = (cohort / "submitted" / "anna" / BLOK / "timestamp.txt").read_text(encoding="utf-8").strip()
    assert parse_utc(tekst).year >= 2024


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_zip_met_omhullende_map(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Een zip uit een leeromgeving, met een map eromheen en rommel van macOS."""
    zip_pad = tmp_path / "download.zip"
    with zipfile.ZipFile(zip_pad, "w") as z:
        z.writestr(f"inleveringen/anna/{BLOK}/{BLOK}.ipynb", NOTEBOOK)
        z.writestr(f"inleveringen/anna/{BLOK}/{BLOK}.antwoorden.json", json.dumps(antwoorden_document(MODEL)))
        z.writestr(f"__MACOSX/inleveringen/anna/{BLOK}/._{BLOK}.ipynb", "rommel")
        z.writestr("../buiten.ipynb", NOTEBOOK)
    verslag = lees_in(cohort=cohort, pad=zip_pad, bron=bron)
    assert _ingeleverd(cohort) == [
        f"anna/{BLOK}/{BLOK}.antwoorden.json",
        f"anna/{BLOK}/{BLOK}.ipynb",
        f"anna/{BLOK}/timestamp.txt",
    ]
    assert any("onveilig pad" in m for m in verslag.meldingen)
    assert not (tmp_path / "buiten.ipynb").exists()


def test_onbekende_namen_en_blokken_worden_gemeld(bron: Path, cohort: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _schrijf(inbox / "anna_blok7.ipynb")
    _schrijf(inbox / f"{BLOK}.ipynb")
    _schrijf(inbox / f"jan jansen_{BLOK}.ipynb")
    _schrijf(inbox / "notities.txt", "hallo")
    verslag = lees_in(cohort=cohort, pad=inbox, bron=bron)
    tekst = "\n".join(verslag.meldingen)
    assert "onbekend blok 'blok7'" in tekst
    assert "niet te zien van welke deelnemer" in tekst
    assert "'jan jansen' is geen bruikbare deelnemer-id" in tekst
    assert any("notities.txt" in o for o in verslag.overgeslagen)
    assert not (cohort / "submitted").exists() or _ingeleverd(cohort) == []


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_dubbel_in_een_import_wordt_niet_ingelezen(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Dezelfde deelnemer en hetzelfde blok twee keer: de trainer kiest, de kit niet."""
    inbox = tmp_path / "inbox"
    _schrijf(inbox / "anna" / BLOK / f"{BLOK}.ipynb")
    _schrijf(
        inbox / f"anna_{BLOK}.ipynb", NOTEBOOK.replace("[]", '[{"cell_type": "raw", "metadata": {}, "source": ""}]')
    )
    _schrijf(inbox / f"bram_{BLOK}.ipynb")
    verslag = lees_in(cohort=cohort, pad=inbox, bron=bron)
    assert any("anna, blok1: staat meer dan eens" in m for m in verslag.meldingen)
    assert [p for p in _ingeleverd(cohort) if p.startswith("anna/")] == []
    assert f"bram/{BLOK}/{BLOK}.ipynb" in _ingeleverd(cohort)


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_bestaande_inlevering_blijft_tenzij_vervang(
    bron: Path, cohort: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zonder --vervang blijft de oude staan; met --vervang wordt de oude bewaard in vorige/."""
    eerst, daarna = tmp_path / "eerst", tmp_path / "daarna"
    _schrijf(eerst / f"anna_{BLOK}.ipynb", NOTEBOOK)
    nieuw = NOTEBOOK.replace("[]", '[{"cell_type": "raw", "metadata": {}, "source": "nieuw"}]')
    _schrijf(daarna / f"anna_{BLOK}.ipynb", nieuw)
    assert importeer(cohort=cohort, pad=eerst, bron=bron) == 1  # geen antwoordbestand: melding
    doel = cohort / "submitted" / "anna" / BLOK / f"{BLOK}.ipynb"

    # Dezelfde inhoud nog eens: geen melding, gewoon overgeslagen.
    assert lees_in(cohort=cohort, pad=eerst, bron=bron).overgeslagen == ["anna, blok1: al ingelezen (zelfde inhoud)"]

    assert importeer(cohort=cohort, pad=daarna, bron=bron) == 1
    assert "er is al een andere inlevering; niet overschreven" in capsys.readouterr().out
    assert doel.read_text(encoding="utf-8") == NOTEBOOK

    importeer(cohort=cohort, pad=daarna, vervang=True, bron=bron)
    assert doel.read_text(encoding="utf-8") == nieuw
    vorige = list((cohort / "vorige" / "anna").glob(f"{BLOK}.vorige-*/{BLOK}.ipynb"))
    assert len(vorige) == 1 and vorige[0].read_text(encoding="utf-8") == NOTEBOOK


def test_pad_bestaat_niet_of_is_geen_zip(bron: Path, cohort: Path, tmp_path: Path) -> None:
    with pytest.raises(RegieFout, match="bestaat niet"):
        lees_in(cohort=cohort, pad=tmp_path / "nergens", bron=bron)
    tekst = _schrijf(tmp_path / "lijst.txt", "geen zip")
    with pytest.raises(RegieFout, match="geen map en geen zip"):
        lees_in(cohort=cohort, pad=tekst, bron=bron)
    kapot = _schrijf(tmp_path / "kapot.zip", "PK\x03\x04 kapot")
    with pytest.raises(RegieFout):
        lees_in(cohort=cohort, pad=kapot, bron=bron)


def test_cli_importeer_meldt_in_het_nederlands(
    bron: Path, cohort: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Via ``regie``: exitcode 1 en een Nederlandse melding, geen traceback."""
    from samenwerkingscode.cli import main

    monkeypatch.setenv("REGIE_BRON", str(bron))
    code = main(["cursus", "importeer", str(tmp_path / "nergens"), "--cohort", str(cohort)])
    fout = capsys.readouterr().err
    assert code == 1
    assert "bestaat niet" in fout and "Traceback" not in fout
