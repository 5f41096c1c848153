"""Nakijken: zelfcontrole in de widgets, de beoordeelde checks voor nbgrader en "Controleer mijn opdracht".

Zelfcontrole zonder het antwoord te verklappen
-----------------------------------------------
Een deelnemer wil direct weten of een keuze klopt, maar het notebook mag het goede antwoord niet
bevatten. Daarom krijgt een widget alleen een *vingerafdruk* per vraag: de sha256 (hex) van

    ZOUT + "\\x1f" + oefening + "\\x1f" + sleutel + "\\x1f" + antwoord

met ``ZOUT`` hieronder, ``sleutel`` de vraag binnen de oefening (bijvoorbeeld een relatie-id) en
``antwoord`` genormaliseerd (spaties eromheen weg, kleine letters). Het scheidingsteken ``\\x1f``
voorkomt dat ``("a", "bc")`` en ``("ab", "c")`` dezelfde afdruk krijgen; de oefening en de sleutel
in de afdruk voorkomen dat een afdruk van de ene vraag bij een andere past.

Een widget vergelijkt de afdruk van de keuze van de deelnemer met de gegeven afdruk (:func:`klopt`).
Bij vier keuzemogelijkheden kan iemand alle vier proberen: dat is hetzelfde als proberen in de
widget en is de bedoeling van een zelfcontrole. Het zout maakt alleen dat een afdruk niet in
een algemene tabel van sha256-waarden op te zoeken is. Dezelfde werkwijze gebruiken de
werkbladen van UBC (``hash`` van antwoord plus zout).

Het notebook (de bronversie van de trainer) maakt de afdrukken met :func:`vingerafdruk`; in de
deelnemersversie staan alleen de hexwaarden.

Beoordelen in nbgrader
----------------------
nbgrader kan de stand van een widget niet zien; de testcellen lezen daarom het antwoordbestand
(alleen lezen, met terugval op de back-up) en geven de behaalde punten als laatste expressie:
:func:`canvas_volledig`, :func:`vormen_score`, :func:`beslisboom_score`, :func:`voorstellen_score`
en :func:`toets_volledig`. Het modelantwoord (``verwacht``) staat alleen in het verborgen deel van
de testcel; het zichtbare deel (:func:`toon_status`) zegt alleen of er een antwoord is.

Controleer mijn opdracht
------------------------
:func:`controleer_opdracht` zegt per onderdeel van een blok wat nog leeg of onvolledig is, zonder
te zeggen of iets goed is. Welke onderdelen een blok heeft, staat in ``model/opdrachten.yml``
(zonder antwoorden); het generatorscript van de notebooks leest hetzelfde bestand.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from samenwerkingscode.antwoorden import Antwoorden, lees_antwoorden

ZOUT = "regisseur-van-de-samenwerking/zelfcontrole/v1"
"""Vast zout; wijzig je het, dan moeten alle afdrukken in de notebooks opnieuw gemaakt worden."""

_SCHEIDING = "\x1f"


def _normaliseer(antwoord: object) -> str:
    """Een antwoord zoals het vergeleken wordt: tekst, zonder spaties eromheen, in kleine letters."""
    waarde = getattr(antwoord, "value", antwoord)  # een StrEnum (Samenwerkingsvorm) telt als zijn sleutel
    return str(waarde).strip().casefold()


def vingerafdruk(oefening: str, sleutel: str, antwoord: str) -> str:
    """De sha256 (hex) van zout, oefening, sleutel en antwoord: vergelijkbaar, niet terug te lezen."""
    tekst = _SCHEIDING.join([ZOUT, str(oefening).strip(), str(sleutel).strip(), _normaliseer(antwoord)])
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def klopt(afdruk: str, oefening: str, sleutel: str, antwoord: str | None) -> bool:
    """Of ``antwoord`` de gegeven vingerafdruk heeft; een leeg antwoord klopt nooit."""
    if antwoord is None or not _normaliseer(antwoord):
        return False
    return hmac.compare_digest(vingerafdruk(oefening, sleutel, antwoord), str(afdruk).strip().lower())


# =============================================================================================
# Beoordeelde checks voor nbgrader en "Controleer mijn opdracht"
# =============================================================================================
#
# nbgrader (0.9.6, ``nbgrader.utils.determine_grade``) kent een testcel punten toe aan de hand
# van haar uitvoer, in deze volgorde:
#
# - een ``error`` of iets op ``stderr`` → 0 punten;
# - de eerste ``execute_result`` (de laatste expressie van de cel) die als getal te lezen is:
#   tussen 0 en het maximum → precies die deelpunten; groter dan het maximum → een fout in het
#   nakijken; negatief of geen getal → het volle aantal punten (!);
# - geen ``execute_result`` → het volle aantal punten.
#
# Daarom geeft elke beoordelende functie hieronder *altijd* een float tussen 0 en ``punten``
# terug, schrijft ze meldingen alleen naar stdout (nooit naar stderr) en crasht ze nooit: een
# ontbrekend of beschadigd antwoordbestand geeft 0 punten en een Nederlandse melding.


Opslag = Antwoorden | str | os.PathLike[str] | Mapping[str, Any]
"""Een antwoordbestand: het object uit het notebook, een notebooknaam of pad, of een al gelezen document."""

Soort = Literal["canvas", "reflectie", "vormen", "beslisboom", "situatie", "voorstellen", "toets", "schakelen"]


# --- De onderdelen per blok (model/opdrachten.yml) ----------------------------------------------


class _Keuze(BaseModel):
    """Iets wat een deelnemer moet invullen: een relatie, opgave, moment of voorstel."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    naam: str = Field(min_length=1)


class Onderdeel(BaseModel):
    """Eén in te leveren onderdeel van een blok; bevat nooit een antwoord."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    oefening: str = Field(min_length=1)
    titel: str = Field(min_length=1)
    soort: Soort
    beoordeling: Literal["automatisch", "handmatig"]
    punten: float = Field(ge=0)
    woorden: tuple[int, int] | None = None
    relaties: list[_Keuze] = Field(default_factory=list)
    opgaven: list[_Keuze] = Field(default_factory=list)
    momenten: list[_Keuze] = Field(default_factory=list)
    voorstellen: list[_Keuze] = Field(default_factory=list)
    casus: str | None = None
    aanvulling: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)


class _Blok(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    titel: str
    onderdelen: list[Onderdeel] = Field(min_length=1)


class Opdrachten(BaseModel):
    """Alle blokken met hun onderdelen, zoals ``model/opdrachten.yml`` ze beschrijft."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    blokken: dict[str, _Blok]


def laad_opdrachten() -> Opdrachten:
    """Lees ``model/opdrachten.yml`` (of de versie van de trainer via ``REGIE_MODEL_MAP``)."""
    from samenwerkingscode.model import laad

    return laad("opdrachten", Opdrachten)


def onderdelen(blok: str) -> list[Onderdeel]:
    """De onderdelen van een blok in de volgorde van het notebook; onbekend blok → Nederlandse fout."""
    alle = laad_opdrachten().blokken
    if blok not in alle:
        from samenwerkingscode.yamlbestand import RegieFout

        raise RegieFout(f"Onbekend blok '{blok}'; de kit kent: {', '.join(alle)}.")
    return list(alle[blok].onderdelen)


def onderdeel(blok: str, oefening: str) -> Onderdeel:
    """Het onderdeel met deze sleutel in het antwoordbestand (bijv. ``"4b_uitleg"``)."""
    for o in onderdelen(blok):
        if o.oefening == oefening:
            return o
    from samenwerkingscode.yamlbestand import RegieFout

    raise RegieFout(f"Blok '{blok}' heeft geen onderdeel '{oefening}'.")


def oefencasus(blok: str, oefening: str) -> Any:
    """De casus voor de widget van een onderdeel: het kitbestand, met de aanvulling uit opdrachten.yml.

    Oefening 2a vraagt ook naar het Praktijknetwerk van de cursisten, dat niet in de casus
    Springendal staat (het is geen feit over Springendal). De aanvulling wordt als gewone, gecontroleerde
    casus samengevoegd; lukt dat niet, dan krijgt de widget het bestand en toont zij haar eigen melding.
    """
    from samenwerkingscode import casus as casusmodel

    o = onderdeel(blok, oefening)
    pad = casusmodel.kit_casus(o.casus or "springendal-mosbeek")
    if not o.aanvulling:
        return pad
    try:
        data = casusmodel.laad_casus(pad).model_dump(mode="json", exclude_none=True)
        for lijst, extra in o.aanvulling.items():
            data[lijst] = [*data.get(lijst, []), *extra]
        return casusmodel.Casus.model_validate(data)
    except Exception:
        return pad


# --- Het antwoordbestand veilig lezen -----------------------------------------------------------


def _meld(tekst: str) -> None:
    """Een melding voor deelnemer en trainer: op stdout, want stderr kost in nbgrader alle punten."""
    print(tekst, flush=True)


def _lees_oefeningen(opslag: Opslag, meldingen: list[str]) -> dict[str, Any] | None:
    """De oefeningen uit het antwoordbestand; ``None`` (met een melding) als er niets te lezen valt."""
    try:
        if isinstance(opslag, Mapping):
            document: Any = opslag
        else:
            pad = opslag.pad if isinstance(opslag, Antwoorden) else opslag
            document = lees_antwoorden(pad, meldingen)
    except Exception as fout:  # het nakijken mag nooit crashen: 0 punten met een melding
        meldingen.append(f"Het antwoordbestand kon niet worden gelezen ({fout}).")
        return None
    oefeningen = document.get("oefeningen") if isinstance(document, Mapping) else None
    if not isinstance(oefeningen, Mapping):
        meldingen.append("Het antwoordbestand heeft niet de verwachte opbouw.")
        return None
    return dict(oefeningen)


def _antwoord(opslag: Opslag, oefening: str, meldingen: list[str]) -> dict[str, Any] | None:
    oefeningen = _lees_oefeningen(opslag, meldingen)
    if oefeningen is None:
        return None
    waarde = oefeningen.get(oefening)
    return dict(waarde) if isinstance(waarde, Mapping) else None


def _als_tekst(waarde: Any) -> str:
    """Tekst of een lijst regels uit het antwoordbestand als één tekst; iets anders telt als leeg."""
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, Sequence) and not isinstance(waarde, bytes):
        return "\n".join(str(w) for w in waarde if isinstance(w, str | int | float))
    return ""


def _mapping(waarde: Any) -> dict[str, Any]:
    return {str(k): v for k, v in waarde.items()} if isinstance(waarde, Mapping) else {}


def _punten(punten: float, goed: float, totaal: float) -> float:
    """Deelpunten, afgerond op twee decimalen en nooit buiten [0, punten] (zie de nbgrader-regel boven)."""
    if totaal <= 0:
        return 0.0
    waarde = round(float(punten) * goed / totaal, 2)
    return float(min(max(waarde, 0.0), float(punten)))


def _controleer_punten(punten: float) -> float:
    if isinstance(punten, bool) or not isinstance(punten, int | float) or not math.isfinite(punten) or punten < 0:
        raise ValueError(f"Het aantal punten moet een getal van 0 of meer zijn (nu: {punten!r}).")
    return float(punten)


def _beoordeel(oefening: str, punten: float, opslag: Opslag, reken: Any) -> float:
    """Gemeenschappelijk raamwerk: lees, reken, meld; bij elk probleem 0 punten en een melding."""
    punten = _controleer_punten(punten)
    meldingen: list[str] = []
    try:
        # Een Python-waarschuwing komt op stderr en kost in nbgrader alle punten: hier onderdrukken.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            antwoord = _antwoord(opslag, oefening, meldingen)
            if antwoord is None:
                uitkomst, uitleg = 0.0, f"Oefening {oefening}: er is nog geen antwoord opgeslagen."
            else:
                uitkomst, uitleg = reken(antwoord)
    except Exception as fout:  # nooit crashen in een testcel
        uitkomst, uitleg = 0.0, f"Oefening {oefening}: het antwoord kon niet worden nagekeken ({fout})."
    for melding in meldingen:
        _meld(f"Let op: {melding}")
    resultaat = float(min(max(uitkomst, 0.0), punten))
    _meld(f"{uitleg} Punten: {_getal(resultaat)} van {_getal(punten)}.")
    return resultaat


def _getal(x: float) -> str:
    return f"{x:g}".replace(".", ",")


# --- Beoordelende checks ------------------------------------------------------------------------


def canvas_volledig(opslag: Opslag, oefening: str, punten: float) -> float:
    """Deelpunten voor de volledigheid van het canvas: ``punten`` × gevulde velden / 9."""
    from samenwerkingscode import canvas as canvasmodel

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        velden = _mapping(antwoord.get("velden"))
        vol = canvasmodel.volledigheid({k: _als_tekst(v) for k, v in velden.items()})
        totaal = len(vol.gevuld) + len(vol.leeg)
        return _punten(
            punten, len(vol.gevuld), totaal
        ), f"Oefening {oefening}: {len(vol.gevuld)} van de {totaal} velden gevuld."

    return _beoordeel(oefening, punten, opslag, reken)


def _tel_goed(gegeven: Mapping[str, Any], verwacht: Mapping[str, str | Collection[str]]) -> int:
    goed = 0
    for sleutel, juist in verwacht.items():
        keuze = gegeven.get(sleutel)
        if not isinstance(keuze, str) or not keuze.strip():
            continue
        opties = {juist} if isinstance(juist, str) else set(juist)
        if keuze.strip().casefold() in {str(o).strip().casefold() for o in opties}:
            goed += 1
    return goed


def vormen_score(opslag: Opslag, oefening: str, verwacht: Mapping[str, str], punten: float) -> float:
    """Deelpunten voor 2a: ``punten`` × (relaties met de verwachte vorm) / (aantal beoordeelde relaties)."""

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        goed = _tel_goed(_mapping(antwoord.get("keuzes")), {k: str(v) for k, v in verwacht.items()})
        return _punten(
            punten, goed, len(verwacht)
        ), f"Oefening {oefening}: {goed} van de {len(verwacht)} beoordeelde relaties goed ingedeeld."

    return _beoordeel(oefening, punten, opslag, reken)


def beslisboom_uitkomst(antwoorden: Any) -> str | None:
    """De uitkomst-id van een gelopen pad, of ``None`` als het pad onaf of ongeldig is."""
    from samenwerkingscode import beslisboom

    if not isinstance(antwoorden, Sequence) or isinstance(antwoorden, str):
        return None
    if not all(isinstance(a, str) for a in antwoorden):
        return None
    try:
        wandeling = beslisboom.loop(list(antwoorden))
    except Exception:
        return None
    return wandeling.uitkomst.id if wandeling.uitkomst is not None else None


def beslisboom_score(
    opslag: Opslag, oefening: str, verwacht: Mapping[str, str | Collection[str]], punten: float
) -> float:
    """Deelpunten voor 3a: per opgave een punt-aandeel als de bereikte uitkomst (een van) de verwachte is.

    Een opgave mag meer goede uitkomsten hebben, bijvoorbeeld beide takken na "Gezamenlijk doel
    mogelijk?" als de opdracht vooral vraagt dát je die vraag bereikt en beantwoordt.
    """

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        opgaven = _mapping(antwoord.get("opgaven"))
        uitkomsten = {k: beslisboom_uitkomst(_mapping(v).get("antwoorden")) for k, v in opgaven.items()}
        goed = _tel_goed({k: u for k, u in uitkomsten.items() if u}, verwacht)
        return _punten(
            punten, goed, len(verwacht)
        ), f"Oefening {oefening}: {goed} van de {len(verwacht)} opgaven met de verwachte uitkomst."

    return _beoordeel(oefening, punten, opslag, reken)


def voorstellen_score(opslag: Opslag, oefening: str, verwacht: Mapping[str, str], punten: float) -> float:
    """Deelpunten voor 4a: per voorstel de indeling trade-off of compromis."""

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        goed = _tel_goed(_mapping(antwoord.get("indeling")), {k: str(v) for k, v in verwacht.items()})
        return _punten(
            punten, goed, len(verwacht)
        ), f"Oefening {oefening}: {goed} van de {len(verwacht)} voorstellen goed ingedeeld."

    return _beoordeel(oefening, punten, opslag, reken)


def _toets_ontbrekend(scores: Any) -> list[str]:
    """De deelvragen zonder geldige score op de toetsschaal (``niet_van_toepassing`` telt als gescoord)."""
    from samenwerkingscode import toets

    geldig = set(toets.SCHAALSLEUTELS)
    gegeven = _mapping(scores)
    return [s for s in toets.deelvraag_sleutels() if gegeven.get(s) not in geldig]


def toets_volledig(
    opslag: Opslag, oefening: str, momenten: Sequence[str], punten: float, *, per_deelvraag: bool = False
) -> float:
    """Deelpunten voor volledig scoren: per moment een aandeel als álle deelvragen gescoord zijn.

    Met ``per_deelvraag=True`` telt elke gescoorde deelvraag mee (voor één moment, zoals 5a), zodat
    bijna af ook bijna alle punten geeft.
    """
    from samenwerkingscode import toets

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        per_moment = _mapping(antwoord.get("momenten"))
        if per_deelvraag:
            totaal = len(toets.deelvraag_sleutels()) * len(momenten)
            gescoord = sum(totaal // len(momenten) - len(_toets_ontbrekend(per_moment.get(m))) for m in momenten)
            return _punten(
                punten, gescoord, totaal
            ), f"Oefening {oefening}: {gescoord} van de {totaal} deelvragen gescoord."
        compleet = [m for m in momenten if not _toets_ontbrekend(per_moment.get(m))]
        return _punten(punten, len(compleet), len(momenten)), (
            f"Oefening {oefening}: {len(compleet)} van de {len(momenten)} momenten volledig gescoord."
        )

    if not momenten:
        raise ValueError("Geef minstens één moment op.")
    return _beoordeel(oefening, punten, opslag, reken)


def woorden(tekst: str) -> int:
    """Het aantal woorden in een tekst, zoals de opdrachten het tellen."""
    return len(tekst.split())


def reflectie_ingevuld(opslag: Opslag, oefening: str, min_woorden: int = 1) -> bool:
    """Of een reflectie minstens ``min_woorden`` woorden heeft: alleen voor de eigen controle, geen punten."""
    meldingen: list[str] = []
    antwoord = _antwoord(opslag, oefening, meldingen)
    return antwoord is not None and woorden(_als_tekst(antwoord.get("tekst"))) >= max(min_woorden, 1)


def _situatienaam(nummer: Any) -> str:
    """'5 – <naam>' uit de typologie, zodat de trainer niet hoeft op te zoeken welke situatie het is."""
    if not isinstance(nummer, int) or isinstance(nummer, bool):
        return "nog geen keuze"
    try:
        from samenwerkingscode import typologie

        return f"{nummer} – {typologie.situatie(nummer).naam}"
    except Exception:
        return str(nummer)


def _vormnaam(sleutel: str) -> str:
    try:
        from samenwerkingscode import vormen

        return f"{vormen.naam(sleutel)} ({sleutel})"
    except Exception:
        return sleutel


def toon_reflectie(opslag: Opslag, oefening: str) -> None:
    """Toon de reflectie uit het antwoordbestand, zodat de trainer haar in formgrader naast de rubric ziet."""
    meldingen: list[str] = []
    antwoord = _antwoord(opslag, oefening, meldingen)
    for melding in meldingen:
        _meld(f"Let op: {melding}")
    tekst = _als_tekst(antwoord.get("tekst")).strip() if antwoord else ""
    extra: list[str] = []
    if antwoord and "situatie" in antwoord:
        extra.append(f"Gekozen situatie: {_situatienaam(antwoord.get('situatie'))}")
    if antwoord and "huidige_vorm" in antwoord:
        vorm = antwoord.get("huidige_vorm")
        signalen = [s for s in antwoord.get("signalen") or [] if isinstance(s, str)]
        extra.append(f"Huidige vorm: {_vormnaam(vorm) if isinstance(vorm, str) and vorm else 'nog niet gekozen'}")
        extra.append(f"Signalen: {', '.join(signalen) if signalen else 'geen'}")
    kop = f"Antwoord op {oefening} ({woorden(tekst)} woorden)"
    _meld("\n".join([kop, "-" * len(kop), *extra, tekst or "(nog leeg)"]))


# --- Controleer mijn opdracht -------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Hoe ver één onderdeel is: klaar of niet, en wat er nog ontbreekt (nooit of het goed is)."""

    id: str
    titel: str
    klaar: bool
    melding: str

    def regel(self) -> str:
        return f"{self.id} – {self.titel}: {self.melding}"


@dataclass(frozen=True)
class Rapport:
    """Het overzicht van "Controleer mijn opdracht" voor één blok."""

    blok: str
    onderdelen: list[Status]
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def klaar(self) -> bool:
        return all(s.klaar for s in self.onderdelen)

    def status(self, oefening_of_id: str) -> Status:
        """De status van één onderdeel, op titel-id of (het begin van) de regel."""
        for s in self.onderdelen:
            if oefening_of_id in (s.id, s.regel()):
                return s
        raise KeyError(oefening_of_id)

    def tekst(self) -> str:
        regels = [f"Controleer mijn opdracht – {self.blok}"]
        regels += [f"Let op: {w}" for w in self.waarschuwingen]
        regels += [("✓ " if s.klaar else "✗ ") + s.regel() for s in self.onderdelen]
        if self.klaar:
            regels.append("Alles is ingevuld. Je kunt je opdracht inleveren.")
        else:
            nog = sum(not s.klaar for s in self.onderdelen)
            regels.append(
                f"Nog {nog} {'onderdeel' if nog == 1 else 'onderdelen'} niet af. Vul aan en klik opnieuw op "
                "'Controleer mijn opdracht'. Deze controle zegt alleen wat er nog leeg is, niet of je antwoord goed is."
            )
        return "\n".join(regels)

    def __str__(self) -> str:
        return self.tekst()

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(self.tekst())

    def _repr_html_(self) -> str:
        import html

        items = "".join(
            f'<li style="color:{"#1e6b3a" if s.klaar else "#a11d1d"}">{"✓" if s.klaar else "✗"} '
            f"{html.escape(s.regel())}</li>"
            for s in self.onderdelen
        )
        let_op = "".join(f"<p><strong>Let op:</strong> {html.escape(w)}</p>" for w in self.waarschuwingen)
        slot = html.escape(self.tekst().splitlines()[-1])
        return f"<div class='regie-controle'>{let_op}<ul>{items}</ul><p>{slot}</p></div>"


def _opsomming(namen: Sequence[str]) -> str:
    return ", ".join(namen)


def _status_canvas(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    from samenwerkingscode import canvas as canvasmodel

    velden = _mapping(antwoord.get("velden"))
    vol = canvasmodel.volledigheid({k: _als_tekst(v) for k, v in velden.items()})
    if not vol.gevuld:
        return False, "nog leeg"
    if vol.leeg:
        namen = [canvasmodel.veld(s).titel for s in vol.leeg]
        return False, f"nog {len(vol.leeg)} {'veld' if len(vol.leeg) == 1 else 'velden'} leeg ({_opsomming(namen)})"
    return True, f"alle {len(vol.gevuld)} velden gevuld"


def _woordhint(o: Onderdeel, tekst: str) -> str:
    n = woorden(tekst)
    if o.woorden is None:
        return f"ingevuld ({n} woorden)"
    laag, hoog = o.woorden
    if n < laag:
        return f"ingevuld, maar kort: {n} woorden (gevraagd: {laag} tot {hoog})"
    if n > hoog:
        return f"ingevuld, maar lang: {n} woorden (gevraagd: {laag} tot {hoog})"
    return f"ingevuld ({n} woorden)"


def _status_reflectie(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    tekst = _als_tekst(antwoord.get("tekst"))
    if not tekst.strip():
        return False, "nog leeg"
    return True, _woordhint(o, tekst)


def _status_situatie(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    situatie = antwoord.get("situatie")
    gekozen = isinstance(situatie, int) and not isinstance(situatie, bool)
    tekst = _als_tekst(antwoord.get("tekst"))
    if not gekozen and not tekst.strip():
        return False, "nog leeg"
    if not gekozen:
        return False, "nog geen situatie gekozen"
    if not tekst.strip():
        return False, "situatie gekozen, maar de toelichting is nog leeg"
    return True, _woordhint(o, tekst)


def _status_vormen(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    keuzes = _mapping(antwoord.get("keuzes"))
    motivaties = _mapping(antwoord.get("motivaties"))
    zonder_vorm = [r.naam for r in o.relaties if not (isinstance(keuzes.get(r.id), str) and keuzes[r.id].strip())]
    zonder_motivatie = [r.naam for r in o.relaties if not _als_tekst(motivaties.get(r.id)).strip()]
    if len(zonder_vorm) == len(o.relaties) and len(zonder_motivatie) == len(o.relaties):
        return False, "nog leeg"
    delen = []
    if zonder_vorm:
        delen.append(f"nog geen vorm gekozen voor {_opsomming(zonder_vorm)}")
    if zonder_motivatie:
        delen.append(f"nog geen motivatie bij {_opsomming(zonder_motivatie)}")
    if delen:
        return False, "; ".join(delen)
    return True, f"alle {len(o.relaties)} relaties ingedeeld en gemotiveerd"


def _status_beslisboom(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    opgaven = _mapping(antwoord.get("opgaven"))
    onaf = [g.naam for g in o.opgaven if beslisboom_uitkomst(_mapping(opgaven.get(g.id)).get("antwoorden")) is None]
    if len(onaf) == len(o.opgaven) and not any(_mapping(v).get("antwoorden") for v in opgaven.values()):
        return False, "nog leeg"
    if onaf:
        return False, f"nog geen uitkomst bij {_opsomming(onaf)} (loop de beslisboom tot het einde)"
    return True, f"voor alle {len(o.opgaven)} opgaven een uitkomst bereikt"


def _status_voorstellen(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    indeling = _mapping(antwoord.get("indeling"))
    open_ = [v.naam for v in o.voorstellen if indeling.get(v.id) not in ("trade_off", "compromis")]
    if len(open_) == len(o.voorstellen):
        return False, "nog leeg"
    if open_:
        return False, f"nog niet ingedeeld: {_opsomming(open_)}"
    return True, f"alle {len(o.voorstellen)} voorstellen ingedeeld"


def _status_toets(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    from samenwerkingscode import toets

    per_moment = _mapping(antwoord.get("momenten"))
    totaal = len(toets.deelvraag_sleutels())
    open_ = []
    for m in o.momenten:
        ontbreekt = len(_toets_ontbrekend(per_moment.get(m.id)))
        if ontbreekt:
            open_.append(f"{m.naam}: nog {ontbreekt} van de {totaal} deelvragen niet gescoord")
    if len(open_) == len(o.momenten) and all(
        len(_toets_ontbrekend(per_moment.get(m.id))) == totaal for m in o.momenten
    ):
        return False, "nog leeg"
    if open_:
        return False, "; ".join(open_)
    return True, f"alle deelvragen gescoord voor {_opsomming([m.naam for m in o.momenten])}"


def _status_schakelen(o: Onderdeel, antwoord: dict[str, Any]) -> tuple[bool, str]:
    vorm = antwoord.get("huidige_vorm")
    tekst = _als_tekst(antwoord.get("tekst"))
    heeft_vorm = isinstance(vorm, str) and bool(vorm.strip())
    if not heeft_vorm and not tekst.strip():
        return False, "nog leeg"
    if not heeft_vorm:
        return False, "nog geen huidige samenwerkingsvorm gekozen in de Schakelbak"
    if not tekst.strip():
        return False, "de interventie is nog leeg"
    return True, _woordhint(o, tekst)


_STATUS = {
    "canvas": _status_canvas,
    "reflectie": _status_reflectie,
    "situatie": _status_situatie,
    "vormen": _status_vormen,
    "beslisboom": _status_beslisboom,
    "voorstellen": _status_voorstellen,
    "toets": _status_toets,
    "schakelen": _status_schakelen,
}


def _status(o: Onderdeel, oefeningen: Mapping[str, Any] | None) -> Status:
    waarde = oefeningen.get(o.oefening) if oefeningen is not None else None
    if not isinstance(waarde, Mapping):
        return Status(o.id, o.titel, False, "nog leeg")
    try:
        klaar, melding = _STATUS[o.soort](o, dict(waarde))
    except Exception as fout:  # een vreemd opgeslagen antwoord: melden, niet crashen
        klaar, melding = False, f"het opgeslagen antwoord kon niet worden gelezen ({fout})"
    return Status(o.id, o.titel, klaar, melding)


def controleer_opdracht(blok: str, opslag: Opslag) -> Rapport:
    """Zeg per onderdeel wat nog leeg of onvolledig is, vóór het inleveren; zegt nooit of iets goed is."""
    meldingen: list[str] = []
    oefeningen = _lees_oefeningen(opslag, meldingen)
    return Rapport(blok, [_status(o, oefeningen) for o in onderdelen(blok)], meldingen)


def toon_status(opslag: Opslag, blok: str, oefening: str) -> None:
    """Het zichtbare deel van een testcel: laat zien of het antwoord er is, zonder punten of oordeel."""
    meldingen: list[str] = []
    try:
        oefeningen = _lees_oefeningen(opslag, meldingen)
        status = _status(onderdeel(blok, oefening), oefeningen)
        tekst = status.regel()
    except Exception as fout:
        tekst = f"Oefening {oefening}: de stand kon niet worden bepaald ({fout})."
    for melding in meldingen:
        _meld(f"Let op: {melding}")
    _meld(tekst)


class ControleerKnop:
    """De stap "Controleer mijn opdracht": een knop met het rapport eronder.

    In JupyterLab ververst een klik het rapport (de deelnemer vult intussen widgets in). Waar geen
    widgets draaien (de feedback-HTML van nbgrader, formgrader, een tekstweergave) staat het rapport
    als HTML en tekst in dezelfde uitvoer.
    """

    def __init__(self, blok: str, opslag: Opslag) -> None:
        import ipywidgets as widgets

        from samenwerkingscode.widgets._basis import brede_knop

        self.blok = blok
        self.opslag = opslag
        self.uitvoer = widgets.HTML()
        self.knop = widgets.Button(
            description="Controleer mijn opdracht", icon="check", button_style="primary", layout=brede_knop()
        )
        self.knop.on_click(self.ververs)
        self.widget = widgets.VBox([self.knop, self.uitvoer])
        self.rapport = self.ververs()

    def ververs(self, _knop: Any = None) -> Rapport:
        """Lees het antwoordbestand opnieuw en toon het rapport."""
        self.rapport = controleer_opdracht(self.blok, self.opslag)
        self.uitvoer.value = self.rapport._repr_html_()
        return self.rapport

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = self.rapport.tekst()
        bundel["text/html"] = self.rapport._repr_html_()
        return bundel


def controleer_knop(blok: str, opslag: Opslag) -> ControleerKnop:
    """De knop "Controleer mijn opdracht" voor de laatste cel van een bloknotebook."""
    return ControleerKnop(blok, opslag)
