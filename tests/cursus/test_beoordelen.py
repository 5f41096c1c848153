"""Het beoordelen zelf: parallel gelijk aan serieel, Ctrl-C veilig, eigen code draait niet, zandbak, tijd.

De snelle tests werken op notebooks in het geheugen; de trage draaien de echte nbgrader (met de
zandbak: ``.ci/run`` installeert bubblewrap, dus hier wordt niets overgeslagen).
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from testopdracht import BLOK, MODEL, PUNTEN_AUTOMATISCH, Rondgang, lever_in, maak_testnotebook

from samenwerkingscode.cursus import beoordelen, koppeling, uitdelen, zandbak
from samenwerkingscode.cursus.beoordelen import MARKERING, Uitslag, nakijkfouten, schoon_notebook
from samenwerkingscode.cursus.cursusmap import cursusmap

# ---------------------------------------------------------------------------------------------
# Snel: opschonen, signalen, status.


def _cel(nb: Any, grade_id: str) -> Any:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def test_toegevoegde_en_gewijzigde_code_draait_niet() -> None:
    """Alleen de codecellen van de deelnemersversie blijven over; wat de deelnemer toevoegde of wijzigde, wordt gemeld."""
    release = maak_testnotebook()
    ingeleverd = maak_testnotebook()
    ingeleverd.cells.insert(1, nbformat.v4.new_code_cell("import os; os.system('rm -rf /')"))
    _cel(ingeleverd, "hulp").source = "import samenwerkingscode.nakijken as n"
    _cel(ingeleverd, "test_vormen").source = "punten = 2.0\npunten"
    ingeleverd.cells = [c for c in ingeleverd.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_canvas"]
    _cel(ingeleverd, "uitleg").source = "Mijn eigen uitleg."

    schoon, meldingen, eigen = schoon_notebook(release, ingeleverd)

    assert [c.source for c in schoon.cells if c.cell_type == "code"] == [
        c.source for c in release.cells if c.cell_type == "code"
    ]
    assert _cel(schoon, "uitleg").source == "Mijn eigen uitleg."  # het tekstantwoord telt wel
    assert eigen == ["cel 'hulp' (gewijzigd)", "cel 2 (toegevoegd)"]
    assert meldingen == [
        "cel 'test_vormen' was gewijzigd; de originele versie is gebruikt",
        "cel 'test_canvas' was verwijderd; de originele cel uit de deelnemersversie is gebruikt",
    ]


def test_ongewijzigd_notebook_heeft_geen_meldingen() -> None:
    schoon, meldingen, eigen = schoon_notebook(maak_testnotebook(), maak_testnotebook())
    assert (meldingen, eigen) == ([], [])
    assert [c.source for c in schoon.cells] == [c.source for c in maak_testnotebook().cells]


def _met_uitvoer(grade_id: str, *uitvoer: Any, grade: bool = True) -> Any:
    nb = nbformat.v4.new_notebook()
    cel = nbformat.v4.new_code_cell("x", metadata={"nbgrader": {"grade_id": grade_id, "grade": grade}})
    cel.outputs = list(uitvoer)
    nb.cells.append(cel)
    return nb


def test_markering_tijd_en_fout_zijn_nakijkfouten() -> None:
    """Drie signalen voor 'nakijken mislukt'; een mislukte assert is een gewone 0."""
    stroom = nbformat.v4.new_output("stream", name="stdout", text=f"iets\n{MARKERING} canvas.yml is kapot\n")
    assert nakijkfouten(_met_uitvoer("t1", stroom)) == ["t1: canvas.yml is kapot"]
    tijd = nbformat.v4.new_output("error", ename="CellTimeoutError", evalue="", traceback=[])
    assert nakijkfouten(_met_uitvoer("t2", tijd)) == [
        "t2: de cel was niet binnen de tijdslimiet klaar en is afgebroken"
    ]
    fout = nbformat.v4.new_output("error", ename="KeyError", evalue="'canvas'", traceback=[])
    assert nakijkfouten(_met_uitvoer("t3", fout)) == ["t3: de nakijkcel gaf een fout (KeyError: 'canvas')"]
    mislukt = nbformat.v4.new_output("error", ename="AssertionError", evalue="fout antwoord", traceback=[])
    assert nakijkfouten(_met_uitvoer("t4", mislukt)) == []
    gewoon = nbformat.v4.new_output("stream", name="stdout", text="Punten: 0 van 9 (nog leeg)\n")
    assert nakijkfouten(_met_uitvoer("t5", gewoon)) == []


def test_markering_is_die_van_de_nakijkfuncties() -> None:
    """De afspraak met nakijken: dezelfde markering aan beide kanten."""
    from samenwerkingscode.nakijken import NAKIJKFOUT

    assert MARKERING == NAKIJKFOUT


def test_status_nog_leeg_is_geen_probleem() -> None:
    leeg = Uitslag("a", BLOK, beoordeeld=True, score=0.0, max_score=9.0, leeg=True)
    mislukt = Uitslag("b", BLOK, beoordeeld=True, score=0.0, max_score=9.0, nakijkfouten=["t1: kapot"])
    assert (leeg.status, leeg.aandacht) == ("nog leeg", False)
    assert (mislukt.status, mislukt.aandacht) == ("nakijken mislukt", True)
    tekst, code = beoordelen.samenvatting([leeg])
    assert code == 0 and "nog leeg" in tekst
    tekst, code = beoordelen.samenvatting([leeg, mislukt])
    assert code == 1 and "nakijken mislukt: t1: kapot" in tekst


def test_budget_per_inlevering() -> None:
    """De limiet per cel geldt, maar nooit voorbij de tijd voor de hele inlevering."""
    budget = beoordelen._Budget(per_cel=60, totaal=100)
    assert budget(None) == 60
    budget.begin = time.monotonic() - 70
    assert budget(None) == 30
    budget.begin = time.monotonic() - 200
    assert budget(None) == 1 and budget.op


def test_ctrl_c_uitgesteld_tot_na_het_schrijven() -> None:
    """Een SIGINT tijdens het schrijven komt pas daarna aan: nooit een half geschreven inlevering."""
    gezien: list[str] = []
    with pytest.raises(KeyboardInterrupt), beoordelen.ctrl_c_uitgesteld():
        os.kill(os.getpid(), signal.SIGINT)
        gezien.append("na het signaal nog verder geschreven")
    assert gezien == ["na het signaal nog verder geschreven"]


def test_zandbak_opdracht_verbergt_en_laat_alleen_de_werkmap_schrijven(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Verborgen mappen worden een lege tmpfs, daarna komt alleen-lezen terug wat nodig is; schrijven alleen in de werkmap."""
    geheim, python, werk = tmp_path / "cohort", tmp_path / "python", tmp_path / "cohort" / "autograded" / "a"
    for map_ in (geheim, python, werk):
        map_.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv(zandbak.VERBERG, str(geheim))
    monkeypatch.setenv(zandbak.LEESBAAR, str(python))
    monkeypatch.delenv(zandbak.SCHRIJFBAAR, raising=False)
    argv = zandbak.opdracht(["python", "-m", "ipykernel_launcher"], werk)
    paren = list(itertools.pairwise(argv))
    assert ("--tmpfs", str(geheim)) in paren and ("--ro-bind", str(python)) in paren and ("--bind", str(werk)) in paren
    assert argv.index("--tmpfs") < argv.index(str(python)) < argv.index("--bind")
    assert {"--unshare-net", "--unshare-pid", "--unshare-user", "--die-with-parent"} <= set(argv)
    assert argv[argv.index("--uid") + 1] == "65534"
    assert argv[-3:] == ["python", "-m", "ipykernel_launcher"]


def test_zandbak_werkt_hier() -> None:
    """CI installeert bubblewrap (.ci/run); zonder werkende zandbak faalt deze test in plaats van over te slaan."""
    werkt, reden = zandbak.werkt()
    assert werkt, reden


# ---------------------------------------------------------------------------------------------
# Traag: de echte nbgrader.


def _cijfers(cohort: Path, bron: Path) -> dict[tuple[str, str], float | None]:
    with koppeling.gradebook(cursusmap(cohort, bron)) as gb:
        return {
            (s.student.id, g.name): (None if g.score is None else float(g.score))
            for a in gb.assignments
            for s in a.submissions
            for nb in s.notebooks
            for g in nb.grades
        }


@pytest.mark.traag
def test_serieel_geeft_dezelfde_cijfers_als_parallel(rondgang: Rondgang, tmp_path: Path) -> None:
    """Dezelfde inleveringen, één werkproces: precies dezelfde cijfers en statussen als de parallelle rondgang."""
    from samenwerkingscode.cursus.inleveren import importeer

    cohort = tmp_path / "serieel"
    assert uitdelen.maak(cohort=cohort, bron=rondgang.bron) == 0
    importeer(cohort=cohort, pad=rondgang.inbox, bron=rondgang.bron)
    serieel = beoordelen.beoordeel_alles(cohort=cohort, bron=rondgang.bron, tijdslimiet=5, parallel=1)
    assert {u.deelnemer: u.status for u in serieel} == {d: u.status for d, u in rondgang.uitslagen.items()}
    parallel = _cijfers(rondgang.cohort, rondgang.bron)
    # De handmatige test in de rondgang zet een cijfer; vergelijk alleen de automatische cijfers.
    automatisch = {k: v for k, v in parallel.items() if k[1] in PUNTEN_AUTOMATISCH}
    assert {k: v for k, v in _cijfers(cohort, rondgang.bron).items() if k[1] in PUNTEN_AUTOMATISCH} == automatisch
    assert automatisch[("model", "test_canvas")] == 3.0 and automatisch[("deels", "test_vormen")] == 1.0


def _regie(*args: str, **kwargs: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; from samenwerkingscode.cli import main; sys.exit(main())", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@pytest.mark.traag
def test_ctrl_c_laat_een_heel_cijferboek_achter(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Onderbreek 'regie cursus beoordeel' na de eerste inlevering: het cijferboek is heel en opnieuw draaien lukt."""
    assert uitdelen.maak(cohort=cohort, bron=bron) == 0
    release = cohort / "release" / BLOK / f"{BLOK}.ipynb"
    for i in range(6):
        lever_in(release, cohort / "submitted", f"d{i}", antwoorden=MODEL)
    proces = _regie(
        "cursus", "beoordeel", "--cohort", str(cohort), "--parallel", "1", env={**os.environ, "REGIE_BRON": str(bron)}
    )
    uitslag = cohort / beoordelen.UITSLAGBESTAND
    grens = time.monotonic() + 300
    while not uitslag.exists() and time.monotonic() < grens and proces.poll() is None:
        time.sleep(0.2)
    assert uitslag.exists(), proces.communicate()
    proces.send_signal(signal.SIGINT)
    _, fout = proces.communicate(timeout=120)
    assert proces.returncode == 130, fout
    assert "Afgebroken." in fout and "Traceback" not in fout

    # Het cijferboek opent, en elke inlevering erin is helemaal geschreven.
    with koppeling.gradebook(cursusmap(cohort, bron)) as gb:
        inzendingen = gb.find_assignment(BLOK).submissions
        geschreven = {f"{s.student.id}/{BLOK}" for s in inzendingen}
        assert 1 <= len(inzendingen) < 6
        for inzending in inzendingen:
            automatisch = [g for nb in inzending.notebooks for g in nb.grades if g.name in PUNTEN_AUTOMATISCH]
            assert {g.name: g.auto_score for g in automatisch} == PUNTEN_AUTOMATISCH
    assert set(json.loads(uitslag.read_text(encoding="utf-8"))) == geschreven
    # Geen werkproces of kernel blijft achter, en opnieuw beoordelen maakt het af.
    assert not (cohort / beoordelen.WERKMAP).exists()
    uitslagen = beoordelen.beoordeel_alles(cohort=cohort, bron=bron, tijdslimiet=10)
    assert [u.score for u in uitslagen] == [6.0] * 6


# ---------------------------------------------------------------------------------------------
# Traag: de aanvallen uit de betrouwbaarheidsreview (§3b), als eigen code in een inlevering.

LEES_GEHEIMEN = """
import base64, glob, os, pathlib
gevonden = []
for patroon in ["{bron}/**/*.ipynb", "{cohort}/gradebook.db", "{cohort}/submitted/*/*/*.json"]:
    for pad in glob.glob(patroon, recursive=True):
        try:
            gevonden.append(base64.b64encode(pathlib.Path(pad).read_bytes()[:200]).decode())
        except OSError:
            pass
print("BUIT", len(gevonden), gevonden)
"""

SABOTAGE = """
import pathlib
for doel in ["{cohort}/submitted/slachtoffer/blok1/blok1.antwoorden.json", "{bron}/PWNED.txt", "{buiten}/PWNED.txt"]:
    try:
        pathlib.Path(doel).write_text('{{"schema": 1, "oefeningen": {{}}}}')
    except OSError:
        pass
"""

MONKEYPATCH = """
import samenwerkingscode.antwoorden as a
a.lees_antwoorden = lambda *x, **k: {{"oefeningen": {model}}}
"""


@pytest.mark.traag
def test_aanvallen_uit_de_review_mislukken(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Geheimen lezen, sabotage, buiten het cohort schrijven, een nakijkfunctie vervangen: niets werkt, alles gemeld."""
    buiten = tmp_path / "buiten"
    buiten.mkdir()
    assert uitdelen.maak(cohort=cohort, bron=bron) == 0
    release = cohort / "release" / BLOK / f"{BLOK}.ipynb"
    plek = {"bron": bron, "cohort": cohort, "buiten": buiten, "model": json.dumps(MODEL)}

    def met_cel(code: str, als_stub: bool = False) -> Any:
        def bewerk(nb: Any) -> None:
            if als_stub:  # in de oplossingscel die de deelnemer mag 'invullen'
                _cel(nb, "hulp").source = code
            else:
                nb.cells.insert(2, nbformat.v4.new_code_cell(code))

        return bewerk

    ingeleverd = cohort / "submitted"
    lever_in(release, ingeleverd, "slachtoffer", antwoorden=MODEL)
    lever_in(release, ingeleverd, "eerlijk", antwoorden=MODEL)
    lever_in(release, ingeleverd, "a09-lezen", bewerk=met_cel(LEES_GEHEIMEN.format(**plek)))
    lever_in(release, ingeleverd, "a13-monkeypatch", bewerk=met_cel(MONKEYPATCH.format(**plek)))
    lever_in(release, ingeleverd, "a14-sabotage", bewerk=met_cel(SABOTAGE.format(**plek), als_stub=True))
    voor = (ingeleverd / "slachtoffer" / BLOK / f"{BLOK}.antwoorden.json").read_bytes()

    uitslagen = {u.deelnemer: u for u in beoordelen.beoordeel_alles(cohort=cohort, bron=bron, tijdslimiet=10)}

    assert all(u.zandbak for u in uitslagen.values())
    for aanvaller in ("a09-lezen", "a13-monkeypatch", "a14-sabotage"):
        uitslag = uitslagen[aanvaller]
        assert uitslag.eigen_code, aanvaller  # gemeld ...
        assert uitslag.score == 0.0, aanvaller  # ... en geen punten zonder antwoorden
        uitvoer = (cohort / "autograded" / aanvaller / BLOK / f"{BLOK}.ipynb").read_text(encoding="utf-8")
        assert "BUIT" not in uitvoer
    assert "ja, niet uitgevoerd" in beoordelen.tabel(list(uitslagen.values()))
    # Het slachtoffer en de eerlijke deelnemer zijn gewoon goed beoordeeld.
    assert uitslagen["slachtoffer"].score == uitslagen["eerlijk"].score == 6.0
    assert (ingeleverd / "slachtoffer" / BLOK / f"{BLOK}.antwoorden.json").read_bytes() == voor
    assert not (bron / "PWNED.txt").exists() and not (buiten / "PWNED.txt").exists()


@pytest.mark.traag
def test_zandbak_houdt_code_in_de_kernel_tegen(bron: Path, cohort: Path, tmp_path: Path) -> None:
    """Tweede slot: dezelfde aanvallen, nu als code die wél in de kernel draait (een cel van de kit zelf)."""
    buiten = tmp_path / "buiten"
    buiten.mkdir()
    (buiten / "geheim.txt").write_text("trainersgeheim", encoding="utf-8")
    plek = {"bron": bron, "cohort": cohort, "buiten": buiten, "model": json.dumps(MODEL)}
    code = (
        LEES_GEHEIMEN.format(**plek)
        + SABOTAGE.format(**plek)
        + f"""
import os, socket
for pad in [{str(buiten / "geheim.txt")!r}, os.path.expanduser("~/.bash_history")]:
    try:
        print("GELEZEN", open(pad).read()[:20])
    except OSError:
        pass
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    print("NETWERK open")
except OSError:
    print("NETWERK dicht")
open("eigen-kladbestand.txt", "w").write("mag wel")
print("UID", os.getuid())
"""
    )
    nb = nbformat.read(bron / BLOK / f"{BLOK}.ipynb", as_version=4)
    nb.cells.insert(
        2,
        nbformat.v4.new_code_cell(
            code,
            metadata={
                "nbgrader": {
                    "grade_id": "aanval",
                    "locked": True,
                    "grade": False,
                    "solution": False,
                    "task": False,
                    "schema_version": 3,
                }
            },
        ),
    )
    nbformat.write(nb, bron / BLOK / f"{BLOK}.ipynb")
    assert uitdelen.maak(cohort=cohort, bron=bron) == 0
    release = cohort / "release" / BLOK / f"{BLOK}.ipynb"
    lever_in(release, cohort / "submitted", "slachtoffer", antwoorden=MODEL)
    lever_in(release, cohort / "submitted", "aanvaller", antwoorden=MODEL)
    voor = (cohort / "submitted" / "slachtoffer" / BLOK / f"{BLOK}.antwoorden.json").read_bytes()

    uitslagen = {
        u.deelnemer: u for u in beoordelen.beoordeel_alles(cohort=cohort, bron=bron, tijdslimiet=20, parallel=1)
    }

    uitvoer = _cel(nbformat.read(cohort / "autograded" / "aanvaller" / BLOK / f"{BLOK}.ipynb", as_version=4), "aanval")
    tekst = "".join(o.get("text", "") for o in uitvoer.outputs)
    assert "BUIT 0 []" in tekst  # geen bron, geen cijferboek, geen antwoorden van anderen
    assert "GELEZEN" not in tekst and "NETWERK dicht" in tekst and "UID 65534" in tekst
    assert (cohort / "submitted" / "slachtoffer" / BLOK / f"{BLOK}.antwoorden.json").read_bytes() == voor
    assert not (bron / "PWNED.txt").exists() and not (buiten / "PWNED.txt").exists()
    assert (cohort / "autograded" / "aanvaller" / BLOK / "eigen-kladbestand.txt").exists()
    assert uitslagen["slachtoffer"].score == uitslagen["aanvaller"].score == 6.0


@pytest.mark.traag
def test_tijd_per_inlevering_is_begrensd(bron: Path, cohort: Path) -> None:
    """Een trage cel van de kit mag niet eindeloos duren: na de tijd per inlevering volgt 'nakijken mislukt'."""
    nb = nbformat.read(bron / BLOK / f"{BLOK}.ipynb", as_version=4)
    for _ in range(3):
        nb.cells.insert(2, nbformat.v4.new_code_cell("import time\ntime.sleep(30)"))
    nbformat.write(nb, bron / BLOK / f"{BLOK}.ipynb")
    assert uitdelen.maak(cohort=cohort, bron=bron) == 0
    lever_in(cohort / "release" / BLOK / f"{BLOK}.ipynb", cohort / "submitted", "traag", antwoorden=MODEL)
    begin = time.monotonic()
    (uitslag,) = beoordelen.beoordeel_alles(cohort=cohort, bron=bron, tijdslimiet=20, tijd_per_inlevering=4)
    assert time.monotonic() - begin < 90  # zonder de grens: 3 × 20 s alleen al voor de trage cellen
    assert uitslag.status == "nakijken mislukt"
    assert any("de tijd per inlevering (4 s) was op" in r for r in uitslag.nakijkfouten), uitslag.nakijkfouten


def test_cli_kent_parallel_en_tijd_per_inlevering(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """De opties komen met de juiste waarden bij beoordelen.beoordeel aan; een 0 is een Nederlandse fout."""
    from samenwerkingscode import cli

    gezien: dict[str, Any] = {}
    monkeypatch.setattr(beoordelen, "beoordeel", lambda **kw: gezien.update(kw) or 0)
    assert (
        cli.main(
            ["cursus", "beoordeel", "2", "--parallel", "3", "--tijd-per-inlevering", "120", "--cohort", str(tmp_path)]
        )
        == 0
    )
    assert (gezien["parallel"], gezien["tijd_per_inlevering"], gezien["blok"]) == (3, 120, 2)
    with pytest.raises(SystemExit):
        cli.main(["cursus", "beoordeel", "--parallel", "0"])
