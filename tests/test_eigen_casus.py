"""De eigen casus van een deelnemer: één keer kiezen, in de eigen werkmap, bewaren zonder iets te verliezen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import samenwerkingscode
from samenwerkingscode import eigen_casus as ec
from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model.casus import herkomst_label, laad_casus
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets.canvas import CanvasWidget

PAKKET = Path(samenwerkingscode.__file__).resolve().parent


@pytest.fixture(autouse=True)
def _geen_ingestelde_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ec.OMGEVINGSVARIABELE, raising=False)


def _kopie_sjabloon(project: Path, doel: Path) -> Path:
    doel.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(project / "casussen" / "sjabloon.yml", doel)
    return doel


def _commentaar(tekst: str) -> list[str]:
    return [r.strip() for r in tekst.splitlines() if r.strip().startswith("#")]


# --- De map: de werkmap van de deelnemer, nooit het pakket ------------------------------------------


def test_eigen_map_staat_in_de_werkmap_en_niet_in_het_pakket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = tmp_path / "cursus" / "blok1"
    notebook.mkdir(parents=True)
    monkeypatch.chdir(notebook)
    assert ec.eigen_map() == notebook / "casussen" / "eigen"
    (tmp_path / "cursus" / "casussen").mkdir()
    assert ec.eigen_map() == tmp_path / "cursus" / "casussen" / "eigen"
    monkeypatch.chdir(PAKKET / "model")
    assert PAKKET not in ec.eigen_map().resolve().parents


def test_eigen_map_is_in_te_stellen_maar_niet_binnen_het_pakket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ec.OMGEVINGSVARIABELE, str(tmp_path / "mijn-casussen"))
    assert ec.eigen_map() == tmp_path / "mijn-casussen"
    monkeypatch.setenv(ec.OMGEVINGSVARIABELE, str(PAKKET / "casussen"))
    with pytest.raises(RegieFout, match="binnen de geïnstalleerde cursuskit"):
        ec.eigen_map()


def test_canvas_gebruikt_de_werkmap_van_het_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    w = CanvasWidget(Antwoorden("eigen-casus", map=tmp_path), "canvas")
    w.titel_invoer.value = "Mijn beekdal"
    w.velden["partijen"].value = "Gemeente"
    pad = w._bewaar_casusbestand()
    assert pad == tmp_path / "casussen" / "eigen" / "mijn-beekdal.yml"
    assert PAKKET not in pad.resolve().parents


# --- Vinden en één keer kiezen ----------------------------------------------------------------------


def test_beide_vormen_uit_het_boek_worden_gevonden(tmp_path: Path, project: Path) -> None:
    map = tmp_path / "casussen" / "eigen"
    a = _kopie_sjabloon(project, map / "beekdal.yml")
    b = _kopie_sjabloon(project, tmp_path / "casussen" / "eigen-polder.yml")
    (map / ".beekdal.yml.abc.yml").write_text("titel: tijdelijk\n", encoding="utf-8")
    assert ec.eigen_casussen(map) == [a, b]


def test_geen_eigen_casus_geeft_een_duidelijke_melding(tmp_path: Path) -> None:
    pad, melding = ec.zoek_eigen_casus(tmp_path / "eigen")
    assert pad is None
    assert melding is not None and "nog geen eigen casus" in melding and "sjabloon.yml" in melding


def test_twee_eigen_casussen_vragen_om_een_keuze_die_daarna_overal_geldt(tmp_path: Path, project: Path) -> None:
    map = tmp_path / "casussen" / "eigen"
    a = _kopie_sjabloon(project, map / "beekdal.yml")
    b = _kopie_sjabloon(project, tmp_path / "casussen" / "eigen-polder.yml")
    with pytest.raises(RegieFout) as fout:
        ec.gekozen_eigen_casus(map)
    assert "2 eigen casussen" in str(fout.value) and "beekdal.yml, eigen-polder.yml" in str(fout.value)
    assert "Kies er één" in str(fout.value)

    # De deelnemer kiest in het canvas; een tweede widget (ander notebook) gebruikt dezelfde.
    w = CanvasWidget(Antwoorden("eigen-casus", map=tmp_path), "canvas", eigen_map=map)
    w.start.value = "eigen"
    w.eigen_keuze.value = str(b)
    assert ec.gekozen_eigen_casus(map) == b
    assert "Alle oefeningen met je eigen casus gebruiken nu dit bestand" in w.bericht.value
    assert ec.zoek_eigen_casus(map) == (b, None)
    ander = CanvasWidget(Antwoorden("blok5", map=tmp_path), "5a", eigen_map=map)
    assert ander.eigen_keuze.value == str(b)
    ec.kies_eigen_casus("beekdal.yml", map)
    assert ec.gekozen_eigen_casus(map) == a


def test_een_reconstructie_in_de_eigen_casus_is_van_de_deelnemer(tmp_path: Path, project: Path) -> None:
    pad = _kopie_sjabloon(project, tmp_path / "eigen" / "oud.yml")
    tekst = pad.read_text(encoding="utf-8").replace("  eigen_casus: true", "  eigen_casus: false")
    pad.write_text(tekst, encoding="utf-8")
    casus = ec.laad_eigen_casus(pad)
    relatie = casus.relaties[0]
    assert herkomst_label(relatie, casus) == "(jouw reconstructie)"


# --- Bewaren: titel, opmerkingen en de rest blijven ---------------------------------------------------


def test_bewaren_houdt_titel_opmerkingen_en_andere_velden(tmp_path: Path, project: Path) -> None:
    pad = _kopie_sjabloon(project, tmp_path / "eigen" / "mijn-casus.yml")
    voor = pad.read_text(encoding="utf-8")
    oud = laad_casus(pad)
    w = CanvasWidget(Antwoorden("eigen-casus", map=tmp_path), "canvas", eigen_map=tmp_path / "eigen")
    w.start.value = "eigen"
    assert w.titel_invoer.value == "Voorbeeldsamenwerking"  # het canvasonderwerp, niet de titel
    w.velden["operatie"].value = "Wekelijks overleg\nEen gedeelde planning"
    w.titel_invoer.value = "De samenwerking in het beekdal"
    w.knop_casus.click()
    w.knop_casus.click()  # tweede klik: vervangen
    na = pad.read_text(encoding="utf-8")
    nieuw = laad_casus(pad)
    assert nieuw.titel == oud.titel == "Voorbeeldcasus Beekdal Voorbeeldveen"
    assert nieuw.canvas_onderwerp == "De samenwerking in het beekdal"
    assert nieuw.canvas["operatie"] == ["Wekelijks overleg", "Een gedeelde planning"]
    assert _commentaar(na) == _commentaar(voor)
    for veld in ("opgave", "gebied", "partijen", "relaties", "tijdlijn", "maatregelen", "stemmen", "bronnen"):
        assert getattr(nieuw, veld) == getattr(oud, veld), veld
    assert nieuw.doelrelaties == oud.doelrelaties and nieuw.gezamenlijk_doel == oud.gezamenlijk_doel
    assert "datum: voorjaar 2023" in na and "herkomst: eigen inschatting" in na


def test_bewaren_in_springendal_verandert_alleen_het_canvas(tmp_path: Path, springendal_pad: Path) -> None:
    pad = tmp_path / "springendal.yml"
    shutil.copy(springendal_pad, pad)
    voor = pad.read_text(encoding="utf-8")
    canvas = {s: list(r) for s, r in laad_casus(pad).canvas.items()}
    canvas["operatie"] = ["Maandelijks overleg in de BAC"]
    ec.bewaar_canvas(pad, canvas, titel="Springendal – Dal van de Mosbeek", onderwerp=laad_casus(pad).canvas_onderwerp)
    na = pad.read_text(encoding="utf-8")
    assert _commentaar(na) == _commentaar(voor)
    assert voor.split("\ncanvas:\n")[0] == na.split("\ncanvas:\n")[0]  # alles vóór het canvas byte voor byte
    assert voor.split("\nstemmen:\n")[1] == na.split("\nstemmen:\n")[1]  # en alles erna
    assert laad_casus(pad).canvas["operatie"] == ["Maandelijks overleg in de BAC"]


def test_bewaren_dat_een_ongeldige_casus_zou_geven_schrijft_niets(tmp_path: Path, project: Path) -> None:
    pad = _kopie_sjabloon(project, tmp_path / "eigen" / "mijn-casus.yml")
    voor = pad.read_bytes()
    with pytest.raises(RegieFout, match=r"canvas\.bestaat_niet"):
        ec.bewaar_canvas(pad, {"bestaat_niet": ["x"]}, titel="T")
    assert pad.read_bytes() == voor
    assert [p.name for p in pad.parent.iterdir()] == ["mijn-casus.yml"]


# --- De voetnoot van de poster uit het canvas ------------------------------------------------------------


def test_posternoot_zegt_wat_van_de_deelnemer_is(tmp_path: Path, project: Path, springendal_pad: Path) -> None:
    map = tmp_path / "eigen"
    w = CanvasWidget(Antwoorden("blok1", map=tmp_path), "1a", casus=springendal_pad, eigen_map=map)
    assert w.herkomst_noot() == "Inhoud: jouw eigen inschatting."  # een leeg canvas dat je zelf vult
    w.start.value = "casus"
    assert w.herkomst_noot() == "Inhoud: uit een bron; reconstructie: uitwerking in deze cursuskit."
    w.velden["operatie"].value = "Maandelijks overleg"
    assert w.herkomst_noot().endswith("; aangevuld met jouw eigen inschatting.")

    _kopie_sjabloon(project, map / "mijn-casus.yml")
    eigen = CanvasWidget(Antwoorden("eigen-casus", map=tmp_path), "canvas", eigen_map=map)
    eigen.start.value = "eigen"
    noot = eigen.herkomst_noot()
    assert "jouw eigen inschatting" in noot and "cursuskit" not in noot
