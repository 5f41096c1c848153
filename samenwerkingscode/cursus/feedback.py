"""``regie cursus feedback``: HTML per deelnemer, zonder verborgen tests of modelantwoorden, gezipt.

De sjabloon en de filters staan in :mod:`samenwerkingscode.cursus.feedback_filter`; hier wordt de
feedback gemaakt, nagelopen op geheime tekst en per deelnemer verpakt om terug te sturen.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from samenwerkingscode.cursus import koppeling
from samenwerkingscode.cursus.cursusmap import Cursusmap, cursusmap
from samenwerkingscode.cursus.koppeling import Blok


def controleer_feedback(map_: Cursusmap, naam: str, html_pad: Path) -> list[str]:
    """Geheime tekst uit de bron die (na het weghalen van de HTML-opmaak) toch in de feedback staat."""
    from samenwerkingscode.cursus.feedback_filter import geheime_regels, html_als_tekst, lekken

    bronpad = map_.bron / naam / (html_pad.stem + ".ipynb")
    geheim = geheime_regels(koppeling.lees_notebook(bronpad).cells) if bronpad.is_file() else set()
    return lekken(html_als_tekst(html_pad.read_text(encoding="utf-8")), geheim)


_EXTERN_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']https?://[^>]*>\s*</script>", re.IGNORECASE)


def zonder_externe_scripts(html_pad: Path) -> None:
    """Haal scripts van andere servers (MathJax van een CDN) uit de feedback.

    Zo meldt het openen van de feedback niets aan een derde partij en werkt het ook offline; de
    feedback bevat geen formules, dus MathJax is niet nodig.
    """
    tekst = html_pad.read_text(encoding="utf-8")
    schoon = _EXTERN_SCRIPT.sub("", tekst)
    if schoon != tekst:
        html_pad.write_text(schoon, encoding="utf-8")


def _nog_handmatig(map_: Cursusmap, naam: str, deelnemer: str) -> int:
    from nbgrader.api import MissingEntry

    with koppeling.gradebook(map_) as gb:
        try:
            inzending = gb.find_submission(naam, deelnemer)
        except MissingEntry:
            return 0
        return sum(
            1 for nb in inzending.notebooks for g in nb.grades if g.needs_manual_grade and g.manual_score is None
        )


def feedback(
    *, cohort: str | os.PathLike[str] | None = None, blok: Blok = None, bron: str | os.PathLike[str] | None = None
) -> int:
    """Maak HTML-feedback per deelnemer en een zip per deelnemer in ``<cohort>/terugsturen/``.

    De feedback bevat geen verborgen tests, beoordelingsschema's of modelantwoorden; een
    HTML-bestand waarin toch iets geheims staat, wordt verwijderd en gemeld. Geeft 0 of 1.
    """
    map_ = cursusmap(cohort, bron)
    namen = koppeling.opdrachtnamen(map_, blok, alleen_beoordeeld=True)
    werk = [
        (naam, d)
        for naam in namen
        for d in (
            sorted(p.name for p in map_.autograded.iterdir() if (p / naam).is_dir()) if map_.autograded.is_dir() else []
        )
    ]
    if not werk:
        print("Er is nog niets beoordeeld. Draai eerst: regie cursus beoordeel")
        return 0
    api = koppeling.maak_api(map_)
    problemen: list[str] = []
    opmerkingen: list[str] = []
    deelnemers: set[str] = set()
    for naam, deelnemer in koppeling.voortgang(werk, "Feedback maken"):
        resultaat = api.generate_feedback(naam, deelnemer, force=True)
        if not resultaat["success"]:
            problemen.append(f"{deelnemer}, {naam}: feedback maken mislukt: {koppeling.laatste_regel(resultaat)}")
            continue
        for html_pad in sorted((map_.feedback / deelnemer / naam).glob("*.html")):
            zonder_externe_scripts(html_pad)
            gevonden = controleer_feedback(map_, naam, html_pad)
            if gevonden:
                html_pad.unlink()
                problemen.append(
                    f"{deelnemer}, {naam}: feedback bevatte geheime tekst en is verwijderd ({gevonden[0][:60]})"
                )
        open_ = _nog_handmatig(map_, naam, deelnemer)
        if open_:
            wat = "onderdeel is" if open_ == 1 else "onderdelen zijn"
            opmerkingen.append(
                f"{deelnemer}, {naam}: {open_} {wat} nog niet handmatig beoordeeld; beoordeel in de formgrader "
                "en maak de feedback daarna opnieuw"
            )
        deelnemers.add(deelnemer)
    for deelnemer in sorted(deelnemers):
        map_fb = map_.feedback / deelnemer
        if any(map_fb.rglob("*.html")):
            koppeling.zip_map(map_fb, map_.terugsturen / f"{deelnemer}.zip", f"feedback-{deelnemer}", "*.html")
    print(f"Feedback gemaakt voor {len(deelnemers)} deelnemer(s); de zips staan in {map_.terugsturen}.")
    for m in opmerkingen:
        print(f"  let op: {m}")
    for p in problemen:
        print(f"  probleem: {p}")
    return 1 if problemen else 0
