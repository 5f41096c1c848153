"""Cijfers en overzicht van een cursusgroep, rechtstreeks uit het cijferboek van nbgrader.

nbgrader's ``NbGraderAPI`` heeft geen ``export()``; daarom leest deze module het ``Gradebook``
zelf. Eén rij per deelnemer, blok en onderdeel (de ``grade_id`` van de cel), zodat een trainer in
een spreadsheet zelf kan filteren en optellen. pandas, openpyxl en matplotlib worden pas in de
functies geïmporteerd.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cursusmap import ONBEOORDEELD, Cursusmap, cursusmap
from .yamlbestand import RegieFout, uitvoersoort

if TYPE_CHECKING:
    import pandas as pd

KOLOMMEN = ["deelnemer", "blok", "onderdeel", "soort", "score", "max", "status"]


def _soort(gb: Any, grade: Any, notebook: str, opdracht: str) -> str:
    from nbgrader.api import MissingEntry, TaskCell

    if isinstance(grade.cell, TaskCell):
        return "handmatig"
    try:
        gb.find_solution_cell(grade.name, notebook, opdracht)
    except MissingEntry:
        return "automatisch"
    return "handmatig"


def cijferrijen(map_: Cursusmap) -> list[dict[str, Any]]:
    """Alle cijfers als rijen; een blok zonder inlevering krijgt één rij 'niet ingeleverd'."""
    from .cursus import gradebook

    rijen: list[dict[str, Any]] = []
    if not map_.gradebook.exists():
        return rijen
    with gradebook(map_) as gb:
        studenten = sorted(s.id for s in gb.students)
        for opdracht in sorted(gb.assignments, key=lambda a: a.name):
            if opdracht.name in ONBEOORDEELD:
                continue
            ingeleverd = {s.student.id: s for s in opdracht.submissions}
            for student in studenten:
                inzending = ingeleverd.get(student)
                if inzending is None:
                    rijen.append(
                        {
                            "deelnemer": student,
                            "blok": opdracht.name,
                            "onderdeel": "",
                            "soort": "",
                            "score": None,
                            "max": float(opdracht.max_score),
                            "status": "niet ingeleverd",
                        }
                    )
                    continue
                for nb in sorted(inzending.notebooks, key=lambda n: n.name):
                    for grade in sorted(nb.grades, key=lambda g: g.name):
                        if grade.needs_manual_grade and grade.manual_score is None:
                            status, score = "nog te beoordelen", None
                        else:
                            status, score = "beoordeeld", float(grade.score)
                        rijen.append(
                            {
                                "deelnemer": student,
                                "blok": opdracht.name,
                                "onderdeel": grade.name,
                                "soort": _soort(gb, grade, nb.name, opdracht.name),
                                "score": score,
                                "max": float(grade.max_score),
                                "status": status,
                            }
                        )
    return rijen


def cijfertabel(map_: Cursusmap) -> pd.DataFrame:
    """De cijfers als pandas-tabel met de kolommen :data:`KOLOMMEN`."""
    import pandas as pd

    return pd.DataFrame(cijferrijen(map_), columns=KOLOMMEN)


def cijfers(
    *,
    cohort: str | os.PathLike[str] | None = None,
    uit: str | os.PathLike[str],
    bron: str | os.PathLike[str] | None = None,
) -> int:
    """Schrijf de cijfers per deelnemer, blok en onderdeel naar ``.csv`` of ``.xlsx`` (op extensie)."""
    doel = Path(uit)
    soort = "." + uitvoersoort(doel, (".csv", ".xlsx"), "de cijfers", map_moet_bestaan=True)
    map_ = cursusmap(cohort, bron)
    tabel = cijfertabel(map_)
    if tabel.empty:
        raise RegieFout(f"Er zijn nog geen cijfers in '{map_.cohort}'. Lees eerst inleveringen in en beoordeel ze.")
    if soort == ".csv":
        tabel.to_csv(doel, index=False, encoding="utf-8")
    else:
        totaal = (
            tabel.groupby(["deelnemer", "blok"], as_index=False)[["score", "max"]].sum(min_count=1)
            if not tabel.empty
            else tabel
        )
        with _excel(doel) as schrijver:
            tabel.to_excel(schrijver, sheet_name="per onderdeel", index=False)
            totaal.to_excel(schrijver, sheet_name="per blok", index=False)
    print(f"Cijfers van {tabel['deelnemer'].nunique()} deelnemer(s) geschreven naar {doel}.")
    return 0


def _excel(doel: Path) -> Any:
    import pandas as pd

    return pd.ExcelWriter(doel, engine="openpyxl")


def overzicht(
    *,
    cohort: str | os.PathLike[str] | None = None,
    uit: str | os.PathLike[str],
    bron: str | os.PathLike[str] | None = None,
) -> int:
    """Eén PNG: voortgang per blok, scoreverdeling per onderdeel, en waar de groep moeite mee had."""
    doel = Path(uit)
    uitvoersoort(doel, (".png",), "het overzicht", map_moet_bestaan=True)
    map_ = cursusmap(cohort, bron)
    tabel = cijfertabel(map_)
    if tabel.empty:
        raise RegieFout(f"Er zijn nog geen cijfers in '{map_.cohort}'. Lees eerst inleveringen in en beoordeel ze.")
    teken_overzicht(map_, tabel, doel)
    print(f"Overzicht opgeslagen in {doel}.")
    return 0


def teken_overzicht(map_: Cursusmap, tabel: pd.DataFrame, doel: Path) -> None:
    """Teken de drie panelen (objectgeoriënteerd, zonder pyplot-toestand) en sla op als PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    blokken = sorted(tabel["blok"].unique())
    deelnemers = tabel["deelnemer"].nunique()
    ingeleverd = [
        tabel[(tabel["blok"] == b) & (tabel["status"] != "niet ingeleverd")]["deelnemer"].nunique() for b in blokken
    ]
    autograded = [
        sum(1 for d in (map_.autograded.iterdir() if map_.autograded.is_dir() else []) if (d / b).is_dir())
        for b in blokken
    ]
    onderdelen = tabel[tabel["onderdeel"] != ""].copy()
    onderdelen["fractie"] = onderdelen["score"] / onderdelen["max"].where(onderdelen["max"] > 0)
    onderdelen["label"] = onderdelen["blok"] + " · " + onderdelen["onderdeel"]
    gescoord = onderdelen.dropna(subset=["fractie"])

    fig = Figure(figsize=(16, 6), dpi=120, layout="constrained")
    FigureCanvasAgg(fig)
    ax1, ax2, ax3 = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1.4, 1.2]})
    fig.suptitle(f"Overzicht van de cursusgroep ({deelnemers} deelnemers)", fontsize=14)

    x = range(len(blokken))
    ax1.bar([i - 0.2 for i in x], ingeleverd, width=0.4, label="ingeleverd", color="#4c72b0")
    ax1.bar([i + 0.2 for i in x], autograded, width=0.4, label="automatisch beoordeeld", color="#55a868")
    ax1.axhline(deelnemers, color="grey", linestyle="--", linewidth=1, label="deelnemers")
    ax1.set_xticks(list(x), blokken)
    ax1.set_ylim(0, max(deelnemers, 1) * 1.3)
    ax1.set_ylabel("aantal deelnemers")
    ax1.set_title("Voortgang per blok")
    ax1.legend(loc="upper right", fontsize=8)

    labels = sorted(gescoord["label"].unique())
    if labels:
        reeksen = [gescoord[gescoord["label"] == lab]["fractie"].to_numpy() for lab in labels]
        ax2.boxplot(reeksen, orientation="horizontal", tick_labels=labels)
        for i, reeks in enumerate(reeksen, start=1):
            ax2.scatter(reeks, [i] * len(reeks), s=12, alpha=0.6, color="#4c72b0", zorder=3)
        ax2.set_xlim(-0.05, 1.05)
    else:
        ax2.text(0.5, 0.5, "nog geen scores", ha="center", va="center", transform=ax2.transAxes)
    ax2.set_xlabel("deel van de punten behaald")
    ax2.set_title("Scores per onderdeel")

    if labels:
        gemiddeld = gescoord.groupby("label")["fractie"].mean().sort_values().head(6)
        ax3.barh(list(gemiddeld.index)[::-1], list(gemiddeld.to_numpy())[::-1], color="#c44e52")
        ax3.set_xlim(0, 1)
        for i, waarde in enumerate(list(gemiddeld.to_numpy())[::-1]):
            ax3.text(waarde + 0.02, i, f"{waarde:.0%}", va="center", fontsize=8)
    ax3.set_xlabel("gemiddeld deel van de punten")
    ax3.set_title("Hier had de groep de meeste moeite mee")
    fig.savefig(doel, format="png")
