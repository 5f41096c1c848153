"""Snelle tests van de prestatiemetingen (``bench/``): de tabel, de verhoudingen en de aanroep.

Hier wordt niets getimed: tijden horen in ``make bench``, niet in een test die op een drukke
machine willekeurig faalt. De tests voeren nepmetingen uit met vaste getallen.
"""

from __future__ import annotations

import sys
import time
import types
from pathlib import Path

import pytest

from bench import FIGUREN
from bench import __main__ as hoofd
from bench._kern import (
    KOPPEN,
    BenchFout,
    Doel,
    Instellingen,
    Meting,
    Reeks,
    afwisselend,
    belasting_tekst,
    cpu_machine,
    duur,
    mediaan,
    onrustig,
    oordeel,
    percentiel,
    rijen,
    spreiding,
    tabel,
    wacht_op_rust,
)

PROJECT = Path(__file__).resolve().parent.parent


def test_verhouding_is_waarde_gedeeld_door_basislijn() -> None:
    """Is de verhouding waarde/basislijn, en leeg zonder (of met een nul-)basislijn?"""
    assert Meting("a", waarde=3.0, basislijn=2.0).verhouding == pytest.approx(1.5)
    assert Meting("b", waarde=3.0).verhouding is None
    assert Meting("c", waarde=3.0, basislijn=0.0).verhouding is None


@pytest.mark.parametrize(
    ("waarde", "basislijn", "doel", "gehaald"),
    [
        (1.2, 1.0, Doel(1.2), True),  # precies op de grens telt als gehaald
        (1.3, 1.0, Doel(1.2), False),
        (0.004, 0.001, Doel(0.005, "waarde"), True),  # een grens op de waarde kijkt niet naar de verhouding
        (0.006, 0.010, Doel(0.005, "waarde"), False),
    ],
)
def test_doel_gehaald_of_niet(waarde: float, basislijn: float, doel: Doel, gehaald: bool) -> None:
    """Vergelijkt een doel de verhouding of de waarde, naar gelang zijn soort?"""
    assert Meting("m", waarde=waarde, basislijn=basislijn, doel=doel).gehaald is gehaald


def test_zonder_doel_of_met_fout_is_niets_gehaald_of_gemist() -> None:
    """Een informatieve regel of een mislukte meting is geen gemist doel."""
    assert Meting("info", waarde=1.0, basislijn=1.0).gehaald is None
    assert Meting("kapot", waarde=None, doel=Doel(1.0), fout="stuk").gehaald is None


def test_doeltekst() -> None:
    assert Doel(1.2).tekst() == "≤ 1,20×"
    assert Doel(0.005, "waarde").tekst() == "≤ 5,0 ms"
    assert Doel(15.0, "waarde").tekst() == "≤ 15,0 s"


@pytest.mark.parametrize(
    ("seconden", "tekst"),
    [(0.0000123, "12 µs"), (0.0025, "2,5 ms"), (0.25, "250 ms"), (1.234, "1,23 s"), (12.34, "12,3 s"), (None, "–")],
)
def test_duur_met_decimale_komma(seconden: float | None, tekst: str) -> None:
    assert duur(seconden) == tekst


def test_mediaan_en_percentiel() -> None:
    """Mediaan en 95e percentiel (lineair geïnterpoleerd) van bekende reeksen."""
    assert mediaan([5.0, 1.0, 3.0]) == 3.0
    assert mediaan([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert percentiel([float(i) for i in range(1, 101)], 95) == pytest.approx(95.05)
    assert percentiel([2.0], 95) == 2.0
    with pytest.raises(BenchFout):
        mediaan([])
    with pytest.raises(ValueError):
        percentiel([1.0], 101)


def test_tabel_heeft_de_nederlandse_koppen_en_noemt_wat_gemist_is() -> None:
    """Staan de koppen in volgorde, staat NEE bij het gemiste doel en wordt het onder de tabel genoemd?"""
    metingen = [
        Meting("snel genoeg", waarde=1.0, basislijn=1.0, doel=Doel(1.2)),
        Meting("te traag", waarde=3.0, basislijn=1.0, doel=Doel(2.0)),
        Meting("alleen ter informatie", waarde=40.0, basislijn=8.0, toelichting="een keer gemeten"),
    ]
    uit = tabel(metingen)
    kopregel = uit.splitlines()[0]
    assert [kop for kop in KOPPEN if kop in kopregel] == list(KOPPEN)
    assert kopregel.index("Meting") < kopregel.index("Waarde") < kopregel.index("Gehaald?")
    cellen = {r[0]: r for r in rijen(metingen)}
    assert cellen["snel genoeg"][3:6] == ("1,00×", "≤ 1,20×", "ja")
    assert cellen["te traag"][3:6] == ("3,00×", "≤ 2,00×", "NEE")
    assert cellen["alleen ter informatie"][4:6] == ("–", "–")
    assert "Niet gehaald (1 van 2 doelen)" in uit
    assert "te traag: 3,00× (doel ≤ 2,00×)" in uit
    assert "alleen ter informatie: een keer gemeten" in uit


def test_oordeel_als_alles_gehaald_en_bij_een_mislukte_meting() -> None:
    assert oordeel([Meting("a", waarde=0.001, doel=Doel(0.005, "waarde"))]) == "Alle 1 doelen gehaald."
    tekst = oordeel([Meting("boek", waarde=None, fout="jupyter-book stopte met code 1")])
    assert "Mislukte metingen" in tekst and "boek: jupyter-book stopte met code 1" in tekst
    assert rijen([Meting("boek", waarde=None, fout="x")])[0][5] == "FOUT"


def test_afwisselend_voert_elke_taak_even_vaak_en_om_en_om_uit() -> None:
    """Elke taak n keer, en per ronde een andere taak eerst (zodat ruis alle taken treft)."""
    volgorde: list[str] = []
    taken = {naam: (lambda naam=naam: volgorde.append(naam)) for naam in ("a", "b", "c")}
    tijden = afwisselend(taken, 3, opwarmen=True)
    assert {k: len(v.wand) for k, v in tijden.items()} == {"a": 3, "b": 3, "c": 3}
    assert {k: len(v.cpu) for k, v in tijden.items()} == {"a": 3, "b": 3, "c": 3}
    assert volgorde[:3] == ["a", "b", "c"]  # opwarmen
    assert volgorde[3:] == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert all(t >= 0 for v in tijden.values() for t in v.wand + v.cpu)


def test_herhalingen_overschrijven_de_standaard() -> None:
    assert Instellingen().aantal(normaal=9, snel=3) == 9
    assert Instellingen(snel=True).aantal(normaal=9, snel=3) == 3
    assert Instellingen(snel=True, herhalingen=5).aantal(normaal=9, snel=3) == 5


def _nepmodule(monkeypatch: pytest.MonkeyPatch, naam: str, metingen: list[Meting] | Exception) -> None:
    module = types.ModuleType(naam)

    def meet(_inst: Instellingen) -> list[Meting]:
        if isinstance(metingen, Exception):
            raise metingen
        return metingen

    module.meet = meet  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, naam, module)


def test_gemist_doel_geeft_exitcode_0_en_een_tabel(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Een gemist doel is een uitkomst van de meting, geen fout: exitcode 0."""
    _nepmodule(monkeypatch, "bench_nep_traag", [Meting("nep", waarde=5.0, basislijn=1.0, doel=Doel(2.0))])
    _nepmodule(monkeypatch, "bench_nep_overig", [Meting("overig", waarde=1.0, basislijn=1.0, doel=Doel(2.0))])
    monkeypatch.setattr(hoofd, "FIGUREN", {"traag": "bench_nep_traag", "overig": "bench_nep_overig"})
    assert hoofd.main(["--alleen", "traag", "--snel"]) == 0
    uit = capsys.readouterr().out
    assert "Gehaald?" in uit and "NEE" in uit and "overig" not in uit


def test_mislukte_meting_geeft_exitcode_1_en_de_rest_gaat_door(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _nepmodule(monkeypatch, "bench_nep_kapot", BenchFout("jupyter-book ontbreekt"))
    _nepmodule(monkeypatch, "bench_nep_goed", [Meting("goed", waarde=1.0, basislijn=1.0, doel=Doel(2.0))])
    monkeypatch.setattr(hoofd, "FIGUREN", {"kapot": "bench_nep_kapot", "goed": "bench_nep_goed"})
    assert hoofd.main([]) == 1
    uit = capsys.readouterr().out
    assert "FOUT" in uit and "kapot: jupyter-book ontbreekt" in uit and "goed" in uit


def test_onbekende_meting_of_nul_herhalingen_is_een_aanroepfout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as uitgang:
        hoofd.main(["--alleen", "bestaat-niet"])
    assert uitgang.value.code == 2
    assert hoofd.main(["--herhalingen", "0"]) == 2


def test_elke_meting_heeft_een_module_met_meet() -> None:
    """Kan ``--alleen`` elke naam aan, en heeft elke module een functie ``meet``?"""
    import importlib

    assert list(FIGUREN) == ["import", "notebooks", "beoordelen", "widget", "poster", "boek", "lab", "hub"]
    for module in FIGUREN.values():
        assert callable(importlib.import_module(module).meet)


def test_minimaal_notebook_heeft_dezelfde_beoordelingsopbouw() -> None:
    """De basislijn van het beoordelen: evenveel cellen, dezelfde nbgrader-metadata, triviale code."""
    import nbformat

    from bench.beoordelen import kies_blok, minimaal_notebook

    blok = kies_blok(PROJECT)
    bron = nbformat.read(PROJECT / "notebooks" / blok / f"{blok}.ipynb", as_version=4)
    mini = minimaal_notebook(bron)
    assert [c.cell_type for c in mini.cells] == [c.cell_type for c in bron.cells]
    assert [c.metadata.get("nbgrader") for c in mini.cells] == [c.metadata.get("nbgrader") for c in bron.cells]
    for cel, origineel in zip(mini.cells, bron.cells, strict=True):
        for markering in ("### BEGIN HIDDEN TESTS", "### BEGIN SOLUTION", "=== BEGIN MARK SCHEME ==="):
            assert (markering in cel.source) == (markering in origineel.source)
        assert "samenwerkingscode" not in cel.source


def test_spreiding_en_cpu_staan_naast_de_waarde() -> None:
    """Elke regel toont de interkwartielafstand van de herhalingen en de processortijd."""
    assert spreiding([1.0, 2.0, 3.0, 4.0, 5.0]) == pytest.approx(2.0)
    assert spreiding([7.0]) == 0.0
    cel = dict(zip(KOPPEN, rijen([Meting("m", waarde=2.0, basislijn=1.0, spreiding=0.25, cpu=1.5)])[0], strict=True))
    assert (cel["Spreiding"], cel["CPU"]) == ("250 ms", "1,50 s")
    zonder = dict(zip(KOPPEN, rijen([Meting("m", waarde=2.0)])[0], strict=True))
    assert (zonder["Spreiding"], zonder["CPU"]) == ("–", "–")


def test_reeks_meet_wand_en_cpu_per_run() -> None:
    reeks = Reeks()
    for _ in range(3):
        reeks.meet(lambda: sum(range(1000)))
    assert len(reeks.wand) == len(reeks.cpu) == 3
    assert all(t >= 0 for t in reeks.wand + reeks.cpu)


def test_een_reeks_wordt_een_regel_met_mediaan_spreiding_en_cpu() -> None:
    """Elke meting uit een reeks krijgt vanzelf haar spreiding en processortijd in de tabel."""
    reeks, basis = Reeks(wand=[1.0, 2.0, 3.0, 4.0, 5.0], cpu=[0.5] * 5), Reeks(wand=[1.0, 1.0, 1.0], cpu=[0.1] * 3)
    m = reeks.meting("x", basis, doel=Doel(2.5))
    assert (m.waarde, m.basislijn, m.verhouding, m.spreiding, m.cpu) == (3.0, 1.0, 3.0, 2.0, 0.5)
    assert m.gehaald is False


def test_belasting_boven_kernen_is_onbetrouwbaar() -> None:
    """Meer werk dan kernen: de tabel zegt dat de cijfers onbetrouwbaar zijn."""
    assert onrustig(2.5, 2) and not onrustig(2.0, 2) and not onrustig(None, 2)
    assert "ONBETROUWBAAR" in belasting_tekst(0.5, 3.1, 2)
    assert "ONBETROUWBAAR" not in belasting_tekst(0.5, 1.9, 2)
    assert "0,5 bij het begin, 1,9 aan het eind, op 2 kernen" in belasting_tekst(0.5, 1.9, 2)


def test_eigen_werk_van_de_bench_maakt_de_cijfers_niet_onbetrouwbaar() -> None:
    """Na de hele groep (alle kernen bezig) ligt de belasting hoog door de bench zelf: dat telt niet."""
    rustig = belasting_tekst(0.4, 2.1, 2, vreemd=0.1, eigen=1.3)
    assert "ONBETROUWBAAR" not in rustig
    assert "andere programma's gemiddeld op 0,1 kern (de metingen zelf: 1,3 kern)" in rustig
    assert "ONBETROUWBAAR" in belasting_tekst(0.4, 2.1, 2, vreemd=0.8, eigen=1.3)  # iets anders rekende mee
    assert "ONBETROUWBAAR" in belasting_tekst(2.6, 1.0, 2, vreemd=0.0, eigen=1.0)  # al druk bij het begin


def test_cpu_machine_telt_op() -> None:
    """De bezette tijd van de machine groeit als dit proces rekent (Linux), en is nooit negatief."""
    voor = cpu_machine()
    if voor is None:
        pytest.skip("geen /proc/stat op dit systeem")
    einde = time.process_time() + 0.2
    while time.process_time() < einde:
        pass
    na = cpu_machine()
    assert na is not None and na - voor >= 0.15


def test_wacht_op_rust_is_begrensd() -> None:
    """--wacht wacht tot de belasting zakt, maar nooit langer dan de grens."""
    lasten = iter([4.0, 3.0, 1.0])
    geslapen: list[float] = []
    assert wacht_op_rust(60, 2, lees=lambda: next(lasten), slaap=geslapen.append, stap=5) == (True, 10.0)
    assert geslapen == [5, 5]
    geslapen.clear()
    assert wacht_op_rust(12, 2, lees=lambda: 9.0, slaap=geslapen.append, stap=5) == (False, 15.0)
    assert len(geslapen) == 3


def test_wacht_en_schaal_komen_aan(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--wacht roept het wachten aan; --schaal staat in de instellingen van de metingen."""
    gezien: dict[str, object] = {}

    def meet(inst: Instellingen) -> list[Meting]:
        gezien["schaal"] = inst.schaal
        return [Meting("nep", waarde=1.0, basislijn=1.0)]

    module = types.ModuleType("bench_nep_schaal")
    module.meet = meet  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bench_nep_schaal", module)
    monkeypatch.setattr(hoofd, "FIGUREN", {"nep": "bench_nep_schaal"})
    monkeypatch.setattr(hoofd, "wacht_op_rust", lambda grens, kernen: gezien.setdefault("wacht", grens) and (True, 0.0))
    assert hoofd.main(["--schaal", "--wacht", "30"]) == 0
    assert gezien == {"schaal": True, "wacht": 30}
    uit = capsys.readouterr().out
    assert "Belasting van de machine" in uit or "niet te meten" in uit
