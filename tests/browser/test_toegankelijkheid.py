"""Toegankelijkheid (issue 15): axe-core op het boek en in Lab, toetsenbord, telefoon en zoom.

- axe-core komt uit het npm-register (``scripts/vendor_axe.sh``, vaste versie, geen CDN) en wordt in
  de pagina gezet. Regels: WCAG 2.1 A en AA (tags ``wcag2a wcag2aa wcag21a wcag21aa``).
- Het boek: elke pagina uit ``_toc.yml`` heeft 0 kritieke en 0 ernstige overtredingen, op 1280 px.
- Lab: het gebied van de oefenweergaven (``.regie-oefening``) in elk deelnemersnotebook heeft 0 kritieke
  en 0 ernstige overtredingen. Wat axe op de rest van de Lab-pagina vindt (JupyterLab zelf), wordt
  afgedrukt en als artefact bewaard, niet verborgen: dat is upstream en staat in de trainershandleiding.
- Telefoon (390 px) en 200 % zoom (1280 px breed scherm, dus 640 CSS-pixels): geen horizontaal
  scrollen, het canvas in één kolom; schermafdrukken in ``test-artefacten/``. Zo voor het boek én voor
  de invulschermen in JupyterLab (zijbalken ingeklapt; niets in een widget steekt uit of wordt afgekapt).
- Na Run All staat de focus in het eerste invulveld van de eerste oefening, in beeld.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import pytest
import yaml
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect

if TYPE_CHECKING:
    from conftest import Browsertab, Lab, LabFabriek

pytestmark = [pytest.mark.browser, pytest.mark.traag]

PROJECT = Path(__file__).resolve().parents[2]
AXE_VERSIE = "4.14.1"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ERNSTIG = {"critical", "serious"}
BLOKKEN = ["blok1", "blok2", "blok3", "blok4", "blok5"]
NOTEBOOKS = sorted(p.name for p in (PROJECT / "notebooks").iterdir() if (p / f"{p.name}.ipynb").is_file())
"""Elk deelnemersnotebook (de blokken en de eigen casus)."""
WACHT_WIDGETS_MS = 120_000


def _browserhulp() -> Any:
    """De conftest van de browsertests zelf (een gewone 'import conftest' kan in een volle run een andere vinden)."""
    import importlib.util
    import sys

    naam = "regie_browser_conftest"
    if naam not in sys.modules:
        spec = importlib.util.spec_from_file_location(naam, Path(__file__).parent / "conftest.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[naam] = module
        spec.loader.exec_module(module)
    return sys.modules[naam]


def _boekpaginas() -> list[str]:
    """Alle pagina's uit ``_toc.yml`` (root en hoofdstukken, ook secties), als pad zonder extensie."""
    toc = yaml.safe_load((PROJECT / "_toc.yml").read_text(encoding="utf-8"))
    paginas = [toc["root"]]

    def loop(items: list[dict[str, Any]]) -> None:
        for item in items:
            if "file" in item:
                paginas.append(item["file"])
            loop(item.get("sections", []))

    for deel in toc.get("parts", []):
        loop(deel.get("chapters", []))
    return paginas


@pytest.fixture(scope="session")
def axe_js() -> str:
    """axe-core uit npm (``scripts/vendor_axe.sh``); de broncode om in een pagina te zetten."""
    doel = PROJECT / ".testvendor" / f"axe-core-{AXE_VERSIE}"
    subprocess.run(
        ["bash", str(PROJECT / "scripts" / "vendor_axe.sh"), str(doel)],
        check=True,
        env={"AXE_VERSIE": AXE_VERSIE, "PATH": "/usr/local/bin:/usr/bin:/bin"},
        timeout=300,
    )
    return (doel / "axe.min.js").read_text(encoding="utf-8")


def draai_axe(page: Page, axe_js: str, binnen: str | None = None) -> list[dict[str, Any]]:
    """Draai axe op de pagina (of alleen binnen de elementen die ``binnen`` kiest); geeft de overtredingen."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_js)
    context = {"include": [[binnen]]} if binnen else None
    resultaat = page.evaluate(
        """async ([context, tags]) => {
            const r = await axe.run(context || document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), impact: n.impact}))}));
        }""",
        [context, AXE_TAGS],
    )
    return list(resultaat)


def ernstige(overtredingen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in overtredingen if v["impact"] in ERNSTIG]


def beschrijf(overtredingen: list[dict[str, Any]]) -> str:
    regels = []
    for v in overtredingen:
        regels.append(f"- {v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}")
        regels.extend(f"    {n['target']}: {n['html']}" for n in v["nodes"][:5])
    return "\n".join(regels) or "(geen)"


def wacht_op_widgets(page: Page) -> int:
    """Wacht tot elke widgetweergave op een boekpagina getekend is; geeft het aantal."""
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    if views:
        expect(page.locator(".cell_output .widget-subarea .regie-oefening")).to_have_count(views, timeout=30_000)
        # Het script van de kit heeft zijn werk gedaan (lang="nl" op elke oefenweergave).
        expect(page.locator(".regie-oefening:not([lang=nl])")).to_have_count(0)
    return views


# --------------------------------------------------------------------------------------------
# Het boek


@pytest.mark.parametrize("pagina", _boekpaginas())
def test_boekpagina_zonder_ernstige_axe_overtredingen(
    boek_html: Path, boekserver: str, tab: Browsertab, axe_js: str, pagina: str
) -> None:
    page = tab.page
    page.goto(f"{boekserver}/{pagina}.html", wait_until="load")
    wacht_op_widgets(page)
    assert page.evaluate("() => document.documentElement.lang") == "nl"
    overtredingen = draai_axe(page, axe_js)
    artefact_pad = Path(tab.schermafdruk("axe")).with_suffix(".json")
    artefact_pad.write_text(json.dumps(overtredingen, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\naxe op {pagina}:\n{beschrijf(overtredingen)}")
    assert ernstige(overtredingen) == [], f"axe vond op {pagina}:\n{beschrijf(ernstige(overtredingen))}"


GROOTTES = {
    # naam: (breedte, hoogte, pixelverhouding). 200 % zoom op een scherm van 1280 px = 640 CSS-pixels.
    "telefoon-390": (390, 844, 2),
    "zoom-200": (640, 400, 2),
}


@pytest.mark.parametrize("grootte", list(GROOTTES))
@pytest.mark.parametrize("pagina", ["book/intro", *[f"book/{b}/index" for b in BLOKKEN], "book/rooster"])
def test_boek_op_telefoon_en_bij_200_procent(
    boek_html: Path, boekserver: str, browser: Browser, pagina: str, grootte: str
) -> None:
    """Geen zijwaarts scrollen, koppen breken af, het canvas in één kolom; met schermafdrukken."""
    artefact = _browserhulp().artefact

    breedte, hoogte, dpr = GROOTTES[grootte]
    context = browser.new_context(
        viewport={"width": breedte, "height": hoogte},
        device_scale_factor=dpr,
        is_mobile=grootte.startswith("telefoon"),
        has_touch=grootte.startswith("telefoon"),
        locale="nl-NL",
    )
    try:
        page = context.new_page()
        page.goto(f"{boekserver}/{pagina}.html", wait_until="load")
        wacht_op_widgets(page)
        naam = f"{pagina.replace('/', '-')}-{grootte}"
        page.screenshot(path=str(artefact(f"boek-{naam}.png")), full_page=True)
        for i, vak in enumerate(page.locator(".regie-oefening").all()):
            vak.scroll_into_view_if_needed()
            vak.screenshot(path=str(artefact(f"boek-{naam}-widget{i + 1}.png")))
        breed = page.evaluate("() => document.documentElement.scrollWidth")
        assert breed <= breedte + 1, f"{pagina} is {breed} px breed op een scherm van {breedte} px"
        te_breed = page.evaluate(
            """(b) => [...document.querySelectorAll('main h1, main h2, main h3, .regie-oefening')]
                 .filter(e => e.getBoundingClientRect().right > b + 1).map(e => e.tagName + ': ' + e.textContent.slice(0, 40))""",
            breedte,
        )
        assert te_breed == [], f"steekt buiten het scherm: {te_breed}"
        velden = page.locator(".regie-canvasveld-kern, .regie-canvasveld-afspraken")
        if velden.count():
            links = {round(v.bounding_box()["x"]) for v in velden.all()}  # type: ignore[index]
            assert len(links) == 1, f"het canvas staat niet in één kolom: linkerranden {sorted(links)}"
        afgekapt = page.evaluate(
            """() => [...document.querySelectorAll('.regie-oefening button, .regie-oefening .widget-label')]
                 .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())"""
        )
        assert afgekapt == [], f"afgekapte teksten: {afgekapt}"
    finally:
        context.close()


# --------------------------------------------------------------------------------------------
# JupyterLab


@dataclass
class Deelnemer:
    werkmap: Path
    lab: Lab


@pytest.fixture(scope="module")
def deelnemer(
    tmp_path_factory: pytest.TempPathFactory, lab_fabriek: LabFabriek, bronkopie: Callable[..., Path]
) -> Iterator[Deelnemer]:
    """Deelnemersversies van alle notebooks (zoals ``regie lab``) met één JupyterLab voor deze module."""
    from samenwerkingscode.cursus.lab import bereid_lab_voor

    basis = tmp_path_factory.mktemp("toegankelijk")
    bron = bronkopie(basis / "bron", NOTEBOOKS)
    werkmap = bereid_lab_voor(cohort=basis / "cohort", bron=bron)
    with lab_fabriek(werkmap, basis / "jupyter", "toegankelijk") as lab:
        yield Deelnemer(werkmap, lab)


def wacht_tot_klaar(page: Page) -> None:
    """Wacht tot Run All klaar is: de kernel staat weer op Idle."""
    KERNEL_KLAAR = _browserhulp().KERNEL_KLAAR

    page.wait_for_timeout(500)
    expect(page.locator(".jp-StatusBar-Widget")).to_contain_text(KERNEL_KLAAR, timeout=WACHT_WIDGETS_MS)


def _open_en_voer_uit(deelnemer: Deelnemer, page: Page, blok: str) -> Locator:
    pad = deelnemer.werkmap / blok / f"{blok}.ipynb"
    aantal = len(nbformat.read(pad, as_version=4).cells)
    notebook = deelnemer.lab.open_notebook(page, f"{blok}/{blok}.ipynb", aantal)
    deelnemer.lab.menu(page, "Run", "Run All Cells")
    return notebook


@pytest.mark.parametrize("blok", NOTEBOOKS)
def test_lab_widgetgebied_zonder_ernstige_axe_overtredingen(
    deelnemer: Deelnemer, tab: Browsertab, axe_js: str, blok: str
) -> None:
    page = tab.page
    notebook = _open_en_voer_uit(deelnemer, page, blok)
    expect(notebook.locator(".jp-OutputArea-output .regie-oefening").first).to_be_visible(timeout=WACHT_WIDGETS_MS)
    wacht_tot_klaar(page)
    # Alle uitvoer met widgets van de kit: de oefenweergaven én knoppen als "Controleer mijn opdracht".
    weergaven = notebook.locator(".jp-OutputArea-output:has(.jupyter-widgets)")
    gevonden: list[dict[str, Any]] = []
    # Lab tekent cellen buiten beeld niet (windowing): elke weergave in beeld brengen en apart toetsen.
    for i in range(weergaven.count()):
        vak = weergaven.nth(i)
        vak.scroll_into_view_if_needed()
        expect(vak).to_have_attribute("lang", "nl")
        vak.evaluate("el => el.setAttribute('data-axe-doel', '1')")
        gevonden += draai_axe(page, axe_js, "[data-axe-doel]")
        vak.evaluate("el => el.removeAttribute('data-axe-doel')")
    upstream = draai_axe(page, axe_js)
    artefact = _browserhulp().artefact

    artefact(f"axe-lab-{blok}.json").write_text(
        json.dumps({"kit": gevonden, "hele_pagina": upstream}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    kit_doelen = {n["target"] for v in gevonden for n in v["nodes"]}
    buiten_kit = [
        {**v, "nodes": [n for n in v["nodes"] if n["target"] not in kit_doelen]}
        for v in upstream
        if any(n["target"] not in kit_doelen for n in v["nodes"])
    ]
    print(f"\nUpstream (JupyterLab/nbgrader, buiten de kit) in {blok}:\n{beschrijf(buiten_kit)}")
    assert ernstige(gevonden) == [], f"axe vond in de oefenweergaven van {blok}:\n{beschrijf(ernstige(gevonden))}"


def tab_naar(page: Page, doel_js: str, maximaal: int = 150) -> int:
    """Druk op Tab tot het element met de focus aan ``doel_js`` voldoet (een JS-functie van het element)."""
    for keer in range(1, maximaal + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({doel_js})(el); }}"):
            return keer
    pytest.fail(f"na {maximaal} keer Tab nog niet bij het gezochte element ({doel_js})")


def _stand_notebook(page: Page) -> tuple[int, str]:
    """Aantal cellen in het notebook en de actieve cel: verandert een toets het notebook?"""
    return page.evaluate(
        """() => {
            const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
            const cellen = [...nb.querySelectorAll('.jp-Cell')];
            return [cellen.length, String(cellen.findIndex(c => c.classList.contains('jp-mod-active')))];
        }"""
    )


def test_oefening_2a_helemaal_met_het_toetsenbord(deelnemer: Deelnemer, tab: Browsertab) -> None:
    """Blok 2, oefening 2a zonder muis: Run All, per relatie een vorm kiezen met de pijltjes en een motivatie
    typen, een knop bedienen. Geen toets komt bij de sneltoetsen van het notebook ('b' voegt geen cel in,
    pijltjes verplaatsen de actieve cel niet), en alles staat in het antwoordbestand."""
    page = tab.page
    blok = "blok2"
    pad = deelnemer.werkmap / blok / f"{blok}.ipynb"
    antwoordbestand = deelnemer.werkmap / blok / f"{blok}.antwoorden.json"
    aantal = len(nbformat.read(pad, as_version=4).cells)
    deelnemer.lab.open_notebook(page, f"{blok}/{blok}.ipynb", aantal)
    # Run All met het toetsenbord: het opdrachtenpalet.
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type("Run All Cells")
    page.keyboard.press("Enter")
    oefening = page.locator(".jp-OutputArea-output .regie-oefening").filter(has=page.locator("select"))
    expect(oefening.first).to_be_visible(timeout=WACHT_WIDGETS_MS)
    wacht_tot_klaar(page)
    keuzelijsten = oefening.first.locator("select")
    aantal_keuzes = keuzelijsten.count()
    assert aantal_keuzes >= 3

    page.locator(".jp-NotebookPanel:visible .jp-Notebook").focus()
    for i in range(aantal_keuzes):
        tab_naar(page, "el => el.tagName === 'SELECT' && !!el.closest('.regie-oefening')")
        voor = _stand_notebook(page)
        keuzelijst = keuzelijsten.nth(i)
        expect(keuzelijst).to_be_focused()
        gewenst = i % (keuzelijst.evaluate("el => el.options.length") - 1) + 1
        for _ in range(gewenst):
            page.keyboard.press("ArrowDown")
        assert keuzelijst.evaluate("el => el.selectedIndex") == gewenst, "de pijltjes veranderden de keuze niet"
        assert _stand_notebook(page) == voor, "de pijltjes bedienden het notebook in plaats van de keuzelijst"
        tab_naar(page, "el => el.tagName === 'TEXTAREA'")
        page.keyboard.type(f"Motivatie {i + 1}: bad dab, ab.")  # letters die sneltoetsen zijn (b, a, d)
        assert _stand_notebook(page) == voor

    # De volgende widgetknop (in of onder de oefening): 'b' doet niets met het notebook, Enter bedient de knop.
    tab_naar(page, "el => el.tagName === 'BUTTON' && !!el.closest('.jp-OutputArea-output .jupyter-widgets')")
    voor = _stand_notebook(page)
    for toets in ("b", "a", "d", "m", "z", "ArrowDown", "ArrowUp"):
        page.keyboard.press(toets)
    assert _stand_notebook(page) == voor, "een toets op een widgetknop veranderde het notebook"
    knoptekst = page.evaluate("() => document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    # Ook de knop "Controleer mijn opdracht" (buiten de oefenweergave): letters bereiken het notebook niet.
    tab_naar(page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Controleer mijn opdracht')")
    voor = _stand_notebook(page)
    for toets in ("b", "a", "x", "ArrowDown"):
        page.keyboard.press(toets)
    assert _stand_notebook(page) == voor, "een toets op 'Controleer mijn opdracht' veranderde het notebook"
    page.keyboard.press("Enter")
    tab.schermafdruk("toetsenbord-klaar")

    einde = time.monotonic() + 20
    stand: dict[str, Any] = {}
    while time.monotonic() < einde:
        if antwoordbestand.is_file():
            stand = json.loads(antwoordbestand.read_text(encoding="utf-8")).get("oefeningen", {}).get("2a", {})
            if (
                len(stand.get("keuzes", {})) == aantal_keuzes
                and len([m for m in stand.get("motivaties", {}).values() if m.startswith("Motivatie")]) == aantal_keuzes
            ):
                break
        time.sleep(0.3)
    assert len(stand.get("keuzes", {})) == aantal_keuzes, f"niet alle keuzes bewaard: {stand}"
    motivaties = sorted(m for m in stand.get("motivaties", {}).values() if m)
    assert motivaties == [f"Motivatie {i + 1}: bad dab, ab." for i in range(aantal_keuzes)], stand
    print(f"\nmet Enter bediend: {knoptekst}")


# --------------------------------------------------------------------------------------------
# JupyterLab op telefoon en bij 200 % zoom


def _soorten(blok: str) -> set[str]:
    """De soorten invulschermen die een deelnemersnotebook toont (uit ``opdracht.toon(...)`` en het model)."""
    from samenwerkingscode.model import opdrachten

    cellen = nbformat.read(PROJECT / "notebooks" / blok / f"{blok}.ipynb", as_version=4).cells
    sleutels = [
        s for c in cellen if c.cell_type == "code" for s in re.findall(r'opdracht\.toon\("([^"]+)"\)', c.source)
    ]
    return {opdrachten.onderdeel(blok, s).soort for s in sleutels}


def _geef_notebook_de_breedte(page: Page) -> None:
    """Klap de zijbalken van Lab in (menu View → Appearance), zoals een deelnemer op een smal scherm doet.

    Lab laat de bestandenlijst na ``?reset`` openstaan; op 390 px houdt het notebook dan 60 px over.
    Alleen wat aan staat wordt uitgezet (de menu-items zijn schakelaars).
    """
    for onderdeel in ("Show Left Sidebar", "Show Left Activity Bar", "Show Right Activity Bar"):
        page.get_by_role("menuitem", name="View", exact=True).click()
        page.locator(".lm-Menu-item", has_text="Appearance").click()
        item = page.locator(".lm-Menu-item").filter(has=page.locator(".lm-Menu-itemLabel", has_text=onderdeel))
        if "lm-mod-toggled" in (item.get_attribute("class") or ""):
            item.click()
        else:
            page.keyboard.press("Escape")
            page.keyboard.press("Escape")


ZICHTBAAR_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
"""De scrollcontainer van het zichtbare notebook: wat de deelnemer van het notebook ziet."""

WIDGETMETING_JS = """async (uit) => {
  // Lab tekent cellen buiten beeld niet (content-visibility); eerst twee frames laten tekenen.
  await new Promise(klaar => requestAnimationFrame(() => requestAnimationFrame(klaar)));
  const rand = uit.getBoundingClientRect();
  const zicht = uit.closest('.jp-WindowedPanel-outer').getBoundingClientRect();
  const naam = (el) => el.tagName.toLowerCase() + '.' + [...el.classList].filter(k => !k.startsWith('lm-')).join('.')
    + ' "' + (el.textContent || el.placeholder || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const getekend = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const fouten = [];
  if (uit.scrollWidth > uit.clientWidth + 1) {
    fouten.push(`de uitvoer scrolt zijwaarts: ${uit.scrollWidth} > ${uit.clientWidth} px`);
  }
  if (rand.right > zicht.right + 1) {
    fouten.push(`de uitvoer steekt rechts buiten het notebook: ${Math.round(rand.right)} > ${Math.round(zicht.right)}`);
  }
  for (const el of uit.querySelectorAll('.jupyter-widgets')) {
    if (!getekend(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width > zicht.width + 1 || r.left < rand.left - 1 || r.right > rand.right + 1) {
      fouten.push(`breder dan het notebook (${Math.round(r.left)}..${Math.round(r.right)} in `
        + `${Math.round(rand.left)}..${Math.round(rand.right)}): ${naam(el)}`);
    }
  }
  for (const el of uit.querySelectorAll('*')) {
    if (!getekend(el) || ['TEXTAREA', 'SELECT', 'INPUT', 'OPTION'].includes(el.tagName)) continue;
    const s = getComputedStyle(el);
    if (s.display !== 'inline' && s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) {
      fouten.push(`inhoud afgekapt of zijwaarts scrollbaar (${el.scrollWidth} > ${el.clientWidth} px): ${naam(el)}`);
    }
  }
  const labels = '.regie-label, .widget-label, .widget-label-basic, .jupyter-button, .widget-toggle-button, h4';
  for (const el of uit.querySelectorAll(labels)) {
    if (!getekend(el)) continue;
    const vak = getComputedStyle(el).display === 'inline' ? el.parentElement : el;
    const r = el.getBoundingClientRect();
    if (vak.scrollWidth > vak.clientWidth + 1 || r.right > rand.right + 1) {
      fouten.push(`label afgekapt (${vak.scrollWidth} > ${vak.clientWidth} px): ${naam(el)}`);
    }
  }
  const velden = [...uit.querySelectorAll('.regie-canvasveld-kern, .regie-canvasveld-afspraken')].filter(getekend);
  return {fouten, canvas: velden.map(v => Math.round(v.getBoundingClientRect().left))};
}"""


def _schermafdruk_van_notebook(page: Page, pad: Path) -> None:
    """Het hele notebook als één plaatje (in CSS-pixels): Lab scrolt binnen de pagina, dus per schermhoogte
    vastleggen en plakken. De stukken overlappen een paar pixels: Lab tekent bovenaan een schaduwlijn."""
    outer = page.locator(ZICHTBAAR_NOTEBOOK)
    hoogte, zicht = outer.evaluate("el => [el.scrollHeight, el.clientHeight]")
    stukken: list[tuple[int, Image.Image]] = []
    positie = 0
    while True:
        werkelijk = outer.evaluate(
            "async (el, y) => { el.scrollTop = y; await new Promise(k => requestAnimationFrame(() => "
            "requestAnimationFrame(k))); return el.scrollTop; }",
            positie,
        )
        stukken.append((werkelijk, Image.open(io.BytesIO(outer.screenshot(scale="css", animations="disabled")))))
        if werkelijk + zicht >= hoogte or positie > 200_000:
            break
        positie = werkelijk + zicht - 4
    breedte = stukken[0][1].width
    geheel = Image.new("RGB", (breedte, stukken[-1][0] + stukken[-1][1].height), "white")
    for y, stuk in reversed(stukken):  # elk stuk bedekt de schaduwlijn bovenaan het volgende
        geheel.paste(stuk, (0, y))
    geheel.save(pad, optimize=True)


@pytest.mark.parametrize("grootte", list(GROOTTES))
@pytest.mark.parametrize("blok", NOTEBOOKS)
def test_lab_widgets_op_telefoon_en_bij_200_procent(
    deelnemer: Deelnemer, browser: Browser, blok: str, grootte: str
) -> None:
    """De invulschermen in JupyterLab op 390 px en bij 200 % zoom: niets steekt zijwaarts uit, geen label
    wordt afgekapt en het canvas staat in één kolom; met een schermafdruk van het hele notebook."""
    artefact = _browserhulp().artefact

    breedte, hoogte, dpr = GROOTTES[grootte]
    telefoon = grootte.startswith("telefoon")
    context = browser.new_context(
        viewport={"width": breedte, "height": hoogte},
        device_scale_factor=dpr,
        is_mobile=telefoon,
        has_touch=telefoon,
        locale="nl-NL",
    )
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        pad = deelnemer.werkmap / blok / f"{blok}.ipynb"
        aantal = len(nbformat.read(pad, as_version=4).cells)
        notebook = deelnemer.lab.open_notebook(page, f"{blok}/{blok}.ipynb", aantal)
        _geef_notebook_de_breedte(page)
        notebookbreedte = page.locator(ZICHTBAAR_NOTEBOOK).evaluate("el => el.getBoundingClientRect().width")
        assert notebookbreedte >= breedte - 20, f"de zijbalken van Lab staan nog open: notebook {notebookbreedte} px"
        deelnemer.lab.menu(page, "Run", "Run All Cells")
        expect(notebook.locator(".jp-OutputArea-output .regie-oefening").first).to_be_visible(timeout=WACHT_WIDGETS_MS)
        wacht_tot_klaar(page)

        uitvoer = notebook.locator(".jp-OutputArea-output:has(.jupyter-widgets)")
        assert uitvoer.count() > 0
        fouten: list[str] = []
        canvas: list[int] = []
        for i in range(uitvoer.count()):
            vak = uitvoer.nth(i)
            vak.scroll_into_view_if_needed()
            meting = vak.evaluate(WIDGETMETING_JS)
            fouten += [f"uitvoer {i + 1}: {fout}" for fout in meting["fouten"]]
            canvas += meting["canvas"]
        _schermafdruk_van_notebook(page, artefact(f"lab-{blok}-{grootte}.png"))

        assert fouten == [], f"{blok} op {grootte}:\n" + "\n".join(fouten)
        if "canvas" in _soorten(blok):
            assert len(canvas) == 9, f"niet alle negen canvasvelden getekend: {canvas}"
            assert len(set(canvas)) == 1, f"het canvas staat niet in één kolom: linkerranden {sorted(set(canvas))}"
    finally:
        context.close()


# --------------------------------------------------------------------------------------------
# Na Run All bij de eerste oefening

FOCUS_NA_RUN_ALL_JS = """() => {
  const paneel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const zicht = paneel.querySelector('.jp-WindowedPanel-outer').getBoundingClientRect();
  const uitvoer = [...paneel.querySelectorAll('.jp-OutputArea-output')];
  const invoer = '.jupyter-widgets textarea, .jupyter-widgets input, .jupyter-widgets select, .jupyter-widgets button';
  const eerste = uitvoer.findIndex(u => u.querySelector(invoer));
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  return {
    eerste_oefening: eerste,
    focus_in_uitvoer: uitvoer.findIndex(u => u.contains(el)),
    element: el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + (el.placeholder || el.textContent || '').slice(0, 40),
    in_beeld: r.height > 0 && r.top >= zicht.top - 1 && r.bottom <= zicht.bottom + 1
      && r.left >= zicht.left - 1 && r.right <= zicht.right + 1,
    rand: [Math.round(r.top), Math.round(r.bottom)],
    zicht: [Math.round(zicht.top), Math.round(zicht.bottom)],
  };
}"""


@pytest.mark.parametrize("blok", ["blok1", "eigen-casus"])
def test_na_run_all_staat_de_deelnemer_bij_de_eerste_oefening(deelnemer: Deelnemer, tab: Browsertab, blok: str) -> None:
    """Run All eindigt bij "Controleer mijn opdracht", maar de focus gaat naar het eerste invulveld van de eerste
    oefening: dat veld is in beeld, en wat de deelnemer typt komt daarin terecht (geen sneltoetsen van het
    notebook). Blok 1 begint met een tekstvak; de eigen casus met het canvas (eerst keuzeknoppen)."""
    page = tab.page
    notebook = _open_en_voer_uit(deelnemer, page, blok)
    expect(notebook.locator(".jp-OutputArea-output .regie-oefening").first).to_be_visible(timeout=WACHT_WIDGETS_MS)
    wacht_tot_klaar(page)
    expect(notebook.locator(".jp-OutputArea-output button", has_text="Controleer mijn opdracht")).to_have_count(1)
    # Lab mag na de laatste cel nog scrollen of de focus pakken: pas na een korte pauze kijken.
    page.wait_for_timeout(1_000)
    stand = page.evaluate(FOCUS_NA_RUN_ALL_JS)
    tab.schermafdruk("na-run-all")
    assert stand["eerste_oefening"] >= 0, "geen invulscherm met een invoerveld gevonden"
    assert stand["focus_in_uitvoer"] == stand["eerste_oefening"], (
        f"na Run All staat de focus niet in de eerste oefening: {stand}"
    )
    assert stand["in_beeld"], f"het veld met de focus staat niet in beeld: {stand}"

    voor = _stand_notebook(page)
    waarde_voor = page.evaluate("() => document.activeElement.value ?? ''")
    tekst = "bad dab, ab."  # letters die sneltoetsen van het notebook zijn (b, a, d)
    page.keyboard.type(tekst)
    waarde = page.evaluate("() => document.activeElement.value")
    assert tekst in waarde and len(waarde) == len(waarde_voor) + len(tekst), (
        f"het typen kwam niet in het veld: {waarde!r}"
    )
    assert _stand_notebook(page) == voor, "het typen bediende het notebook in plaats van het veld"
    for _ in tekst:  # de deelnemers-Lab wordt door meer tests gebruikt: het antwoord weer leeg maken
        page.keyboard.press("Backspace")
    assert page.evaluate("() => document.activeElement.value") == waarde_voor
