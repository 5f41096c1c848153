"""Het idioom: elke term van de werkafspraken, eerlijk over herkomst, en strenge validatie."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pydantic import ValidationError

from samenwerkingscode.model import MODEL_MAP, idioom
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout

# De lijst uit de werkafspraken ("Het idioom"), precies gespeld.
DECK_TERMEN = [
    "Samenwerkingscode", "Regisseur van de Samenwerking", "Praktijknetwerk", "Idioom",
    "Weerbarstige samenwerking", "Samenwerkingscanvas", "Partijen", "Bijdragen", "Doelen", "Risico's",
    "Regels (bron/aard)", "Besluitvorming", "Operatie", "Levenscyclus", "Investeringen/Opbrengsten",
    "Samenwerkingsvorm", "Netwerk", "Contract-samenwerking", "Contract-samenwerking diep",
    "Contract-samenwerking afstandelijk", "Partnership", "Gezamenlijk doel", "Verplichtend", "Risicodragend",
    "Beslisboom", "Partnershiptypologie", "Situatie", "Bestuurlijke afwegingen", "Geconsolideerde doelen",
    "Trade-off", "Compromis", "Schakelbak", "Toetsvragen", "Kan de samenwerking?", "Klopt de samenwerking?",
    "Werkt de samenwerking?", "Levert de samenwerking?", "Stap terug", "Realisatiestrategie", "Realisatieplan",
    "Strategie", "Opgave", "Complexiteit & weerbarstigheid", "Inhoud en proces", "Passie en professionaliteit",
    "Breekijzer",
]  # fmt: skip
KIT_TERMEN = [
    "Kern van de samenwerking", "Afsprakenvelden", "Zelf doen", "Versnelling", "Opschakelen", "Terugschakelen",
    "Interventie", "Eigen doel", "Mandaat", "Voorstel", "Toetsschaal", "Casus", "Eigen casus",
]  # fmt: skip

#: De tekst van de dia's, in de repository zodat de test ook in CI draait (zie de kop van het bestand).
DECK = Path(__file__).resolve().parent / "fixtures" / "deck.txt"


def _vlak(tekst: str) -> str:
    """Voor vergelijken met de dia's: zonder accenten, hoofdletters, witruimte en afbrekingen."""
    tekst = unicodedata.normalize("NFKD", tekst)
    tekst = "".join(c for c in tekst if not unicodedata.combining(c))
    return re.sub(r"\s+", "", tekst).casefold()


def _kopie(tmp_path: Path, naam: str, vervang: tuple[str, str]) -> Path:
    tekst = (MODEL_MAP / f"{naam}.yml").read_text(encoding="utf-8")
    assert vervang[0] in tekst, f"testopzet: '{vervang[0]}' staat niet in {naam}.yml"
    (tmp_path / f"{naam}.yml").write_text(tekst.replace(vervang[0], vervang[1], 1), encoding="utf-8")
    return tmp_path / f"{naam}.yml"


@pytest.mark.inhoud_kit
def test_elke_term_uit_de_werkafspraken_staat_erin_met_de_juiste_herkomst() -> None:
    per_naam = {t.naam: t for t in idioom.termen()}
    assert set(per_naam) == set(DECK_TERMEN) | set(KIT_TERMEN)
    assert len(idioom.termen()) == len(DECK_TERMEN) + len(KIT_TERMEN)
    for naam in DECK_TERMEN:
        assert per_naam[naam].herkomst == "deck", naam
    for naam in KIT_TERMEN:
        assert per_naam[naam].herkomst == "kit", naam
        assert per_naam[naam].definitie_herkomst == "kit", naam


@pytest.mark.inhoud_kit
def test_definities_zijn_volwaardig_en_blokken_geldig() -> None:
    for t in idioom.termen():
        assert 80 <= len(t.definitie) <= 700, f"{t.naam}: definitie van {len(t.definitie)} tekens"
        assert "\n" not in t.definitie, t.naam
        assert t.blok is None or 1 <= t.blok <= 5
    assert idioom.term("Samenwerkingscanvas").blok == 1
    assert idioom.term("Partnership").blok == 2
    assert idioom.term("Beslisboom").blok == 3
    assert idioom.term("Schakelbak").blok == 4
    assert idioom.term("Realisatiestrategie").blok == 5


@pytest.mark.inhoud_kit
def test_termen_die_de_dias_alleen_noemen_hebben_een_kit_definitie() -> None:
    # Zonder uitleg op de dia's kan de definitie alleen een uitwerking van de kit zijn (domain.md).
    alleen_genoemd = [
        "Schakelbak", "Geconsolideerde doelen", "Trade-off", "Compromis", "Partnershiptypologie", "Situatie",
        "Realisatiestrategie", "Kan de samenwerking?", "Bestuurlijke afwegingen", "Complexiteit & weerbarstigheid",
        "Inhoud en proces", "Passie en professionaliteit",
    ]  # fmt: skip
    for naam in alleen_genoemd:
        assert idioom.term(naam).definitie_herkomst == "kit", naam
    for naam in ["Netwerk", "Contract-samenwerking", "Partnership", "Regisseur van de Samenwerking"]:
        assert idioom.term(naam).definitie_herkomst == "deck", naam


def _dias() -> str:
    regels = DECK.read_text(encoding="utf-8").splitlines()
    return _vlak("\n".join(r for r in regels if not r.startswith("#")))


def test_citaten_in_deck_definities_staan_echt_op_de_dias() -> None:
    dias = _dias()
    assert _vlak("Gijzelen met budget en mandaat") in dias
    for t in idioom.termen():
        if t.definitie_herkomst != "deck":
            continue
        citaten = re.findall(r'"([^"]+)"', t.definitie)
        for citaat in citaten:
            zonder_invoegingen = re.sub(r"\[[^\]]*\]", "", citaat)
            for deel in re.split(r"\.\.\.|…", zonder_invoegingen):
                assert _vlak(deel) in dias, f"{t.naam}: '{citaat}' staat niet op de dia's"


def _niet_op_de_dias(tekst: str, dias: str) -> list[str]:
    """Citaten die de tekst aan de dia's toeschrijft ('de dia's ... "citaat"'), maar die er niet op staan."""
    fout = []
    for m in re.finditer(r"dia's[^\"]{0,150}\"([^\"]+)\"", tekst):
        citaat = re.sub(r"\[[^\]]*\]", "", m.group(1))
        for deel in re.split(r"\.\.\.|…", citaat):
            if _vlak(deel.strip(" .")) not in dias:
                fout.append(m.group(1))
    return fout


def test_citaten_die_de_kit_aan_de_dias_toeschrijft_staan_erop() -> None:
    """Ook kit-definities en de patronen citeren de dia's; elk zo'n citaat staat letterlijk op de dia's."""
    from samenwerkingscode.model import patronen

    dias = _dias()
    assert _niet_op_de_dias('De dia\'s noemen het "het mooiste natuurgebied van Europa".', dias)
    for t in idioom.termen():
        assert _niet_op_de_dias(t.definitie, dias) == [], t.naam
    for p in patronen.patronen():
        for b in p.bewijs:
            assert _niet_op_de_dias(b.feit, dias) == [], p.id


def test_term_zoekt_hoofdletterongevoelig_en_met_krulapostrof() -> None:
    assert idioom.term("partnership").naam == "Partnership"
    assert idioom.term("  SAMENWERKINGSCANVAS ").naam == "Samenwerkingscanvas"
    assert idioom.term("Risico’s").naam == "Risico's"
    assert idioom.bestaat("kan de samenwerking?")
    assert not idioom.bestaat("Samenwerkingsmodel")


def test_onbekende_term_geeft_nederlandse_fout_met_tip() -> None:
    with pytest.raises(RegieFout, match="staat niet in het idioom; bedoel je 'Samenwerkingscanvas'"):
        idioom.term("Samenwerkingcanvas")
    with pytest.raises(RegieFout, match="Kijk in de woordenlijst"):
        idioom.term("Kwantumfysica")


def test_zie_ook_verwijst_alleen_naar_bestaande_termen() -> None:
    namen = {t.naam for t in idioom.termen()}
    for t in idioom.termen():
        assert t.zie_ook, f"{t.naam} heeft geen zie_ook"
        assert set(t.zie_ook) <= namen - {t.naam}


def test_validator_weigert_dubbele_namen() -> None:
    termen = [
        {"naam": "Netwerk", "definitie": "Een.", "herkomst": "deck", "definitie_herkomst": "deck"},
        {"naam": "netwerk", "definitie": "Twee.", "herkomst": "deck", "definitie_herkomst": "deck"},
    ]
    with pytest.raises(ValidationError, match=r"'netwerk' staat dubbel in de lijst \(termen\[1\] en termen\[2\]\)"):
        idioom.Idioom.model_validate({"termen": termen})


def test_validator_weigert_zie_ook_naar_onbekende_term() -> None:
    termen = [
        {"naam": "Netwerk", "definitie": "Een.", "herkomst": "deck", "definitie_herkomst": "deck",
         "zie_ook": ["Partnershp"]},
        {"naam": "Partnership", "definitie": "Twee.", "herkomst": "deck", "definitie_herkomst": "deck"},
    ]  # fmt: skip
    with pytest.raises(ValidationError, match=r"'Partnershp' is geen term in het idioom; bedoel je 'Partnership'\?"):
        idioom.Idioom.model_validate({"termen": termen})


def test_kit_term_kan_geen_deck_definitie_hebben() -> None:
    with pytest.raises(ValidationError, match="zet definitie_herkomst op kit"):
        idioom.Term.model_validate({"naam": "X", "definitie": "Y.", "herkomst": "kit", "definitie_herkomst": "deck"})


def test_fout_in_vervangen_idioom_noemt_bestand_en_term(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    breekijzer = "zie_ook: [Regisseur van de Samenwerking, Praktijknetwerk, Samenwerkingscode]"
    pad = _kopie(tmp_path, "idioom", (breekijzer, "zie_ook: [Regiseur van de Samenwerking]"))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout) as fout:
        idioom.termen()
    tekst = str(fout.value)
    assert str(pad) in tekst
    assert "veld 'termen'" in tekst
    assert (
        "'Regiseur van de Samenwerking' is geen term in het idioom; bedoel je 'Regisseur van de Samenwerking'?" in tekst
    )


def test_vervangen_idioom_verandert_de_definitie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    oud = "Een hulpmiddel van de Regisseur om per deel van de opgave"
    _kopie(tmp_path, "idioom", (oud, "Officiële definitie van de auteur. " + oud))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    assert idioom.term("Schakelbak").definitie.startswith("Officiële definitie van de auteur.")
    monkeypatch.delenv("REGIE_MODEL_MAP")
    assert idioom.term("Schakelbak").definitie.startswith("Een hulpmiddel")
