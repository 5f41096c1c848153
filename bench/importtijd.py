"""Meting 1: ``import samenwerkingscode`` tegen ``import ipywidgets`` in een verse interpreter.

Waarom: elk notebook begint met ``import samenwerkingscode``; een deelnemer merkt een trage
eerste cel. ipywidgets moet er toch in, dus dat is de maat. Beide imports worden als losse
``python -c "import X"`` gemeten (verse interpreter, geen cache in het geheugen), om en om.
"""

from __future__ import annotations

from bench._kern import Doel, Instellingen, Meting, afwisselend, draai

NAAM = "import"
DOEL = Doel(1.2)


def meet(inst: Instellingen) -> list[Meting]:
    n = inst.aantal(normaal=15, snel=5)
    taken = {
        module: (lambda module=module: draai([inst.python, "-c", f"import {module}"], inst))
        for module in ("samenwerkingscode", "ipywidgets")
    }
    tijden = afwisselend(taken, n, opwarmen=True)
    return [
        tijden["samenwerkingscode"].meting(
            "import samenwerkingscode",
            tijden["ipywidgets"],
            doel=DOEL,
            toelichting=f"basislijn: import ipywidgets; beide met interpreterstart, mediaan van {n}",
        )
    ]
