"""De uitwisseling van nbgrader zoals op een JupyterHub: release → fetch → submit → collect → beoordelen.

Elke deelnemer heeft een eigen thuismap; alle processen delen één tijdelijke uitwisselmap
(``Exchange.root``). De deelnemers werken hier als dezelfde gebruiker van het besturingssysteem,
daarom krijgen ze een expliciete ``CourseDirectory.student_id``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from testopdracht import BLOK, DEELS, MODEL, antwoorden_document

from samenwerkingscode.cursus import beoordelen, koppeling, uitdelen
from samenwerkingscode.cursus.cursusmap import CURSUS_ID, cursusmap

pytestmark = [
    pytest.mark.traag,
    pytest.mark.skipif(sys.platform == "win32", reason="de uitwisseling van nbgrader werkt niet op Windows"),
]


def _deelnemer(exchange: Path, thuis: Path, deelnemer: str) -> dict[str, Any]:
    """De nbgrader-onderdelen zoals ze in de JupyterLab van één deelnemer draaien."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config import Config

    cfg = Config()
    cfg.CourseDirectory.course_id = CURSUS_ID
    cfg.CourseDirectory.root = str(thuis)
    cfg.CourseDirectory.student_id = deelnemer
    cfg.CourseDirectory.assignment_id = BLOK
    cfg.Exchange.root = str(exchange)
    cfg.Exchange.assignment_dir = str(thuis)
    coursedir = CourseDirectory(config=cfg)
    return {
        "factory": ExchangeFactory(config=cfg),
        "coursedir": coursedir,
        "authenticator": Authenticator(config=cfg),
        "config": cfg,
    }


def _start(soort: str, omgeving: dict[str, Any]) -> None:
    klasse = getattr(omgeving["factory"], soort)
    app = klasse(coursedir=omgeving["coursedir"], authenticator=omgeving["authenticator"], config=omgeving["config"])
    app.start()


def test_rondgang_via_de_uitwisseling(bron: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drie deelnemers halen op en leveren in; de trainer verzamelt en beoordeelt ze allemaal."""
    exchange = tmp_path / "exchange"
    monkeypatch.setenv("REGIE_EXCHANGE", str(exchange))
    cohort = tmp_path / "cohort"
    map_ = cursusmap(cohort, bron)
    assert map_.exchange == exchange

    # Trainer: deelnemersversie maken en vrijgeven.
    assert uitdelen.maak(cohort=cohort, blok=1, bron=bron) == 0
    api = koppeling.maak_api(map_)
    resultaat = api.release_assignment(BLOK)
    assert resultaat["success"], resultaat.get("error")
    assert (exchange / CURSUS_ID / "outbound" / BLOK / f"{BLOK}.ipynb").is_file()

    # Deelnemers: ophalen, invullen (het antwoordbestand), inleveren.
    antwoorden = {"anna": MODEL, "bram": DEELS, "chris": None}
    for deelnemer, ingevuld in antwoorden.items():
        thuis = tmp_path / "thuis" / deelnemer
        thuis.mkdir(parents=True)
        omgeving = _deelnemer(exchange, thuis, deelnemer)
        _start("FetchAssignment", omgeving)
        opgehaald = thuis / BLOK / f"{BLOK}.ipynb"
        assert opgehaald.is_file()
        assert "BEGIN HIDDEN TESTS" not in opgehaald.read_text(encoding="utf-8")
        if ingevuld is not None:
            (thuis / BLOK / f"{BLOK}.antwoorden.json").write_text(
                json.dumps(antwoorden_document(ingevuld)), encoding="utf-8"
            )
        _start("Submit", omgeving)
    inbound = sorted(p.name.split("+")[0] for p in (exchange / CURSUS_ID / "inbound").iterdir())
    assert inbound == ["anna", "bram", "chris"]

    # Trainer: verzamelen en beoordelen.
    resultaat = api.collect(BLOK)
    assert resultaat["success"], resultaat.get("error")
    for deelnemer in antwoorden:
        assert (cohort / "submitted" / deelnemer / BLOK / "timestamp.txt").is_file()
    uitslagen = {u.deelnemer: u for u in beoordelen.beoordeel_alles(cohort=cohort, bron=bron, tijdslimiet=30)}
    assert {d: u.beoordeeld for d, u in uitslagen.items()} == {"anna": True, "bram": True, "chris": True}
    assert uitslagen["anna"].score == 6.0
    assert uitslagen["bram"].score == 2.0
    assert uitslagen["chris"].score == 0.0
