"""Het model is vervangbare data: een andere typologie of een zesde blok vraagt alleen databestanden.

De tests bouwen de kit op een eigen modelmap (``REGIE_MODEL_MAP``), zoals een trainer met het officiële
materiaal zou doen, en kijken of notebooks, boektekst, controle en beoordeling de nieuwe data volgen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from samenwerkingscode.cursus import bronnotebooks
from samenwerkingscode.model import MODEL_MAP, opdrachten, opdrachttekst, typologie

PROJECT = Path(__file__).resolve().parent.parent


def _modelmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    map_ = tmp_path / "model"
    map_.mkdir()
    monkeypatch.setenv("REGIE_MODEL_MAP", str(map_))
    return map_


def test_typologie_met_vijf_situaties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Een typologie met vijf situaties (drie als partnership te organiseren) werkt zonder codewijziging."""
    data = yaml.safe_load((MODEL_MAP / "typologie.yml").read_text(encoding="utf-8"))
    data["situaties"] = data["situaties"][:5]
    for s in data["situaties"]:
        s["partnership_mogelijk"] = s["nummer"] <= 3
    (_modelmap(tmp_path, monkeypatch) / "typologie.yml").write_text(yaml.safe_dump(data, allow_unicode=True))

    assert [s.nummer for s in typologie.situaties()] == [1, 2, 3, 4, 5]
    assert typologie.mogelijke_situaties() == [1, 2, 3]
    from samenwerkingscode.widgets.reflectie import KeuzeMetMotivatie

    keuze = KeuzeMetMotivatie(None, "3b")
    assert sorted(w for _, w in keuze.situatie.options if w is not None) == [1, 2, 3, 4, 5]
    from samenwerkingscode.model.yamlbestand import RegieFout

    with pytest.raises(RegieFout, match="kies een nummer van 1 tot en met 5"):
        typologie.situatie(6)


def test_zesde_blok_alleen_met_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Een zesde blok in opdrachten.yml geeft een notebook, een rooster- en boektekst en een beoordeling."""
    data = yaml.safe_load((MODEL_MAP / "opdrachten.yml").read_text(encoding="utf-8"))
    zes = {
        "id": "blok6",
        "titel": "Blok 6",
        "thema": "Terugkomdag",
        "minuten": 90,
        "notebook": "blok6",
        "leerdoelen": ["je realisatiestrategie na drie maanden opnieuw toetsen."],
        "thuis_verder": "Deel je nieuwe toets in het Praktijknetwerk.",
        "intro": "In dit notebook toets je je eigen casus opnieuw.",
        "oefeningen": [
            {
                "id": "6a",
                "titel": "Opnieuw getoetst",
                "minuten": 30,
                "wat_je_doet": "Vul het canvas van je eigen casus opnieuw in.",
                "goed_antwoord": "Alle negen velden zijn gevuld.",
                "onderdelen": [{"sleutel": "6a", "soort": "canvas", "beoordeling": "automatisch", "punten": 4}],
            }
        ],
    }
    data["blokken"].append(zes)
    (_modelmap(tmp_path, monkeypatch) / "opdrachten.yml").write_text(yaml.safe_dump(data, allow_unicode=True))

    assert opdrachten.beoordeelde_notebooks()[-1] == "blok6"
    notebooks = bronnotebooks.alle_notebooks(PROJECT / "notebooks")
    blok6 = notebooks[PROJECT / "notebooks" / "blok6" / "blok6.ipynb"]
    assert '"points": 4' in blok6 and 'nakijken.beoordeel(\\"blok6\\", \\"6a\\")' in blok6
    b, oef = opdrachten.oefening("6a")
    assert "Oefening 6a – Opnieuw getoetst" in opdrachttekst.oefening_markdown(
        b, oef, opdrachten.laad_casusoefeningen()
    )
    from samenwerkingscode import nakijken

    document = {"oefeningen": {"6a": {"velden": {"partijen": "A", "doelen": "B"}}}}
    assert nakijken.beoordeel("blok6", "6a", opslag=document) == pytest.approx(4 * 2 / 9, abs=0.01)
    assert [s.id for s in nakijken.controleer_opdracht("blok6", document).onderdelen] == ["6a"]
