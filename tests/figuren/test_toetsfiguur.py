"""De toetsvergelijking: staven per toetsvraag en moment, 'niet gescoord' zichtbaar anders dan nul."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from samenwerkingscode.figuren.toets import NIET_GESCOORD, figuur_als_png, teken_toetsvergelijking
from samenwerkingscode.model import toets
from samenwerkingscode.model.yamlbestand import RegieFout

UITSLAGEN = {
    "2019": {"kan": 0.5, "klopt": 0.25, "werkt": 0.0, "levert": None},
    "2021": {"kan": 0.75, "klopt": 0.5, "werkt": 0.25, "levert": 0.0},
    "2023": {"kan": 1.0, "klopt": 0.75, "werkt": 0.5, "levert": 0.25},
}


def _staven(fig) -> dict[str, object]:
    ax = fig.axes[0]
    return {p.get_gid(): p for p in ax.patches if p.get_gid()}


def test_staven_per_moment_en_toetsvraag() -> None:
    """Heeft elke toetsvraag per moment een staaf met de juiste hoogte, en 'niet gescoord' een leeg vak?"""
    fig = teken_toetsvergelijking(UITSLAGEN)
    staven = _staven(fig)
    assert len(staven) == 12
    assert staven["score:2023:kan"].get_height() == pytest.approx(1.0)
    assert staven["score:2019:werkt"].get_height() == pytest.approx(0.0)
    leeg = staven["niet-gescoord:2019:levert"]
    assert leeg.get_hatch() == "///"
    assert leeg.get_facecolor()[3] == 0  # leeg, geen gevulde staaf
    assert "score:2019:levert" not in staven
    # binnen een toetsvraag staan de momenten in volgorde naast elkaar
    xs = [staven[f"score:{m}:klopt"].get_x() for m in ("2019", "2021", "2023")]
    assert xs == sorted(xs)


def test_labels_in_het_nederlands() -> None:
    fig = teken_toetsvergelijking(UITSLAGEN)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Kan", "Klopt", "Werkt", "Levert"]
    assert ax.get_xlabel() == "Toetsvraag"
    assert ax.get_ylabel().startswith("Score")
    legenda = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legenda == ["2019", "2021", "2023", NIET_GESCOORD]
    assert ax.get_legend().get_title().get_text() == "Moment"


def test_werkt_met_toetsuitslag_en_als_png(tmp_path: Path) -> None:
    """Een ToetsUitslag uit toets.scoor mag ook; de figuur wordt PNG-bytes en een bestand."""
    leeg = toets.scoor({})
    with warnings.catch_warnings(record=True) as meldingen:
        warnings.simplefilter("always")
        fig = teken_toetsvergelijking({"nu": leeg, "straks": UITSLAGEN["2021"]}, uit=tmp_path / "toets.PNG")
        png = figuur_als_png(fig)
    assert not [m for m in meldingen if "missing from font" in str(m.message)]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert (tmp_path / "toets.PNG").read_bytes().startswith(b"\x89PNG")
    assert sum(1 for g in _staven(fig) if g.startswith("niet-gescoord:nu:")) == 4


@pytest.mark.parametrize(
    ("uitslagen", "stukje"),
    [
        ({}, "minstens één moment"),
        ({"2019": {"kann": 0.5}}, "Onbekende toetsvraag"),
        ({"2019": {"kan": 1.5}}, "tussen 0 en 1"),
        ({"2019": {"kan": "veel"}}, "geen getal"),
    ],
)
def test_foute_invoer_geeft_nederlandse_fout(uitslagen: dict, stukje: str, tmp_path: Path) -> None:
    with pytest.raises(RegieFout, match=stukje):
        teken_toetsvergelijking(uitslagen, uit=tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_onbekende_extensie(tmp_path: Path) -> None:
    with pytest.raises(RegieFout, match=r"\.pdf of \.png"):
        teken_toetsvergelijking(UITSLAGEN, uit=tmp_path / "x.svg")
    assert list(tmp_path.iterdir()) == []
