"""De Schakelbak: trade-off of compromis, schakelen per signaal en vanuit de toets, regels als data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from samenwerkingscode.model import MODEL_MAP, schakelbak, toets
from samenwerkingscode.model.schakelbak import GeconsolideerdDoel, OpgegevenDoel, PartijDoelen, Voorstel
from samenwerkingscode.model.vormen import Samenwerkingsvorm
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout

BRON = MODEL_MAP / "schakelbak.yml"
VOORSTELLEN = MODEL_MAP / "voorstellen.yml"


@pytest.fixture(autouse=True)
def _geen_eigen_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIE_MODEL_MAP", raising=False)


def _eigen_kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, oud: str, nieuw: str, bron: Path = BRON) -> Path:
    tekst = bron.read_text(encoding="utf-8")
    assert oud in tekst, f"testopzet: {oud!r} staat niet in het modelbestand"
    pad = tmp_path / bron.name
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    return pad


def _voorstel(gehaald: str, opgegeven: list[OpgegevenDoel]) -> Voorstel:
    return Voorstel(
        id="test",
        titel="Testvoorstel",
        beschrijving="Een voorstel om de regels te testen.",
        gezamenlijk_doel_gehaald=gehaald,  # type: ignore[arg-type]
        gevolgen_voor_doel="De kernzone wordt niet nat genoeg.",
        doelen=GeconsolideerdDoel(
            gezamenlijk_doel="Natte natuur in het beekdal",
            partijen=[
                PartijDoelen(partij="Agrariër", gediend=["Zekerheid"], opgegeven=opgegeven),
                PartijDoelen(partij="Provincie", gediend=["Natura 2000-doelen"]),
            ],
        ),
    )


# --- Trade-off of compromis ----------------------------------------------------------------------


def test_trade_off_doel_heel_en_tegenprestatie() -> None:
    b = schakelbak.beoordeel_voorstel(
        _voorstel("volledig", [OpgegevenDoel(doel="Landbouw op perceel A", tegenprestatie="Perceel B via kavelruil")])
    )
    assert b.soort == "trade_off"
    assert "Agrariër: 'Landbouw op perceel A' in ruil voor 'Perceel B via kavelruil'" in b.uitleg
    assert b.kosten_voor_gezamenlijk_doel.startswith("Geen.")
    assert b.zonder_tegenprestatie == []


def test_afgeschaafd_doel_is_compromis_ook_met_tegenprestaties() -> None:
    b = schakelbak.beoordeel_voorstel(
        _voorstel("deels", [OpgegevenDoel(doel="Landbouw op perceel A", tegenprestatie="Ruime vergoeding")])
    )
    assert b.soort == "compromis"
    assert b.uitleg.startswith("Compromis: het gezamenlijk doel wordt maar deels gehaald.")
    assert (
        b.kosten_voor_gezamenlijk_doel
        == "Het gezamenlijk doel wordt maar deels gehaald. De kernzone wordt niet nat genoeg."
    )


def test_doel_niet_gehaald() -> None:
    b = schakelbak.beoordeel_voorstel(_voorstel("niet", []))
    assert b.soort == "compromis"
    assert "wordt niet gehaald" in b.kosten_voor_gezamenlijk_doel


def test_opgeven_zonder_tegenprestatie_is_geen_trade_off() -> None:
    b = schakelbak.beoordeel_voorstel(
        _voorstel("volledig", [OpgegevenDoel(doel="Landbouw op perceel A", tegenprestatie="  ")])
    )
    assert b.soort == "compromis"
    assert b.zonder_tegenprestatie == ["Agrariër: Landbouw op perceel A"]
    assert "niet elk opgegeven doel heeft een tegenprestatie (Agrariër: Landbouw op perceel A)" in b.uitleg
    assert b.kosten_voor_gezamenlijk_doel.startswith("Geen.")


def test_niets_opgegeven_is_lichte_trade_off() -> None:
    b = schakelbak.beoordeel_voorstel(_voorstel("volledig", []))
    assert b.soort == "trade_off"
    assert "geen partij geeft een eigen doel op" in b.uitleg


@pytest.mark.inhoud_kit
def test_lesvoorbeelden_4a() -> None:
    ids = [v.id for v in schakelbak.voorstellen()]
    assert ids == ["kernzone-kavelruil", "overal-half-peil", "vrijwillige-percelen"]
    assert schakelbak.beoordeel_voorstel("kernzone-kavelruil").soort == "trade_off"
    assert schakelbak.beoordeel_voorstel("overal-half-peil").soort == "compromis"
    derde = schakelbak.beoordeel_voorstel("vrijwillige-percelen")
    assert derde.soort == "compromis"
    assert derde.zonder_tegenprestatie == []  # iedereen krijgt iets, toch wordt het doel afgeschaafd


def test_voorstellenbestand_verklapt_het_antwoord_niet() -> None:
    tekst = VOORSTELLEN.read_text(encoding="utf-8").lower()
    inhoud = tekst.split("\nvoorstellen:", 1)[1]
    for verboden in ("trade-off", "trade_off", "compromis", "soort:"):
        assert verboden not in inhoud, verboden
    ruw = yaml.safe_load(VOORSTELLEN.read_text(encoding="utf-8"))
    assert ruw["herkomst"] == "kit"
    assert "geen echte besluiten" in ruw["toelichting"]
    assert all(v["herkomst"] == "kit" for v in ruw["voorstellen"])


def test_onbekend_voorstel() -> None:
    with pytest.raises(RegieFout, match=r"Onbekend voorstel 'overal-halfpeil' \(bedoel je 'overal-half-peil'\?\)"):
        schakelbak.beoordeel_voorstel("overal-halfpeil")


def test_dubbele_partij_in_geconsolideerde_doelen() -> None:
    with pytest.raises(ValueError, match="staat er twee keer in"):
        GeconsolideerdDoel(gezamenlijk_doel="x", partijen=[PartijDoelen(partij="LTO"), PartijDoelen(partij="lto")])


# --- Schakelen -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vorm", "signaal", "richting", "naar"),
    [
        ("netwerk", "bijdragen_niet_gezekerd", "op", "contract_afstandelijk"),
        ("netwerk", "risico_bij_een_partij", "op", "contract_diep"),
        ("contract_diep", "risico_bij_een_partij", "op", "partnership"),
        ("netwerk", "leren_en_ontwikkelen", "op", "partnership"),
        ("zelf_doen", "afspraken_vrijblijvend", "op", "netwerk"),
        ("partnership", "energie_onevenredig", "terug", "contract_diep"),
        ("partnership", "eenvoudig_in_te_kopen", "terug", "contract_afstandelijk"),
        ("partnership", "gezamenlijk_doel_niet_nodig", "terug", "netwerk"),
        ("partnership", "geen_gezamenlijk_doel", "stap_terug", None),
        ("contract_diep", "doelen_sluiten_elkaar_uit", "stap_terug", None),
        ("partnership", "mandaat_ontbreekt", "stap_terug", None),
        ("partnership", "geen_besliscriteria", "blijven", "partnership"),
        ("netwerk", "belangen_niet_expliciet", "blijven", "netwerk"),
        ("partnership", "rolconflict", "blijven", "partnership"),
        ("partnership", "bijdragen_niet_gezekerd", "blijven", "partnership"),  # al in de hoogste versnelling
        ("zelf_doen", "energie_onevenredig", "blijven", "zelf_doen"),  # al in de laagste versnelling
    ],
)
def test_richting_per_signaal(vorm: str, signaal: str, richting: str, naar: str | None) -> None:
    s = schakelbak.stel_schakeling_voor(vorm, [signaal])
    assert s.richting == richting
    assert s.naar_vorm == (Samenwerkingsvorm(naar) if naar else None)
    assert s.van_vorm == Samenwerkingsvorm(vorm)
    assert s.interventies, "elke schakeling hoort interventies te geven"
    assert s.interventies[0] == schakelbak.signaal(signaal).interventies[0]


def test_uitleg_noemt_vormen_en_signalen() -> None:
    s = schakelbak.stel_schakeling_voor(Samenwerkingsvorm.NETWERK, ["bijdragen_niet_gezekerd"])
    assert s.uitleg.startswith("Schakel op van Netwerk naar Contract-samenwerking afstandelijk.")
    assert "Signalen: Essentiële bijdragen zijn (nog?) niet gezekerd." in s.uitleg
    hoogste = schakelbak.stel_schakeling_voor("partnership", ["risico_bij_een_partij"])
    assert "al in de hoogste versnelling (Partnership)" in hoogste.uitleg


def test_voorrang_en_tegenstrijdige_signalen() -> None:
    s = schakelbak.stel_schakeling_voor(
        "contract_diep", ["energie_onevenredig", "bijdragen_niet_gezekerd", "geen_besliscriteria"]
    )
    assert s.richting == "op"
    assert s.naar_vorm == Samenwerkingsvorm.PARTNERSHIP
    assert "splits de opgave" in s.uitleg
    terug = schakelbak.signaal("energie_onevenredig").interventies
    assert not set(terug) & set(s.interventies), "interventies van de verliezende richting horen er niet bij"
    assert schakelbak.signaal("geen_besliscriteria").interventies[0] in s.interventies
    stap = schakelbak.stel_schakeling_voor("partnership", ["bijdragen_niet_gezekerd", "mandaat_ontbreekt"])
    assert stap.richting == "stap_terug" and stap.naar_vorm is None


def test_geen_signalen_is_blijven() -> None:
    s = schakelbak.stel_schakeling_voor("contract_afstandelijk")
    assert s.richting == "blijven"
    assert s.naar_vorm == Samenwerkingsvorm.CONTRACT_AFSTANDELIJK
    assert s.interventies == []
    assert "geen reden om te schakelen" in s.uitleg


@pytest.mark.parametrize(
    ("trede", "richting", "naar"),
    [
        ("kan", "stap_terug", None),
        ("klopt", "blijven", "partnership"),
        ("werkt", "blijven", "partnership"),
        ("levert", "terug", "contract_diep"),
    ],
)
def test_schakeling_uit_de_toets(trede: str, richting: str, naar: str | None) -> None:
    antwoorden = dict.fromkeys(toets.deelvraag_sleutels(), "volledig")
    antwoorden |= {k: "niet_geregeld" for k in toets.deelvraag_sleutels() if k.startswith(trede + "_")}
    uitslag = toets.scoor(antwoorden)
    assert uitslag.zwakste_trede == trede
    s = schakelbak.stel_schakeling_voor("partnership", toets_uitslag=uitslag)
    assert s.richting == richting
    assert s.naar_vorm == (Samenwerkingsvorm(naar) if naar else None)
    verwacht = schakelbak.laad_schakelbak().uit_toets[trede]  # type: ignore[index]
    assert s.signalen == verwacht
    assert f"De toets wijst naar de trede '{toets.toetsvraag(trede).vraag}'" in s.uitleg


def test_werkt_vanuit_netwerk_schakelt_op() -> None:
    antwoorden = dict.fromkeys(toets.deelvraag_sleutels(), "volledig") | {
        "werkt_bijdragen": "niet_geregeld",
        "werkt_besluiten": "niet_geregeld",
        "werkt_energie": "deels",
    }
    s = schakelbak.stel_schakeling_voor("netwerk", toets_uitslag=toets.scoor(antwoorden))
    assert (s.richting, s.naar_vorm) == ("op", Samenwerkingsvorm.CONTRACT_AFSTANDELIJK)


def test_uitslag_als_tweede_argument() -> None:
    antwoorden = dict.fromkeys(toets.deelvraag_sleutels(), "volledig") | {
        "kan_mandaat": "niet_geregeld",
        "kan_budget": "deels",
    }
    uitslag = toets.scoor(antwoorden)
    s = schakelbak.stel_schakeling_voor("partnership", uitslag)
    assert s == schakelbak.stel_schakeling_voor("partnership", toets_uitslag=uitslag)
    assert s.richting == "stap_terug"
    with pytest.raises(RegieFout, match="maar één keer"):
        schakelbak.stel_schakeling_voor("partnership", uitslag, toets_uitslag=uitslag)


def test_toets_op_orde() -> None:
    uitslag = toets.scoor(dict.fromkeys(toets.deelvraag_sleutels(), "volledig"))
    s = schakelbak.stel_schakeling_voor("netwerk", ["rolconflict"], toets_uitslag=uitslag)
    assert s.richting == "blijven"
    assert s.signalen == ["rolconflict", "samenwerking_op_orde"]
    assert "Volgens de toets halen alle gescoorde treden hun drempel." in s.uitleg


def test_onbekend_signaal_en_vorm() -> None:
    with pytest.raises(RegieFout, match=r"Onbekend signaal 'mandaat_ontbreek' \(bedoel je 'mandaat_ontbreekt'\?\)"):
        schakelbak.stel_schakeling_voor("netwerk", ["mandaat_ontbreek"])
    with pytest.raises(
        RegieFout, match=r"Onbekende samenwerkingsvorm 'partnershp' \(bedoel je 'partnership'\?\); kies uit zelf_doen"
    ):
        schakelbak.stel_schakeling_voor("partnershp", [])


def test_versnellingen_in_volgorde_van_binding() -> None:
    assert [v.vorm for v in schakelbak.versnellingen()] == [v.value for v in Samenwerkingsvorm]
    assert schakelbak.versnellingen()[0].term == "Zelf doen"


# --- Regels als data -----------------------------------------------------------------------------


def test_richting_van_signaal_uit_de_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert schakelbak.stel_schakeling_voor("partnership", ["rolconflict"]).richting == "blijven"
    oud = "  - sleutel: rolconflict\n    label: Een partij combineert rollen die botsen\n    herkomst: kit\n    richting: blijven"
    _eigen_kopie(tmp_path, monkeypatch, oud, oud.replace("richting: blijven", "richting: stap_terug"))
    s = schakelbak.stel_schakeling_voor("partnership", ["rolconflict"])
    assert (s.richting, s.naar_vorm) == ("stap_terug", None)


def test_trede_naar_signaal_uit_de_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(tmp_path, monkeypatch, "  levert: [energie_onevenredig]", "  levert: [risico_bij_een_partij]")
    antwoorden = dict.fromkeys(toets.deelvraag_sleutels(), "volledig") | {
        k: "niet_geregeld" for k in toets.deelvraag_sleutels() if k.startswith("levert_")
    }
    s = schakelbak.stel_schakeling_voor("netwerk", toets_uitslag=toets.scoor(antwoorden))
    assert (s.richting, s.naar_vorm) == ("op", Samenwerkingsvorm.CONTRACT_DIEP)


def test_voorstel_uit_eigen_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(
        tmp_path,
        monkeypatch,
        "    gezamenlijk_doel_gehaald: volledig",
        "    gezamenlijk_doel_gehaald: deels",
        bron=VOORSTELLEN,
    )
    assert schakelbak.beoordeel_voorstel("kernzone-kavelruil").soort == "compromis"


def test_onbekend_signaal_in_uit_toets_noemt_veld_en_regel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _eigen_kopie(tmp_path, monkeypatch, "  werkt: [bijdragen_niet_gezekerd]", "  werkt: [bijdragen_niet_gezeker]")
    with pytest.raises(BestandFout) as fout:
        schakelbak.stel_schakeling_voor("netwerk", ["rolconflict"])
    probleem = fout.value.problemen[0]
    assert probleem.veld == "uit_toets.werkt[1]"
    assert "onbekend signaal 'bijdragen_niet_gezeker' (bedoel je 'bijdragen_niet_gezekerd'?)" in probleem.melding
    tekst = pad.read_text(encoding="utf-8")
    assert probleem.regel == tekst[: tekst.index("  werkt: [bijdragen_niet_gezeker]")].count("\n") + 1
    assert str(pad) in str(fout.value)


def test_ongeldige_richting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(tmp_path, monkeypatch, "    richting: terug\n", "    richting: achteruit\n")
    with pytest.raises(BestandFout, match=r"veld 'signalen\[5\]\.richting': ongeldige waarde 'achteruit'"):
        schakelbak.signalen()


def test_ongeldige_voorstel_waarde(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _eigen_kopie(
        tmp_path,
        monkeypatch,
        "    gezamenlijk_doel_gehaald: deels",
        "    gezamenlijk_doel_gehaald: half",
        bron=VOORSTELLEN,
    )
    with pytest.raises(
        BestandFout, match=r"veld 'voorstellen\[2\]\.gezamenlijk_doel_gehaald': ongeldige waarde 'half'"
    ):
        schakelbak.voorstellen()


def test_termen_bestaan_in_het_idioom() -> None:
    from samenwerkingscode.model import idioom

    termen: list[str] = []
    for pad in (BRON, VOORSTELLEN, MODEL_MAP / "typologie.yml", MODEL_MAP / "toetsvragen.yml"):
        termen += _termen(yaml.safe_load(pad.read_text(encoding="utf-8")))
    assert termen
    assert [t for t in termen if not idioom.bestaat(t)] == []


def _termen(data: object) -> list[str]:
    if isinstance(data, dict):
        uit = [data["term"]] if isinstance(data.get("term"), str) else []
        for waarde in data.values():
            uit += _termen(waarde)
        return uit
    if isinstance(data, list):
        return [t for item in data for t in _termen(item)]
    return []
