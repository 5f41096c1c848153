"""Eén slecht antwoordbestand stopt het beoordelen van de groep niet (review §3b, a15 en a16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from testopdracht import BLOK, MODEL, PUNTEN_AUTOMATISCH, lever_in

from samenwerkingscode.cursus import beoordelen, uitdelen
from samenwerkingscode.cursus.inleveren import lees_in


@pytest.mark.traag  # maakt een cohort en beoordeelt drie inleveringen met nbgrader
def test_groot_getal_en_nan_stoppen_de_groep_niet(bron: Path, cohort: Path, tmp_path: Path) -> None:
    assert uitdelen.maak(cohort=cohort, bron=bron) == 0
    release = cohort / "release" / BLOK / f"{BLOK}.ipynb"
    inbox = tmp_path / "inbox"
    lever_in(
        release, inbox, "a15-groot", ruw_antwoordbestand='{"schema":1,"oefeningen":{"t1":{"n":' + "1" * 5000 + "}}}"
    )
    lever_in(release, inbox, "a16-nan", ruw_antwoordbestand='{"schema":1,"oefeningen":{"t1":{"x":NaN}}}')
    lever_in(release, inbox, "z99-eerlijk", antwoorden=MODEL)
    lees_in(cohort=cohort, pad=inbox, bron=bron)

    uitslagen = {u.deelnemer: u for u in beoordelen.beoordeel_alles(cohort=cohort, bron=bron, tijdslimiet=10)}
    assert sorted(uitslagen) == ["a15-groot", "a16-nan", "z99-eerlijk"], "iedereen is aan de beurt geweest"
    assert uitslagen["z99-eerlijk"].beoordeeld
    assert uitslagen["z99-eerlijk"].score == pytest.approx(sum(PUNTEN_AUTOMATISCH.values()))
    for slecht in ("a15-groot", "a16-nan"):
        tekst = " ".join(uitslagen[slecht].meldingen)
        assert "beschadigd" in tekst, tekst
        assert "1111111111" not in tekst, "de melding herhaalt het getal niet"
    tabel, code = beoordelen.samenvatting(list(uitslagen.values()))
    assert code == 1 and "a15-groot" in tabel and "z99-eerlijk" in tabel
