"""De samenwerkingsvormen: vaste sleutels, kenmerken letterlijk van de dia's, strenge validatie."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingscode.model import MODEL_MAP, vormen
from samenwerkingscode.model.vormen import Samenwerkingsvorm
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout

CONTRACT = [
    "Gebaseerd op een transactie.",
    "Wederzijdse prestaties (ook de ‘samenwerking’) zijn onderdeel van de overeenkomst",
]
DECK_KENMERKEN = {
    "netwerk": [
        "Niet verplichtend (afgezien van de omgangsregels in het netwerk)",
        "Niet vrijblijvend",
        "Gezamenlijk doel mogelijk maar niet noodzakelijk",
        "Voorkeursrelaties (Partners-of-choice)",
        "Markten, platforms, communities",
    ],
    "contract_afstandelijk": [*CONTRACT, "Afstandelijk: Leveringsgericht"],
    "contract_diep": [*CONTRACT, "Diep: Account management 3.0, Intimacy, ‘vested’"],
    "partnership": [
        "Gericht op een gezamenlijk doel",
        "Partijen dragen risicodragend bij aan het realiseren van een gezamenlijk doel",
        "Verplichtend",
    ],
}


def _kopie(tmp_path: Path, oud: str, nieuw: str) -> Path:
    tekst = (MODEL_MAP / "vormen.yml").read_text(encoding="utf-8")
    assert oud in tekst, f"testopzet: '{oud}' staat niet in vormen.yml"
    pad = tmp_path / "vormen.yml"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    return pad


@pytest.mark.inhoud_kit
def test_sleutels_en_volgorde_van_binding() -> None:
    assert [s.value for s in Samenwerkingsvorm] == [
        "zelf_doen", "netwerk", "contract_afstandelijk", "contract_diep", "partnership",
    ]  # fmt: skip
    assert [v.sleutel for v in vormen.vormen()] == list(Samenwerkingsvorm)
    assert [v.versnelling for v in vormen.vormen()] == [0, 1, 2, 3, 4]
    assert Samenwerkingsvorm.PARTNERSHIP == "partnership"


@pytest.mark.inhoud_kit
def test_kenmerken_letterlijk_van_de_dias() -> None:
    for sleutel, kenmerken in DECK_KENMERKEN.items():
        info = vormen.vorm(sleutel)
        assert info.kenmerken == kenmerken, sleutel
        assert info.herkomst == "deck"
        assert info.toelichting_herkomst == "kit"
    zelf = vormen.vorm(Samenwerkingsvorm.ZELF_DOEN)
    assert zelf.herkomst == "kit"
    assert zelf.kenmerken


@pytest.mark.inhoud_kit
def test_namen_en_korte_namen() -> None:
    assert vormen.naam("contract_diep") == "Contract-samenwerking diep"
    assert vormen.naam(Samenwerkingsvorm.CONTRACT_AFSTANDELIJK) == "Contract-samenwerking afstandelijk"
    assert [v.korte_naam for v in vormen.classificeerbaar()] == [
        "Netwerk", "Contract afstandelijk", "Contract diep", "Partnership",
    ]  # fmt: skip


@pytest.mark.inhoud_kit
def test_classificeerbaar_zijn_de_vier_samenwerkingsvormen() -> None:
    sleutels = [v.sleutel for v in vormen.classificeerbaar()]
    assert Samenwerkingsvorm.ZELF_DOEN not in sleutels
    assert len(sleutels) == 4


def test_vorm_accepteert_tekst_en_enum_en_weigert_onbekend() -> None:
    assert vormen.vorm(" Netwerk ").sleutel is Samenwerkingsvorm.NETWERK
    assert vormen.vorm(Samenwerkingsvorm.PARTNERSHIP).naam == "Partnership"
    with pytest.raises(RegieFout, match="'parnership' is geen samenwerkingsvorm; bedoel je 'partnership'"):
        vormen.vorm("parnership")
    with pytest.raises(RegieFout, match="kies uit: zelf_doen, netwerk"):
        vormen.vorm("xyz")


def test_vervangen_bestand_verandert_wat_de_code_teruggeeft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kopie(tmp_path, "- Niet vrijblijvend", "- Niet vrijblijvend, wel verbonden")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    assert vormen.vorm("netwerk").kenmerken[1] == "Niet vrijblijvend, wel verbonden"
    monkeypatch.delenv("REGIE_MODEL_MAP")
    assert vormen.vorm("netwerk").kenmerken[1] == "Niet vrijblijvend"


def test_tikfout_in_veldnaam_noemt_bestand_veld_en_regel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _kopie(tmp_path, "    korte_naam: Contract diep", "    korte_nam: Contract diep")
    regel = pad.read_text(encoding="utf-8").splitlines().index("    korte_nam: Contract diep") + 1
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout) as fout:
        vormen.vormen()
    tekst = str(fout.value)
    assert str(pad) in tekst
    assert f"regel {regel}, veld 'vormen[4].korte_nam': onbekend veld (tikfout?); bedoel je 'korte_naam'?" in tekst
    assert "vormen[4].korte_naam" in tekst  # het verplichte veld ontbreekt daardoor ook


def test_ontbrekende_vorm_en_dubbele_versnelling_worden_geweigerd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dubbel, versnelling = tmp_path / "dubbel", tmp_path / "versnelling"
    dubbel.mkdir()
    versnelling.mkdir()
    _kopie(dubbel, "  - sleutel: contract_diep", "  - sleutel: contract_afstandelijk")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(dubbel))
    with pytest.raises(BestandFout) as fout:
        vormen.vormen()
    assert "veld 'vormen'" in str(fout.value)
    assert "de samenwerkingsvorm 'contract_afstandelijk' staat er 2 keer in" in str(fout.value)
    assert "de samenwerkingsvorm 'contract_diep' ontbreekt" in str(fout.value)
    _kopie(versnelling, "    versnelling: 3", "    versnelling: 2")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(versnelling))
    with pytest.raises(BestandFout, match="versnelling 2 komt bij meer dan één vorm voor"):
        vormen.vormen()


def test_onbekende_sleutel_geeft_keuzelijst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kopie(tmp_path, "  - sleutel: netwerk", "  - sleutel: netwerken")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout, match=r"vormen\[2\]\.sleutel': ongeldige waarde 'netwerken'"):
        vormen.vormen()
