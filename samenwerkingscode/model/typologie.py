"""De partnershiptypologie: genummerde situaties, als data in ``model/typologie.yml``.

De dia's noemen alleen de nummers ("Situaties 1 t/m 6?" en "Situaties 7 & 8"). De inhoud is een
uitwerking van deze kit; daarom staat alles in het modelbestand: hoeveel situaties er zijn en welke als
partnership te organiseren zijn. Een trainer met het officiële materiaal vervangt het bestand, niet de
code; de nummers moeten alleen aaneengesloten vanaf 1 lopen.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from samenwerkingscode import model
from samenwerkingscode.model.yamlbestand import RegieFout, StrengModel, validatiefout

MODELNAAM = "typologie"

Herkomst = Literal["deck", "kit"]


def _bestaand_canvasveld(veld: str) -> str:
    """De velden komen uit het canvasmodel, zodat een trainer ze op één plek kan hernoemen."""
    from samenwerkingscode.model import canvas

    bekend = canvas.sleutels()
    if veld not in bekend:
        raise ValueError(f"ongeldige waarde '{veld}': geen canvasveld; kies uit {', '.join(bekend)}")
    return veld


class Situatie(StrengModel):
    """Eén situatie uit de typologie: hoe je haar herkent en wat ze van het ontwerp vraagt."""

    nummer: int
    naam: str = Field(min_length=1)
    doelrelatie: str = Field(min_length=1)
    herkennen: list[str] = Field(min_length=1)
    ontwerp: list[str] = Field(min_length=1)
    belangrijke_velden: list[Annotated[str, AfterValidator(_bestaand_canvasveld)]] = Field(min_length=1)
    risico: str = Field(min_length=1)
    springendal: str | None = None
    bronnen: list[str] = Field(default_factory=list)
    partnership_mogelijk: bool
    herkomst: Herkomst


class Typologie(StrengModel):
    """Het hele modelbestand; controleert dat de nummers 1 tot en met het aantal situaties elk één keer voorkomen."""

    term: str = "Partnershiptypologie"
    herkomst: Herkomst
    toelichting: str = Field(min_length=1)
    situaties: list[Situatie] = Field(min_length=1)

    @model_validator(mode="after")
    def _controleer_nummers(self) -> Typologie:
        problemen: list[tuple[tuple[str | int, ...], str, object]] = []
        gezien: set[int] = set()
        aantal = len(self.situaties)
        for i, s in enumerate(self.situaties):
            if not 1 <= s.nummer <= aantal:
                problemen.append(
                    (
                        ("situaties", i, "nummer"),
                        f"situatienummer {s.nummer} kan niet; bij {aantal} situaties gebruik je 1 tot en met {aantal}",
                        s.nummer,
                    )
                )
            elif s.nummer in gezien:
                problemen.append((("situaties", i, "nummer"), f"situatie {s.nummer} komt twee keer voor", s.nummer))
            gezien.add(s.nummer)
        if problemen:
            raise validatiefout("Typologie", problemen)
        return self


def laad_typologie() -> Typologie:
    """Het gevalideerde modelbestand (uit ``REGIE_MODEL_MAP`` als die het bestand heeft)."""
    return model.laad(MODELNAAM, Typologie)


def situaties() -> list[Situatie]:
    """Alle situaties, op nummer."""
    return sorted(laad_typologie().situaties, key=lambda s: s.nummer)


def situatie(nummer: int) -> Situatie:
    """Eén situatie; een onbekend nummer geeft een ``RegieFout`` in het Nederlands."""
    if isinstance(nummer, str) and nummer.strip().isdigit():
        nummer = int(nummer)
    if isinstance(nummer, int) and not isinstance(nummer, bool):
        for s in laad_typologie().situaties:
            if s.nummer == nummer:
                return s
    raise RegieFout(
        f"Situatie {nummer!r} bestaat niet in de partnershiptypologie; kies een nummer van 1 tot en met "
        f"{len(laad_typologie().situaties)}."
    )


def partnership_mogelijk(nummer: int) -> bool:
    """Is deze situatie als partnership te organiseren? Dat staat in de data, niet in de code."""
    return situatie(nummer).partnership_mogelijk


def mogelijke_situaties() -> list[int]:
    """De nummers waarvoor een partnership mogelijk is (in de uitwerking van de kit: 1 tot en met 6)."""
    return [s.nummer for s in situaties() if s.partnership_mogelijk]
