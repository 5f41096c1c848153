"""De beslisboom als figuur: is het gelopen pad (en alleen dat) gemarkeerd, en passen de teksten?"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from samenwerkingscode.figuren import _stijl
from samenwerkingscode.figuren.beslisboom import GEDEMPT_DIKTE, PAD_DIKTE, PAD_KLEUR, figuur_als_png, teken_beslisboom
from samenwerkingscode.model import beslisboom
from samenwerkingscode.model.yamlbestand import RegieFout

PNG_BEGIN = b"\x89PNG\r\n\x1a\n"


def _teken(pad: Any = None, uit: Path | None = None) -> tuple[Any, dict[str, Any]]:
    verslag: dict[str, Any] = {}
    fig = teken_beslisboom(pad, uit, verslag=verslag)
    return fig, verslag


def _antwoordpijlen(verslag: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in verslag["pijlen"] if p["soort"] == "antwoord"]


def test_zonder_pad_is_niets_gemarkeerd_en_staat_de_hele_boom_erin() -> None:
    """Tekent de figuur elke vraag, tussenstap en uitkomst, en elke optie als pijl, zonder markering?"""
    fig, v = _teken()
    boom = beslisboom.laad_beslisboom()
    ids = {k.id for k in [*boom.vragen, *boom.tussenstappen, *boom.uitkomsten]}
    assert set(v["knopen"]) == ids
    assert len(_antwoordpijlen(v)) == sum(len(q.opties) for q in boom.vragen)
    assert v["gemarkeerd"] == []
    assert not any(p["gemarkeerd"] for p in v["pijlen"])
    assert not any(k["gemarkeerd"] for k in v["knopen"].values())
    labels = {p["label"] for p in _antwoordpijlen(v)}
    assert "Ja!" in labels
    assert "Nee, daarvoor zal ik (ook) verplichtende afspraken moeten maken met een onzekere uitkomst" in labels
    assert figuur_als_png(fig).startswith(PNG_BEGIN)


@pytest.mark.parametrize(
    "antwoorden",
    [
        ["ja"],
        ["nee", "ja"],
        ["nee", "nee", "nee", "nee", "ja"],
        ["nee", "nee", "nee", "nee", "nee"],
        ["nee", "nee", "nee", "ja"],
    ],
)
def test_aantal_gemarkeerde_pijlen_is_de_lengte_van_het_pad(antwoorden: list[str]) -> None:
    """Is precies elke beantwoorde stap gemarkeerd, dik en in de padkleur, en de rest dun en grijs?"""
    w = beslisboom.loop(antwoorden)
    _, v = _teken(w)
    aan = [p for p in _antwoordpijlen(v) if p["gemarkeerd"]]
    assert len(aan) == len(w.pad) == len(antwoorden)
    assert [(p["van"], p["antwoord"]) for p in aan] == [(s.vraag_id, s.antwoord) for s in w.pad]
    for p in _antwoordpijlen(v):
        artiest = p["artiest"]
        if p["gemarkeerd"]:
            assert artiest.get_linewidth() == pytest.approx(PAD_DIKTE)
            assert artiest.get_edgecolor()[:3] == pytest.approx(_rgb(PAD_KLEUR))
        else:
            assert artiest.get_linewidth() == pytest.approx(GEDEMPT_DIKTE)
            assert artiest.get_edgecolor()[:3] == pytest.approx(_rgb(_stijl.LIJN))
    assert v["knopen"][w.uitkomst.id]["gemarkeerd"]


def test_paren_en_wandeling_geven_dezelfde_markering() -> None:
    """Mag het pad ook als (vraag-id, antwoord)-paren, zoals in het notebook?"""
    w = beslisboom.loop(["nee", "nee", "nee", "nee", "ja"])
    _, v1 = _teken(w)
    _, v2 = _teken([(s.vraag_id, s.antwoord) for s in w.pad])
    assert v1["gemarkeerd"] == v2["gemarkeerd"]
    assert v2["knopen"]["situaties_1_6"]["gemarkeerd"]
    assert not v2["knopen"]["situaties_7_8"]["gemarkeerd"]
    # De tussenstap "Wie zijn mogelijke partners" ligt op het pad: ook die doorgang is gemarkeerd.
    doorgang = [p for p in v2["pijlen"] if p["soort"] == "doorgang"]
    assert doorgang and all(p["gemarkeerd"] for p in doorgang)


def test_halverwege_is_de_volgende_vraag_de_huidige() -> None:
    """Na twee antwoorden: is de derde vraag als 'huidig' gemarkeerd en nog geen uitkomst?"""
    _, v = _teken(beslisboom.loop(["nee", "nee"]))
    assert v["knopen"]["simpel_inkopen"]["huidig"]
    assert [k for k, info in v["knopen"].items() if info["huidig"]] == ["simpel_inkopen"]
    assert not any(info["gemarkeerd"] for k, info in v["knopen"].items() if info["soort"] == "uitkomst")


def test_pad_dat_niet_bij_de_boom_past_geeft_nederlandse_fout() -> None:
    with pytest.raises(RegieFout, match="Stap 1 van het pad noemt de vraag 'nodige_maken'"):
        teken_beslisboom([("nodige_maken", "ja")])
    with pytest.raises(RegieFout, match="paar"):
        teken_beslisboom(["nee"])  # type: ignore[list-item]
    with pytest.raises(RegieFout, match="past niet bij de vraag"):
        teken_beslisboom([("alleen_behalen", "misschien")])


def test_teksten_passen_in_hun_vak() -> None:
    """Is elke tekst (ook de lange Nederlandse) zo afgebroken dat ze binnen haar vak blijft?"""
    fig, v = _teken(beslisboom.loop(["nee", "nee", "nee", "nee", "nee"]))
    renderer = fig.canvas.get_renderer()
    for id, info in v["knopen"].items():
        vak = info["vak"].get_window_extent(renderer)
        for tekst in info["teksten"]:
            bb = tekst.get_window_extent(renderer)
            assert bb.x0 >= vak.x0 - 0.5 and bb.x1 <= vak.x1 + 0.5, (id, tekst.get_text())
            assert bb.y0 >= vak.y0 - 0.5 and bb.y1 <= vak.y1 + 0.5, (id, tekst.get_text())
    # En geen vak of tekst steekt buiten de figuur.
    breedte, hoogte = fig.canvas.get_width_height()
    for p in v["pijlen"]:
        if p["label_artiest"] is not None:
            bb = p["label_artiest"].get_window_extent(renderer)
            assert bb.x0 >= 0 and bb.x1 <= breedte and bb.y0 >= 0 and bb.y1 <= hoogte, p["label"]


def test_schrijft_png_en_pdf_en_weigert_onbekende_extensie(tmp_path: Path) -> None:
    png = tmp_path / "uit" / "boom.png"
    teken_beslisboom(beslisboom.loop(["ja"]), png)
    inhoud = png.read_bytes()
    assert inhoud.startswith(PNG_BEGIN)
    from matplotlib.image import imread

    beeld = imread(io.BytesIO(inhoud))
    assert beeld.shape[1] > 600  # breed genoeg om de labels te lezen
    pdf = tmp_path / "boom.pdf"
    teken_beslisboom(None, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(RegieFout, match=r"boom\.docx.*\.png"):
        teken_beslisboom(None, tmp_path / "boom.docx")
    assert not (tmp_path / "boom.docx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_importeert_matplotlib_pas_bij_het_tekenen() -> None:
    import subprocess
    import sys

    code = "import sys, samenwerkingscode.figuren.beslisboom; print('matplotlib' in sys.modules)"
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == "False"


def _rgb(kleur: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(kleur)
