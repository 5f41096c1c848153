"""Het idioom: elke term die de cursus gebruikt, met definitie en herkomst.

De dia's zeggen: "De samenwerking vereist klare taal". Daarom is er één lijst met termen
(`model/idioom.yml`); boek, notebooks en widgets gebruiken alleen die namen. Per term staat
erbij of de term en de definitie van de dia's komen (``deck``) of een uitwerking in deze
cursuskit zijn (``kit``), zodat niemand een uitwerking aanziet voor de definitie van de auteur.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from samenwerkingscode import model
from samenwerkingscode.model.yamlbestand import RegieFout, StrengModel, bedoel_je

Herkomst = Literal["deck", "kit"]


def normaliseer(naam: str) -> str:
    """Zoeksleutel voor een term: hoofdletterongevoelig, met gewone apostrof en enkele spaties."""
    tekst = naam.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", tekst).strip().casefold()


class Term(StrengModel):
    """Eén term van het idioom."""

    naam: str = Field(min_length=1)
    definitie: str = Field(min_length=1)
    herkomst: Herkomst
    definitie_herkomst: Herkomst
    blok: int | None = None
    zie_ook: list[str] = Field(default_factory=list)

    @field_validator("blok")
    @classmethod
    def _blok_bestaat(cls, blok: int | None) -> int | None:
        from samenwerkingscode.model import opdrachten

        bekend = [b.id for b in opdrachten.blokken()]
        if blok is not None and f"blok{blok}" not in bekend:
            raise ValueError(f"blok {blok} bestaat niet; de cursus kent {', '.join(bekend)}, of null voor de inleiding")
        return blok

    @model_validator(mode="after")
    def _kit_term_heeft_kit_definitie(self) -> Term:
        # Een term die de kit zelf invoert, kan geen definitie van de dia's hebben.
        if self.herkomst == "kit" and self.definitie_herkomst == "deck":
            raise ValueError(
                f"term '{self.naam}' komt uit de cursuskit (herkomst: kit), dus de definitie kan niet van de "
                "dia's komen; zet definitie_herkomst op kit"
            )
        return self


class Idioom(StrengModel):
    """Alle termen; weigert dubbele namen en verwijzingen naar termen die niet bestaan."""

    termen: list[Term] = Field(min_length=1)
    _index: dict[str, Term] = PrivateAttr(default_factory=dict)

    @field_validator("termen")
    @classmethod
    def _namen_uniek_en_verwijzingen_geldig(cls, termen: list[Term]) -> list[Term]:
        problemen: list[str] = []
        eerste: dict[str, int] = {}
        for i, t in enumerate(termen, start=1):
            sleutel = normaliseer(t.naam)
            if sleutel in eerste:
                problemen.append(
                    f"de term '{t.naam}' staat dubbel in de lijst (termen[{eerste[sleutel]}] en termen[{i}])"
                )
            else:
                eerste[sleutel] = i
        namen = [t.naam for t in termen]
        for i, t in enumerate(termen, start=1):
            for verwijzing in t.zie_ook:
                if verwijzing == t.naam:
                    problemen.append(f"termen[{i}].zie_ook: '{t.naam}' verwijst naar zichzelf")
                elif verwijzing not in namen:
                    problemen.append(
                        f"termen[{i}].zie_ook: '{verwijzing}' is geen term in het idioom{_tip(verwijzing, namen)}"
                    )
        if problemen:
            raise ValueError("; ".join(problemen))
        return termen

    def model_post_init(self, __context: object) -> None:
        self._index = {normaliseer(t.naam): t for t in self.termen}

    def namen(self) -> list[str]:
        return [t.naam for t in self.termen]

    def bestaat(self, naam: str) -> bool:
        return isinstance(naam, str) and normaliseer(naam) in self._index

    def term(self, naam: str) -> Term:
        if not isinstance(naam, str):
            raise RegieFout(f"Geef de naam van een term als tekst, niet {naam!r}")
        gevonden = self._index.get(normaliseer(naam))
        if gevonden is None:
            raise RegieFout(f"De term '{naam}' staat niet in het idioom{_tip(naam, self.namen())}")
        return gevonden


def _tip(naam: str, namen: list[str]) -> str:
    """'; bedoel je ...?' met de dichtstbijzijnde term, of een verwijzing naar de woordenlijst."""
    return bedoel_je(
        naam,
        namen,
        normaliseer=normaliseer,
        anders=". Kijk in de woordenlijst (het idioom) welke termen de cursus gebruikt.",
    )


def laad_idioom() -> Idioom:
    """Het idioom uit `model/idioom.yml` (of uit de map in REGIE_MODEL_MAP)."""
    return model.laad("idioom", Idioom)


def termen() -> list[Term]:
    """Alle termen, in de volgorde van het modelbestand."""
    return list(laad_idioom().termen)


def term(naam: str) -> Term:
    """De term met deze naam (hoofdletterongevoelig); een onbekende naam geeft een RegieFout met een tip."""
    return laad_idioom().term(naam)


def bestaat(naam: str) -> bool:
    """Of de naam een term van het idioom is (hoofdletterongevoelig)."""
    return laad_idioom().bestaat(naam)
