"""De canvasposter: formaat, letters, passen in het veld, fouten en een indeling uit canvas.yml."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
import zlib
from pathlib import Path

import pytest
import yaml

from samenwerkingscode.figuren import _stijl
from samenwerkingscode.figuren.poster import (
    NOOT_INGEKORT,
    PNG_DPI,
    TEKST_PT,
    teken_canvas,
    teken_leeg_canvas,
)
from samenwerkingscode.model import MODEL_MAP, canvas
from samenwerkingscode.model.yamlbestand import RegieFout

A3_PT = (420 / 25.4 * 72, 297 / 25.4 * 72)
DIAKRIETEN = "ëéï’€"

INHOUD = {
    "partijen": ["Provincie (bevoegd gezag)", "Terreinbeheerders", "Agrariërs in het beekdal"],
    "bijdragen": "Grond\nKennis van de hydrologie\nMandaat",
    "doelen": ["Herstel van de beek’s natuurlijke loop", "Gezamenlijk doel: een levend beekdal"],
    "risicos": ["Vernatting raakt landbouwgrond; financiële schade (€) is onzeker"],
    "regels": ["Natura 2000: een Europese regel, verplichtend"],
    "besluitvorming": ["Bestuurlijke tafel, één keer per kwartaal, met een geïnformeerde voorzitter"],
    "operatie": ["Projectteam"],
    "levenscyclus": ["Verkenning", "Uitvoering", "Beheer"],
    "investeringen_opbrengsten": ["Tijd en energie van alle partijen"],
}


def _binnen(tekst: tuple[float, ...], veld: tuple[float, ...]) -> bool:
    x0, y0, x1, y1 = veld
    return tekst[0] >= x0 and tekst[1] >= y0 and tekst[2] <= x1 and tekst[3] <= y1


def _pdf_streams(data: bytes) -> list[bytes]:
    """De uitgepakte streams van een PDF (matplotlib comprimeert met zlib)."""
    uit = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            uit.append(zlib.decompress(m.group(1)))
        except zlib.error:
            uit.append(m.group(1))
    return uit


def _unicode_in_tounicode(data: bytes) -> set[int]:
    """Alle tekens die de ToUnicode-tabellen van de ingebedde letters noemen."""
    tekens: set[int] = set()
    for stream in _pdf_streams(data):
        if b"begincmap" not in stream:
            continue
        for regel in stream.decode("latin-1").splitlines():
            waarden = re.findall(r"<([0-9a-fA-F]{4,})>", regel)
            if regel.strip().startswith("<") and len(waarden) >= 2:
                tekens.update(int(w, 16) for w in waarden[1:])
    return tekens


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    verslag: dict = {}
    uit = tmp_path_factory.mktemp("pdf") / "canvas.pdf"
    teken_canvas(INHOUD, "Springendal – Dal van de Mosbeek", uit, ondertitel="Een proef", verslag=verslag)
    return uit, verslag


def test_pdf_is_a3_liggend(pdf: tuple[Path, dict]) -> None:
    """Is de PDF één pagina A3 liggend (420 × 297 mm)?"""
    data = pdf[0].read_bytes()
    assert data.startswith(b"%PDF")
    kaders = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert len(kaders) == 1
    x0, y0, x1, y1 = (float(v) for v in kaders[0])
    assert (x1 - x0) == pytest.approx(A3_PT[0], abs=0.5)
    assert (y1 - y0) == pytest.approx(A3_PT[1], abs=0.5)
    assert pdf[1]["pagina_mm"] == (420.0, 297.0)


def test_pdf_bevat_ingebedde_letters_met_diakrieten(pdf: tuple[Path, dict]) -> None:
    """Zijn de letters ingebed als TrueType (fonttype 42) en bevatten ze ë, é, ï, ’ en €?"""
    data = pdf[0].read_bytes()
    assert b"/FontFile2" in data, "geen ingebedde TrueType-letter"
    assert b"/Subtype /Type3" not in data
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+DejaVuSans", data)
    tekens = _unicode_in_tounicode(data)
    ontbreekt = [t for t in DIAKRIETEN if ord(t) not in tekens]
    assert not ontbreekt, f"niet in de PDF: {ontbreekt}"


def test_png_is_breed_genoeg_en_mist_geen_letters(tmp_path: Path) -> None:
    """Is de PNG minstens 2000 pixels breed en tekent matplotlib alle diakrieten zonder klacht?"""
    from PIL import Image

    uit = tmp_path / "canvas.PNG"
    with warnings.catch_warnings(record=True) as meldingen:
        warnings.simplefilter("always")
        teken_canvas(INHOUD, "Één canvas – café’s en €", uit)
    ontbrekend = [str(m.message) for m in meldingen if "missing from font" in str(m.message)]
    assert not ontbrekend
    with Image.open(uit) as beeld:
        breedte, hoogte = beeld.size
        assert beeld.format == "PNG"
    assert breedte >= 2000
    assert breedte / hoogte == pytest.approx(420 / 297, rel=0.01)
    assert breedte == pytest.approx(420 / 25.4 * PNG_DPI, abs=2)


def test_ontbrekende_letter_wordt_een_zichtbaar_vakje_zonder_engelse_waarschuwing(tmp_path: Path) -> None:
    """Een teken dat DejaVu Sans niet heeft (CJK, emoji) wordt □, zonder Engelse matplotlib-waarschuwing."""
    verslag: dict = {}
    with warnings.catch_warnings(record=True) as meldingen:
        warnings.simplefilter("always")
        teken_canvas({"partijen": ["中 boom 🌳"]}, "🌳 titel", tmp_path / "x.pdf", verslag=verslag)
    assert not [m for m in meldingen if "missing from font" in str(m.message)]
    assert verslag["velden"]["partijen"]["inhoud"][-1] == "□ boom □"


def test_lange_tekst_krimpt_of_wordt_ingekort_maar_loopt_nooit_over(tmp_path: Path) -> None:
    """Blijft elke tekst binnen zijn veld, ook bij een lange tekst en een onbreekbaar woord?"""
    inhoud = dict(INHOUD)
    inhoud["bijdragen"] = ["Een bijdrage die wat langer is dan gewoonlijk en daarom kleiner moet."] * 8
    inhoud["risicos"] = ["Vernatting raakt landbouwgrond van agrariërs, met onzekere schade. " * 400]
    inhoud["operatie"] = ["https://voorbeeld.nl/" + "heel-lang-adres-zonder-spaties" * 20]
    verslag: dict = {}
    teken_canvas(inhoud, "Lang", tmp_path / "lang.pdf", verslag=verslag)
    velden = verslag["velden"]
    assert set(velden) == set(canvas.sleutels())
    for sleutel, v in velden.items():
        assert v["tekst"], sleutel
        for kader in v["tekst"]:
            assert _binnen(kader, v["veld"]), f"tekst buiten veld {sleutel}: {kader} niet in {v['veld']}"

    assert velden["bijdragen"]["lettergrootte"] < TEKST_PT[0]
    assert not velden["bijdragen"]["ingekort"]

    risicos = velden["risicos"]
    assert risicos["ingekort"]
    assert risicos["lettergrootte"] == TEKST_PT[1]
    assert risicos["inhoud"][-1] == NOOT_INGEKORT
    assert risicos["inhoud"][-2].endswith("…")

    assert velden["partijen"]["lettergrootte"] == TEKST_PT[0]
    assert not velden["partijen"]["ingekort"]


def test_leeg_werkblad_heeft_alle_vragen_en_past(tmp_path: Path) -> None:
    """Staat op het lege werkblad bij elk veld de titel en de vraag, binnen het veld?"""
    verslag: dict = {}
    uit = teken_leeg_canvas(tmp_path / "werkblad.pdf", verslag=verslag)
    assert uit.read_bytes().startswith(b"%PDF")
    for v in canvas.velden():
        gegevens = verslag["velden"][v.sleutel]
        assert v.titel in gegevens["inhoud"]
        assert " ".join(v.vraag.split()) in " ".join(" ".join(gegevens["inhoud"]).split())
        assert all(_binnen(k, gegevens["veld"]) for k in gegevens["tekst"])
        assert gegevens["lettergrootte"] is None


@pytest.mark.parametrize("naam", ["canvas.svg", "canvas", "canvas.pdf.txt", "canvas.jpeg"])
def test_onbekende_extensie_geeft_nederlandse_fout_en_geen_bestand(tmp_path: Path, naam: str) -> None:
    uit = tmp_path / naam
    with pytest.raises(RegieFout) as fout:
        teken_canvas(INHOUD, "x", uit)
    melding = str(fout.value)
    assert ".pdf" in melding and ".png" in melding
    assert "Kies een naam die eindigt op" in melding
    assert list(tmp_path.iterdir()) == []


def test_onbekend_veld_geeft_fout(tmp_path: Path) -> None:
    with pytest.raises(RegieFout, match="Onbekend canvasveld: partijn"):
        teken_canvas({"partijn": ["typfout"]}, "x", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_schrijft_atomisch_en_leesbaar(tmp_path: Path) -> None:
    """Geen tijdelijke bestanden achtergelaten; een bestaand bestand wordt in één keer vervangen."""
    uit = tmp_path / "sub" / "Canvas.PDF"
    teken_canvas(INHOUD, "x", uit)
    eerste = uit.read_bytes()
    teken_canvas({"partijen": ["Alleen dit"]}, "x", uit)
    assert uit.read_bytes() != eerste
    assert [p.name for p in uit.parent.iterdir()] == ["Canvas.PDF"]
    masker = os.umask(0)
    os.umask(masker)
    assert uit.stat().st_mode & 0o777 == 0o666 & ~masker


def _pixel(pad: Path, x_mm: float, y_mm: float) -> tuple[int, int, int]:
    from PIL import Image

    with Image.open(pad) as beeld:
        px = beeld.convert("RGB").getpixel((round(x_mm / 25.4 * PNG_DPI), round((297 - y_mm) / 25.4 * PNG_DPI)))
    return tuple(px)


def _rgb(kleur: str) -> tuple[int, int, int]:
    return tuple(int(kleur[i : i + 2], 16) for i in (1, 3, 5))


def test_indeling_komt_uit_canvas_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verschuift een veld op de poster als canvas.yml het verplaatst, en houdt het zijn kernkleur?"""
    voor: dict = {}
    teken_canvas(INHOUD, "x", tmp_path / "voor.png", verslag=voor)

    model = yaml.safe_load((MODEL_MAP / "canvas.yml").read_text(encoding="utf-8"))
    plaats = {v["sleutel"]: v for v in model["velden"]}
    p, r = plaats["partijen"], plaats["risicos"]
    (p["rij"], p["kolom"]), (r["rij"], r["kolom"]) = (r["rij"], r["kolom"]), (p["rij"], p["kolom"])
    eigen = tmp_path / "model"
    eigen.mkdir()
    (eigen / "canvas.yml").write_text(yaml.safe_dump(model, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(eigen))

    na: dict = {}
    teken_canvas(INHOUD, "x", tmp_path / "na.png", verslag=na)
    oud_partijen = voor["velden"]["partijen"]["veld"]
    nieuw_partijen = na["velden"]["partijen"]["veld"]
    assert nieuw_partijen != oud_partijen
    assert nieuw_partijen == pytest.approx(voor["velden"]["risicos"]["veld"])
    assert na["velden"]["risicos"]["veld"] == pytest.approx(oud_partijen)
    assert na["velden"]["partijen"]["tekst"][0][1] > voor["velden"]["partijen"]["tekst"][0][1]

    # De kleur gaat mee: rechtsonder in het nieuwe partijenveld is het kernvlak, op de oude plek wit.
    _, y0, x1, _ = nieuw_partijen
    assert _pixel(tmp_path / "na.png", x1 - 8, y0 + 8) == _rgb(_stijl.KERN_VLAK)
    _, y0, x1, _ = oud_partijen
    assert _pixel(tmp_path / "na.png", x1 - 8, y0 + 8) == _rgb(_stijl.AFSPRAKEN_VLAK)
    assert _pixel(tmp_path / "voor.png", x1 - 8, y0 + 8) == _rgb(_stijl.KERN_VLAK)


def test_figuren_importeert_geen_matplotlib() -> None:
    """Blijft ``import samenwerkingscode.figuren`` (en de poster-module) licht?"""
    code = (
        "import sys, samenwerkingscode.figuren, samenwerkingscode.figuren.poster, samenwerkingscode.figuren.toets;"
        "print('matplotlib' in sys.modules)"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == "False"
