"""Meting 5: ``regie canvas casussen/springendal-mosbeek.yml --uit x.pdf`` (A3-pdf) na de interpreterstart.

Waarom: een trainer exporteert een canvas tijdens de les en wacht erop. De opdracht draait als
los proces, precies zoals de trainer hem intikt; de tijd van ``python -c pass`` (de
interpreterstart, om en om gemeten) gaat eraf, want die kan de kit niet sneller maken. Elke
poster wordt gecontroleerd: een pdf op A3 liggend met ingebedde TrueType-letters (Type 42).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bench._kern import BenchFout, Doel, Instellingen, Meting, afwisselend, draai, duur, mediaan, spreiding

NAAM = "poster"
DOEL = Doel(1.0, "waarde")
CASUS = Path("casussen/springendal-mosbeek.yml")
A3_PT = (1190.55, 841.89)  # 420 × 297 mm in punten


def controleer_pdf(pad: Path) -> None:
    """Is dit een A3-liggend-pdf met ingebedde TrueType-letters? Anders een ``BenchFout``."""
    if not pad.is_file():
        raise BenchFout(f"regie canvas maakte geen bestand {pad.name}.")
    inhoud = pad.read_bytes()
    if not inhoud.startswith(b"%PDF"):
        raise BenchFout(f"{pad.name} is geen pdf.")
    formaat = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", inhoud)
    if not formaat or any(abs(float(g) - a) > 1.0 for g, a in zip(formaat.groups(), A3_PT, strict=True)):
        raise BenchFout(f"{pad.name} is niet A3 liggend (MediaBox {formaat.groups() if formaat else 'onbekend'}).")
    if b"/FontFile2" not in inhoud:
        raise BenchFout(f"{pad.name} bevat geen ingebedde TrueType-letters (pdf.fonttype 42).")


def meet(inst: Instellingen) -> list[Meting]:
    n = inst.aantal(normaal=7, snel=3)
    regie = inst.programma("regie")
    with tempfile.TemporaryDirectory(prefix="bench-poster-") as tmp:
        uit = Path(tmp) / "x.pdf"

        def poster() -> None:
            uit.unlink(missing_ok=True)
            draai([regie, "canvas", CASUS, "--uit", uit], inst)
            controleer_pdf(uit)

        tijden = afwisselend(
            {"poster": poster, "start": lambda: draai([inst.python, "-c", "pass"], inst)}, n, opwarmen=True
        )
    poster_reeks, start_reeks = tijden["poster"], tijden["start"]
    totaal, start = poster_reeks.mediaan, start_reeks.mediaan
    return [
        Meting(
            naam="regie canvas → A3-pdf (na interpreterstart)",
            waarde=totaal - start,
            basislijn=start,
            doel=DOEL,
            spreiding=spreiding(poster_reeks.wand),
            cpu=mediaan(poster_reeks.cpu) - mediaan(start_reeks.cpu),
            toelichting=(
                f"mediaan van {n}: hele opdracht {duur(totaal)} min interpreterstart (python -c pass) {duur(start)}; "
                "de verhouding is ten opzichte van die start; CPU: processortijd van de opdracht min die van de start"
            ),
        )
    ]
