"""De opdrachten van de cursus als data: één record per onderdeel, waaruit elk gezicht afgeleid wordt.

Waarom: een oefening stond vroeger op vier tot zes plaatsen (boek, rooster, generator, widget,
nakijken) en liep uit elkaar. Nu staat alles over een oefening één keer in ``model/opdrachten.yml``
(titel, tijd, punten, vraag, *Wat je doet*, *Een goed antwoord*, rubric, invulscherm) en één keer per
casus in ``casussen/<casus>.oefeningen.yml`` (de relaties, opgaven, voorstellen en momenten van die
casus). Rooster, boek, notebooks, "Controleer mijn opdracht", beoordeling en trainersoverzicht lezen
allemaal hier. Antwoordsleutels staan hier nooit: die horen bij de bronnotebooks van de trainer.

Deze module hoort bij het model: ze importeert niets van de gezichten (widgets, figuren, nbgrader).
"""

from __future__ import annotations

import os
import string
from functools import cached_property
from typing import Any, Literal

from pydantic import Field, model_validator

from samenwerkingscode import model
from samenwerkingscode.model.yamlbestand import RegieFout, StrengModel, laad

Soort = Literal[
    "canvas", "reflectie", "situatie", "vormen", "beslisboom", "voorstellen", "toets", "schakelen", "delen", "samen"
]
Beoordeling = Literal["automatisch", "handmatig", "geen"]
Casusdeel = Literal["relaties", "opgaven", "voorstellen", "momenten"]

STANDAARD_CASUS = "springendal-mosbeek"
"""De casus van de cursus als de instellingen niets anders zeggen (het lopende voorbeeld van het boek)."""


class Keuze(StrengModel):
    """Iets wat een deelnemer moet invullen: een relatie, opgave, moment of voorstel (nooit het antwoord)."""

    id: str = Field(min_length=1)
    naam: str = Field(min_length=1)


class Criterium(StrengModel):
    """Eén regel van de rubric: wat de trainer zoekt (of de niveaus) en hoeveel punten het waard is."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    naam: str = Field(min_length=1)
    zoekt: str | None = None
    niveaus: list[str] | None = None
    punten: float = Field(gt=0)

    @model_validator(mode="after")
    def _een_van_beide(self) -> Criterium:
        if (self.zoekt is None) == (self.niveaus is None):
            raise ValueError(f"criterium '{self.id}': geef 'zoekt' of 'niveaus', niet allebei of geen van beide")
        if self.niveaus is not None and len(self.niveaus) != int(self.punten) + 1:
            raise ValueError(
                f"criterium '{self.id}': {len(self.niveaus)} niveaus passen niet bij {self.punten:g} punten "
                "(een niveau per punt, vanaf 0)"
            )
        return self


class Onderdeel(StrengModel):
    """Eén onderdeel: een sleutel in het antwoordbestand, met invulscherm, beoordeling en punten."""

    sleutel: str = Field(min_length=1)
    deel: str | None = None
    soort: Soort
    beoordeling: Beoordeling
    punten: float | None = Field(default=None, ge=0)
    hoe: str | None = None
    vraag: str | None = None
    woorden: tuple[int, int] | None = None
    criteria: list[Criterium] = Field(default_factory=list)
    widget: dict[str, Any] = Field(default_factory=dict)
    casusdeel: Casusdeel | None = None
    per_deelvraag: bool = False
    uitwerking: str | None = None

    @model_validator(mode="after")
    def _punten_kloppen(self) -> Onderdeel:
        if self.beoordeling == "handmatig":
            if not self.criteria:
                raise ValueError(f"onderdeel '{self.sleutel}': een handmatig onderdeel heeft criteria (een rubric)")
            som = sum(c.punten for c in self.criteria)
            if self.punten is not None and abs(self.punten - som) > 1e-9:
                raise ValueError(f"onderdeel '{self.sleutel}': punten {self.punten:g} ≠ som van de criteria {som:g}")
            object.__setattr__(self, "punten", som)
        elif self.beoordeling == "automatisch":
            if self.punten is None:
                raise ValueError(f"onderdeel '{self.sleutel}': een automatisch onderdeel heeft punten")
            if self.criteria:
                raise ValueError(f"onderdeel '{self.sleutel}': een automatisch onderdeel heeft geen rubric")
        else:
            object.__setattr__(self, "punten", 0.0)
        if self.uitwerking is not None and self.beoordeling != "geen":
            raise ValueError(
                f"onderdeel '{self.sleutel}': een uitwerking hoort alleen bij een oefenonderdeel zonder punten"
            )
        return self

    @property
    def oefenen(self) -> bool:
        """Een oefenonderdeel: geen punten, met een uitwerking, of samen oefenen (dat kan niet altijd)."""
        return self.uitwerking is not None or self.soort == "samen"

    @property
    def max_punten(self) -> float:
        return float(self.punten or 0)


class Oefening(StrengModel):
    """Een oefening zoals boek en notebook haar tonen; een of meer onderdelen."""

    id: str = Field(min_length=1)
    titel: str = Field(min_length=1)
    minuten: int = Field(ge=0)
    wat_je_doet: str = Field(min_length=1)
    goed_antwoord: str = Field(min_length=1)
    onderdelen: list[Onderdeel] = Field(min_length=1)

    @property
    def punten(self) -> float:
        return sum(o.max_punten for o in self.onderdelen)

    @property
    def oefenen(self) -> bool:
        return all(o.oefenen for o in self.onderdelen)

    @property
    def beoordeling(self) -> str:
        """'automatisch', 'handmatig', 'automatisch en handmatig' of 'niet beoordeeld' (rooster en kop)."""
        soorten = [s for s in ("automatisch", "handmatig") if any(o.beoordeling == s for o in self.onderdelen)]
        return " en ".join(soorten) if soorten else "niet beoordeeld"


class Blok(StrengModel):
    """Een blok (of de voorbereiding): kop, rooster en de nbgrader-opdracht met haar oefeningen."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    titel: str = Field(min_length=1)
    thema: str = Field(min_length=1)
    minuten: int = Field(ge=0)
    notebook: str = Field(pattern=r"^[a-z0-9-]+$")
    beoordeeld: bool = True
    leerdoelen: list[str] = Field(min_length=1)
    thuis_verder: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    oefeningen: list[Oefening] = Field(min_length=1)

    @property
    def onderdelen(self) -> list[Onderdeel]:
        return [o for oef in self.oefeningen for o in oef.onderdelen]

    @property
    def punten(self) -> float:
        return sum(o.punten for o in self.oefeningen)

    @property
    def oefenminuten(self) -> int:
        return sum(o.minuten for o in self.oefeningen)


class Opdrachten(StrengModel):
    """Alle blokken; weigert dubbele blok-, notebook-, oefening- of sleutelnamen."""

    blokken: list[Blok] = Field(min_length=1)

    @model_validator(mode="after")
    def _uniek(self) -> Opdrachten:
        for wat, waarden in (
            ("blok-id", [b.id for b in self.blokken]),
            ("notebook", [b.notebook for b in self.blokken]),
            ("oefening-id", [o.id for b in self.blokken for o in b.oefeningen]),
        ):
            dubbel = sorted({w for w in waarden if waarden.count(w) > 1})
            if dubbel:
                raise ValueError(f"{wat} komt meer dan eens voor: {', '.join(dubbel)}")
        for b in self.blokken:
            sleutels = [o.sleutel for o in b.onderdelen]
            dubbel = sorted({s for s in sleutels if sleutels.count(s) > 1})
            if dubbel:
                raise ValueError(f"blok '{b.id}': sleutel komt meer dan eens voor: {', '.join(dubbel)}")
        return self


def laad_opdrachten() -> Opdrachten:
    """Lees ``model/opdrachten.yml`` (of de versie van de trainer in de eigen modelmap)."""
    return model.laad("opdrachten", Opdrachten)


def blokken() -> list[Blok]:
    return list(laad_opdrachten().blokken)


def beoordeelde_notebooks() -> list[str]:
    """De nbgrader-opdrachten die punten opleveren, in cursusvolgorde (afgeleid, nooit ingetypt)."""
    return [b.notebook for b in blokken() if b.beoordeeld]


def blok(naam: str) -> Blok:
    """Een blok op id of notebooknaam ('blok2', 'voorbereiding' of 'eigen-casus'); onbekend → Nederlandse fout."""
    alle = blokken()
    for b in alle:
        if naam in (b.id, b.notebook):
            return b
    raise RegieFout(f"Onbekend blok '{naam}'; de kit kent: {', '.join(b.id for b in alle)}.")


def oefening(oefening_id: str) -> tuple[Blok, Oefening]:
    """Het blok en de oefening met dit nummer (bijv. '4b')."""
    for b in blokken():
        for o in b.oefeningen:
            if o.id == oefening_id:
                return b, o
    bekend = [o.id for b in blokken() for o in b.oefeningen]
    raise RegieFout(f"Oefening '{oefening_id}' bestaat niet in model/opdrachten.yml; bekend zijn: {', '.join(bekend)}.")


def onderdeel(blok_naam: str, sleutel: str) -> Onderdeel:
    """Het onderdeel met deze sleutel in het antwoordbestand (bijv. '4b_uitleg')."""
    b = blok(blok_naam)
    for o in b.onderdelen:
        if o.sleutel == sleutel:
            return o
    raise RegieFout(f"Blok '{b.id}' heeft geen onderdeel '{sleutel}'.")


def oefening_van(blok_naam: str, sleutel: str) -> Oefening:
    """De oefening waar een onderdeel bij hoort."""
    for o in blok(blok_naam).oefeningen:
        if any(d.sleutel == sleutel for d in o.onderdelen):
            return o
    raise RegieFout(f"Blok '{blok_naam}' heeft geen onderdeel '{sleutel}'.")


def titel(blok_naam: str, o: Onderdeel) -> str:
    """De titel van een onderdeel: die van zijn oefening, met het deel erachter als er meer delen zijn."""
    oef = oefening_van(blok_naam, o.sleutel)
    kop = vul_in(oef.titel, laad_casusoefeningen(actieve_casus())) if "{" in oef.titel else oef.titel
    return f"{kop} – {o.deel}" if o.deel and len(oef.onderdelen) > 1 else kop


# --- De casus-eigen delen: casussen/<casus>.oefeningen.yml ----------------------------------------


class CasusOefening(StrengModel):
    """Wat één oefening bij deze casus toont: de lijst om in te vullen en de casus-eigen woorden."""

    onderwerp: str | None = None
    onderwerp_kort: str | None = None
    perspectief: str | None = None
    vraag: str | None = None
    relaties: list[Keuze] = Field(default_factory=list)
    opgaven: list[Keuze] = Field(default_factory=list)
    voorstellen: list[str | dict[str, Any]] = Field(default_factory=list)
    momenten: list[Keuze] = Field(default_factory=list)
    aanvulling: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)


class CasusOefeningen(StrengModel):
    """Het oefeningenbestand naast een casus; bevat geen antwoorden."""

    casus: str = Field(pattern=r"^[a-z0-9-]+$")
    kort: str | None = None
    oefeningen: dict[str, CasusOefening] = Field(default_factory=dict)

    def deel(self, oefening_id: str) -> CasusOefening:
        return self.oefeningen.get(oefening_id) or CasusOefening()

    def keuzes(self, oefening_id: str, casusdeel: Casusdeel) -> list[Keuze]:
        """De relaties, opgaven of momenten van een oefening; voorstellen als Keuze met hun id."""
        waarde = getattr(self.deel(oefening_id), casusdeel)
        if casusdeel != "voorstellen":
            return list(waarde)
        return [Keuze(id=v.id, naam=v.titel) for v in self.voorstellen(oefening_id)]

    def voorstellen(self, oefening_id: str) -> list[Any]:
        """De voorstellen van een oefening als ``schakelbak.Voorstel``: op id uit het model, of hier uitgeschreven."""
        from samenwerkingscode.model import schakelbak

        return [
            schakelbak.voorstel(v) if isinstance(v, str) else schakelbak.Voorstel.model_validate(v)
            for v in self.deel(oefening_id).voorstellen
        ]

    @cached_property
    def teksten(self) -> dict[str, str]:
        """De woorden die de algemene opdrachtteksten voor deze casus invullen ({casus}, {onderwerp}, …)."""
        een_a = self.deel("1a")
        momenten = [m.id for m in self.deel("4b").momenten]
        onderwerp = een_a.onderwerp or "de samenwerking in de casus"
        kort = self.kort or self.casus
        return {
            "casus": kort,
            "onderwerp": onderwerp,
            "onderwerp_kort": een_a.onderwerp_kort or onderwerp,
            "momenten": _opsomming(momenten) if momenten else "de momenten uit de casus",
            "perspectief": self.deel("3a").perspectief or "de partij die het resultaat wil bereiken",
            "situatievraag": self.deel("3b").vraag or f"de partijen in {kort} met de meest tegengestelde doelen",
            "afwegingsvraag": self.deel("3c").vraag
            or "Wat zeggen de rollen van de partijen over mandaat en budget in deze samenwerking?",
        }


def _opsomming(namen: list[str]) -> str:
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"


_actieve_casus: str | None = None


def kies_casus(casus: str) -> None:
    """Kies de casus van dit notebook (de opzetcel doet dat); widgets en controle lezen haar hier."""
    global _actieve_casus
    _actieve_casus = casus


def actieve_casus() -> str:
    """De casus van de cursus: gekozen in het notebook, anders ``$REGIE_CASUS``, anders de standaardcasus."""
    return _actieve_casus or os.environ.get("REGIE_CASUS") or STANDAARD_CASUS


_casuscache: dict[tuple[Any, int], CasusOefeningen] = {}


def laad_casusoefeningen(casus: str = STANDAARD_CASUS) -> CasusOefeningen:
    """Lees ``casussen/<casus>.oefeningen.yml``; ontbreekt het, dan een Nederlandse fout die zegt wat te doen."""
    from samenwerkingscode.model.casus import kit_casus

    pad = kit_casus(f"{casus}.oefeningen.yml")
    if not pad.is_file():
        raise RegieFout(
            f"Bij de casus '{casus}' hoort een oefeningenbestand '{pad}', maar dat bestaat niet. Maak het naar het "
            f"voorbeeld van '{STANDAARD_CASUS}.oefeningen.yml'."
        )
    sleutel = (pad, pad.stat().st_mtime_ns)
    if sleutel not in _casuscache:  # controle en widgets vragen het per onderdeel: één keer lezen
        _casuscache[sleutel] = laad(pad, CasusOefeningen, soort="oefeningenbestand")
    gelezen = _casuscache[sleutel]
    if gelezen.casus != casus:
        raise RegieFout(f"{pad}: het veld 'casus' is '{gelezen.casus}', maar het bestand hoort bij '{casus}'.")
    return gelezen


def vul_in(tekst: str, oefeningen: CasusOefeningen) -> str:
    """Een opdrachttekst voor een casus: {casus}, {onderwerp}, … ingevuld; een onbekende naam is een fout."""
    namen = {n for _, n, _, _ in string.Formatter().parse(tekst) if n}
    onbekend = sorted(namen - set(oefeningen.teksten))
    if onbekend:
        raise RegieFout(
            f"De opdrachttekst gebruikt {', '.join('{' + n + '}' for n in onbekend)}, maar de kit kent alleen "
            f"{', '.join('{' + n + '}' for n in sorted(oefeningen.teksten))}: '{tekst[:80]}…'"
        )
    return tekst.format(**oefeningen.teksten)


def oefencasus(casus: str, oefening_id: str) -> Any:
    """De casus voor het invulscherm van een oefening: het casusbestand plus de aanvulling van de oefening.

    Oefening 2a vraagt ook naar het Praktijknetwerk van de cursisten, dat niet in de casus staat (het is
    geen feit over de casus). De aanvulling wordt als gewone, gecontroleerde casus samengevoegd.
    """
    from samenwerkingscode.model import casus as casusmodel

    pad = casusmodel.kit_casus(casus)
    aanvulling = laad_casusoefeningen(casus).deel(oefening_id).aanvulling
    if not aanvulling:
        return pad
    data = casusmodel.laad_casus(pad).model_dump(mode="json", exclude_none=True)
    for lijst, extra in aanvulling.items():
        data[lijst] = [*data.get(lijst, []), *extra]
    return casusmodel.Casus.model_validate(data)
