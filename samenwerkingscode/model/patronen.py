"""Patronen in de echte wereld: een catalogus als data in ``model/patronen.yml``.

De dia's noemen "Patronen in de echte wereld" als onderwerp van Blok 5, zonder de patronen te geven.
De catalogus is dus een uitwerking van deze kit. Elk patroon hoort bij een kenmerk van de weerbarstige
samenwerking en draagt bewijs uit de casus, met een bron uit het bronnenregister. Een trainer met het
officiële materiaal vervangt het bestand, niet de code.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from samenwerkingscode import model
from samenwerkingscode.model.typologie import _bestaand_canvasveld

MODELNAAM = "patronen"

#: De vijf kenmerken van de weerbarstige samenwerking, zoals de dia's ze noemen.
KENMERKEN = (
    "Worstelen met belangen",
    "Gijzelen met budget en mandaat",
    "Geen criteria voor decentrale besluitvorming",
    "Essentiële bijdragen (nog?) niet gezekerd",
    "En wat kost het een energie",
)
TOETSVRAGEN = (
    "Kan de samenwerking?",
    "Klopt de samenwerking?",
    "Werkt de samenwerking?",
    "Levert de samenwerking?",
)


class Bewijs(BaseModel):
    """Eén feit uit de casus, met de bron die het noemt."""

    model_config = ConfigDict(extra="forbid")

    feit: str = Field(min_length=1)
    bron: str = Field(min_length=1)
    datum: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _datum_als_tekst(cls, data: object) -> object:
        # YAML leest 2023 als getal en 2021-09-21 als datum; bewaar beide als tekst.
        if isinstance(data, dict) and data.get("datum") is not None:
            data = {**data, "datum": str(data["datum"])}
        return data


class Patroon(BaseModel):
    """Een patroon: wat je ziet, waaraan je het herkent en waar het in de casus opduikt."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    naam: str = Field(min_length=1)
    wat: str = Field(min_length=1)
    signalen: list[str] = Field(min_length=1)
    kenmerk: Literal[KENMERKEN] | Literal[""]  # type: ignore[valid-type]
    kijk_naar: list[Annotated[str, AfterValidator(_bestaand_canvasveld)]] = Field(min_length=1)
    toetsvraag: Literal[TOETSVRAGEN]  # type: ignore[valid-type]
    bewijs: list[Bewijs] = Field(min_length=1)


class Patronen(BaseModel):
    """Het hele bestand; ids zijn uniek."""

    model_config = ConfigDict(extra="forbid")

    herkomst: Literal["deck", "kit"]
    toelichting: str = Field(min_length=1)
    patronen: list[Patroon] = Field(min_length=1)

    @model_validator(mode="after")
    def _uniek(self) -> Patronen:
        ids = [p.id for p in self.patronen]
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            raise ValueError(f"patroon {', '.join(dubbel)} staat meer dan één keer in de lijst")
        return self


def laad_patronen() -> Patronen:
    """Het gevalideerde modelbestand (uit ``REGIE_MODEL_MAP`` als die het bestand heeft)."""
    return model.laad(MODELNAAM, Patronen)


def patronen() -> list[Patroon]:
    return list(laad_patronen().patronen)
