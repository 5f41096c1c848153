"""Zelfcontrole zonder het antwoord te verklappen: vingerafdrukken in plaats van antwoorden.

Een deelnemer wil direct weten of een keuze klopt, maar het notebook mag het goede antwoord niet
bevatten. Daarom krijgt een widget alleen een *vingerafdruk* per vraag: de sha256 (hex) van

    ZOUT + "\\x1f" + oefening + "\\x1f" + sleutel + "\\x1f" + antwoord

met ``sleutel`` de vraag binnen de oefening (bijvoorbeeld een relatie-id) en ``antwoord``
genormaliseerd (spaties eromheen weg, kleine letters). Het scheidingsteken voorkomt dat ``("a", "bc")``
en ``("ab", "c")`` dezelfde afdruk krijgen. Het zout maakt alleen dat een afdruk niet in een algemene
tabel op te zoeken is; wie alle opties probeert, doet hetzelfde als proberen in de widget. Daarom geeft
een zelfcontrole nooit punten (zie ``model/opdrachten.yml``): die komen alleen uit de verborgen tests.
"""

from __future__ import annotations

import hashlib
import hmac

ZOUT = "regisseur-van-de-samenwerking/zelfcontrole/v1"
"""Vast zout; wijzig je het, dan moeten alle afdrukken in de notebooks opnieuw gemaakt worden."""

_SCHEIDING = "\x1f"


def _normaliseer(antwoord: object) -> str:
    """Een antwoord zoals het vergeleken wordt: tekst, zonder spaties eromheen, in kleine letters."""
    waarde = getattr(antwoord, "value", antwoord)  # een StrEnum (Samenwerkingsvorm) telt als zijn sleutel
    return str(waarde).strip().casefold()


def vingerafdruk(oefening: str, sleutel: str, antwoord: str) -> str:
    """De sha256 (hex) van zout, oefening, sleutel en antwoord: vergelijkbaar, niet terug te lezen."""
    tekst = _SCHEIDING.join([ZOUT, str(oefening).strip(), str(sleutel).strip(), _normaliseer(antwoord)])
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def klopt(afdruk: str, oefening: str, sleutel: str, antwoord: str | None) -> bool:
    """Of ``antwoord`` de gegeven vingerafdruk heeft; een leeg antwoord klopt nooit."""
    if antwoord is None or not _normaliseer(antwoord):
        return False
    return hmac.compare_digest(vingerafdruk(oefening, sleutel, antwoord), str(afdruk).strip().lower())
