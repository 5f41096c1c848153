"""De toetsvragen als ladder: Kan, Klopt, Werkt en Levert de samenwerking? (+ Stap terug).

De vier vragen staan op de dia's; deelvragen, schaal, drempels en adviezen zijn een uitwerking van
deze kit en staan in ``model/toetsvragen.yml``. De code kent alleen de ladderlogica: de eerste trede
(in de volgorde van de vragen) die haar drempel niet haalt, is waar je een stap terug naartoe doet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from samenwerkingscode import model
from samenwerkingscode.model.yamlbestand import (
    Plek,
    RegieFout,
    StrengModel,
    Teksten,
    bedoel_je,
    validatiefout,
)

MODELNAAM = "toetsvragen"
TREDEN = ("kan", "klopt", "werkt", "levert")
SCHAALSLEUTELS = ("niet_van_toepassing", "niet_geregeld", "deels", "volledig", "onbekend")

Herkomst = Literal["deck", "kit"]
SchaalSleutel = Literal["niet_van_toepassing", "niet_geregeld", "deels", "volledig", "onbekend"]
ZONDER_SCORE = ("niet_van_toepassing", "onbekend")
"""Schaalwaarden die als beantwoord tellen maar niet meetellen in het gemiddelde."""


class Deelvraag(StrengModel):
    """Een concrete vraag onder een toetsvraag; de sleutel is uniek in het hele bestand."""

    sleutel: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    vraag: str = Field(min_length=1)
    uitleg: str = ""
    herkomst: Herkomst = "kit"


class Toetsvraag(StrengModel):
    """Een trede van de ladder: de vraag van de dia's, de uitleg en deelvragen van de kit, en een drempel."""

    sleutel: Literal["kan", "klopt", "werkt", "levert"]
    nummer: int = Field(ge=1, le=4)
    vraag: str = Field(min_length=1)
    term: str | None = None
    herkomst: Herkomst
    uitleg_herkomst: Herkomst = "kit"
    uitleg: str = Field(min_length=1)
    drempel: float = Field(ge=0.0, le=1.0)
    drempel_uitleg: str = ""
    advies: str = Field(min_length=1)
    deelvragen: list[Deelvraag] = Field(min_length=3, max_length=5)


class SchaalWaarde(StrengModel):
    """Eén waarde van de toetsschaal; ``score`` is leeg (null) voor 'niet van toepassing'."""

    sleutel: SchaalSleutel
    label: str = Field(min_length=1)
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    uitleg: str = ""


class Schaal(StrengModel):
    """De toetsschaal, naar de Partnering Agreement Scorecard."""

    term: str | None = None
    herkomst: Herkomst = "kit"
    toelichting: str = ""
    bron: str = ""
    waarden: list[SchaalWaarde]

    @model_validator(mode="after")
    def _controleer(self) -> Schaal:
        sleutels = [w.sleutel for w in self.waarden]
        problemen: list[tuple[Plek, str, object]] = []
        for i, w in enumerate(self.waarden):
            if sleutels.count(w.sleutel) > 1 and sleutels.index(w.sleutel) != i:
                problemen.append(
                    (("waarden", i, "sleutel"), f"schaalwaarde '{w.sleutel}' komt twee keer voor", w.sleutel)
                )
            if w.sleutel in ZONDER_SCORE and w.score is not None:
                problemen.append(
                    (
                        ("waarden", i, "score"),
                        f"'{w.sleutel}' telt niet mee en heeft daarom geen score (laat leeg: null)",
                        w.score,
                    )
                )
            if w.sleutel not in ZONDER_SCORE and w.score is None:
                problemen.append((("waarden", i, "score"), f"'{w.sleutel}' heeft een score tussen 0 en 1 nodig", None))
        ontbrekend = [s for s in SCHAALSLEUTELS if s not in sleutels]
        if ontbrekend:
            problemen.append((("waarden",), f"de schaal mist {', '.join(ontbrekend)}", None))
        if problemen:
            raise validatiefout("Schaal", problemen)
        return self


class StapTerug(StrengModel):
    term: str | None = None
    herkomst: Herkomst
    uitleg_herkomst: Herkomst = "kit"
    uitleg: str = Field(min_length=1)


_PLAATSHOUDERS = {
    "trede_onder_drempel": {"nummer", "vraag", "score", "drempel"},
    "hogere_treden": {"treden"},
    "alles_op_orde": set(),
    "niets_gescoord": set(),
    "onvolledig": {"aantal", "deelvragen"},
}


class Adviezen(Teksten):
    """De vaste adviesteksten; plaatshouders tussen accolades worden ingevuld."""

    trede_onder_drempel: str = Field(min_length=1)
    hogere_treden: str = Field(min_length=1)
    alles_op_orde: str = Field(min_length=1)
    niets_gescoord: str = Field(min_length=1)
    onvolledig: str = Field(min_length=1)

    PLAATSHOUDERS: ClassVar[dict[str, set[str]]] = _PLAATSHOUDERS


class ToetsModel(StrengModel):
    """Het hele modelbestand: schaal, stap terug, de vier treden en de adviesteksten."""

    term: str | None = None
    herkomst: Herkomst
    toelichting: str = Field(min_length=1)
    schaal: Schaal
    stap_terug: StapTerug
    toetsvragen: list[Toetsvraag]
    advies: Adviezen

    @model_validator(mode="after")
    def _controleer(self) -> ToetsModel:
        problemen: list[tuple[Plek, str, object]] = []
        sleutels = [t.sleutel for t in self.toetsvragen]
        if sleutels != list(TREDEN):
            problemen.append(
                (
                    ("toetsvragen",),
                    f"de toetsvragen moeten precies kan, klopt, werkt en levert zijn, in die volgorde (nu: {', '.join(sleutels)})",
                    None,
                )
            )
        for i, t in enumerate(self.toetsvragen):
            if t.nummer != i + 1:
                problemen.append(
                    (("toetsvragen", i, "nummer"), f"toetsvraag '{t.sleutel}' moet nummer {i + 1} hebben", t.nummer)
                )
        gezien: set[str] = set()
        for i, t in enumerate(self.toetsvragen):
            for j, d in enumerate(t.deelvragen):
                if d.sleutel in gezien:
                    problemen.append(
                        (
                            ("toetsvragen", i, "deelvragen", j, "sleutel"),
                            f"deelvraag '{d.sleutel}' komt twee keer voor",
                            d.sleutel,
                        )
                    )
                if d.sleutel in SCHAALSLEUTELS or d.sleutel in TREDEN:
                    problemen.append(
                        (
                            ("toetsvragen", i, "deelvragen", j, "sleutel"),
                            f"'{d.sleutel}' is al een vaste sleutel; kies een andere naam",
                            d.sleutel,
                        )
                    )
                gezien.add(d.sleutel)
        if problemen:
            raise validatiefout("ToetsModel", problemen)
        return self


@dataclass(frozen=True)
class ToetsUitslag:
    """De uitslag van een toets: gemiddelde per trede (0..1, of None), de trede om naar terug te stappen en het advies."""

    per_vraag: dict[str, float | None]
    zwakste_trede: str | None
    advies: str
    volledig: bool
    ontbrekend: list[str] = field(default_factory=list)
    onder_drempel: list[str] = field(default_factory=list)


def laad_toetsmodel() -> ToetsModel:
    """Het gevalideerde modelbestand (uit ``REGIE_MODEL_MAP`` als die het bestand heeft)."""
    return model.laad(MODELNAAM, ToetsModel)


def toetsvragen() -> list[Toetsvraag]:
    """De vier toetsvragen in laddervolgorde: kan, klopt, werkt, levert."""
    return list(laad_toetsmodel().toetsvragen)


def toetsvraag(sleutel: str) -> Toetsvraag:
    """Eén toetsvraag; een onbekende sleutel geeft een Nederlandse ``RegieFout``."""
    for t in laad_toetsmodel().toetsvragen:
        if t.sleutel == sleutel:
            return t
    raise RegieFout(f"Onbekende toetsvraag '{sleutel}'{_tip(sleutel, list(TREDEN))}; kies uit {', '.join(TREDEN)}.")


def schaal() -> list[SchaalWaarde]:
    """De waarden van de toetsschaal, van 'niet van toepassing' tot 'volledig'."""
    return list(laad_toetsmodel().schaal.waarden)


def stap_terug() -> StapTerug:
    """De uitleg bij 'Stap terug'."""
    return laad_toetsmodel().stap_terug


def deelvraag_sleutels() -> list[str]:
    """Alle deelvraagsleutels in laddervolgorde; dit zijn de sleutels van ``scoor``."""
    return [d.sleutel for t in laad_toetsmodel().toetsvragen for d in t.deelvragen]


def _tip(woord: str, opties: list[str]) -> str:
    return bedoel_je(woord, opties, opmaak=" (bedoel je '{tip}'?)")


def _procent(waarde: float) -> str:
    return f"{round(waarde * 100)}%"


def scoor(antwoorden: Mapping[str, str | None]) -> ToetsUitslag:
    """Scoor de deelvragen en pas de ladderlogica toe.

    ``antwoorden`` koppelt deelvraagsleutels aan schaalwaarden; ``None`` of een ontbrekende sleutel
    betekent 'nog niet beantwoord'. Onbekende sleutels of waarden geven een ``RegieFout``.
    """
    tm = laad_toetsmodel()
    alle = deelvraag_sleutels()
    scores = {w.sleutel: w.score for w in tm.schaal.waarden}
    for sleutel, waarde in antwoorden.items():
        if sleutel not in alle:
            raise RegieFout(
                f"Onbekende deelvraag '{sleutel}'{_tip(sleutel, alle)}. De toets kent alleen de deelvragen uit het modelbestand."
            )
        if waarde is not None and waarde not in scores:
            raise RegieFout(
                f"Ongeldige waarde '{waarde}' bij deelvraag '{sleutel}'{_tip(str(waarde), list(scores))}; kies uit {', '.join(scores)}."
            )

    per_vraag: dict[str, float | None] = {}
    ontbrekend: list[str] = []
    for t in tm.toetsvragen:
        getallen: list[float] = []
        for d in t.deelvragen:
            waarde = antwoorden.get(d.sleutel)
            if waarde is None:
                ontbrekend.append(d.sleutel)
                continue
            score = scores[waarde]
            if score is not None:
                getallen.append(score)
        per_vraag[t.sleutel] = sum(getallen) / len(getallen) if getallen else None

    onder = [t.sleutel for t in tm.toetsvragen if per_vraag[t.sleutel] is not None and per_vraag[t.sleutel] < t.drempel]  # type: ignore[operator]
    zwakste = onder[0] if onder else None

    delen: list[str] = []
    if zwakste is not None:
        t = next(t for t in tm.toetsvragen if t.sleutel == zwakste)
        delen.append(
            tm.advies.trede_onder_drempel.format(
                nummer=t.nummer, vraag=t.vraag, score=_procent(per_vraag[zwakste] or 0.0), drempel=_procent(t.drempel)
            )
        )
        delen.append(t.advies)
        hoger = [h for h in tm.toetsvragen if h.sleutel in onder[1:]]
        if hoger:
            delen.append(tm.advies.hogere_treden.format(treden=_opsomming([h.vraag for h in hoger])))
    elif all(v is None for v in per_vraag.values()):
        delen.append(tm.advies.niets_gescoord)
    else:
        delen.append(tm.advies.alles_op_orde)
    if ontbrekend and any(v is not None for v in per_vraag.values()):
        delen.append(tm.advies.onvolledig.format(aantal=len(ontbrekend), deelvragen=_open_deelvragen(tm, ontbrekend)))

    return ToetsUitslag(
        per_vraag=per_vraag,
        zwakste_trede=zwakste,
        advies=" ".join(delen),
        volledig=not ontbrekend,
        ontbrekend=ontbrekend,
        onder_drempel=onder,
    )


def _open_deelvragen(tm: ToetsModel, ontbrekend: list[str], hoeveel: int = 3) -> str:
    """De open deelvragen in woorden voor de deelnemer (nooit de interne sleutels), kort gehouden."""
    vragen = {d.sleutel: d.vraag for t in tm.toetsvragen for d in t.deelvragen}
    namen = [f"'{vragen.get(s, s)}'" for s in ontbrekend]
    if len(namen) <= hoeveel:
        return _opsomming(namen)
    return ", ".join(namen[:hoeveel]) + f" en nog {len(namen) - hoeveel}"


def _opsomming(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
