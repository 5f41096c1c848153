"""De toets-widget (oefening 4b), bediend als deelnemer: scoren per moment, wisselen, herstarten."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import toets
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets.toets import GEEN_SCORE, ToetsWidget

PNG_BEGIN = b"\x89PNG\r\n\x1a\n"


def _maak(map: Path, oefening: str = "4b", **opties: Any) -> ToetsWidget:
    return ToetsWidget(Antwoorden("blok4", map=map), oefening, **opties)


def _op_schijf(map: Path) -> dict[str, Any]:
    return json.loads((map / "blok4.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"]["4b"]


def test_deelvragen_gegroepeerd_met_de_schaal_uit_het_model() -> None:
    """Is er per deelvraag een keuze, met de Nederlandse labels van de toetsschaal?"""
    w = ToetsWidget(None)
    assert list(w.keuzes) == toets.deelvraag_sleutels()
    labels = [label for label, _ in w.keuzes["kan_mandaat"].options]
    for waarde in toets.schaal():
        assert waarde.label in labels
    assert w.moment.options == ("2019", "2021", "2023")
    tekst = w.vragen.children[0].children  # de keuzelijsten van het eerste moment, per toetsvraag een groep
    koppen = " ".join(getattr(c.children[0], "value", "") for c in tekst if hasattr(c, "children") and c.children)
    for t in toets.toetsvragen():
        assert t.vraag in koppen


def test_scoren_komt_per_moment_op_schijf(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.keuzes["kan_mandaat"].value = "niet_geregeld"
    w.keuzes["kan_partijen"].value = "deels"
    assert _op_schijf(tmp_path) == {
        "momenten": {"2019": {"kan_mandaat": "niet_geregeld", "kan_partijen": "deels"}, "2021": {}, "2023": {}},
        "actief": "2019",
    }
    w.moment.value = "2023"
    assert w.keuzes["kan_mandaat"].value == GEEN_SCORE  # een ander moment begint leeg
    w.keuzes["kan_mandaat"].value = "volledig"
    w.keuzes["kan_partijen"].value = "deels"
    w.keuzes["kan_partijen"].value = GEEN_SCORE  # weer leeg gemaakt: niet meer in het bestand
    schijf = _op_schijf(tmp_path)
    assert schijf["actief"] == "2023"
    assert schijf["momenten"]["2023"] == {"kan_mandaat": "volledig"}
    assert schijf["momenten"]["2019"] == {"kan_mandaat": "niet_geregeld", "kan_partijen": "deels"}
    w.moment.value = "2019"
    assert w.keuzes["kan_mandaat"].value == "niet_geregeld"
    assert _op_schijf(tmp_path)["momenten"]["2019"] == {"kan_mandaat": "niet_geregeld", "kan_partijen": "deels"}


def test_uitslag_noemt_score_zwakste_trede_en_stap_terug(tmp_path: Path) -> None:
    """De uitslag komt uit toets.scoor: score per trede, de zwakste trede en 'Stap terug naar …'."""
    w = _maak(tmp_path)
    for sleutel in toets.deelvraag_sleutels():
        w.keuzes[sleutel].value = "volledig"
    assert "Alle gescoorde toetsvragen halen hun drempel" in w.uitslag.value
    for t in toets.toetsvragen():
        if t.sleutel == "werkt":
            for d in t.deelvragen:
                w.keuzes[d.sleutel].value = "niet_geregeld"
    uitslag = toets.scoor(w.scores())
    assert uitslag.zwakste_trede == "werkt"
    assert "Stap terug naar trede 3" in w.uitslag.value
    assert "0%" in w.uitslag.value and "100%" in w.uitslag.value
    assert "stap terug naar deze trede" in w.uitslag.value
    assert uitslag.advies.split(".")[0] in w.uitslag.value


def test_figuur_vergelijkt_momenten_en_verandert_met_de_scores(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    leeg = bytes(w.figuur.value)
    assert leeg == b""  # nog niets gescoord: geen lege grafiek
    w.keuzes["levert_balans"].value = "deels"
    gescoord = bytes(w.figuur.value)
    assert gescoord.startswith(PNG_BEGIN) and gescoord != leeg
    w.moment.value = "2021"  # ander moment, dezelfde scores: dezelfde figuur
    assert bytes(w.figuur.value) == gescoord


def test_herstart_zet_moment_en_scores_terug(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.keuzes["kan_budget"].value = "deels"
    w.moment.value = "2021"
    w.keuzes["klopt_vorm"].value = "niet_van_toepassing"
    w.keuzes["werkt_energie"].value = "niet_geregeld"
    del w

    w2 = _maak(tmp_path)
    assert w2.moment.value == "2021"
    assert w2.keuzes["klopt_vorm"].value == "niet_van_toepassing"
    assert w2.keuzes["werkt_energie"].value == "niet_geregeld"
    assert w2.keuzes["kan_budget"].value == GEEN_SCORE
    assert "Uitslag voor 2021" in w2.uitslag.value
    w2.moment.value = "2019"
    assert w2.keuzes["kan_budget"].value == "deels"
    assert w2.scores("2021") == {"klopt_vorm": "niet_van_toepassing", "werkt_energie": "niet_geregeld"}


def test_onbekende_waarden_worden_genegeerd_en_onbekende_momenten_bewaard(tmp_path: Path) -> None:
    Antwoorden("blok4", map=tmp_path).schrijf(
        "4b",
        {
            "momenten": {
                "2019": {"kan_mandaat": "heel_goed", "bestaat_niet": "deels", "kan_budget": "deels"},
                "2015": {"x": 1},
            },
            "actief": "2015",
        },
    )
    w = _maak(tmp_path)
    assert w.moment.value == "2019"
    assert w.scores() == {"kan_budget": "deels"}
    w.keuzes["kan_rollen"].value = "volledig"
    schijf = _op_schijf(tmp_path)
    assert schijf["momenten"]["2015"] == {"x": 1}
    assert schijf["momenten"]["2019"] == {"kan_budget": "deels", "kan_rollen": "volledig"}


def test_toelichting_per_moment_en_eigen_momenten(tmp_path: Path) -> None:
    w = _maak(
        tmp_path, oefening="5a_toets", momenten=["nu", "over een jaar"], toelichting={"nu": "Je eigen casus vandaag."}
    )
    assert "Je eigen casus vandaag." in w.moment_toelichting.value
    w.moment.value = "over een jaar"
    assert w.moment_toelichting.value == ""
    opgeslagen = json.loads((tmp_path / "blok4.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"]
    assert opgeslagen["5a_toets"]["actief"] == "over een jaar"
    with pytest.raises(RegieFout, match="minstens één moment"):
        ToetsWidget(None, momenten=[])


def test_beschadigd_bestand_geeft_nederlandse_herstelmelding(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.keuzes["kan_mandaat"].value = "deels"
    w.keuzes["kan_budget"].value = "deels"
    (tmp_path / "blok4.antwoorden.json").write_bytes(b"\x00\x01 kapot")
    w2 = _maak(tmp_path)
    assert "beschadigd" in w2.meldingen.value
    assert w2.scores() == {"kan_mandaat": "deels"}  # de back-up: de versie vóór de laatste schrijfactie


def test_zonder_opslag_wordt_niets_geschreven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    w = ToetsWidget(None)
    w.keuzes["kan_mandaat"].value = "volledig"
    w.moment.value = "2023"
    assert "Voorbeeldweergave" in w.status.value
    assert list(tmp_path.iterdir()) == []


def test_geen_figuren_tijdens_het_beoordelen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGIE_ZONDER_FIGUREN", "1")
    w = _maak(tmp_path)
    w.keuzes["levert_balans"].value = "deels"
    assert bytes(w.figuur.value) == b""
    assert Antwoorden("blok4", tmp_path).lees("4b")["momenten"]["2019"] == {"levert_balans": "deels"}


def test_figuur_komt_na_een_herstart_uit_de_schijfcache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("REGIE_CACHE", str(cache))
    w = _maak(tmp_path)
    w.keuzes["kan_budget"].value = "volledig"
    eerste = bytes(w.figuur.value)
    bestanden = list(cache.glob("toets-*.png"))
    assert len(bestanden) == 1 and bestanden[0].read_bytes() == eerste
    bestanden[0].write_bytes(PNG_BEGIN + b"uit-de-cache")
    assert bytes(_maak(tmp_path).figuur.value) == PNG_BEGIN + b"uit-de-cache"


def test_een_moment_wordt_pas_opgebouwd_als_het_getoond_wordt(tmp_path: Path) -> None:
    """Run All bouwt alleen het actieve moment; de rest komt bij het eerste wisselen, met de bewaarde scores."""
    w = _maak(tmp_path)
    w.keuzes["kan_mandaat"].value = "deels"
    w.moment.value = "2021"
    w.keuzes["kan_partijen"].value = "volledig"
    w.moment.value = "2021"
    # Herstart: het bewaarde actieve moment (2021) wordt opgebouwd, de andere nog niet.
    opnieuw = _maak(tmp_path)
    assert set(opnieuw.keuzes_per_moment) == {"2021"}
    wachtregels = [c for i, c in enumerate(opnieuw.vragen.children) if i != 1]
    assert all("worden geladen" in c.value for c in wachtregels)
    assert opnieuw.vragen.selected_index == 1
    assert opnieuw.keuzes["kan_partijen"].value == "volledig"
    opnieuw.moment.value = "2019"  # pas nu opgebouwd, met de score van vóór de herstart
    assert set(opnieuw.keuzes_per_moment) == {"2019", "2021"}
    assert opnieuw.vragen.selected_index == 0
    assert opnieuw.keuzes["kan_mandaat"].value == "deels"
    assert "worden geladen" not in getattr(opnieuw.vragen.children[0], "value", "")
    assert _op_schijf(tmp_path)["momenten"]["2019"] == {"kan_mandaat": "deels"}  # opbouwen bewaart niets extra


def test_in_het_boek_staan_alle_momenten_meteen_klaar() -> None:
    """De boekweergave (zonder opslag) is statische HTML: wisselen van moment gebeurt daar zonder kernel."""
    w = ToetsWidget(None)
    assert set(w.keuzes_per_moment) == set(w.momenten)
    assert not any("worden geladen" in getattr(c, "value", "") for c in w.vragen.children)
    assert all(len(keuzes) == len(toets.deelvraag_sleutels()) for keuzes in w.keuzes_per_moment.values())
