"""De partnershiptypologie: inhoud uit de data, vervangbaar modelbestand, Nederlandse fouten."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from samenwerkingscode.model import MODEL_MAP, typologie
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout

# Deze tests leggen de uitwerking van de kit vast (situaties, namen, herkomst): vervang je de typologie,
# dan draai je ze niet (-m "not inhoud_kit"); de gedragstests staan in tests/test_model_vervangbaar.py.
pytestmark = pytest.mark.inhoud_kit

CANVAS = {
    "partijen",
    "bijdragen",
    "doelen",
    "risicos",
    "regels",
    "besluitvorming",
    "operatie",
    "levenscyclus",
    "investeringen_opbrengsten",
}
BRON = MODEL_MAP / "typologie.yml"


@pytest.fixture(autouse=True)
def _geen_eigen_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIE_MODEL_MAP", raising=False)


def _eigen_kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, oud: str, nieuw: str, aantal: int = 1) -> Path:
    """Kopieer het modelbestand naar een eigen map, met één tekstuele wijziging, en wijs die map aan."""
    tekst = BRON.read_text(encoding="utf-8")
    assert oud in tekst, f"testopzet: {oud!r} staat niet in het modelbestand"
    pad = tmp_path / "typologie.yml"
    pad.write_text(tekst.replace(oud, nieuw, aantal), encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    return pad


def test_acht_situaties_op_nummer() -> None:
    assert [s.nummer for s in typologie.situaties()] == list(range(1, 9))


def test_een_tot_zes_mogelijk_zeven_acht_niet() -> None:
    assert [n for n in range(1, 9) if typologie.partnership_mogelijk(n)] == [1, 2, 3, 4, 5, 6]
    assert typologie.partnership_mogelijk(7) is False
    assert typologie.partnership_mogelijk(8) is False
    assert typologie.mogelijke_situaties() == [1, 2, 3, 4, 5, 6]


def test_mogelijk_komt_uit_de_data() -> None:
    ruw = yaml.safe_load(BRON.read_text(encoding="utf-8"))
    uit_data = {s["nummer"]: s["partnership_mogelijk"] for s in ruw["situaties"]}
    assert {n: typologie.partnership_mogelijk(n) for n in range(1, 9)} == uit_data


def test_inhoud_is_uitgewerkt_en_gemarkeerd() -> None:
    model = typologie.laad_typologie()
    assert model.herkomst == "kit"
    assert model.term == "Partnershiptypologie"
    assert "uitwerking in deze cursuskit" in model.toelichting.lower()
    assert "niet de definitie" in model.toelichting
    for s in typologie.situaties():
        assert s.herkomst == "kit"
        assert len(s.herkennen) >= 3, s.nummer
        assert len(s.ontwerp) >= 3, s.nummer
        assert set(s.belangrijke_velden) <= CANVAS
        assert len(s.risico) > 40
        assert s.naam and s.doelrelatie


def test_springendal_voorbeelden_zijn_gelabeld_en_hebben_bron() -> None:
    for s in typologie.situaties():
        if s.springendal is None:
            continue
        assert "Oordeel van de kit" in s.springendal, s.nummer
        assert s.bronnen, f"situatie {s.nummer} noemt feiten zonder bronadres"
        assert all(b.startswith("https://") for b in s.bronnen)
        assert "€" not in s.springendal and "miljoen" not in s.springendal


def test_zeven_en_acht_sturen_naar_stap_terug() -> None:
    zeven = typologie.situatie(7)
    assert any("stap terug" in regel.lower() for regel in zeven.ontwerp)
    assert "doelen" in zeven.belangrijke_velden
    assert "mandaat" in typologie.situatie(8).doelrelatie


def test_situatie_als_tekstnummer() -> None:
    assert typologie.situatie("3").nummer == 3


@pytest.mark.parametrize("onbekend", [0, 9, -1, "negen", None, True])
def test_onbekende_situatie_geeft_nederlandse_fout(onbekend: object) -> None:
    with pytest.raises(RegieFout, match=r"bestaat niet in de partnershiptypologie; kies een nummer van 1 tot en met 8"):
        typologie.situatie(onbekend)  # type: ignore[arg-type]


def test_vervangen_modelbestand_verandert_de_uitkomst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert typologie.partnership_mogelijk(6) is True
    tekst = BRON.read_text(encoding="utf-8")
    blok6 = tekst.index("  - nummer: 6")
    blok7 = tekst.index("  - nummer: 7")
    aangepast = (
        tekst[:blok6]
        + tekst[blok6:blok7].replace("partnership_mogelijk: true", "partnership_mogelijk: false")
        + tekst[blok7:]
    )
    (tmp_path / "typologie.yml").write_text(aangepast, encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    assert typologie.partnership_mogelijk(6) is False
    assert typologie.mogelijke_situaties() == [1, 2, 3, 4, 5]
    monkeypatch.delenv("REGIE_MODEL_MAP")
    assert typologie.partnership_mogelijk(6) is True


def test_vervangen_naam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(tmp_path, monkeypatch, "naam: Hetzelfde doel", "naam: Gedeeld doel")
    assert typologie.situatie(1).naam == "Gedeeld doel"


def _regel_van(pad: Path, stuk: str) -> int:
    """Het regelnummer (vanaf 1) waarop ``stuk`` begint."""
    tekst = pad.read_text(encoding="utf-8")
    return tekst[: tekst.index(stuk)].count("\n") + 1


def test_dubbel_nummer_noemt_bestand_veld_en_regel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _eigen_kopie(tmp_path, monkeypatch, "  - nummer: 6", "  - nummer: 5")
    with pytest.raises(BestandFout) as fout:
        typologie.situaties()
    tekst = str(fout.value)
    assert str(pad) in tekst
    assert "situaties[6].nummer" in tekst
    assert "situatie 5 komt twee keer voor" in tekst
    regel = _regel_van(pad, "  - nummer: 5\n    naam: Strijdige")
    assert f"regel {regel}, veld 'situaties[6].nummer'" in tekst
    probleem = fout.value.problemen[0]
    assert probleem.veld == "situaties[6].nummer"
    assert probleem.regel == regel


def test_verkeerd_type_noemt_veld_en_regel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _eigen_kopie(tmp_path, monkeypatch, "    partnership_mogelijk: false", "    partnership_mogelijk: misschien")
    with pytest.raises(BestandFout) as fout:
        typologie.partnership_mogelijk(7)
    probleem = fout.value.problemen[0]
    assert probleem.veld == "situaties[7].partnership_mogelijk"
    assert probleem.regel == _regel_van(pad, "partnership_mogelijk: misschien")
    assert "ja/nee" in probleem.melding
    assert fout.value.pad == pad


def test_onbekend_canvasveld_wordt_geweigerd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _eigen_kopie(
        tmp_path, monkeypatch, "[bijdragen, besluitvorming, investeringen_opbrengsten]", "[bijdragen, besluiten]"
    )
    with pytest.raises(BestandFout) as fout:
        typologie.situaties()
    probleem = fout.value.problemen[0]
    assert probleem.veld == "situaties[1].belangrijke_velden[2]"
    assert "ongeldige waarde 'besluiten'" in probleem.melding
    assert probleem.regel == _regel_van(pad, "[bijdragen, besluiten]")


def test_ontbrekende_situatie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(tmp_path, monkeypatch, "  - nummer: 8", "  - nummer: 9")
    with pytest.raises(BestandFout, match=r"situatienummer 9 kan niet; bij 8 situaties gebruik je 1 tot en met 8"):
        typologie.situaties()


def test_tikfout_in_veldnaam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(tmp_path, monkeypatch, "    risico: >-", "    risicoo: >-")
    with pytest.raises(
        BestandFout, match=r"veld 'situaties\[1\]\.risicoo': onbekend veld \(tikfout\?\); bedoel je 'risico'\?"
    ):
        typologie.situaties()
