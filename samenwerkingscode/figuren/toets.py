"""De toetsvragen op meerdere momenten naast elkaar: waar is de samenwerking gegroeid, waar niet?

Per toetsvraag (Kan, Klopt, Werkt, Levert) een groep staven, één per moment (bijv. 2019, 2021,
2023). Een toetsvraag die op een moment niet gescoord is, krijgt een gearceerd leeg vak: zo zie je
het verschil tussen "nul" en "niet beoordeeld". matplotlib wordt pas in de functie geïmporteerd.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerkingscode.figuren import _stijl
from samenwerkingscode.figuren._opslaan import formaat_van, schrijf_figuur
from samenwerkingscode.model import toets
from samenwerkingscode.model.yamlbestand import RegieFout

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Hoogte (0..1) van het gearceerde vak voor "niet gescoord".
NIET_GESCOORD_HOOGTE = 0.06
NIET_GESCOORD = "niet gescoord"


def figuur_als_png(fig: Figure, dpi: float = 110) -> bytes:
    """De figuur als PNG-bytes, bijvoorbeeld voor een ``ipywidgets.Image`` in de toetswidget."""
    import io

    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(_stijl.rc()):
        fig.savefig(buffer, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    return buffer.getvalue()


def _scores(uitslag: Any) -> Mapping[str, float | None]:
    """Een mapping per toetsvraag, of een ``ToetsUitslag`` (dan ``per_vraag``)."""
    return uitslag.per_vraag if hasattr(uitslag, "per_vraag") else uitslag


def _controleer(uitslagen: Mapping[str, Any], sleutels: list[str]) -> dict[str, dict[str, float | None]]:
    if not uitslagen:
        raise RegieFout("Er is niets te vergelijken: geef minstens één moment met scores.")
    schoon: dict[str, dict[str, float | None]] = {}
    for moment, uitslag in uitslagen.items():
        scores = _scores(uitslag)
        onbekend = sorted(k for k in scores if k not in sleutels)
        if onbekend:
            raise RegieFout(
                f"Onbekende toetsvraag bij moment {moment}: {', '.join(onbekend)}. "
                f"De toetsvragen zijn: {', '.join(sleutels)}."
            )
        rij: dict[str, float | None] = {}
        for sleutel in sleutels:
            waarde = scores.get(sleutel)
            if waarde is not None:
                if isinstance(waarde, bool) or not isinstance(waarde, int | float) or math.isnan(waarde):
                    raise RegieFout(f"De score van '{sleutel}' bij moment {moment} is geen getal: {waarde!r}.")
                if not 0.0 <= float(waarde) <= 1.0:
                    raise RegieFout(
                        f"De score van '{sleutel}' bij moment {moment} is {waarde}; een score ligt tussen 0 en 1."
                    )
                waarde = float(waarde)
            rij[sleutel] = waarde
        schoon[str(moment)] = rij
    return schoon


def teken_toetsvergelijking(
    uitslagen: Mapping[str, Mapping[str, float | None]],
    uit: Path | None = None,
    titel: str = "De toetsvragen op verschillende momenten",
) -> Figure:
    """Gegroepeerde staven per toetsvraag, één kleur per moment; schrijft naar ``uit`` (.pdf/.png) als gegeven.

    ``uitslagen`` is bijvoorbeeld ``{"2019": {"kan": 0.5, "klopt": None, ...}, "2021": ...}``; een
    ``ToetsUitslag`` van :func:`samenwerkingscode.model.toets.scoor` mag ook als waarde.
    """
    if uit is not None:
        uit = Path(uit)
        formaat = formaat_van(uit, wat="de toetsvergelijking")
    vragen = toets.toetsvragen()
    sleutels = [v.sleutel for v in vragen]
    scores = _controleer(uitslagen, sleutels)

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    momenten = list(scores)
    with matplotlib.rc_context(_stijl.rc()):
        fig = Figure(figsize=(8.0, 4.6), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        groep = 0.8
        breedte = groep / len(momenten)
        for i, moment in enumerate(momenten):
            kleur = _stijl.REEKSEN[i % len(_stijl.REEKSEN)]
            for j, sleutel in enumerate(sleutels):
                x = j - groep / 2 + (i + 0.5) * breedte
                waarde = scores[moment][sleutel]
                if waarde is None:
                    ax.bar(
                        x,
                        NIET_GESCOORD_HOOGTE,
                        breedte * 0.9,
                        facecolor="none",
                        edgecolor=kleur,
                        hatch="///",
                        linewidth=1.0,
                        gid=f"niet-gescoord:{moment}:{sleutel}",
                    )
                else:
                    ax.bar(x, waarde, breedte * 0.9, color=kleur, gid=f"score:{moment}:{sleutel}")
                    ax.text(
                        x,
                        waarde + 0.015,
                        f"{round(waarde * 100)}%",
                        ha="center",
                        va="bottom",
                        fontsize=7.5,
                        color=_stijl.TEKST_ZACHT,
                        parse_math=False,
                    )
        ax.set_xticks(range(len(sleutels)), [s.capitalize() for s in sleutels])
        ax.set_xlim(-0.6, len(sleutels) - 0.4)
        ax.set_ylim(0, 1.12)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        ax.set_xlabel("Toetsvraag")
        ax.set_ylabel("Score (0% = niet geregeld, 100% = volledig)")
        ax.set_title(titel, loc="left", fontsize=12, fontweight="bold", color=_stijl.TEKST)
        ax.grid(axis="y", color=_stijl.LIJN, linewidth=0.6)
        ax.set_axisbelow(True)
        for kant in ("top", "right"):
            ax.spines[kant].set_visible(False)
        legenda = [Patch(facecolor=_stijl.REEKSEN[i % len(_stijl.REEKSEN)], label=m) for i, m in enumerate(momenten)]
        if any(w is None for rij in scores.values() for w in rij.values()):
            legenda.append(Patch(facecolor="none", edgecolor=_stijl.TEKST_ZACHT, hatch="///", label=NIET_GESCOORD))
        ax.legend(handles=legenda, title="Moment", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if uit is not None:
        schrijf_figuur(fig, uit, formaat, dpi=200, metadata={"Title": titel, "Creator": "samenwerkingscode"})
    return fig
