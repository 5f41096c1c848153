"""Elkaars casus lezen met vijf deelnemers via de uitwisseling van nbgrader (release → fetch → submit → collect).

Anna deelt met naam, Bram en Dirk anoniem, Chris deelt niet, Eva levert te laat in (anoniem). Elke
casus bevat een unieke geheime zin; die van Chris mag nergens buiten zijn eigen inlevering opduiken,
en een naam staat alleen ergens als de eigenaar daarvoor koos.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from testopdracht import antwoorden_document

from samenwerkingscode.cursus import casusboek, koppeling, uitdelen, uitwisselen
from samenwerkingscode.cursus.cursusmap import CURSUS_ID, PROJECT, cursusmap
from samenwerkingscode.model.yamlbestand import RegieFout

pytestmark = [
    pytest.mark.traag,
    pytest.mark.skipif(sys.platform == "win32", reason="de uitwisseling van nbgrader werkt niet op Windows"),
]

EIGEN = "eigen-casus"
NAMEN = {"anna": "Anna Akkerman", "bram": "Bram Beekman", "chris": "Chris Copier", "dirk": "Dirk Dijkstra",
         "eva": "Eva Esmeijer"}  # fmt: skip
DELEN = {"anna": (True, True), "bram": (True, False), "chris": None, "dirk": (True, False), "eva": (True, False)}


def geheim(wie: str) -> str:
    return f"GEHEIM-{wie}-zinsdeel"


def _omgeving(exchange: Path, thuis: Path, deelnemer: str, opdracht: str) -> dict[str, Any]:
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config import Config

    cfg = Config()
    cfg.CourseDirectory.course_id = CURSUS_ID
    cfg.CourseDirectory.root = str(thuis)
    cfg.CourseDirectory.student_id = deelnemer
    cfg.CourseDirectory.assignment_id = opdracht
    cfg.Exchange.root = str(exchange)
    cfg.Exchange.assignment_dir = str(thuis)
    # Op een hub heeft elke deelnemer zijn eigen cache; hier draaien ze als één gebruiker van het systeem.
    cfg.Exchange.cache = str(thuis / ".nbgrader-cache")
    return {"factory": ExchangeFactory(config=cfg), "coursedir": CourseDirectory(config=cfg),
            "authenticator": Authenticator(config=cfg), "config": cfg}  # fmt: skip


def _doe(soort: str, exchange: Path, thuis: Path, deelnemer: str, opdracht: str) -> None:
    o = _omgeving(exchange, thuis, deelnemer, opdracht)
    klasse = getattr(o["factory"], soort)
    klasse(coursedir=o["coursedir"], authenticator=o["authenticator"], config=o["config"]).start()


def _lever_casus_in(exchange: Path, thuis: Path, wie: str) -> None:
    _doe("FetchAssignment", exchange, thuis, wie, EIGEN)
    oefeningen: dict[str, Any] = {
        "canvas": {
            "titel": f"Casus van {wie}",
            "velden": {"partijen": f"Provincie\nWaterschap\n{geheim(wie)}", "doelen": "Natter beekdal"},
        }
    }
    if DELEN[wie] is not None:
        oefeningen["delen"] = {"delen": DELEN[wie][0], "met_naam": DELEN[wie][1]}
    pad = thuis / EIGEN / f"{EIGEN}.antwoorden.json"
    pad.write_text(json.dumps(antwoorden_document(oefeningen, notebook=EIGEN)), encoding="utf-8")
    _doe("Submit", exchange, thuis, wie, EIGEN)


def _draai(notebook: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(notebook.parent)}}).execute()
    for cel in nb.cells:
        for uit in cel.get("outputs", []):
            assert uit.get("output_type") != "error", (cel.source, uit)
    teksten = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert "Jouw reactie" in teksten or "application/vnd.jupyter.widget-view+json" in teksten


def _alle_tekst(map_: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(map_.rglob("*")) if p.is_file())


def test_vijf_deelnemers_lezen_elkaars_casus(bron: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """De hele rondgang: delen, verdelen, lezen, terugbrengen, late inlevering, casusboek — en de privacy."""
    exchange = tmp_path / "exchange"
    monkeypatch.setenv("REGIE_EXCHANGE", str(exchange))
    cohort = tmp_path / "cohort"
    map_ = cursusmap(cohort, bron)
    with koppeling.gradebook(map_) as gb:
        for wie, naam in NAMEN.items():
            voor, achter = naam.split()
            gb.update_or_create_student(wie, first_name=voor, last_name=achter)
    assert uitdelen.maak(cohort=cohort, blok=EIGEN, bron=bron) == 0
    api = koppeling.maak_api(map_)
    assert api.release_assignment(EIGEN)["success"]
    thuis = {wie: tmp_path / "thuis" / wie for wie in NAMEN}
    for pad in thuis.values():
        pad.mkdir(parents=True)
    for wie in ("anna", "bram", "chris", "dirk"):  # Eva is te laat
        _lever_casus_in(exchange, thuis[wie], wie)

    # Trainer: verdelen (verzamelt eigen-casus zelf uit de uitwisseling).
    eerste = uitwisselen.uitwisselen(cohort=cohort, bron=bron, k=2, zaad=7)
    assert sorted(eerste.verdeling.casussen) == ["anna", "bram", "dirk"]
    assert eerste.niet_gedeeld == ["chris"]
    for auteur, c in eerste.verdeling.casussen.items():
        assert len(c["lezers"]) == 2 and auteur not in c["lezers"]
    last = eerste.verdeling.last()
    assert max(last.values()) - min(last.get(w, 0) for w in NAMEN) <= 1
    voor = json.loads(json.dumps(eerste.verdeling.casussen))

    # Lezers halen hun leesopdracht op, schrijven een reactie en leveren in.
    outbound = exchange / CURSUS_ID / "outbound"
    for naam in eerste.opdrachten:
        assert (outbound / naam / f"{naam}.ipynb").is_file()
        codes = [c["code"] for c in json.loads((outbound / naam / f"{naam}.casussen.json").read_text())["casussen"]]
        assert sorted(p.stem for p in (outbound / naam).glob("*.png")) == sorted(codes)  # het canvas als poster
    for lezer in NAMEN:
        naam = uitwisselen.leesopdracht(lezer)
        if naam not in eerste.opdrachten:
            continue
        _doe("FetchAssignment", exchange, thuis[lezer], lezer, naam)
        casussen = json.loads((thuis[lezer] / naam / f"{naam}.casussen.json").read_text(encoding="utf-8"))
        if lezer == "anna":  # het leesnotebook draait zoals opgehaald, zonder fouten
            _draai(thuis[lezer] / naam / f"{naam}.ipynb")
        oefeningen = {}
        for c in casussen["casussen"]:
            met_naam = lezer in ("bram", "chris")  # Bram en Chris zetten hun naam erbij, de rest niet
            oefeningen[f"reactie_{c['code']}"] = {
                "duidelijk": f"Helder, zegt {lezer}.",
                "relaties": [
                    {"relatie": "provincie ↔ waterschap", "vorm": "partnership", "waarom": "gezamenlijk doel"}
                ],
                "vraag": "Wie betaalt?",
                "tip": "Noem de bron.",
                "met_naam": met_naam,
            }
        pad = thuis[lezer] / naam / f"{naam}.antwoorden.json"
        pad.write_text(json.dumps(antwoorden_document(oefeningen, notebook=naam)), encoding="utf-8")
        _doe("Submit", exchange, thuis[lezer], lezer, naam)

    # Eva levert te laat in; nog eens uitwisselen verandert niets aan wie al las.
    _lever_casus_in(exchange, thuis["eva"], "eva")
    tweede = uitwisselen.uitwisselen(cohort=cohort, bron=bron)
    assert {a: tweede.verdeling.casussen[a] for a in voor} == voor
    assert len(tweede.verdeling.lezers("eva")) == 2 and "eva" not in tweede.verdeling.lezers("eva")
    assert set(tweede.opdrachten) == {
        tweede.verdeling.opdracht_van(lezer, "eva") for lezer in tweede.verdeling.lezers("eva")
    }
    with pytest.raises(RegieFout, match="zaad"):
        uitwisselen.uitwisselen(cohort=cohort, bron=bron, zaad=8)

    # Terug naar de auteurs: via de uitwisseling als feedback van eigen-casus, en als pagina in de cohortmap.
    t = uitwisselen.terug(cohort=cohort, bron=bron)
    assert sorted(t.paginas) == ["anna", "bram", "dirk", "eva"]
    assert sorted(t.via_uitwisseling) == ["anna", "bram", "dirk", "eva"]
    assert {(r.lezer, r.auteur) for r in t.ontbrekend} == {(lezer, "eva") for lezer in tweede.verdeling.lezers("eva")}
    for auteur in ("anna", "bram", "dirk"):
        pagina = t.paginas[auteur].read_text(encoding="utf-8")
        assert pagina.count("Wie betaalt?") == 2
        for lezer in tweede.verdeling.lezers(auteur):
            assert (NAMEN[lezer] in pagina) == (lezer in ("bram", "chris")), (auteur, lezer)
    _doe("FetchFeedback", exchange, thuis["anna"], "anna", EIGEN)
    opgehaald = list((thuis["anna"] / EIGEN / "feedback").rglob(f"{EIGEN}.html"))
    assert len(opgehaald) == 1 and "Wie betaalt?" in opgehaald[0].read_text(encoding="utf-8")
    overzicht = t.overzicht.read_text(encoding="utf-8")
    assert overzicht.count(">ontbreekt<") == 2 and overzicht.count(">binnen<") == 6

    # Casusboek: alleen gedeelde casussen; namen alleen met toestemming.
    html_pad = casusboek.casusboek("casusboek.html", cohort=cohort, bron=bron)
    assert html_pad.parent == cohort.resolve()
    boek = html_pad.read_text(encoding="utf-8")
    assert boek.count("<section>") == 4 and "Casus van chris" not in boek
    assert NAMEN["anna"] in boek and NAMEN["bram"] not in boek and NAMEN["dirk"] not in boek
    pdf = casusboek.casusboek(cohort / "casusboek.pdf", cohort=cohort, bron=bron).read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 4
    with pytest.raises(RegieFout, match="cohortmap"):
        casusboek.casusboek(PROJECT / "book" / "casusboek.html", cohort=cohort, bron=bron)

    # Privacy: de niet-gedeelde casus van Chris staat nergens waar een ander of het boek bij kan.
    buiten_chris = [
        _alle_tekst(exchange / CURSUS_ID / "outbound"),
        _alle_tekst(exchange / CURSUS_ID / "feedback"),
        _alle_tekst(cohort / "release"),
        _alle_tekst(cohort / "uitwisselen" / "terug"),  # het overzicht is alleen voor de trainer
        boek,
        *(_alle_tekst(thuis[w]) for w in NAMEN if w != "chris"),
    ]
    for tekst in buiten_chris:
        assert geheim("chris") not in tekst
        # Anonieme auteurs en lezers worden nergens voor andere deelnemers genoemd.
        assert NAMEN["dirk"] not in tekst and NAMEN["eva"] not in tekst
    assert geheim("anna") in _alle_tekst(cohort / "release")  # de test kan wel iets vinden
    # Uitvoer alleen in de cohortmap (en de uitwisseling): niets in de kit.
    assert not list(PROJECT.glob("casusboek.*"))
