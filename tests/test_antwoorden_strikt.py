"""De strenge, begrensde parser van het antwoordbestand (issue 17 deel 2; reproducers uit de betrouwbaarheidsreview)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from samenwerkingscode import antwoorden as am
from samenwerkingscode.antwoorden import Antwoorden, AntwoordenFout, lees_antwoorden, lees_voor_nakijken

GROOT_GETAL = "1" * 5000

SLECHT = {
    "5000 cijfers": '{"schema":1,"oefeningen":{"1b":{"n":' + GROOT_GETAL + "}}}",
    "NaN": '{"schema":1,"oefeningen":{"1b":{"x":NaN}}}',
    "Infinity": '{"schema":1,"oefeningen":{"1b":{"x":-Infinity}}}',
    "1e999": '{"schema":1,"oefeningen":{"1b":{"x":1e999}}}',
    "diep": '{"schema":1,"oefeningen":{"1b":{"x":' + "[" * 50 + "]" * 50 + "}}}",
    "heel diep": '{"schema":1,"oefeningen":{"1b":{"x":' + "[" * 100_000 + "]" * 100_000 + "}}}",
    "lange tekst": '{"schema":1,"oefeningen":{"1b":{"x":"' + "a" * (am.MAX_TEKST + 1) + '"}}}',
    "oefening geen groep": '{"schema":1,"oefeningen":{"1b":[1,2]}}',
}


def _bestand(map_: Path, inhoud: str) -> Path:
    pad = map_ / "blok1.antwoorden.json"
    pad.write_text(inhoud, encoding="utf-8")
    return pad


@pytest.mark.parametrize("soort", sorted(SLECHT))
def test_slecht_bestand_zonder_backup_geeft_reden_en_geen_fout(tmp_path: Path, soort: str) -> None:
    """Review 2c/3b: een 5000-cijferig getal gaf ValueError in Antwoorden() én stopte het nakijken van iedereen."""
    _bestand(tmp_path, SLECHT[soort])
    a = Antwoorden("blok1", map=tmp_path)  # geen traceback in de eerste cel
    assert a.alles() == {}
    assert any("beschadigd" in w for w in a.waarschuwingen), a.waarschuwingen
    meldingen: list[str] = []
    assert lees_antwoorden(tmp_path / "blok1.antwoorden.json", meldingen)["oefeningen"] == {}
    assert meldingen
    uitslag = lees_voor_nakijken(tmp_path / "blok1.antwoorden.json")
    assert uitslag.document is None and not uitslag.bruikbaar
    assert uitslag.reden is not None and "blok1.antwoorden.json" in uitslag.reden
    assert GROOT_GETAL not in uitslag.reden and len(uitslag.reden) < 1000


@pytest.mark.parametrize("soort", ["5000 cijfers", "NaN"])
def test_slecht_bestand_wordt_hersteld_uit_backup_en_opslaan_werkt(tmp_path: Path, soort: str) -> None:
    """Review 2c: met NaN in het bestand mislukte elke latere opslag stil (ValueError buiten de widget)."""
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"tekst": "versie een"})
    a.schrijf("1a", {"tekst": "versie twee"})
    _bestand(tmp_path, SLECHT[soort])

    b = Antwoorden("blok1", map=tmp_path)
    assert b.lees("1a") == {"tekst": "versie een"}
    assert any("back-up" in w and "teruggezet" in w for w in b.waarschuwingen)
    b.werk_bij("1b", x="nieuw")  # geen ValueError: de opslag lukt
    opnieuw = json.loads((tmp_path / "blok1.antwoorden.json").read_text(encoding="utf-8"))
    assert opnieuw["oefeningen"]["1b"] == {"x": "nieuw"}
    assert any(p.name.startswith("blok1.antwoorden.json.defect-") for p in tmp_path.iterdir()), "schade bewaard"
    uitslag = lees_voor_nakijken(tmp_path / "blok1.antwoorden.json")
    assert uitslag.bruikbaar and uitslag.document is not None
    assert uitslag.document["oefeningen"]["1b"] == {"x": "nieuw"}


def test_te_groot_bestand_wordt_geweigerd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(am, "MAX_BYTES", 1000)
    _bestand(tmp_path, json.dumps({"schema": 1, "oefeningen": {"1a": {"t": "x" * 2000}}}))
    uitslag = lees_voor_nakijken(tmp_path / "blok1.antwoorden.json")
    assert uitslag.reden is not None and "MB" in uitslag.reden


@pytest.mark.parametrize(
    ("waarde", "stukje"),
    [
        ({"n": 10**40}, "te groot"),
        ({"t": "a" * (am.MAX_TEKST + 1)}, "tekens"),
        ({"x": float("nan")}, "gewone getallen"),
        ({"x": json.loads("[" * 30 + "]" * 30)}, "genest"),
    ],
)
def test_opslaan_weigert_wat_de_parser_niet_terugleest(tmp_path: Path, waarde: dict, stukje: str) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    with pytest.raises(AntwoordenFout, match=stukje):
        a.schrijf("1a", waarde)
    assert not (tmp_path / "blok1.antwoorden.json").exists()


def test_opslaan_mislukt_nooit_stil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Vangnet: kan het document onverhoopt niet naar JSON, dan een Nederlandse AntwoordenFout (de widget toont die)."""
    a = Antwoorden("blok1", map=tmp_path)

    def kapot(_document: object) -> bytes:
        raise ValueError("Out of range float values are not JSON compliant")

    monkeypatch.setattr(am, "_serialiseer", kapot)
    with pytest.raises(AntwoordenFout, match="kon niet worden opgeslagen"):
        a.werk_bij("1a", tekst="hallo")


def test_geldig_bestand_voor_nakijken(tmp_path: Path) -> None:
    Antwoorden("blok1", map=tmp_path).schrijf("1a", {"tekst": "hallo", "n": 3, "f": 1.5})
    uitslag = lees_voor_nakijken("blok1", map=tmp_path)
    assert uitslag.reden is None and uitslag.waarschuwingen == ()
    assert uitslag.document is not None and uitslag.document["oefeningen"] == {
        "1a": {"tekst": "hallo", "n": 3, "f": 1.5}
    }
    leeg = lees_voor_nakijken(tmp_path / "ander.antwoorden.json")
    assert leeg.document is not None and leeg.document["oefeningen"] == {}, "nog niets ingevuld is geen fout"


def test_antwoordbestand_leesbaar_voor_de_trainer(tmp_path: Path) -> None:
    """Review 2a: bestand en back-up werden 0600 (mkstemp); een trainer of hub-proces moet ze kunnen lezen."""
    oud = os.umask(0o022)
    try:
        a = Antwoorden("blok1", map=tmp_path)
        a.schrijf("1a", {"t": "een"})
        a.schrijf("1a", {"t": "twee"})
    finally:
        os.umask(oud)
    assert stat.S_IMODE(a.pad.stat().st_mode) == 0o644
    assert stat.S_IMODE(a.backup_pad.stat().st_mode) == 0o644


@pytest.mark.parametrize("soort", ["NaN", "5000 cijfers"])
def test_widget_meldt_herstel_en_slaat_weer_op(tmp_path: Path, soort: str) -> None:
    """Review 2c: met NaN bleef elke opslag stil mislukken; met 5000 cijfers gaf de eerste cel een traceback."""
    from samenwerkingscode.widgets.reflectie import ReflectieWidget

    w = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "1b", "Wat zie je?")
    w.tekst.value = "versie 1"
    w.tekst.value = "versie 2"
    _bestand(tmp_path, SLECHT[soort])
    opnieuw = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "1b", "Wat zie je?")
    assert "beschadigd" in opnieuw.meldingen.value and "back-up" in opnieuw.meldingen.value
    assert opnieuw.tekst.value == "versie 1"
    opnieuw.tekst.value = "versie 3"
    assert "Opgeslagen" in opnieuw.status.value, opnieuw.status.value
    assert lees_antwoorden(tmp_path / "blok1.antwoorden.json")["oefeningen"]["1b"]["tekst"] == "versie 3"


def test_widget_toont_niet_opgeslagen_bij_een_te_lange_tekst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samenwerkingscode.widgets.reflectie import ReflectieWidget

    monkeypatch.setattr(am, "MAX_TEKST", 10)
    w = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "1b", "Wat zie je?")
    w.tekst.value = "dit is veel te lang"
    assert "Niet opgeslagen" in w.status.value and "tekens" in w.status.value


def test_onleesbaar_bestand_geeft_nederlandse_reden(tmp_path: Path) -> None:
    """Review 2c: '(Is a directory)' en andere Engelse teksten van het besturingssysteem in de melding."""
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"t": "een"})
    a.schrijf("1a", {"t": "twee"})
    a.pad.unlink()
    a.pad.mkdir()
    b = Antwoorden("blok1", map=tmp_path)
    assert b.lees("1a") == {"t": "een"}, "de back-up"
    tekst = " ".join(b.waarschuwingen)
    assert "kan niet gelezen worden (dit is een map)" in tekst
    assert "Is a directory" not in tekst and "beschadigd" not in tekst.split(".")[0]
    with pytest.raises(AntwoordenFout):
        b.schrijf("1a", {"t": "drie"})
