"""Gedeelde opmaak: één Layout/Style per unieke opmaak, bevroren, en vervangen na sluiten."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from samenwerkingscode.widgets._opmaak import layout, maak


def test_zelfde_opmaak_is_een_widget() -> None:
    a = maak(widgets.HTML, "a")
    b = maak(widgets.HTML, "b")
    assert a.layout is b.layout and a.style is b.style
    assert layout(width="100%") is layout(width="100%") is not layout(width="50%")
    c = maak(widgets.ToggleButtons, options=["x"], style={"description_width": "initial"})
    d = maak(widgets.ToggleButtons, options=["y"], style={"description_width": "initial"})
    assert c.style is d.style and c.style.description_width == "initial"
    assert maak(widgets.VBox, [a, b]).layout is a.layout


def test_eigen_opmaak_blijft_eigen() -> None:
    eigen = widgets.Layout(display="none")
    knop = maak(widgets.Button, layout=eigen)
    assert knop.layout is eigen
    knop.layout.display = ""  # een eigen layout mag veranderen
    assert knop.layout.display == ""


def test_gedeelde_opmaak_is_bevroren() -> None:
    tekst = maak(widgets.HTML, "x")
    with pytest.raises(AttributeError, match="gedeeld"):
        tekst.layout.display = "none"
    with pytest.raises(AttributeError, match="gedeeld"):
        tekst.style.font_size = "2em"
    assert tekst.layout.display is None


def test_na_sluiten_een_nieuwe() -> None:
    oud = maak(widgets.HTML, "x").layout
    widgets.Widget.close_all()
    nieuw = maak(widgets.HTML, "y").layout
    assert nieuw is not oud and nieuw.comm is not None
