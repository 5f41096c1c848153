"""De widget Samenwerkingsvormen en de vingerafdrukken van de zelfcontrole."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import vormen as vormmodel
from samenwerkingscode.model.vormen import Samenwerkingsvorm
from samenwerkingscode.widgets.vormen import KLOPT, KLOPT_NIET, VormenWidget

RELATIES = ["provincie-aannemer", "bac", "provincie-terreinbeheerders"]
GOED = "contract_afstandelijk"  # alleen hier, in de test, staat het antwoord in platte tekst


def _zelfcontrole() -> dict[str, str]:
    return {"provincie-aannemer": nakijken.vingerafdruk("2a", "provincie-aannemer", GOED)}


def _maak(map: Path, casus: Path, **opties: Any) -> VormenWidget:
    opties.setdefault("relaties", RELATIES)
    opties.setdefault("zelfcontrole", _zelfcontrole())
    return VormenWidget(Antwoorden("blok2", map=map), "2a", casus, **opties)


def _bestand(map: Path) -> dict[str, Any]:
    return json.loads((map / "blok2.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"]["2a"]


def _teksten(w: widgets.Widget) -> list[str]:
    """Alle tekst die de widgetboom naar de browser stuurt (waarden, beschrijvingen, labels, tooltips)."""
    gevonden: list[str] = []
    for naam in w.keys:
        waarde = getattr(w, naam)
        if isinstance(waarde, str):
            gevonden.append(waarde)
        elif isinstance(waarde, tuple | list):
            for deel in waarde:
                if isinstance(deel, widgets.Widget):
                    gevonden += _teksten(deel)
                elif isinstance(deel, str):
                    gevonden.append(deel)
        elif isinstance(waarde, widgets.Widget):
            gevonden += _teksten(waarde)
    return gevonden


# --- vingerafdrukken -----------------------------------------------------------------------------


def test_vingerafdruk_is_sha256_van_zout_en_velden() -> None:
    verwacht = hashlib.sha256("\x1f".join([nakijken.ZOUT, "2a", "bac", "netwerk"]).encode()).hexdigest()
    assert nakijken.vingerafdruk("2a", "bac", "netwerk") == verwacht
    assert nakijken.vingerafdruk("2a", "bac", " Netwerk ") == verwacht  # genormaliseerd
    assert nakijken.vingerafdruk("2a", "bac", Samenwerkingsvorm.NETWERK) == verwacht
    assert nakijken.vingerafdruk("2a", "bac", "partnership") != verwacht
    assert nakijken.vingerafdruk("2a", "provincie-aannemer", "netwerk") != verwacht
    assert nakijken.vingerafdruk("2b", "bac", "netwerk") != verwacht
    assert "netwerk" not in verwacht and len(verwacht) == 64


def test_klopt_vergelijkt_zonder_het_antwoord_te_kennen() -> None:
    afdruk = nakijken.vingerafdruk("2a", "bac", "netwerk")
    assert nakijken.klopt(afdruk, "2a", "bac", "netwerk")
    assert nakijken.klopt(afdruk.upper(), "2a", "bac", "netwerk")
    assert not nakijken.klopt(afdruk, "2a", "bac", "partnership")
    assert not nakijken.klopt(afdruk, "2a", "bac", "")
    assert not nakijken.klopt(afdruk, "2a", "bac", None)


# --- opbouw --------------------------------------------------------------------------------------


def test_per_relatie_een_keuze_uit_de_vier_vormen(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, springendal_pad)
    assert list(w.keuzes) == RELATIES and list(w.motivaties) == RELATIES
    verwacht = [("— kies —", "")] + [(v.naam, v.sleutel.value) for v in vormmodel.classificeerbaar()]
    assert len(verwacht) == 5 and "zelf_doen" not in [waarde for _, waarde in verwacht]
    for keuze in w.keuzes.values():
        assert [tuple(optie) for optie in keuze.options] == verwacht
        assert keuze.value == ""
    teksten = " ".join(_teksten(w.widget))
    assert "Provincie ↔ aannemer van het graafwerk" in teksten
    assert "Bestuurlijke commissie van acht partijen" in teksten  # de omschrijving uit de casus


def test_kenmerken_van_de_gekozen_vorm(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, springendal_pad)
    assert "Kies een vorm" in w.kenmerken["bac"].value
    w.keuzes["bac"].value = "netwerk"
    for kenmerk in vormmodel.vorm("netwerk").kenmerken:
        assert kenmerk.replace("'", "&#x27;") in w.kenmerken["bac"].value
    w.keuzes["bac"].value = "partnership"
    assert vormmodel.vorm("partnership").kenmerken[0].replace("'", "&#x27;") in w.kenmerken["bac"].value
    assert vormmodel.vorm("netwerk").kenmerken[-1] not in w.kenmerken["bac"].value


# --- bewaren en herstarten -----------------------------------------------------------------------


def test_keuzes_en_motivaties_op_schijf_en_terug_na_herstart(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, springendal_pad)
    w.keuzes["bac"].value = "partnership"
    w.motivaties["bac"].value = "Acht partijen met een gezamenlijk doel."
    w.keuzes["provincie-aannemer"].value = "contract_diep"
    op_schijf = _bestand(tmp_path)
    assert op_schijf["keuzes"] == {"bac": "partnership", "provincie-aannemer": "contract_diep"}
    assert op_schijf["motivaties"]["bac"] == "Acht partijen met een gezamenlijk doel."

    w.keuzes["provincie-aannemer"].value = ""  # terug naar '— kies —'
    assert _bestand(tmp_path)["keuzes"] == {"bac": "partnership"}

    opnieuw = _maak(tmp_path, springendal_pad)
    assert opnieuw.keuzes["bac"].value == "partnership"
    assert opnieuw.keuzes["provincie-aannemer"].value == ""
    assert opnieuw.motivaties["bac"].value == "Acht partijen met een gezamenlijk doel."
    assert "Partnership" in opnieuw.kenmerken["bac"].value


def test_antwoorden_op_relaties_die_niet_getoond_worden_blijven_staan(tmp_path: Path, springendal_pad: Path) -> None:
    Antwoorden("blok2", map=tmp_path).schrijf(
        "2a", {"keuzes": {"gesprekstafel": "netwerk"}, "motivaties": {"gesprekstafel": "Eerder geschreven."}}
    )
    w = _maak(tmp_path, springendal_pad)
    w.keuzes["bac"].value = "netwerk"
    w.motivaties["bac"].value = "Nieuw."
    op_schijf = _bestand(tmp_path)
    assert op_schijf["keuzes"] == {"gesprekstafel": "netwerk", "bac": "netwerk"}
    assert op_schijf["motivaties"]["gesprekstafel"] == "Eerder geschreven."


# --- zelfcontrole --------------------------------------------------------------------------------


def test_zelfcontrole_zegt_klopt_of_klopt_nog_niet(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, springendal_pad)
    w.knop_controleer.click()
    assert "nog geen keuze" in w.uitslag.value
    w.keuzes["provincie-aannemer"].value = "contract_diep"
    w.knop_controleer.click()
    assert KLOPT_NIET in w.uitslag.value
    assert w.controleer() == {"provincie-aannemer": False}
    w.keuzes["provincie-aannemer"].value = GOED
    assert "opnieuw" in w.uitslag.value  # een oude uitslag blijft niet staan
    w.knop_controleer.click()
    assert f"Provincie ↔ aannemer van het graafwerk: {KLOPT}<" in w.uitslag.value
    assert KLOPT_NIET not in w.uitslag.value
    assert w.controleer() == {"provincie-aannemer": True}
    assert "1 van de 1" in w.uitslag.value
    assert "motivatie" in w.uitslag.value  # de relaties zonder zelfcontrole
    assert "bac" not in w.controleer()


def test_de_uitslag_verklapt_het_goede_antwoord_nooit(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, springendal_pad)
    goede_naam = vormmodel.vorm(GOED).naam
    for fout in ("netwerk", "contract_diep", "partnership"):
        w.keuzes["provincie-aannemer"].value = fout
        w.knop_controleer.click()
        assert KLOPT_NIET in w.uitslag.value
        for vorm in vormmodel.vormen():  # geen enkele vormnaam, dus ook niet de goede
            assert vorm.naam not in w.uitslag.value
            assert vorm.sleutel.value not in w.uitslag.value
        assert "afstandelijk" not in w.uitslag.value.lower()
    # De widget kreeg alleen de afdruk: geen tekst in de boom koppelt de relatie aan de goede vorm.
    assert set(w._zelfcontrole.values()) == {_zelfcontrole()["provincie-aannemer"]}
    for tekst in _teksten(w.widget):
        assert _zelfcontrole()["provincie-aannemer"] not in tekst
        assert not (goede_naam in tekst and ("klopt" in tekst or "goed" in tekst.lower()))


def test_zonder_zelfcontrole_geen_knop(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, springendal_pad, zelfcontrole=None)
    assert w.knop_controleer.layout.display == "none"
    w.knop_controleer.click()
    assert "geen zelfcontrole" in w.uitslag.value


# --- fouten, herstel, voorbeeldweergave ----------------------------------------------------------


def test_onbekende_relatie_wordt_gemeld(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, springendal_pad, relaties=["bac", "praktijknetwerk-bestaat-niet"])
    assert list(w.keuzes) == ["bac"]
    assert "praktijknetwerk-bestaat-niet" in w.meldingen.value


def test_zonder_casus_het_lopende_voorbeeld(tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "notebooks")
    w = VormenWidget(Antwoorden("blok2", map=tmp_path), relaties=["bac"])
    assert list(w.keuzes) == ["bac"] and w.meldingen.value == ""


def test_een_casus_die_niet_bestaat_geeft_een_melding(tmp_path: Path) -> None:
    w = VormenWidget(Antwoorden("blok2", map=tmp_path), "2a", tmp_path / "weg.yml")
    assert "weg.yml" in w.meldingen.value and w.keuzes == {}


def test_een_beschadigd_antwoordbestand_geeft_een_nederlandse_waarschuwing(
    tmp_path: Path, springendal_pad: Path
) -> None:
    (tmp_path / "blok2.antwoorden.json").write_bytes(b"\x00\x01kapot")
    w = _maak(tmp_path, springendal_pad)
    assert "beschadigd" in w.meldingen.value
    assert all(k.value == "" for k in w.keuzes.values())


def test_voorbeeldweergave_schrijft_nergens_iets(
    tmp_path: Path, springendal_pad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    w = VormenWidget(None, "2a", springendal_pad, relaties=RELATIES, zelfcontrole=_zelfcontrole())
    w.keuzes["bac"].value = "netwerk"
    w.motivaties["bac"].value = "tekst"
    w.knop_controleer.click()
    assert list(tmp_path.rglob("*")) == []
