"""Invulschermen uit de opdrachtdata: één regel in het notebook, dezelfde bouw in het boek, oefenen met uitwerking."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingscode.model import opdrachten, opdrachttekst
from samenwerkingscode.nakijken import controleer_opdracht
from samenwerkingscode.widgets import opdracht


def test_toon_zonder_opzet_geeft_nederlandse_fout() -> None:
    from samenwerkingscode.model.yamlbestand import RegieFout

    opdracht._stand.clear()
    with pytest.raises(RegieFout, match="Voer eerst de opzetcel"):
        opdracht.toon("1a")


@pytest.mark.parametrize("blok", [b.notebook for b in opdrachten.blokken()])
def test_elk_onderdeel_heeft_een_invulscherm(blok: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bouwt elk onderdeel van elk blok zijn invulscherm uit de data, in het notebook én in het boek?"""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REGIE_EIGEN_CASUS_MAP", str(tmp_path / "eigen"))
    opslag = opdracht.begin(blok)
    for o in opdrachten.blok(blok).onderdelen:
        assert opdracht.toon(o.sleutel).widget is not None
        assert opdracht.maak_widget(blok, o.sleutel, None).widget is not None
    assert opslag.pad.parent == tmp_path


def test_oefenen_toont_de_uitwerking_pas_na_een_klik(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    opdracht.begin("blok2")
    scherm = opdracht.toon("2o")
    assert isinstance(scherm, opdracht.MetUitwerking)
    assert scherm.uitvoer.value == ""
    scherm.knop.click()
    assert "Netwerk" in scherm.uitvoer.value and scherm.knop.layout.display == "none"


def test_uitwerking_in_het_boek_uitklapbaar_en_niet_in_het_notebook() -> None:
    blok, oef = opdrachten.oefening("3o")
    casus = opdrachten.laad_casusoefeningen()
    boek = opdrachttekst.oefening_markdown(blok, oef, casus, met_uitwerking=True)
    notebook = opdrachttekst.oefening_markdown(blok, oef, casus)
    assert ":class: dropdown" in boek and "zelf doen" in boek
    assert "zelf doen" not in notebook
    assert "oefenen, telt niet mee" in notebook


def test_oefenen_telt_niet_mee_bij_controleer_mijn_opdracht() -> None:
    rapport = controleer_opdracht("blok1", {"oefeningen": {}})
    assert [s.id for s in rapport.onderdelen] == ["1a", "1b"]


def test_elk_blok_heeft_een_oefenonderdeel_voor_het_beoordeelde_werk() -> None:
    """Oefenen vóór beoordelen: elk beoordeeld blok begint met een oefening met uitwerking."""
    for blok in opdrachten.blokken():
        if blok.beoordeeld:
            assert blok.oefeningen[0].oefenen, blok.id


def _eigen_casus(map_: Path) -> Path:
    """Een kleine eigen casus met twee partijen en één relatie, zoals een deelnemer hem bewaart."""
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / "mijn-casus.yml"
    pad.write_text(
        "titel: Beekdal Oost\n"
        "opgave:\n  omschrijving: Het beekdal droogt uit; herstel vraagt grond van verschillende eigenaren.\n"
        "partijen:\n"
        "  - {id: gemeente, naam: Gemeente Oost, rol: trekker}\n"
        "  - {id: collectief, naam: Agrarisch collectief Oost, rol: grondeigenaren}\n"
        "relaties:\n"
        "  - id: gemeente-collectief\n"
        "    naam: De gemeente en het collectief\n"
        "    tussen: [gemeente, collectief]\n"
        "    omschrijving: Het collectief voert het beheer uit; de gemeente betaalt.\n",
        encoding="utf-8",
    )
    return pad


def test_thuis_verder_werkt_met_de_eigen_casus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """De vormen, de beslisboom en de Schakelbak van 'Thuis verder' tonen de eigen casus, niet Springendal."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REGIE_EIGEN_CASUS_MAP", str(tmp_path / "eigen"))
    _eigen_casus(tmp_path / "eigen")
    opdracht.begin("blok2")
    vormen = opdracht.toon("2t")
    assert [r.id for r in vormen._relaties] == ["gemeente-collectief"]
    opdracht.begin("blok3")
    boom = opdracht.toon("3t")
    assert "Het beekdal droogt uit" in next(iter(boom.opgaven.values()))
    opdracht.begin("blok4")
    assert opdracht.toon("4t_schakelbak") is not None


def test_thuis_verder_zonder_eigen_casus_zegt_wat_te_doen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REGIE_EIGEN_CASUS_MAP", str(tmp_path / "leeg"))
    opdracht.begin("blok2")
    scherm = opdracht.toon("2t")
    assert isinstance(scherm, opdracht.Melding)
    assert "nog geen eigen casus" in scherm.widget.children[0].value


def test_thuis_verder_telt_niet_mee_bij_controleer() -> None:
    rapport = controleer_opdracht("blok4", {"oefeningen": {}})
    assert [s.id for s in rapport.onderdelen] == ["4a", "4b", "4b", "4c"]


def test_status_en_antwoord_verversen_bij_elke_wijziging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """De regel onder een testcel blijft niet op "nog leeg" staan als de deelnemer iets invult."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REGIE_BEOORDELEN", raising=False)
    opdracht.begin("blok1")
    scherm = opdracht.toon("1b")
    status = opdracht.status("1b")
    antwoord = opdracht.antwoord("1b")
    assert "nog leeg" in status.value
    scherm.tekst.value = "Het veld Besluitvorming was het minst geregeld."
    assert "ingevuld" in status.value and "nog leeg" not in status.value
    assert "Besluitvorming was het minst geregeld" in antwoord.value


def test_status_bij_beoordelen_is_tekst(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REGIE_BEOORDELEN", "1")
    opdracht.begin("blok1")
    assert opdracht.status("1b") is None
    assert "1b – Kern en afsprakenvelden: nog leeg" in capsys.readouterr().out


def test_na_run_all_gaat_de_focus_naar_het_eerste_invulveld(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run All eindigt onderaan; de laatste cel zet de focus (en dus het beeld) op de eerste oefening.

    Wie daarna alleen de laatste cel opnieuw uitvoert, blijft waar hij is.
    """
    import ipywidgets as widgets

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REGIE_BEOORDELEN", raising=False)
    gefocust: list[object] = []
    monkeypatch.setattr(widgets.DOMWidget, "focus", lambda self: gefocust.append(self))
    opdracht.begin("blok1")
    eerste = opdracht.toon("1o")
    for o in opdrachten.blok("blok1").onderdelen[1:]:
        opdracht.toon(o.sleutel)
    opdracht.controleer()
    assert gefocust == [opdracht.eerste_invoer(eerste.widget)]
    assert isinstance(gefocust[0], widgets.Textarea | widgets.Text | widgets.Dropdown | widgets.Button)
    opdracht.controleer()
    assert len(gefocust) == 1


def test_eerste_invoer_slaat_verborgen_en_uitgeschakelde_velden_over() -> None:
    import ipywidgets as widgets

    verborgen = widgets.Textarea(layout=widgets.Layout(display="none"))
    uit = widgets.Text(disabled=True)
    goed = widgets.Dropdown(options=["a", "b"])
    assert opdracht.eerste_invoer(widgets.VBox([widgets.HTML("x"), verborgen, widgets.HBox([uit, goed])])) is goed
    assert opdracht.eerste_invoer(widgets.VBox([widgets.HTML("x")])) is None
