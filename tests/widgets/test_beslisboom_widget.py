"""De beslisboom-widget (oefening 3a), bediend als deelnemer: klikken, terug, opnieuw, herstarten."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import beslisboom
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets.beslisboom import STANDAARD_OPGAVEN, BeslisboomWidget

OPGAVEN = {
    "graafwerk": "Graafwerk voor beekherstel uitvoeren",
    "hydrologie": "Kennis over hydrologie delen tussen terreinbeheerders",
    "vernatting": "Vernatting op landbouwgrond realiseren",
}
PNG_BEGIN = b"\x89PNG\r\n\x1a\n"


def _maak(map: Path, opgaven: dict[str, str] | None = None) -> BeslisboomWidget:
    return BeslisboomWidget(Antwoorden("blok3", map=map), "3a", opgaven or OPGAVEN)


def _op_schijf(map: Path) -> dict[str, Any]:
    """Wat er voor 3a echt in het bestand staat (niet wat de widget in het geheugen heeft)."""
    return json.loads((map / "blok3.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"]["3a"]


def _loop(w: BeslisboomWidget, antwoorden: list[str]) -> None:
    for a in antwoorden:
        w.knop(a).click()


def test_knoppen_dragen_de_labels_van_de_dia() -> None:
    """Staan op de knoppen de antwoordlabels uit het model, niet kaal 'ja'/'nee'?"""
    w = BeslisboomWidget(None, "3a", OPGAVEN)
    eerste = beslisboom.vragen()[0]
    assert [k.description for k in w.knoppen] == [o.label for o in eerste.opties]
    assert "Ja!" in [k.description for k in w.knoppen]
    assert eerste.vraag in w.vraag_weergave.value
    _loop(w, ["nee", "nee", "nee"])
    assert "Nee, daarvoor zal ik (ook) verplichtende afspraken moeten maken met een onzekere uitkomst" in [
        k.description for k in w.knoppen
    ]
    assert "uitwerking in deze cursuskit" in w.knop("ja").tooltip  # de ja-pijl hier staat niet op de dia
    assert "uitwerking" not in w.knop("nee").tooltip
    assert list(STANDAARD_OPGAVEN) == list(OPGAVEN)


def test_nee_vier_keer_en_ja_eindigt_bij_situaties_1_tot_6(tmp_path: Path) -> None:
    """Het pad van de dia's: nee ×4 + ja → 'Situaties 1 t/m 6?', en dat staat op schijf."""
    w = _maak(tmp_path)
    _loop(w, ["nee", "nee", "nee", "nee"])
    assert w.wandeling.volgende_vraag is not None and w.wandeling.volgende_vraag.id == "gezamenlijk_doel"
    assert "Nog geen uitkomst" in w.uitkomst_weergave.value
    w.knop("ja").click()
    assert w.wandeling.uitkomst is not None and w.wandeling.uitkomst.id == "situaties_1_6"
    assert "Situaties 1 t/m 6?" in w.uitkomst_weergave.value
    assert "Partnership" in w.uitkomst_weergave.value
    assert w.knoppen == []  # na een uitkomst valt er niets meer te antwoorden
    assert w.pad_weergave.value.count("<li>") == 5 + 1  # vijf antwoorden en de tussenstap
    assert "Gezamenlijk doel mogelijk?" in w.pad_weergave.value
    assert _op_schijf(tmp_path) == {
        "opgaven": {
            "graafwerk": {"antwoorden": ["nee", "nee", "nee", "nee", "ja"]},
            "hydrologie": {"antwoorden": []},
            "vernatting": {"antwoorden": []},
        },
        "actief": "graafwerk",
    }


def test_uitkomst_7_8_toont_de_acties(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    _loop(w, ["nee"] * 5)
    tekst = w.uitkomst_weergave.value
    for actie in ("Strategie of doelen bijstellen", "Realisatieplan heroverwegen", "Niet doen"):
        assert actie in tekst


def test_terug_en_opnieuw(tmp_path: Path) -> None:
    """Haalt Terug precies één antwoord weg, en Opnieuw alles, alleen voor deze opgave?"""
    w = _maak(tmp_path)
    assert w.knop_terug.disabled and w.knop_opnieuw.disabled
    _loop(w, ["nee", "ja"])
    assert w.wandeling.uitkomst is not None and w.wandeling.uitkomst.id == "eisen_netwerk"
    w.knop_terug.click()
    assert w.pad == ["nee"]
    assert _op_schijf(tmp_path)["opgaven"]["graafwerk"]["antwoorden"] == ["nee"]
    assert w.wandeling.volgende_vraag is not None and w.wandeling.volgende_vraag.id == "nodige_maken"
    assert "Nog geen uitkomst" in w.uitkomst_weergave.value

    w.opgave.value = "vernatting"
    _loop(w, ["nee", "nee"])
    w.knop_opnieuw.click()
    assert w.pad == []
    assert w.knop_terug.disabled
    opgaven = _op_schijf(tmp_path)["opgaven"]
    assert opgaven["vernatting"]["antwoorden"] == []
    assert opgaven["graafwerk"]["antwoorden"] == ["nee"]  # de andere opgave is niet aangeraakt


def test_dubbelklik_telt_als_een_antwoord(tmp_path: Path) -> None:
    """Een tweede klik op een knop die al vervangen is (snelle dubbelklik) voegt niets toe."""
    w = _maak(tmp_path)
    nee = w.knop("nee")
    nee.click()
    nee.click()
    assert w.pad == ["nee"]
    ja = w.knop("ja")
    ja.click()  # uitkomst Netwerk: er zijn geen knoppen meer
    ja.click()
    assert w.pad == ["nee", "ja"]
    assert _op_schijf(tmp_path)["opgaven"]["graafwerk"]["antwoorden"] == ["nee", "ja"]


def test_elke_opgave_houdt_haar_eigen_pad(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.knop("ja").click()
    w.opgave.value = "hydrologie"
    assert w.pad == []
    assert _op_schijf(tmp_path)["actief"] == "hydrologie"
    _loop(w, ["nee", "ja"])
    w.opgave.value = "graafwerk"
    assert w.pad == ["ja"]
    assert "Zelf doen" in w.uitkomst_weergave.value


def test_herstart_zet_opgave_en_paden_terug(tmp_path: Path) -> None:
    """Na een herstart (nieuw Antwoorden-object, nieuwe widget): dezelfde opgave, dezelfde paden."""
    w = _maak(tmp_path)
    _loop(w, ["nee", "nee", "ja"])
    w.opgave.value = "vernatting"
    _loop(w, ["nee", "nee", "nee", "nee"])
    oude_figuur = bytes(w.figuur.value)
    del w

    w2 = _maak(tmp_path)
    assert w2.opgave.value == "vernatting"
    assert w2.pad == ["nee", "nee", "nee", "nee"]
    gezamenlijk_doel = beslisboom.laad_beslisboom().knoop("gezamenlijk_doel")
    assert [k.description for k in w2.knoppen] == [o.label for o in gezamenlijk_doel.opties]
    assert bytes(w2.figuur.value) == oude_figuur
    w2.opgave.value = "graafwerk"
    assert w2.pad == ["nee", "nee", "ja"]
    assert "Contract-samenwerking" in w2.uitkomst_weergave.value


def test_figuur_is_een_png_die_met_het_pad_verandert(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    leeg = bytes(w.figuur.value)
    assert leeg.startswith(PNG_BEGIN)
    w.knop("nee").click()
    na_een = bytes(w.figuur.value)
    assert na_een.startswith(PNG_BEGIN) and na_een != leeg
    w.knop_terug.click()
    assert bytes(w.figuur.value) == leeg


def test_onbekende_opgaven_en_ongeldige_paden_in_het_bestand(tmp_path: Path) -> None:
    """Een pad dat niet meer bij de boom past wordt ingekort (met melding); onbekende opgaven blijven bewaard."""
    Antwoorden("blok3", map=tmp_path).schrijf(
        "3a",
        {
            "opgaven": {
                "graafwerk": {"antwoorden": ["nee", "ja", "nee"]},  # na de uitkomst 'Netwerk' kan niets meer
                "oud": {"antwoorden": ["ja"]},
            },
            "actief": "bestaat-niet",
        },
    )
    w = _maak(tmp_path)
    assert w.opgave.value == "graafwerk"
    assert w.pad == ["nee", "ja"]
    assert "veranderd" in w.meldingen.value
    w.knop_terug.click()
    assert _op_schijf(tmp_path)["opgaven"]["oud"] == {"antwoorden": ["ja"]}


def test_beschadigd_bestand_geeft_nederlandse_herstelmelding(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    _loop(w, ["nee"])
    _loop(w, ["ja"])  # tweede schrijfactie: nu is er een back-up met ['nee']
    bestand = tmp_path / "blok3.antwoorden.json"
    bestand.write_text('{"schema": 1, "oefeningen": {"3a": {"opga', encoding="utf-8")
    w2 = _maak(tmp_path)
    assert "beschadigd" in w2.meldingen.value
    assert "back-up" in w2.meldingen.value
    assert w2.pad == ["nee"]


def test_zonder_opslag_wordt_niets_geschreven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    w = BeslisboomWidget(None, "3a", OPGAVEN)
    _loop(w, ["nee", "nee", "nee", "nee", "ja"])
    w.opgave.value = "hydrologie"
    w.knop("ja").click()
    w.knop_opnieuw.click()
    assert "Voorbeeldweergave" in w.status.value
    assert list(tmp_path.iterdir()) == []


def test_lege_opgavenlijst_en_onbekend_antwoord() -> None:
    with pytest.raises(RegieFout, match="minstens één opgave"):
        BeslisboomWidget(None, "3a", {})
    w = BeslisboomWidget(None, "3a", OPGAVEN)
    _loop(w, ["ja"])
    with pytest.raises(RegieFout, match="geen knop"):
        w.knop("nee")
