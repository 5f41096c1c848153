"""Het enige contact met interne delen van matplotlib, achter een versiecontrole met een veilige terugval.

Waarom apart: twee versnellingen gebruiken wat matplotlib niet openbaar belooft (de metingencache
voor tekst, en de manier waarop de pdf-backend fontTools aanroept). In een matplotlib-versie die
hier niet getest is, vallen beide terug op het gewone, openbare pad: dezelfde uitkomst, alleen
trager. Zo breekt een update van matplotlib de figuren nooit.
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Callable, Iterator
from typing import Any

#: matplotlib-versies (major, minor) waarop de interne delen hieronder getest zijn.
GETESTE_VERSIES: frozenset[tuple[int, int]] = frozenset({(3, 9), (3, 10), (3, 11)})

#: OpenType-tabellen voor tekstopmaak (ligaturen, kerning, accentplaatsing, formules) die een pdf niet gebruikt.
OPMAAKTABELLEN = ("GSUB", "GPOS", "GDEF", "MATH")


def versie(tekst: str | None = None) -> tuple[int, int]:
    """(major, minor) van matplotlib (of van ``tekst``, voor de tests); (0, 0) als het niet te lezen is."""
    if tekst is None:
        import matplotlib

        tekst = matplotlib.__version__
    delen = tekst.split(".")
    try:
        return int(delen[0]), int("".join(c for c in delen[1] if c.isdigit()) or 0)
    except (IndexError, ValueError):
        return (0, 0)


def getest(tekst: str | None = None) -> bool:
    """Is deze matplotlib-versie een van de geteste? Alleen dan gebruiken we interne delen."""
    return versie(tekst) in GETESTE_VERSIES


def tekstmeting() -> Callable[..., tuple[float, float, float]] | None:
    """matplotlibs eigen metingencache voor tekst (intern), of ``None`` in een ongeteste versie.

    Met dezelfde cache als ``Text.draw`` kost het natmeten van een geplaatste regel niets extra.
    Zonder (``None``) meet de aanroeper met de openbare ``renderer.get_text_width_height_descent``.
    """
    if not getest():
        return None
    import matplotlib.text

    functie = getattr(matplotlib.text, "_get_text_metrics_with_cache", None)
    return functie if callable(functie) else None


@contextlib.contextmanager
def pdf_zonder_opmaaktabellen() -> Iterator[None]:
    """Laat de pdf-backend bij het inbedden (Type 42) de opmaaktabellen van een letter weglaten.

    Waarom: fontTools las en verkleinde bij elke ingebedde letter eerst de opmaaktabellen van
    DejaVu Sans; dat was meer dan de helft van de tijd van ``savefig``. In een pdf zet matplotlib
    elke letter zelf op zijn plek (kerning en accenten zijn dan al toegepast), dus de pdf gebruikt
    die tabellen niet: de tekens, de ingebedde letters en de diakrieten blijven hetzelfde.
    Alleen in een geteste matplotlib-versie, en alleen als de backend ``fontTools.subset`` nog op
    de verwachte plek gebruikt; anders verandert er niets (trager, verder gelijk).
    """
    if not getest():
        yield
        return
    try:
        from fontTools import subset
        from matplotlib.backends import _backend_pdf_ps
    except ImportError:
        yield
        return
    if getattr(_backend_pdf_ps, "subset", None) is not subset:
        yield
        return

    class ZonderOpmaak(types.ModuleType):
        """``fontTools.subset``, behalve dat ``load_font`` de opmaaktabellen meteen weglaat."""

        def __getattr__(self, naam: str) -> Any:
            return getattr(subset, naam)

        @staticmethod
        def load_font(*args: Any, **kwargs: Any) -> Any:
            font = subset.load_font(*args, **kwargs)
            for tabel in OPMAAKTABELLEN:
                if tabel in font:
                    del font[tabel]
            return font

    _backend_pdf_ps.subset = ZonderOpmaak("fontTools.subset")
    try:
        yield
    finally:
        _backend_pdf_ps.subset = subset
