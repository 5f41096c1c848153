"""Figuren opslaan: het formaat uit de extensie en atomisch schrijven (tijdelijk bestand + os.replace)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from samenwerkingscode.model.bestanden import atomisch, os_reden
from samenwerkingscode.model.yamlbestand import RegieFout, uitvoersoort

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
    except OSError as fout:
        raise RegieFout(
            f"Kan {uit} niet schrijven: de map {uit.parent} is niet bruikbaar ({os_reden(fout)})."
        ) from fout
    try:
        import matplotlib

        from samenwerkingscode.figuren import _stijl

        with atomisch(uit) as tijdelijk, matplotlib.rc_context(_stijl.rc()):  # pdf.fonttype 42: letters ingebed
            if formaat == "pdf":
                fig.savefig(tijdelijk, format="pdf", metadata=metadata or {"Creator": "samenwerkingscode"})
            else:
                fig.savefig(tijdelijk, format="png", dpi=dpi)
    except OSError as fout:
        raise RegieFout(f"Kan {uit} niet schrijven: {os_reden(fout)}.") from fout
