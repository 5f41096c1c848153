"""De toetsvragen: teksten van de dia's, deelvragen en schaal uit de data, en de ladderlogica."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingscode.model import MODEL_MAP, toets
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout

BRON = MODEL_MAP / "toetsvragen.yml"


@pytest.fixture(autouse=True)
def _geen_eigen_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIE_MODEL_MAP", raising=False)


def _alles(waarde: str = "volledig") -> dict[str, str]:
    return dict.fromkeys(toets.deelvraag_sleutels(), waarde)


def _eigen_kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, oud: str, nieuw: str) -> Path:
    tekst = BRON.read_text(encoding="utf-8")
    assert oud in tekst, f"testopzet: {oud!r} staat niet in het modelbestand"
    pad = tmp_path / "toetsvragen.yml"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    return pad


@pytest.mark.inhoud_kit
def test_vier_vragen_letterlijk_uit_de_dias() -> None:
    vragen = toets.toetsvragen()
    assert [t.sleutel for t in vragen] == ["kan", "klopt", "werkt", "levert"]
    assert [t.vraag for t in vragen] == [
        "Kan de samenwerking?",
        "Klopt de samenwerking?",
        "Werkt de samenwerking?",
        "Levert de samenwerking?",
    ]
    assert [t.nummer for t in vragen] == [1, 2, 3, 4]
    assert all(t.herkomst == "deck" and t.uitleg_herkomst == "kit" for t in vragen)
    assert all(t.term == t.vraag for t in vragen)


@pytest.mark.inhoud_kit
def test_deelvragen_zijn_uitwerking_van_de_kit() -> None:
    for t in toets.toetsvragen():
        assert 3 <= len(t.deelvragen) <= 5
        for d in t.deelvragen:
            assert d.herkomst == "kit"
            assert d.vraag.endswith("?")
            assert d.sleutel.startswith(t.sleutel + "_")
    sleutels = toets.deelvraag_sleutels()
    assert len(sleutels) == len(set(sleutels))
    assert "kan_mandaat" in sleutels and "werkt_energie" in sleutels


@pytest.mark.inhoud_kit
def test_stap_terug() -> None:
    st = toets.stap_terug()
    assert st.term == "Stap terug" and st.herkomst == "deck" and st.uitleg_herkomst == "kit"
    assert "herstel die eerst" in st.uitleg


@pytest.mark.inhoud_kit
def test_schaal_volgens_contract() -> None:
    waarden = toets.schaal()
    assert [w.sleutel for w in waarden] == ["niet_van_toepassing", "niet_geregeld", "deels", "volledig", "onbekend"]
    assert [w.score for w in waarden] == [None, 0.0, 0.5, 1.0, None]
    assert [w.label for w in waarden] == [
        "Niet van toepassing", "Niet geregeld", "Deels geregeld", "Volledig geregeld", "Onbekend",
    ]  # fmt: skip


def test_onbekend_telt_als_beantwoord_maar_niet_in_het_gemiddelde() -> None:
    """Wie eerlijk "onbekend" kiest, is klaar met die deelvraag, maar de score hangt er niet van af."""
    antwoorden = _alles()
    eerste = toets.toetsvragen()[0].deelvragen[0].sleutel
    antwoorden[eerste] = "onbekend"
    uitslag = toets.scoor(antwoorden)
    assert uitslag.volledig and eerste not in uitslag.ontbrekend
    assert uitslag.per_vraag["kan"] == 1.0


def test_alles_volledig_geen_stap_terug() -> None:
    uitslag = toets.scoor(_alles())
    assert uitslag.per_vraag == {"kan": 1.0, "klopt": 1.0, "werkt": 1.0, "levert": 1.0}
    assert uitslag.zwakste_trede is None
    assert uitslag.volledig and uitslag.ontbrekend == []
    assert uitslag.advies.startswith("Alle gescoorde toetsvragen halen hun drempel.")


def test_eerste_trede_onder_drempel_wint() -> None:
    antwoorden = _alles()
    # kan: 1 + 0 + 0.5 + 1 + 1 = 3.5 / 5 = 0.70 < 0.75
    antwoorden |= {"kan_mandaat": "niet_geregeld", "kan_budget": "deels"}
    # werkt: 0 + 0 + 1 + 1 + 1 = 0.60, niet onder de drempel 0.6
    antwoorden |= {"werkt_bijdragen": "niet_geregeld", "werkt_energie": "niet_geregeld"}
    # levert: 0 + 0 + 1 + 1 = 0.5, niet onder de drempel 0.5; klopt: 0.5 + 4 = 0.9
    antwoorden |= {"levert_balans": "niet_geregeld", "levert_eigen_doelen": "niet_geregeld", "klopt_vorm": "deels"}
    uitslag = toets.scoor(antwoorden)
    assert uitslag.per_vraag == {
        "kan": pytest.approx(0.7),
        "klopt": pytest.approx(0.9),
        "werkt": pytest.approx(0.6),
        "levert": pytest.approx(0.5),
    }
    assert uitslag.zwakste_trede == "kan"
    assert uitslag.onder_drempel == ["kan"]
    assert uitslag.advies.startswith(
        "Stap terug naar trede 1: Kan de samenwerking? Daar is de score 70%, de drempel 75%."
    )
    assert "Het fundament is niet op orde." in uitslag.advies
    assert "Hoger op de ladder" not in uitslag.advies


def test_lagere_trede_gaat_voor_een_slechtere_hogere() -> None:
    # klopt: 0.5 + 0.5 + 1 + 0 + 0.5 = 2.5 / 5 = 0.5 < 0.6; werkt: 0.0
    antwoorden = _alles() | {
        "klopt_vorm": "deels",
        "klopt_bijdragen": "deels",
        "klopt_risicos": "niet_geregeld",
        "klopt_regels": "deels",
    }
    antwoorden |= {k: "niet_geregeld" for k in toets.deelvraag_sleutels() if k.startswith("werkt_")}
    uitslag = toets.scoor(antwoorden)
    assert uitslag.per_vraag["klopt"] == pytest.approx(0.5)
    assert uitslag.per_vraag["werkt"] == 0.0
    assert uitslag.zwakste_trede == "klopt"
    assert uitslag.onder_drempel == ["klopt", "werkt"]
    assert "Stap terug naar trede 2: Klopt de samenwerking?" in uitslag.advies
    assert "Het ontwerp klopt niet." in uitslag.advies
    assert "Hoger op de ladder halen ook deze treden hun drempel niet: Werkt de samenwerking?." in uitslag.advies


def test_niet_van_toepassing_telt_niet_mee() -> None:
    antwoorden = _alles() | {
        "levert_gezamenlijk_doel": "niet_van_toepassing",
        "levert_eigen_doelen": "niet_van_toepassing",
        "levert_balans": "deels",
    }
    uitslag = toets.scoor(antwoorden)
    assert uitslag.per_vraag["levert"] == pytest.approx(0.75)  # (0.5 + 1) / 2, niet / 4
    assert uitslag.volledig is True
    alleen_nvt = toets.scoor(
        _alles() | {k: "niet_van_toepassing" for k in toets.deelvraag_sleutels() if k.startswith("levert_")}
    )
    assert alleen_nvt.per_vraag["levert"] is None
    assert alleen_nvt.zwakste_trede is None


def test_onvolledig_geeft_voorlopig_advies() -> None:
    antwoorden = _alles()
    del antwoorden["levert_balans"]
    antwoorden["werkt_vertrouwen"] = None  # type: ignore[assignment]
    uitslag = toets.scoor(antwoorden)
    assert uitslag.volledig is False
    assert uitslag.ontbrekend == ["werkt_vertrouwen", "levert_balans"]
    assert "nog niet alle deelvragen zijn beantwoord (2 open: " in uitslag.advies
    vragen = {d.sleutel: d.vraag for t in toets.toetsvragen() for d in t.deelvragen}
    assert f"'{vragen['werkt_vertrouwen']}' en '{vragen['levert_balans']}'" in uitslag.advies
    # Nooit de interne sleutels in een tekst voor de deelnemer (issue 15.5).
    assert "werkt_vertrouwen" not in uitslag.advies and "levert_balans" not in uitslag.advies


def test_advies_bij_veel_open_deelvragen_is_kort_en_zonder_sleutels() -> None:
    uitslag = toets.scoor({"kan_mandaat": "deels"})
    assert "en nog " in uitslag.advies
    for sleutel in toets.deelvraag_sleutels():
        assert sleutel not in uitslag.advies
    assert "voorlopig" in uitslag.advies


def test_niets_gescoord() -> None:
    uitslag = toets.scoor({})
    assert uitslag.per_vraag == {"kan": None, "klopt": None, "werkt": None, "levert": None}
    assert uitslag.zwakste_trede is None
    assert uitslag.advies.startswith("Er is nog niets gescoord.")
    assert len(uitslag.ontbrekend) == len(toets.deelvraag_sleutels())


def test_onbekende_deelvraag_geeft_nederlandse_fout() -> None:
    with pytest.raises(RegieFout, match=r"Onbekende deelvraag 'kan_mandat' \(bedoel je 'kan_mandaat'\?\)"):
        toets.scoor({"kan_mandat": "deels"})


def test_onbekende_schaalwaarde_geeft_nederlandse_fout() -> None:
    with pytest.raises(
        RegieFout,
        match=r"Ongeldige waarde 'half' bij deelvraag 'kan_mandaat'; kies uit niet_van_toepassing, niet_geregeld, deels, volledig",
    ):
        toets.scoor({"kan_mandaat": "half"})


def test_onbekende_toetsvraag() -> None:
    assert toets.toetsvraag("werkt").nummer == 3
    with pytest.raises(RegieFout, match=r"Onbekende toetsvraag 'klop' \(bedoel je 'klopt'\?\)"):
        toets.toetsvraag("klop")


def test_drempel_uit_de_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    antwoorden = _alles() | {"kan_mandaat": "deels"}  # kan = 0.9
    assert toets.scoor(antwoorden).zwakste_trede is None
    _eigen_kopie(tmp_path, monkeypatch, "    drempel: 0.75", "    drempel: 0.95")
    uitslag = toets.scoor(antwoorden)
    assert uitslag.zwakste_trede == "kan"
    assert "de drempel 95%" in uitslag.advies


def test_adviestekst_uit_de_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(tmp_path, monkeypatch, '  trede_onder_drempel: "Stap terug', '  trede_onder_drempel: "Terug naar af')
    uitslag = toets.scoor(_alles() | {k: "niet_geregeld" for k in toets.deelvraag_sleutels() if k.startswith("kan_")})
    assert uitslag.advies.startswith("Terug naar af naar trede 1: Kan de samenwerking?")


def test_onbekende_plaatshouder_in_advies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _eigen_kopie(tmp_path, monkeypatch, "de drempel {drempel}.", "de drempel {grens}.")
    with pytest.raises(BestandFout) as fout:
        toets.toetsvragen()
    probleem = fout.value.problemen[0]
    assert probleem.veld == "advies.trede_onder_drempel"
    assert "onbekende plaatshouder {grens}" in probleem.melding
    tekst = pad.read_text(encoding="utf-8")
    assert probleem.regel == tekst[: tekst.index("  trede_onder_drempel:")].count("\n") + 1


def test_dubbele_deelvraag_noemt_veld_en_regel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _eigen_kopie(tmp_path, monkeypatch, "sleutel: kan_budget", "sleutel: kan_mandaat")
    with pytest.raises(BestandFout) as fout:
        toets.deelvraag_sleutels()
    probleem = fout.value.problemen[0]
    assert probleem.veld == "toetsvragen[1].deelvragen[4].sleutel"
    assert "deelvraag 'kan_mandaat' komt twee keer voor" in probleem.melding
    tekst = pad.read_text(encoding="utf-8")
    tweede = tekst.index("sleutel: kan_mandaat", tekst.index("sleutel: kan_mandaat") + 1)
    assert probleem.regel == tekst[:tweede].count("\n") + 1
    assert str(pad) in str(fout.value)


def test_verkeerde_drempel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(tmp_path, monkeypatch, "    drempel: 0.75", "    drempel: hoog")
    with pytest.raises(BestandFout, match=r"veld 'toetsvragen\[1\]\.drempel': moet een getal zijn"):
        toets.toetsvragen()
