"""De gedeelde tekstpasser (figuren/_tekst.py) en het enige contact met matplotlib-internals (figuren/_matplotlib.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import samenwerkingscode
from samenwerkingscode.figuren import _matplotlib
from samenwerkingscode.figuren._tekst import ONTBREEKT, Tekstmeter, schoon
from samenwerkingscode.figuren.poster import teken_canvas

PAKKET = Path(samenwerkingscode.__file__).resolve().parent


@pytest.fixture(scope="module")
def meter() -> Tekstmeter:
    from matplotlib.backends.backend_agg import RendererAgg

    return Tekstmeter(RendererAgg(1, 1, 100), 100, 100 / 25.4)


def test_schoon_haalt_onzichtbare_en_stuurtekens_weg() -> None:
    assert schoon("a\ufeffb\u200bc\u00add\x00e\x1b") == "abcde"
    assert schoon("tab\there\nregel") == "tab here\nregel"
    assert schoon("e\u0301") == "é"  # samengesteld tot één teken
    assert schoon("gewone tekst") == "gewone tekst"


def test_zichtbaar_maakt_van_een_ontbrekende_letter_een_vakje(meter: Tekstmeter) -> None:
    assert meter.zichtbaar("boom 🌳 中 café €") == f"boom {ONTBREEKT} {ONTBREEKT} café €"


def test_breek_houdt_elke_regel_binnen_de_breedte(meter: Tekstmeter) -> None:
    prop = meter.letter(10.0)
    tekst = "Een gezamenlijk doel dat alle partijen binden kan, ook als hun eigen doelen botsen. " * 5
    regels, heel = meter.breek(tekst, prop, 60.0)
    assert heel and len(regels) > 3
    assert all(meter.breedte(r, prop) <= 60.0 for r in regels)
    assert " ".join(regels) == " ".join(tekst.split())


def test_een_onbreekbaar_woord_wordt_gesplitst_met_of_zonder_streepje(meter: Tekstmeter) -> None:
    prop = meter.letter(10.0)
    regels, heel = meter.breek("x" * 500, prop, 40.0)
    assert heel and "".join(regels) == "x" * 500 and all(meter.breedte(r, prop) <= 40.0 for r in regels)
    met_streepje = meter.breek_alineas("y" * 200 + "\ntweede alinea", prop, 40.0, afbreekteken="-").split("\n")
    assert all(r.endswith("-") for r in met_streepje[:-2]) and met_streepje[-1] == "tweede alinea"


def test_max_regels_begrenst_ook_een_reusachtige_tekst(meter: Tekstmeter) -> None:
    prop = meter.letter(7.0)
    regels, heel = meter.breek("z" * 1_000_000, prop, 100.0, max_regels=3)
    assert not heel and len(regels) == 3


def test_met_beletsel_past_en_eindigt_op_puntjes(meter: Tekstmeter) -> None:
    prop = meter.letter(10.0)
    for regel in ("een regel met woorden die te lang is voor dit kleine vak", "w" * 300):
        kort = meter.met_beletsel(regel, prop, 30.0)
        assert kort.endswith("…") and meter.breedte(kort, prop) <= 30.0


# --- matplotlib-internals: alleen in geteste versies, anders het openbare pad -----------------------------


def test_versiecontrole() -> None:
    assert _matplotlib.versie("3.11.2") == (3, 11)
    assert _matplotlib.versie("3.12.0rc1") == (3, 12)
    assert _matplotlib.versie("onzin") == (0, 0)
    assert _matplotlib.getest("3.11.2") and not _matplotlib.getest("4.0.0")


def test_ongeteste_matplotlib_valt_terug_op_het_openbare_pad_met_dezelfde_poster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inhoud = {"partijen": ["Provincie", "Waterschap"], "doelen": ["Een levend beekdal " * 30]}
    snel: dict = {}
    teken_canvas(inhoud, "Titel", tmp_path / "snel.pdf", verslag=snel)
    monkeypatch.setattr(_matplotlib, "GETESTE_VERSIES", frozenset())
    assert _matplotlib.tekstmeting() is None
    from matplotlib.backends import _backend_pdf_ps

    voor = _backend_pdf_ps.subset
    with _matplotlib.pdf_zonder_opmaaktabellen():
        assert _backend_pdf_ps.subset is voor  # niets vervangen
    veilig: dict = {}
    teken_canvas(inhoud, "Titel", tmp_path / "veilig.pdf", verslag=veilig)
    assert b"/FontFile2" in (tmp_path / "veilig.pdf").read_bytes()
    assert {k: v["inhoud"] for k, v in veilig["velden"].items()} == {k: v["inhoud"] for k, v in snel["velden"].items()}


def test_geen_matplotlib_internals_buiten_het_adapterbestand() -> None:
    """Private matplotlib-namen en het vervangen van modules staan alleen in figuren/_matplotlib.py."""
    intern = re.compile(r"_get_text_metrics_with_cache|_backend_pdf_ps|matplotlib\.[a-z_.]*\._[a-z]")
    overtreders = [
        str(pad.relative_to(PAKKET))
        for pad in PAKKET.rglob("*.py")
        if pad.name != "_matplotlib.py" and intern.search(pad.read_text(encoding="utf-8"))
    ]
    assert not overtreders


def test_poster_en_beslisboom_gebruiken_dezelfde_tekstpasser() -> None:
    from samenwerkingscode.figuren import beslisboom, poster

    assert poster.Tekstmeter is Tekstmeter and beslisboom.Tekstmeter is Tekstmeter
    for module in (poster, beslisboom):
        bron = Path(module.__file__).read_text(encoding="utf-8")
        assert "def _langste_begin" not in bron and "def _breek_alinea" not in bron


# --- Bewaarde deelverzamelingen van de letter --------------------------------------------------------------


def _letterstromen(pdf: bytes) -> list[bytes]:
    """De ingebedde letterbestanden (FontFile2-stromen) uit een pdf, uitgepakt."""
    import zlib

    uit = []
    for m in re.finditer(rb"/Length1 \d+.*?stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            uit.append(zlib.decompress(m.group(1)))
        except zlib.error:
            uit.append(m.group(1))
    return uit


def test_bewaarde_deelverzameling_geeft_dezelfde_ingebedde_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inhoud = {"partijen": ["Provincie", "Agrariërs"], "doelen": ["Een levend beekdal – café’s en €"]}
    monkeypatch.setenv(_matplotlib.CACHE_VARIABELE, "uit")
    teken_canvas(inhoud, "Titel", tmp_path / "zonder.pdf")
    cache = tmp_path / "letters"
    monkeypatch.setenv(_matplotlib.CACHE_VARIABELE, str(cache))
    teken_canvas(inhoud, "Titel", tmp_path / "eerste.pdf")
    bewaard = sorted(cache.glob("*.ttf"))
    assert bewaard  # de eerste keer bewaard
    teken_canvas(inhoud, "Titel", tmp_path / "tweede.pdf")
    assert sorted(cache.glob("*.ttf")) == bewaard  # de tweede keer hergebruikt, niets nieuws
    zonder = _letterstromen((tmp_path / "zonder.pdf").read_bytes())
    assert zonder and len(zonder) == len(bewaard)
    for naam in ("eerste.pdf", "tweede.pdf"):
        assert _letterstromen((tmp_path / naam).read_bytes()) == zonder


def test_zonder_geteste_versie_of_schrijfbare_map_blijft_alles_gewoon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.backends import _backend_pdf_ps

    voor = _backend_pdf_ps.get_glyphs_subset
    monkeypatch.setattr(_matplotlib, "GETESTE_VERSIES", frozenset())
    with _matplotlib.bewaarde_deelverzamelingen():
        assert _backend_pdf_ps.get_glyphs_subset is voor
    monkeypatch.undo()
    bestand = tmp_path / "geen-map"
    bestand.write_text("x", encoding="utf-8")
    monkeypatch.setenv(_matplotlib.CACHE_VARIABELE, str(bestand / "letters"))  # kan nooit een map worden
    teken_canvas({"partijen": ["Provincie"]}, "T", tmp_path / "p.pdf")
    assert b"/FontFile2" in (tmp_path / "p.pdf").read_bytes()
