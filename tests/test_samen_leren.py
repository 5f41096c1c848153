"""Samen leren zonder nbgrader: de deelkeuze, de verdeling over lezers, het leesnotebook, samen oefenen."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.cursus import uitwisselen
from samenwerkingscode.model import opdrachten, samen_oefenen
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets.delen import ANONIEM, MET_NAAM, NIET, DelenWidget

LEZERS = [f"d{i}" for i in range(1, 8)]


def test_delen_staat_in_de_voorbereiding_zonder_punten() -> None:
    """Het onderdeel 'delen' hoort bij eigen-casus, telt niet mee en heeft een eigen invulscherm."""
    from samenwerkingscode.widgets.opdracht import WIDGETS

    o = opdrachten.onderdeel("eigen-casus", "delen")
    assert (o.soort, o.beoordeling, o.max_punten) == ("delen", "geen", 0.0)
    assert "delen" in WIDGETS and "samen" in WIDGETS
    assert opdrachten.onderdeel("blok2", "2s").soort == "samen"


def test_zonder_keuze_wordt_niet_gedeeld(tmp_path: Path) -> None:
    """Standaard: niet delen; alleen precies 'delen: true' deelt, en dan anoniem tenzij met_naam: true."""
    assert uitwisselen.deelkeuze({}) == (False, False)
    assert uitwisselen.deelkeuze({"delen": {"delen": "ja"}}) == (False, False)
    assert uitwisselen.deelkeuze({"delen": {"delen": True}}) == (True, False)
    assert uitwisselen.deelkeuze({"delen": {"delen": True, "met_naam": True}}) == (True, True)
    opslag = Antwoorden(tmp_path / "eigen-casus.antwoorden.json")
    w = DelenWidget(opslag, "delen")
    assert w.keuze.value == NIET
    w.keuze.value = ANONIEM
    assert opslag.lees("delen") == {"delen": True, "met_naam": False}
    w.keuze.value = MET_NAAM
    assert uitwisselen.deelkeuze(opslag.alles()) == (True, True)
    # Opnieuw geopend: de keuze staat er nog.
    assert DelenWidget(Antwoorden(tmp_path / "eigen-casus.antwoorden.json"), "delen").keuze.value == MET_NAAM


def test_verdeling_nooit_de_auteur_en_evenwichtig() -> None:
    auteurs = LEZERS[:6]
    v = uitwisselen.verdeel(auteurs, LEZERS, k=2, zaad=5)
    for a in auteurs:
        lezers = v.lezers(a)
        assert len(lezers) == 2 and a not in lezers and len(set(lezers)) == 2
    last = Counter(v.last())
    assert sum(last.values()) == 12
    assert max(last.values()) - min(last.get(lezer, 0) for lezer in LEZERS) <= 1


def test_verdeling_herhaalbaar_met_zaad() -> None:
    a = uitwisselen.verdeel(LEZERS, LEZERS, k=2, zaad=42)
    b = uitwisselen.verdeel(list(reversed(LEZERS)), LEZERS, k=2, zaad=42)
    assert a.casussen == b.casussen
    anders = [uitwisselen.verdeel(LEZERS, LEZERS, k=2, zaad=z).casussen for z in range(1, 6)]
    assert any(c != a.casussen for c in anders), "het zaad doet er niet toe"


def test_late_casus_verandert_niets_aan_de_rest() -> None:
    eerst = uitwisselen.verdeel(LEZERS[:5], LEZERS[:5], k=2, zaad=1)
    voor = json.loads(json.dumps(eerst.casussen))
    later = uitwisselen.verdeel(LEZERS[:6], LEZERS[:6], k=2, zaad=1, bestaand=eerst)
    assert {a: later.casussen[a] for a in voor} == voor
    assert "d6" not in later.lezers("d6") and len(later.lezers("d6")) == 2
    assert later.code("d6") == "casus-06"


def test_code_wordt_nooit_hergebruikt() -> None:
    """Trekt een auteur zijn toestemming in, dan krijgt een nieuwe casus toch een nieuwe code (geen verwarring)."""
    v = uitwisselen.verdeel(["d1", "d2", "d3"], LEZERS, zaad=1)
    del v.casussen["d2"]
    v = uitwisselen.verdeel(["d1", "d3", "d4"], LEZERS, zaad=1, bestaand=v)
    codes = [c["code"] for c in v.casussen.values()]
    assert len(set(codes)) == 3 and v.code("d4") == "casus-04"


def test_k_moet_positief() -> None:
    with pytest.raises(RegieFout, match="--k"):
        uitwisselen.verdeel(["a"], ["a", "b"], k=0)


def test_leesnotebook_is_een_regel_per_cel() -> None:
    nb = uitwisselen.maak_leesnotebook("lezen-d1", ["casus-01", "casus-03"])
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert 'lezen.toon_casus("casus-03")' in code and 'lezen.toon_reactie("casus-01")' in code
    assert all(len(s.splitlines()) == 1 for s in code[1:])
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_reactie_wordt_bewaard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samenwerkingscode.widgets import lezen

    monkeypatch.chdir(tmp_path)
    casus = {"code": "casus-01", "titel": "Beekdal", "auteur": None, "velden": {"partijen": "Provincie\nWaterschap"}}
    (tmp_path / "lezen-d1.casussen.json").write_text(json.dumps({"casussen": [casus]}), encoding="utf-8")
    lezen.begin("lezen-d1")
    assert "Provincie" in lezen.toon_casus("casus-01").value and "anoniem" in lezen.toon_casus("casus-01").value
    (tmp_path / "casus-01.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # de poster naast het notebook
    kinderen = lezen.toon_casus("casus-01").children
    assert any(getattr(k, "format", None) == "png" for k in kinderen)
    w = lezen.toon_reactie("casus-01")
    w.duidelijk.value = "De partijen zijn helder."
    w.relaties[0][0].value = "provincie ↔ waterschap"
    w.relaties[0][1].value = "partnership"
    w.tip.value = "Noem de bron bij het budget."
    opgeslagen = Antwoorden("lezen-d1").lees("reactie_casus-01")
    assert opgeslagen["duidelijk"] == "De partijen zijn helder." and opgeslagen["met_naam"] is False
    assert opgeslagen["relaties"][0] == {"relatie": "provincie ↔ waterschap", "vorm": "partnership", "waarom": ""}
    assert "niet meer delen" in lezen.toon_casus("casus-09").value  # teruggetrokken: geen fout, wel uitleg
    with pytest.raises(RegieFout, match="onbekend"):
        lezen.toon_reactie("onbekend")


def test_samen_oefenen_toont_verschillen_zonder_oordeel(tmp_path: Path) -> None:
    from samenwerkingscode.widgets.samen import SamenWidget

    rijen = samen_oefenen.vergelijk({"a": "netwerk", "b": "partnership"}, {"a": "netwerk", "b": "contract_diep"})
    assert [r.verschilt for r in rijen] == [False, True]
    assert "1 van de 2" in samen_oefenen.samenvatting(rijen)

    opslag = Antwoorden(tmp_path / "blok2.antwoorden.json")
    opslag.schrijf("2a", {"keuzes": {"bac": "netwerk", "provincie-aannemer": "partnership"}, "motivaties": {}})
    w = SamenWidget(opslag, "2s", vergelijk="2a")
    partner = {
        "schema": 1,
        "notebook": "blok2",
        "oefeningen": {"2a": {"keuzes": {"bac": "netwerk", "provincie-aannemer": "contract_diep"}}},
    }
    w.laad_partner(json.dumps(partner).encode())
    verschil = {r.relatie: r.verschilt for r in w.rijen()}
    assert verschil["provincie-aannemer"] is True and verschil["bac"] is False
    tekst = w.tabel.value.lower()
    for oordeel in ("klopt", "fout", "juist", "heeft gelijk", "goed antwoord"):
        assert oordeel not in tekst
    assert opslag.lees("2s")["keuzes_partner"] == {"bac": "netwerk", "provincie-aannemer": "contract_diep"}
    w.laad_partner(b"geen json")
    assert "geen antwoordbestand" in w.bericht.value.lower()
