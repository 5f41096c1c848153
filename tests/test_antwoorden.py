"""Het antwoordbestand: niets van wat een deelnemer invult gaat verloren (herstart, schade, crash, gelijktijdig)."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from samenwerkingscode import antwoorden as antwoorden_module
from samenwerkingscode.antwoorden import Antwoorden, AntwoordenFout, antwoordbestand, lees_antwoorden
from samenwerkingscode.model.yamlbestand import RegieFout


def _bestanden(map: Path) -> set[str]:
    return {p.name for p in map.iterdir()}


def _defecten(map: Path, naam: str) -> list[Path]:
    return sorted(p for p in map.iterdir() if p.name.startswith(naam + ".defect-"))


def _twee_versies(map: Path) -> Antwoorden:
    """Een bestand met versie 2 en een back-up met versie 1 van oefening 1a."""
    a = Antwoorden("blok1", map=map)
    a.schrijf("1a", {"partijen": ["provincie"], "versie": 1})
    a.schrijf("1a", {"partijen": ["provincie", "waterschap"], "versie": 2})
    return a


# --- paden ---------------------------------------------------------------------------------------


def test_naam_wordt_bestand_in_de_huidige_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Antwoorden("blok1") schrijft naast het notebook: de werkmap van de kernel."""
    monkeypatch.chdir(tmp_path)
    a = Antwoorden("blok1")
    assert a.pad == tmp_path / "blok1.antwoorden.json"
    assert a.backup_pad == tmp_path / "blok1.antwoorden.json.bak"
    a.schrijf("1a", {"x": 1})
    monkeypatch.chdir(tmp_path.parent)  # een chdir daarna verplaatst het bestand niet
    a.schrijf("1b", {"x": 2})
    assert json.loads((tmp_path / "blok1.antwoorden.json").read_text())["oefeningen"] == {
        "1a": {"x": 1},
        "1b": {"x": 2},
    }


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("blok1", "blok1.antwoorden.json"),
        ("blok1.ipynb", "blok1.antwoorden.json"),
        (Path("x/blok1.ipynb"), "x/blok1.antwoorden.json"),
        ("x/blok2", "x/blok2.antwoorden.json"),
        ("x/blok3.antwoorden.json", "x/blok3.antwoorden.json"),
    ],
)
def test_afgeleide_bestandsnaam(tmp_path: Path, invoer: str | Path, verwacht: str) -> None:
    assert antwoordbestand(invoer, tmp_path) == tmp_path / verwacht
    assert Antwoorden(invoer, map=tmp_path).pad == tmp_path / verwacht


@pytest.mark.parametrize("slecht", ["", "  ", "x/"])
def test_lege_naam_geeft_nederlandse_fout(tmp_path: Path, slecht: str) -> None:
    with pytest.raises(RegieFout, match="notebook"):
        Antwoorden(slecht, map=tmp_path)


def test_aanmaken_schrijft_niets(tmp_path: Path) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    assert a.lees("1a") == {}
    assert a.alles() == {}
    assert a.waarschuwingen == []
    assert _bestanden(tmp_path) == set()


# --- lezen en schrijven ----------------------------------------------------------------------------


def test_herstart_leest_alles_terug(tmp_path: Path) -> None:
    """Een nieuw object op dezelfde map (zoals na een herstart van de kernel) ziet wat er geschreven is."""
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"partijen": ["provincie", "waterschap"], "gevuld": 2, "klaar": False, "noot": None})
    a.schrijf("2a", {"keuze": "netwerk", "motivatie": "geen gezamenlijk doel, wél kennis délen"})

    b = Antwoorden(tmp_path / "blok1.ipynb")
    assert b.lees("1a") == {"partijen": ["provincie", "waterschap"], "gevuld": 2, "klaar": False, "noot": None}
    assert b.lees("2a")["motivatie"] == "geen gezamenlijk doel, wél kennis délen"
    assert b.waarschuwingen == []

    document = json.loads(a.pad.read_text(encoding="utf-8"))
    assert set(document) == {"schema", "notebook", "bijgewerkt", "oefeningen"}
    assert document["schema"] == 1
    assert document["notebook"] == "blok1"
    assert datetime.fromisoformat(document["bijgewerkt"]).tzinfo is not None
    assert list(document["oefeningen"]) == ["1a", "2a"]


def test_lees_geeft_een_kopie_en_standaard(tmp_path: Path) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"lijst": [1, 2]})
    kopie = a.lees("1a")
    kopie["lijst"].append(3)
    assert a.lees("1a") == {"lijst": [1, 2]}
    alles = a.alles()
    alles["1a"]["lijst"].clear()
    assert a.lees("1a") == {"lijst": [1, 2]}

    standaard = {"velden": []}
    terug = a.lees("onbekend", standaard)
    assert terug == {"velden": []}
    terug["velden"].append("x")
    assert standaard == {"velden": []}


def test_schrijf_vervangt_en_werk_bij_voegt_samen(tmp_path: Path) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("3a", {"antwoorden": ["nee"], "opgave": "graafwerk"})
    assert a.werk_bij("3a", antwoorden=["nee", "ja"], uitkomst="contract") == {
        "antwoorden": ["nee", "ja"],
        "opgave": "graafwerk",
        "uitkomst": "contract",
    }
    a.schrijf("3a", {"opgave": "kennis delen"})
    assert Antwoorden("blok1", map=tmp_path).lees("3a") == {"opgave": "kennis delen"}


def test_tupels_worden_lijsten(tmp_path: Path) -> None:
    """Een SelectMultiple geeft een tupel; na opslaan en teruglezen is het een lijst, ook in het geheugen."""
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("2a", {"keuzes": ("netwerk", "partnership")})
    assert a.lees("2a") == {"keuzes": ["netwerk", "partnership"]}
    assert Antwoorden("blok1", map=tmp_path).lees("2a") == {"keuzes": ["netwerk", "partnership"]}


def test_backup_houdt_de_vorige_versie(tmp_path: Path) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"versie": 1})
    assert not a.backup_pad.exists()  # er was nog geen vorige versie
    a.schrijf("1a", {"versie": 2})
    assert json.loads(a.backup_pad.read_text())["oefeningen"]["1a"] == {"versie": 1}
    a.schrijf("1b", {"iets": True})
    assert json.loads(a.backup_pad.read_text())["oefeningen"] == {"1a": {"versie": 2}}
    assert json.loads(a.pad.read_text())["oefeningen"] == {"1a": {"versie": 2}, "1b": {"iets": True}}


def test_geen_tijdelijke_bestanden_over(tmp_path: Path) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    for i in range(20):
        a.schrijf(f"o{i % 3}", {"i": i})
    assert _bestanden(tmp_path) == {"blok1.antwoorden.json", "blok1.antwoorden.json.bak", "blok1.antwoorden.json.lock"}


def test_ongewijzigd_antwoord_schrijft_niet_opnieuw(tmp_path: Path) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"x": 1})
    a.schrijf("1a", {"x": 2})
    voor = (a.pad.read_bytes(), a.backup_pad.read_bytes())
    a.schrijf("1a", {"x": 2})
    assert (a.pad.read_bytes(), a.backup_pad.read_bytes()) == voor


# --- schade en herstel ----------------------------------------------------------------------------


def _beschadig(pad: Path, soort: str) -> bytes:
    goed = pad.read_bytes()
    schade = {
        "rommel": b"\x00\xff\xfe garbage \x13\x37{{{",
        "afgebroken": goed[: len(goed) // 2],
        "leeg": b"",
        "geen_opbouw": b'["schema", 1]',
        "zonder_schema": json.dumps({"notebook": "blok1", "oefeningen": {}}).encode(),
        "schema_nul": json.dumps({"schema": 0, "oefeningen": {}}).encode(),
        "oefening_geen_dict": json.dumps({"schema": 1, "oefeningen": {"1a": [1, 2]}}).encode(),
    }[soort]
    pad.write_bytes(schade)
    return schade


@pytest.mark.parametrize(
    "soort", ["rommel", "afgebroken", "leeg", "geen_opbouw", "zonder_schema", "schema_nul", "oefening_geen_dict"]
)
def test_beschadigd_bestand_valt_terug_op_backup(tmp_path: Path, soort: str) -> None:
    a = _twee_versies(tmp_path)
    schade = _beschadig(a.pad, soort)
    backup_voor = a.backup_pad.read_bytes()

    b = Antwoorden("blok1", map=tmp_path)  # geen crash
    assert b.lees("1a") == {"partijen": ["provincie"], "versie": 1}
    assert len(b.waarschuwingen) == 1
    melding = b.waarschuwingen[0]
    assert "beschadigd" in melding and "back-up" in melding and "blok1.antwoorden.json" in melding
    # Alleen lezen verandert niets op schijf: het bewijs staat er nog.
    assert a.pad.read_bytes() == schade
    assert _defecten(tmp_path, "blok1.antwoorden.json") == []

    b.schrijf("1b", {"nieuw": True})
    defect = _defecten(tmp_path, "blok1.antwoorden.json")
    assert len(defect) == 1 and defect[0].read_bytes() == schade
    assert any(defect[0].name in m for m in b.waarschuwingen)
    # De back-up blijft de laatste goede versie; het nieuwe bestand = back-up + nieuwe oefening.
    assert a.backup_pad.read_bytes() == backup_voor
    assert json.loads(a.pad.read_text())["oefeningen"] == {
        "1a": {"partijen": ["provincie"], "versie": 1},
        "1b": {"nieuw": True},
    }
    # Na het herstel is alles weer gewoon: geen nieuwe meldingen, geen tweede defect-bestand.
    c = Antwoorden("blok1", map=tmp_path)
    assert c.waarschuwingen == []
    c.schrijf("1c", {"x": 1})
    assert len(_defecten(tmp_path, "blok1.antwoorden.json")) == 1


def test_ontbrekend_bestand_met_backup_wordt_teruggezet(tmp_path: Path) -> None:
    a = _twee_versies(tmp_path)
    a.pad.unlink()
    b = Antwoorden("blok1", map=tmp_path)
    assert b.lees("1a")["versie"] == 1
    assert "ontbrak" in b.waarschuwingen[0] and "back-up" in b.waarschuwingen[0]


@pytest.mark.parametrize("backup", ["beschadigd", "ontbreekt"])
def test_bestand_en_backup_onbruikbaar_begint_leeg(tmp_path: Path, backup: str) -> None:
    a = _twee_versies(tmp_path)
    schade = _beschadig(a.pad, "afgebroken")
    backup_schade = b'{"schema": 1, "oefe'
    if backup == "beschadigd":
        a.backup_pad.write_bytes(backup_schade)
    else:
        a.backup_pad.unlink()

    b = Antwoorden("blok1", map=tmp_path)
    assert b.alles() == {}
    assert len(b.waarschuwingen) == 1
    assert "lege antwoorden" in b.waarschuwingen[0] and "bewaard" in b.waarschuwingen[0]

    b.schrijf("1a", {"opnieuw": True})
    defect = _defecten(tmp_path, "blok1.antwoorden.json")
    assert [p.read_bytes() for p in defect] == [schade]
    defect_backup = _defecten(tmp_path, "blok1.antwoorden.json.bak")
    assert [p.read_bytes() for p in defect_backup] == ([backup_schade] if backup == "beschadigd" else [])
    assert Antwoorden("blok1", map=tmp_path).lees("1a") == {"opnieuw": True}


def test_schade_na_het_laden_wordt_bij_schrijven_ontdekt(tmp_path: Path) -> None:
    """Onder het slot wordt opnieuw gelezen: ook schade die na het laden ontstond blijft bewaard."""
    a = _twee_versies(tmp_path)
    schade = _beschadig(a.pad, "rommel")
    a.schrijf("1b", {"x": 1})
    assert [p.read_bytes() for p in _defecten(tmp_path, "blok1.antwoorden.json")] == [schade]
    assert any("beschadigd" in m for m in a.waarschuwingen)
    assert Antwoorden("blok1", map=tmp_path).alles() == {"1a": {"partijen": ["provincie"], "versie": 1}, "1b": {"x": 1}}


def test_lees_antwoorden_herstelt_maar_schrijft_nooit(tmp_path: Path) -> None:
    a = _twee_versies(tmp_path)
    _beschadig(a.pad, "afgebroken")
    (tmp_path / "blok1.antwoorden.json.lock").unlink()
    voor = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    meldingen: list[str] = []
    document = lees_antwoorden(tmp_path / "blok1.ipynb", meldingen)
    assert document["oefeningen"] == {"1a": {"partijen": ["provincie"], "versie": 1}}
    assert document["schema"] == 1 and document["notebook"] == "blok1"
    assert len(meldingen) == 1 and "back-up" in meldingen[0]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == voor


def test_lees_antwoorden_zonder_bestand(tmp_path: Path) -> None:
    meldingen: list[str] = []
    assert lees_antwoorden("blok9", meldingen, map=tmp_path) == {
        "schema": 1,
        "notebook": "blok9",
        "bijgewerkt": None,
        "oefeningen": {},
    }
    assert meldingen == []
    assert _bestanden(tmp_path) == set()


def test_nieuwere_schemaversie_alleen_lezen(tmp_path: Path) -> None:
    pad = tmp_path / "blok1.antwoorden.json"
    inhoud = json.dumps({"schema": 2, "notebook": "blok1", "oefeningen": {"1a": {"x": 1}}, "nieuw": []}).encode()
    pad.write_bytes(inhoud)

    a = Antwoorden("blok1", map=tmp_path)
    assert a.lees("1a") == {"x": 1}
    assert a.alleen_lezen
    assert "nieuwere versie van de cursuskit" in a.waarschuwingen[0]
    with pytest.raises(RegieFout, match="nieuwere versie van de cursuskit") as fout:
        a.schrijf("1a", {"x": 2})
    assert "niet" in str(fout.value) and "wijzigen" in str(fout.value)
    with pytest.raises(AntwoordenFout):
        a.werk_bij("1b", y=1)
    assert pad.read_bytes() == inhoud
    assert _bestanden(tmp_path) <= {"blok1.antwoorden.json", "blok1.antwoorden.json.lock"}
    assert lees_antwoorden(pad)["oefeningen"] == {"1a": {"x": 1}}


@pytest.mark.parametrize(
    ("waarde", "stukje"),
    [
        ({"wanneer": datetime(2026, 1, 1)}, "veld 'wanneer'"),
        ({"lijst": [1, {2, 3}]}, "element 2"),
        ({"getal": float("nan")}, "getal nan"),
        ({"binnen": {1: "een"}}, "veldnaam 1 is geen tekst"),
        ({"ding": object()}, "type 'object'"),
    ],
)
def test_niet_op_te_slaan_waarde_verandert_niets(tmp_path: Path, waarde: dict, stukje: str) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"goed": True})
    voor = a.pad.read_bytes()
    with pytest.raises(RegieFout) as fout:
        a.schrijf("1b", waarde)
    assert stukje in str(fout.value) and "Oefening '1b'" in str(fout.value)
    with pytest.raises(RegieFout):
        a.werk_bij("1a", **waarde)
    assert a.pad.read_bytes() == voor
    assert not a.backup_pad.exists()
    assert a.alles() == {"1a": {"goed": True}}


def test_antwoord_moet_woordenboek_zijn(tmp_path: Path) -> None:
    a = Antwoorden("blok1", map=tmp_path)
    with pytest.raises(RegieFout, match="woordenboek"):
        a.schrijf("1a", ["lijst"])  # type: ignore[arg-type]
    with pytest.raises(RegieFout, match="naam van een oefening"):
        a.schrijf("", {})
    assert _bestanden(tmp_path) == set()


# --- crash midden in het schrijven -----------------------------------------------------------------


@pytest.mark.parametrize("mislukt_bij", [1, 2])
def test_crash_bij_vervangen_laat_vorig_bestand_heel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mislukt_bij: int
) -> None:
    """os.replace faalt (1: al bij de back-up, 2: bij het bestand zelf): het vorige bestand blijft staan."""
    a = _twee_versies(tmp_path)
    voor = a.pad.read_bytes()
    echte_replace = os.replace
    teller = {"n": 0}

    def kapot(bron: str, doel: str) -> None:
        teller["n"] += 1
        if teller["n"] == mislukt_bij:
            raise OSError(28, "No space left on device")
        echte_replace(bron, doel)

    monkeypatch.setattr(os, "replace", kapot)
    with pytest.raises(RegieFout, match="kon niet worden opgeslagen") as fout:
        a.schrijf("1a", {"versie": 3})
    assert "ongewijzigd" in str(fout.value)
    monkeypatch.undo()

    assert a.pad.read_bytes() == voor
    assert json.loads(a.backup_pad.read_text())["schema"] == 1  # ook de back-up is heel
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    b = Antwoorden("blok1", map=tmp_path)
    assert b.lees("1a")["versie"] == 2 and b.waarschuwingen == []
    b.schrijf("1a", {"versie": 3})
    assert Antwoorden("blok1", map=tmp_path).lees("1a") == {"versie": 3}


def test_overgebleven_tijdelijk_bestand_wordt_opgeruimd(tmp_path: Path) -> None:
    a = _twee_versies(tmp_path)
    wees = tmp_path / ".blok1.antwoorden.json.abc123.tmp"
    wees.write_text('{"schema": 1, "oef')
    ander = tmp_path / ".blok10.antwoorden.json.abc123.tmp"  # van een ander notebook: blijft staan
    ander.write_text("x")
    assert Antwoorden("blok1", map=tmp_path).lees("1a")["versie"] == 2
    a.schrijf("1b", {"x": 1})
    assert not wees.exists()
    assert ander.exists()


def _schrijf_tot_je_gedood_wordt(map: str, klaar: multiprocessing.synchronize.Event) -> None:
    a = Antwoorden("blok1", map=map)
    i = 0
    while True:
        a.schrijf("1a", {"i": i, "vulling": "x" * (1000 + i % 5000)})
        i += 1
        if i == 20:
            klaar.set()


@pytest.mark.traag
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL bestaat niet op dit platform")
def test_gedood_tijdens_schrijven_laat_geldig_bestand(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    for ronde in range(3):
        klaar = ctx.Event()
        p = ctx.Process(target=_schrijf_tot_je_gedood_wordt, args=(str(tmp_path), klaar), daemon=True)
        p.start()
        try:
            assert klaar.wait(30), "het schrijvende proces kwam niet op gang"
            time.sleep(0.01 * (ronde + 1))
        finally:
            os.kill(p.pid, signal.SIGKILL)
            p.join(10)
        document = json.loads((tmp_path / "blok1.antwoorden.json").read_text())
        assert document["oefeningen"]["1a"]["i"] >= 19
        json.loads((tmp_path / "blok1.antwoorden.json.bak").read_text())
        a = Antwoorden("blok1", map=tmp_path)
        assert a.waarschuwingen == []
        a.werk_bij("1b", ronde=ronde)  # ruimt eventuele tijdelijke bestanden van het gedode proces op
        assert not [q for q in tmp_path.iterdir() if q.name.endswith(".tmp")]


# --- gelijktijdig schrijven ------------------------------------------------------------------------

AANTAL_SCHRIJFACTIES = 200


def _schrijver(map: str, nummer: int, start: multiprocessing.synchronize.Event) -> None:
    a = Antwoorden("blok1", map=map)
    start.wait(30)
    for i in range(AANTAL_SCHRIJFACTIES):
        a.schrijf(f"oefening{nummer}", {"i": i, "vulling": "é" * ((i * 37 + nummer) % 3000)})
        if i % 10 == 9:
            a.werk_bij("gedeeld", **{f"schrijver{nummer}": i})


def _lezer(map: str, stop: multiprocessing.synchronize.Event, uitslag: multiprocessing.Queue) -> None:
    pad = Path(map) / "blok1.antwoorden.json"
    gelezen, fouten = 0, []
    while not stop.is_set():
        try:
            inhoud = pad.read_bytes()
        except FileNotFoundError:
            continue
        try:
            document = json.loads(inhoud)
            assert document["schema"] == 1 and isinstance(document["oefeningen"], dict)
            gelezen += 1
        except (ValueError, KeyError, AssertionError) as fout:
            fouten.append(f"{type(fout).__name__}: {inhoud[:80]!r}")
    uitslag.put((gelezen, fouten[:5], len(fouten)))


@pytest.mark.traag
def test_gelijktijdige_processen(tmp_path: Path) -> None:
    """Drie kernels (processen) schrijven tegelijk; een lezer ziet altijd een heel bestand; niets gaat verloren."""
    ctx = multiprocessing.get_context("spawn")
    start, stop, uitslag = ctx.Event(), ctx.Event(), ctx.Queue()
    schrijvers = [ctx.Process(target=_schrijver, args=(str(tmp_path), n, start), daemon=True) for n in range(3)]
    lezer = ctx.Process(target=_lezer, args=(str(tmp_path), stop, uitslag), daemon=True)
    try:
        for p in [*schrijvers, lezer]:
            p.start()
        start.set()
        for p in schrijvers:
            p.join(120)
        assert [p.exitcode for p in schrijvers] == [0, 0, 0]
        stop.set()
        gelezen, voorbeelden, aantal_fouten = uitslag.get(timeout=30)
        lezer.join(30)
    finally:
        stop.set()
        for p in [*schrijvers, lezer]:
            if p.is_alive():
                p.kill()
                p.join(10)
    assert aantal_fouten == 0, voorbeelden
    assert gelezen > 10

    alles = lees_antwoorden(tmp_path / "blok1.ipynb")["oefeningen"]
    laatste = AANTAL_SCHRIJFACTIES - 1
    for n in range(3):
        assert alles[f"oefening{n}"]["i"] == laatste
    assert alles["gedeeld"] == {f"schrijver{n}": laatste for n in range(3)}
    assert json.loads((tmp_path / "blok1.antwoorden.json.bak").read_text())["schema"] == 1
    assert not [q for q in tmp_path.iterdir() if q.name.endswith(".tmp")]


@pytest.mark.parametrize("gedeeld_object", [True, False])
def test_gelijktijdige_threads(tmp_path: Path, gedeeld_object: bool) -> None:
    """Twee widgets in één kernel: één gedeeld object of elk een eigen object op hetzelfde bestand."""
    gedeeld = Antwoorden("blok1", map=tmp_path)
    fouten: list[BaseException] = []

    def werk(nummer: int) -> None:
        try:
            a = gedeeld if gedeeld_object else Antwoorden("blok1", map=tmp_path)
            for i in range(50):
                a.schrijf(f"widget{nummer}", {"i": i})
                a.werk_bij("canvas", **{f"veld{nummer}": i})
        except BaseException as fout:
            fouten.append(fout)

    threads = [threading.Thread(target=werk, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert fouten == []
    alles = Antwoorden("blok1", map=tmp_path).alles()
    assert {k: v for k, v in alles.items() if k != "canvas"} == {f"widget{n}": {"i": 49} for n in range(4)}
    assert alles["canvas"] == {f"veld{n}": 49 for n in range(4)}


def test_ander_object_ziet_nieuwe_antwoorden(tmp_path: Path) -> None:
    """Twee tabbladen: wat het ene schrijft, leest het andere terug zonder herstart."""
    a = Antwoorden("blok1", map=tmp_path)
    b = Antwoorden("blok1", map=tmp_path)
    a.schrijf("1a", {"van": "a"})
    assert b.lees("1a") == {"van": "a"}
    b.schrijf("1b", {"van": "b"})
    assert a.alles() == {"1a": {"van": "a"}, "1b": {"van": "b"}}


def test_toon_waarschuwingen_buiten_notebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Antwoorden("blok1", map=tmp_path).toon_waarschuwingen()
    assert capsys.readouterr().err == ""
    a = _twee_versies(tmp_path)
    _beschadig(a.pad, "leeg")
    Antwoorden("blok1", map=tmp_path).toon_waarschuwingen()
    fout = capsys.readouterr().err
    assert fout.startswith("Let op: Je antwoordbestand blok1.antwoorden.json is beschadigd: het bestand is leeg.")


def test_importeert_geen_zware_bibliotheken() -> None:
    import subprocess
    import sys

    code = (
        "import sys, samenwerkingscode.antwoorden; "
        "print(sorted(m for m in ('ipywidgets', 'matplotlib', 'pandas', 'nbgrader', 'IPython') if m in sys.modules))"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert uit.strip() == "[]"
    assert antwoorden_module.SCHEMA == 1
