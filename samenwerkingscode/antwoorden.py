"""Het antwoordbestand: wat een deelnemer in een widget invult, staat meteen veilig op schijf.

Deelnemers werken thuis, over meerdere dagen, en zijn meestal geen programmeur. Een herstart van
de kernel, een tweede browsertabblad of een crash midden in het opslaan mag daarom niets kosten.
Per notebook is er één JSON-bestand naast het notebook (``blok1.ipynb`` → ``blok1.antwoorden.json``):

- schrijven gaat atomisch (tijdelijk bestand in dezelfde map, flush + fsync, ``os.replace``);
- de vorige goede versie wordt eerst (ook atomisch) de back-up ``blok1.antwoorden.json.bak``;
- lezen-samenvoegen-schrijven gebeurt onder een slot tussen processen (``<bestand>.lock``), zodat
  twee widgets of twee tabbladen elkaars oefeningen niet wegschrijven;
- een beschadigd bestand wordt nooit stil overschreven: de kit valt terug op de back-up, meldt dat in
  het Nederlands en bewaart het beschadigde bestand als ``…defect-<tijd>`` vóór de eerste nieuwe schrijfactie.

Nakijkcellen van nbgrader lezen hetzelfde bestand met :func:`lees_antwoorden` (alleen lezen); de
nakijklus van de trainer gebruikt :func:`lees_voor_nakijken`, die nooit een fout gooit maar het
document of een Nederlandse reden geeft. Alle drie lezen via één strenge, begrensde parser
(:data:`MAX_BYTES`, :data:`MAX_CIJFERS`, :data:`MAX_TEKST`, :data:`MAX_DIEPTE`, geen ``NaN``/``Infinity``):
een kapot of kwaadaardig bestand van één deelnemer kan zo het notebook of het nakijken van de groep niet stoppen.
"""

from __future__ import annotations

import contextlib
import copy
import glob
import html
import json
import math
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from samenwerkingscode.model.bestanden import fsync_map, os_reden, schrijf_atomisch, umask
from samenwerkingscode.model.yamlbestand import RegieFout

SCHEMA = 1
"""De versie van het bestandsformaat die deze kit schrijft en kent."""

ACHTERVOEGSEL = ".antwoorden.json"
BACKUP_ACHTERVOEGSEL = ".bak"
SLOT_ACHTERVOEGSEL = ".lock"
DEFECT_TUSSENVOEGSEL = ".defect-"
SLOT_WACHTTIJD = 30.0
"""Seconden wachten op het slot; daarna een duidelijke melding in plaats van een hangend notebook."""

# Grenzen van de strenge parser. Een echt antwoordbestand (vijf blokken, lange reflecties) is enkele
# tientallen kB; de grenzen liggen ruim daarboven, maar houden een kapot of kwaadaardig bestand klein.
MAX_BYTES = 5_000_000
"""Grootste antwoordbestand in bytes."""
MAX_TEKST = 200_000
"""Langste tekst (tekens) in één veld."""
MAX_CIJFERS = 30
"""Meeste cijfers in één getal (een 5000-cijferig getal breekt Python en is nooit een antwoord)."""
MAX_DIEPTE = 20
"""Diepste nesting van groepen en lijsten."""
MAX_WAARDEN = 200_000
"""Meeste waarden in het hele bestand."""
MAX_VELDNAAM = 200
"""Langste veldnaam."""
MAX_OEFENINGEN = 500
"""Meeste oefeningen in één bestand."""


class AntwoordenFout(RegieFout):
    """Het antwoordbestand kan niet worden bijgewerkt; de tekst zegt waarom en wat je kunt doen."""


def antwoordbestand(naam_of_pad: str | os.PathLike[str], map: str | os.PathLike[str] | None = None) -> Path:
    """Het pad van het antwoordbestand bij een notebook.

    Aanvaardt een notebooknaam (``"blok1"``), een notebookpad (``"x/blok1.ipynb"``) of het pad van
    het antwoordbestand zelf. Een relatief pad telt vanaf ``map`` (standaard de huidige map: in
    JupyterLab, nbclient en nbgrader is dat de map van het notebook). Het resultaat is absoluut, zodat
    een latere ``os.chdir`` in het notebook het bestand niet verplaatst.
    """
    tekst = os.fspath(naam_of_pad)
    if not isinstance(tekst, str) or not tekst.strip():
        raise AntwoordenFout('Geef de naam van het notebook op, bijvoorbeeld Antwoorden("blok1").')
    p = Path(tekst)
    if p.name in ("", ".", "..") or tekst.endswith(("/", os.sep)):
        raise AntwoordenFout(f'\'{tekst}\' is geen notebooknaam; geef bijvoorbeeld "blok1" of "blok1.ipynb" op.')
    if p.name.endswith(ACHTERVOEGSEL):
        bestand = p
    else:
        stam = p.stem if p.suffix == ".ipynb" else p.name
        bestand = p.with_name(stam + ACHTERVOEGSEL)
    basis = Path(map) if map is not None else Path.cwd()
    return Path(os.path.abspath(basis / bestand))


def _notebooknaam(pad: Path) -> str:
    return pad.name[: -len(ACHTERVOEGSEL)]


def _nu() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _leeg_document(notebook: str) -> dict[str, Any]:
    return {"schema": SCHEMA, "notebook": notebook, "bijgewerkt": None, "oefeningen": {}}


# ---------------------------------------------------------------------------------------------
# Waarden controleren: alleen wat JSON exact terug kan geven, met een melding die de plek noemt.


def _controleer_waarde(waarde: Any, plek: str, onderweg: set[int], diepte: int = 3) -> None:
    """Alleen wat de strenge parser later ook weer inleest; anders een melding, nooit een stille fout."""
    if waarde is None or isinstance(waarde, bool):
        return
    if isinstance(waarde, str):
        if len(waarde) > MAX_TEKST:
            raise AntwoordenFout(
                f"{plek}: de tekst is {len(waarde)} tekens lang; er passen hoogstens {MAX_TEKST} tekens in één veld."
            )
        return
    if isinstance(waarde, int):
        if abs(waarde) >= 10**MAX_CIJFERS:
            raise AntwoordenFout(f"{plek}: het getal is te groot om op te slaan (hoogstens {MAX_CIJFERS} cijfers).")
        return
    if isinstance(waarde, float):
        if not math.isfinite(waarde):
            raise AntwoordenFout(f"{plek}: het getal {waarde} kan niet worden opgeslagen (alleen gewone getallen).")
        return
    if isinstance(waarde, Mapping | list | tuple):
        if diepte > MAX_DIEPTE:
            raise AntwoordenFout(f"{plek}: de waarde is dieper genest dan {MAX_DIEPTE} niveaus.")
        if id(waarde) in onderweg:
            raise AntwoordenFout(f"{plek}: de waarde verwijst naar zichzelf en kan niet worden opgeslagen.")
        onderweg.add(id(waarde))
        if isinstance(waarde, Mapping):
            for sleutel, deel in waarde.items():
                if isinstance(sleutel, str) and len(sleutel) > MAX_VELDNAAM:
                    raise AntwoordenFout(f"{plek}: de veldnaam '{_kort(sleutel)}' is te lang.")
                if not isinstance(sleutel, str):
                    raise AntwoordenFout(
                        f"{plek}: de veldnaam {sleutel!r} is geen tekst; gebruik tekst als veldnaam, "
                        f'bijvoorbeeld "{sleutel}".'
                    )
                _controleer_waarde(deel, f"{plek}, veld '{_kort(sleutel)}'", onderweg, diepte + 1)
        else:
            for i, deel in enumerate(waarde, start=1):
                _controleer_waarde(deel, f"{plek}, element {i}", onderweg, diepte + 1)
        onderweg.discard(id(waarde))
        return
    raise AntwoordenFout(
        f"{plek}: een waarde van het type '{type(waarde).__name__}' kan niet in het antwoordbestand. "
        "Toegestaan zijn tekst, getallen, ja/nee (True/False), None, lijsten en woordenboeken."
    )


def _json_kopie(waarde: Any) -> Any:
    """Een kopie zoals hij na opslaan en teruglezen is (tupels worden lijsten)."""
    return json.loads(json.dumps(waarde, ensure_ascii=False, allow_nan=False))


def _controleer_oefening(oefening: Any) -> str:
    if not isinstance(oefening, str) or not oefening.strip():
        raise AntwoordenFout(f"De naam van een oefening moet een niet-lege tekst zijn (nu: {oefening!r}).")
    return oefening


def _controleer_antwoord(oefening: str, waarde: Any) -> dict[str, Any]:
    if not isinstance(waarde, Mapping):
        raise AntwoordenFout(
            f"Het antwoord op oefening '{oefening}' moet een woordenboek (dict) zijn, geen '{type(waarde).__name__}'."
        )
    _controleer_waarde(waarde, f"Oefening '{oefening}'", set())
    return _json_kopie(dict(waarde))


# ---------------------------------------------------------------------------------------------
# Lezen en herstellen.


@dataclass
class _Ontleed:
    """Wat één bestand opleverde: een document, of de reden waarom het onbruikbaar is."""

    document: dict[str, Any] | None = None
    reden: str | None = None
    nieuwere_versie: int | None = None


class _Ongeldig(ValueError):
    """De inhoud overschrijdt een grens of is geen strikte JSON; de tekst is de Nederlandse reden."""


def _weiger_constante(naam: str) -> Any:
    raise _Ongeldig(f"er staat een getal '{naam}' in dat geen gewoon getal is")


def _geheel_getal(tekst: str) -> int:
    if len(tekst.lstrip("-")) > MAX_CIJFERS:
        raise _Ongeldig(f"er staat een getal van {len(tekst.lstrip('-'))} cijfers in (hoogstens {MAX_CIJFERS})")
    return int(tekst)


def _kommagetal(tekst: str) -> float:
    if len(tekst) > MAX_CIJFERS + 10:
        raise _Ongeldig(f"er staat een getal van {len(tekst)} tekens in (te lang)")
    waarde = float(tekst)
    if not math.isfinite(waarde):
        raise _Ongeldig(f"het getal {tekst} is te groot")
    return waarde


def _controleer_grenzen(data: Any) -> None:
    """Diepte, lengte van teksten en aantal waarden; zonder recursie, zodat elke invoer begrensd blijft."""
    te_doen: list[tuple[Any, int]] = [(data, 1)]
    aantal = 0
    while te_doen:
        waarde, diepte = te_doen.pop()
        aantal += 1
        if aantal > MAX_WAARDEN:
            raise _Ongeldig(f"het bestand bevat meer dan {MAX_WAARDEN} waarden")
        if isinstance(waarde, str):
            if len(waarde) > MAX_TEKST:
                raise _Ongeldig(f"er staat een tekst van {len(waarde)} tekens in (hoogstens {MAX_TEKST})")
        elif isinstance(waarde, dict | list):
            if diepte > MAX_DIEPTE:
                raise _Ongeldig(f"de gegevens zijn dieper genest dan {MAX_DIEPTE} niveaus")
            if isinstance(waarde, dict):
                for sleutel in waarde:
                    if len(sleutel) > MAX_VELDNAAM:
                        raise _Ongeldig(f"er staat een veldnaam van {len(sleutel)} tekens in")
                te_doen.extend((deel, diepte + 1) for deel in waarde.values())
            else:
                te_doen.extend((deel, diepte + 1) for deel in waarde)


def _strikte_json(inhoud: bytes) -> Any:
    """Eén strenge, begrensde parser voor elk antwoordbestand (notebook, nakijken, trainer)."""
    if len(inhoud) > MAX_BYTES:
        raise _Ongeldig(
            f"het bestand is {len(inhoud) // 1_000_000} MB; een antwoordbestand is hoogstens "
            f"{MAX_BYTES // 1_000_000} MB"
        )
    try:
        tekst = inhoud.decode("utf-8")
    except UnicodeDecodeError:
        raise _Ongeldig("het bestand bevat geen leesbare tekst") from None
    try:
        data = json.loads(tekst, parse_int=_geheel_getal, parse_float=_kommagetal, parse_constant=_weiger_constante)
    except json.JSONDecodeError as fout:
        raise _Ongeldig(f"het bestand is afgebroken of beschadigd (ongeldige JSON bij regel {fout.lineno})") from None
    except RecursionError:
        raise _Ongeldig("het bestand is beschadigd (te diep genest)") from None
    except _Ongeldig:
        raise
    except ValueError:  # bijvoorbeeld Pythons eigen grens op lange getallen
        raise _Ongeldig("het bestand bevat een waarde die geen geldig getal of geldige tekst is") from None
    _controleer_grenzen(data)
    return data


def _schemafout(oefeningen: Any) -> str | None:
    """Het schema per oefening: een woordenboek met korte tekst als veldnamen."""
    if not isinstance(oefeningen, dict):
        return "'oefeningen' ontbreekt of klopt niet"
    if len(oefeningen) > MAX_OEFENINGEN:
        return f"er staan meer dan {MAX_OEFENINGEN} oefeningen in"
    for naam, antwoord in oefeningen.items():
        if not naam.strip():
            return "een oefening heeft een lege naam"
        if not isinstance(antwoord, dict):
            return f"het antwoord op oefening '{_kort(naam)}' is geen groep velden"
    return None


def _kort(tekst: str, n: int = 40) -> str:
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


def _ontleed(inhoud: bytes, notebook: str) -> _Ontleed:
    if not inhoud.strip():
        return _Ontleed(reden="het bestand is leeg")
    try:
        data = _strikte_json(inhoud)
    except _Ongeldig as fout:
        return _Ontleed(reden=str(fout))
    if not isinstance(data, dict):
        return _Ontleed(reden="de inhoud heeft niet de opbouw van een antwoordbestand")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        return _Ontleed(reden=f"onbekende schemaversie ({_kort(repr(schema))})")
    oefeningen = data.get("oefeningen")
    schemafout = _schemafout(oefeningen)
    if schema > SCHEMA:
        document = _leeg_document(notebook)
        document["schema"] = schema
        if schemafout is None:
            document["oefeningen"] = oefeningen
        return _Ontleed(document=document, nieuwere_versie=schema)
    if schemafout is not None:
        return _Ontleed(reden=f"de inhoud heeft niet de opbouw van een antwoordbestand ({schemafout})")
    document = {
        "schema": SCHEMA,
        "notebook": data["notebook"] if isinstance(data.get("notebook"), str) else notebook,
        "bijgewerkt": data["bijgewerkt"] if isinstance(data.get("bijgewerkt"), str) else None,
        "oefeningen": oefeningen,
    }
    return _Ontleed(document=document)


def _lees_bytes(pad: Path) -> tuple[bytes | None, str | None]:
    """(inhoud, None), (None, None) als het bestand er niet is, of (None, reden) als lezen mislukt."""
    try:
        return pad.read_bytes(), None
    except FileNotFoundError:
        return None, None
    except OSError as fout:
        return None, os_reden(fout)


@dataclass
class _Stand:
    """Het resultaat van laden, met alles wat een schrijfactie daarna moet weten."""

    document: dict[str, Any]
    bron: str  # "bestand", "backup" of "leeg"
    waarschuwingen: list[str] = field(default_factory=list)
    hoofd_inhoud: bytes | None = None  # de inhoud van een goed hoofdbestand (wordt de back-up)
    defect_hoofd: bytes | None = None  # beschadigd hoofdbestand: bewaren vóór het overschrijven
    defect_backup: bytes | None = None  # beschadigde back-up die geraadpleegd werd
    alleen_lezen: str | None = None  # reden waarom schrijven niet mag


def _melding_nieuwer(pad: Path, versie: int) -> str:
    return (
        f"Het antwoordbestand {pad.name} is gemaakt met een nieuwere versie van de cursuskit "
        f"(schemaversie {versie}; deze versie kent {SCHEMA}). Je kunt je antwoorden bekijken, maar niet "
        "wijzigen, zodat er niets verloren gaat. Werk de cursuskit bij (vraag je trainer) om verder te gaan."
    )


def _laad(pad: Path) -> _Stand:
    """Lees het hoofdbestand; val bij schade terug op de back-up. Schrijft nooit iets."""
    notebook = _notebooknaam(pad)
    backup = pad.with_name(pad.name + BACKUP_ACHTERVOEGSEL)
    inhoud, leesfout = _lees_bytes(pad)
    stand = _Stand(document=_leeg_document(notebook), bron="leeg")

    reden_hoofd: str | None = leesfout
    if inhoud is not None:
        ontleed = _ontleed(inhoud, notebook)
        if ontleed.document is not None:
            stand.document = ontleed.document
            stand.bron = "bestand"
            if ontleed.nieuwere_versie is not None:
                stand.alleen_lezen = _melding_nieuwer(pad, ontleed.nieuwere_versie)
                stand.waarschuwingen.append(stand.alleen_lezen)
            else:
                stand.hoofd_inhoud = inhoud
            return stand
        reden_hoofd = ontleed.reden
        stand.defect_hoofd = inhoud
    elif leesfout is not None:
        stand.alleen_lezen = (
            f"Het antwoordbestand {pad.name} kan niet gelezen worden; daarom wordt het niet overschreven."
        )

    hoofd_ontbreekt = inhoud is None and leesfout is None
    if hoofd_ontbreekt:
        wat_hoofd = "ontbrak"
    elif leesfout is not None:
        wat_hoofd = f"kan niet gelezen worden ({leesfout})"
    else:
        wat_hoofd = f"is beschadigd: {reden_hoofd}"
    binnen, backupfout = _lees_bytes(backup)
    if binnen is None and backupfout is None:
        if hoofd_ontbreekt:
            return stand  # nog niets ingevuld: geen melding nodig
        stand.waarschuwingen.append(
            f"Je antwoordbestand {pad.name} {wat_hoofd}. Er is geen back-up, dus je begint "
            f"met lege antwoorden. Het beschadigde bestand wordt bewaard als {pad.name}{DEFECT_TUSSENVOEGSEL}… "
            "zodra je iets nieuws invult, zodat je trainer ernaar kan kijken."
        )
        return stand

    ontleed_b = _ontleed(binnen, notebook) if binnen is not None else _Ontleed(reden=backupfout)
    if ontleed_b.document is not None:
        stand.document = ontleed_b.document
        stand.bron = "backup"
        tekst = (
            f"Je antwoordbestand {pad.name} {wat_hoofd}. De vorige versie uit de back-up ({backup.name}) is "
            "teruggezet; kijk na of je laatste antwoorden er nog in staan."
        )
        if stand.defect_hoofd is not None:
            tekst += (
                f" Het beschadigde bestand wordt bewaard als {pad.name}{DEFECT_TUSSENVOEGSEL}… zodra je iets "
                "nieuws invult."
            )
        stand.waarschuwingen.append(tekst)
        if ontleed_b.nieuwere_versie is not None:
            stand.alleen_lezen = _melding_nieuwer(backup, ontleed_b.nieuwere_versie)
            stand.waarschuwingen.append(stand.alleen_lezen)
        return stand

    stand.defect_backup = binnen
    stand.waarschuwingen.append(
        f"Je antwoordbestand {pad.name} {wat_hoofd}, en ook de back-up {backup.name} is onbruikbaar: "
        f"{ontleed_b.reden}. Je begint met lege antwoorden. De beschadigde bestanden worden bewaard "
        f"(…{DEFECT_TUSSENVOEGSEL}<tijd>) zodra je iets nieuws invult, zodat je trainer ernaar kan kijken."
    )
    return stand


def lees_antwoorden(
    pad: str | os.PathLike[str], waarschuwingen: list[str] | None = None, *, map: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """Het hele antwoordbestand, voor nakijkcellen en de trainer: alleen lezen, nooit schrijven.

    ``pad`` is een notebooknaam, notebookpad of het antwoordbestand zelf (zie :func:`antwoordbestand`).
    Geeft ``{"schema", "notebook", "bijgewerkt", "oefeningen"}``; bestaat er nog niets, dan is
    ``oefeningen`` leeg. Bij schade volgt het dezelfde terugval op de back-up als :class:`Antwoorden`;
    de Nederlandse meldingen komen in ``waarschuwingen`` als je een lijst meegeeft.
    """
    stand = _laad(antwoordbestand(pad, map))
    if waarschuwingen is not None:
        waarschuwingen.extend(stand.waarschuwingen)
    return copy.deepcopy(stand.document)


@dataclass(frozen=True)
class Leesuitslag:
    """Eén antwoordbestand voor het nakijken: het document, of de Nederlandse reden waarom het onbruikbaar is.

    ``document`` is ``None`` precies als ``reden`` gevuld is. ``waarschuwingen`` noemt herstel uit de
    back-up (het document komt dan uit de back-up) of een bestand van een nieuwere kit.
    """

    document: dict[str, Any] | None
    reden: str | None = None
    waarschuwingen: tuple[str, ...] = ()

    @property
    def bruikbaar(self) -> bool:
        return self.document is not None


def lees_voor_nakijken(pad: str | os.PathLike[str], *, map: str | os.PathLike[str] | None = None) -> Leesuitslag:
    """Lees één antwoordbestand voor het nakijken; gooit nooit een fout, zodat één deelnemer de rest niet stopt.

    Een ontbrekend bestand is een leeg document (nog niets ingevuld: 0 punten, geen fout). Een bestand dat
    de strenge parser weigert en geen bruikbare back-up heeft, geeft ``reden`` (Nederlands, met de
    bestandsnaam): de nakijklus meldt die deelnemer als "nakijken mislukt" en beoordeelt de anderen.
    """
    try:
        bestand = antwoordbestand(pad, map)
        stand = _laad(bestand)
    except Exception as fout:  # vangnet: nakijken van de groep mag nooit stoppen
        return Leesuitslag(None, f"het antwoordbestand {os.fspath(pad)!s} kon niet worden gelezen ({fout})")
    if stand.bron == "leeg" and (
        stand.defect_hoofd is not None or stand.defect_backup is not None or stand.waarschuwingen
    ):
        reden = stand.waarschuwingen[0] if stand.waarschuwingen else f"{bestand.name} is onbruikbaar"
        return Leesuitslag(None, reden, tuple(stand.waarschuwingen))
    if stand.bron == "leeg" and stand.alleen_lezen is not None:
        return Leesuitslag(None, stand.alleen_lezen, tuple(stand.waarschuwingen))
    return Leesuitslag(copy.deepcopy(stand.document), None, tuple(stand.waarschuwingen))


# ---------------------------------------------------------------------------------------------
# Schrijven.


def _schrijf_atomisch(doel: Path, inhoud: bytes, prefix: str) -> None:
    """Atomisch, met rechten volgens de umask: de trainer (nbgrader, JupyterHub) moet het bestand kunnen lezen."""
    schrijf_atomisch(doel, inhoud, prefix=prefix, rechten=0o666 & ~umask())


def _bewaar_defect(doel: Path, inhoud: bytes, prefix: str) -> Path:
    """Bewaar een beschadigd bestand als ``<naam>.defect-<tijd>``; dezelfde inhoud maar één keer."""
    patroon = glob.escape(str(doel)) + DEFECT_TUSSENVOEGSEL + "*"
    for bestaand in sorted(glob.glob(patroon)):
        if bestaand.endswith(".tmp"):
            continue
        with contextlib.suppress(OSError):
            if Path(bestaand).read_bytes() == inhoud:
                return Path(bestaand)
    stempel = datetime.now().strftime("%Y%m%d-%H%M%S")
    kandidaat = doel.with_name(f"{doel.name}{DEFECT_TUSSENVOEGSEL}{stempel}")
    volgnummer = 2
    while kandidaat.exists():
        kandidaat = doel.with_name(f"{doel.name}{DEFECT_TUSSENVOEGSEL}{stempel}-{volgnummer}")
        volgnummer += 1
    _schrijf_atomisch(kandidaat, inhoud, prefix)
    return kandidaat


def _serialiseer(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def _handtekening(pad: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(pad)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Antwoorden:
    """Het antwoordbestand van één notebook; elke wijziging staat meteen (atomisch) op schijf.

    ``Antwoorden("blok1")`` gebruikt ``blok1.antwoorden.json`` in de huidige map (de map van het
    notebook); ``Antwoorden(Path("x/blok1.ipynb"))`` gebruikt ``x/blok1.antwoorden.json``. Het
    aanmaken schrijft niets; pas de eerste :meth:`schrijf` of :meth:`werk_bij` maakt het bestand.
    """

    def __init__(self, naam_of_pad: str | os.PathLike[str], map: str | os.PathLike[str] | None = None) -> None:
        self._pad = antwoordbestand(naam_of_pad, map)
        self._slotpad = self._pad.with_name(self._pad.name + SLOT_ACHTERVOEGSEL)
        self._tijdelijk_prefix = f".{self._pad.name}."
        self._intern = threading.RLock()
        self.waarschuwingen: list[str] = []
        """Nederlandse meldingen over herstel of alleen-lezen; de widgets tonen ze."""
        self._document: dict[str, Any] = _leeg_document(_notebooknaam(self._pad))
        self._alleen_lezen: str | None = None
        self._handtekening: tuple[int, int, int] | None = None
        with self._intern:
            self._neem_over(_laad(self._pad))

    # -- eigenschappen ------------------------------------------------------------------------

    @property
    def pad(self) -> Path:
        """Het antwoordbestand zelf."""
        return self._pad

    @property
    def backup_pad(self) -> Path:
        """De back-up: de vorige goede versie van het antwoordbestand."""
        return self._pad.with_name(self._pad.name + BACKUP_ACHTERVOEGSEL)

    @property
    def notebook(self) -> str:
        return _notebooknaam(self._pad)

    @property
    def alleen_lezen(self) -> bool:
        """Waar als schrijven niet mag (bestand van een nieuwere kit, of onleesbaar)."""
        with self._intern:
            self._ververs()
            return self._alleen_lezen is not None

    def __repr__(self) -> str:
        return f"Antwoorden({str(self._pad)!r})"

    # -- lezen ---------------------------------------------------------------------------------

    def lees(self, oefening: str, standaard: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Een kopie van het antwoord op ``oefening``; ``standaard`` (of ``{}``) als er nog niets is."""
        _controleer_oefening(oefening)
        with self._intern:
            self._ververs()
            waarde = self._document["oefeningen"].get(oefening)
            if waarde is None:
                return copy.deepcopy(dict(standaard)) if standaard is not None else {}
            return copy.deepcopy(waarde)

    def alles(self) -> dict[str, dict[str, Any]]:
        """Een kopie van alle antwoorden, per oefening."""
        with self._intern:
            self._ververs()
            return copy.deepcopy(self._document["oefeningen"])

    # -- schrijven -----------------------------------------------------------------------------

    def schrijf(self, oefening: str, waarde: Mapping[str, Any]) -> None:
        """Vervang het antwoord op ``oefening`` en sla het meteen op."""
        _controleer_oefening(oefening)
        nieuw = _controleer_antwoord(oefening, waarde)
        self._bewaar(oefening, lambda _oud: nieuw)

    def werk_bij(self, oefening: str, **velden: Any) -> dict[str, Any]:
        """Voeg velden toe aan (of vervang ze in) het antwoord op ``oefening``; geeft het nieuwe antwoord.

        Het samenvoegen gebeurt met de versie die op dat moment op schijf staat, zodat velden die een
        ander widget of tabblad net schreef behouden blijven.
        """
        _controleer_oefening(oefening)
        erbij = _controleer_antwoord(oefening, velden)
        return self._bewaar(oefening, lambda oud: {**oud, **erbij})

    def toon_waarschuwingen(self) -> None:
        """Toon de meldingen goed zichtbaar in het notebook (of als tekst buiten een notebook)."""
        with self._intern:
            meldingen = list(self.waarschuwingen)
        if not meldingen:
            return
        try:
            from IPython import get_ipython
            from IPython.display import HTML, display
        except ImportError:
            get_ipython = None
        if get_ipython is None or get_ipython() is None:
            for melding in meldingen:
                print(f"Let op: {melding}", file=sys.stderr)
            return
        blokken = "".join(
            '<div style="border-left:4px solid #c0392b;background:#fdecea;padding:0.5em 0.8em;margin:0.3em 0">'
            f"<strong>Let op:</strong> {html.escape(m)}</div>"
            for m in meldingen
        )
        display(HTML(blokken))

    # -- intern --------------------------------------------------------------------------------

    def _waarschuw(self, meldingen: list[str]) -> None:
        for melding in meldingen:
            if melding not in self.waarschuwingen:
                self.waarschuwingen.append(melding)

    def _neem_over(self, stand: _Stand) -> None:
        self._document = stand.document
        self._alleen_lezen = stand.alleen_lezen
        self._handtekening = _handtekening(self._pad)
        self._waarschuw(stand.waarschuwingen)

    def _ververs(self) -> None:
        """Lees opnieuw als een ander (widget, tabblad) het bestand intussen verving; anders niets."""
        if _handtekening(self._pad) != self._handtekening:
            self._neem_over(_laad(self._pad))

    def _bewaar(self, oefening: str, maak: Any) -> dict[str, Any]:
        from filelock import FileLock, Timeout

        with self._intern:
            try:
                # Kort pollen: met het standaardinterval (50 ms) kan een drukke schrijver een ander uithongeren.
                with FileLock(self._slotpad, timeout=SLOT_WACHTTIJD).acquire(poll_interval=0.001):
                    return self._bewaar_onder_slot(oefening, maak)
            except Timeout as fout:
                raise AntwoordenFout(
                    f"Je antwoord kon niet worden opgeslagen: {self._pad.name} is al {SLOT_WACHTTIJD:.0f} seconden "
                    "bezet door een ander notebook of tabblad. Probeer het zo nog eens."
                ) from fout
            except OSError as fout:
                raise AntwoordenFout(
                    f"Je antwoord kon niet worden opgeslagen in {self._pad}: {os_reden(fout)}. "
                    "Je vorige antwoorden staan nog ongewijzigd op schijf."
                ) from fout

    def _bewaar_onder_slot(self, oefening: str, maak: Any) -> dict[str, Any]:
        # Onder het slot schrijft niemand anders: overgebleven tijdelijke bestanden zijn van een crash.
        for oud in glob.glob(
            os.path.join(glob.escape(str(self._pad.parent)), glob.escape(self._tijdelijk_prefix) + "*.tmp")
        ):
            with contextlib.suppress(OSError):
                os.unlink(oud)

        stand = _laad(self._pad)  # opnieuw lezen: een ander proces kan intussen geschreven hebben
        self._waarschuw(stand.waarschuwingen)
        if stand.alleen_lezen is not None:
            self._neem_over(stand)
            raise AntwoordenFout(stand.alleen_lezen)

        document = stand.document
        oud = document["oefeningen"].get(oefening, {})
        nieuw = maak(oud)
        if stand.bron == "bestand" and nieuw == oud and oefening in document["oefeningen"]:
            self._neem_over(stand)
            return copy.deepcopy(nieuw)

        nieuw_document = {
            "schema": SCHEMA,
            "notebook": _notebooknaam(self._pad),
            "bijgewerkt": _nu(),
            "oefeningen": {**document["oefeningen"], oefening: nieuw},
        }
        try:
            inhoud = _serialiseer(nieuw_document)
        except (TypeError, ValueError) as fout:  # vangnet: een opslag mag nooit stil mislukken
            raise AntwoordenFout(
                f"Je antwoord op oefening '{oefening}' kon niet worden opgeslagen: het bevat een waarde die niet in "
                "het antwoordbestand past. Je vorige antwoorden staan nog ongewijzigd op schijf."
            ) from fout
        if len(inhoud) > MAX_BYTES:
            raise AntwoordenFout(
                f"Je antwoord op oefening '{oefening}' is niet opgeslagen: het antwoordbestand zou groter worden dan "
                f"{MAX_BYTES // 1_000_000} MB. Maak je antwoord korter."
            )

        # Bewijs van schade eerst veiligstellen: een beschadigd bestand wordt nooit stil overschreven.
        if stand.defect_hoofd is not None:
            bewaard = _bewaar_defect(self._pad, stand.defect_hoofd, self._tijdelijk_prefix)
            self._waarschuw([f"Het beschadigde antwoordbestand is bewaard als {bewaard.name}."])
        if stand.defect_backup is not None:
            bewaard = _bewaar_defect(self.backup_pad, stand.defect_backup, self._tijdelijk_prefix)
            self._waarschuw([f"De beschadigde back-up is bewaard als {bewaard.name}."])
        if stand.hoofd_inhoud is not None:
            _schrijf_atomisch(self.backup_pad, stand.hoofd_inhoud, self._tijdelijk_prefix)
        _schrijf_atomisch(self._pad, inhoud, self._tijdelijk_prefix)
        fsync_map(self._pad.parent)

        self._document = nieuw_document
        self._alleen_lezen = None
        self._handtekening = _handtekening(self._pad)
        return copy.deepcopy(nieuw)
