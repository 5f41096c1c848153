"""Samen oefenen: twee deelnemers leggen hun indeling in samenwerkingsvormen naast elkaar.

Waarom zonder oordeel: bij "Thuis verder" van Blok 2 vergelijken twee deelnemers hun vorm per relatie
voor dezelfde casus. Het gesprek over het *waarom* is de oefening; de kit wijst dus geen winnaar aan.
Deze module kent geen antwoordsleutel en importeert er ook geen: ze vergelijkt alleen twee keuzes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from samenwerkingscode.model import vormen

GEEN = "nog geen keuze"


@dataclass(frozen=True)
class Vergelijking:
    """Eén relatie: de vorm van jou en van je partner, en of die verschillen."""

    relatie: str
    naam: str
    jij: str | None
    partner: str | None

    @property
    def verschilt(self) -> bool:
        return self.jij != self.partner

    @property
    def bespreek(self) -> str:
        """Een gespreksvraag, zonder te zeggen wie gelijk heeft."""
        if not self.verschilt:
            return "Zelfde vorm: noemen jullie ook dezelfde kenmerken?"
        if self.jij is None or self.partner is None:
            return "Een van jullie koos nog niets: wat zou je kiezen, en waarom?"
        return "Verschil: welk kenmerk gaf voor ieder van jullie de doorslag?"


def keuzes_uit(antwoord: Any) -> dict[str, str]:
    """De keuzes (relatie → vorm-sleutel) uit een opgeslagen vormen-antwoord; onleesbaar telt als leeg."""
    if not isinstance(antwoord, Mapping):
        return {}
    keuzes = antwoord.get("keuzes")
    if not isinstance(keuzes, Mapping):
        return {}
    return {str(r): str(v) for r, v in keuzes.items() if isinstance(v, str) and v}


def vormnaam(sleutel: str | None) -> str:
    """De naam uit het idioom; een onbekende sleutel wordt getoond zoals hij is (nooit een fout)."""
    if not sleutel:
        return GEEN
    try:
        return vormen.naam(sleutel)
    except Exception:
        return sleutel


def vergelijk(
    jij: Mapping[str, str], partner: Mapping[str, str], relaties: Sequence[tuple[str, str]] | None = None
) -> list[Vergelijking]:
    """Zet per relatie de twee keuzes naast elkaar; ``relaties`` geeft (id, naam) in de volgorde van de oefening.

    Zonder ``relaties`` komen alle relaties die een van beiden indeelde, op alfabet.
    """
    if relaties is None:
        relaties = [(r, r) for r in sorted(set(jij) | set(partner))]
    return [Vergelijking(rid, naam, jij.get(rid) or None, partner.get(rid) or None) for rid, naam in relaties]


def samenvatting(rijen: Sequence[Vergelijking]) -> str:
    """'2 van de 5 relaties verschillen' — telt, oordeelt niet."""
    verschil = sum(r.verschilt for r in rijen)
    if not rijen:
        return "Er zijn nog geen relaties om te vergelijken."
    if verschil == 0:
        return f"Jullie kozen bij alle {len(rijen)} relaties dezelfde vorm. Vergelijk nu jullie motivaties."
    return (
        f"Bij {verschil} van de {len(rijen)} relaties kozen jullie een andere vorm. Dat zegt niet wie gelijk "
        "heeft: bespreek per verschil welk kenmerk de doorslag gaf."
    )
