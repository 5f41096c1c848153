"""Toegankelijkheid en eerlijke widgets (issue 15.1 en 15.5), zonder browser.

De browsertests (``tests/browser/test_toegankelijkheid.py``) controleren wat axe-core en het
toetsenbord in Chromium zien; hier staat wat de Python-kant moet leveren: de hulp-HTML met opmaak
en script in elke weergave, namen en alt-teksten, geen gebroken plaatje, en scores die bij het
juiste moment blijven, ook als berichten van de browser in een andere volgorde binnenkomen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import schakelbak, toets
from samenwerkingscode.widgets._toegankelijk import CSS, SCRIPT, hulp_html
from samenwerkingscode.widgets.beslisboom import STANDAARD_OPGAVEN, BeslisboomWidget
from samenwerkingscode.widgets.canvas import CanvasWidget
from samenwerkingscode.widgets.toets import GEEN_SCORE, ToetsWidget


def _alle(widget: Any) -> list[Any]:
    gevonden = [widget]
    for kind in getattr(widget, "children", ()):
        gevonden.extend(_alle(kind))
    return gevonden


def _op_schijf(map_: Path) -> dict[str, Any]:
    return json.loads((map_ / "blok4.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"]["4b"]


# --- de hulp-HTML ----------------------------------------------------------------------------------


def test_elke_weergave_draagt_opmaak_en_script() -> None:
    """Zit de hulp (stijl + script) in de weergave, en doet het script wat het belooft?"""
    w = ToetsWidget(None)
    hulp = [c for c in _alle(w.widget) if isinstance(c, widgets.HTML) and "regie-toegankelijk" in c._dom_classes]
    assert len(hulp) == 1
    assert hulp[0].value == hulp_html()
    for nodig in ("lang', 'nl'", "aria-pressed", "aria-labelledby", "stopPropagation", "'alt'"):
        assert nodig in SCRIPT, nodig
    # Geen verzoek over het netwerk: het startplaatje is een ingebakken GIF.
    assert re.search(r'<img class="regie-hulp" src="data:image/gif;base64,', hulp_html())
    assert 'alt=""' in hulp_html()
    # Zichtbare keuze en focusring in kleuren met genoeg contrast (zie docstring van _toegankelijk).
    assert "mod-active" in CSS and "focus-visible" in CSS and "@container" in CSS


def _contrast(voor: str, achter: str) -> float:
    def lum(hexkleur: str) -> float:
        kanalen = [int(hexkleur[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted((lum(voor), lum(achter)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.mark.parametrize("regel", [r"\.mod-(?:primary|info|success|warning|danger) \{ background: (#[0-9a-f]{6})"])
def test_gekleurde_knoppen_halen_4_5_tegen_wit(regel: str) -> None:
    kleuren = re.findall(regel, CSS)
    assert len(kleuren) == 5
    for kleur in kleuren:
        assert _contrast("#ffffff", kleur) >= 4.5, kleur


def test_focusring_en_gekozen_stand_halen_3_tegen_hun_achtergrond() -> None:
    from samenwerkingscode.widgets._toegankelijk import KLEUR_FOCUS, KLEUR_KERN

    assert _contrast(KLEUR_FOCUS, "#ffffff") >= 3 and _contrast(KLEUR_FOCUS, "#f2f4f5") >= 3
    assert _contrast(KLEUR_KERN, "#f2f4f5") >= 3  # gekozen knop tegen een niet-gekozen knop
    assert _contrast("#ffffff", KLEUR_KERN) >= 4.5  # de tekst op de gekozen knop


# --- namen en plaatjes ---------------------------------------------------------------------------


def test_toetsvragen_hebben_een_naam_en_geen_gebroken_plaatje() -> None:
    w = ToetsWidget(None)
    for sleutel, keuze in w.keuzes.items():
        assert keuze.tooltip, f"keuzelijst {sleutel} heeft geen naam"
        assert sleutel not in keuze.tooltip
    for moment in w.momenten:  # elk moment, ook de nog niet getoonde (die worden bij het wisselen opgebouwd)
        w.moment.value = moment
    labels = [c.value for c in _alle(w.vragen) if isinstance(c, widgets.HTML) and "regie-label" in c.value]
    assert len(labels) == len(toets.deelvraag_sleutels()) * 3
    assert w.figuur.layout.display == "none", "een leeg plaatje wordt een gebroken afbeelding"
    assert bytes(w.figuur.value) == b""


def test_toetsfiguur_verschijnt_met_alt_na_de_eerste_score(tmp_path: Path) -> None:
    w = ToetsWidget(Antwoorden("blok4", map=tmp_path))
    w.keuzes["kan_mandaat"].value = "deels"
    assert bytes(w.figuur.value)[:4] == b"\x89PNG"
    assert w.figuur.layout.display == ""
    assert '<span class="regie-alt">Figuur: de toetsvragen per moment.' in w.figuur_tekst.value
    assert "2019: Kan de samenwerking?" in w.figuur_tekst.value
    assert not w.figuur.tooltip  # ImageModel heeft geen description: een tooltip breekt de weergave


def test_advies_noemt_geen_interne_sleutels(tmp_path: Path) -> None:
    w = ToetsWidget(Antwoorden("blok4", map=tmp_path))
    w.keuzes["kan_mandaat"].value = "deels"
    for sleutel in toets.deelvraag_sleutels():
        assert sleutel not in w.uitslag.value


def test_beslisboomfiguur_heeft_een_tekstalternatief_met_het_pad() -> None:
    w = BeslisboomWidget(None, "3a", STANDAARD_OPGAVEN)
    assert '<span class="regie-alt">Schema van de beslisboom' in w.figuur_tekst.value
    assert "nog geen vraag" in w.figuur_tekst.value
    w.knop("nee").click()
    assert "Jouw pad:" in w.figuur_tekst.value
    assert not w.figuur.tooltip


def test_opnieuw_is_geen_wit_op_oranje() -> None:
    w = BeslisboomWidget(None, "3a", STANDAARD_OPGAVEN)
    assert w.knop_opnieuw.button_style == "warning"  # kleur uit de CSS van de kit: #a14400 (5,6:1)
    assert "mod-warning { background: #a14400" in CSS


def test_canvasvelden_heten_naar_hun_veldtitel() -> None:
    w = CanvasWidget(None)
    for cel in w.cellen.values():
        kop = cel.children[0].value
        assert 'class="regie-label"' in kop


# --- het moment van een score ---------------------------------------------------------------------


def test_score_blijft_bij_zijn_moment_als_berichten_door_elkaar_binnenkomen(tmp_path: Path) -> None:
    """Issue 15.5 (B3): wisselen van moment terwijl de kernel bezig is.

    De browser stuurt per widget zijn wijzigingen; bij een drukke kernel bundelt ipywidgets ze per
    widget, zodat 'moment 2021', 'deelvraag 1 = volledig' en 'moment 2019' als 2021, 2019, deelvraag
    kunnen binnenkomen. ``set_state`` is precies wat een bericht van de browser doet.
    """
    w = ToetsWidget(Antwoorden("blok4", map=tmp_path))
    opties = [waarde for _, waarde in w.keuzes["kan_partijen"].options]
    w.keuzes_van("2019")["kan_partijen"].set_state({"index": opties.index("niet_geregeld")})
    keuze_2021 = w.keuzes_van("2021")["kan_partijen"]
    w.moment.set_state({"index": 1})  # de deelnemer klikt 2021 …
    w.moment.set_state({"index": 0})  # … kiest in 2021 en klikt terug naar 2019; de keuze komt als laatste aan
    keuze_2021.set_state({"index": opties.index("volledig")})
    assert w.moment.value == "2019"
    stand = _op_schijf(tmp_path)
    assert stand["momenten"]["2019"] == {"kan_partijen": "niet_geregeld"}
    assert stand["momenten"]["2021"] == {"kan_partijen": "volledig"}
    assert w.keuzes["kan_partijen"].value == "niet_geregeld"  # op het scherm: 2019 is onveranderd
    assert keuze_2021.value == "volledig"


def test_wisselen_toont_de_keuzelijsten_van_het_moment(tmp_path: Path) -> None:
    w = ToetsWidget(Antwoorden("blok4", map=tmp_path))
    assert w.vragen.selected_index == 0
    w.moment.value = "2023"
    assert w.vragen.selected_index == 2
    assert w.keuzes is w.keuzes_van("2023")
    assert all(k.value == GEEN_SCORE for k in w.keuzes.values())


# --- Schakelbak: zinnen met een punt ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [("Vrijwillige kavelruil", "Vrijwillige kavelruil."), ("Klaar.", "Klaar."), ("Echt?", "Echt?"), ("", "")],
)
def test_als_zin(tekst: str, verwacht: str) -> None:
    assert schakelbak.als_zin(f"  {tekst} ") == verwacht


# --- statusregels die meebewegen -------------------------------------------------------------------


def test_live_status_ververst_bij_elke_opslag(tmp_path: Path) -> None:
    """Issue 15.5 (B1): een statusregel onder een widget blijft niet op 'nog leeg' staan."""
    from samenwerkingscode.widgets._basis import live_status
    from samenwerkingscode.widgets.reflectie import ReflectieWidget

    opslag = Antwoorden("blok1", map=tmp_path)
    w = ReflectieWidget(opslag, "1b", vraag="Welk veld?")

    def tekst() -> str:
        stand = Antwoorden("blok1", map=tmp_path).lees("1b", {})
        woorden = len(str(stand.get("tekst", "")).split())
        return f"Antwoord op 1b ({woorden} woorden)" + ("" if woorden else " (nog leeg)")

    regel = live_status(tekst, opslag.pad, "1b")
    assert "(0 woorden) (nog leeg)" in regel.value
    w.tekst.value = "de besluitvorming was het minst geregeld"
    assert "(6 woorden)" in regel.value and "nog leeg" not in regel.value
    anders = live_status(lambda: "andere oefening", tmp_path / "ander.json", "1b")
    w.tekst.value = "korter"
    assert "(1 woorden)" in regel.value and anders.value.endswith("andere oefening</div>")
