"""De beoordeelde checks: deelpunten uit het antwoordbestand, voor nbgrader en voor de trainer.

nbgrader kan de stand van een widget niet zien; de testcellen lezen daarom het antwoordbestand
(alleen lezen, met terugval op de back-up) en geven de behaalde punten als laatste expressie. Een
testcel is één regel: ``nakijken.beoordeel("blok2", "2a", verwacht={...})``; punten, soort en
casus komen uit ``model/opdrachten.yml``, de sleutel ``verwacht`` staat alleen in het verborgen deel.

Nooit een stille nul: kan een check niet draaien (een kapot modelbestand, een fout in de kit, een
onherstelbaar antwoordbestand), dan drukt hij een regel af die begint met :data:`NAKIJKFOUT`. De
trainer ziet die inlevering dan als "nakijken mislukt" (``regie cursus beoordeel``). Een leeg antwoord
is geen fout: dat geeft 0 punten met "nog leeg".
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from samenwerkingscode.model import opdrachten
from samenwerkingscode.nakijken.lezen import Opslag, als_tekst, antwoord_van, lees_oefeningen, mapping, meld

NAKIJKFOUT = "REGIE-NAKIJKFOUT:"
"""Het begin van de regel waaraan de trainersworkflow een mislukte check herkent (nooit een stille nul)."""


class NakijkFout(Exception):
    """Een check kon niet draaien: het antwoord is niet beoordeeld (geen 0 voor de deelnemer)."""


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
# terug en schrijft ze meldingen alleen naar stdout (nooit naar stderr). Een leeg antwoord geeft 0
# punten; een check die niet kan draaien geeft 0 punten én de regel NAKIJKFOUT voor de trainer.


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


def _beoordeel(
    oefening: str, punten: float, opslag: Opslag, reken: Callable[[dict[str, Any]], tuple[float, str]]
) -> float:
    """Gemeenschappelijk raamwerk: lees, reken, meld. Leeg → 0; kan niet draaien → 0 en :data:`NAKIJKFOUT`."""
    punten = _controleer_punten(punten)
    meldingen: list[str] = []
    fout: str | None = None
    uitkomst, uitleg = 0.0, ""
    try:
        # Een Python-waarschuwing komt op stderr en kost in nbgrader alle punten: hier onderdrukken.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            oefeningen = lees_oefeningen(opslag, meldingen)
            if oefeningen is None:
                fout = meldingen.pop() if meldingen else "het antwoordbestand kon niet worden gelezen"
            elif not oefeningen and meldingen:
                fout = f"het antwoordbestand is beschadigd en niet te herstellen ({meldingen[-1]})"
            else:
                antwoord = oefeningen.get(oefening)
                if not isinstance(antwoord, Mapping):
                    uitleg = f"Oefening {oefening}: nog leeg, er is nog geen antwoord opgeslagen."
                else:
                    uitkomst, uitleg = reken(dict(antwoord))
    except Exception as e:  # nooit crashen in een testcel, maar ook nooit een stille nul
        fout = f"{type(e).__name__}: {e}"
    for melding in meldingen:
        meld(f"Let op: {melding}")
    if fout is not None:
        meld(f"{NAKIJKFOUT} oefening {oefening} kon niet worden nagekeken: {fout}")
        meld(f"Oefening {oefening}: niet nagekeken; je trainer kijkt dit onderdeel met de hand na.")
        return 0.0
    resultaat = float(min(max(uitkomst, 0.0), punten))
    meld(f"{uitleg} Punten: {_getal(resultaat)} van {_getal(punten)}.")
    return resultaat


def _getal(x: float) -> str:
    return f"{x:g}".replace(".", ",")


# --- Beoordelende checks ------------------------------------------------------------------------


def canvas_volledig(opslag: Opslag, oefening: str, punten: float) -> float:
    """Deelpunten voor de volledigheid van het canvas: ``punten`` × gevulde velden / 9."""
    from samenwerkingscode.model import canvas as canvasmodel

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        velden = mapping(antwoord.get("velden"))
        vol = canvasmodel.volledigheid({k: als_tekst(v) for k, v in velden.items()})
        totaal = len(vol.gevuld) + len(vol.leeg)
        return _punten(
            punten, len(vol.gevuld), totaal
        ), f"Oefening {oefening}: {len(vol.gevuld)} van de {totaal} velden gevuld."

    return _beoordeel(oefening, punten, opslag, reken)


def canvas_eigen_werk(opslag: Opslag, oefening: str, punten: float, klaargezet: Mapping[str, Sequence[str]]) -> float:
    """Deelpunten voor wat de deelnemer zelf deed: per veld een aandeel als het aangevuld of verbeterd is.

    Waarom: bij 1a zet het notebook de casusfeiten klaar. Punten voor "gevuld" zouden punten zijn voor
    één klik. Een veld telt hier als de deelnemer er een regel aan toevoegde, een regel wijzigde of een
    regel schrapte ten opzichte van wat klaargezet was, en het veld niet leeg liet.
    """
    from samenwerkingscode.model import canvas as canvasmodel

    def regels(tekst: str) -> set[str]:
        return {r.strip() for r in tekst.splitlines() if r.strip()}

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        velden = mapping(antwoord.get("velden"))
        sleutels = list(canvasmodel.sleutels())
        gewerkt = [
            s for s in sleutels
            if regels(als_tekst(velden.get(s))) and regels(als_tekst(velden.get(s))) != regels("\n".join(klaargezet.get(s, [])))
        ]  # fmt: skip
        return _punten(punten, len(gewerkt), len(sleutels)), (
            f"Oefening {oefening}: in {len(gewerkt)} van de {len(sleutels)} velden iets aangevuld of verbeterd "
            "ten opzichte van de klaargezette casusfeiten."
        )

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


def _keuze_score(
    opslag: Opslag,
    oefening: str,
    punten: float,
    verwacht: Mapping[str, str | Collection[str]],
    gegeven: Callable[[dict[str, Any]], Mapping[str, Any]],
    wat: str,
) -> float:
    """Eén regel voor 2a, 3a en 4a: ``punten`` × (sleutels met een verwachte keuze) / (aantal sleutels)."""

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        goed = _tel_goed(gegeven(antwoord), verwacht)
        return _punten(punten, goed, len(verwacht)), f"Oefening {oefening}: {goed} van de {len(verwacht)} {wat}."

    return _beoordeel(oefening, punten, opslag, reken)


def vormen_score(opslag: Opslag, oefening: str, verwacht: Mapping[str, str], punten: float) -> float:
    """Deelpunten voor 2a: per beoordeelde relatie de verwachte samenwerkingsvorm."""
    return _keuze_score(
        opslag, oefening, punten, verwacht, lambda a: mapping(a.get("keuzes")), "beoordeelde relaties goed ingedeeld"
    )


def beslisboom_uitkomst(antwoorden: Any) -> str | None:
    """De uitkomst-id van een gelopen pad, of ``None`` als het pad onaf of ongeldig is."""
    from samenwerkingscode.model import beslisboom

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

    def uitkomsten(antwoord: dict[str, Any]) -> dict[str, str]:
        opgaven = mapping(antwoord.get("opgaven"))
        gelopen = {k: beslisboom_uitkomst(mapping(v).get("antwoorden")) for k, v in opgaven.items()}
        return {k: u for k, u in gelopen.items() if u}

    return _keuze_score(opslag, oefening, punten, verwacht, uitkomsten, "opgaven met de verwachte uitkomst")


def voorstellen_score(opslag: Opslag, oefening: str, verwacht: Mapping[str, str], punten: float) -> float:
    """Deelpunten voor 4a: per voorstel de indeling trade-off of compromis."""
    return _keuze_score(
        opslag, oefening, punten, verwacht, lambda a: mapping(a.get("indeling")), "voorstellen goed ingedeeld"
    )


def toets_ontbrekend(scores: Any) -> list[str]:
    """De deelvragen zonder geldige score op de toetsschaal (``niet_van_toepassing`` telt als gescoord)."""
    from samenwerkingscode.model import toets

    geldig = set(toets.SCHAALSLEUTELS)
    gegeven = mapping(scores)
    return [s for s in toets.deelvraag_sleutels() if gegeven.get(s) not in geldig]


def toets_volledig(
    opslag: Opslag, oefening: str, momenten: Sequence[str], punten: float, *, per_deelvraag: bool = False
) -> float:
    """Deelpunten voor volledig scoren: per moment een aandeel als álle deelvragen gescoord zijn.

    Met ``per_deelvraag=True`` telt elke gescoorde deelvraag mee (voor één moment, zoals 5a), zodat
    bijna af ook bijna alle punten geeft.
    """
    from samenwerkingscode.model import toets

    def reken(antwoord: dict[str, Any]) -> tuple[float, str]:
        per_moment = mapping(antwoord.get("momenten"))
        if per_deelvraag:
            totaal = len(toets.deelvraag_sleutels()) * len(momenten)
            gescoord = sum(totaal // len(momenten) - len(toets_ontbrekend(per_moment.get(m))) for m in momenten)
            return _punten(
                punten, gescoord, totaal
            ), f"Oefening {oefening}: {gescoord} van de {totaal} deelvragen gescoord."
        compleet = [m for m in momenten if not toets_ontbrekend(per_moment.get(m))]
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
    antwoord = antwoord_van(opslag, oefening, meldingen)
    return antwoord is not None and woorden(als_tekst(antwoord.get("tekst"))) >= max(min_woorden, 1)


# --- Eén ingang voor de testcellen --------------------------------------------------------------


def beoordeel(notebook: str, sleutel: str, verwacht: Any = None, *, opslag: Opslag | None = None) -> float:
    """De punten voor één automatisch onderdeel; punten en soort komen uit ``model/opdrachten.yml``.

    ``verwacht`` is de antwoordsleutel uit het verborgen deel van de testcel (per relatie, opgave of
    voorstel), of bij een toets de momenten die gescoord moeten zijn. ``opslag`` is standaard het
    antwoordbestand van het notebook zelf.
    """
    try:
        o = opdrachten.onderdeel(notebook, sleutel)
        if o.beoordeling != "automatisch":
            raise NakijkFout(f"onderdeel '{sleutel}' wordt niet automatisch beoordeeld")
        rekenaar = _REKENAARS[o.soort]
        if verwacht is None and o.soort in {"vormen", "beslisboom", "voorstellen"}:
            raise NakijkFout(f"de testcel van '{sleutel}' heeft geen antwoordsleutel")
        if o.soort == "toets" and not verwacht:
            verwacht = _momenten(notebook, o)
        return rekenaar(o, notebook if opslag is None else opslag, verwacht)
    except Exception as e:  # een kapot modelbestand of testcel: melden, nooit een stille nul
        meld(f"{NAKIJKFOUT} oefening {sleutel} kon niet worden nagekeken: {e}")
        return 0.0


def _momenten(notebook: str, o: opdrachten.Onderdeel) -> list[str]:
    """De momenten van een toets: uit de casus (4b) of uit de instellingen van het invulscherm (5a)."""
    if o.casusdeel == "momenten":
        oef = opdrachten.oefening_van(notebook, o.sleutel)
        return [k.id for k in opdrachten.laad_casusoefeningen(opdrachten.actieve_casus()).keuzes(oef.id, "momenten")]
    return [str(m["id"]) for m in o.widget.get("momenten", [])]


def _klaargezet() -> dict[str, list[str]]:
    """Wat het notebook uit de casus in het canvas klaarzet (zoals ``widgets.canvas`` bij "Uit de casus")."""
    from samenwerkingscode.model.casus import canvas_inhoud, kit_casus, laad_casus

    return canvas_inhoud(laad_casus(kit_casus(opdrachten.actieve_casus())))


def _toets(o: opdrachten.Onderdeel, opslag: Opslag, verwacht: Any) -> float:
    return toets_volledig(opslag, o.sleutel, list(verwacht), o.max_punten, per_deelvraag=o.per_deelvraag)


_REKENAARS: dict[str, Callable[[opdrachten.Onderdeel, Opslag, Any], float]] = {
    "canvas": lambda o, opslag, v: (
        canvas_eigen_werk(opslag, o.sleutel, o.max_punten, v if v is not None else _klaargezet())
        if o.widget.get("start_uit_casus")
        else canvas_volledig(opslag, o.sleutel, o.max_punten)
    ),
    "vormen": lambda o, opslag, v: vormen_score(opslag, o.sleutel, v, o.max_punten),
    "beslisboom": lambda o, opslag, v: beslisboom_score(opslag, o.sleutel, v, o.max_punten),
    "voorstellen": lambda o, opslag, v: voorstellen_score(opslag, o.sleutel, v, o.max_punten),
    "toets": _toets,
}
"""Welke check bij welke soort onderdeel hoort; een soort zonder check kan niet automatisch."""
