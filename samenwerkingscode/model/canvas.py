"""Het Samenwerkingscanvas: de negen velden, hun volgorde, vragen en plaats op de pagina.

De poster, de widget, de beoordeling en het boek lezen allemaal deze ene bron, zodat een
trainer die `model/canvas.yml` aanpast overal hetzelfde canvas ziet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from samenwerkingscode import model
from samenwerkingscode.model.yamlbestand import RegieFout, StrengModel


class CanvasVeld(StrengModel):
    """Eén veld van het canvas."""

    sleutel: str
    titel: str
    term: str
    rol: Literal["kern", "afspraken"]
    vraag: str
    toelichting: str = ""
    rij: int = Field(ge=0)
    kolom: int = Field(ge=0)
    breedte: int = Field(default=1, ge=1)
    hoogte: int = Field(default=1, ge=1)


class Raster(StrengModel):
    rijen: int = Field(ge=1)
    kolommen: int = Field(ge=1)


class CanvasModel(StrengModel):
    """Het hele canvas; controleert dat de velden het raster precies en zonder overlap vullen."""

    toelichting: str = ""
    herkomst_indeling: Literal["deck", "kit"] = "kit"
    raster: Raster
    velden: list[CanvasVeld] = Field(min_length=1)

    @model_validator(mode="after")
    def _controleer_indeling(self) -> CanvasModel:
        sleutels = [v.sleutel for v in self.velden]
        dubbel = {s for s in sleutels if sleutels.count(s) > 1}
        if dubbel:
            raise ValueError(f"veldsleutel komt dubbel voor: {', '.join(sorted(dubbel))}")
        bezet: dict[tuple[int, int], str] = {}
        for v in self.velden:
            if v.rij + v.hoogte > self.raster.rijen or v.kolom + v.breedte > self.raster.kolommen:
                raise ValueError(
                    f"veld '{v.sleutel}' valt buiten het raster van {self.raster.rijen}×{self.raster.kolommen}"
                )
            for r in range(v.rij, v.rij + v.hoogte):
                for k in range(v.kolom, v.kolom + v.breedte):
                    if (r, k) in bezet:
                        raise ValueError(f"velden '{bezet[(r, k)]}' en '{v.sleutel}' overlappen op rij {r}, kolom {k}")
                    bezet[(r, k)] = v.sleutel
        return self


def laad_canvas() -> CanvasModel:
    return model.laad("canvas", CanvasModel)


def velden() -> list[CanvasVeld]:
    """De velden in de volgorde van de kit: eerst de kern, dan de afsprakenvelden."""
    return list(laad_canvas().velden)


def sleutels() -> list[str]:
    return [v.sleutel for v in velden()]


def veld(sleutel: str) -> CanvasVeld:
    for v in velden():
        if v.sleutel == sleutel:
            return v
    raise RegieFout(f"Onbekend canvasveld '{sleutel}'. Bekende velden: {', '.join(sleutels())}.")


def raster() -> tuple[int, int]:
    r = laad_canvas().raster
    return r.rijen, r.kolommen


def _items(waarde: str | Sequence[str] | None) -> list[str]:
    """Een veld kan tekst (regels) of een lijst zijn; lege regels tellen niet mee."""
    if waarde is None:
        return []
    regels = waarde.splitlines() if isinstance(waarde, str) else [str(w) for w in waarde]
    return [r.strip() for r in regels if r and r.strip()]


@dataclass(frozen=True)
class Volledigheid:
    """Welke velden gevuld zijn: voor de voortgangsindicator en de automatische beoordeling."""

    gevuld: list[str]
    leeg: list[str]

    @property
    def fractie(self) -> float:
        totaal = len(self.gevuld) + len(self.leeg)
        return len(self.gevuld) / totaal if totaal else 0.0

    @property
    def compleet(self) -> bool:
        return not self.leeg


def volledigheid(inhoud: Mapping[str, str | Sequence[str] | None]) -> Volledigheid:
    """Een veld is gevuld als er minstens één niet-lege regel in staat."""
    gevuld, leeg = [], []
    for v in velden():
        (gevuld if _items(inhoud.get(v.sleutel)) else leeg).append(v.sleutel)
    return Volledigheid(gevuld=gevuld, leeg=leeg)


def items(inhoud: Mapping[str, str | Sequence[str] | None], sleutel: str) -> list[str]:
    """De niet-lege regels van één veld."""
    return _items(inhoud.get(sleutel))
