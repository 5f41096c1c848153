"""``regie cursus uitwisselen`` en ``regie cursus casusboek`` vanaf de opdrachtregel, met inleveringen per mail."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from testopdracht import antwoorden_document

from samenwerkingscode.cli import main

DEELNEMERS = {"an": True, "bo": True, "cas": False, "dee": True, "ed": None}


def _inlevering(cohort: Path, wie: str, delen: bool | None) -> None:
    map_ = cohort / "submitted" / wie / "eigen-casus"
    map_.mkdir(parents=True)
    oefeningen: dict = {"canvas": {"titel": f"Titel-{wie}", "velden": {"partijen": f"Partij van {wie}"}}}
    if delen is not None:
        oefeningen["delen"] = {"delen": delen, "met_naam": False}
    (map_ / "eigen-casus.antwoorden.json").write_text(
        json.dumps(antwoorden_document(oefeningen, notebook="eigen-casus")), encoding="utf-8"
    )


@pytest.mark.traag
def test_uitwisselen_en_casusboek_vanaf_de_opdrachtregel(
    tmp_path: Path, bron: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Vijf inleveringen (een weigert, een koos niets): alleen drie casussen gaan rond, de rest nergens heen."""
    monkeypatch.setenv("REGIE_BRON", str(bron))
    cohort = tmp_path / "cohort"
    for wie, delen in DEELNEMERS.items():
        _inlevering(cohort, wie, delen)
    assert main(["cursus", "uitwisselen", "--cohort", str(cohort), "--zaad", "3", "--k", "2"]) == 0
    uit = capsys.readouterr().out
    assert "3 gedeelde casus(sen), elk voor 2 lezer(s) (zaad 3)" in uit
    assert "Niet gedeeld (blijven bij de trainer): 2" in uit
    release = "\n".join(p.read_text(encoding="utf-8") for p in (cohort / "release").rglob("*.json"))
    assert "Titel-an" in release and "Titel-cas" not in release and "Titel-ed" not in release
    assert (cohort / "uitdelen" / "lezen-an.zip").is_file() or (cohort / "uitdelen" / "lezen-bo.zip").is_file()

    assert main(["cursus", "uitwisselen", "--cohort", str(cohort)]) == 0
    assert "Geen nieuwe leesopdrachten" in capsys.readouterr().out

    # An trekt het delen in: haar casus verdwijnt uit elke uitgave, zip en het casusboek.
    import shutil

    shutil.rmtree(cohort / "submitted" / "an")
    _inlevering(cohort, "an", False)
    assert main(["cursus", "uitwisselen", "--cohort", str(cohort)]) == 0
    assert "2 gedeelde casus(sen)" in capsys.readouterr().out
    for zip_pad in (cohort / "uitdelen").glob("lezen-*.zip"):
        with zipfile.ZipFile(zip_pad) as z:
            assert all(b"Titel-an" not in z.read(n) for n in z.namelist())
    release = "\n".join(p.read_text(encoding="utf-8") for p in (cohort / "release").rglob("*.json"))
    assert "Titel-an" not in release and "Titel-bo" in release

    assert main(["cursus", "uitwisselen", "--terug", "--cohort", str(cohort)]) == 0
    uit = capsys.readouterr().out
    assert "Nog 4 reactie(s) ontbreken" in uit
    assert (cohort / "uitwisselen" / "overzicht.html").is_file()

    assert main(["cursus", "casusboek", "--uit", "boek.html", "--cohort", str(cohort)]) == 0
    boek = (cohort / "boek.html").read_text(encoding="utf-8")
    assert boek.count("<section>") == 2 and "Titel-cas" not in boek and "Titel-ed" not in boek
    assert "Titel-an" not in boek
    assert main(["cursus", "casusboek", "--uit", "boek.docx", "--cohort", str(cohort)]) == 1
    assert ".pdf of .html" in capsys.readouterr().err
