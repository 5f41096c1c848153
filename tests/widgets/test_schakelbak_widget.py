"""De Schakelbak-widgets (oefeningen 4a en 4c), bediend als deelnemer: indelen, aanvinken, herstarten."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import schakelbak, vormen
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets.schakelbak import GEEN_KEUZE, KLOPT, KLOPT_NIET, SchakelbakWidget, VoorstellenWidget


def _op_schijf(map: Path, oefening: str) -> dict[str, Any]:
    return json.loads((map / "blok4.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"][oefening]


def _voorstellen(map: Path | None, **opties: Any) -> VoorstellenWidget:
    return VoorstellenWidget(Antwoorden("blok4", map=map) if map else None, "4a", **opties)


def _schakelbak(map: Path | None, **opties: Any) -> SchakelbakWidget:
    return SchakelbakWidget(Antwoorden("blok4", map=map) if map else None, "4c", **opties)


# --- 4a: trade-off of compromis --------------------------------------------------------------------


def test_voorstellen_tonen_doelen_en_feiten_uit_het_model() -> None:
    w = _voorstellen(None)
    ids = [v.id for v in schakelbak.voorstellen()]
    assert list(w.indeling) == ids
    tekst = _zichtbare_tekst(w)
    for v in schakelbak.voorstellen():
        assert v.titel in tekst
        for p in v.doelen.partijen:
            assert p.partij in tekst
    assert "Gezamenlijk doel" in tekst
    assert schakelbak.laad_schakelbak().trade_off.uitleg[:40] in tekst
    assert "uitwerking in deze cursuskit" in tekst


def test_voorstellen_verklappen_het_oordeel_niet() -> None:
    """Staat de uitleg van beoordeel_voorstel nergens in de weergave, ook niet na indelen?"""
    w = _voorstellen(None)
    for v in w.indeling.values():
        v.value = "trade_off"
    tekst = _zichtbare_tekst(w)
    for v in schakelbak.voorstellen():
        oordeel = schakelbak.beoordeel_voorstel(v)
        assert oordeel.uitleg not in tekst
    assert "Trade-off:" not in tekst and "Compromis:" not in tekst
    assert w.knop_controleer.layout.display == "none"  # zonder vingerafdrukken geen controleknop


def test_indelen_en_motiveren_staat_op_schijf_en_komt_terug(tmp_path: Path) -> None:
    w = _voorstellen(tmp_path)
    w.indeling["kernzone-kavelruil"].value = "trade_off"
    w.motivaties["kernzone-kavelruil"].value = "Het doel blijft heel en de agrariër krijgt grond terug."
    w.indeling["overal-half-peil"].value = "compromis"
    schijf = _op_schijf(tmp_path, "4a")
    assert schijf["indeling"] == {"kernzone-kavelruil": "trade_off", "overal-half-peil": "compromis"}
    assert schijf["motivaties"]["kernzone-kavelruil"] == "Het doel blijft heel en de agrariër krijgt grond terug."
    del w

    w2 = _voorstellen(tmp_path)
    assert w2.indeling["kernzone-kavelruil"].value == "trade_off"
    assert w2.indeling["overal-half-peil"].value == "compromis"
    assert w2.indeling["vrijwillige-percelen"].value is None
    assert w2.motivaties["kernzone-kavelruil"].value.startswith("Het doel blijft heel")


def test_zelfcontrole_met_vingerafdrukken_zegt_alleen_klopt(tmp_path: Path) -> None:
    """De controle vergelijkt afdrukken; de weergave bevat het goede antwoord niet als tekst."""
    goed = {v.id: schakelbak.beoordeel_voorstel(v).soort for v in schakelbak.voorstellen()}
    afdrukken = {vid: nakijken.vingerafdruk("4a", vid, soort) for vid, soort in goed.items()}
    w = _voorstellen(tmp_path, zelfcontrole=afdrukken)
    assert w.knop_controleer.layout.display != "none"
    eerste, tweede, derde = list(goed)
    w.indeling[eerste].value = goed[eerste]
    w.indeling[tweede].value = "trade_off" if goed[tweede] == "compromis" else "compromis"
    assert w.controleer() == {eerste: True, tweede: False, derde: None}
    w.knop_controleer.click()
    assert KLOPT in w.uitslag.value and KLOPT_NIET in w.uitslag.value
    assert "1 van de 3" in w.uitslag.value
    assert not any(afdruk in w.uitslag.value for afdruk in afdrukken.values())
    w.indeling[derde].value = "compromis"
    assert w.uitslag.value == ""  # een nieuwe keuze wist de oude uitslag


def test_onbekende_voorstellen_in_het_bestand_blijven_bewaard(tmp_path: Path) -> None:
    Antwoorden("blok4", map=tmp_path).schrijf(
        "4a", {"indeling": {"oud": "compromis", "kernzone-kavelruil": "misschien"}, "motivaties": {"oud": "tekst"}}
    )
    w = _voorstellen(tmp_path, voorstellen=["kernzone-kavelruil"])
    assert list(w.indeling) == ["kernzone-kavelruil"]
    assert w.indeling["kernzone-kavelruil"].value is None  # 'misschien' is geen indeling
    w.indeling["kernzone-kavelruil"].value = "trade_off"
    w.motivaties["kernzone-kavelruil"].value = "x"
    schijf = _op_schijf(tmp_path, "4a")
    assert schijf["indeling"] == {"oud": "compromis", "kernzone-kavelruil": "trade_off"}
    assert schijf["motivaties"] == {"oud": "tekst", "kernzone-kavelruil": "x"}
    with pytest.raises(RegieFout, match="Onbekend voorstel"):
        _voorstellen(None, voorstellen=["bestaat-niet"])


# --- 4c: schakelen ----------------------------------------------------------------------------------


def test_versnellingen_en_signalen_uit_het_model() -> None:
    w = _schakelbak(None)
    waarden = [waarde for _, waarde in w.huidige_vorm.options]
    assert waarden == [GEEN_KEUZE] + [v.sleutel.value for v in vormen.vormen()]
    assert list(w.signalen) == [s.sleutel for s in schakelbak.signalen()]
    for s in schakelbak.signalen():
        assert w.signalen[s.sleutel].description == s.label
    assert "Kies eerst de versnelling" in w.advies.value


def test_schakelbak_stelt_voor_wat_het_model_zegt(tmp_path: Path) -> None:
    """De weergave toont richting, doelvorm en interventies van stel_schakeling_voor, niets anders."""
    w = _schakelbak(tmp_path)
    w.huidige_vorm.value = "netwerk"
    assert "In deze versnelling blijven" in w.advies.value  # nog geen signalen
    w.signalen["bijdragen_niet_gezekerd"].value = True
    verwacht = schakelbak.stel_schakeling_voor("netwerk", ["bijdragen_niet_gezekerd"])
    assert verwacht.richting == "op"
    assert "Opschakelen" in w.advies.value
    assert vormen.naam(verwacht.naar_vorm) in w.advies.value
    for interventie in verwacht.interventies:
        assert interventie in w.advies.value
    w.signalen["geen_gezamenlijk_doel"].value = True  # een stap terug heeft voorrang
    assert "Stap terug" in w.advies.value
    assert "geen versnelling" in w.advies.value
    assert _op_schijf(tmp_path, "4c") == {
        "huidige_vorm": "netwerk",
        "signalen": ["bijdragen_niet_gezekerd", "geen_gezamenlijk_doel"],
    }


def test_eigen_interventie_en_herstart(tmp_path: Path) -> None:
    w = _schakelbak(tmp_path)
    w.huidige_vorm.value = "partnership"
    w.signalen["energie_onevenredig"].value = True
    w.signalen["rolconflict"].value = True
    w.signalen["rolconflict"].value = False
    w.tekst.value = "Ik stel voor het graafwerk gewoon aan te besteden."
    assert _op_schijf(tmp_path, "4c") == {
        "huidige_vorm": "partnership",
        "signalen": ["energie_onevenredig"],
        "tekst": "Ik stel voor het graafwerk gewoon aan te besteden.",
    }
    advies = w.advies.value
    del w

    w2 = _schakelbak(tmp_path)
    assert w2.huidige_vorm.value == "partnership"
    assert w2.gekozen_signalen() == ["energie_onevenredig"]
    assert not w2.signalen["rolconflict"].value
    assert w2.tekst.value.startswith("Ik stel voor")
    assert w2.advies.value == advies
    assert "Terugschakelen" in advies
    w2.huidige_vorm.value = GEEN_KEUZE
    assert _op_schijf(tmp_path, "4c")["huidige_vorm"] is None


def test_beperkte_vormen_en_onbekende_waarden(tmp_path: Path) -> None:
    Antwoorden("blok4", map=tmp_path).schrijf(
        "4c", {"huidige_vorm": "zelf_doen", "signalen": ["bestaat_niet", "rolconflict"], "tekst": 5}
    )
    w = _schakelbak(tmp_path, vormen=["netwerk", "partnership"])
    assert w.huidige_vorm.value == GEEN_KEUZE  # zelf doen staat hier niet tussen
    assert w.gekozen_signalen() == ["rolconflict"]
    assert w.tekst.value == ""
    with pytest.raises(RegieFout, match="Onbekende samenwerkingsvorm"):
        _schakelbak(None, vormen=["alles"])


# --- gemeenschappelijk ------------------------------------------------------------------------------


def test_beschadigd_bestand_geeft_nederlandse_herstelmelding(tmp_path: Path) -> None:
    w = _schakelbak(tmp_path)
    w.huidige_vorm.value = "netwerk"
    w.tekst.value = "eerste versie"
    (tmp_path / "blok4.antwoorden.json").write_text("{ afgebroken", encoding="utf-8")
    w2 = _schakelbak(tmp_path)
    assert "beschadigd" in w2.meldingen.value and "back-up" in w2.meldingen.value
    assert w2.huidige_vorm.value == "netwerk"
    v = _voorstellen(tmp_path)
    assert "beschadigd" in v.meldingen.value


def test_zonder_opslag_wordt_niets_geschreven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = _schakelbak(None)
    s.huidige_vorm.value = "netwerk"
    s.signalen["rolconflict"].value = True
    s.tekst.value = "x"
    v = _voorstellen(None)
    v.indeling["kernzone-kavelruil"].value = "compromis"
    v.motivaties["kernzone-kavelruil"].value = "y"
    assert "Voorbeeldweergave" in s.status.value and "Voorbeeldweergave" in v.status.value
    assert "Blijf in de versnelling" in s.advies.value
    assert list(tmp_path.iterdir()) == []


def _zichtbare_tekst(w: Any) -> str:
    """Alle teksten (HTML, labels) die de weergave toont, als één tekenreeks."""
    return " ".join(c.value for c in _alle_kinderen(w.widget) if isinstance(getattr(c, "value", None), str))


def _alle_kinderen(widget: Any) -> list[Any]:
    """Alle widgets in de boom onder ``widget`` (om te zoeken wat een deelnemer te zien krijgt)."""
    uit = [widget]
    for kind in getattr(widget, "children", ()):
        uit.extend(_alle_kinderen(kind))
    return uit
