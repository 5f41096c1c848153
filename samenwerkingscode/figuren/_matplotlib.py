"""Het enige contact met interne delen van matplotlib, achter een versiecontrole met een veilige terugval.

Waarom apart: twee versnellingen gebruiken wat matplotlib niet openbaar belooft (de metingencache
voor tekst, en de manier waarop de pdf-backend fontTools aanroept). In een matplotlib-versie die
hier niet getest is, vallen beide terug op het gewone, openbare pad: dezelfde uitkomst, alleen
trager. Zo breekt een update van matplotlib de figuren nooit.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import types
from collections.abc import Callable, Iterator
from pathlib import Path
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


# --- Een bewaarde deelverzameling van de letter ----------------------------------------------------

#: Omgevingsvariabele met de map voor bewaarde letter-deelverzamelingen; "uit" zet het bewaren uit.
CACHE_VARIABELE = "REGIE_LETTERCACHE"


def lettercache_map() -> Path | None:
    """Waar bewaarde deelverzamelingen staan: ``REGIE_LETTERCACHE``, anders de cache-map van de gebruiker."""
    ingesteld = os.environ.get(CACHE_VARIABELE, "").strip()
    if ingesteld.lower() in ("uit", "0", "nee", "off"):
        return None
    if ingesteld:
        return Path(ingesteld)
    basis = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(basis) / "samenwerkingscode" / "letters"


class _BewaardeLetter:
    """Staat in ``SubsetResults.font`` als de deelverzameling uit de cache komt: alleen de bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data


def _sleutel(fontfile: Any, glyphs: Any) -> str:
    import fontTools
    import matplotlib

    pad = Path(os.fsdecode(fontfile))
    stat = pad.stat()
    gegevens = [str(pad), stat.st_size, stat.st_mtime_ns, sorted(int(g) for g in glyphs)]
    gegevens += [matplotlib.__version__, fontTools.version, list(OPMAAKTABELLEN)]
    return hashlib.sha256(json.dumps(gegevens).encode()).hexdigest()


def _lees(map: Path, sleutel: str) -> tuple[bytes, dict[int, int]] | None:
    try:
        data = (map / f"{sleutel}.ttf").read_bytes()
        index = {int(k): int(v) for k, v in json.loads((map / f"{sleutel}.json").read_text()).items()}
    except (OSError, ValueError):
        return None
    return data, index


def _bewaar(map: Path, sleutel: str, data: bytes, index: dict[Any, Any]) -> None:
    """Atomisch (tijdelijk bestand + os.replace); lukt het niet, dan tekent de poster gewoon zonder cache."""
    from samenwerkingscode.model.bestanden import schrijf_atomisch

    with contextlib.suppress(OSError):
        map.mkdir(parents=True, exist_ok=True)
        schrijf_atomisch(map / f"{sleutel}.ttf", data)
        schrijf_atomisch(map / f"{sleutel}.json", json.dumps(index))


@contextlib.contextmanager
def bewaarde_deelverzamelingen() -> Iterator[None]:
    """Hergebruik de deelverzameling (subset) van een ingebedde letter als dezelfde tekens al eens nodig waren.

    Waarom: het maken van de deelverzameling van DejaVu Sans met fontTools is een vast deel van de
    tijd van elke pdf. Voor dezelfde letter en dezelfde tekens is de uitkomst altijd dezelfde; de
    pdf bevat dus precies dezelfde ingebedde letters, alleen sneller. Alleen in een geteste
    matplotlib-versie waarin de pdf-backend ``get_glyphs_subset`` en ``font_as_file`` zo gebruikt;
    anders, of zonder schrijfbare cache-map, verandert er niets.
    """
    map = lettercache_map()
    if map is None or not getest():
        yield
        return
    try:
        from matplotlib.backends import _backend_pdf_ps
    except ImportError:
        yield
        return
    origineel = getattr(_backend_pdf_ps, "get_glyphs_subset", None)
    als_bestand = getattr(_backend_pdf_ps, "font_as_file", None)
    resultaat = getattr(_backend_pdf_ps, "SubsetResults", None)
    if origineel is None or als_bestand is None or resultaat is None:
        yield
        return

    def deelverzameling(fontfile: Any, glyphs: Any) -> Any:
        glyphs = list(glyphs)
        try:
            sleutel = _sleutel(fontfile, glyphs)
        except (OSError, TypeError, ValueError):
            return origineel(fontfile, glyphs)
        bewaard = _lees(map, sleutel)
        if bewaard is None:
            with origineel(fontfile, glyphs) as gemaakt:
                data = als_bestand(gemaakt.font).getvalue()
                index = dict(gemaakt.glyph_index_map)
            _bewaar(map, sleutel, data, index)
            bewaard = (data, index)
        return contextlib.nullcontext(resultaat(_BewaardeLetter(bewaard[0]), bewaard[1]))

    def naar_bestand(font: Any) -> Any:
        if isinstance(font, _BewaardeLetter):
            return io.BytesIO(font.data)
        return als_bestand(font)

    _backend_pdf_ps.get_glyphs_subset = deelverzameling
    _backend_pdf_ps.font_as_file = naar_bestand
    try:
        yield
    finally:
        _backend_pdf_ps.get_glyphs_subset = origineel
        _backend_pdf_ps.font_as_file = als_bestand
