"""Het model als geheel: elke term die een modelbestand noemt bestaat in het idioom, de beslisboom
bereikt elke uitkomst van de dia's, en een trainer kan het model vervangen zonder code te wijzigen."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from samenwerkingscode.model import MODEL_MAP, beslisboom, idioom, vormen
from samenwerkingscode.model.vormen import Samenwerkingsvorm
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout

TERMVELDEN = ("term", "idioom_term")


def _termnamen() -> set[str]:
    return {t.naam for t in idioom.termen()}


def _termverwijzingen(data: Any, pad: str = "") -> Iterator[tuple[str, str]]:
    """Alle (plaats, waarde) van velden `term`/`idioom_term` in een gelezen YAML-document."""
    if isinstance(data, dict):
        for sleutel, waarde in data.items():
            plaats = f"{pad}.{sleutel}" if pad else str(sleutel)
            if sleutel in TERMVELDEN and waarde is not None:
                yield plaats, waarde
            else:
                yield from _termverwijzingen(waarde, plaats)
    elif isinstance(data, list):
        for i, item in enumerate(data, start=1):
            yield from _termverwijzingen(item, f"{pad}[{i}]")


def _canvas_titels_en_termen() -> list[str]:
    """Via `canvas.velden()` als die module er is, anders rechtstreeks uit `model/canvas.yml`."""
    if importlib.util.find_spec("samenwerkingscode.model.canvas") is not None:
        from samenwerkingscode.model import canvas

        return [n for v in canvas.velden() for n in (v.titel, getattr(v, "term", v.titel))]
    data = yaml.safe_load((MODEL_MAP / "canvas.yml").read_text(encoding="utf-8"))
    return [v[k] for v in data["velden"] for k in ("titel", "term") if k in v]


def test_elke_termverwijzing_in_elk_modelbestand_bestaat() -> None:
    namen = _termnamen()
    bestanden = sorted(MODEL_MAP.glob("*.yml"))
    assert {p.stem for p in bestanden} >= {"idioom", "vormen", "beslisboom", "canvas"}
    fouten = []
    gevonden = 0
    for pad in bestanden:
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        for plaats, waarde in _termverwijzingen(data):
            gevonden += 1
            if waarde not in namen:
                fouten.append(f"{pad.name}: {plaats} = {waarde!r}")
    assert gevonden >= 10
    assert not fouten, "termen die niet (precies zo) in het idioom staan:\n" + "\n".join(fouten)


def test_vormnamen_staan_in_het_idioom() -> None:
    namen = _termnamen()
    for v in vormen.vormen():
        assert v.naam in namen, v.naam
        assert v.term in namen, v.term


def test_canvasvelden_staan_in_het_idioom() -> None:
    titels = _canvas_titels_en_termen()
    assert len(titels) >= 9
    assert set(titels) <= _termnamen(), set(titels) - _termnamen()


def test_beslisboom_verwijst_alleen_naar_termen_en_vormen_die_bestaan() -> None:
    namen = _termnamen()
    boom = beslisboom.laad_beslisboom()
    for u in boom.uitkomsten:
        if u.vorm is not None:
            assert vormen.naam(u.vorm) in namen, u.id
    for knoop in [*boom.vragen, *boom.tussenstappen, *boom.uitkomsten]:
        if knoop.term is not None:
            assert knoop.term in namen, knoop.id
    assert boom.term in namen


def test_beslisboom_bereikt_elke_uitkomst_van_de_dias() -> None:
    bereikt = {w.uitkomst.id: w for w in beslisboom.alle_wandelingen()}
    assert set(bereikt) >= {"zelf_doen", "eisen_netwerk", "eisen_contract", "situaties_1_6", "situaties_7_8"}
    assert bereikt["eisen_netwerk"].uitkomst.acties[0].startswith("Definieer eisen aan netwerk")
    assert bereikt["eisen_contract"].uitkomst.acties[0] == "Definieer eisen aan contractsamenwerking"
    assert "Niet doen" in bereikt["situaties_7_8"].uitkomst.acties


def test_de_loop_uit_de_werkafspraken() -> None:
    vier_keer_nee = beslisboom.loop(["nee"] * 4)
    assert vier_keer_nee.vorm == Samenwerkingsvorm.PARTNERSHIP
    assert vier_keer_nee.volgende_vraag is not None
    assert vier_keer_nee.volgende_vraag.id == "gezamenlijk_doel"
    assert beslisboom.loop(["nee"] * 4 + ["ja"]).uitkomst.id == "situaties_1_6"
    assert beslisboom.loop(["nee"] * 4 + ["nee"]).uitkomst.id == "situaties_7_8"


@pytest.mark.parametrize("antwoorden", [["weet niet"], ["ja", "ja"], ["nee", ""]])
def test_ongeldige_antwoorden_geven_een_nederlandse_regiefout(antwoorden: list[str]) -> None:
    with pytest.raises(RegieFout) as fout:
        beslisboom.loop(antwoorden)
    tekst = str(fout.value)
    assert any(w in tekst for w in ("kies 'ja' of 'nee'", "volgen geen vragen meer")), tekst
    assert "Traceback" not in tekst and "Input should" not in tekst


def _vervang(tmp_path: Path, naam: str, oud: str, nieuw: str) -> Path:
    tekst = (MODEL_MAP / f"{naam}.yml").read_text(encoding="utf-8")
    assert oud in tekst, f"testopzet: '{oud}' staat niet in {naam}.yml"
    pad = tmp_path / f"{naam}.yml"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    return pad


def test_vervangen_modelbestanden_veranderen_wat_de_code_teruggeeft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _vervang(tmp_path, "vormen", "    korte_naam: Contract diep", "    korte_naam: Diep contract")
    _vervang(tmp_path, "beslisboom", "      - Realisatieplan heroverwegen", "      - Realisatieplan herzien")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    assert vormen.vorm("contract_diep").korte_naam == "Diep contract"
    assert beslisboom.loop(["nee"] * 5).uitkomst.acties[1] == "Realisatieplan herzien"
    # Bestanden die in de eigen map ontbreken, komen uit het pakket.
    assert idioom.term("Schakelbak").herkomst == "deck"
    monkeypatch.delenv("REGIE_MODEL_MAP")
    assert vormen.vorm("contract_diep").korte_naam == "Contract diep"
    assert beslisboom.loop(["nee"] * 5).uitkomst.acties[1] == "Realisatieplan heroverwegen"


def test_misvormd_modelbestand_noemt_bestand_veld_en_regel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _vervang(tmp_path, "beslisboom", "    titel: Situaties 7 & 8", "    titl: Situaties 7 & 8")
    regel = pad.read_text(encoding="utf-8").splitlines().index("    titl: Situaties 7 & 8") + 1
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout) as fout:
        beslisboom.loop(["nee"])
    tekst = str(fout.value)
    assert str(pad) in tekst
    assert f"regel {regel}, veld 'uitkomsten[5].titl': onbekend veld (tikfout?); bedoel je 'titel'?" in tekst
