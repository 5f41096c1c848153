"""De beoordeelde checks en "Controleer mijn opdracht" (samenwerkingscode.nakijken).

Elke check wordt geprobeerd met een volledig, een deels goed, een leeg en een beschadigd
antwoordbestand, want dat zijn de gevallen die een trainer in een cohort tegenkomt. Deelpunten
worden ook door nbgraders eigen ``determine_grade`` gehaald, zodat we weten dat nbgrader precies
deze punten toekent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import canvas, opdrachten, toets
from samenwerkingscode.model.casus import kit_casus

PROJECT = Path(__file__).resolve().parent.parent
VOL_CANVAS = {s: f"iets over {s}" for s in canvas.sleutels()}
VERWACHT_2A = {"provincie-aannemer": "contract_afstandelijk", "praktijknetwerk": "netwerk"}
VERWACHT_3A: dict[str, Any] = {
    "graafwerk": "eisen_contract",
    "hydrologie": "eisen_netwerk",
    "vernatting": ["situaties_1_6", "situaties_7_8"],
}
VERWACHT_4A = {"kernzone-kavelruil": "trade_off", "overal-half-peil": "compromis", "vrijwillige-percelen": "compromis"}


def _schrijf(map: Path, blok: str, oefeningen: dict[str, Any]) -> str:
    """Schrijf een antwoordbestand zoals de widgets dat doen, en geef het pad als tekst."""
    opslag = Antwoorden(blok, map=map)
    for oefening, waarde in oefeningen.items():
        opslag.schrijf(oefening, waarde)
    return str(opslag.pad)


def _alle_scores(waarde: str = "deels") -> dict[str, str]:
    return dict.fromkeys(toets.deelvraag_sleutels(), waarde)


# --- Canvas --------------------------------------------------------------------------------------


def test_canvas_vol_geeft_alle_punten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pad = _schrijf(tmp_path, "blok1", {"1a": {"velden": VOL_CANVAS, "start": "leeg", "casus": None}})
    assert nakijken.canvas_volledig(pad, "1a", 9) == 9.0
    uit = capsys.readouterr()
    assert "9 van de 9 velden gevuld" in uit.out
    assert uit.err == "", "stderr kost in nbgrader alle punten"


def test_canvas_deels_geeft_deelpunten_als_float(tmp_path: Path) -> None:
    velden = dict(list(VOL_CANVAS.items())[:6]) | {"operatie": "   \n  "}
    pad = _schrijf(tmp_path, "blok1", {"1a": {"velden": velden}})
    punten = nakijken.canvas_volledig(pad, "1a", 9)
    assert punten == 6.0 and isinstance(punten, float)
    # 5 punten over 9 velden: afgerond op twee decimalen, nooit meer dan het maximum.
    assert nakijken.canvas_volledig(pad, "1a", 5) == 3.33


def test_canvas_leest_ook_het_opslagobject_en_lijsten(tmp_path: Path) -> None:
    opslag = Antwoorden("blok5", map=tmp_path)
    opslag.schrijf("5a_canvas", {"velden": {"partijen": ["Gemeente A", "Waterschap"], "doelen": "x"}})
    assert nakijken.canvas_volledig(opslag, "5a_canvas", 9) == 2.0


def test_canvas_leeg_en_ontbrekend_bestand_geven_nul(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert nakijken.canvas_volledig(str(tmp_path / "blok1"), "1a", 9) == 0.0
    assert "nog geen antwoord opgeslagen" in capsys.readouterr().out
    pad = _schrijf(tmp_path, "blok1", {"1b": {"tekst": "alleen een reflectie"}})
    assert nakijken.canvas_volledig(pad, "1a", 9) == 0.0


def test_canvas_beschadigd_zonder_backup_geeft_nul_en_melding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bestand = tmp_path / "blok1.antwoorden.json"
    bestand.write_text('{"schema": 1, "oefeningen": {"1a": {"velden": {', encoding="utf-8")
    assert nakijken.canvas_volledig(str(bestand), "1a", 9) == 0.0
    uit = capsys.readouterr()
    assert "Let op: Je antwoordbestand blok1.antwoorden.json is beschadigd" in uit.out
    assert uit.err == ""
    assert bestand.read_text(encoding="utf-8").endswith("{"), "nakijken schrijft nooit"


def test_canvas_beschadigd_valt_terug_op_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opslag = Antwoorden("blok1", map=tmp_path)
    opslag.schrijf("1a", {"velden": dict(list(VOL_CANVAS.items())[:4])})
    opslag.schrijf("1a", {"velden": VOL_CANVAS})  # de vorige versie staat nu in de back-up
    opslag.pad.write_bytes(b"\x00\x01 kapot")
    assert nakijken.canvas_volledig(opslag.pad, "1a", 9) == 4.0
    assert "back-up" in capsys.readouterr().out


@pytest.mark.parametrize(
    "inhoud",
    [
        {"1a": {"velden": "geen woordenboek"}},
        {"1a": {"velden": {"partijen": 12, "doelen": None, "bijdragen": {"a": 1}}}},
        {"1a": {"iets": "anders"}},
    ],
)
def test_canvas_vreemde_opbouw_crasht_niet(tmp_path: Path, inhoud: dict[str, Any]) -> None:
    pad = _schrijf(tmp_path, "blok1", inhoud)
    assert nakijken.canvas_volledig(pad, "1a", 9) == 0.0


def test_document_met_verkeerde_opbouw(capsys: pytest.CaptureFixture[str]) -> None:
    assert nakijken.canvas_volledig({"oefeningen": ["geen", "dict"]}, "1a", 9) == 0.0
    assert "niet de verwachte opbouw" in capsys.readouterr().out


def test_ongeldig_aantal_punten_is_een_fout_van_het_notebook() -> None:
    with pytest.raises(ValueError, match="punten"):
        nakijken.canvas_volledig({"oefeningen": {}}, "1a", -1)
    with pytest.raises(ValueError, match="punten"):
        nakijken.canvas_volledig({"oefeningen": {}}, "1a", float("nan"))


# --- Vormen, beslisboom, voorstellen ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("keuzes", "punten"),
    [
        ({"provincie-aannemer": "contract_afstandelijk", "praktijknetwerk": "netwerk", "bac": "partnership"}, 2.0),
        ({"provincie-aannemer": "contract_diep", "praktijknetwerk": " Netwerk "}, 1.0),
        ({"provincie-aannemer": "contract_afstandelijk"}, 1.0),
        ({"bac": "netwerk"}, 0.0),
        ({"provincie-aannemer": ["contract_afstandelijk"], "praktijknetwerk": None}, 0.0),
    ],
)
def test_vormen_score(tmp_path: Path, keuzes: dict[str, Any], punten: float) -> None:
    pad = _schrijf(tmp_path, "blok2", {"2a": {"keuzes": keuzes, "motivaties": {}}})
    assert nakijken.vormen_score(pad, "2a", VERWACHT_2A, 2) == punten


def test_vormen_leeg_en_beschadigd(tmp_path: Path) -> None:
    assert nakijken.vormen_score(str(tmp_path / "blok2"), "2a", VERWACHT_2A, 2) == 0.0
    (tmp_path / "blok2.antwoorden.json").write_text("[]", encoding="utf-8")
    assert nakijken.vormen_score(str(tmp_path / "blok2"), "2a", VERWACHT_2A, 2) == 0.0


@pytest.mark.parametrize(
    ("opgaven", "punten"),
    [
        (
            {
                "graafwerk": {"antwoorden": ["nee", "nee", "ja"]},
                "hydrologie": {"antwoorden": ["nee", "ja"]},
                "vernatting": {"antwoorden": ["nee", "nee", "nee", "nee", "ja"]},
            },
            3.0,
        ),
        # de andere tak bij het gezamenlijk doel telt ook
        ({"vernatting": {"antwoorden": ["nee", "nee", "nee", "nee", "nee"]}}, 1.0),
        # onaf: bij het partnership gestopt zonder de vraag naar het gezamenlijk doel
        ({"vernatting": {"antwoorden": ["nee", "nee", "nee", "nee"]}}, 0.0),
        # fout: de opgave ingekocht in plaats van uit het netwerk
        ({"hydrologie": {"antwoorden": ["nee", "nee", "ja"]}, "graafwerk": {"antwoorden": ["nee", "nee", "ja"]}}, 1.0),
        # ongeldig pad (antwoord na een uitkomst, onbekend antwoord, geen lijst)
        (
            {
                "graafwerk": {"antwoorden": ["nee", "nee", "ja", "ja"]},
                "hydrologie": {"antwoorden": ["misschien"]},
                "vernatting": {"antwoorden": "nee"},
            },
            0.0,
        ),
    ],
)
def test_beslisboom_score(tmp_path: Path, opgaven: dict[str, Any], punten: float) -> None:
    pad = _schrijf(tmp_path, "blok3", {"3a": {"opgaven": opgaven, "actief": "graafwerk"}})
    assert nakijken.beslisboom_score(pad, "3a", VERWACHT_3A, 3) == punten


def test_beslisboom_uitkomst() -> None:
    assert nakijken.beslisboom_uitkomst(["nee", "ja"]) == "eisen_netwerk"
    assert nakijken.beslisboom_uitkomst(["nee"]) is None
    assert nakijken.beslisboom_uitkomst(None) is None
    assert nakijken.beslisboom_uitkomst([1, 2]) is None


@pytest.mark.parametrize(
    ("indeling", "punten"),
    [
        (VERWACHT_4A, 3.0),
        ({**VERWACHT_4A, "kernzone-kavelruil": "compromis"}, 2.0),
        ({"overal-half-peil": "compromis"}, 1.0),
        ({}, 0.0),
        ({"kernzone-kavelruil": "misschien"}, 0.0),
    ],
)
def test_voorstellen_score(tmp_path: Path, indeling: dict[str, str], punten: float) -> None:
    pad = _schrijf(tmp_path, "blok4", {"4a": {"indeling": indeling, "motivaties": {}}})
    assert nakijken.voorstellen_score(pad, "4a", VERWACHT_4A, 3) == punten


def test_verwachte_indeling_4a_volgt_uit_het_model() -> None:
    from samenwerkingscode.model import schakelbak

    assert {v.id: schakelbak.beoordeel_voorstel(v).soort for v in schakelbak.voorstellen()} == VERWACHT_4A


# --- Toets ---------------------------------------------------------------------------------------


def test_toets_per_moment_alles_of_niets(tmp_path: Path) -> None:
    onvolledig = _alle_scores()
    del onvolledig["werkt_energie"]
    momenten = {"2019": _alle_scores("volledig"), "2021": _alle_scores("niet_van_toepassing"), "2023": onvolledig}
    pad = _schrijf(tmp_path, "blok4", {"4b": {"momenten": momenten, "actief": "2023"}})
    assert nakijken.toets_volledig(pad, "4b", ["2019", "2021", "2023"], 3) == 2.0


def test_toets_ongeldige_schaalwaarde_telt_niet(tmp_path: Path) -> None:
    scores = _alle_scores() | {"kan_mandaat": "heel goed"}
    pad = _schrijf(tmp_path, "blok4", {"4b": {"momenten": {"2019": scores}}})
    assert nakijken.toets_volledig(pad, "4b", ["2019"], 1) == 0.0


def test_toets_per_deelvraag(tmp_path: Path) -> None:
    tien = dict(list(_alle_scores().items())[:10])
    pad = _schrijf(tmp_path, "blok5", {"5a_toets": {"momenten": {"nu": tien}}})
    totaal = len(toets.deelvraag_sleutels())
    assert nakijken.toets_volledig(pad, "5a_toets", ["nu"], 5, per_deelvraag=True) == round(5 * 10 / totaal, 2)
    assert nakijken.toets_volledig(pad, "5a_toets", ["nu"], 5) == 0.0


def test_toets_leeg_en_zonder_momenten(tmp_path: Path) -> None:
    assert nakijken.toets_volledig(str(tmp_path / "blok4"), "4b", ["2019"], 3) == 0.0
    with pytest.raises(ValueError, match="moment"):
        nakijken.toets_volledig(str(tmp_path / "blok4"), "4b", [], 3)


# --- Deelpunten zoals nbgrader ze leest --------------------------------------------------------------


@pytest.mark.parametrize(("gevuld", "maximaal"), [(9, 9), (6, 9), (0, 9), (8, 5), (1, 5)])
def test_nbgrader_kent_precies_deze_deelpunten_toe(tmp_path: Path, gevuld: int, maximaal: int) -> None:
    """De laatste expressie van een testcel (repr van de float) wordt door determine_grade gelezen."""
    from nbformat.v4 import new_code_cell, new_output
    from nbgrader.utils import determine_grade

    pad = _schrijf(tmp_path, "blok1", {"1a": {"velden": dict(list(VOL_CANVAS.items())[:gevuld])}})
    punten = nakijken.canvas_volledig(pad, "1a", maximaal)
    cel = new_code_cell("nakijken.canvas_volledig(...)")
    cel.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": maximaal, "grade_id": "t"}
    cel.outputs = [
        new_output("stream", name="stdout", text="Oefening 1a: ...\n"),
        new_output("execute_result", data={"text/plain": repr(punten)}, execution_count=1),
    ]
    score, maximum = determine_grade(cel)
    assert maximum == maximaal
    assert score == pytest.approx(round(maximaal * gevuld / 9, 2))
    assert 0 <= score <= maximaal


# --- Reflecties en weergave voor de trainer -----------------------------------------------------------


def test_toon_reflectie_laat_tekst_en_keuzes_zien(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pad = _schrijf(
        tmp_path,
        "blok4",
        {"4c": {"huidige_vorm": "partnership", "signalen": ["rolconflict"], "tekst": "Eerst het mandaat regelen."}},
    )
    nakijken.toon_antwoord("blok4", "4c", opslag=pad)
    uit = capsys.readouterr().out
    assert "Antwoord op 4c (4 woorden)" in uit
    assert "Huidige vorm: Partnership" in uit and "Signalen: rolconflict" in uit
    assert "Eerst het mandaat regelen." in uit
    pad3 = _schrijf(tmp_path, "blok3", {"3b": {"situatie": 5, "tekst": "Een ruil."}})
    nakijken.toon_antwoord("blok3", "3b", opslag=pad3)
    assert "Gekozen situatie: 5 – " in capsys.readouterr().out
    nakijken.toon_antwoord("blok1", "1b", opslag=str(tmp_path / "blok9"))
    assert "(nog leeg)" in capsys.readouterr().out


# --- Controleer mijn opdracht -----------------------------------------------------------------------


def test_controle_noemt_lege_canvasvelden_en_lege_reflectie(tmp_path: Path) -> None:
    zes = {k: v for k, v in VOL_CANVAS.items() if k not in ("operatie", "levenscyclus", "investeringen_opbrengsten")}
    pad = _schrijf(tmp_path, "blok1", {"1a": {"velden": zes}})
    rapport = nakijken.controleer_opdracht("blok1", pad)
    regels = rapport.tekst().splitlines()
    assert (
        "✗ 1a – Het canvas van de BAC: nog 3 velden leeg (Operatie, Levenscyclus, Investeringen/Opbrengsten)" in regels
    )
    assert "✗ 1b – Kern en afsprakenvelden: nog leeg" in regels
    assert not rapport.klaar
    assert "Nog 2 onderdelen niet af" in rapport.tekst()


def test_controle_alles_klaar_met_woordhint(tmp_path: Path) -> None:
    pad = _schrijf(tmp_path, "blok1", {"1a": {"velden": VOL_CANVAS}, "1b": {"tekst": "kort antwoord"}})
    rapport = nakijken.controleer_opdracht("blok1", pad)
    assert rapport.klaar
    assert rapport.status("1a").melding == "alle 9 velden gevuld"
    assert rapport.status("1b").melding == "ingevuld, maar kort: 2 woorden (gevraagd: 200 tot 300)"
    assert "Je kunt je opdracht inleveren" in str(rapport)


def test_controle_blok2_noemt_relaties_zonder_vorm_of_motivatie(tmp_path: Path) -> None:
    keuzes = {"provincie-aannemer": "contract_diep", "bac": "netwerk"}
    motivaties = {"provincie-aannemer": "Een levering.", "bac": ""}
    pad = _schrijf(tmp_path, "blok2", {"2a": {"keuzes": keuzes, "motivaties": motivaties}})
    melding = nakijken.controleer_opdracht("blok2", pad).status("2a").melding
    assert melding.startswith("nog geen vorm gekozen voor De provincie en de terreinbeheerders, ")
    assert "nog geen motivatie bij De provincie en de terreinbeheerders, De BAC," in melding


def test_controle_verklapt_niet_of_een_keuze_goed_is(tmp_path: Path) -> None:
    """Een volledig ingevuld, fout antwoord geeft hetzelfde rapport als het modelantwoord."""
    relaties = [r.id for r in opdrachten.laad_casusoefeningen().keuzes("2a", "relaties")]
    motivaties = dict.fromkeys(relaties, "Omdat het zo is.")
    goed = _schrijf(
        tmp_path / "goed",
        "blok2",
        {"2a": {"keuzes": dict.fromkeys(relaties, "netwerk") | VERWACHT_2A, "motivaties": motivaties}},
    )
    fout = _schrijf(
        tmp_path / "fout", "blok2", {"2a": {"keuzes": dict.fromkeys(relaties, "partnership"), "motivaties": motivaties}}
    )
    assert nakijken.controleer_opdracht("blok2", goed).tekst() == nakijken.controleer_opdracht("blok2", fout).tekst()
    assert "contract_afstandelijk" not in nakijken.controleer_opdracht("blok2", goed).tekst()


def test_controle_blok3_en_blok4(tmp_path: Path) -> None:
    pad3 = _schrijf(
        tmp_path,
        "blok3",
        {
            "3a": {
                "opgaven": {"graafwerk": {"antwoorden": ["nee", "nee", "ja"]}, "vernatting": {"antwoorden": ["nee"]}}
            },
            "3b": {"situatie": None, "tekst": "Ik twijfel nog."},
            "3c": {"tekst": "   "},
        },
    )
    r3 = nakijken.controleer_opdracht("blok3", pad3)
    assert r3.status("3a").melding == (
        "nog geen uitkomst bij Kennis over hydrologie delen tussen terreinbeheerders, Vernatting op landbouwgrond "
        "realiseren (loop de beslisboom tot het einde)"
    )
    assert r3.status("3b").melding == "nog geen situatie gekozen"
    assert r3.status("3c").melding == "nog leeg"

    onvolledig = _alle_scores()
    for sleutel in ("kan_mandaat", "kan_budget"):
        del onvolledig[sleutel]
    pad4 = _schrijf(
        tmp_path,
        "blok4",
        {
            "4a": {"indeling": {"overal-half-peil": "trade_off"}},
            "4b": {"momenten": {"2019": _alle_scores(), "2021": onvolledig}},
            "4c": {"huidige_vorm": None, "signalen": [], "tekst": "Een interventie."},
        },
    )
    r4 = nakijken.controleer_opdracht("blok4", pad4)
    regels = r4.tekst().splitlines()
    assert (
        "✗ 4a – Trade-off of compromis?: nog niet ingedeeld: Volledige vernatting in de kernzone, met kavelruil, "
        "Vernatting alleen op vrijwillig aangeboden percelen" in regels
    )
    totaal = len(toets.deelvraag_sleutels())
    assert (
        f"✗ 4b – De toets op drie momenten – scores: Springendal in 2021: nog 2 van de {totaal} deelvragen niet "
        f"gescoord; Springendal in 2023: nog {totaal} van de {totaal} deelvragen niet gescoord"
    ) in regels
    assert "✗ 4b – De toets op drie momenten – interpretatie: nog leeg" in regels
    assert "✗ 4c – Interventie formuleren: nog geen huidige samenwerkingsvorm gekozen in de Schakelbak" in regels


def test_controle_beschadigd_bestand_crasht_niet(tmp_path: Path) -> None:
    (tmp_path / "blok5.antwoorden.json").write_text("{kapot", encoding="utf-8")
    rapport = nakijken.controleer_opdracht("blok5", str(tmp_path / "blok5"))
    assert not rapport.klaar
    assert all(s.melding == "nog leeg" for s in rapport.onderdelen)
    assert rapport.waarschuwingen and "beschadigd" in rapport.waarschuwingen[0]
    assert "Let op:" in rapport.tekst() and "Let op:" in rapport._repr_html_()


def test_controle_vreemd_opgeslagen_antwoord(tmp_path: Path) -> None:
    pad = _schrijf(tmp_path, "blok4", {"4b": {"momenten": ["geen", "dict"]}, "4a": {"indeling": "x"}})
    r = nakijken.controleer_opdracht("blok4", pad)
    assert r.status("4a").melding == "nog leeg"
    assert r.status("4b").melding == "nog leeg"


def test_controle_onbekend_blok() -> None:
    from samenwerkingscode.model.yamlbestand import RegieFout

    with pytest.raises(RegieFout, match="Onbekend blok 'blok9'"):
        nakijken.controleer_opdracht("blok9", {"oefeningen": {}})


def test_controleer_knop_ververst_na_invullen(tmp_path: Path) -> None:
    opslag = Antwoorden("blok1", map=tmp_path)
    from samenwerkingscode.widgets.controle import ControleerKnop

    knop = ControleerKnop("blok1", opslag)
    assert "1b – Kern en afsprakenvelden: nog leeg" in knop.uitvoer.value
    opslag.schrijf("1b", {"tekst": "Mijn antwoord."})
    knop.knop.click()
    assert "1b – Kern en afsprakenvelden: ingevuld" in knop.uitvoer.value
    bundel = knop._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundel
    assert "Controleer mijn opdracht – Blok 1" in bundel["text/plain"]


def test_toon_status_zichtbaar_deel_van_de_testcel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pad = _schrijf(tmp_path, "blok3", {"3a": {"opgaven": {}}})
    assert nakijken.toon_status("blok3", "3a", opslag=pad) is None
    assert capsys.readouterr().out.strip() == "3a – De beslisboom lopen: nog leeg"
    nakijken.toon_status("blok3", "9z", opslag=pad)
    assert "kon niet worden bepaald" in capsys.readouterr().out


# --- De onderdelen per blok (opdrachten.yml) ----------------------------------------------------------


def test_opdrachten_bevat_geen_antwoorden() -> None:
    tekst = (PROJECT / "samenwerkingscode" / "model" / "opdrachten.yml").read_text(encoding="utf-8")
    for verboden in ("contract_afstandelijk", "trade_off", "compromis\n", "eisen_contract", "situaties_", "verwacht"):
        assert verboden not in tekst


def test_oefencasus_voegt_het_praktijknetwerk_toe() -> None:
    from samenwerkingscode.model.casus import Casus

    casus = opdrachten.oefencasus("springendal-mosbeek", "2a")
    assert isinstance(casus, Casus)
    ids = [r.id for r in casus.relaties]
    assert {r.id for r in opdrachten.laad_casusoefeningen().keuzes("2a", "relaties")} <= set(ids)
    assert opdrachten.oefencasus("springendal-mosbeek", "1a") == kit_casus("springendal-mosbeek")


def test_kit_casus_werkt_vanuit_elke_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pad = kit_casus("springendal-mosbeek")
    assert pad.is_file() and pad.name == "springendal-mosbeek.yml"
    assert not kit_casus("bestaat-niet").exists()


def test_modelantwoorden_staan_naast_de_bron_en_zijn_volledig() -> None:
    """Het modelantwoord naast elk bronnotebook is geldig, volledig ingevuld en haalt alle automatische punten."""
    for blok in opdrachten.beoordeelde_notebooks():
        pad = PROJECT / "notebooks" / blok / f"{blok}.antwoorden.json"
        document = json.loads(pad.read_text(encoding="utf-8"))
        assert document["schema"] == 1 and document["notebook"] == blok
        assert nakijken.controleer_opdracht(blok, document).klaar
        sleutels = yaml.safe_load((PROJECT / "notebooks" / "sleutels" / "springendal-mosbeek.yml").read_text())
        for o in opdrachten.blok(blok).onderdelen:
            if o.beoordeling == "automatisch":
                verwacht = sleutels["sleutels"].get(o.sleutel)
                assert nakijken.beoordeel(blok, o.sleutel, verwacht, opslag=document) == o.max_punten


def test_leeg_antwoord_is_nul_zonder_nakijkfout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Een deelnemer die niets invulde, krijgt 0 met "nog leeg" — geen melding dat het nakijken mislukte."""
    assert nakijken.beoordeel("blok1", "1a", opslag=str(tmp_path / "blok1")) == 0.0
    uit = capsys.readouterr().out
    assert "nog leeg" in uit and nakijken.NAKIJKFOUT not in uit


def test_onleesbaar_antwoordbestand_geeft_nakijkfout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Een antwoordbestand zonder de verwachte opbouw is geen 0 maar "nakijken mislukt" voor de trainer."""
    assert nakijken.beoordeel("blok1", "1a", opslag={"geen": "oefeningen"}) == 0.0
    assert capsys.readouterr().out.startswith(nakijken.NAKIJKFOUT)


def test_fout_in_de_check_geeft_nakijkfout(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Een fout in de kit zelf (hier: een kapotte canvasmodule) is nooit een stille nul."""
    from samenwerkingscode.model import canvas

    def kapot(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("kapot modelbestand")

    monkeypatch.setattr(canvas, "volledigheid", kapot)
    document = {"oefeningen": {"5a_canvas": {"velden": {"partijen": "A"}}}}
    assert nakijken.beoordeel("blok5", "5a_canvas", opslag=document) == 0.0
    uit = capsys.readouterr().out
    assert uit.startswith(f"{nakijken.NAKIJKFOUT} oefening 5a_canvas kon niet worden nagekeken: RuntimeError: kapot")


def test_1a_geeft_punten_voor_eigen_werk_niet_voor_klaargezette_feiten() -> None:
    """Wie alleen de casusfeiten laat staan, krijgt 0; wie in drie velden aanvult of schrapt, 3 van de 9."""
    from samenwerkingscode.model.casus import canvas_inhoud, laad_casus

    klaar = {k: "\n".join(v) for k, v in canvas_inhoud(laad_casus(kit_casus("springendal-mosbeek"))).items()}
    assert nakijken.beoordeel("blok1", "1a", opslag={"oefeningen": {"1a": {"velden": klaar}}}) == 0.0
    eigen = dict(klaar)
    eigen["operatie"] = "Een projectteam onder leiding van LTO Noord"  # was leeg: aangevuld
    eigen["doelen"] = klaar["doelen"] + "\nGezamenlijk: natte natuur met perspectief voor de landbouw"  # aangevuld
    eigen["regels"] = klaar["regels"].split("\n", 1)[1]  # een regel geschrapt
    assert nakijken.beoordeel("blok1", "1a", opslag={"oefeningen": {"1a": {"velden": eigen}}}) == 3.0


def test_testcel_zonder_sleutel_geeft_nakijkfout(capsys: pytest.CaptureFixture[str]) -> None:
    assert nakijken.beoordeel("blok2", "2a", opslag={"oefeningen": {}}) == 0.0
    assert nakijken.NAKIJKFOUT in capsys.readouterr().out


def test_kapot_antwoordbestand_zonder_backup_geeft_nakijkfout_met_reden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Een antwoordbestand met een getal van 5000 cijfers (en geen back-up) is "nakijken mislukt", geen 0."""
    pad = tmp_path / "blok1.antwoorden.json"
    pad.write_text('{"schema": 1, "notebook": "blok1", "oefeningen": {"1a": {"x": ' + "9" * 5000 + "}}}")
    assert nakijken.beoordeel("blok1", "1a", opslag=pad) == 0.0
    uit = capsys.readouterr().out
    assert nakijken.NAKIJKFOUT in uit and "blok1.antwoorden.json" in uit


def test_1a_kijkt_na_zonder_casusbestand_met_de_klaargezette_feiten_uit_de_test(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In de zandbak of op een hub is er geen casusbestand: de testcel geeft de klaargezette feiten mee."""
    from samenwerkingscode.model import casus as casusmodule

    klaar = {"partijen": ["Provincie"], "doelen": ["Natuur"]}
    monkeypatch.setattr(casusmodule, "kit_casus", lambda *_a, **_k: Path("/bestaat/niet.yml"))
    document = {"oefeningen": {"1a": {"velden": {"partijen": "Provincie\nWaterschap", "doelen": "Natuur"}}}}
    assert nakijken.beoordeel("blok1", "1a", klaar, opslag=document) == 1.0  # 1 van de 9 velden aangevuld
