"""De lezer van het gepubliceerde boek: widgetweergaven verschijnen, zonder internet en zonder fouten.

Het boek wordt één keer per testsessie gebouwd in een lege tijdelijke map (zoals ``make book``:
``jupyter-book build -W -n --keep-going``), vanaf 127.0.0.1 geserveerd en in Chromium geopend.
Elk verzoek naar een andere host wordt geblokkeerd en genoteerd: het boek belooft offline en privé
te zijn, dus die lijst moet leeg blijven. De tests falen als een widgetweergave leeg blijft of niet
verschijnt, als een verzoek mislukt (ook een 404) of als de pagina een fout in de console meldt.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Response, Route, expect

if TYPE_CHECKING:
    from conftest import Browsertab

pytestmark = [pytest.mark.browser, pytest.mark.traag]

PROJECT = Path(__file__).resolve().parents[2]
BLOKKEN = ["blok1", "blok2", "blok3", "blok4", "blok5"]
WIDGETCEL = re.compile(r'^boekweergave\(\s*"([^"]+)"', re.M)
INVOER = "textarea, select, button, input"


def _verwachte_oefeningen(blok: str) -> list[str]:
    """De oefeningen waarvan het hoofdstuk een widgetweergave toont (de cellen ``boekweergave("1a")``)."""
    return WIDGETCEL.findall((PROJECT / "book" / blok / "index.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("blok", BLOKKEN)
def test_lezer_ziet_widgets_offline_zonder_fouten(boek_html: Path, boekserver: str, tab: Browsertab, blok: str) -> None:
    """Toont het blokhoofdstuk elke widgetweergave gevuld, zonder verzoek buiten 127.0.0.1 en zonder fout?"""
    basis = boekserver
    oefeningen = _verwachte_oefeningen(blok)
    assert oefeningen, f"book/{blok}/index.md heeft geen widgetcel (boekweergave)"
    pagina = boek_html / "book" / blok / "index.html"
    assert pagina.is_file(), f"{pagina} ontbreekt in de bouw"
    page = tab.page
    geblokkeerd: list[str] = []
    foutstatus: list[str] = []

    def alleen_lokaal(route: Route) -> None:
        if route.request.url.startswith(basis + "/"):
            route.continue_()
        else:
            geblokkeerd.append(route.request.url)
            route.abort()

    def bij_antwoord(antwoord: Response) -> None:
        if antwoord.status >= 400:
            foutstatus.append(f"{antwoord.status} {antwoord.url}")

    page.route("**/*", alleen_lokaal)
    page.on("response", bij_antwoord)
    page.goto(f"{basis}/book/{blok}/index.html", wait_until="load")

    # Per widgetcel één view in de HTML; de widgetmanager zet de weergave in een .widget-subarea ervoor.
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
    expect(views).to_have_count(len(oefeningen))
    vakken = page.locator(".cell_output .widget-subarea")
    expect(vakken).to_have_count(len(oefeningen), timeout=30_000)
    for i, oefening in enumerate(oefeningen):
        vak = vakken.nth(i)
        vak.scroll_into_view_if_needed()
        weergave = vak.locator(".regie-oefening").first
        expect(weergave, f"widgetweergave {oefening} is niet zichtbaar").to_be_visible()
        invoer = vak.locator(INVOER)
        assert invoer.count() > 0, f"widgetweergave {oefening} heeft geen invoerelementen"
        expect(invoer.first).to_be_visible()
        doos = vak.bounding_box()
        assert doos is not None and doos["height"] > 50, f"widgetweergave {oefening} is (bijna) leeg: {doos}"
        if oefening == "1a":
            canvasvelden = vak.locator(".regie-canvasveld-kern textarea, .regie-canvasveld-afspraken textarea")
            expect(canvasvelden).to_have_count(9)
    leeg = page.evaluate(
        """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
            .filter(s => {
                const vak = s.previousElementSibling;
                return !vak || !vak.classList.contains('widget-subarea') || !vak.querySelector('.jupyter-widgets');
            }).length"""
    )
    assert leeg == 0, f"{leeg} widgetweergave(n) bleven leeg"
    expect(page.locator(".jupyter-widgets-error-widget, .widget-error")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    tab.schermafdruk("boekpagina", hele_pagina=True)

    assert geblokkeerd == [], f"de pagina probeerde het internet op te gaan: {geblokkeerd}"
    assert tab.logboek.mislukt == [], f"mislukte verzoeken: {tab.logboek.mislukt}"
    assert foutstatus == [], f"verzoeken met een foutstatus: {foutstatus}"
    assert tab.logboek.pagina_fouten == [], f"JavaScript-fouten: {tab.logboek.pagina_fouten}"
    # Chromium vraagt zelf /favicon.ico op (het boek heeft er geen); dat is geen verzoek van de pagina.
    fouten = [f for f in tab.logboek.fouten if not f.endswith("/favicon.ico)")]
    assert fouten == [], f"fouten in de console: {fouten}"
