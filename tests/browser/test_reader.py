"""De printbare cursusreader (issue 15.7): ``make reader`` maakt één A4-PDF van het hele boek.

De test maakt de reader van de gedeelde boekbouw en controleert met pypdf: A4, genoeg pagina's,
alle lettertypen ingebed, een omslag en een inhoudsopgave met paginanummers die kloppen, elk blok
erin, de invulschermen als stilstaand beeld, paginanummers onderaan. ``maak_reader`` weigert zelf
een reader met een tabel die niet op A4 past.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from samenwerkingscode.boek.reader import maak_reader, paginas

pytestmark = [pytest.mark.browser, pytest.mark.traag]

PROJECT = Path(__file__).resolve().parents[2]
BLOKKEN = ["blok1", "blok2", "blok3", "blok4", "blok5"]


def _titel(pagina: str) -> str:
    """De H1 van een pagina uit zijn bron (MyST), zoals die in de reader staat."""
    tekst = (PROJECT / f"{pagina}.md").read_text(encoding="utf-8")
    return re.search(r"^# (.+)$", tekst, re.M).group(1).strip()  # type: ignore[union-attr]


def _lettertypen(lezer: PdfReader) -> dict[str, bool]:
    """Naam → ingebed? voor elk lettertype op elke pagina (Type3-lettertypen zijn altijd ingebed)."""
    gevonden: dict[str, bool] = {}
    for pagina in lezer.pages:
        fonts = (pagina.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":
                gevonden[str(font.get("/Name", "Type3"))] = True
                continue
            beschrijving = font.get("/FontDescriptor")
            if beschrijving is None and "/DescendantFonts" in font:
                beschrijving = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            beschrijving = beschrijving.get_object() if beschrijving is not None else {}
            ingebed = any(k in beschrijving for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            gevonden[str(font.get("/BaseFont"))] = ingebed
    return gevonden


def test_reader_is_een_volledige_a4_pdf(boek_html: Path, tmp_path: Path, browser: Browser) -> None:
    pdf = maak_reader(boek_html, tmp_path / "cursusreader.pdf", browser=browser)
    artefacten = PROJECT / "test-artefacten"
    artefacten.mkdir(exist_ok=True)
    shutil.copy(pdf, artefacten / "cursusreader.pdf")
    lezer = PdfReader(pdf)
    aantal = len(lezer.pages)
    assert aantal >= 40, f"de reader heeft maar {aantal} pagina's"
    for pagina in lezer.pages:
        breedte, hoogte = float(pagina.mediabox.width), float(pagina.mediabox.height)
        assert abs(breedte - 595.3) < 2 and abs(hoogte - 841.9) < 2, f"geen A4: {breedte} x {hoogte}"

    lettertypen = _lettertypen(lezer)
    assert lettertypen, "geen lettertypen gevonden"
    niet_ingebed = [naam for naam, ingebed in lettertypen.items() if not ingebed]
    assert niet_ingebed == [], f"niet ingebedde lettertypen: {niet_ingebed}"

    # NFKC: Chromium zet ligaturen (ﬀ, ﬁ) in de PDF; de tekst uit de bron heeft losse letters.
    teksten = [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text() or "")) for p in lezer.pages]
    assert "Regisseur van de Samenwerking" in teksten[0] and "Cursusreader" in teksten[0]
    assert teksten[1].startswith("Inhoud")
    for i, tekst in enumerate(teksten):
        assert f"pagina {i + 1} van {aantal}" in tekst, f"pagina {i + 1} heeft geen paginanummer"

    # Elke pagina van het boek staat in de inhoud met het nummer van de pagina waar hij begint.
    for pad in paginas():
        if not (PROJECT / f"{pad}.md").is_file():
            continue
        titel = re.sub(r"\s+", " ", _titel(pad))[:30]
        regel = re.search(re.escape(titel) + r"[^\d]*?(\d+)", teksten[1])
        assert regel, f"{pad} ({titel}) staat niet in de inhoudsopgave"
        nummer = int(regel.group(1))
        assert titel in teksten[nummer - 1], f"{pad} begint niet op pagina {nummer}"

    alles = " ".join(teksten)
    for blok in BLOKKEN:
        assert re.sub(r"\s+", " ", _titel(f"book/{blok}/index"))[:30] in alles, f"{blok} ontbreekt"
    assert alles.count("(stilstaand beeld)") >= 9, "de invulschermen staan er niet als stilstaand beeld in"
    afbeeldingen = sum(len(p.images) for p in lezer.pages)
    assert afbeeldingen >= 9
