"""De widgetweergaven van het boek: dezelfde invulschermen als het notebook, maar zonder opslag en zonder antwoorden.

Wat hier telt, is wat in de HTML van het boek belandt: de stand van de widgets. We bekijken die
stand zoals jupyter-book hem insluit (``ipywidgets.embed``), niet de Python-objecten.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ipywidgets")

from samenwerkingscode import nakijken
from samenwerkingscode.model import opdrachten
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets.boek import _nakomelingen, boekweergave

PROJECT = Path(__file__).resolve().parents[2]
OEFENINGEN = sorted(
    {
        m
        for pad in (PROJECT / "book").glob("blok*/index.md")
        for m in re.findall(r'boekweergave\("([0-9a-z_]+)"\)', pad.read_text(encoding="utf-8"))
    }
)


def _staat(widget: Any) -> str:
    """De widgetstaat zoals het boek hem insluit, als tekst."""
    from ipywidgets.embed import dependency_state, embed_data

    return json.dumps(embed_data(views=[widget], state=dependency_state([widget]))["manager_state"], ensure_ascii=False)


def _tekstvakken(widget: Any) -> list[str]:
    return [w.value for w in [widget, *_nakomelingen(widget)] if type(w).__name__ == "Textarea"]


@pytest.fixture(autouse=True)
def _lege_werkmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Elke test draait in een lege map; daarna mag daar niets geschreven zijn."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert list(tmp_path.iterdir()) == [], "de boekweergave schreef een bestand"


def test_het_boek_toont_weergaven() -> None:
    """Heeft het boek widgetcellen om te testen (anders toetst de rest niets)?"""
    assert {"1a", "2a", "3a", "4a", "4b", "5a"} <= set(OEFENINGEN)


@pytest.mark.parametrize("oefening", OEFENINGEN)
def test_een_oefening_is_een_weergave_zonder_opslag(oefening: str) -> None:
    """Is elke oefening één weergave (één .regie-oefening), in voorbeeldstand, zonder opslag?"""
    weergave = boekweergave(oefening)
    alle = [weergave, *_nakomelingen(weergave)]
    assert sum("regie-oefening" in w._dom_classes for w in alle) == 1
    assert "regie-oefening" in weergave._dom_classes
    assert "Voorbeeldweergave: hier wordt niets bewaard" in _staat(weergave)


@pytest.mark.parametrize("oefening", OEFENINGEN)
def test_geen_vingerafdruk_of_modelantwoord_in_de_weergave(oefening: str) -> None:
    """Bevat de ingesloten stand geen enkele vingerafdruk die het antwoord zou verraden?"""
    from samenwerkingscode.model import beslisboom, vormen

    staat = _staat(boekweergave(oefening))
    vormsleutels = [v.sleutel.value for v in vormen.vormen()]
    uitkomsten = [u.id for u in beslisboom.uitkomsten()] + vormsleutels
    _, oef = opdrachten.oefening(oefening)
    onderdelen = oef.onderdelen
    afdrukken = set()
    casus = opdrachten.laad_casusoefeningen()
    for o in onderdelen:
        paren = [(r.id, v) for r in casus.keuzes(oef.id, "relaties") for v in vormsleutels]
        paren += [(v.id, s) for v in casus.keuzes(oef.id, "voorstellen") for s in ("trade_off", "compromis")]
        paren += [(g.id, u) for g in casus.keuzes(oef.id, "opgaven") for u in uitkomsten]
        afdrukken |= {nakijken.vingerafdruk(o.sleutel, s, a) for s, a in paren}
    assert not [a for a in afdrukken if a in staat]
    assert not re.search(r"\b[0-9a-f]{64}\b", staat), "een sha256-waarde in de widgetstaat"


def test_canvas_van_1a_start_vanuit_de_casus() -> None:
    """Start het canvas van 1a met de feiten uit de casus Springendal, zoals de opdracht vraagt?"""
    velden = _tekstvakken(boekweergave("1a"))
    assert len(velden) == 9
    assert any("LTO Noord" in v for v in velden)
    assert sum(1 for v in velden if v.strip()) < 9, "de casus vult niet alles: de deelnemer vult aan"


def test_canvas_van_5a_blijft_leeg_en_toont_geen_eigen_casussen(tmp_path: Path) -> None:
    """Blijft het canvas van de eigen casus (5a) leeg, ook als er eigen casussen van een deelnemer zijn?"""
    eigen = tmp_path / "casussen" / "eigen"
    eigen.mkdir(parents=True)
    (eigen / "kanarie-deelnemer.yml").write_text("titel: Kanarie\n", encoding="utf-8")
    weergave = boekweergave("5a")
    assert all(not v.strip() for v in _tekstvakken(weergave)[:9])
    assert "kanarie" not in _staat(weergave).lower()
    (eigen / "kanarie-deelnemer.yml").unlink()
    eigen.rmdir()
    eigen.parent.rmdir()


def test_onbekende_oefening_geeft_nederlandse_fout() -> None:
    """Krijgt een tikfout in het oefeningnummer een Nederlandse melding met de bekende nummers?"""
    with pytest.raises(RegieFout, match=r"Oefening '9z' bestaat niet.*1a"):
        boekweergave("9z")
