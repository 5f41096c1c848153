"""De widget Samenwerkingscanvas, bediend zoals een deelnemer dat doet: typen, kiezen, klikken, herstarten."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import canvas as canvasmodel
from samenwerkingscode.model.casus import canvas_inhoud, laad_casus, lege_casus, schrijf_casus
from samenwerkingscode.widgets.canvas import KERN_KLEUR, CanvasWidget, bestandsnaam


def _bestand(map: Path) -> dict[str, Any]:
    """Wat er voor oefening 1a echt op schijf staat (niet wat het object in het geheugen heeft)."""
    return json.loads((map / "blok1.antwoorden.json").read_text(encoding="utf-8"))["oefeningen"]["1a"]


def _maak(map: Path, **opties: Any) -> CanvasWidget:
    opties.setdefault("eigen_map", map / "eigen")
    return CanvasWidget(Antwoorden("blok1", map=map), "1a", **opties)


def _casustekst(pad: Path) -> dict[str, str]:
    return {s: "\n".join(regels) for s, regels in canvas_inhoud(laad_casus(pad)).items()}


def _eigen_casus(map: Path, naam: str = "mijn-casus.yml") -> Path:
    """Een eigen casus met partijen en een half canvas, zoals een deelnemer die zou hebben."""
    map.mkdir(parents=True, exist_ok=True)
    casus = lege_casus("Mijn beekdal").model_copy(
        update={"canvas": {"partijen": ["Gemeente", "Waterschap"], "doelen": ["Schoon water"]}}
    )
    data = casus.model_dump(mode="json", exclude_none=True)
    data["partijen"] = [{"id": "gemeente", "naam": "Gemeente"}, {"id": "waterschap", "naam": "Waterschap"}]
    pad = map / naam
    schrijf_casus(type(casus).model_validate(data), pad)
    return pad


# --- opbouw uit het model ------------------------------------------------------------------------


def test_velden_liggen_zoals_op_het_canvas_en_de_kern_valt_op(tmp_path: Path) -> None:
    """Komen titel, vraag en plek van elk veld uit canvas.yml, en zijn de kernvelden anders omrand?"""
    w = _maak(tmp_path)
    assert list(w.velden) == canvasmodel.sleutels()
    for veld in canvasmodel.velden():
        cel = w.cellen[veld.sleutel]
        assert cel.layout.grid_row == f"{veld.rij + 1} / span {veld.hoogte}"
        assert cel.layout.grid_column == f"{veld.kolom + 1} / span {veld.breedte}"
        assert w.velden[veld.sleutel].placeholder == veld.vraag
        kop = cel.children[0].value
        assert veld.titel.replace("'", "&#x27;") in kop
        if veld.rol == "kern":
            assert KERN_KLEUR in cel.layout.border and "kern" in kop
        else:
            assert KERN_KLEUR not in cel.layout.border


# --- typen, bewaren, herstarten ------------------------------------------------------------------


def test_typen_staat_meteen_op_schijf_en_komt_terug_na_een_herstart(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.velden["partijen"].value = "Provincie\nWaterschap"
    w.velden["risicos"].value = "Grond komt niet beschikbaar"
    w.titel_invoer.value = "Mijn beekdal"
    op_schijf = _bestand(tmp_path)
    assert op_schijf["velden"]["partijen"] == "Provincie\nWaterschap"
    assert op_schijf["velden"]["risicos"] == "Grond komt niet beschikbaar"
    assert set(op_schijf["velden"]) == set(canvasmodel.sleutels())
    assert op_schijf["start"] == "leeg" and op_schijf["casus"] is None
    assert op_schijf["titel"] == "Mijn beekdal"

    opnieuw = _maak(tmp_path)  # nieuwe kernel: nieuw antwoordbestand-object, nieuwe widget
    assert opnieuw.velden["partijen"].value == "Provincie\nWaterschap"
    assert opnieuw.velden["risicos"].value == "Grond komt niet beschikbaar"
    assert opnieuw.velden["doelen"].value == ""
    assert opnieuw.titel_invoer.value == "Mijn beekdal"
    assert opnieuw.voortgang.value == 2
    assert _bestand(tmp_path)["velden"]["partijen"] == "Provincie\nWaterschap"  # herstellen schrijft niets anders


def test_volledigheid_telt_en_noemt_de_lege_velden(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    assert w.voortgang.value == 0 and w.voortgang.max == 9
    assert "0 van 9 velden ingevuld" in w.voortgang_tekst.value
    for sleutel in canvasmodel.sleutels()[:6]:
        w.velden[sleutel].value = "iets"
    w.velden["operatie"].value = "   \n  "  # alleen witruimte telt niet
    assert w.voortgang.value == 6
    assert "6 van 9 velden ingevuld" in w.voortgang_tekst.value
    for sleutel in ("operatie", "levenscyclus", "investeringen_opbrengsten"):
        assert canvasmodel.veld(sleutel).titel in w.voortgang_tekst.value
    assert "Partijen" not in w.voortgang_tekst.value
    for sleutel in canvasmodel.sleutels():
        w.velden[sleutel].value = "iets"
    assert "9 van 9 velden ingevuld" in w.voortgang_tekst.value
    assert "Alle velden zijn ingevuld" in w.voortgang_tekst.value
    assert w.voortgang.bar_style == "success"


# --- startpunt: nooit stil tekst kwijt -----------------------------------------------------------


def test_start_uit_de_casus_vult_een_leeg_canvas_meteen(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, casus=springendal_pad)
    w.start.value = "casus"
    verwacht = _casustekst(springendal_pad)
    assert w.inhoud() == verwacht
    assert w.bevestiging.layout.display == "none"
    op_schijf = _bestand(tmp_path)
    assert op_schijf["start"] == "casus"
    assert op_schijf["casus"] == "springendal-mosbeek.yml"
    assert op_schijf["velden"] == verwacht

    opnieuw = _maak(tmp_path, casus=springendal_pad)
    assert opnieuw.start.value == "casus"
    assert opnieuw.inhoud() == verwacht
    assert opnieuw.titel_invoer.value == laad_casus(springendal_pad).canvas_onderwerp


def test_wisselen_met_getypte_tekst_vraagt_eerst_en_vervangt_pas_na_de_tweede_klik(
    tmp_path: Path, springendal_pad: Path
) -> None:
    w = _maak(tmp_path, casus=springendal_pad)
    w.velden["partijen"].value = "Mijn eigen partijen"
    w.start.value = "casus"
    assert w.velden["partijen"].value == "Mijn eigen partijen"  # nog niets gewist
    assert w.velden["doelen"].value == ""
    assert w.bevestiging.layout.display == ""
    assert "Partijen" in w.bevestig_tekst.value
    assert _bestand(tmp_path)["start"] == "leeg"  # pas na bevestigen bewaard
    assert _bestand(tmp_path)["velden"]["partijen"] == "Mijn eigen partijen"

    w.knop_vervang.click()
    assert w.inhoud() == _casustekst(springendal_pad)
    assert w.bevestiging.layout.display == "none"
    assert _bestand(tmp_path)["start"] == "casus"
    assert _bestand(tmp_path)["velden"]["partijen"] == _casustekst(springendal_pad)["partijen"]


def test_alleen_lege_velden_aanvullen_laat_eigen_tekst_staan(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, casus=springendal_pad)
    w.velden["partijen"].value = "Mijn eigen partijen"
    w.start.value = "casus"
    w.knop_aanvullen.click()
    casus = _casustekst(springendal_pad)
    assert w.velden["partijen"].value == "Mijn eigen partijen"
    assert w.velden["doelen"].value == casus["doelen"]
    op_schijf = _bestand(tmp_path)
    assert op_schijf["velden"]["partijen"] == "Mijn eigen partijen"
    assert op_schijf["velden"]["doelen"] == casus["doelen"]
    assert op_schijf["start"] == "casus"


def test_annuleren_verandert_niets(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, casus=springendal_pad)
    w.velden["partijen"].value = "Mijn eigen partijen"
    w.start.value = "casus"
    w.knop_annuleer.click()
    assert w.start.value == "leeg"
    assert w.velden["partijen"].value == "Mijn eigen partijen" and w.velden["doelen"].value == ""
    assert w.bevestiging.layout.display == "none"
    assert _bestand(tmp_path)["start"] == "leeg"
    w.knop_vervang.click()  # een late klik op een verdwenen vraag doet niets
    assert w.velden["partijen"].value == "Mijn eigen partijen"


def test_terug_naar_leeg_wist_pas_na_bevestiging(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, casus=springendal_pad)
    w.start.value = "casus"
    w.start.value = "leeg"
    assert w.velden["partijen"].value != ""
    assert w.knop_vervang.description == "Maak alle velden leeg"
    assert w.knop_aanvullen.layout.display == "none"
    w.knop_vervang.click()
    assert all(t == "" for t in w.inhoud().values())
    assert _bestand(tmp_path)["start"] == "leeg" and _bestand(tmp_path)["casus"] is None


def test_start_uit_eigen_casus_en_herstel_van_de_keuze(tmp_path: Path) -> None:
    eigen = _eigen_casus(tmp_path / "eigen")
    w = _maak(tmp_path)
    w.start.value = "eigen"
    assert w.eigen_keuze.layout.display == ""
    assert w.velden["partijen"].value == "Gemeente\nWaterschap"
    assert w.velden["doelen"].value == "Schoon water"
    assert w.titel_invoer.value == "Mijn beekdal"
    assert _bestand(tmp_path)["start"] == "eigen" and _bestand(tmp_path)["casus"] == eigen.name

    opnieuw = _maak(tmp_path)
    assert opnieuw.start.value == "eigen"
    assert opnieuw.eigen_keuze.value == str(eigen)
    assert opnieuw.velden["partijen"].value == "Gemeente\nWaterschap"


def test_een_later_toegevoegd_casusbestand_staat_er_meteen_bij(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    assert w.eigen_keuze.options == ()
    eigen = _eigen_casus(tmp_path / "eigen", "net-gekopieerd.yml")
    w.start.value = "eigen"
    assert w.eigen_keuze.value == str(eigen)
    assert w.velden["doelen"].value == "Schoon water"


def test_eigen_casus_via_een_opgegeven_pad(tmp_path: Path) -> None:
    eigen = _eigen_casus(tmp_path / "elders", "project.yml")
    w = _maak(tmp_path, eigen_casus=eigen)
    w.start.value = "eigen"
    assert w.velden["doelen"].value == "Schoon water"
    assert _bestand(tmp_path)["casus"] == "project.yml"


def test_eigen_casus_zonder_bestand_meldt_dat_en_zet_de_keuze_terug(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.velden["partijen"].value = "Provincie"
    w.start.value = "eigen"
    assert "nog geen eigen casusbestand" in w.bericht.value
    assert w.start.value == "leeg"
    assert w.velden["partijen"].value == "Provincie"


def test_casus_als_object_en_een_kapotte_casus(tmp_path: Path, springendal_pad: Path) -> None:
    w = _maak(tmp_path, casus=laad_casus(springendal_pad))
    w.start.value = "casus"
    assert w.inhoud() == _casustekst(springendal_pad)
    assert _bestand(tmp_path)["casus"] is None  # een object heeft geen bestandsnaam

    kapot = tmp_path / "kapot.yml"
    kapot.write_text("titel: [niet afgesloten\n", encoding="utf-8")
    w2 = CanvasWidget(Antwoorden("blok2", map=tmp_path), "1a", casus=kapot, eigen_map=tmp_path / "eigen")
    assert "kapot.yml" in w2.meldingen.value and "niet worden geladen" in w2.meldingen.value
    assert "casus" not in [waarde for _, waarde in w2.start.options]


# --- export en casusbestand ----------------------------------------------------------------------


@pytest.mark.traag
def test_export_als_png_en_pdf_naast_het_notebook(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.velden["partijen"].value = "Provincie Overijssel\nWaterschap Vechtstromen"
    w.titel_invoer.value = "Beekherstel in ons dal"
    w.knop_png.click()
    png = tmp_path / "canvas-1a.png"
    kop = png.read_bytes()[:24]
    assert kop[:8] == b"\x89PNG\r\n\x1a\n"
    breedte = struct.unpack(">I", kop[16:20])[0]
    assert breedte >= 2000
    assert "canvas-1a.png" in w.bericht.value
    w.knop_pdf.click()
    assert (tmp_path / "canvas-1a.pdf").read_bytes()[:5] == b"%PDF-"
    assert "canvas-1a.pdf" in w.bericht.value
    assert not w.knop_png.disabled and not w.knop_pdf.disabled


def test_bewaar_als_casusbestand_geeft_een_geldige_casus(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.velden["partijen"].value = "Gemeente\n\nWaterschap  "
    w.velden["levenscyclus"].value = "Verkenning"
    w.titel_invoer.value = "Herstel van de Bèkebeek"
    w.knop_casus.click()
    pad = tmp_path / "eigen" / bestandsnaam("Herstel van de Bèkebeek")
    assert pad.name == "herstel-van-de-bekebeek.yml"
    casus = laad_casus(pad)
    assert casus.titel == "Herstel van de Bèkebeek"
    assert casus.canvas["partijen"] == ["Gemeente", "Waterschap"]
    assert casus.canvas["levenscyclus"] == ["Verkenning"]
    assert casus.canvas["doelen"] == []
    assert str(pad) in w.bericht.value
    uitvoer = subprocess.run(
        [sys.executable, "-m", "samenwerkingscode.cli", "casus", "controleer", str(pad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert uitvoer.returncode == 0, uitvoer.stderr
    assert "In orde" in uitvoer.stdout
    assert w.eigen_keuze.options == ((pad.name, str(pad)),)  # meteen te kiezen als startpunt


def test_casusbestand_vervangen_pas_na_tweede_klik_en_rest_van_de_casus_blijft(tmp_path: Path) -> None:
    eigen = _eigen_casus(tmp_path / "eigen")
    w = _maak(tmp_path)
    w.start.value = "eigen"
    w.velden["operatie"].value = "Wekelijks overleg"
    voor = eigen.read_bytes()
    w.knop_casus.click()
    assert eigen.read_bytes() == voor  # eerste klik: alleen een vraag
    assert "bestaat al" in w.bericht.value
    assert w.knop_casus.description == "Vervang het casusbestand"
    w.knop_casus.click()
    casus = laad_casus(eigen)
    assert casus.canvas["operatie"] == ["Wekelijks overleg"]
    assert [p.id for p in casus.partijen] == ["gemeente", "waterschap"]  # niet weggegooid
    assert w.knop_casus.description == "Bewaar als casusbestand"


def test_een_onleesbaar_casusbestand_wordt_nooit_overschreven(tmp_path: Path) -> None:
    map = tmp_path / "eigen"
    map.mkdir()
    kapot = map / "mijn-beekdal.yml"
    kapot.write_text("titel: Mijn beekdal\npartijen: [\n", encoding="utf-8")
    w = _maak(tmp_path)
    w.titel_invoer.value = "Mijn beekdal"
    w.knop_casus.click()
    w.knop_casus.click()
    assert kapot.read_text(encoding="utf-8") == "titel: Mijn beekdal\npartijen: [\n"
    assert "niet overschreven" in w.bericht.value


def test_casusbestand_zonder_titel_vraagt_om_een_titel(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.velden["partijen"].value = "Gemeente"
    w.knop_casus.click()
    assert "titel" in w.bericht.value
    assert not (tmp_path / "eigen").exists()


# --- herstel en voorbeeldweergave ----------------------------------------------------------------


def test_een_beschadigd_antwoordbestand_geeft_een_nederlandse_waarschuwing(tmp_path: Path) -> None:
    w = _maak(tmp_path)
    w.velden["partijen"].value = "Provincie"
    w.velden["doelen"].value = "Natuurdoelen"
    (tmp_path / "blok1.antwoorden.json").write_text('{"schema": 1, "oefeningen": {"1a": {"velden"', encoding="utf-8")
    opnieuw = _maak(tmp_path)
    assert "beschadigd" in opnieuw.meldingen.value
    assert "back-up" in opnieuw.meldingen.value
    assert opnieuw.velden["partijen"].value == "Provincie"  # de vorige versie uit de back-up


def test_voorbeeldweergave_schrijft_nergens_iets(
    tmp_path: Path, springendal_pad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    w = CanvasWidget(None, "1a", casus=springendal_pad, eigen_map=tmp_path / "eigen")
    w.velden["partijen"].value = "Provincie"
    w.start.value = "casus"
    w.knop_vervang.click()
    w.titel_invoer.value = "Voorbeeld"
    for knop in (w.knop_png, w.knop_pdf, w.knop_casus):
        assert knop.disabled
        knop.click()
    assert list(tmp_path.rglob("*")) == []
    assert "Voorbeeldweergave" in w.status.value
