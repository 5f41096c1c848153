"""Hoe ver een deelnemer is ("Controleer mijn opdracht") en wat de trainer van een antwoord ziet.

De controle zegt per onderdeel wat nog leeg of onvolledig is, zonder te zeggen of iets goed is. Welke
onderdelen een blok heeft en wat er bij de gekozen casus in te vullen is, komt uit
``model/opdrachten.yml`` en ``casussen/<casus>.oefeningen.yml``. Deze module bouwt geen widgets: de knop
staat in ``widgets/controle.py``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from samenwerkingscode.model import opdrachten
from samenwerkingscode.nakijken.lezen import Opslag, als_tekst, antwoord_van, lees_oefeningen, mapping, meld
from samenwerkingscode.nakijken.scores import beslisboom_uitkomst, toets_ontbrekend, woorden


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
        """De status van één onderdeel, op oefeningnummer of (het begin van) de regel."""
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
        items = "".join(
            f'<li style="color:{"#1e6b3a" if s.klaar else "#a11d1d"}">{"✓" if s.klaar else "✗"} '
            f"{html.escape(s.regel())}</li>"
            for s in self.onderdelen
        )
        let_op = "".join(f"<p><strong>Let op:</strong> {html.escape(w)}</p>" for w in self.waarschuwingen)
        slot = html.escape(self.tekst().splitlines()[-1])
        return f"<div class='regie-controle' lang='nl'>{let_op}<ul>{items}</ul><p>{slot}</p></div>"


def _opsomming(namen: Sequence[str]) -> str:
    return ", ".join(namen)


def _keuzes(o: opdrachten.Onderdeel, blok: str, casus: str | None) -> list[opdrachten.Keuze]:
    """Wat er bij dit onderdeel in te vullen is: de casuslijst, of de momenten uit de widgetinstellingen."""
    if o.casusdeel is not None:
        oef = opdrachten.oefening_van(blok, o.sleutel)
        return opdrachten.laad_casusoefeningen(casus or opdrachten.actieve_casus()).keuzes(oef.id, o.casusdeel)
    return [opdrachten.Keuze(**m) for m in o.widget.get("momenten", [])]


Controle = Callable[[opdrachten.Onderdeel, list[opdrachten.Keuze], dict[str, Any]], tuple[bool, str]]


def _uitslag(leeg: bool, open_: list[str], klaar: str) -> tuple[bool, str]:
    """Eén vorm voor elke status: helemaal leeg, wat nog open is, of klaar."""
    if leeg:
        return False, "nog leeg"
    if open_:
        return False, "; ".join(open_)
    return True, klaar


def _keuze_en_tekst(
    o: opdrachten.Onderdeel, gekozen: bool, tekst: str, geen_keuze: str, geen_tekst: str
) -> tuple[bool, str]:
    """Een keuze met een toelichting (situatie, Schakelbak): beide nodig."""
    if not gekozen:
        open_ = [geen_keuze]
    elif not tekst.strip():
        open_ = [geen_tekst]
    else:
        open_ = []
    return _uitslag(not gekozen and not tekst.strip(), open_, woordhint(o, tekst))


def _status_canvas(o: opdrachten.Onderdeel, _k: list[opdrachten.Keuze], antwoord: dict[str, Any]) -> tuple[bool, str]:
    from samenwerkingscode.model import canvas as canvasmodel

    velden = mapping(antwoord.get("velden"))
    vol = canvasmodel.volledigheid({k: als_tekst(v) for k, v in velden.items()})
    namen = [canvasmodel.veld(s).titel for s in vol.leeg]
    open_ = [f"nog {len(namen)} {'veld' if len(namen) == 1 else 'velden'} leeg ({_opsomming(namen)})"] if namen else []
    return _uitslag(not vol.gevuld, open_, f"alle {len(vol.gevuld)} velden gevuld")


def woordhint(o: opdrachten.Onderdeel, tekst: str) -> str:
    """'ingevuld (n woorden)', met een hint als de tekst buiten de richtlijn van de opdracht valt."""
    n = woorden(tekst)
    if o.woorden is None:
        return f"ingevuld ({n} woorden)"
    laag, hoog = o.woorden
    if n < laag:
        return f"ingevuld, maar kort: {n} woorden (gevraagd: {laag} tot {hoog})"
    if n > hoog:
        return f"ingevuld, maar lang: {n} woorden (gevraagd: {laag} tot {hoog})"
    return f"ingevuld ({n} woorden)"


def _status_reflectie(
    o: opdrachten.Onderdeel, _k: list[opdrachten.Keuze], antwoord: dict[str, Any]
) -> tuple[bool, str]:
    tekst = als_tekst(antwoord.get("tekst"))
    return _uitslag(not tekst.strip(), [], woordhint(o, tekst))


def _status_situatie(o: opdrachten.Onderdeel, _k: list[opdrachten.Keuze], antwoord: dict[str, Any]) -> tuple[bool, str]:
    situatie = antwoord.get("situatie")
    gekozen = isinstance(situatie, int) and not isinstance(situatie, bool)
    tekst = als_tekst(antwoord.get("tekst"))
    return _keuze_en_tekst(
        o, gekozen, tekst, "nog geen situatie gekozen", "situatie gekozen, maar de toelichting is nog leeg"
    )


def _status_vormen(
    o: opdrachten.Onderdeel, relaties: list[opdrachten.Keuze], antwoord: dict[str, Any]
) -> tuple[bool, str]:
    keuzes = mapping(antwoord.get("keuzes"))
    motivaties = mapping(antwoord.get("motivaties"))
    zonder_vorm = [r.naam for r in relaties if not (isinstance(keuzes.get(r.id), str) and keuzes[r.id].strip())]
    zonder_motivatie = [r.naam for r in relaties if not als_tekst(motivaties.get(r.id)).strip()]
    open_ = [f"nog geen vorm gekozen voor {_opsomming(zonder_vorm)}"] if zonder_vorm else []
    open_ += [f"nog geen motivatie bij {_opsomming(zonder_motivatie)}"] if zonder_motivatie else []
    leeg = len(zonder_vorm) == len(relaties) and len(zonder_motivatie) == len(relaties)
    return _uitslag(leeg, open_, f"alle {len(relaties)} relaties ingedeeld en gemotiveerd")


def _status_beslisboom(
    o: opdrachten.Onderdeel, opgaven: list[opdrachten.Keuze], antwoord: dict[str, Any]
) -> tuple[bool, str]:
    gelopen = mapping(antwoord.get("opgaven"))
    onaf = [g.naam for g in opgaven if beslisboom_uitkomst(mapping(gelopen.get(g.id)).get("antwoorden")) is None]
    leeg = len(onaf) == len(opgaven) and not any(mapping(v).get("antwoorden") for v in gelopen.values())
    open_ = [f"nog geen uitkomst bij {_opsomming(onaf)} (loop de beslisboom tot het einde)"] if onaf else []
    return _uitslag(leeg, open_, f"voor alle {len(opgaven)} opgaven een uitkomst bereikt")


def _status_voorstellen(
    o: opdrachten.Onderdeel, voorstellen: list[opdrachten.Keuze], antwoord: dict[str, Any]
) -> tuple[bool, str]:
    from samenwerkingscode.model import schakelbak

    indeling = mapping(antwoord.get("indeling"))
    open_ = [v.naam for v in voorstellen if indeling.get(v.id) not in schakelbak.VOORSTEL_SOORTEN]
    tekst = [f"nog niet ingedeeld: {_opsomming(open_)}"] if open_ else []
    return _uitslag(len(open_) == len(voorstellen), tekst, f"alle {len(voorstellen)} voorstellen ingedeeld")


def _status_toets(
    o: opdrachten.Onderdeel, momenten: list[opdrachten.Keuze], antwoord: dict[str, Any]
) -> tuple[bool, str]:
    from samenwerkingscode.model import toets

    per_moment = mapping(antwoord.get("momenten"))
    totaal = len(toets.deelvraag_sleutels())
    ontbreekt = {m.id: len(toets_ontbrekend(per_moment.get(m.id))) for m in momenten}
    open_ = [
        f"{m.naam}: nog {ontbreekt[m.id]} van de {totaal} deelvragen niet gescoord" for m in momenten if ontbreekt[m.id]
    ]
    leeg = all(n == totaal for n in ontbreekt.values())
    return _uitslag(leeg, open_, f"alle deelvragen gescoord voor {_opsomming([m.naam for m in momenten])}")


def _status_schakelen(
    o: opdrachten.Onderdeel, _k: list[opdrachten.Keuze], antwoord: dict[str, Any]
) -> tuple[bool, str]:
    vorm = antwoord.get("huidige_vorm")
    tekst = als_tekst(antwoord.get("tekst"))
    heeft_vorm = isinstance(vorm, str) and bool(vorm.strip())
    return _keuze_en_tekst(
        o,
        heeft_vorm,
        tekst,
        "nog geen huidige samenwerkingsvorm gekozen in de Schakelbak",
        "de interventie is nog leeg",
    )


_STATUS: dict[str, Controle] = {
    "canvas": _status_canvas,
    "reflectie": _status_reflectie,
    "situatie": _status_situatie,
    "vormen": _status_vormen,
    "beslisboom": _status_beslisboom,
    "voorstellen": _status_voorstellen,
    "toets": _status_toets,
    "schakelen": _status_schakelen,
    # Delen en samen oefenen zijn keuzes zonder goed of fout: wat bewaard is, is klaar.
    "delen": lambda _o, _k, _w: (True, "je keuze is bewaard"),
    "samen": lambda _o, _k, _w: (True, "bewaard"),
}


def _status(blok: str, o: opdrachten.Onderdeel, oefeningen: Mapping[str, Any] | None, casus: str | None) -> Status:
    oef = opdrachten.oefening_van(blok, o.sleutel)
    titel = opdrachten.titel(blok, o)
    waarde = oefeningen.get(o.sleutel) if oefeningen is not None else None
    if not isinstance(waarde, Mapping):
        return Status(oef.id, titel, False, "nog leeg")
    try:
        klaar, melding = _STATUS[o.soort](o, _keuzes(o, blok, casus), dict(waarde))
    except Exception as fout:  # een vreemd opgeslagen antwoord: melden, niet crashen
        klaar, melding = False, f"het opgeslagen antwoord kon niet worden gelezen ({fout})"
    return Status(oef.id, titel, klaar, melding)


def controleer_opdracht(blok: str, opslag: Opslag, *, casus: str | None = None) -> Rapport:
    """Zeg per onderdeel wat nog leeg of onvolledig is, vóór het inleveren; zegt nooit of iets goed is."""
    meldingen: list[str] = []
    oefeningen = lees_oefeningen(opslag, meldingen)
    b = opdrachten.blok(blok)
    # In een beoordeeld blok tellen onderdelen zonder punten (oefenen, samen oefenen, thuis verder) niet mee.
    onderdelen = [o for o in b.onderdelen if not (b.beoordeeld and o.beoordeling == "geen")]
    return Rapport(b.titel, [_status(blok, o, oefeningen, casus) for o in onderdelen], meldingen)


def status_tekst(blok: str, sleutel: str, *, opslag: Opslag | None = None) -> str:
    """De regel van het zichtbare deel van een testcel: is er een antwoord (nooit punten of oordeel)."""
    meldingen: list[str] = []
    try:
        oefeningen = lees_oefeningen(blok if opslag is None else opslag, meldingen)
        tekst = _status(blok, opdrachten.onderdeel(blok, sleutel), oefeningen, None).regel()
    except Exception as fout:
        tekst = f"Oefening {sleutel}: de stand kon niet worden bepaald ({fout})."
    return "\n".join([*(f"Let op: {m}" for m in meldingen), tekst])


def toon_status(blok: str, sleutel: str, *, opslag: Opslag | None = None) -> None:
    """Het zichtbare deel van een testcel als tekst (bij het beoordelen en waar geen widgets zijn)."""
    meld(status_tekst(blok, sleutel, opslag=opslag))


# --- Wat de trainer ziet ---------------------------------------------------------------------------


def _situatienaam(nummer: Any) -> str:
    """'5 – <naam>' uit de typologie, zodat de trainer niet hoeft op te zoeken welke situatie het is."""
    if not isinstance(nummer, int) or isinstance(nummer, bool):
        return "nog geen keuze"
    try:
        from samenwerkingscode.model import typologie

        return f"{nummer} – {typologie.situatie(nummer).naam}"
    except Exception:
        return str(nummer)


def _vormnaam(sleutel: str) -> str:
    try:
        from samenwerkingscode.model import vormen

        return vormen.naam(sleutel)
    except Exception:
        return sleutel


def _canvasregels(antwoord: Mapping[str, Any]) -> list[str]:
    from samenwerkingscode.model import canvas as canvasmodel

    velden = mapping(antwoord.get("velden"))
    return [
        f"{canvasmodel.veld(s).titel}: {als_tekst(velden.get(s)).strip() or '(leeg)'}" for s in canvasmodel.sleutels()
    ]


def _voorstelregels(voorstel: Mapping[str, Any]) -> list[str]:
    """Het eerste deel van 4c (een eigen voorstel in de Schakelbak), zodat de trainer het ook ziet."""
    regels = ["Eigen voorstel in de Schakelbak:"]
    for sleutel, waarde in voorstel.items():
        tekst = (
            als_tekst(waarde).strip()
            if not isinstance(waarde, Mapping)
            else "; ".join(f"{k}: {als_tekst(v)}" for k, v in waarde.items())
        )
        if tekst:
            regels.append(f"  {sleutel}: {tekst}")
    return regels if len(regels) > 1 else []


def antwoord_tekst(blok: str, sleutel: str, *, opslag: Opslag | None = None) -> str:
    """Het antwoord uit het antwoordbestand als tekst, zodat de trainer het in formgrader naast de rubric leest."""
    meldingen: list[str] = []
    bron = blok if opslag is None else opslag
    antwoord = antwoord_van(bron, sleutel, meldingen)
    try:
        soort = opdrachten.onderdeel(blok, sleutel).soort
    except Exception:
        soort = "reflectie"
    extra: list[str] = []
    if soort == "canvas":
        extra = _canvasregels(antwoord or {})
    if antwoord and "situatie" in antwoord:
        extra.append(f"Gekozen situatie: {_situatienaam(antwoord.get('situatie'))}")
    if antwoord and "huidige_vorm" in antwoord:
        vorm = antwoord.get("huidige_vorm")
        signalen = [s for s in antwoord.get("signalen") or [] if isinstance(s, str)]
        extra.append(f"Huidige vorm: {_vormnaam(vorm) if isinstance(vorm, str) and vorm else 'nog niet gekozen'}")
        extra.append(f"Signalen: {', '.join(signalen) if signalen else 'geen'}")
        voorstel = antwoord_van(bron, f"{sleutel}_voorstel", [])
        extra += _voorstelregels(voorstel or {})
    tekst = als_tekst(antwoord.get("tekst")).strip() if antwoord else ""
    kop = f"Antwoord op {sleutel}" + (f" ({woorden(tekst)} woorden)" if soort != "canvas" else "")
    slot = [] if soort == "canvas" else [tekst or "(nog leeg)"]
    return "\n".join([*(f"Let op: {m}" for m in meldingen), kop, "-" * len(kop), *extra, *slot])


def toon_antwoord(blok: str, sleutel: str, *, opslag: Opslag | None = None) -> None:
    """Toon het antwoord als tekst (bij het beoordelen en in de formgrader)."""
    meld(antwoord_tekst(blok, sleutel, opslag=opslag))
