"""Cijfers en overzicht van een cursusgroep, rechtstreeks uit het cijferboek van nbgrader.

Eén rij per deelnemer, blok en onderdeel (de ``grade_id`` van de cel), zodat een trainer in een
spreadsheet zelf kan filteren en optellen. De rijen komen uit één nbgrader-``ExportPlugin``
(:class:`RegieExport`): ``regie cursus cijfers`` en
``nbgrader export --exporter=samenwerkingscode.cursus.rapportage.RegieExport --to cijfers.csv`` (en dus ook
de formgrader-gebruiker) delen zo één codepad. Een inlevering waarvan het nakijken mislukte
(zie :mod:`samenwerkingscode.cursus.beoordelen`), krijgt status "nakijken mislukt" en de reden in de kolom
``nakijken``. pandas, openpyxl en matplotlib worden pas in de functies geïmporteerd.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nbgrader.plugins import ExportPlugin

from samenwerkingscode.cursus.cursusmap import Cursusmap, cursusmap
from samenwerkingscode.model.opdrachten import beoordeelde_notebooks
from samenwerkingscode.model.yamlbestand import RegieFout, uitvoersoort

if TYPE_CHECKING:
    import pandas as pd

KOLOMMEN = ["deelnemer", "blok", "onderdeel", "soort", "score", "max", "status", "nakijken"]


def _soort(gb: Any, grade: Any, notebook: str, opdracht: str) -> str:
    from nbgrader.api import MissingEntry, TaskCell

    if isinstance(grade.cell, TaskCell):
        return "handmatig"
    try:
        gb.find_solution_cell(grade.name, notebook, opdracht)
    except MissingEntry:
        return "automatisch"
    return "handmatig"


def _rijen(
    gb: Any, uitslagen: dict[str, dict[str, Any]], opdrachten: list[str], deelnemers: list[str]
) -> list[dict[str, Any]]:
    """Alle cijfers als rijen; een blok zonder inlevering krijgt één rij 'niet ingeleverd'."""
    rijen: list[dict[str, Any]] = []
    studenten = sorted(s.id for s in gb.students if not deelnemers or s.id in deelnemers)
    for opdracht in sorted(gb.assignments, key=lambda a: a.name):
        if opdracht.name not in beoordeelde_notebooks() or (opdrachten and opdracht.name not in opdrachten):
            continue
        ingeleverd = {s.student.id: s for s in opdracht.submissions}
        for student in studenten:
            inzending = ingeleverd.get(student)
            basis = {"deelnemer": student, "blok": opdracht.name}
            if inzending is None:
                rijen.append(
                    {
                        **basis,
                        "onderdeel": "",
                        "soort": "",
                        "score": None,
                        "max": float(opdracht.max_score),
                        "status": "niet ingeleverd",
                        "nakijken": "",
                    }
                )
                continue
            uitslag = uitslagen.get(f"{student}/{opdracht.name}", {})
            fouten = [str(f) for f in uitslag.get("nakijkfouten", [])] if isinstance(uitslag, dict) else []
            nakijken = ("mislukt: " + "; ".join(fouten)) if fouten else ""
            for nb in sorted(inzending.notebooks, key=lambda n: n.name):
                for grade in sorted(nb.grades, key=lambda g: g.name):
                    soort = _soort(gb, grade, nb.name, opdracht.name)
                    if grade.needs_manual_grade and grade.manual_score is None:
                        status, score = "nog te beoordelen", None
                    else:
                        status, score = "beoordeeld", float(grade.score)
                    if fouten and soort == "automatisch":
                        status = "nakijken mislukt"
                    rijen.append(
                        {
                            **basis,
                            "onderdeel": grade.name,
                            "soort": soort,
                            "score": score,
                            "max": float(grade.max_score),
                            "status": status,
                            "nakijken": nakijken,
                        }
                    )
    return rijen


def _cohort_van(gb: Any) -> Path | None:
    """De cohortmap naast een SQLite-cijferboek (daar staat ook de status van de laatste beoordeling)."""
    url = getattr(getattr(gb, "engine", None), "url", None)
    if url is None or url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database).resolve().parent


class RegieExport(ExportPlugin):  # type: ignore[misc]
    """De cijfers per deelnemer, blok en onderdeel naar ``.csv`` of ``.xlsx`` (op de extensie van ``to``).

    Gebruik: ``nbgrader export --exporter=samenwerkingscode.cursus.rapportage.RegieExport --to cijfers.xlsx``
    of ``regie cursus cijfers --uit cijfers.xlsx`` (hetzelfde codepad).
    """

    def rijen(self, gradebook: Any) -> list[dict[str, Any]]:
        from samenwerkingscode.cursus.beoordelen import lees_uitslagen

        cohort = _cohort_van(gradebook)
        uitslagen = lees_uitslagen(cohort) if cohort is not None else {}
        return _rijen(gradebook, uitslagen, list(self.assignment), list(self.student))

    def export(self, gradebook: Any) -> None:
        doel = Path(self.to or "cijfers.csv")
        schrijf(self.rijen(gradebook), doel)


def cijferrijen(map_: Cursusmap) -> list[dict[str, Any]]:
    """Alle cijfers als rijen (via :class:`RegieExport`); leeg als er nog geen cijferboek is."""
    from samenwerkingscode.cursus.koppeling import gradebook

    if not map_.gradebook.exists():
        return []
    with gradebook(map_) as gb:
        return RegieExport().rijen(gb)


def schrijf(rijen: list[dict[str, Any]], doel: Path) -> None:
    """Schrijf de rijen naar ``.csv`` of ``.xlsx`` (met een blad per onderdeel en een blad per blok)."""
    import pandas as pd

    soort = "." + uitvoersoort(doel, (".csv", ".xlsx"), "de cijfers", map_moet_bestaan=True)
    tabel = pd.DataFrame(rijen, columns=KOLOMMEN)
    if soort == ".csv":
        tabel.to_csv(doel, index=False, encoding="utf-8")
        return
    totaal = tabel.groupby(["deelnemer", "blok"], as_index=False)[["score", "max"]].sum(min_count=1)
    with _excel(doel) as schrijver:
        tabel.to_excel(schrijver, sheet_name="per onderdeel", index=False)
        totaal.to_excel(schrijver, sheet_name="per blok", index=False)


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
    """Schrijf de cijfers per deelnemer, blok en onderdeel naar ``.csv`` of ``.xlsx`` (via :class:`RegieExport`)."""
    from samenwerkingscode.cursus.koppeling import gradebook

    doel = Path(uit)
    uitvoersoort(doel, (".csv", ".xlsx"), "de cijfers", map_moet_bestaan=True)
    map_ = cursusmap(cohort, bron)
    if not map_.gradebook.exists():
        raise RegieFout(f"Er zijn nog geen cijfers in '{map_.cohort}'. Lees eerst inleveringen in en beoordeel ze.")
    with gradebook(map_) as gb:
        export = RegieExport(to=str(doel))
        rijen = export.rijen(gb)
        if not rijen:
            raise RegieFout(f"Er zijn nog geen cijfers in '{map_.cohort}'. Lees eerst inleveringen in en beoordeel ze.")
        export.export(gb)
    mislukt = sorted({f"{r['deelnemer']} ({r['blok']})" for r in rijen if r["nakijken"]})
    print(f"Cijfers van {len({r['deelnemer'] for r in rijen})} deelnemer(s) geschreven naar {doel}.")
    if mislukt:
        print(
            f"Let op: bij {', '.join(mislukt)} is het nakijken mislukt (kolom 'nakijken'); "
            "die punten zijn niet betrouwbaar. Beoordeel opnieuw na het oplossen van de oorzaak."
        )
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
