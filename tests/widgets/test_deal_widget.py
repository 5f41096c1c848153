"""Een eigen voorstel toetsen (DealWidget, oefening 4c): bediend als deelnemer, op schijf, na een herstart."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import MODEL_MAP, schakelbak, vormen
from samenwerkingscode.model.casus import Partij, kit_casus, laad_casus
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout
from samenwerkingscode.widgets.schakelbak import DealWidget, SchakelbakWidget

GEZAMENLIJK = "Herstel van de natte natuur in het beekdal, met perspectief voor de landbouw."
KAVELRUIL = "Volledige vernatting in de kernzone; agrariërs krijgen via kavelruil gelijkwaardige grond erbuiten."
GROND = "Gelijkwaardige grond buiten de kernzone via vrijwillige kavelruil"


@pytest.fixture(autouse=True)
def _geen_eigen_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIE_MODEL_MAP", raising=False)


def _op_schijf(map: Path, oefening: str = "4c_voorstel") -> dict[str, Any]:
    return json.loads((map / "blok4.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"][oefening]


def _deal(map: Path | None, **opties: Any) -> DealWidget:
    return DealWidget(Antwoorden("blok4", map=map) if map else None, "4c_voorstel", **opties)


def _partijen() -> list[Partij]:
    return list(laad_casus(kit_casus()).partijen)


def _sleutel(partij_id: str, doel: str) -> str:
    """De sleutel in het antwoordbestand voor een eigen doel van een partij in de casus Springendal."""
    partij = next(p for p in _partijen() if p.id == partij_id)
    return f"{partij_id}|{partij.doelen.index(doel)}"


def _vul_kavelruil_in(w: DealWidget, gehaald: str = "volledig", tegenprestatie: str = GROND) -> None:
    """Een deelnemer die het voorbeeld van de elaboratie invult: vernatting met kavelruil."""
    w.gezamenlijk_doel.value = GEZAMENLIJK
    w.beschrijving.value = KAVELRUIL
    w.doel_gehaald.value = gehaald
    w.doelen[_sleutel("provincie", "Natura 2000-doelen halen")].value = "gediend"
    w.doelen[_sleutel("agrariers", "Zekerheid")].value = "gediend"
    w.doelen[_sleutel("agrariers", "Continuïteit van het bedrijf")].value = "onaangeroerd"
    w.doelen[_sleutel("lto-noord", "Zo min mogelijk verlies van landbouwgrond")].value = "opgegeven"
    w.tegenprestaties[_sleutel("lto-noord", "Zo min mogelijk verlies van landbouwgrond")].value = tegenprestatie


# --- de weergave volgt de casus -------------------------------------------------------------------


def test_partijen_en_eigen_doelen_uit_de_casus() -> None:
    w = _deal(None)
    met_doelen = [p for p in _partijen() if p.doelen]
    assert list(w.doelen) == [f"{p.id}|{i}" for p in met_doelen for i in range(len(p.doelen))]
    tekst = _zichtbare_tekst(w)
    for p in met_doelen:
        assert p.naam in tekst
        for doel in p.doelen:
            assert html.escape(doel) in tekst
    zonder = [p.naam for p in _partijen() if not p.doelen]
    assert zonder and f"staan hier niet): {', '.join(zonder)}" in tekst
    for term in ("Geconsolideerde doelen", "Trade-off", "Compromis"):
        assert term in tekst
    assert "uitwerking in deze cursuskit" in tekst
    assert [w for _, w in w.doelen[_sleutel("provincie", "Vertrouwen")].options] == [
        "gediend",
        "onaangeroerd",
        "opgegeven",
    ]
    assert w.oordeel.value.count("Vul nog in") == 1 and "het gezamenlijk doel" in w.oordeel.value
    assert w.advies.value == ""
    assert w.voorstel() is None and w.schakeling() is None


# --- trade-off, compromis en de schakeling ---------------------------------------------------------


def test_trade_off_staat_op_schijf_en_komt_terug_na_herstart(tmp_path: Path) -> None:
    w = _deal(tmp_path)
    _vul_kavelruil_in(w)
    lto = _sleutel("lto-noord", "Zo min mogelijk verlies van landbouwgrond")
    schijf = _op_schijf(tmp_path)
    assert set(schijf) == {"gezamenlijk_doel", "beschrijving", "doel_gehaald", "doelen"}
    assert schijf["gezamenlijk_doel"] == GEZAMENLIJK
    assert schijf["beschrijving"] == KAVELRUIL
    assert schijf["doel_gehaald"] == "volledig"
    assert schijf["doelen"][lto] == {"status": "opgegeven", "tegenprestatie": GROND}
    assert schijf["doelen"][_sleutel("provincie", "Natura 2000-doelen halen")] == {
        "status": "gediend",
        "tegenprestatie": "",
    }
    assert schijf["doelen"][_sleutel("agrariers", "Continuïteit van het bedrijf")]["status"] == "onaangeroerd"
    assert set(schijf["doelen"]) == set(w.doelen)
    assert sum(1 for d in schijf["doelen"].values() if d["status"] is None) == len(w.doelen) - 4

    verwacht = schakelbak.beoordeel_voorstel(w.voorstel())  # type: ignore[arg-type]
    assert verwacht.soort == "trade_off"
    assert "Oordeel van de Schakelbak: Trade-off" in w.oordeel.value
    assert "Compromis" not in w.oordeel.value
    assert html.escape(verwacht.uitleg) in w.oordeel.value
    assert GROND in html.unescape(w.oordeel.value)  # de tegenprestatie staat in de uitleg van het model
    assert html.escape(verwacht.kosten_voor_gezamenlijk_doel) in w.oordeel.value
    assert f"{len(w.doelen) - 4} van de {len(w.doelen)} eigen doelen nog niet ingedeeld" in w.oordeel.value
    assert "De Schakelbak stelt voor: In deze versnelling blijven" in w.advies.value
    assert "Een trade-off is geen reden om te schakelen" in w.advies.value
    assert w.tegenprestaties[lto].layout.display is None  # zichtbaar bij een opgegeven doel
    assert w.tegenprestaties[_sleutel("agrariers", "Zekerheid")].layout.display == "none"
    oordeel, advies = w.oordeel.value, w.advies.value
    del w

    w2 = _deal(tmp_path)
    assert w2.gezamenlijk_doel.value == GEZAMENLIJK
    assert w2.beschrijving.value == KAVELRUIL
    assert w2.doel_gehaald.value == "volledig"
    assert w2.doelen[lto].value == "opgegeven"
    assert w2.tegenprestaties[lto].value == GROND
    assert w2.tegenprestaties[lto].layout.display is None
    assert w2.doelen[_sleutel("provincie", "Vertrouwen")].value is None
    assert (w2.oordeel.value, w2.advies.value) == (oordeel, advies)


def test_deels_gehaald_is_een_compromis_met_een_schakeling(tmp_path: Path) -> None:
    w = _deal(tmp_path)
    _vul_kavelruil_in(w, gehaald="deels")
    assert "Oordeel van de Schakelbak: Compromis" in w.oordeel.value
    assert "Trade-off" not in w.oordeel.value
    assert "maar deels gehaald" in w.oordeel.value
    assert html.escape(KAVELRUIL) in w.oordeel.value  # de gevolgen komen uit de beschrijving

    b = w.beoordeling()
    assert b is not None and b.soort == "compromis" and b.doel_gehaald == "deels"
    signalen = schakelbak.signalen_uit_voorstel(b)
    regels = schakelbak.laad_schakelbak().uit_voorstel
    assert regels is not None and signalen == regels.doel_deels.signalen and signalen
    verwacht = schakelbak.stel_schakeling_voor(regels.uitgangsvorm, signalen)
    assert w.schakeling() == verwacht
    assert html.escape(verwacht.uitleg) in w.advies.value
    for interventie in verwacht.interventies:
        assert html.escape(interventie) in w.advies.value
    assert html.escape(regels.doel_deels.uitleg.strip()) in w.advies.value
    assert f"vanuit de versnelling {vormen.naam(regels.uitgangsvorm)}" in w.advies.value

    w.gebruik_versnelling("netwerk")  # een andere huidige versnelling: nu schakelt de Schakelbak op
    assert "De Schakelbak stelt voor: Opschakelen" in w.advies.value
    assert vormen.naam(schakelbak.stel_schakeling_voor("netwerk", signalen).naar_vorm) in w.advies.value  # type: ignore[arg-type]
    assert _op_schijf(tmp_path)["doel_gehaald"] == "deels"


def test_opgegeven_zonder_tegenprestatie_en_doel_niet_gehaald(tmp_path: Path) -> None:
    w = _deal(tmp_path)
    _vul_kavelruil_in(w, tegenprestatie="")
    assert "Oordeel van de Schakelbak: Compromis" in w.oordeel.value
    assert "Zo min mogelijk verlies van landbouwgrond" in w.oordeel.value  # het doel zonder tegenprestatie
    assert w.beoordeling().zonder_tegenprestatie  # type: ignore[union-attr]
    assert "Minstens één partij geeft een eigen doel op" in w.advies.value
    w.tegenprestaties[_sleutel("lto-noord", "Zo min mogelijk verlies van landbouwgrond")].value = GROND
    assert "Oordeel van de Schakelbak: Trade-off" in w.oordeel.value

    w.doel_gehaald.value = "niet"
    assert "Oordeel van de Schakelbak: Compromis" in w.oordeel.value
    assert "De Schakelbak stelt voor: Stap terug" in w.advies.value
    assert "geen versnelling" in w.advies.value
    assert w.schakeling().naar_vorm is None  # type: ignore[union-attr]
    w.doel_gehaald.value = None  # terug naar 'nog niet gekozen'
    assert "Vul nog in" in w.oordeel.value and w.advies.value == ""
    assert _op_schijf(tmp_path)["doel_gehaald"] is None


# --- regels als data --------------------------------------------------------------------------------


def _eigen_schakelbak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, oud: str, nieuw: str) -> Path:
    tekst = (MODEL_MAP / "schakelbak.yml").read_text(encoding="utf-8")
    assert oud in tekst, f"testopzet: {oud!r} staat niet in het modelbestand"
    pad = tmp_path / "schakelbak.yml"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    return pad


DEELS = "  doel_deels:\n    signalen: [bijdragen_niet_gezekerd, belangen_niet_expliciet]"


def test_signalen_uit_voorstel_komen_uit_het_modelbestand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = _deal(None)
    _vul_kavelruil_in(w, gehaald="deels")
    assert schakelbak.signalen_uit_voorstel(w.beoordeling()) == ["bijdragen_niet_gezekerd", "belangen_niet_expliciet"]  # type: ignore[arg-type]
    _eigen_schakelbak(tmp_path, monkeypatch, DEELS, "  doel_deels:\n    signalen: [mandaat_ontbreekt]")
    assert schakelbak.signalen_uit_voorstel(w.beoordeling()) == ["mandaat_ontbreekt"]  # type: ignore[arg-type]
    w.beschrijving.value = KAVELRUIL + " "  # een wijziging laat de weergave opnieuw rekenen
    assert "De Schakelbak stelt voor: Stap terug" in w.advies.value


def test_onbekend_signaal_in_uit_voorstel_noemt_het_veld(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fout_regel = "    signalen: [bijdragen_niet_gezeker]"
    pad = _eigen_schakelbak(tmp_path, monkeypatch, DEELS, "  doel_deels:\n" + fout_regel)
    with pytest.raises(BestandFout) as fout:
        schakelbak.laad_schakelbak()
    probleem = fout.value.problemen[0]
    assert probleem.veld == "uit_voorstel.doel_deels.signalen[1]"  # telt vanaf 1, zoals in de andere meldingen
    tekst = pad.read_text(encoding="utf-8")
    assert probleem.regel == tekst[: tekst.index(fout_regel)].count("\n") + 1
    assert "bedoel je 'bijdragen_niet_gezekerd'?" in probleem.melding


def test_zonder_uit_voorstel_geen_signalen_en_een_melding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tekst = (MODEL_MAP / "schakelbak.yml").read_text(encoding="utf-8")
    begin = tekst.index("uit_voorstel:")
    einde = tekst.index("\ngeconsolideerde_doelen:")
    (tmp_path / "schakelbak.yml").write_text(tekst[:begin] + tekst[einde:], encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(tmp_path))
    assert schakelbak.laad_schakelbak().uit_voorstel is None
    w = _deal(None)
    _vul_kavelruil_in(w, gehaald="niet")
    assert schakelbak.signalen_uit_voorstel(w.beoordeling()) == []  # type: ignore[arg-type]
    assert "Compromis" in w.oordeel.value
    assert "zegt niet welke schakeling bij een voorstel hoort" in w.advies.value
    w.gebruik_versnelling("contract_diep")
    assert "In deze versnelling blijven" in w.advies.value


# --- eigen casus, beschadigde stand, geen opslag ----------------------------------------------------


def test_eigen_casus_en_dubbele_partijnamen(tmp_path: Path) -> None:
    springendal = laad_casus(kit_casus())
    twee = [
        Partij(id="boer-a", naam="Boerenclub", doelen=["Grond houden"]),
        Partij(id="boer-b", naam="boerenclub", doelen=["Water houden"]),
    ]
    eigen = springendal.model_copy(update={"partijen": twee})
    w = _deal(tmp_path, casus=eigen)
    assert list(w.doelen) == ["boer-a|0", "boer-b|0"]
    w.gezamenlijk_doel.value = "Een natte polder"
    w.beschrijving.value = "Alles onder water."
    w.doel_gehaald.value = "volledig"
    assert "kan dit voorstel niet beoordelen" in w.oordeel.value
    assert "twee keer" in w.oordeel.value
    with pytest.raises(RegieFout, match="Onbekende samenwerkingsvorm"):
        _deal(None, huidige_vorm="alles")

    kapot = tmp_path / "kapot.yml"
    kapot.write_text("titel: [", encoding="utf-8")
    w2 = _deal(None, casus=kapot)
    assert "De casus kon niet worden geladen" in w2.meldingen.value
    assert w2.doelen == {}
    assert "partijen met eigen doelen" in w2.oordeel.value


def test_onbekende_waarden_worden_genegeerd_en_blijven_bewaard(tmp_path: Path) -> None:
    provincie = _sleutel("provincie", "Vertrouwen")
    Antwoorden("blok4", map=tmp_path).schrijf(
        "4c_voorstel",
        {
            "gezamenlijk_doel": 7,
            "doel_gehaald": "half",
            "doelen": {provincie: {"status": "weg", "tegenprestatie": 3}, "oud|9": {"status": "gediend"}, "x": 1},
        },
    )
    w = _deal(tmp_path)
    assert w.gezamenlijk_doel.value == "" and w.doel_gehaald.value is None
    assert w.doelen[provincie].value is None and w.tegenprestaties[provincie].value == ""
    w.doelen[provincie].value = "gediend"
    doelen = _op_schijf(tmp_path)["doelen"]
    assert doelen["oud|9"] == {"status": "gediend"}  # een doel dat de casus niet meer heeft, blijft bewaard
    assert doelen[provincie] == {"status": "gediend", "tegenprestatie": ""}
    assert "x" not in doelen


def test_zonder_opslag_wordt_niets_geschreven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    w = _deal(None)
    _vul_kavelruil_in(w, gehaald="deels")
    assert "Voorbeeldweergave" in w.status.value
    assert "Compromis" in w.oordeel.value
    s = SchakelbakWidget(None, "4c")
    assert s.voorstel is not None
    _vul_kavelruil_in(s.voorstel)
    s.huidige_vorm.value = "netwerk"
    assert "Trade-off" in s.voorstel.oordeel.value
    assert list(tmp_path.iterdir()) == []


# --- ingebed in de Schakelbak (4c) en in het boek ---------------------------------------------------


def test_schakelbakwidget_toetst_eerst_een_voorstel(tmp_path: Path) -> None:
    s = SchakelbakWidget(Antwoorden("blok4", map=tmp_path), "4c")
    assert isinstance(s.voorstel, DealWidget)
    assert s.voorstel.oefening == "4c_voorstel"
    inhoud = s.widget.children[2]
    assert inhoud.children[0] is s.voorstel.widget  # het eerste deel van 4c
    assert "Een voorstel toetsen" in s.voorstel.widget.children[0].value
    assert "Voorbeeldweergave" not in s.voorstel.status.value

    _vul_kavelruil_in(s.voorstel, gehaald="deels")
    assert "vanuit de versnelling Partnership" in s.voorstel.advies.value
    s.huidige_vorm.value = "netwerk"  # de keuze in de Schakelbak geldt ook voor het voorstel
    assert "De Schakelbak stelt voor: Opschakelen" in s.voorstel.advies.value
    assert "vanuit de versnelling Netwerk" in s.voorstel.advies.value
    s.tekst.value = "Maak de kavelruil verplichtend."
    assert _op_schijf(tmp_path, "4c") == {
        "huidige_vorm": "netwerk",
        "signalen": [],
        "tekst": "Maak de kavelruil verplichtend.",
    }
    assert _op_schijf(tmp_path)["doel_gehaald"] == "deels"
    del s

    s2 = SchakelbakWidget(Antwoorden("blok4", map=tmp_path), "4c")
    assert s2.voorstel is not None and s2.voorstel.doel_gehaald.value == "deels"
    assert "De Schakelbak stelt voor: Opschakelen" in s2.voorstel.advies.value
    assert SchakelbakWidget(None, "4c", met_voorstel=False).voorstel is None


def test_beschadigd_bestand_meldt_het_voorstel_niet_dubbel(tmp_path: Path) -> None:
    s = SchakelbakWidget(Antwoorden("blok4", map=tmp_path), "4c")
    s.voorstel.gezamenlijk_doel.value = GEZAMENLIJK  # type: ignore[union-attr]
    s.huidige_vorm.value = "netwerk"
    (tmp_path / "blok4.antwoorden.json").write_text("{ afgebroken", encoding="utf-8")
    s2 = SchakelbakWidget(Antwoorden("blok4", map=tmp_path), "4c")
    assert "beschadigd" in s2.meldingen.value
    assert s2.voorstel is not None and s2.voorstel.meldingen.value == ""
    assert s2.voorstel.gezamenlijk_doel.value == GEZAMENLIJK
    los = _deal(tmp_path)  # los gebruikt meldt de weergave het zelf
    assert "beschadigd" in los.meldingen.value and los.gezamenlijk_doel.value == GEZAMENLIJK


def test_boekweergave_van_4c_toont_het_voorstel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samenwerkingscode.widgets import boekweergave

    monkeypatch.chdir(tmp_path)
    weergave = boekweergave("4c")
    tekst = " ".join(c.value for c in _alle_kinderen(weergave) if isinstance(getattr(c, "value", None), str))
    assert "Een voorstel toetsen" in tekst
    assert "Geconsolideerde doelen" in tekst
    assert list(tmp_path.iterdir()) == []


def test_lazy_export() -> None:
    import samenwerkingscode.widgets as w

    assert "DealWidget" in w.__all__
    assert w.DealWidget is DealWidget


def _zichtbare_tekst(w: Any) -> str:
    """Alle teksten (HTML, labels) die de weergave toont, als één tekenreeks."""
    return " ".join(c.value for c in _alle_kinderen(w.widget) if isinstance(getattr(c, "value", None), str))


def _alle_kinderen(widget: Any) -> list[Any]:
    """Alle widgets in de boom onder ``widget`` (om te zoeken wat een deelnemer te zien krijgt)."""
    uit = [widget]
    for kind in getattr(widget, "children", ()):
        uit.extend(_alle_kinderen(kind))
    return uit


def test_springendal_toont_kandidaat_gezamenlijk_doel_en_doelrelaties_als_reconstructie() -> None:
    tekst = _zichtbare_tekst(_deal(None))
    casus = laad_casus(kit_casus())
    assert casus.gezamenlijk_doel is not None
    assert "Gezamenlijk doel (kandidaat) in de casus" in tekst
    assert html.escape(casus.gezamenlijk_doel.omschrijving) in tekst
    assert "Spanning tussen doelen" in tekst
    assert "(reconstructie: uitwerking in deze cursuskit)" in tekst


def test_eigen_casus_noemt_een_reconstructie_van_de_deelnemer_nooit_uitwerking_van_de_kit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    eigen = tmp_path / "casussen" / "eigen"
    eigen.mkdir(parents=True)
    pad = eigen / "mijn-casus.yml"
    pad.write_text(
        "titel: Mijn beekdal\npartijen:\n  - id: gemeente\n    naam: Gemeente\n    doelen: [Schoon water]\n"
        "    reconstructie: true\n  - id: boer\n    naam: Boer\n    doelen: [Inkomen]\n"
        "gezamenlijk_doel:\n  omschrijving: Een levend beekdal\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    tekst = _zichtbare_tekst(_deal(None, casus=pad))
    assert "(jouw reconstructie)" in tekst
    assert "(jouw eigen inschatting)" in tekst  # zonder bron: de inschatting van de deelnemer
    partijdeel = tekst.split("Geconsolideerde doelen</strong>: wat doet")[1]
    assert "cursuskit" not in partijdeel


def test_beschrijving_zonder_punt_plakt_niet_aan_de_volgende_zin() -> None:
    """Issue 15.5 (B7): 'Volgens je beschrijving: … Bovendien' krijgt een punt tussen de zinnen."""
    w = _deal(None)
    _vul_kavelruil_in(w, gehaald="deels", tegenprestatie="")
    w.beschrijving.value = "Vrijwillige kavelruil met vergoeding"
    oordeel = schakelbak.beoordeel_voorstel(w.voorstel())  # type: ignore[arg-type]
    assert "Volgens je beschrijving: Vrijwillige kavelruil met vergoeding. Bovendien" in oordeel.uitleg
