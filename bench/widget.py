"""Meting 4: een wijziging in de canvaswidget tot het antwoord op schijf staat, in het kernelproces.

Waarom: een deelnemer typt in het canvas en mag niets kwijtraken; de observer bewaart daarom
synchroon (slot, back-up, tijdelijk bestand, fsync, ``os.replace``). Dat mag niet merkbaar
haperen. Gemeten wordt van ``Textarea.value = …`` tot de observer terugkeert, met een echt
``Antwoorden``-bestand in een tijdelijke map; na elke wijziging wordt de inhoud op schijf
gecontroleerd (buiten de tijd). De basislijn is een kale ``json.dump`` + fsync + ``os.replace``
van hetzelfde document: de prijs van atomisch schrijven zelf.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._kern import BenchFout, Doel, Instellingen, Meting, mediaan, percentiel, spreiding

NAAM = "widget"
DOEL = Doel(0.005, "waarde")
DOEL_OPSLAG = Doel(0.05, "waarde")
"""Vroeger een tijdstest in tests/test_antwoorden.py (test_snelheid); tijden horen hier, niet in een test."""
VELD = "partijen"


def _kale_schrijf(pad: Path, document: dict[str, Any]) -> None:
    """Het minimum voor een atomische schrijf: tijdelijk bestand, fsync, os.replace."""
    tijdelijk = pad.with_name(pad.name + ".tmp")
    with open(tijdelijk, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tijdelijk, pad)


def meet(inst: Instellingen) -> list[Meting]:
    from samenwerkingscode.antwoorden import Antwoorden
    from samenwerkingscode.widgets.canvas import CanvasWidget

    n = inst.aantal(normaal=300, snel=60)
    with tempfile.TemporaryDirectory(prefix="bench-widget-") as tmp:
        map_ = Path(tmp)
        opslag = Antwoorden("blok1", map=map_)
        widget = CanvasWidget(opslag, "1a")
        invoer = widget.velden[VELD]
        kit: list[float] = []
        for i in range(n + 5):  # de eerste vijf zijn opwarmen (imports, eerste bestand)
            tekst = f"Provincie Overijssel\nWaterschap Vechtstromen\nwijziging {i}"
            begin = time.perf_counter()
            invoer.value = tekst
            duur = time.perf_counter() - begin
            op_schijf = json.loads(opslag.pad.read_text(encoding="utf-8"))
            if op_schijf["oefeningen"]["1a"]["velden"][VELD] != tekst:
                raise BenchFout(f"Na wijziging {i} stond het antwoord niet in {opslag.pad.name}.")
            if i >= 5:
                kit.append(duur)
        document = json.loads(opslag.pad.read_text(encoding="utf-8"))
        kaal_pad = map_ / "kaal.json"
        kaal: list[float] = []
        for i in range(n):
            document["oefeningen"]["1a"]["velden"][VELD] = f"kaal {i}"
            begin = time.perf_counter()
            _kale_schrijf(kaal_pad, document)
            kaal.append(time.perf_counter() - begin)
        # Het antwoordbestand zelf (zonder widget): negen velden van 200 tekens, steeds één bijwerken.
        opslag_los = Antwoorden("blok1", map=map_ / "los")
        for k in range(9):
            opslag_los.schrijf(f"veld{k}", {"tekst": "x" * 200})
        los: list[float] = []
        for i in range(n):
            begin = time.perf_counter()
            opslag_los.werk_bij("veld0", tekst=f"versie {i}")
            los.append(time.perf_counter() - begin)
    basis = mediaan(kaal)
    return [
        Meting(
            naam="Antwoorden.werk_bij → schijf (mediaan)",
            waarde=mediaan(los),
            basislijn=basis,
            doel=DOEL_OPSLAG,
            spreiding=spreiding(los),
            toelichting=f"{n} keer één veld bijwerken in een bestand met 9 velden (slot, back-up, fsync)",
        ),
        Meting(
            naam="widgetwijziging → schijf (mediaan)",
            waarde=mediaan(kit),
            basislijn=basis,
            doel=DOEL,
            toelichting=f"CanvasWidget met echt antwoordbestand, {n} wijzigingen; basislijn: json.dump + fsync + os.replace",
        ),
        Meting(
            naam="widgetwijziging → schijf (95e percentiel)", waarde=percentiel(kit, 95), basislijn=percentiel(kaal, 95)
        ),
    ]
