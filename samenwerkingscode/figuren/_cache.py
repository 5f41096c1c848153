"""Een schijfcache voor figuren die bij elke notebookstart hetzelfde zijn.

De beslisboom en de toetsvergelijking tekenen kost matplotlib een tot twee seconden. Een
deelnemer die een notebook opnieuw opent, of een kernel herstart, krijgt dezelfde tekening: die
halen we uit de cachemap van de gebruiker. De sleutel bevat de inhoud van het modelbestand en de
tekencode, zodat een aangepast model of een nieuwe versie van de kit vanzelf opnieuw tekent.

Bij het automatisch beoordelen ziet niemand de figuren; dan zet ``regie cursus beoordeel`` de
beoordeelmodus aan (zie ``samenwerkingscode.beoordeelmodus``) en tekent geen enkele widget. Met
``REGIE_ZONDER_FIGUREN=1`` zet je de figuren ook zelf uit.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from samenwerkingscode.model.bestanden import schrijf_atomisch

ZONDER_FIGUREN = "REGIE_ZONDER_FIGUREN"


def figuren_aan() -> bool:
    """Onwaar tijdens het automatisch beoordelen: dan worden widgets zonder figuren gebouwd."""
    from samenwerkingscode import beoordeelmodus

    return os.environ.get(ZONDER_FIGUREN, "") not in ("1", "ja", "true") and not beoordeelmodus()


def cachemap() -> Path:
    eigen = os.environ.get("REGIE_CACHE")
    if eigen:
        return Path(eigen)
    basis = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(basis) / "samenwerkingscode"


def _vingerafdruk(delen: tuple[object, ...], bestanden: tuple[Path, ...]) -> str:
    h = hashlib.sha256(repr(delen).encode("utf-8"))
    for pad in bestanden:
        try:
            h.update(pad.read_bytes())
        except OSError:
            h.update(str(pad).encode("utf-8"))
    return h.hexdigest()[:40]


def png_uit_cache(
    soort: str, sleutel: tuple[object, ...], bestanden: tuple[Path, ...], maak: Callable[[], bytes]
) -> bytes:
    """De PNG uit de cache, of nieuw gemaakt en (atomisch) bewaard; een cache die niet werkt is geen fout."""
    pad = cachemap() / f"{soort}-{_vingerafdruk(sleutel, bestanden)}.png"
    try:
        return pad.read_bytes()
    except OSError:
        pass
    png = maak()
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        schrijf_atomisch(pad, png, prefix=".tmp-")
    except OSError:
        pass
    return png
