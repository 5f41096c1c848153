"""Importeren van onbetrouwbare zips en mappen (issue 17 deel 6; reproducers uit de betrouwbaarheidsreview, §3a)
en naampatronen per leeromgeving (issue 10 §7)."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from testopdracht import BLOK, MODEL, antwoorden_document
from traitlets.config import Config

from samenwerkingscode.cursus.inleveren import STANDAARD_PATRONEN, Inleveren, inleverinstellingen, lees_in
from samenwerkingscode.model.yamlbestand import RegieFout

NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
ANTWOORDEN = json.dumps(antwoorden_document(MODEL))


def _ingeleverd(cohort: Path) -> list[str]:
    if not (cohort / "submitted").exists():
        return []
    return sorted(
        p.relative_to(cohort / "submitted").as_posix() for p in (cohort / "submitted").rglob("*") if p.is_file()
    )


def _zet_vlag(zip_pad: Path, *, versleuteld: bool = False, methode: int | None = None) -> None:
    """Maak van een zip met één bestand een versleutelde of een met een onbekende compressiemethode (PPMd = 98)."""
    data = bytearray(zip_pad.read_bytes())
    for handtekening, vlag, methode_plek in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        i = data.index(handtekening)
        if versleuteld:
            data[i + vlag] |= 0x1
        if methode is not None:
            data[i + methode_plek : i + methode_plek + 2] = methode.to_bytes(2, "little")
    zip_pad.write_bytes(bytes(data))


def _enkel(tmp_path: Path, naam: str) -> Path:
    pad = tmp_path / f"{naam}.zip"
    with zipfile.ZipFile(pad, "w") as z:
        z.writestr(f"anna_{BLOK}.ipynb", NOTEBOOK)
    return pad


@pytest.mark.parametrize(
    ("vlaggen", "stukje"),
    [({"versleuteld": True}, "versleuteld"), ({"methode": 98}, "gecomprimeerd op een manier die de kit niet kent")],
)
def test_versleuteld_of_onbekende_compressie(
    bron: Path, cohort: Path, tmp_path: Path, vlaggen: dict, stukje: str
) -> None:
    """Review 3a: een versleutelde of PPMd-zip gaf exit 2 'onverwachts'. Nu een melding en dat bestand overgeslagen."""
    pad = _enkel(tmp_path, "z")
    _zet_vlag(pad, **vlaggen)
    verslag = lees_in(cohort=cohort, pad=pad, bron=bron)
    assert any(stukje in m and f"anna_{BLOK}.ipynb" in m for m in verslag.meldingen), verslag.meldingen
    assert _ingeleverd(cohort) == []


def test_te_veel_bestanden_wordt_geweigerd(bron: Path, cohort: Path, tmp_path: Path) -> None:
    pad = tmp_path / "veel.zip"
    with zipfile.ZipFile(pad, "w") as z:
        for i in range(12):
            z.writestr(f"p{i}_{BLOK}.ipynb", NOTEBOOK)
    with pytest.raises(RegieFout, match="bevat 12 bestanden; de grens is 10"):
        lees_in(cohort=cohort, pad=pad, bron=bron, instellingen=Inleveren(max_bestanden=10))
    assert _ingeleverd(cohort) == []


def test_totale_grootte_wordt_bewaakt(bron: Path, cohort: Path, tmp_path: Path) -> None:
    pad = tmp_path / "groot.zip"
    with zipfile.ZipFile(pad, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for i in range(5):
            z.writestr(f"p{i}_{BLOK}.ipynb", NOTEBOOK + " " * 100_000)
    with pytest.raises(RegieFout, match="niets ingelezen"):
        lees_in(cohort=cohort, pad=pad, bron=bron, instellingen=Inleveren(max_totaal=300_000))
    assert _ingeleverd(cohort) == []


def test_zipbom_standaardgrens(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Review 3a: een entry van 1 GiB nullen ging het cohort in. Nu: boven de standaardgrens (50 MB) overgeslagen."""
    pad = tmp_path / "bom.zip"
    with zipfile.ZipFile(pad, "w", compression=zipfile.ZIP_DEFLATED) as z, z.open(f"bom_{BLOK}.ipynb", "w") as f:
        blok = b"\0" * (1024 * 1024)
        for _ in range(60):
            f.write(blok)
    assert pad.stat().st_size < 1_000_000
    verslag = lees_in(cohort=cohort, pad=pad, bron=bron)
    assert any("groter dan de grens van 50 MB" in m for m in verslag.meldingen), verslag.meldingen
    assert _ingeleverd(cohort) == []


def test_kop_die_liegt_over_de_grootte(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """De grootte in de kop van een zip kan vervalst zijn: het uitpakken telt zelf mee."""
    pad = tmp_path / "leugen.zip"
    with zipfile.ZipFile(pad, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"bom_{BLOK}.ipynb", b"\0" * 200_000)
    data = bytearray(pad.read_bytes())
    for handtekening, plek in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = data.index(handtekening)
        data[i + plek : i + plek + 4] = (10).to_bytes(4, "little")  # 'uitgepakt 10 bytes'
    pad.write_bytes(bytes(data))
    verslag = lees_in(cohort=cohort, pad=pad, bron=bron, instellingen=Inleveren(max_per_bestand=1000))
    assert any(f"bom_{BLOK}.ipynb" in m and "overgeslagen" in m for m in verslag.meldingen), verslag.meldingen
    assert _ingeleverd(cohort) == []


def test_ongeldig_naampatroon(bron: Path, cohort: Path, tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    with pytest.raises(RegieFout, match="mist de groep"):
        lees_in(cohort=cohort, pad=tmp_path / "leeg", bron=bron, instellingen=Inleveren(naampatronen=["(?P<blok>x)"]))
    with pytest.raises(RegieFout, match="geen geldige reguliere expressie"):
        lees_in(cohort=cohort, pad=tmp_path / "leeg", bron=bron, instellingen=Inleveren(naampatronen=["(?P<blok"]))


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_een_slecht_bestand_stopt_de_import_niet(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Review 3a: dubbele naam, symlink, te lange naam en bestand/map-botsing: alleen dát bestand wordt overgeslagen."""
    pad = tmp_path / "gemengd.zip"
    with zipfile.ZipFile(pad, "w") as z:
        z.writestr(f"anna/{BLOK}/{BLOK}.ipynb", NOTEBOOK)
        z.writestr(f"anna/{BLOK}/{BLOK}.antwoorden.json", ANTWOORDEN)
        z.writestr(f"dubbel_{BLOK}.ipynb", NOTEBOOK)
        with pytest.warns(UserWarning, match="Duplicate name"):
            z.writestr(
                f"dubbel_{BLOK}.ipynb", NOTEBOOK.replace("[]", '[{"cell_type": "raw", "metadata": {}, "source": ""}]')
            )
        link = zipfile.ZipInfo(f"link_{BLOK}.ipynb")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("m" * 300 + f"/lang_{BLOK}.ipynb", NOTEBOOK)
        z.writestr(f"botsing_{BLOK}.ipynb", NOTEBOOK)
        z.writestr(f"botsing_{BLOK}.ipynb/x_{BLOK}.ipynb", NOTEBOOK)
    verslag = lees_in(cohort=cohort, pad=pad, bron=bron)
    tekst = "\n".join(verslag.meldingen)
    assert _ingeleverd(cohort) == [
        f"anna/{BLOK}/{BLOK}.antwoorden.json",
        f"anna/{BLOK}/{BLOK}.ipynb",
        f"anna/{BLOK}/timestamp.txt",
        f"botsing/{BLOK}/{BLOK}.ipynb",
        f"botsing/{BLOK}/timestamp.txt",
    ]
    assert f"dubbel_{BLOK}.ipynb: staat meer dan eens in de zip" in tekst
    assert f"link_{BLOK}.ipynb: een snelkoppeling (symlink)" in tekst
    assert "de naam is te lang; overgeslagen" in tekst
    assert f"x_{BLOK}.ipynb: kon niet worden uitgepakt" in tekst
    assert "Errno" not in tekst and "File name too long" not in tekst
    assert all(len(m) < 400 for m in verslag.meldingen)


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_map_met_symlinks_volgt_ze_niet(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Review 3a: in een mapimport werden symlinks gevolgd (het bronnotebook en /etc/passwd in submitted/)."""
    inbox = tmp_path / "inbox"
    (inbox / "eva" / BLOK).mkdir(parents=True)
    os.symlink(bron / BLOK / f"{BLOK}.ipynb", inbox / "eva" / BLOK / f"{BLOK}.ipynb")
    os.symlink("/etc/passwd", inbox / "eva" / BLOK / f"{BLOK}.antwoorden.json")
    (inbox / "echt" / BLOK).mkdir(parents=True)
    (inbox / "echt" / BLOK / f"{BLOK}.ipynb").write_text(NOTEBOOK, encoding="utf-8")
    os.symlink(inbox / "echt", inbox / "kees")  # een map als snelkoppeling
    verslag = lees_in(cohort=cohort, pad=inbox, bron=bron)
    assert _ingeleverd(cohort) == [f"echt/{BLOK}/{BLOK}.ipynb", f"echt/{BLOK}/timestamp.txt"]
    tekst = "\n".join(verslag.meldingen)
    assert f"eva/{BLOK}/{BLOK}.ipynb: een snelkoppeling (symlink), niet gevolgd" in tekst
    assert f"eva/{BLOK}/{BLOK}.antwoorden.json: een snelkoppeling (symlink), niet gevolgd" in tekst
    assert "kees: een snelkoppeling (symlink) naar een map, niet gevolgd" in tekst


CANVAS_LMS = r"(?P<deelnemer>[a-z0-9.-]+)(?:_late)?_\d+_\d+_(?P<blok>[^/_.]+)"
"""Een vierde naamvorm: de bulkdownload van Canvas LMS (``<login>[_LATE]_<nummer>_<nummer>_<bestandsnaam>``)."""


@pytest.mark.traag  # schrijft het cijferboek van nbgrader (alembic, enkele seconden)
def test_vierde_leeromgeving_werkt_met_alleen_instellingen(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Issue 10 §7: een andere naamgeving werkt met een patroon in de instellingen, zonder code te wijzigen."""
    inbox = tmp_path / "canvas"
    inbox.mkdir()
    (inbox / f"jansenj_12345_67890_{BLOK}.ipynb").write_text(NOTEBOOK, encoding="utf-8")
    (inbox / f"jansenj_12345_67891_{BLOK}.antwoorden.json").write_text(ANTWOORDEN, encoding="utf-8")
    (inbox / f"devriesa_LATE_222_333_{BLOK}.ipynb").write_text(NOTEBOOK, encoding="utf-8")

    zonder = lees_in(cohort=cohort, pad=inbox, bron=bron)
    assert _ingeleverd(cohort) == [], "de standaardpatronen herkennen deze namen niet"
    assert any("geen bruikbare deelnemer-id" in m for m in zonder.meldingen)

    config = Config()
    config.Inleveren.naampatronen = [CANVAS_LMS, *STANDAARD_PATRONEN]
    verslag = lees_in(cohort=cohort, pad=inbox, bron=bron, instellingen=Inleveren(config=config))
    assert _ingeleverd(cohort) == [
        f"devriesa/{BLOK}/{BLOK}.ipynb",
        f"devriesa/{BLOK}/timestamp.txt",
        f"jansenj/{BLOK}/{BLOK}.antwoorden.json",
        f"jansenj/{BLOK}/{BLOK}.ipynb",
        f"jansenj/{BLOK}/timestamp.txt",
    ]
    assert verslag.ingelezen == [f"devriesa, {BLOK}: ingelezen", f"jansenj, {BLOK}: ingelezen"]


def test_instellingen_uit_nbgrader_config(tmp_path: Path) -> None:
    """De trainer zet het patroon en de grenzen in nbgrader_config.py; de kit leest ze zoals nbgrader."""
    (tmp_path / "nbgrader_config.py").write_text(
        "from samenwerkingscode.cursus.inleveren import STANDAARD_PATRONEN\n"
        f"c.Inleveren.naampatronen = [{CANVAS_LMS!r}, *STANDAARD_PATRONEN]\n"
        "c.Inleveren.max_per_bestand = 1234\n",
        encoding="utf-8",
    )
    inst = inleverinstellingen(tmp_path)
    assert inst.naampatronen == [CANVAS_LMS, *STANDAARD_PATRONEN]
    assert inst.max_per_bestand == 1234
    (tmp_path / "nbgrader_config.py").write_text("c.Inleveren.max_per_bestand = (\n", encoding="utf-8")
    with pytest.raises(RegieFout, match="bevat een fout"):
        inleverinstellingen(tmp_path)
