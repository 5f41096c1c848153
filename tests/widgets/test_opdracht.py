"""Invulschermen uit de opdrachtdata: één regel in het notebook, dezelfde bouw in het boek, oefenen met uitwerking."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingscode import opdrachttekst
from samenwerkingscode.model import opdrachten
from samenwerkingscode.nakijken import controleer_opdracht
from samenwerkingscode.widgets import opdracht


def test_toon_zonder_opzet_geeft_nederlandse_fout() -> None:
    from samenwerkingscode.yamlbestand import RegieFout

    opdracht._stand.clear()
    with pytest.raises(RegieFout, match="Voer eerst de opzetcel"):
        opdracht.toon("1a")


@pytest.mark.parametrize("blok", [b.notebook for b in opdrachten.blokken()])
def test_elk_onderdeel_heeft_een_invulscherm(blok: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bouwt elk onderdeel van elk blok zijn invulscherm uit de data, in het notebook én in het boek?"""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REGIE_EIGEN_CASUS_MAP", str(tmp_path / "eigen"))
    opslag = opdracht.begin(blok)
    for o in opdrachten.blok(blok).onderdelen:
        assert opdracht.toon(o.sleutel).widget is not None
        assert opdracht.maak_widget(blok, o.sleutel, None).widget is not None
    assert opslag.pad.parent == tmp_path


def test_oefenen_toont_de_uitwerking_pas_na_een_klik(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    opdracht.begin("blok2")
    scherm = opdracht.toon("2o")
    assert isinstance(scherm, opdracht.MetUitwerking)
    assert scherm.uitvoer.value == ""
    scherm.knop.click()
    assert "Netwerk" in scherm.uitvoer.value and scherm.knop.layout.display == "none"


def test_uitwerking_in_het_boek_uitklapbaar_en_niet_in_het_notebook() -> None:
    blok, oef = opdrachten.oefening("3o")
    casus = opdrachten.laad_casusoefeningen()
    boek = opdrachttekst.oefening_markdown(blok, oef, casus, met_uitwerking=True)
    notebook = opdrachttekst.oefening_markdown(blok, oef, casus)
    assert ":class: dropdown" in boek and "zelf doen" in boek
    assert "zelf doen" not in notebook
    assert "oefenen, telt niet mee" in notebook


def test_oefenen_telt_niet_mee_bij_controleer_mijn_opdracht() -> None:
    rapport = controleer_opdracht("blok1", {"oefeningen": {}})
    assert [s.id for s in rapport.onderdelen] == ["1a", "1b"]


def test_elk_blok_heeft_een_oefenonderdeel_voor_het_beoordeelde_werk() -> None:
    """Oefenen vóór beoordelen: elk beoordeeld blok begint met een oefening met uitwerking."""
    for blok in opdrachten.blokken():
        if blok.beoordeeld:
            assert blok.oefeningen[0].oefenen, blok.id
