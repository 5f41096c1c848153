"""Reflecties met woordenteller, de keuze van een situatie met motivatie, en het lichte widgets-pakket."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samenwerkingscode import nakijken
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import typologie
from samenwerkingscode.widgets.reflectie import KeuzeMetMotivatie, ReflectieWidget, tel_woorden, tellertekst

VRAAG = "Welk afsprakenveld was in 2014–2019 het minst geregeld, en wat kostte dat?"


def _bestand(map: Path, oefening: str) -> dict[str, Any]:
    return json.loads((map / "blok1.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"][oefening]


# --- woorden tellen ------------------------------------------------------------------------------


def test_woorden_tellen_zoals_een_lezer() -> None:
    assert tel_woorden("") == 0
    voorbeeld = "  De risico's van een trade-off, 2019.\n\nNog één zin!"
    assert tel_woorden(voorbeeld) == 9
    assert tel_woorden(voorbeeld) == nakijken.woorden(voorbeeld)  # widget en 'Controleer mijn opdracht' gelijk
    assert tellertekst(120, 150) == "120 woorden; richtlijn: minstens 150"
    assert tellertekst(150, 150) == "150 woorden; richtlijn: minstens 150 (gehaald)"
    assert tellertekst(1) == "1 woord"
    assert tellertekst(0) == "0 woorden"


# --- reflectie -----------------------------------------------------------------------------------


def test_reflectie_bewaart_tekst_en_komt_terug_na_herstart(tmp_path: Path) -> None:
    w = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "1b", VRAAG, min_woorden=5)
    assert "2014–2019" in w.vraagweergave.value
    assert w.vraagweergave in w.widget.children[1].children  # boven het tekstvak, in de weergave
    assert w.teller.value.endswith("0 woorden; richtlijn: minstens 5</span>")
    w.tekst.value = "Besluitvorming was het minst geregeld."
    assert "5 woorden; richtlijn: minstens 5 (gehaald)" in w.teller.value
    assert _bestand(tmp_path, "1b") == {"tekst": "Besluitvorming was het minst geregeld."}

    opnieuw = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "1b", VRAAG, min_woorden=5)
    assert opnieuw.tekst.value == "Besluitvorming was het minst geregeld."
    assert "5 woorden" in opnieuw.teller.value


def test_twee_reflecties_in_een_notebook_raken_elkaar_niet(tmp_path: Path) -> None:
    opslag = Antwoorden("blok1", map=tmp_path)
    a = ReflectieWidget(opslag, "1b", VRAAG)
    b = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "3c", "Wie heeft mandaat en budget?")
    a.tekst.value = "eerste"
    b.tekst.value = "tweede"
    a.tekst.value = "eerste, aangevuld"
    assert _bestand(tmp_path, "1b") == {"tekst": "eerste, aangevuld"}
    assert _bestand(tmp_path, "3c") == {"tekst": "tweede"}


# --- keuze met motivatie (3b) --------------------------------------------------------------------


def test_situaties_uit_de_typologie() -> None:
    w = KeuzeMetMotivatie(None)
    verwacht = [(f"{s.nummer}. {s.naam}", s.nummer) for s in typologie.situaties()]
    assert [tuple(o) for o in w.situatie.options] == [("— kies een situatie —", None), *verwacht]
    assert len(verwacht) == 8


def test_keuze_met_motivatie_bewaart_en_herstelt(tmp_path: Path) -> None:
    w = KeuzeMetMotivatie(Antwoorden("blok1", map=tmp_path), "3b", min_woorden=50)
    w.situatie.value = 5
    assert _bestand(tmp_path, "3b") == {"situatie": 5, "tekst": ""}
    s5 = typologie.situatie(5)
    assert s5.naam in w.uitleg.value
    w.tekst.value = "De doelen botsen deels."
    assert _bestand(tmp_path, "3b") == {"situatie": 5, "tekst": "De doelen botsen deels."}
    assert "4 woorden; richtlijn: minstens 50" in w.teller.value

    opnieuw = KeuzeMetMotivatie(Antwoorden("blok1", map=tmp_path), "3b", min_woorden=50)
    assert opnieuw.situatie.value == 5
    assert opnieuw.tekst.value == "De doelen botsen deels."
    assert s5.naam in opnieuw.uitleg.value

    opnieuw.situatie.value = None
    assert _bestand(tmp_path, "3b") == {"situatie": None, "tekst": "De doelen botsen deels."}
    assert "Kies een situatie" in opnieuw.uitleg.value


def test_onzin_in_het_antwoordbestand_wordt_een_lege_keuze(tmp_path: Path) -> None:
    Antwoorden("blok1", map=tmp_path).schrijf("3b", {"situatie": 42, "tekst": ["geen tekst"]})
    w = KeuzeMetMotivatie(Antwoorden("blok1", map=tmp_path), "3b")
    assert w.situatie.value is None and w.tekst.value == ""


# --- herstel en voorbeeldweergave ----------------------------------------------------------------


def test_een_afgebroken_antwoordbestand_geeft_een_nederlandse_waarschuwing(tmp_path: Path) -> None:
    w = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "1b", VRAAG)
    w.tekst.value = "versie 1"
    w.tekst.value = "versie 2"
    pad = tmp_path / "blok1.antwoorden.json"
    pad.write_bytes(pad.read_bytes()[:20])  # afgebroken midden in het schrijven
    opnieuw = ReflectieWidget(Antwoorden("blok1", map=tmp_path), "1b", VRAAG)
    assert "beschadigd" in opnieuw.meldingen.value
    assert opnieuw.tekst.value == "versie 1"  # uit de back-up
    k = KeuzeMetMotivatie(Antwoorden("blok1", map=tmp_path), "3b")
    assert "beschadigd" in k.meldingen.value


def test_voorbeeldweergave_schrijft_nergens_iets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = ReflectieWidget(None, "1b", VRAAG, min_woorden=10)
    r.tekst.value = "Iets"
    k = KeuzeMetMotivatie(None)
    k.situatie.value = 3
    k.tekst.value = "Omdat"
    assert list(tmp_path.rglob("*")) == []
    assert "Voorbeeldweergave" in r.status.value and "Voorbeeldweergave" in k.status.value


# --- het pakket samenwerkingscode.widgets --------------------------------------------------------


def test_widgets_pakket_laadt_pas_bij_gebruik() -> None:
    code = (
        "import sys\n"
        "import samenwerkingscode.widgets as w\n"
        "assert 'ipywidgets' not in sys.modules, 'ipywidgets te vroeg'\n"
        "assert not any(m.startswith('samenwerkingscode.widgets.') for m in sys.modules)\n"
        "assert w.ReflectieWidget.__name__ == 'ReflectieWidget'\n"
        "assert 'samenwerkingscode.widgets.reflectie' in sys.modules\n"
        "assert 'samenwerkingscode.widgets.canvas' not in sys.modules\n"
        "from samenwerkingscode.widgets import CanvasWidget, KeuzeMetMotivatie, VormenWidget\n"
        "assert 'matplotlib' not in sys.modules\n"
        "try:\n"
        "    w.BestaatNiet\n"
        "except AttributeError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('geen AttributeError')\n"
        "assert {'CanvasWidget', 'KeuzeMetMotivatie', 'ReflectieWidget', 'VormenWidget'} <= set(w.__all__)\n"
        "assert {'CanvasWidget', 'VormenWidget'} <= set(dir(w))\n"
    )
    uitvoer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert uitvoer.returncode == 0, uitvoer.stderr
