"""De beslisboom van de dia's: per opgave van vraag naar samenwerkingsvorm.

De boom staat als data in `model/beslisboom.yml` (vragen, tussenstappen, uitkomsten), zodat een
trainer hem kan aanpassen zonder code. Dit module loopt de boom met een lijst antwoorden
(``"ja"``/``"nee"``) en controleert bij het laden dat de boom klopt: elke verwijzing bestaat, er
is geen kringloop en elke knoop is bereikbaar. Een fout noemt bestand, veld en regel.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from samenwerkingscode import model
from samenwerkingscode.model.vormen import Samenwerkingsvorm
from samenwerkingscode.model.yamlbestand import (
    BestandFout,
    Pad,
    Probleem,
    RegieFout,
    StrengModel,
    YamlDocument,
    bedoel_je,
    lees_yaml,
    veldnaam,
)

Antwoord = Literal["ja", "nee"]
ANTWOORDEN: tuple[str, ...] = ("ja", "nee")


class Optie(StrengModel):
    """Eén antwoord op een vraag, met het label van de dia en de knoop waar het naartoe leidt."""

    antwoord: Antwoord
    label: str = Field(min_length=1)
    naar: str = Field(min_length=1)
    herkomst: Literal["deck", "kit"] = "deck"


class Vraag(StrengModel):
    """Een vraag in de boom; `uitleg` is een uitwerking van de kit voor wie de vraag beantwoordt."""

    id: str = Field(min_length=1)
    vraag: str = Field(min_length=1)
    opties: list[Optie] = Field(min_length=1)
    uitleg: str = ""
    term: str | None = None

    def optie(self, antwoord: str) -> Optie | None:
        return next((o for o in self.opties if o.antwoord == antwoord), None)


class Tussenstap(StrengModel):
    """Een stap die je zonder antwoord passeert, zoals 'Wie zijn mogelijke partners en wat willen ze?'."""

    id: str = Field(min_length=1)
    titel: str = Field(min_length=1)
    tekst: str = Field(min_length=1)
    naar: str = Field(min_length=1)
    vorm: Samenwerkingsvorm | None = None
    term: str | None = None
    herkomst: Literal["deck", "kit"] = "deck"


class Uitkomst(StrengModel):
    """Een eindpunt: titel en acties (van de dia, tenzij herkomst kit), vorm en toelichting (kit)."""

    id: str = Field(min_length=1)
    titel: str = Field(min_length=1)
    acties: list[str] = Field(default_factory=list)
    vorm: Samenwerkingsvorm | None = None
    term: str | None = None
    herkomst: Literal["deck", "kit"] = "deck"
    toelichting: str = ""


Knoop = Vraag | Tussenstap | Uitkomst


class Stap(BaseModel):
    """Eén beantwoorde vraag op het pad."""

    model_config = ConfigDict(frozen=True)

    vraag_id: str
    vraag: str
    antwoord: Antwoord
    label: str


class Wandeling(BaseModel):
    """Het resultaat van een loop door de boom: het pad, en dan een volgende vraag of een uitkomst."""

    model_config = ConfigDict(frozen=True)

    pad: list[Stap]
    volgende_vraag: Vraag | None = None
    uitkomst: Uitkomst | None = None
    vorm: Samenwerkingsvorm | None = None
    knopen: list[str] = Field(default_factory=list)
    tussenstappen: list[Tussenstap] = Field(default_factory=list)

    @property
    def antwoorden(self) -> list[str]:
        return [s.antwoord for s in self.pad]

    @property
    def klaar(self) -> bool:
        return self.uitkomst is not None


class Beslisboom(StrengModel):
    """De hele boom zoals in het modelbestand; `problemen()` controleert de structuur."""

    term: str | None = None
    vertrekpunt: list[str] = Field(default_factory=list)
    begin: str = Field(min_length=1)
    vragen: list[Vraag] = Field(min_length=1)
    tussenstappen: list[Tussenstap] = Field(default_factory=list)
    uitkomsten: list[Uitkomst] = Field(min_length=1)
    _gecontroleerd: bool = PrivateAttr(default=False)

    # --- structuur -----------------------------------------------------------------------------
    def _knopen_met_pad(self) -> Iterator[tuple[Pad, Knoop]]:
        for lijst in ("vragen", "tussenstappen", "uitkomsten"):
            for i, knoop in enumerate(getattr(self, lijst)):
                yield (lijst, i), knoop

    def knoop(self, id: str) -> Knoop:
        for _, k in self._knopen_met_pad():
            if k.id == id:
                return k
        raise RegieFout(f"De beslisboom heeft geen knoop '{id}'")

    def _verwijzingen(self) -> Iterator[tuple[Pad, str, str]]:
        """(pad van het 'naar'-veld, van-id, naar-id) voor elke pijl in de boom."""
        for i, v in enumerate(self.vragen):
            for j, o in enumerate(v.opties):
                yield ("vragen", i, "opties", j, "naar"), v.id, o.naar
        for i, t in enumerate(self.tussenstappen):
            yield ("tussenstappen", i, "naar"), t.id, t.naar

    def problemen(self) -> list[tuple[Pad, str]]:
        """Alle structuurfouten als (pad, Nederlandse melding); leeg als de boom klopt."""
        uit: list[tuple[Pad, str]] = []
        ids: dict[str, Pad] = {}
        for pad, k in self._knopen_met_pad():
            if k.id in ids:
                uit.append(((*pad, "id"), f"het id '{k.id}' komt al voor bij {veldnaam(ids[k.id])}"))
            else:
                ids[k.id] = pad
        for i, v in enumerate(self.vragen):
            gezien: set[str] = set()
            for j, o in enumerate(v.opties):
                if o.antwoord in gezien:
                    uit.append(
                        (
                            ("vragen", i, "opties", j, "antwoord"),
                            f"de vraag '{v.id}' heeft het antwoord '{o.antwoord}' al",
                        )
                    )
                gezien.add(o.antwoord)
        if self.begin not in ids:
            uit.append((("begin",), f"de beginknoop '{self.begin}' bestaat niet{_tip(self.begin, list(ids))}"))
        for pad, van, naar in self._verwijzingen():
            if naar not in ids:
                uit.append((pad, f"'{van}' verwijst naar '{naar}', maar die knoop bestaat niet{_tip(naar, list(ids))}"))
        if uit:
            return uit  # kringlopen en bereikbaarheid zijn pas zinvol als alle verwijzingen kloppen

        pijlen: dict[str, list[tuple[Pad, str]]] = {i: [] for i in ids}
        for pad, van, naar in self._verwijzingen():
            pijlen[van].append((pad, naar))
        # Kringlopen: diepte-eerst zoeken met drie kleuren (0 = nieuw, 1 = op het pad, 2 = klaar).
        kleur = dict.fromkeys(ids, 0)
        stapel: list[str] = []

        def bezoek(id: str) -> None:
            kleur[id] = 1
            stapel.append(id)
            for pad, naar in pijlen[id]:
                if kleur[naar] == 1:
                    kring = [*stapel[stapel.index(naar) :], naar]
                    uit.append((pad, f"de boom bevat een kringloop: {' → '.join(kring)}"))
                elif kleur[naar] == 0:
                    bezoek(naar)
            stapel.pop()
            kleur[id] = 2

        bezoek(self.begin)
        for id in ids:
            if kleur[id] == 0:
                bezoek(id)
        if uit:
            return uit
        bereikbaar = {self.begin}
        rand = [self.begin]
        while rand:
            for _, naar in pijlen[rand.pop()]:
                if naar not in bereikbaar:
                    bereikbaar.add(naar)
                    rand.append(naar)
        for id, pad in ids.items():
            if id not in bereikbaar:
                uit.append(((*pad, "id"), f"de knoop '{id}' is vanaf het begin ('{self.begin}') niet bereikbaar"))
        return uit

    # --- lopen ---------------------------------------------------------------------------------
    def loop(self, antwoorden: Sequence[str]) -> Wandeling:
        """Loop de boom met deze antwoorden; stopt bij de volgende onbeantwoorde vraag of een uitkomst."""
        if isinstance(antwoorden, str):
            raise RegieFout(
                f"Geef de antwoorden als lijst, bijvoorbeeld ['nee', 'ja'], niet als losse tekst ('{antwoorden}')"
            )
        pad: list[Stap] = []
        knopen: list[str] = []
        tussen: list[Tussenstap] = []
        huidig = self._passeer(self.knoop(self.begin), knopen, tussen)
        for nummer, ruw in enumerate(antwoorden, start=1):
            if isinstance(huidig, Uitkomst):
                over = len(antwoorden) - nummer + 1
                raise RegieFout(
                    f"Na de uitkomst '{huidig.titel}' volgen geen vragen meer, maar je gaf nog {over} "
                    f"antwoord{'en' if over > 1 else ''} (vanaf antwoord {nummer}). Haal de laatste antwoorden weg "
                    "of begin opnieuw."
                )
            assert isinstance(huidig, Vraag)
            antwoord = ruw.strip().lower() if isinstance(ruw, str) else None
            optie = huidig.optie(antwoord) if antwoord else None
            if optie is None:
                mogelijk = " of ".join(f"'{o.antwoord}'" for o in huidig.opties)
                raise RegieFout(
                    f"Antwoord {nummer} ({ruw!r}) past niet bij de vraag '{huidig.vraag}'; kies {mogelijk}."
                )
            pad.append(Stap(vraag_id=huidig.id, vraag=huidig.vraag, antwoord=optie.antwoord, label=optie.label))
            huidig = self._passeer(self.knoop(optie.naar), knopen, tussen)
        if isinstance(huidig, Uitkomst):
            vorm = huidig.vorm
        else:
            vorm = next((t.vorm for t in reversed(tussen) if t.vorm is not None), None)
        return Wandeling(
            pad=pad,
            volgende_vraag=huidig if isinstance(huidig, Vraag) else None,
            uitkomst=huidig if isinstance(huidig, Uitkomst) else None,
            vorm=vorm,
            knopen=knopen,
            tussenstappen=tussen,
        )

    def _passeer(self, knoop: Knoop, knopen: list[str], tussen: list[Tussenstap]) -> Vraag | Uitkomst:
        """Loop door tussenstappen heen tot een vraag of uitkomst; houdt bij welke knopen je passeert."""
        while True:
            knopen.append(knoop.id)
            if not isinstance(knoop, Tussenstap):
                return knoop
            tussen.append(knoop)
            knoop = self.knoop(knoop.naar)

    def alle_wandelingen(self) -> list[Wandeling]:
        """Elk volledig pad van het begin tot een uitkomst, in de volgorde van de opties."""
        uit: list[Wandeling] = []

        def verder(antwoorden: list[str]) -> None:
            w = self.loop(antwoorden)
            if w.volgende_vraag is None:
                uit.append(w)
                return
            for optie in w.volgende_vraag.opties:
                verder([*antwoorden, optie.antwoord])

        verder([])
        return uit


def _tip(naam: str, bekend: list[str]) -> str:
    return bedoel_je(naam, bekend)


def laad_beslisboom() -> Beslisboom:
    """De beslisboom uit `model/beslisboom.yml` (of REGIE_MODEL_MAP), gecontroleerd op structuur."""
    boom = model.laad("beslisboom", Beslisboom)
    if not boom._gecontroleerd:
        problemen = boom.problemen()
        if problemen:
            pad = model.model_pad("beslisboom")
            try:
                document: YamlDocument | None = lees_yaml(pad, "modelbestand")
            except BestandFout:  # het bestand is intussen weg of kapot: meld dan zonder regelnummer
                document = None
            raise BestandFout(
                pad,
                [Probleem(m, veld=veldnaam(p), regel=document.regel(p) if document else None) for p, m in problemen],
            )
        boom._gecontroleerd = True
    return boom


def loop(antwoorden: Sequence[str]) -> Wandeling:
    """Loop de beslisboom met antwoorden 'ja'/'nee'; zie `Beslisboom.loop`."""
    return laad_beslisboom().loop(antwoorden)


def vragen() -> list[Vraag]:
    """Alle vragen, in de volgorde van het modelbestand."""
    return list(laad_beslisboom().vragen)


def uitkomsten() -> list[Uitkomst]:
    """Alle uitkomsten, in de volgorde van het modelbestand."""
    return list(laad_beslisboom().uitkomsten)


def alle_wandelingen() -> list[Wandeling]:
    """Elk volledig pad door de beslisboom (handig voor de tekening en voor tests)."""
    return laad_beslisboom().alle_wandelingen()
