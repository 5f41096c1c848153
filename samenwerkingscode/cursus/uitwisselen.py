"""Elkaars casus lezen: uitdelen aan lezers, reacties terugbrengen, en het overzicht voor de trainer.

Waarom zo:

- **De keuze van de deelnemer beslist.** Wat gedeeld mag worden, staat in het antwoordbestand van
  ``eigen-casus`` (onderdeel ``delen``, zie :mod:`samenwerkingscode.widgets.delen`) en reist met de
  inlevering mee. Zonder keuze, of bij een onleesbaar bestand, wordt een casus *niet* gedeeld.
- **Eén leesopdracht per lezer.** nbgrader geeft elke opdracht aan iedereen; een persoonlijke uitgave kent
  het niet. Daarom krijgt elke lezer een eigen nbgrader-opdracht ``lezen-<id>`` met alleen de gedeelde
  casussen die aan hem zijn toegewezen. Die gaat via de uitwisseling van nbgrader (release → fetch →
  submit → collect) als die er is, en staat daarnaast als map en zip in de cohortmap (``release/`` en
  ``uitdelen/``) voor ``regie lab`` of de mail. Er komt nooit een niet-gedeelde casus in.
- **De verdeling ligt vast** in ``<cohort>/uitwisselen/verdeling.json``: nogmaals uitwisselen met een
  nieuwe (late) casus voegt alleen lezers toe voor die casus; wie al las, houdt zijn casussen.
- **Terug naar de auteur** als leesbare HTML-pagina; de naam van een lezer staat er alleen bij als die
  lezer daarvoor koos. Heeft de auteur via de uitwisseling ingeleverd, dan gaat de pagina ook als
  nbgrader-feedback van ``eigen-casus`` terug (de deelnemer haalt haar op met *Fetch Feedback*).

Alles wat deze module schrijft, staat in de cohortmap (nooit in git of in het boek).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import random
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samenwerkingscode.cursus.cursusmap import Cursusmap, cursusmap
from samenwerkingscode.model.yamlbestand import RegieFout

EIGEN_CASUS = "eigen-casus"
LEZEN = "lezen-"
STANDAARD_K = 2
STANDAARD_ZAAD = 13
_VEILIGE_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


# ---------------------------------------------------------------------------------------------
# Wat er ingeleverd is.


def deelkeuze(oefeningen: Mapping[str, Any]) -> tuple[bool, bool]:
    """(delen, met_naam) uit de oefeningen van een antwoordbestand; zonder duidelijke keuze: niet delen."""
    stand = oefeningen.get("delen")
    if not isinstance(stand, Mapping) or stand.get("delen") is not True:
        return False, False
    return True, stand.get("met_naam") is True


@dataclass(frozen=True)
class IngeleverdeCasus:
    """De eigen casus van één deelnemer zoals ingeleverd: titel, canvas en zijn deelkeuze."""

    auteur: str
    titel: str
    velden: dict[str, str]
    delen: bool
    met_naam: bool

    @property
    def ingevuld(self) -> bool:
        return any(t.strip() for t in self.velden.values())


def _lees_oefeningen(pad: Path) -> dict[str, Any]:
    from samenwerkingscode.antwoorden import lees_antwoorden

    if not pad.is_file():
        return {}
    try:
        oefeningen = lees_antwoorden(pad).get("oefeningen")
    except RegieFout:
        return {}
    return oefeningen if isinstance(oefeningen, dict) else {}


def ingeleverde_casussen(map_: Cursusmap) -> dict[str, IngeleverdeCasus]:
    """Alle ingeleverde eigen casussen (``submitted/<id>/eigen-casus/``), gedeeld of niet."""
    casussen: dict[str, IngeleverdeCasus] = {}
    if not map_.submitted.is_dir():
        return casussen
    for map_deelnemer in sorted(p for p in map_.submitted.iterdir() if p.is_dir()):
        inlevering = map_deelnemer / EIGEN_CASUS
        if not inlevering.is_dir():
            continue
        oefeningen = _lees_oefeningen(inlevering / f"{EIGEN_CASUS}.antwoorden.json")
        canvas = oefeningen.get("canvas") if isinstance(oefeningen.get("canvas"), Mapping) else {}
        velden_ruw = canvas.get("velden") if isinstance(canvas.get("velden"), Mapping) else {}
        velden = {str(k): v for k, v in velden_ruw.items() if isinstance(v, str)}
        titel = canvas.get("titel") if isinstance(canvas.get("titel"), str) and canvas.get("titel").strip() else ""
        delen, met_naam = deelkeuze(oefeningen)
        casussen[map_deelnemer.name] = IngeleverdeCasus(
            map_deelnemer.name, titel.strip() or "Zonder titel", velden, delen, met_naam
        )
    return casussen


def gedeelde_casussen(map_: Cursusmap) -> list[IngeleverdeCasus]:
    """Alleen de casussen die hun auteur wil delen en waarin iets staat; de rest komt nergens anders."""
    return [c for c in ingeleverde_casussen(map_).values() if c.delen and c.ingevuld]


def namen(map_: Cursusmap) -> dict[str, str]:
    """De namen uit het cijferboek (voornaam achternaam); wie geen naam heeft, heet zoals zijn id."""
    from samenwerkingscode.cursus.koppeling import gradebook

    uit: dict[str, str] = {}
    if not map_.gradebook.is_file():
        return uit
    with gradebook(map_) as gb:
        for s in gb.students:
            naam = " ".join(x for x in (s.first_name, s.last_name) if x)
            uit[s.id] = naam or s.id
    return uit


def deelnemers(map_: Cursusmap) -> list[str]:
    """Wie kan lezen: iedereen in het cijferboek en iedereen die een eigen casus inleverde."""
    ids = set(namen(map_)) | set(ingeleverde_casussen(map_))
    return sorted(ids)


# ---------------------------------------------------------------------------------------------
# De verdeling: k lezers per casus, evenwichtig, nooit de auteur, vast na de eerste keer.


@dataclass
class Verdeling:
    """Per auteur een vaste code (voor anonimiteit) en zijn lezers."""

    k: int
    zaad: int
    casussen: dict[str, dict[str, Any]] = field(default_factory=dict)
    uitgegeven: int = 0
    """Het hoogste casusnummer dat ooit is uitgegeven (codes worden nooit hergebruikt)."""
    rondes: dict[str, list[list[str]]] = field(default_factory=dict)
    """Per lezer de auteurs per uitgave: ronde 1 is ``lezen-<id>``, een latere ronde ``lezen-<id>-<n>``."""

    def opdracht_van(self, lezer: str, auteur: str) -> str | None:
        """De leesopdracht waarin deze lezer de casus van deze auteur kreeg."""
        for n, ronde in enumerate(self.rondes.get(lezer, []), start=1):
            if auteur in ronde:
                return leesopdracht(lezer, n)
        return None

    def lezers(self, auteur: str) -> list[str]:
        return list(self.casussen.get(auteur, {}).get("lezers", []))

    def code(self, auteur: str) -> str:
        return str(self.casussen[auteur]["code"])

    def last(self) -> dict[str, int]:
        """Hoeveel casussen elke lezer heeft."""
        telling: dict[str, int] = {}
        for c in self.casussen.values():
            for lezer in c["lezers"]:
                telling[lezer] = telling.get(lezer, 0) + 1
        return telling

    def voor_lezer(self, lezer: str) -> list[str]:
        """De auteurs wier casus deze lezer leest, in volgorde van de codes."""
        return sorted((a for a, c in self.casussen.items() if lezer in c["lezers"]), key=self.code)


def verdeel(
    auteurs: Sequence[str],
    lezers: Sequence[str],
    *,
    k: int = STANDAARD_K,
    zaad: int = STANDAARD_ZAAD,
    bestaand: Verdeling | None = None,
) -> Verdeling:
    """Geef elke nieuwe auteur ``k`` lezers; wie al in ``bestaand`` staat, houdt zijn lezers.

    Evenwichtig: steeds de lezers met de minste casussen eerst; bij gelijkspel beslist een toeval dat
    alleen van ``zaad`` en de auteur afhangt, zodat dezelfde invoer dezelfde verdeling geeft.
    """
    if k < 1:
        raise RegieFout(f"--k moet minstens 1 zijn (nu {k}): elke gedeelde casus heeft een lezer nodig.")
    verdeling = bestaand or Verdeling(k=k, zaad=zaad)
    last = {lezer: 0 for lezer in lezers}
    for lezer, aantal in verdeling.last().items():
        last[lezer] = last.get(lezer, 0) + aantal
    nieuw = sorted(a for a in auteurs if a not in verdeling.casussen)
    # Een code wordt nooit hergebruikt, ook niet als een auteur zijn toestemming introk.
    volgnummer = max(
        [int(str(c["code"]).rsplit("-", 1)[-1]) for c in verdeling.casussen.values()] + [verdeling.uitgegeven]
    )
    for auteur in nieuw:
        toeval = random.Random(f"{zaad}:{auteur}")
        kandidaten = [lezer for lezer in lezers if lezer != auteur]
        toeval.shuffle(kandidaten)
        kandidaten.sort(key=lambda lezer: last.get(lezer, 0))  # stabiel: het toeval breekt gelijke stand
        gekozen = sorted(kandidaten[:k])
        for lezer in gekozen:
            last[lezer] = last.get(lezer, 0) + 1
        volgnummer += 1
        verdeling.casussen[auteur] = {"code": f"casus-{volgnummer:02d}", "lezers": gekozen}
    verdeling.uitgegeven = max(verdeling.uitgegeven, volgnummer)
    return verdeling


def _verdelingpad(map_: Cursusmap) -> Path:
    return map_.cohort / "uitwisselen" / "verdeling.json"


def lees_verdeling(map_: Cursusmap) -> Verdeling | None:
    pad = _verdelingpad(map_)
    if not pad.is_file():
        return None
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
        return Verdeling(
            k=int(data["k"]),
            zaad=int(data["zaad"]),
            casussen=dict(data["casussen"]),
            rondes=dict(data["rondes"]),
            uitgegeven=int(data.get("uitgegeven", 0)),
        )
    except (ValueError, KeyError, TypeError) as fout:
        raise RegieFout(
            f"{pad} is beschadigd ({fout}). Zet de vorige versie terug, of verwijder het bestand om opnieuw te "
            "verdelen (dan krijgen lezers mogelijk andere casussen)."
        ) from fout


def _schrijf_tekst(pad: Path, tekst: str) -> None:
    """Atomisch schrijven (één schrijver voor de hele kit): een half geschreven verdeling bestaat nooit."""
    from samenwerkingscode.model.bestanden import schrijf_atomisch

    pad.parent.mkdir(parents=True, exist_ok=True)
    schrijf_atomisch(pad, tekst)


def bewaar_verdeling(map_: Cursusmap, verdeling: Verdeling) -> Path:
    pad = _verdelingpad(map_)
    data = {
        "k": verdeling.k,
        "zaad": verdeling.zaad,
        "casussen": verdeling.casussen,
        "rondes": verdeling.rondes,
        "uitgegeven": verdeling.uitgegeven,
    }
    _schrijf_tekst(pad, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    return pad


# ---------------------------------------------------------------------------------------------
# De leesnotebooks.


def leesopdracht(lezer: str, ronde: int = 1) -> str:
    """``lezen-<id>``; een latere ronde (een laat ingeleverde casus) krijgt een eigen opdracht ``lezen-<id>-<n>``."""
    return f"{LEZEN}{lezer}" if ronde == 1 else f"{LEZEN}{lezer}-{ronde}"


def _casusdata(casus: IngeleverdeCasus, code: str, naam: str | None) -> dict[str, Any]:
    """Wat een lezer van een casus krijgt: code, titel, canvas en (alleen met toestemming) de naam."""
    return {"code": code, "titel": casus.titel, "auteur": naam if casus.met_naam else None, "velden": casus.velden}


def maak_leesnotebook(naam: str, codes: Sequence[str]) -> Any:
    """Het notebook voor één lezer: elke cel één regel die de kit aanroept (zoals de bloknotebooks)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    def code(regels: str, cel_id: str) -> Any:
        cel = new_code_cell(regels)
        cel.id = cel_id
        cel.metadata["jupyter"] = {"source_hidden": True}
        return cel

    cellen = [
        new_markdown_cell(
            "# Elkaars casus lezen\n\nJe leest de casus van een of meer andere deelnemers. Kies in het menu **Run** de "
            "opdracht **Run All Cells**. Lees per casus het canvas en vul daaronder je reactie in: wat is duidelijk, "
            "welke samenwerkingsvorm zie je per relatie en waarom, één vraag aan de auteur en één tip. Alles wordt "
            f"meteen bewaard in `{naam}.antwoorden.json`. Lever daarna in zoals altijd (*Submit*).\n\n"
            "Wat je hier leest, is vertrouwelijk: deel het niet buiten de groep."
        ),
        code(
            f"# Opzet: je reacties worden bewaard naast dit notebook.\nfrom samenwerkingscode.widgets import lezen\n"
            f'opslag = lezen.begin("{naam}")',
            "opzet",
        ),
    ]
    for c in codes:
        cellen.append(code(f'lezen.toon_casus("{c}")', f"casus-{c}"))
        cellen.append(code(f'lezen.toon_reactie("{c}")', f"reactie-{c}"))
    cellen[0].id = "intro"
    nb = new_notebook(cells=cellen)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


@dataclass
class Uitwisseling:
    """Wat ``regie cursus uitwisselen`` deed: de verdeling, de nieuwe leesopdrachten en wie niet deelde."""

    verdeling: Verdeling
    opdrachten: dict[str, Path]
    niet_gedeeld: list[str]
    via_uitwisseling: bool
    waarschuwingen: list[str] = field(default_factory=list)


def _via_uitwisseling(map_: Cursusmap) -> bool:
    """Is er een uitwisselmap van nbgrader (hub of één machine) met een cursus erin?"""
    return map_.exchange.is_dir()


def _verzamel(api: Any, opdracht: str) -> None:
    """Haal inleveringen uit de uitwisseling; geen inbound (nog niemand leverde in) is geen fout."""
    # nbgrader meldt 'Course not found' als de inbound-map er nog niet is: dan valt er niets te halen.
    with contextlib.suppress(Exception):
        api.collect(opdracht)


def uitwisselen(
    *,
    cohort: str | os.PathLike[str] | None = None,
    bron: str | os.PathLike[str] | None = None,
    k: int = STANDAARD_K,
    zaad: int | None = None,
) -> Uitwisseling:
    """Verdeel de gedeelde casussen over lezers en geef elke lezer met nieuwe casussen zijn leesopdracht."""
    from samenwerkingscode.cursus.koppeling import maak_api

    map_ = cursusmap(cohort, bron)
    api = maak_api(map_)
    _verzamel(api, EIGEN_CASUS)
    bestaand = lees_verdeling(map_)
    if bestaand is not None and zaad is not None and zaad != bestaand.zaad:
        raise RegieFout(
            f"Deze groep is al verdeeld met zaad {bestaand.zaad}. Een ander zaad zou lezers andere casussen geven; "
            f"laat --zaad weg, of verwijder {_verdelingpad(map_)} om helemaal opnieuw te verdelen."
        )
    alle = ingeleverde_casussen(map_)
    gedeeld = {c.auteur: c for c in gedeelde_casussen(map_)}
    lezers = deelnemers(map_)
    for wie in lezers:
        if not _VEILIGE_ID.match(wie):
            raise RegieFout(f"Deelnemer '{wie}': een id met alleen letters, cijfers, '-', '_' en '.' is nodig.")
    # Trok een auteur zijn toestemming in, dan verdwijnt zijn casus uit de verdeling (en uit nieuwe uitgaven).
    if bestaand is not None:
        for auteur in [a for a in bestaand.casussen if a not in gedeeld]:
            _trek_in(map_, api, bestaand, auteur)
            del bestaand.casussen[auteur]
    verdeling = verdeel(
        sorted(gedeeld),
        lezers,
        k=bestaand.k if bestaand else k,
        zaad=bestaand.zaad if bestaand else (STANDAARD_ZAAD if zaad is None else zaad),
        bestaand=bestaand,
    )
    waarschuwingen = [
        f"{a}: maar {len(c['lezers'])} lezer(s) beschikbaar in plaats van {verdeling.k}"
        for a, c in verdeling.casussen.items()
        if len(c["lezers"]) < verdeling.k
    ]
    naamlijst = namen(map_)
    opdrachten: dict[str, Path] = {}
    via = _via_uitwisseling(map_)
    for lezer in lezers:
        al_gehad = {a for ronde in verdeling.rondes.get(lezer, []) for a in ronde}
        nieuw = [a for a in verdeling.voor_lezer(lezer) if a not in al_gehad]
        if not nieuw:
            continue  # niets nieuws: eerdere uitgaven (en wat de lezer al schreef) blijven zoals ze zijn
        verdeling.rondes.setdefault(lezer, []).append(nieuw)
        naam = leesopdracht(lezer, len(verdeling.rondes[lezer]))
        data = [_casusdata(gedeeld[a], verdeling.code(a), naamlijst.get(a, a)) for a in nieuw]
        posters = {verdeling.code(a): _poster(map_, gedeeld[a], verdeling.code(a)) for a in nieuw}
        opdrachten[naam] = _geef_uit(map_, api, naam, data, via, waarschuwingen, posters)
    bewaar_verdeling(map_, verdeling)
    niet = sorted(a for a in alle if a not in gedeeld)
    return Uitwisseling(verdeling, opdrachten, niet, via, waarschuwingen)


def _trek_in(map_: Cursusmap, api: Any, verdeling: Verdeling, auteur: str) -> None:
    """Haal een casus waarvan de auteur het delen introk uit elke leesopdracht die nog niet is opgehaald.

    Wat een lezer al ophaalde, kan de kit niet terughalen; de uitgave in de cohortmap, de zip en de
    uitwisseling bevatten de casus daarna niet meer.
    """
    code = verdeling.code(auteur)
    for lezer in verdeling.lezers(auteur):
        naam = verdeling.opdracht_van(lezer, auteur)
        if naam is None:
            continue
        plekken = [map_.release / naam, map_.exchange / api.coursedir.course_id / "outbound" / naam]
        for plek in plekken:
            data_pad = plek / f"{naam}.casussen.json"
            if data_pad.is_file():
                data = json.loads(data_pad.read_text(encoding="utf-8"))
                data["casussen"] = [c for c in data.get("casussen", []) if c.get("code") != code]
                _schrijf_tekst(data_pad, json.dumps(data, ensure_ascii=False, indent=2))
            (plek / f"{code}.png").unlink(missing_ok=True)
        if (map_.release / naam).is_dir():
            from samenwerkingscode.cursus.koppeling import zip_map

            zip_map(map_.release / naam, map_.uitdelen / f"{naam}.zip", naam)
    (map_.cohort / "uitwisselen" / "posters" / f"{code}.png").unlink(missing_ok=True)


def _poster(map_: Cursusmap, casus: IngeleverdeCasus, code: str) -> Path | None:
    """Het canvas als poster (PNG), één keer per casus getekend en bewaard in ``uitwisselen/posters/``."""
    from samenwerkingscode.model import canvas as canvasmodel

    pad = map_.cohort / "uitwisselen" / "posters" / f"{code}.png"
    if pad.is_file():
        return pad
    try:
        from samenwerkingscode.figuren.poster import teken_canvas

        bekend = set(canvasmodel.sleutels())
        return teken_canvas({k: v for k, v in casus.velden.items() if k in bekend}, casus.titel, pad)
    except RegieFout:
        return None  # dan ziet de lezer het canvas alleen als tabel


def _geef_uit(
    map_: Cursusmap,
    api: Any,
    naam: str,
    casussen: list[dict[str, Any]],
    via: bool,
    waarschuwingen: list[str],
    posters: Mapping[str, Path | None] | None = None,
) -> Path:
    """Schrijf de leesopdracht in ``release/<naam>/`` (+ zip) en zet haar in de uitwisseling van nbgrader."""
    import nbformat

    from samenwerkingscode.cursus.koppeling import gradebook, zip_map

    doel = map_.release / naam
    if doel.exists():
        shutil.rmtree(doel)
    doel.mkdir(parents=True)
    nbformat.write(maak_leesnotebook(naam, [c["code"] for c in casussen]), doel / f"{naam}.ipynb")
    _schrijf_tekst(doel / f"{naam}.casussen.json", json.dumps({"casussen": casussen}, ensure_ascii=False, indent=2))
    for code, poster in (posters or {}).items():
        if poster is not None:
            shutil.copyfile(poster, doel / f"{code}.png")
    zip_map(doel, map_.uitdelen / f"{naam}.zip", naam)
    with gradebook(map_) as gb:
        gb.update_or_create_assignment(naam)
    if via:
        uitgave = map_.exchange / api.coursedir.course_id / "outbound" / naam
        if uitgave.is_dir():
            shutil.rmtree(uitgave)
        resultaat = api.release_assignment(naam)
        if not (resultaat and resultaat.get("success")):
            waarschuwingen.append(f"{naam}: niet in de uitwisseling gezet; verstuur {map_.uitdelen / naam}.zip zelf")
    return doel


# ---------------------------------------------------------------------------------------------
# Terug naar de auteurs, en het overzicht voor de trainer.


@dataclass(frozen=True)
class Reactie:
    """De reactie van één lezer op één casus (leeg als de lezer nog niets inleverde)."""

    lezer: str
    auteur: str
    code: str
    ingeleverd: bool
    inhoud: dict[str, Any]

    @property
    def met_naam(self) -> bool:
        return self.inhoud.get("met_naam") is True

    @property
    def gevuld(self) -> bool:
        tekst = [self.inhoud.get(s) for s in ("duidelijk", "vraag", "tip")]
        relaties = self.inhoud.get("relaties") if isinstance(self.inhoud.get("relaties"), list) else []
        return any(isinstance(t, str) and t.strip() for t in tekst) or any(
            isinstance(r, Mapping) and any(str(v).strip() for v in r.values()) for r in relaties
        )


def reacties(map_: Cursusmap, verdeling: Verdeling) -> list[Reactie]:
    """Per (auteur, lezer) de reactie uit ``submitted/<lezer>/lezen-<lezer>/``."""
    uit: list[Reactie] = []
    for auteur, c in sorted(verdeling.casussen.items(), key=lambda x: x[1]["code"]):
        for lezer in c["lezers"]:
            naam = verdeling.opdracht_van(lezer, auteur) or leesopdracht(lezer)
            pad = map_.submitted / lezer / naam / f"{naam}.antwoorden.json"
            oefeningen = _lees_oefeningen(pad)
            inhoud = oefeningen.get(f"reactie_{c['code']}")
            uit.append(
                Reactie(lezer, auteur, c["code"], pad.is_file(), dict(inhoud) if isinstance(inhoud, Mapping) else {})
            )
    return uit


_STIJL = (
    "<style>body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.5;"
    "color:#1f2328}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #d0d7de}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .6em;"
    "text-align:left;vertical-align:top}.ontbreekt{color:#a11d1d}.klaar{color:#1e6b3a}</style>"
)


def _pagina(titel: str, inhoud: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{html.escape(titel)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{_STIJL}</head>'
        f"<body><main><h1>{html.escape(titel)}</h1>{inhoud}</main></body></html>\n"
    )


def _reactie_html(r: Reactie, nummer: int, naamlijst: Mapping[str, str]) -> str:
    from samenwerkingscode.model import samen_oefenen

    kop = f"Reactie van {naamlijst.get(r.lezer, r.lezer)}" if r.met_naam else f"Reactie {nummer} (anoniem)"
    delen = [f"<h2>{html.escape(kop)}</h2>"]
    for sleutel, label in (("duidelijk", "Wat is duidelijk"), ("vraag", "Eén vraag aan jou"), ("tip", "Eén tip")):
        tekst = r.inhoud.get(sleutel)
        if isinstance(tekst, str) and tekst.strip():
            alineas = "".join(f"<p>{html.escape(a)}</p>" for a in tekst.split("\n\n") if a.strip())
            delen.append(f"<h3>{label}</h3>{alineas}")
    relaties = [x for x in (r.inhoud.get("relaties") or []) if isinstance(x, Mapping)]
    relaties = [x for x in relaties if any(str(v).strip() for v in x.values())]
    if relaties:
        rijen = "".join(
            f"<tr><td>{html.escape(str(x.get('relatie', '')))}</td>"
            f"<td>{html.escape(samen_oefenen.vormnaam(str(x.get('vorm') or '') or None))}</td>"
            f"<td>{html.escape(str(x.get('waarom', '')))}</td></tr>"
            for x in relaties
        )
        delen.append(
            "<h3>Welke samenwerkingsvorm de lezer ziet</h3><table><thead><tr><th>Relatie</th><th>Vorm</th>"
            f"<th>Waarom</th></tr></thead><tbody>{rijen}</tbody></table>"
        )
    return "".join(delen)


def terugpagina(casus: IngeleverdeCasus, eigen: Sequence[Reactie], naamlijst: Mapping[str, str]) -> str:
    """De pagina voor één auteur: de gevulde reacties op zijn casus, namen alleen met toestemming."""
    gevuld = [r for r in eigen if r.gevuld]
    if not gevuld:
        inhoud = "<p>Er zijn nog geen reacties op je casus binnen. Je trainer stuurt ze als ze er zijn.</p>"
    else:
        inhoud = (
            f"<p>{len(gevuld)} andere deelnemer(s) lazen je casus <strong>{html.escape(casus.titel)}</strong>. "
            "Hieronder staat wat zij schreven. Neem hun vragen mee naar Blok 1.</p>"
        )
        inhoud += "".join(_reactie_html(r, i, naamlijst) for i, r in enumerate(gevuld, start=1))
    return _pagina(f"Reacties op je casus: {casus.titel}", inhoud)


def overzicht_html(verdeling: Verdeling, alle: Sequence[Reactie], naamlijst: Mapping[str, str]) -> str:
    """Voor de trainer: wie las wie, en welke reacties ontbreken."""
    rijen = "".join(
        f"<tr><td>{html.escape(r.code)}</td><td>{html.escape(naamlijst.get(r.auteur, r.auteur))}</td>"
        f"<td>{html.escape(naamlijst.get(r.lezer, r.lezer))}</td>"
        + ('<td class="klaar">binnen</td>' if r.gevuld else '<td class="ontbreekt">ontbreekt</td>')
        + "</tr>"
        for r in alle
    )
    ontbreekt = sum(not r.gevuld for r in alle)
    inhoud = (
        f"<p>{len(alle) - ontbreekt} van de {len(alle)} reacties zijn binnen; {ontbreekt} ontbreken. "
        "Deze pagina is alleen voor de trainer: ze noemt alle namen.</p>"
        "<table><thead><tr><th>Casus</th><th>Auteur</th><th>Lezer</th><th>Reactie</th></tr></thead>"
        f"<tbody>{rijen}</tbody></table>"
    )
    return _pagina("Uitwisseling: wie las wie", inhoud)


@dataclass
class Terugbrengst:
    """Wat ``regie cursus uitwisselen --terug`` deed."""

    paginas: dict[str, Path]
    overzicht: Path
    ontbrekend: list[Reactie]
    via_uitwisseling: list[str]


def _als_feedback(map_: Cursusmap, api: Any, auteur: str, pagina: Path) -> bool:
    """Zet de pagina klaar als nbgrader-feedback van ``eigen-casus`` (alleen na een inlevering via de uitwisseling)."""
    ingeleverd = map_.submitted / auteur / EIGEN_CASUS
    geheim = ingeleverd / "submission_secret.txt"
    tijd = ingeleverd / "timestamp.txt"
    if not (geheim.is_file() and tijd.is_file() and _via_uitwisseling(map_)):
        return False
    doel = map_.feedback / auteur / EIGEN_CASUS
    doel.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pagina, doel / f"{EIGEN_CASUS}.html")
    shutil.copyfile(geheim, doel / "submission_secret.txt")
    shutil.copyfile(tijd, doel / "timestamp.txt")
    resultaat = api.release_feedback(EIGEN_CASUS, auteur)
    return bool(resultaat and resultaat.get("success"))


def terug(*, cohort: str | os.PathLike[str] | None = None, bron: str | os.PathLike[str] | None = None) -> Terugbrengst:
    """Verzamel de reacties, maak per auteur zijn pagina en schrijf het overzicht voor de trainer."""
    from samenwerkingscode.cursus.koppeling import maak_api

    map_ = cursusmap(cohort, bron)
    verdeling = lees_verdeling(map_)
    if verdeling is None:
        raise RegieFout("Er is nog niets uitgewisseld in deze cohortmap. Draai eerst 'regie cursus uitwisselen'.")
    api = maak_api(map_)
    if _via_uitwisseling(map_):
        for lezer, rondes in sorted(verdeling.rondes.items()):
            for n in range(1, len(rondes) + 1):
                _verzamel(api, leesopdracht(lezer, n))
    alle = reacties(map_, verdeling)
    casussen = ingeleverde_casussen(map_)
    naamlijst = namen(map_)
    map_terug = map_.cohort / "uitwisselen" / "terug"
    paginas: dict[str, Path] = {}
    via: list[str] = []
    for auteur in sorted(verdeling.casussen):
        casus = casussen.get(auteur)
        if casus is None or not casus.delen:
            continue  # toestemming ingetrokken: niets terug te sturen en niets te tonen
        pad = map_terug / f"{auteur}.html"
        _schrijf_tekst(pad, terugpagina(casus, [r for r in alle if r.auteur == auteur], naamlijst))
        paginas[auteur] = pad
        if _als_feedback(map_, api, auteur, pad):
            via.append(auteur)
    overzicht = map_.cohort / "uitwisselen" / "overzicht.html"
    _schrijf_tekst(overzicht, overzicht_html(verdeling, alle, naamlijst))
    return Terugbrengst(paginas, overzicht, [r for r in alle if not r.gevuld], via)


def regie(
    *,
    cohort: str | os.PathLike[str] | None = None,
    k: int = STANDAARD_K,
    zaad: int | None = None,
    terugbrengen: bool = False,
) -> int:
    """``regie cursus uitwisselen [--terug]``: doe het werk en meld in het Nederlands wat er gebeurde."""
    if terugbrengen:
        t = terug(cohort=cohort)
        print(f"Reacties teruggebracht: {len(t.paginas)} pagina('s) in {t.overzicht.parent / 'terug'}.")
        if t.via_uitwisseling:
            print(f"  ook als feedback van eigen-casus klaargezet voor: {', '.join(t.via_uitwisseling)}")
        print(f"Overzicht voor de trainer (wie las wie): {t.overzicht}")
        if t.ontbrekend:
            print(f"Nog {len(t.ontbrekend)} reactie(s) ontbreken:")
            for r in t.ontbrekend:
                print(f"  - {r.lezer} over {r.code} ({r.auteur})")
        return 0
    u = uitwisselen(cohort=cohort, k=k, zaad=zaad)
    print(
        f"{len(u.verdeling.casussen)} gedeelde casus(sen), elk voor {u.verdeling.k} lezer(s) (zaad {u.verdeling.zaad})."
    )
    if u.niet_gedeeld:
        print(f"Niet gedeeld (blijven bij de trainer): {len(u.niet_gedeeld)} casus(sen).")
    if not u.opdrachten:
        print("Geen nieuwe leesopdrachten: iedereen heeft zijn casussen al.")
    for naam, pad in sorted(u.opdrachten.items()):
        plek = "in de uitwisseling en " if u.via_uitwisseling else ""
        print(f"  {naam}: {plek}in {pad}")
    for w in u.waarschuwingen:
        print(f"Let op: {w}")
    return 0
