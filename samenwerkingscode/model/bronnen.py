"""Het bronnenregister: één regel per bron, waarop het boek, de casus en het model steunen.

Het register (`casussen/bronnen.yml`) is de enige plek waar een bron beschreven staat: titel,
medium, datum, webadres (of de reden dat er geen is), de datums die de bron zelf noemt en de
citaten die de kit eruit gebruikt. Zo kan een test nagaan dat een feit met een datum naar een bron
verwijst die die datum echt noemt, en maakt het boek zijn bronnenpagina uit dezelfde gegevens.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from samenwerkingscode.model.casus import Datum, Id, Tekst, Url

REGISTER = Path(__file__).resolve().parents[2] / "casussen" / "bronnen.yml"
MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

Soort = Literal["dias", "context", "springendal", "literatuur"]


class RegisterBron(BaseModel):
    """Eén bron in het register."""

    model_config = ConfigDict(extra="forbid")

    id: Id
    soort: Soort
    titel: Tekst
    medium: Tekst
    datum: Datum | None = None
    url: Url | None = None
    zonder_url: str = ""
    datums: list[Datum] = Field(default_factory=list)
    citaten: list[Tekst] = Field(default_factory=list)
    gebruikt_voor: Tekst

    @model_validator(mode="after")
    def _url_of_reden(self) -> RegisterBron:
        # Een bron zonder adres is alleen bruikbaar als de lezer weet waarom hij hem niet kan openen.
        if not self.url and not self.zonder_url.strip():
            raise ValueError(f"bron '{self.id}' heeft geen 'url'; geef dan met 'zonder_url' de reden")
        if self.url and self.zonder_url.strip():
            raise ValueError(f"bron '{self.id}' heeft een 'url' én een 'zonder_url'; kies één van de twee")
        return self

    def dekt(self, datum: str) -> bool:
        """Noemt deze bron de datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)?

        Een bron die 18 april 2019 noemt, dekt 'april 2019'; een bron die alleen 'april 2019' noemt,
        dekt '18 april 2019' niet: dan zou de kit een dag toevoegen die de bron niet geeft.
        """
        return any(d.startswith(datum) for d in self.datums)


class Register(BaseModel):
    """Het hele register; ids en webadressen zijn uniek."""

    model_config = ConfigDict(extra="forbid")

    bronnen: list[RegisterBron] = Field(min_length=1)

    @model_validator(mode="after")
    def _uniek(self) -> Register:
        for veld in ("id", "url"):
            waarden = [getattr(b, veld) for b in self.bronnen if getattr(b, veld)]
            dubbel = sorted({w for w in waarden if waarden.count(w) > 1})
            if dubbel:
                raise ValueError(f"{veld} {', '.join(dubbel)} staat meer dan één keer in het register")
        return self


@cache
def _laad(pad: Path) -> Register:
    from samenwerkingscode.model import yamlbestand

    return yamlbestand.laad(pad, Register, soort="bronnenregister")


def laad_register(pad: Path | None = None) -> Register:
    """Lees het register (standaard `casussen/bronnen.yml`), met Nederlandse foutmeldingen."""
    return _laad(Path(pad or REGISTER).resolve())


def bronnen(pad: Path | None = None) -> list[RegisterBron]:
    return list(laad_register(pad).bronnen)


def bron(bron_id: str, pad: Path | None = None) -> RegisterBron:
    """De bron met deze id; een ``RegieFout`` met de bekende ids als die niet bestaat."""
    from samenwerkingscode.model.yamlbestand import RegieFout

    for b in bronnen(pad):
        if b.id == bron_id:
            return b
    raise RegieFout(f"Bron '{bron_id}' staat niet in het bronnenregister ({REGISTER.name}).")


def per_url(pad: Path | None = None) -> dict[str, RegisterBron]:
    """Webadres → bron, zonder verschil tussen een adres met of zonder slash aan het eind."""
    return {b.url.rstrip("/"): b for b in bronnen(pad) if b.url}


def datum_tekst(datum: str | None) -> str:
    """2019-04-18 → '18 april 2019'; 2019-04 → 'april 2019'; 2019 → '2019'; None → 'datum onbekend'."""
    if not datum:
        return "datum onbekend"
    delen = datum.split("-")
    if len(delen) == 1:
        return delen[0]
    maand = MAANDEN[int(delen[1]) - 1]
    if len(delen) == 2:
        return f"{maand} {delen[0]}"
    return f"{int(delen[2])} {maand} {delen[0]}"
