"""Elke subopdracht van ``regie cursus`` echt, als proces: maak, importeer, beoordeel, feedback, cijfers, overzicht.

Geen nepmodule: ``regie`` draait zoals een trainer hem draait, vanuit een andere map dan de kit, met de
cohortmap uit ``REGIE_COHORT`` (zonder ``--cohort``) en de bron uit ``REGIE_BRON``.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from testopdracht import BLOK, DEELS, MODEL, lever_in

pytestmark = pytest.mark.traag

REGIE = Path(sys.executable).with_name("regie")


def _regie(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(REGIE), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_alle_subopdrachten_vanuit_een_andere_map(bron: Path, cohort: Path, tmp_path: Path) -> None:
    elders = tmp_path / "elders"
    elders.mkdir()
    env = {**os.environ, "REGIE_COHORT": str(cohort), "REGIE_BRON": str(bron), "REGIE_TIJDSLIMIET": "10"}

    uit = _regie("cursus", "maak", cwd=elders, env=env)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    release = cohort / "release" / BLOK / f"{BLOK}.ipynb"
    assert release.is_file() and (cohort / "uitdelen" / f"{BLOK}.zip").is_file()
    assert not (elders / "cohort").exists(), "REGIE_COHORT geldt vanuit elke werkmap"

    inbox = tmp_path / "inbox"
    lever_in(release, inbox, "anna", antwoorden=MODEL)
    lever_in(release, inbox, "bram", antwoorden=DEELS)
    lever_in(release, inbox, "cas", antwoorden={})  # ingeleverd, maar niets ingevuld
    zip_pad = tmp_path / "inleveringen.zip"
    with zipfile.ZipFile(zip_pad, "w") as z:
        for pad in inbox.rglob("*"):
            if pad.is_file():
                z.write(pad, pad.relative_to(inbox).as_posix())
    uit = _regie("cursus", "importeer", str(zip_pad), cwd=elders, env=env)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert {p.name for p in (cohort / "submitted").iterdir()} == {"anna", "bram", "cas"}

    uit = _regie("cursus", "beoordeel", "1", "--parallel", "2", cwd=elders, env=env)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "anna" in uit.stdout and "nakijken mislukt" not in uit.stdout

    uit = _regie("cursus", "feedback", cwd=elders, env=env)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert (cohort / "feedback" / "anna" / BLOK / f"{BLOK}.html").is_file()

    cijfers = tmp_path / "cijfers.csv"
    uit = _regie("cursus", "cijfers", "--uit", str(cijfers), cwd=elders, env=env)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    rijen = list(csv.DictReader(cijfers.open(encoding="utf-8")))
    per = {(r["deelnemer"], r["onderdeel"]): r for r in rijen}
    assert float(per[("anna", "test_canvas")]["score"]) == 3.0
    assert float(per[("cas", "test_canvas")]["score"]) == 0.0
    assert per[("anna", "reflectie_taak")]["status"] == "nog te beoordelen"

    overzicht = tmp_path / "overzicht.png"
    uit = _regie("cursus", "overzicht", "--uit", str(overzicht), cwd=elders, env=env)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert overzicht.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_onbekend_blok_geeft_nederlandse_fout_zonder_traceback(tmp_path: Path) -> None:
    uit = _regie("cursus", "beoordeel", "9", cwd=tmp_path, env=dict(os.environ))
    assert uit.returncode == 2
    assert "een blok is" in uit.stderr and "Traceback" not in uit.stderr


def test_een_instelling_kiest_de_casus_van_de_cursus(tmp_path: Path) -> None:
    """Met alleen REGIE_CASUS=tongelreep maakt regie de bron én de deelnemersversies voor Tongelreep."""
    cohort = tmp_path / "groep"
    env = {k: v for k, v in os.environ.items() if k not in ("REGIE_BRON", "REGIE_COHORT")}
    env.update(REGIE_CASUS="tongelreep", REGIE_COHORT=str(cohort))
    uit = _regie("cursus", "maak", "2", cwd=tmp_path, env=env)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    bron = (cohort / "bron" / "blok2" / "blok2.ipynb").read_text(encoding="utf-8")
    assert 'casus=\\"tongelreep\\"' in bron and "waterschap-van-beers" in bron
    deelnemer = (cohort / "release" / "blok2" / "blok2.ipynb").read_text(encoding="utf-8")
    assert "Tongelreep" in deelnemer and "Springendal" not in deelnemer
    assert "contract_afstandelijk" not in deelnemer and "verwacht=" not in deelnemer, "geen sleutels bij deelnemers"
