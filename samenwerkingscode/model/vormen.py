"""De samenwerkingsvormen, van zelf doen tot partnership, in volgorde van binding.

De volgorde (de *versnelling* 0 t/m 4) verbindt de beslisboom (welke vorm vraagt een opgave?)
met de Schakelbak (op- of terugschakelen). Namen, kenmerken en toelichting staan in
`model/vormen.yml`; de sleutels hieronder zijn vast, zodat casussen, antwoordbestanden en
nakijkcode ernaar kunnen verwijzen.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator

from samenwerkingscode import model
from samenwerkingscode.model.yamlbestand import RegieFout, StrengModel, bedoel_je


class Samenwerkingsvorm(StrEnum):
    """De vaste sleutels, in volgorde van binding (versnelling 0 t/m 4)."""

    ZELF_DOEN = "zelf_doen"
    NETWERK = "netwerk"
    CONTRACT_AFSTANDELIJK = "contract_afstandelijk"
    CONTRACT_DIEP = "contract_diep"
    PARTNERSHIP = "partnership"


class VormInfo(StrengModel):
    """Eén samenwerkingsvorm; `herkomst` gaat over naam en kenmerken, de toelichting is een uitwerking."""

    sleutel: Samenwerkingsvorm
    naam: str = Field(min_length=1)
    korte_naam: str = Field(min_length=1)
    term: str = Field(min_length=1)
    kenmerken: list[str] = Field(min_length=1)
    versnelling: int
    herkomst: Literal["deck", "kit"]
    toelichting: str = Field(min_length=1)
    toelichting_herkomst: Literal["deck", "kit"] = "kit"


class Vormenlijst(StrengModel):
    """Het modelbestand: elke vaste sleutel precies één keer, elke versnelling uniek."""

    vormen: list[VormInfo] = Field(min_length=1)

    @field_validator("vormen")
    @classmethod
    def _compleet_en_uniek(cls, vormen: list[VormInfo]) -> list[VormInfo]:
        problemen: list[str] = []
        sleutels = [v.sleutel for v in vormen]
        for s in Samenwerkingsvorm:
            if sleutels.count(s) == 0:
                problemen.append(f"de samenwerkingsvorm '{s.value}' ontbreekt")
            elif sleutels.count(s) > 1:
                problemen.append(f"de samenwerkingsvorm '{s.value}' staat er {sleutels.count(s)} keer in")
        versnellingen = [v.versnelling for v in vormen]
        dubbel = sorted({n for n in versnellingen if versnellingen.count(n) > 1})
        if dubbel:
            problemen.append(f"versnelling {', '.join(map(str, dubbel))} komt bij meer dan één vorm voor")
        if problemen:
            raise ValueError("; ".join(problemen))
        return sorted(vormen, key=lambda v: v.versnelling)


def laad_vormen() -> Vormenlijst:
    """De vormen uit `model/vormen.yml` (of uit de map in REGIE_MODEL_MAP)."""
    return model.laad("vormen", Vormenlijst)


def vormen() -> list[VormInfo]:
    """Alle vormen, van de laagste naar de hoogste versnelling."""
    return list(laad_vormen().vormen)


def vorm(sleutel: str | Samenwerkingsvorm) -> VormInfo:
    """De vorm met deze sleutel; een onbekende sleutel geeft een RegieFout met een tip."""
    tekst = str(sleutel.value if isinstance(sleutel, Samenwerkingsvorm) else sleutel).strip().lower()
    for v in vormen():
        if v.sleutel.value == tekst:
            return v
    geldig = [s.value for s in Samenwerkingsvorm]
    extra = bedoel_je(tekst, geldig, anders=f"; kies uit: {', '.join(geldig)}")
    raise RegieFout(f"'{sleutel}' is geen samenwerkingsvorm{extra}")


def classificeerbaar() -> list[VormInfo]:
    """De vier vormen waaruit je kiest bij het classificeren van een relatie (alles behalve zelf doen)."""
    return [v for v in vormen() if v.sleutel is not Samenwerkingsvorm.ZELF_DOEN]


def naam(sleutel: str | Samenwerkingsvorm) -> str:
    """De volledige naam van een vorm, zoals het idioom haar spelt."""
    return vorm(sleutel).naam
