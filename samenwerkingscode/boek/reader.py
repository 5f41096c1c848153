"""De cursusreader: het hele boek als één A4-PDF om uit te delen (``make reader``, issue 15.7).

Waarom zo: veel trainers delen papier uit. Chromium print de gebouwde HTML van het boek (offline,
vanaf 127.0.0.1), zodat tekst, tabellen en figuren er precies zo uitzien als in het boek. De
invulschermen (widgets) werken op papier niet; ze komen erin als stilstaand beeld (een schermafdruk
van de weergave in het boek). De reader heeft een omslag, een inhoudsopgave met paginanummers
(tweede ronde: de nummers komen uit de eerste PDF) en paginanummers onderaan elke pagina.

Gebruik: ``python -m samenwerkingscode.boek.reader [_build/html] [_build/cursusreader.pdf]``.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import html
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
BREEDTE_PX = 760
"""Breedte waarop de pagina's en invulschermen worden vastgelegd (ongeveer de tekstbreedte op A4)."""
TITEL = "Regisseur van de Samenwerking"
A4_TEKST_PX = round((210 - 2 * 16) / 25.4 * 96)
"""De tekstbreedte van een A4-pagina met marges van 16 mm, in CSS-pixels."""

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.45;
       color: #1d2327; }
body { margin: 0; }
h1, h2, h3, h4 { color: #1e4d36; line-height: 1.2; break-after: avoid; overflow-wrap: anywhere; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
.reader-hoofdstuk { break-before: page; }
.reader-omslag { height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.reader-omslag h1 { font-size: 30pt; border: none; }
.reader-omslag p { font-size: 13pt; }
.reader-inhoud { break-before: page; break-after: page; }
.reader-inhoud ol { list-style: none; padding: 0; }
.reader-inhoud li { display: flex; gap: 0.5em; padding: 0.15em 0; }
.reader-inhoud li .titel { flex: 1; border-bottom: 1px dotted #9aa5ad; color: inherit; }
.reader-inhoud li .nummer { min-width: 2.5em; text-align: right; }
table { border-collapse: collapse; width: 100%; max-width: 100%; table-layout: auto; font-size: 8.5pt;
        overflow-wrap: anywhere; word-break: break-word; margin: 0.5em 0; }
th, td { border: 1px solid #9aa5ad; padding: 0.2em 0.35em; vertical-align: top; }
thead { display: table-header-group; } tr { break-inside: avoid; }
img { max-width: 100%; height: auto; }
figure.reader-widget { margin: 0.6em 0; break-inside: avoid; }
figure.reader-widget img { border: 1px solid #d0d7de; max-height: 235mm; width: auto; }
figure.reader-widget figcaption { font-size: 8.5pt; color: #4a5a6a; }
pre, code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; white-space: pre-wrap; }
.admonition, aside, .sidebar { border-left: 3px solid #2f6b4f; padding: 0.2em 0.8em; margin: 0.6em 0;
                               break-inside: avoid; background: #f3f8f4; }
.admonition-title { font-weight: bold; }
a { color: inherit; text-decoration: none; }
.headerlink, .copybtn, .toggle-details__summary, script, .reader-weg { display: none !important; }
"""

_VOET = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#4a5a6a;">'
    f"{html.escape(TITEL)} – pagina <span class='pageNumber'></span> van <span class='totalPages'></span></div>"
)


@dataclass
class Hoofdstuk:
    """Eén pagina van het boek, klaar voor de reader."""

    pad: str
    titel: str
    inhoud: str


def paginas(toc: Path = PROJECT / "_toc.yml") -> list[str]:
    """De pagina's in de volgorde van ``_toc.yml`` (root, hoofdstukken en secties), zonder extensie."""
    gegevens = yaml.safe_load(toc.read_text(encoding="utf-8"))
    uit = [str(gegevens["root"])]

    def loop(items: list[dict[str, Any]]) -> None:
        for item in items:
            if "file" in item:
                uit.append(str(item["file"]))
            loop(item.get("sections", []))

    for deel in gegevens.get("parts", []):
        loop(deel.get("chapters", []))
    loop(gegevens.get("chapters", []))
    return uit


class _StilleHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def statische_server(map_: Path) -> Iterator[str]:
    """Serveer ``map_`` op 127.0.0.1 (vrije poort) in een thread; geeft de basis-URL.

    Chromium drukt de gebouwde HTML af via een echte server (dan laden scripts en lettertypen zoals bij
    een lezer); de browsertests gebruiken dezelfde server.
    """
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StilleHandler, directory=str(map_)))
    draad = threading.Thread(target=server.serve_forever, name="boekserver", daemon=True)
    draad.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        draad.join(timeout=10)


_VOORBEREID = """() => {
  const art = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  art.querySelectorAll('img[src], a[href]').forEach(el => {
    if (el.tagName === 'IMG') el.setAttribute('src', el.src); else el.setAttribute('href', el.href);
  });
  const h1 = art.querySelector('h1');
  return [h1 ? h1.textContent.replace('#', '').trim() : document.title, art.innerHTML];
}"""


def _lees_hoofdstuk(page: Any, basis: str, pad: str) -> Hoofdstuk:
    """Open één boekpagina, vervang elk invulscherm door een schermafdruk en geef de inhoud terug."""
    page.goto(f"{basis}/{pad}.html", wait_until="load")
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    if views:
        page.wait_for_function(
            f"() => document.querySelectorAll('.cell_output .widget-subarea .regie-oefening').length >= {views}",
            timeout=60_000,
        )
        page.wait_for_timeout(300)
    uitvoer = page.locator(".cell_output:has(.regie-oefening)")
    while uitvoer.count():  # een vervangen vak valt uit deze lijst: steeds het eerste nemen
        vak = uitvoer.first
        weergave = vak.locator(".regie-oefening").first
        weergave.scroll_into_view_if_needed()
        beeld = base64.b64encode(weergave.screenshot(type="png")).decode("ascii")
        titel = weergave.locator("h4.regie-oefening-titel").first
        naam = titel.text_content() if titel.count() else "de oefening"
        vak.evaluate(
            """(el, [beeld, naam]) => {
                 el.innerHTML = '<figure class="reader-widget"><img alt="Invulscherm ' + naam.replace(/"/g, '') +
                   ' (stilstaand beeld)" src="data:image/png;base64,' + beeld + '"><figcaption>Invulscherm ' +
                   naam.replace(/</g, '&lt;') + ': vul dit in het notebook in (stilstaand beeld).</figcaption></figure>';
               }""",
            [beeld, naam or "de oefening"],
        )
    titel, inhoud = page.evaluate(_VOORBEREID)
    return Hoofdstuk(pad, titel, inhoud)


def _document(hoofdstukken: list[Hoofdstuk], nummers: dict[str, int] | None, datum: str) -> str:
    regels = []
    for i, h in enumerate(hoofdstukken):
        nummer = str(nummers.get(h.pad, "")) if nummers else "00"
        regels.append(
            f'<li><a class="titel" href="#reader-{i}">{html.escape(h.titel)}</a><span class="nummer">{nummer}</span></li>'
        )
    delen = [
        f'<section class="reader-omslag"><h1>{html.escape(TITEL)}</h1><p>Cursusreader</p>'
        f"<p>Het cursusboek van de cursuskit, om te printen.</p><p>{html.escape(datum)}</p></section>",
        f'<section class="reader-inhoud"><h2>Inhoud</h2><ol>{"".join(regels)}</ol></section>',
    ]
    for i, h in enumerate(hoofdstukken):
        delen.append(
            f'<section class="reader-hoofdstuk" id="reader-{i}" data-pad="{html.escape(h.pad)}">{h.inhoud}</section>'
        )
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{html.escape(TITEL)} – cursusreader'
        f"</title><style>{CSS}</style></head><body>{''.join(delen)}</body></html>"
    )


def _te_brede_tabellen(page: Any) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('table')]
             .filter(t => t.scrollWidth > t.parentElement.clientWidth + 2 || t.getBoundingClientRect().right >
                          document.body.getBoundingClientRect().right + 2)
             .map(t => (t.closest('section.reader-hoofdstuk') || {dataset: {}}).dataset.pad + ': ' +
                       t.textContent.trim().slice(0, 60))"""
    )


def _paginanummers(pdf: bytes, hoofdstukken: list[Hoofdstuk]) -> dict[str, int]:
    """Op welke pagina elk hoofdstuk begint: Chromium maakt van de links in de inhoud PDF-bestemmingen."""
    import io

    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(pdf))
    nummers: dict[str, int] = {}
    for naam, bestemming in lezer.named_destinations.items():
        gevonden = re.fullmatch(r"/?reader-(\d+)", str(naam))
        if gevonden and int(gevonden.group(1)) < len(hoofdstukken):
            nummers[hoofdstukken[int(gevonden.group(1))].pad] = lezer.get_destination_page_number(bestemming) + 1
    return nummers


def maak_reader(html_map: Path, uit: Path, toc: Path = PROJECT / "_toc.yml", *, browser: Any = None) -> Path:
    """Maak de reader van het gebouwde boek in ``html_map``; geeft het pad van de PDF.

    ``browser`` is een Playwright-browser die al draait (de tests hebben er één per sessie); zonder
    start deze functie zelf Chromium.
    """
    html_map, uit = Path(html_map), Path(uit)
    if not (html_map / "index.html").is_file():
        raise SystemExit(f"Geen gebouwd boek in {html_map}: draai eerst 'make book'.")
    if browser is not None:
        _maak(browser, html_map, uit, toc)
        return uit
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        opties: dict[str, Any] = {"args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]}
        if CHROMIUM.exists():
            opties["executable_path"] = str(CHROMIUM)
        eigen = p.chromium.launch(**opties)
        try:
            _maak(eigen, html_map, uit, toc)
        finally:
            eigen.close()
    return uit


def _maak(browser: Any, html_map: Path, uit: Path, toc: Path) -> None:
    datum = dt.date.today().strftime("%d-%m-%Y")
    with statische_server(html_map) as basis:
        context = browser.new_context(viewport={"width": BREEDTE_PX, "height": 1000}, locale="nl-NL")
        try:
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(basis) else r.abort())
            hoofdstukken = [_lees_hoofdstuk(page, basis, pad) for pad in paginas(toc)]
            pdf_opties: dict[str, Any] = {
                "format": "A4",
                "print_background": True,
                "display_header_footer": True,
                "header_template": "<span></span>",
                "footer_template": _VOET,
                "margin": {"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
            }
            # A4 min de marges is 178 mm breed: zo breed is de pagina bij het controleren van de tabellen.
            page.set_viewport_size({"width": A4_TEKST_PX, "height": 1000})
            page.set_content(_document(hoofdstukken, None, datum), wait_until="load")
            page.emulate_media(media="print")
            te_breed = _te_brede_tabellen(page)
            if te_breed:
                raise RuntimeError(f"Deze tabellen passen niet op A4: {te_breed}")
            eerste = page.pdf(**pdf_opties)
            nummers = _paginanummers(eerste, hoofdstukken)
            page.set_content(_document(hoofdstukken, nummers, datum), wait_until="load")
            uit.parent.mkdir(parents=True, exist_ok=True)
            uit.write_bytes(page.pdf(**pdf_opties))
        finally:
            context.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    html_map = Path(argv[0]) if argv else PROJECT / "_build" / "html"
    uit = Path(argv[1]) if len(argv) > 1 else PROJECT / "_build" / "cursusreader.pdf"
    pad = maak_reader(html_map, uit)
    print(f"De cursusreader staat klaar: {pad}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
