"""Fixtures voor de tests van de trainersworkflow; de testopdracht zelf staat in ``testopdracht.py``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testopdracht import BLOK, MODEL, Rondgang, antwoorden_document, maak_bron, maak_inbox


@pytest.fixture
def bron(tmp_path: Path) -> Path:
    return maak_bron(tmp_path / "notebooks")


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    return tmp_path / "cohort"


@pytest.fixture(scope="session")
def rondgang(tmp_path_factory: pytest.TempPathFactory) -> Rondgang:
    """maak → importeer → beoordeel → feedback op een tijdelijk cohort met alle gevallen."""
    from samenwerkingscode.cursus import beoordelen, feedback, uitdelen
    from samenwerkingscode.cursus.inleveren import importeer

    basis = tmp_path_factory.mktemp("rondgang")
    bron_map = maak_bron(basis / "notebooks")
    # De trainer draaide het bronnotebook zelf: een antwoordbestand met modelantwoorden in de bron.
    (bron_map / BLOK / f"{BLOK}.antwoorden.json").write_text(json.dumps(antwoorden_document(MODEL)), encoding="utf-8")
    cohort_map = basis / "cohort"
    assert uitdelen.maak(cohort=cohort_map, bron=bron_map) == 0
    inbox = basis / "inbox"
    maak_inbox(cohort_map / "release" / BLOK / f"{BLOK}.ipynb", inbox)
    importcode = importeer(cohort=cohort_map, pad=inbox, bron=bron_map)
    lijst = beoordelen.beoordeel_alles(cohort=cohort_map, bron=bron_map, tijdslimiet=5)
    tekst, code = beoordelen.samenvatting(lijst)
    feedbackcode = feedback.feedback(cohort=cohort_map, bron=bron_map)
    return Rondgang(
        bron=bron_map,
        cohort=cohort_map,
        inbox=inbox,
        uitslagen={u.deelnemer: u for u in lijst},
        importcode=importcode,
        feedbackcode=feedbackcode,
        samenvatting=tekst,
        beoordeelcode=code,
    )
