"""Het antwoordbestand veilig lezen voor de checks: nooit schrijven, nooit crashen.

Een Python-waarschuwing of iets op stderr kost in nbgrader alle punten van een testcel; daarom gaan
meldingen naar stdout (:func:`meld`) en geeft lezen hier ``None`` met een Nederlandse melding in plaats
van een uitzondering.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from samenwerkingscode.antwoorden import Antwoorden, lees_voor_nakijken

Opslag = Antwoorden | str | os.PathLike[str] | Mapping[str, Any]
"""Een antwoordbestand: het object uit het notebook, een notebooknaam of pad, of een al gelezen document."""


def meld(tekst: str) -> None:
    """Een melding voor deelnemer en trainer: op stdout, want stderr kost in nbgrader alle punten."""
    print(tekst, flush=True)


def lees_oefeningen(opslag: Opslag, meldingen: list[str]) -> dict[str, Any] | None:
    """De oefeningen uit het antwoordbestand; ``None`` (met een melding) als er niets te lezen valt."""
    if isinstance(opslag, Mapping):
        document: Any = opslag
    else:
        # De strenge, begrensde parser: een kapot bestand zonder bruikbare back-up geeft een reden, geen fout.
        uitslag = lees_voor_nakijken(opslag.pad if isinstance(opslag, Antwoorden) else opslag)
        meldingen.extend(uitslag.waarschuwingen)
        if uitslag.document is None:
            meldingen.append(uitslag.reden or "Het antwoordbestand kon niet worden gelezen.")
            return None
        document = uitslag.document
    oefeningen = document.get("oefeningen") if isinstance(document, Mapping) else None
    if not isinstance(oefeningen, Mapping):
        meldingen.append("Het antwoordbestand heeft niet de verwachte opbouw.")
        return None
    return dict(oefeningen)


def antwoord_van(opslag: Opslag, oefening: str, meldingen: list[str]) -> dict[str, Any] | None:
    oefeningen = lees_oefeningen(opslag, meldingen)
    if oefeningen is None:
        return None
    waarde = oefeningen.get(oefening)
    return dict(waarde) if isinstance(waarde, Mapping) else None


def als_tekst(waarde: Any) -> str:
    """Tekst of een lijst regels uit het antwoordbestand als één tekst; iets anders telt als leeg."""
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, Sequence) and not isinstance(waarde, bytes):
        return "\n".join(str(w) for w in waarde if isinstance(w, str | int | float))
    return ""


def mapping(waarde: Any) -> dict[str, Any]:
    return {str(k): v for k, v in waarde.items()} if isinstance(waarde, Mapping) else {}
