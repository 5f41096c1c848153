"""De deelnemer in JupyterLab: invullen in de widgets, bewaard op schijf, terug na een herstart.

Een deelnemer opent de deelnemersversie (zoals ``regie lab`` die klaarzet), kiest Run → Run All
Cells, typt en kiest in de widgets, en herstart later de kernel. Deze tests doen precies dat in
Chromium en controleren wat de deelnemer ziet én wat er in ``blokN.antwoorden.json`` staat. Ze
falen als een widget niet meer verschijnt, niet meer opslaat of zijn stand niet terugzet.
Ook controleren ze de deelnemersweergave (issue 6.5): code die je niet hoeft te lezen is ingeklapt.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import pytest
from playwright.sync_api import Locator, Page, expect

from samenwerkingscode.model import canvas as canvasmodel
from samenwerkingscode.model import toets as toetsmodel
from samenwerkingscode.model import vormen as vormmodel

if TYPE_CHECKING:
    from conftest import Browsertab, Lab, LabFabriek

pytestmark = [pytest.mark.browser, pytest.mark.traag]

OPERATIE_TEKST = "Browsertest operatie: elke maandag een bouwoverleg"
REFLECTIE_TEKST = "Browsertest reflectie: de besluitvorming was het minst geregeld"
MOTIVATIE_TEKST = "Browsertest motivatie: een opdracht met een bestek"
GEKOZEN_VORM = "contract_afstandelijk"
WACHT_WIDGETS_MS = 120_000


@dataclass
class Deelnemer:
    """De werkmap met deelnemersversies en de JupyterLab-server die erop draait."""

    werkmap: Path
    lab: Lab


@pytest.fixture(scope="module")
def deelnemer(
    tmp_path_factory: pytest.TempPathFactory, lab_fabriek: LabFabriek, bronkopie: Callable[..., Path]
) -> Iterator[Deelnemer]:
    """Deelnemersversies zoals ``regie lab`` ze klaarzet (nbgrader ``generate_assignment``), met één Lab.

    Eén server voor de tests van deze module scheelt opstarttijd; elke test opent zijn notebook in een
    eigen werkruimte. De server stopt na de laatste test, ook als een test faalt.
    """
    from samenwerkingscode.cursus.lab import bereid_lab_voor

    basis = tmp_path_factory.mktemp("deelnemer")
    bron = bronkopie(basis / "bron", ["blok1", "blok2", "blok4"])
    werkmap = bereid_lab_voor(cohort=basis / "cohort", bron=bron)
    for blok in ("blok1", "blok2"):
        assert (werkmap / blok / f"{blok}.ipynb").is_file(), f"geen deelnemersversie van {blok}"
        assert not (werkmap / blok / f"{blok}.antwoorden.json").exists(), "een deelnemersversie heeft geen antwoorden"
    with lab_fabriek(werkmap, basis / "jupyter", "deelnemer") as lab:
        yield Deelnemer(werkmap, lab)


def _controleer_ingeklapt(notebookpad: Path, notebook: Locator) -> None:
    """Code die de deelnemer niet hoeft te lezen, is ingeklapt: in het bestand én op het scherm.

    Dat zijn de vergrendelde codecellen (nbgrader ``locked``): de deelnemer verandert ze nooit en werkt
    alleen in de widgets. In de deelnemersversie moeten ze ``metadata.jupyter.source_hidden`` houden,
    en Lab toont dan alleen de ingeklapte weergave (``.jp-InputPlaceholder``), niet de editor.
    """
    nb = nbformat.read(notebookpad, as_version=4)
    code = [
        i
        for i, cel in enumerate(nb.cells)
        if cel.cell_type == "code" and cel.metadata.get("nbgrader", {}).get("locked")
    ]
    assert code, f"{notebookpad.name} heeft geen vergrendelde codecellen (is de nbgrader-metadata verdwenen?)"
    zichtbaar = [i for i in code if not nb.cells[i].metadata.get("jupyter", {}).get("source_hidden")]
    assert not zichtbaar, (
        f"In de deelnemersversie {notebookpad.name} staat de code van cel(len) {zichtbaar} open "
        "(metadata.jupyter.source_hidden ontbreekt; verdwijnt die bij generate_assignment?)"
    )
    cellen = notebook.locator(".jp-Cell")
    for i in code:
        cel = cellen.nth(i)
        expect(cel.locator(".jp-InputPlaceholder"), f"cel {i} is niet ingeklapt").to_be_visible()
        expect(cel.locator(".jp-InputArea-editor"), f"de code van cel {i} is zichtbaar").not_to_be_visible()


def _lees_antwoord(
    pad: Path, oefening: str, moet: Callable[[dict[str, Any]], bool], seconden: float = 20
) -> dict[str, Any]:
    """Wacht tot het antwoordbestand de verwachte stand van ``oefening`` bevat en geef die terug."""
    einde = time.monotonic() + seconden
    stand: dict[str, Any] = {}
    while time.monotonic() < einde:
        if pad.is_file():
            try:
                stand = json.loads(pad.read_text(encoding="utf-8")).get("oefeningen", {}).get(oefening, {})
            except json.JSONDecodeError:
                stand = {}
            if moet(stand):
                return stand
        time.sleep(0.2)
    inhoud = pad.read_text(encoding="utf-8") if pad.is_file() else "(bestand bestaat niet)"
    pytest.fail(f"{pad.name} bevat niet de verwachte stand van oefening {oefening}:\n{inhoud[:3000]}")


def _markeer_oud(locator: Locator) -> None:
    """Markeer widgetelementen, zodat na de herstart zeker nieuwe (opnieuw gebouwde) elementen worden bekeken."""
    locator.evaluate_all("els => els.forEach(el => el.setAttribute('data-browsertest-oud', '1'))")


def _herstart_en_voer_alles_uit(lab: Lab, page: Page) -> None:
    """Kernel → Restart Kernel and Run All Cells… en de vraag bevestigen, zoals een deelnemer doet."""
    lab.menu(page, "Kernel", re.compile(r"^Restart Kernel and Run All Cells"))
    dialoog = page.locator(".jp-Dialog")
    expect(dialoog).to_be_visible()
    dialoog.locator("button.jp-mod-accept").click()
    expect(dialoog).to_have_count(0)


def _oefening(notebook: Locator, titel: str) -> Locator:
    """Het kader van één oefenwidget, herkenbaar aan zijn titel."""
    return notebook.locator(".regie-oefening:visible").filter(
        has=notebook.page.locator("h4.regie-oefening-titel", has_text=re.compile(f"^{re.escape(titel)}$"))
    )


def test_canvas_en_reflectie_bewaard_en_terug_na_herstart(deelnemer: Deelnemer, tab: Browsertab) -> None:
    """Blok 1: start uit de casus, typ in het canvasveld Operatie en in de reflectie; na een herstart staat alles er weer."""
    notebookpad = deelnemer.werkmap / "blok1" / "blok1.ipynb"
    antwoordbestand = deelnemer.werkmap / "blok1" / "blok1.antwoorden.json"
    aantal = len(nbformat.read(notebookpad, as_version=4).cells)
    page = tab.page
    operatie_vraag = canvasmodel.veld("operatie").vraag
    lab = deelnemer.lab

    notebook = lab.open_notebook(page, "blok1/blok1.ipynb", aantal)
    _controleer_ingeklapt(notebookpad, notebook)
    tab.schermafdruk("1-geopend")

    lab.menu(page, "Run", "Run All Cells")
    canvas = _oefening(notebook, "Samenwerkingscanvas")
    expect(canvas).to_be_visible(timeout=WACHT_WIDGETS_MS)
    velden = canvas.locator(".regie-canvasveld-kern textarea, .regie-canvasveld-afspraken textarea")
    expect(velden).to_have_count(len(canvasmodel.velden()))
    for i in range(len(canvasmodel.velden())):
        expect(velden.nth(i)).to_be_visible()
    # Blok 1 heeft twee tekstvakken (oefenen 1o en de reflectie 1b); het tweede is dat van 1b.
    reflectie = (
        notebook.locator(".regie-oefening:visible")
        .filter(has=page.get_by_placeholder(re.compile("^Schrijf hier je antwoord")))
        .filter(has_text="Welk afsprakenveld")
    )
    expect(reflectie).to_have_count(1)
    _controleer_ingeklapt(notebookpad, notebook)  # de widgets staan er, de code blijft dicht

    # Een keuze: beginnen met de feiten uit de casus (de velden worden gevuld; Operatie blijft leeg).
    canvas.get_by_role("button", name="Uit de casus", exact=True).click()
    expect(canvas.get_by_placeholder(canvasmodel.veld("partijen").vraag, exact=True)).not_to_have_value("")
    operatie = canvas.get_by_placeholder(operatie_vraag, exact=True)
    expect(operatie).to_have_value("")
    # Typen in een canvasveld, zoals een mens: klikken en typen.
    operatie.click()
    page.keyboard.type(OPERATIE_TEKST)
    # Typen in de reflectie (1b).
    reflectievak = reflectie.locator("textarea")
    reflectievak.click()
    page.keyboard.type(REFLECTIE_TEKST)
    expect(canvas.locator(".regie-goed", has_text="Opgeslagen om")).to_be_visible()

    stand = _lees_antwoord(antwoordbestand, "1a", lambda s: s.get("velden", {}).get("operatie") == OPERATIE_TEKST)
    assert stand["start"] == "casus", stand
    assert sum(1 for tekst in stand["velden"].values() if tekst.strip()) > 1, "de casus vulde geen velden"
    _lees_antwoord(antwoordbestand, "1b", lambda s: s.get("tekst") == REFLECTIE_TEKST)
    operatie.scroll_into_view_if_needed()
    tab.schermafdruk("2-ingevuld")

    _markeer_oud(notebook.locator("textarea"))
    _herstart_en_voer_alles_uit(lab, page)

    nieuw_operatie = canvas.locator(f'textarea[placeholder="{operatie_vraag}"]:not([data-browsertest-oud])')
    expect(nieuw_operatie).to_be_visible(timeout=WACHT_WIDGETS_MS)
    expect(nieuw_operatie).to_have_value(OPERATIE_TEKST)
    nieuw_reflectie = reflectie.locator("textarea:not([data-browsertest-oud])")
    expect(nieuw_reflectie).to_have_value(REFLECTIE_TEKST)
    expect(canvas.get_by_role("button", name="Uit de casus", exact=True)).to_have_class(re.compile(r"\bmod-active\b"))
    expect(canvas.get_by_role("button", name="Leeg", exact=True)).not_to_have_class(re.compile(r"\bmod-active\b"))
    nieuw_operatie.scroll_into_view_if_needed()
    tab.schermafdruk("3-na-herstart")


def test_vormkeuze_en_motivatie_bewaard_en_terug_na_herstart(deelnemer: Deelnemer, tab: Browsertab) -> None:
    """Blok 2: kies een vorm in de keuzelijst en typ een motivatie; na een herstart staan keuze en tekst er weer."""
    notebookpad = deelnemer.werkmap / "blok2" / "blok2.ipynb"
    antwoordbestand = deelnemer.werkmap / "blok2" / "blok2.antwoorden.json"
    aantal = len(nbformat.read(notebookpad, as_version=4).cells)
    page = tab.page
    vormnaam = vormmodel.vorm(GEKOZEN_VORM).naam
    lab = deelnemer.lab

    notebook = lab.open_notebook(page, "blok2/blok2.ipynb", aantal)
    _controleer_ingeklapt(notebookpad, notebook)

    lab.menu(page, "Run", "Run All Cells")
    vormen = _oefening(notebook, "Samenwerkingsvormen herkennen")
    expect(vormen).to_be_visible(timeout=WACHT_WIDGETS_MS)
    keuzelijsten = vormen.locator("select")
    expect(keuzelijsten).to_have_count(5)
    motivaties = vormen.get_by_placeholder(re.compile("^Waarom past deze vorm"))
    expect(motivaties).to_have_count(5)
    _controleer_ingeklapt(notebookpad, notebook)

    keuzelijsten.first.select_option(label=vormnaam)
    expect(vormen.get_by_text(f"Kenmerken van {vormnaam}")).to_be_visible()
    motivaties.first.click()
    page.keyboard.type(MOTIVATIE_TEKST)
    expect(vormen.locator(".regie-goed", has_text="Opgeslagen om")).to_be_visible()

    stand = _lees_antwoord(antwoordbestand, "2a", lambda s: MOTIVATIE_TEKST in s.get("motivaties", {}).values())
    assert list(stand["keuzes"].values()) == [GEKOZEN_VORM], stand
    relatie = next(iter(stand["keuzes"]))
    assert stand["motivaties"][relatie] == MOTIVATIE_TEKST, stand
    tab.schermafdruk("1-ingevuld")

    _markeer_oud(notebook.locator("select, textarea"))
    _herstart_en_voer_alles_uit(lab, page)

    nieuwe_keuze = vormen.locator("select:not([data-browsertest-oud])").first
    expect(nieuwe_keuze).to_be_visible(timeout=WACHT_WIDGETS_MS)
    # ipywidgets zet in de keuzelijst harde spaties (U+00A0) tussen de woorden.
    gekozen = nieuwe_keuze.evaluate("el => el.options[el.selectedIndex].textContent").replace("\xa0", " ")
    assert gekozen == vormnaam, f"na de herstart staat '{gekozen}' gekozen in plaats van '{vormnaam}'"
    nieuwe_motivatie = vormen.locator("textarea:not([data-browsertest-oud])").first
    expect(nieuwe_motivatie).to_have_attribute("placeholder", re.compile("^Waarom past deze vorm"))
    expect(nieuwe_motivatie).to_have_value(MOTIVATIE_TEKST)
    expect(vormen.get_by_text(f"Kenmerken van {vormnaam}")).to_be_visible()
    nieuwe_keuze.scroll_into_view_if_needed()
    tab.schermafdruk("2-na-herstart")


def test_toetsvragen_per_moment_opgebouwd_bij_het_wisselen(deelnemer: Deelnemer, tab: Browsertab) -> None:
    """Blok 4, oefening 4b: Run All bouwt alleen de keuzelijsten van het eerste moment; een klik op een
    ander moment toont na een korte wachtregel die van dat moment, en elke score blijft bij zijn moment.

    (Een ``Stack`` tekent alleen het gekozen moment; dat de andere in de kernel nog niet bestaan, toetst
    ``tests/widgets/test_toets_widget.py``.)"""
    notebookpad = deelnemer.werkmap / "blok4" / "blok4.ipynb"
    antwoordbestand = deelnemer.werkmap / "blok4" / "blok4.antwoorden.json"
    aantal = len(nbformat.read(notebookpad, as_version=4).cells)
    page = tab.page
    lab = deelnemer.lab
    aantal_deelvragen = len(toetsmodel.deelvraag_sleutels())
    schaal = {w.sleutel: w.label for w in toetsmodel.schaal()}

    notebook = lab.open_notebook(page, "blok4/blok4.ipynb", aantal)
    lab.menu(page, "Run", "Run All Cells")
    toets = _oefening(notebook, "De toetsvragen").first
    expect(toets).to_be_visible(timeout=WACHT_WIDGETS_MS)
    zichtbaar = toets.locator("select:visible")
    expect(zichtbaar).to_have_count(aantal_deelvragen)
    zichtbaar.first.select_option(label=schaal["deels"])
    _lees_antwoord(
        antwoordbestand, "4b", lambda s: s.get("momenten", {}).get("2019") == {"kan_gezamenlijk_doel": "deels"}
    )

    toets.get_by_role("button", name="2021", exact=True).click()
    # Eerst de wachtregel (of meteen de keuzelijsten, bij een snelle kernel), dan die van 2021.
    expect(zichtbaar.first).to_have_attribute("title", re.compile(r"\(2021\)$"), timeout=WACHT_WIDGETS_MS)
    expect(toets.get_by_text("worden geladen")).to_have_count(0)
    expect(zichtbaar).to_have_count(aantal_deelvragen)
    assert zichtbaar.first.evaluate("el => el.selectedIndex") == 0, "een nieuw moment begint leeg"
    zichtbaar.first.select_option(label=schaal["volledig"])
    stand = _lees_antwoord(
        antwoordbestand, "4b", lambda s: s.get("momenten", {}).get("2021") == {"kan_gezamenlijk_doel": "volledig"}
    )
    assert stand["actief"] == "2021", stand
    assert stand["momenten"]["2019"] == {"kan_gezamenlijk_doel": "deels"}, stand

    toets.get_by_role("button", name="2019", exact=True).click()
    expect(zichtbaar.first).to_have_attribute("title", re.compile(r"\(2019\)$"))
    gekozen = zichtbaar.first.evaluate("el => el.options[el.selectedIndex].textContent").replace("\xa0", " ")
    assert gekozen == schaal["deels"], f"terug bij 2019 staat '{gekozen}' gekozen"
    expect(zichtbaar).to_have_count(aantal_deelvragen)
    tab.schermafdruk("toets-momenten")
