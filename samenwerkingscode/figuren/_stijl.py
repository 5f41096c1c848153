"""Gedeelde kleuren en letters voor alle figuren van de kit.

Eén plek, zodat de poster, de toetsvergelijking en de widgets dezelfde kleuren gebruiken voor
de kern, de afsprakenvelden en de vijf versnellingen. Alleen constanten: geen matplotlib hier.
"""

from __future__ import annotations

from typing import Any

#: Lettertype met alle Nederlandse diakrieten (ë, é, ï), ’ en €; wordt met matplotlib meegeleverd.
LETTERTYPE = "DejaVu Sans"

#: Tekstkleuren.
TEKST = "#1F2A30"
TEKST_ZACHT = "#66737B"
LIJN = "#C5CDD2"
ACHTERGROND = "#FFFFFF"

#: Kern van de samenwerking (Partijen, Bijdragen, Doelen): getint vlak, kleurige rand.
KERN = "#2E6E62"
KERN_VLAK = "#E4F0EA"

#: Afsprakenvelden: wit vlak, grijze rand.
AFSPRAKEN = "#4F5D66"
AFSPRAKEN_VLAK = "#FFFFFF"
AFSPRAKEN_RAND = "#AEB8BE"

#: De vijf versnellingen (samenwerkingsvormen in volgorde van binding, 0..4).
VERSNELLINGEN: dict[str, str] = {
    "zelf_doen": "#C9D3D8",
    "netwerk": "#8FC9B3",
    "contract_afstandelijk": "#F1C75B",
    "contract_diep": "#E6874A",
    "partnership": "#2E6E62",
}

#: Kleuren voor momenten of reeksen in een vergelijking (bijv. 2019, 2021, 2023).
REEKSEN: tuple[str, ...] = ("#8AA6B5", "#E6A23C", "#2E6E62", "#7B5EA7", "#C0504D", "#4F81BD")


def rc() -> dict[str, Any]:
    """Instellingen voor ``matplotlib.rc_context``: ingebedde TrueType-letters in PDF (fonttype 42)."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [LETTERTYPE],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "axes.unicode_minus": True,
        "text.color": TEKST,
        "axes.edgecolor": LIJN,
        "axes.labelcolor": TEKST,
        "xtick.color": TEKST_ZACHT,
        "ytick.color": TEKST_ZACHT,
    }
