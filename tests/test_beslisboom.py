"""De beslisboom: de lezing van de dia's, lopen met antwoorden, en controle van de structuur."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingscode.model import MODEL_MAP, beslisboom
from samenwerkingscode.model.vormen import Samenwerkingsvorm
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout


def _kopie(tmp_path: Path, *vervangingen: tuple[str, str]) -> Path:
    tekst = (MODEL_MAP / "beslisboom.yml").read_text(encoding="utf-8")
    for oud, nieuw in vervangingen:
        assert oud in tekst, f"testopzet: '{oud}' staat niet in beslisboom.yml"
        tekst = tekst.replace(oud, nieuw, 1)
    pad = tmp_path / "beslisboom.yml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _regel(pad: Path, tekst: str) -> int:
    return next(i for i, r in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1) if tekst in r)


@pytest.mark.inhoud_kit
def test_vragen_en_labels_letterlijk_van_de_dias() -> None:
    assert [v.vraag for v in beslisboom.vragen()] == [
        "Kan ik het resultaat alleen behalen?",
        "Kan ik het nodige maken?",
        "Kan ik het nodige simpel inkopen?",
        "Kan ik het nodige leren en ontwikkelen?",
        "Gezamenlijk doel mogelijk?",
    ]
    ja_labels = [w.pad[-1].label for w in beslisboom.alle_wandelingen() if w.pad[-1].antwoord == "ja"]
    assert ja_labels[:3] == [
        "Ja!",
        "Ja, (deels) uit netwerken",
        "Ja, voor zover overeenstemming met een leverancier mogelijk is over wederzijdse prestaties en processen",
    ]
    w = beslisboom.loop(["nee"] * 4)
    assert (
        w.pad[-1].label == "Nee, daarvoor zal ik (ook) verplichtende afspraken moeten maken met een onzekere uitkomst"
    )
    assert [t.tekst for t in w.tussenstappen] == ["Wie zijn mogelijke partners en wat willen ze?"]
    assert beslisboom.laad_beslisboom().vertrekpunt == ["Doelen", "Strategie", "Opgaves"]


@pytest.mark.inhoud_kit
def test_uitkomsten_met_hun_acties() -> None:
    per_id = {u.id: u for u in beslisboom.uitkomsten()}
    assert per_id["eisen_netwerk"].acties == [
        "Definieer eisen aan netwerk (samenstelling/functies/investering en acceptabel risicoprofiel)"
    ]
    assert per_id["eisen_contract"].acties == ["Definieer eisen aan contractsamenwerking"]
    assert per_id["situaties_7_8"].acties == [
        "Strategie of doelen bijstellen",
        "Realisatieplan heroverwegen",
        "Niet doen",
    ]
    assert per_id["situaties_1_6"].titel == "Situaties 1 t/m 6?"
    assert per_id["situaties_7_8"].titel == "Situaties 7 & 8"
    assert per_id["zelf_doen"].herkomst == "kit"  # de dia toont daar alleen "Ja!"


def test_elke_stap_van_de_loop() -> None:
    begin = beslisboom.loop([])
    assert begin.pad == [] and begin.uitkomst is None and begin.vorm is None
    assert begin.volgende_vraag is not None and begin.volgende_vraag.id == "alleen_behalen"

    assert beslisboom.loop(["ja"]).uitkomst.id == "zelf_doen"
    assert beslisboom.loop(["ja"]).vorm is Samenwerkingsvorm.ZELF_DOEN
    assert beslisboom.loop(["nee", "ja"]).vorm is Samenwerkingsvorm.NETWERK
    assert beslisboom.loop(["nee", "nee", "ja"]).uitkomst.id == "eisen_contract"
    assert beslisboom.loop(["nee", "nee", "ja"]).vorm is Samenwerkingsvorm.CONTRACT_AFSTANDELIJK

    partnership = beslisboom.loop(["nee"] * 4)
    assert partnership.vorm is Samenwerkingsvorm.PARTNERSHIP
    assert partnership.volgende_vraag.id == "gezamenlijk_doel"
    assert partnership.uitkomst is None and not partnership.klaar
    assert partnership.knopen[-2:] == ["mogelijke_partners", "gezamenlijk_doel"]

    ja = beslisboom.loop(["nee"] * 4 + ["ja"])
    assert ja.uitkomst.id == "situaties_1_6" and ja.vorm is Samenwerkingsvorm.PARTNERSHIP and ja.klaar
    nee = beslisboom.loop(["nee"] * 5)
    assert nee.uitkomst.id == "situaties_7_8"
    assert nee.vorm is None  # geen gezamenlijk doel: geen partnership
    assert nee.antwoorden == ["nee"] * 5
    assert [s.vraag_id for s in nee.pad] == [
        "alleen_behalen", "nodige_maken", "simpel_inkopen", "leren_ontwikkelen", "gezamenlijk_doel",
    ]  # fmt: skip


def test_antwoorden_zijn_hoofdletterongevoelig() -> None:
    assert beslisboom.loop([" Nee", "JA"]).uitkomst.id == "eisen_netwerk"


@pytest.mark.parametrize(
    ("antwoorden", "melding"),
    [
        (
            ["misschien"],
            "Antwoord 1 ('misschien') past niet bij de vraag 'Kan ik het resultaat alleen behalen?'; kies 'ja' of 'nee'.",
        ),
        (["nee", "yes"], "Antwoord 2 ('yes') past niet bij de vraag 'Kan ik het nodige maken?'"),
        ([True], "Antwoord 1 (True) past niet"),
        (
            ["ja", "nee"],
            "Na de uitkomst 'Zelf doen' volgen geen vragen meer, maar je gaf nog 1 antwoord (vanaf antwoord 2)",
        ),
        (["nee"] * 7, "Na de uitkomst 'Situaties 7 & 8' volgen geen vragen meer, maar je gaf nog 2 antwoorden"),
        ("nee", "Geef de antwoorden als lijst"),
    ],
)
def test_ongeldige_antwoorden_geven_nederlandse_fout(antwoorden: list[str], melding: str) -> None:
    with pytest.raises(RegieFout) as fout:
        beslisboom.loop(antwoorden)
    assert melding in str(fout.value)


def test_alle_wandelingen_eindigen_bij_een_uitkomst() -> None:
    wandelingen = beslisboom.alle_wandelingen()
    assert [w.antwoorden for w in wandelingen] == [
        ["ja"], ["nee", "ja"], ["nee", "nee", "ja"], ["nee", "nee", "nee", "ja"],
        ["nee", "nee", "nee", "nee", "ja"], ["nee", "nee", "nee", "nee", "nee"],
    ]  # fmt: skip
    assert all(w.klaar and w.volgende_vraag is None for w in wandelingen)
    assert {w.uitkomst.id for w in wandelingen} == {u.id for u in beslisboom.uitkomsten()}


def test_vervangen_boom_verandert_de_uitkomst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kopie(tmp_path, ("      - Niet doen", "      - Niet doen\n      - Met de partijen in gesprek blijven"))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    assert beslisboom.loop(["nee"] * 5).uitkomst.acties[-1] == "Met de partijen in gesprek blijven"


def test_verwijzing_naar_onbekende_knoop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _kopie(tmp_path, ("        naar: eisen_netwerk", "        naar: eisen_netwerkk"))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout) as fout:
        beslisboom.loop(["nee"])
    tekst = str(fout.value)
    assert str(pad) in tekst
    assert (
        f"regel {_regel(pad, 'naar: eisen_netwerkk')}, veld 'vragen[2].opties[1].naar': 'nodige_maken' verwijst naar "
        "'eisen_netwerkk', maar die knoop bestaat niet; bedoel je 'eisen_netwerk'?"
    ) in tekst


def test_kringloop_wordt_geweigerd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kopie(tmp_path, ("    naar: gezamenlijk_doel", "    naar: nodige_maken"))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout) as fout:
        beslisboom.vragen()
    tekst = str(fout.value)
    assert "veld 'tussenstappen[1].naar'" in tekst
    assert "kringloop: nodige_maken → simpel_inkopen → leren_ontwikkelen → mogelijke_partners → nodige_maken" in tekst


def test_onbereikbare_knoop_en_dubbel_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    los = tmp_path / "los"
    los.mkdir()
    extra = "\n  - id: vergeten\n    titel: Vergeten uitkomst\n    acties: []\n"
    pad = los / "beslisboom.yml"
    pad.write_text((MODEL_MAP / "beslisboom.yml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(los))
    with pytest.raises(BestandFout) as fout:
        beslisboom.uitkomsten()
    assert (
        f"regel {_regel(pad, 'id: vergeten')}, veld 'uitkomsten[6].id': de knoop 'vergeten' is vanaf het begin "
        "('alleen_behalen') niet bereikbaar"
    ) in str(fout.value)

    dubbel = tmp_path / "dubbel"
    dubbel.mkdir()
    _kopie(dubbel, ("  - id: eisen_contract", "  - id: eisen_netwerk"))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(dubbel))
    with pytest.raises(BestandFout, match=r"het id 'eisen_netwerk' komt al voor bij uitkomsten\[2\]"):
        beslisboom.laad_beslisboom()


def test_onbekend_antwoord_in_het_bestand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _kopie(tmp_path, ("      - antwoord: ja\n        label: Ja!", "      - antwoord: jawel\n        label: Ja!"))
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    with pytest.raises(BestandFout) as fout:
        beslisboom.loop([])
    assert (
        f"regel {_regel(pad, 'antwoord: jawel')}, veld 'vragen[1].opties[1].antwoord': ongeldige waarde 'jawel'"
        in str(fout.value)
    )
