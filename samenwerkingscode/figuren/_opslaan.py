"""Figuren opslaan: het formaat uit de extensie en atomisch schrijven (tijdelijk bestand + os.replace)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from samenwerkingscode.yamlbestand import RegieFout, uitvoersoort

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Toegestane extensies en het bijbehorende uitvoerformaat.
FORMATEN: dict[str, str] = {".pdf": "pdf", ".png": "png"}


def formaat_van(uit: Path, wat: str = "het canvas") -> str:
    """Het uitvoerformaat bij een bestandsnaam ('pdf' of 'png'); anders een Nederlandse fout."""
    return uitvoersoort(uit, tuple(FORMATEN), wat)


def schrijf_figuur(
    fig: Figure, uit: Path, formaat: str, dpi: float = 200, metadata: dict[str, str] | None = None
) -> None:
    """Eerst naar een tijdelijk bestand in dezelfde map, dan ``os.replace``: nooit een half bestand."""
    try:
        uit.parent.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(dir=uit.parent, prefix=f".{uit.name}.", suffix=".tmp")
    except OSError as fout:
        raise RegieFout(f"Kan {uit} niet schrijven: de map {uit.parent} is niet bruikbaar ({fout.strerror}).") from fout
    os.close(fd)
    try:
        import matplotlib

        from samenwerkingscode.figuren import _stijl

        with matplotlib.rc_context(_stijl.rc()):  # pdf.fonttype 42: letters ingebed
            if formaat == "pdf":
                fig.savefig(tijdelijk, format="pdf", metadata=metadata or {"Creator": "samenwerkingscode"})
            else:
                fig.savefig(tijdelijk, format="png", dpi=dpi)
        os.chmod(tijdelijk, _rechten(uit))
        os.replace(tijdelijk, uit)
    except OSError as fout:
        raise RegieFout(f"Kan {uit} niet schrijven: {fout.strerror or fout}.") from fout
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tijdelijk)


def _rechten(uit: Path) -> int:
    """De rechten van een nieuw bestand: die van het bestand dat er al stond, anders volgens de umask.

    ``mkstemp`` maakt het tijdelijke bestand alleen leesbaar voor de eigenaar; een poster die een
    trainer deelt, moet gewoon leesbaar zijn.
    """
    try:
        return uit.stat().st_mode & 0o777
    except OSError:
        masker = os.umask(0)
        os.umask(masker)
        return 0o666 & ~masker
