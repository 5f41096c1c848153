"""Inleveringen inlezen uit een map of zip (uit e-mail of een leeromgeving), zonder iets te verliezen.

Naamgeving (hoofdletters maken niet uit; ``<id>`` is de deelnemer-id: letters, cijfers, '-' en '.').
Standaard herkent de kit drie vormen:

1. ``<id>/<blok>/<blok>.ipynb`` en ``<id>/<blok>/<blok>.antwoorden.json`` — de mapvorm van nbgrader;
2. ``<id>/<blok>.ipynb`` en ``<id>/<blok>.antwoorden.json`` — een map per deelnemer;
3. ``<id>_<blok>.ipynb`` en ``<id>_<blok>.antwoorden.json`` — alles in één map.

Een omhullende map (zoals ``inleveringen/`` in een zip) mag. Een leeromgeving met een andere
naamgeving werkt met een eigen patroon (:attr:`Inleveren.naampatronen`, reguliere expressies met de
groepen ``(?P<deelnemer>…)`` en ``(?P<blok>…)``, zoals nbgraders ``FileNameCollectorPlugin.named_regexp``),
zonder code te wijzigen. ``<blok>`` is de naam van een opdracht in
de bron (``blok1`` … ``blok5``, ``eigen-casus``). Een back-up ``….antwoorden.json.bak`` gaat mee.

Waarom zo voorzichtig: een inlevering is het werk van een deelnemer. Onbekende namen en blokken
worden gemeld, een deelnemer die twee keer hetzelfde blok in één import heeft, wordt helemaal niet
ingelezen (de trainer kiest), en een bestaande inlevering wordt alleen met ``vervang=True`` vervangen;
de oude versie gaat dan naar ``<cohort>/vorige/<id>/<blok>.vorige-<tijd>/``.

Een zip of map van buiten is onbetrouwbaar: er zijn grenzen aan het aantal bestanden, de grootte per
bestand en de totale grootte (een zipbom vult anders de schijf); snelkoppelingen (symlinks) worden
nooit gevolgd; een naam die twee keer in de zip staat, versleutelde of onbekend gecomprimeerde
bestanden en namen die het besturingssysteem weigert, worden gemeld en alleen dát bestand wordt
overgeslagen.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from traitlets import Int, List, Unicode
from traitlets.config import Configurable

from samenwerkingscode.cursus.cursusmap import Cursusmap, cursusmap
from samenwerkingscode.model.bestanden import os_reden
from samenwerkingscode.model.yamlbestand import RegieFout, kort

_ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")
_BESTAND = re.compile(r"(?P<stam>.+?)(?P<soort>\.ipynb|\.antwoorden\.json|\.antwoorden\.json\.bak)", re.IGNORECASE)
_OVERSLAAN = ("__MACOSX", ".ipynb_checkpoints", "Thumbs.db", "desktop.ini")

STANDAARD_PATRONEN: tuple[str, ...] = (
    r"(?:.*/)?(?P<deelnemer>[^/]+)_(?P<blok>[^/_.]+)",  # <id>_<blok>.ipynb
    r"(?:.*/)?(?P<deelnemer>[^/]+)/(?P<blok>[^/_.]+)/(?P=blok)",  # <id>/<blok>/<blok>.ipynb (nbgrader)
    r"(?:.*/)?(?P<deelnemer>[^/]+)/(?P<blok>[^/_.]+)",  # <id>/<blok>.ipynb
)
"""De drie naamvormen die de kit zonder instellingen herkent (zie de moduledocumentatie)."""

MAX_BESTANDEN = 20_000
MAX_PER_BESTAND = 50 * 1024 * 1024
MAX_TOTAAL = 2 * 1024 * 1024 * 1024
_COMPRESSIE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


class Inleveren(Configurable):
    """Instellingen voor ``regie cursus importeer`` (in ``nbgrader_config.py`` als ``c.Inleveren.…``)."""

    naampatronen = List(
        Unicode(),
        default_value=list(STANDAARD_PATRONEN),
        help=(
            "Reguliere expressies voor de namen van inleveringen, op het pad binnen de map of zip zonder "
            "'.ipynb'/'.antwoorden.json' en met '/' tussen mappen. Elk patroon heeft de groepen "
            "(?P<deelnemer>...) en (?P<blok>...); het eerste passende patroon telt. Hoofdletters maken niet uit."
        ),
    ).tag(config=True)
    max_bestanden = Int(
        MAX_BESTANDEN, help="Meeste bestanden in één zip of map; daarboven wordt de import geweigerd."
    ).tag(config=True)
    max_per_bestand = Int(
        MAX_PER_BESTAND, help="Grootste bestand (bytes, uitgepakt); een groter bestand wordt overgeslagen."
    ).tag(config=True)
    max_totaal = Int(
        MAX_TOTAAL,
        help="Grootste totale omvang (bytes, uitgepakt); daarboven stopt de import zonder iets te schrijven.",
    ).tag(config=True)


def inleverinstellingen(map_: str | os.PathLike[str] | None = None) -> Inleveren:
    """De instellingen uit ``nbgrader_config.py`` (``c.Inleveren.…``), zoals nbgrader zelf die vindt.

    Eerst in ``map_`` (standaard de huidige map, waar ook de formgrader start), anders in de projectmap.
    """
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    from samenwerkingscode.cursus.cursusmap import PROJECT

    for kandidaat in (Path(map_) if map_ is not None else Path.cwd(), PROJECT):
        bestand = kandidaat / "nbgrader_config.py"
        if not bestand.is_file():
            continue
        try:
            config = PyFileConfigLoader(bestand.name, path=str(kandidaat)).load_config()
        except ConfigFileNotFound:
            continue
        except Exception as fout:  # een fout in een instellingenbestand van de trainer
            raise RegieFout(
                f"{bestand} bevat een fout ({type(fout).__name__}); controleer de regels met c.Inleveren."
            ) from None
        return Inleveren(config=config)
    return Inleveren()


@dataclass(frozen=True)
class _Patroon:
    tekst: str
    regex: re.Pattern[str]


def _patronen(teksten: list[str] | tuple[str, ...]) -> list[_Patroon]:
    uit = []
    for tekst in teksten:
        try:
            regex = re.compile(tekst, re.IGNORECASE)
        except re.error as fout:
            raise RegieFout(f"Het naampatroon {tekst!r} is geen geldige reguliere expressie ({fout.msg}).") from None
        ontbreekt = [g for g in ("deelnemer", "blok") if g not in regex.groupindex]
        if ontbreekt:
            raise RegieFout(
                f"Het naampatroon {tekst!r} mist de groep(en) {', '.join(f'(?P<{g}>...)' for g in ontbreekt)}."
            )
        uit.append(_Patroon(tekst, regex))
    return uit


@dataclass
class Importverslag:
    """Wat er met een import gebeurde, in het Nederlands."""

    ingelezen: list[str] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)


@dataclass
class _Kandidaat:
    bestand: Path
    herkomst: str
    deelnemer: str
    blok: str
    soort: str  # ".ipynb", ".antwoorden.json" of ".antwoorden.json.bak"


def _toon(naam: str) -> str:
    """Een bestandsnaam in een melding: ingekort, zodat een naam van honderden tekens de uitvoer niet vult."""
    return naam if len(naam) <= 120 else naam[:119] + "…"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _pak_uit(zip_pad: Path, doel: Path, verslag: Importverslag, inst: Inleveren, dubbel: set[str]) -> None:
    """Pak een zip veilig en begrensd uit: geen paden buiten de doelmap, geen symlinks, geen zipbom.

    Een slecht bestand wordt overgeslagen met een melding; alleen een te grote of te volle zip als
    geheel stopt de import (dan is er nog niets in het cohort geschreven).
    """
    try:
        with zipfile.ZipFile(zip_pad) as z:
            infos = z.infolist()
            if len(infos) > inst.max_bestanden:
                raise RegieFout(
                    f"'{zip_pad.name}' bevat {len(infos)} bestanden; de grens is {inst.max_bestanden}. "
                    "Controleer of dit de goede download is (of verhoog c.Inleveren.max_bestanden)."
                )
            totaal = 0
            gezien: set[str] = set()
            for info in infos:
                naam_tekst = info.filename.replace("\\", "/")
                naam = PurePosixPath(naam_tekst)
                toon = _toon(info.filename)
                if info.is_dir():
                    continue
                if naam.is_absolute() or ".." in naam.parts or naam_tekst.startswith("//"):
                    verslag.meldingen.append(f"{toon}: onveilig pad in de zip, overgeslagen")
                    continue
                sleutel = naam.as_posix().lower()
                if sleutel in gezien:
                    dubbel.add(sleutel)
                    verslag.meldingen.append(
                        f"{toon}: staat meer dan eens in de zip; geen van beide wordt ingelezen. "
                        "Haal de verkeerde versie weg en importeer opnieuw."
                    )
                    continue
                gezien.add(sleutel)
                if _BESTAND.fullmatch(naam.name) is None or any(
                    d.startswith(".") or d in _OVERSLAAN for d in naam.parts
                ):
                    if not any(d.startswith(".") or d in _OVERSLAAN for d in naam.parts):
                        verslag.overgeslagen.append(f"{toon}: geen notebook of antwoordbestand, overgeslagen")
                    continue  # alleen notebooks en antwoordbestanden worden uitgepakt
                if _is_symlink(info):
                    verslag.meldingen.append(f"{toon}: een snelkoppeling (symlink) in de zip, overgeslagen")
                    continue
                if info.flag_bits & 0x1:
                    verslag.meldingen.append(f"{toon}: versleuteld (met een wachtwoord), overgeslagen")
                    continue
                if info.compress_type not in _COMPRESSIE:
                    verslag.meldingen.append(
                        f"{toon}: gecomprimeerd op een manier die de kit niet kent (methode {info.compress_type}), "
                        "overgeslagen; pak de zip zelf uit en importeer de map"
                    )
                    continue
                if info.file_size > inst.max_per_bestand:
                    verslag.meldingen.append(
                        f"{toon}: uitgepakt {_mb(info.file_size)}, groter dan de grens van "
                        f"{_mb(inst.max_per_bestand)}; overgeslagen"
                    )
                    continue
                if totaal + info.file_size > inst.max_totaal:
                    raise RegieFout(
                        f"'{zip_pad.name}' pakt uit tot meer dan {_mb(inst.max_totaal)}; er is niets ingelezen. "
                        "Controleer of dit de goede download is (of verhoog c.Inleveren.max_totaal)."
                    )
                geschreven = _pak_een_uit(z, info, doel.joinpath(*naam.parts), inst.max_per_bestand, verslag, toon)
                if geschreven is None:
                    continue
                totaal += geschreven
                if totaal > inst.max_totaal:
                    raise RegieFout(
                        f"'{zip_pad.name}' pakt uit tot meer dan {_mb(inst.max_totaal)}; er is niets ingelezen."
                    )
    except zipfile.BadZipFile as fout:
        raise RegieFout(f"'{zip_pad}' is geen geldige zip ({fout}). Download het bestand opnieuw.") from fout


def _pak_een_uit(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, bestemming: Path, grens: int, verslag: Importverslag, toon: str
) -> int | None:
    """Eén bestand uitpakken, in stukken en met de grootte bewaakt (de kop van een zip kan liegen)."""
    geschreven = 0
    gemaakt = False
    try:
        bestemming.parent.mkdir(parents=True, exist_ok=True)
        with z.open(info) as bron, open(bestemming, "xb") as uit:  # "x": nooit een eerder bestand overschrijven
            gemaakt = True
            while stuk := bron.read(1024 * 1024):
                geschreven += len(stuk)
                if geschreven > grens:
                    raise _TeGroot
                uit.write(stuk)
    except (_TeGroot, OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, ValueError) as fout:
        if gemaakt:
            bestemming.unlink(missing_ok=True)
        if isinstance(fout, _TeGroot):
            reden = f"groter dan de grens van {_mb(grens)}"
        elif isinstance(fout, OSError):
            reden = f"kon niet worden uitgepakt: {os_reden(fout)}"
        elif isinstance(fout, zipfile.BadZipFile | EOFError):
            reden = "beschadigd in de zip"
        else:
            reden = "niet te lezen (versleuteld of onbekend gecomprimeerd?)"
        verslag.meldingen.append(f"{toon}: {reden}; overgeslagen")
        return None
    tijd = time.mktime((*info.date_time, 0, 0, -1))
    os.utime(bestemming, (tijd, tijd))
    return geschreven


class _TeGroot(Exception):
    pass


def _bestanden_in_map(wortel: Path, verslag: Importverslag, inst: Inleveren) -> list[Path]:
    """Alle gewone bestanden in een map, zonder ooit een snelkoppeling (symlink) te volgen."""
    uit: list[Path] = []
    totaal = 0
    for map_, mappen, bestanden in os.walk(wortel, followlinks=False):
        basis = Path(map_)
        for naam in list(mappen):
            if (basis / naam).is_symlink():
                mappen.remove(naam)
                verslag.meldingen.append(
                    f"{(basis / naam).relative_to(wortel).as_posix()}: een snelkoppeling (symlink) naar een map, "
                    "niet gevolgd"
                )
        mappen.sort()
        for naam in sorted(bestanden):
            pad = basis / naam
            rel = pad.relative_to(wortel).as_posix()
            try:
                st = pad.lstat()
            except OSError as fout:
                verslag.meldingen.append(f"{_toon(rel)}: kon niet worden gelezen ({os_reden(fout)}); overgeslagen")
                continue
            if stat.S_ISLNK(st.st_mode):
                if _BESTAND.fullmatch(naam):
                    verslag.meldingen.append(f"{_toon(rel)}: een snelkoppeling (symlink), niet gevolgd")
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            if _BESTAND.fullmatch(naam) is None:
                uit.append(pad)  # wordt verderop als 'overgeslagen' gemeld
                continue
            if st.st_size > inst.max_per_bestand:
                verslag.meldingen.append(
                    f"{_toon(rel)}: {_mb(st.st_size)}, groter dan de grens van {_mb(inst.max_per_bestand)}; "
                    "overgeslagen"
                )
                continue
            totaal += st.st_size
            uit.append(pad)
            if len(uit) > inst.max_bestanden:
                raise RegieFout(
                    f"'{wortel}' bevat meer dan {inst.max_bestanden} bestanden; er is niets ingelezen. "
                    "Controleer of dit de goede map is (of verhoog c.Inleveren.max_bestanden)."
                )
            if totaal > inst.max_totaal:
                raise RegieFout(
                    f"De bestanden in '{wortel}' zijn samen meer dan {_mb(inst.max_totaal)}; er is niets ingelezen."
                )
    return uit


def _herken(
    rel: PurePosixPath, bestand: Path, blokken: set[str], verslag: Importverslag, patronen: list[_Patroon]
) -> _Kandidaat | None:
    delen = rel.parts
    if any(d.startswith(".") or d in _OVERSLAAN for d in delen):
        return None
    m = _BESTAND.fullmatch(delen[-1])
    if m is None:
        verslag.overgeslagen.append(f"{_toon(str(rel))}: geen notebook of antwoordbestand, overgeslagen")
        return None
    stam, soort = m.group("stam"), m.group("soort").lower()
    stampad = "/".join((*delen[:-1], stam))
    treffer = next((t for p in patronen if (t := p.regex.fullmatch(stampad)) is not None), None)
    if treffer is None:
        verslag.meldingen.append(
            f"{_toon(str(rel))}: niet te zien van welke deelnemer dit is; gebruik <id>/<blok>/{delen[-1]} of "
            f"<id>_{delen[-1]} (of stel een eigen naampatroon in)"
        )
        return None
    blok, deelnemer = treffer.group("blok").lower(), treffer.group("deelnemer").strip().lower()
    if blok not in blokken:
        verslag.meldingen.append(
            f"{_toon(str(rel))}: onbekend blok {kort(blok)} (bekend: {', '.join(sorted(blokken))})"
        )
        return None
    if not _ID.fullmatch(deelnemer):
        verslag.meldingen.append(
            f"{_toon(str(rel))}: {kort(deelnemer)} is geen bruikbare deelnemer-id (1 tot 64 tekens: kleine "
            "letters a-z, cijfers, '-' en '.'; geen spaties of accenten)"
        )
        return None
    return _Kandidaat(bestand=bestand, herkomst=str(rel), deelnemer=deelnemer, blok=blok, soort=soort)


def _zelfde_inhoud(bestaand: Path, nieuw: dict[str, _Kandidaat]) -> bool:
    for soort, k in nieuw.items():
        doel = bestaand / f"{k.blok}{soort}"
        if not doel.is_file() or doel.read_bytes() != k.bestand.read_bytes():
            return False
    return True


def _tijdstempel(kandidaten: list[_Kandidaat]) -> str:
    """nbgrader's ``timestamp.txt``: het laatst gewijzigde bestand van de inlevering, in UTC."""
    laatste = max(k.bestand.stat().st_mtime for k in kandidaten)
    return datetime.fromtimestamp(laatste, tz=UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def _schrijf(map_: Cursusmap, deelnemer: str, blok: str, bestanden: dict[str, _Kandidaat], vervang: bool) -> str:
    doel = map_.submitted / deelnemer / blok
    actie = "ingelezen"
    doel.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{blok}.", dir=doel.parent))
    try:
        for soort, k in bestanden.items():
            shutil.copy2(k.bestand, tijdelijk / f"{blok}{soort}", follow_symlinks=False)
        (tijdelijk / "timestamp.txt").write_text(_tijdstempel(list(bestanden.values())) + "\n", encoding="utf-8")
        if doel.is_dir() and not any(doel.iterdir()):
            doel.rmdir()
        if doel.exists() and vervang:
            stempel = datetime.now().strftime("%Y%m%d-%H%M%S")
            oud = map_.vorige / deelnemer / f"{blok}.vorige-{stempel}"
            volgnummer = 2
            while oud.exists():
                oud = map_.vorige / deelnemer / f"{blok}.vorige-{stempel}-{volgnummer}"
                volgnummer += 1
            oud.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(doel), oud)
            actie = f"vervangen (oude versie bewaard in {oud})"
        shutil.move(str(tijdelijk), doel)
    finally:
        if tijdelijk.exists():
            shutil.rmtree(tijdelijk, ignore_errors=True)
    return actie


def lees_in(
    *,
    cohort: str | os.PathLike[str] | None = None,
    pad: str | os.PathLike[str],
    vervang: bool = False,
    bron: str | os.PathLike[str] | None = None,
    instellingen: Inleveren | None = None,
) -> Importverslag:
    """Lees inleveringen in naar ``<cohort>/submitted/`` en geef een :class:`Importverslag`.

    ``instellingen`` is een :class:`Inleveren` (naampatronen en grenzen); standaard wat
    ``nbgrader_config.py`` zegt (:func:`inleverinstellingen`), anders de drie naamvormen en de standaardgrenzen.
    """
    inst = instellingen if instellingen is not None else inleverinstellingen()
    patronen = _patronen(list(inst.naampatronen))
    map_ = cursusmap(cohort, bron)
    invoer = Path(pad).expanduser()
    if not invoer.exists():
        raise RegieFout(f"'{invoer}' bestaat niet. Geef de map of zip met de inleveringen.")
    blokken = set(map_.opdrachten())
    if not blokken:
        raise RegieFout(f"In de bronmap '{map_.bron}' staan geen opdrachten; draai de opdracht in de projectmap.")
    verslag = Importverslag()
    dubbel: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="regie-import-") as tijdelijk:
        if invoer.is_file():
            if not zipfile.is_zipfile(invoer):
                raise RegieFout(f"'{invoer}' is geen map en geen zip. Geef de map of zip met de inleveringen.")
            wortel = Path(tijdelijk)
            _pak_uit(invoer, wortel, verslag, inst, dubbel)
        elif invoer.is_dir():
            wortel = invoer
        else:
            raise RegieFout(f"'{invoer}' is geen map en geen zip. Geef de map of zip met de inleveringen.")
        kandidaten = []
        for bestand in _bestanden_in_map(wortel, verslag, inst):
            rel = PurePosixPath(bestand.relative_to(wortel).as_posix())
            k = _herken(rel, bestand, blokken, verslag, patronen)
            if k is not None:
                kandidaten.append(k)
        groepen: dict[tuple[str, str], list[_Kandidaat]] = {}
        for k in kandidaten:
            groepen.setdefault((k.deelnemer, k.blok), []).append(k)
        for sleutel, groep in list(groepen.items()):
            if any(k.herkomst.lower() in dubbel for k in groep):
                verslag.meldingen.append(
                    f"{sleutel[0]}, {sleutel[1]}: een bestand staat meer dan eens in de zip; niets ingelezen"
                )
                del groepen[sleutel]

        nieuwe_deelnemers = set()
        for (deelnemer, blok), groep in sorted(groepen.items()):
            per_soort: dict[str, list[_Kandidaat]] = {}
            for k in groep:
                per_soort.setdefault(k.soort, []).append(k)
            dubbel = {s: ks for s, ks in per_soort.items() if len(ks) > 1}
            if dubbel:
                herkomst = "; ".join(" en ".join(k.herkomst for k in ks) for ks in dubbel.values())
                verslag.meldingen.append(
                    f"{deelnemer}, {blok}: staat meer dan eens in deze import ({herkomst}); niets ingelezen. "
                    "Haal de verkeerde versie weg en importeer opnieuw."
                )
                continue
            bestanden = {s: ks[0] for s, ks in per_soort.items()}
            if ".ipynb" not in bestanden:
                verslag.meldingen.append(f"{deelnemer}, {blok}: alleen een antwoordbestand, het notebook ontbreekt")
            if ".antwoorden.json" not in bestanden and ".ipynb" in bestanden:
                verslag.meldingen.append(
                    f"{deelnemer}, {blok}: geen antwoordbestand ({blok}.antwoorden.json) meegestuurd; "
                    "automatisch beoordeelde onderdelen krijgen dan 0"
                )
            bestaand = map_.submitted / deelnemer / blok
            if bestaand.exists() and any(bestaand.iterdir()):
                if _zelfde_inhoud(bestaand, bestanden):
                    verslag.overgeslagen.append(f"{deelnemer}, {blok}: al ingelezen (zelfde inhoud)")
                    continue
                if not vervang:
                    verslag.meldingen.append(
                        f"{deelnemer}, {blok}: er is al een andere inlevering; niet overschreven. "
                        "Wil je de nieuwe gebruiken, importeer dan opnieuw met --vervang (de oude wordt bewaard)."
                    )
                    continue
            try:
                actie = _schrijf(map_, deelnemer, blok, bestanden, vervang)
            except OSError as fout:
                verslag.meldingen.append(f"{deelnemer}, {blok}: kon niet worden opgeslagen ({os_reden(fout)})")
                continue
            verslag.ingelezen.append(f"{deelnemer}, {blok}: {actie}")
            nieuwe_deelnemers.add(deelnemer)

    if nieuwe_deelnemers:
        from samenwerkingscode.cursus.koppeling import gradebook

        with gradebook(map_) as gb:
            for deelnemer in sorted(nieuwe_deelnemers):
                gb.update_or_create_student(deelnemer)
    return verslag


def importeer(
    *,
    cohort: str | os.PathLike[str] | None = None,
    pad: str | os.PathLike[str],
    vervang: bool = False,
    bron: str | os.PathLike[str] | None = None,
    instellingen: Inleveren | None = None,
) -> int:
    """``regie cursus importeer``: lees in, druk het verslag af; 0 als alles klopte, anders 1."""
    verslag = lees_in(cohort=cohort, pad=pad, vervang=vervang, bron=bron, instellingen=instellingen)
    print(f"{len(verslag.ingelezen)} inlevering(en) ingelezen.")
    for regel in verslag.ingelezen:
        print(f"  {regel}")
    for regel in verslag.overgeslagen:
        print(f"  overgeslagen: {regel}")
    if verslag.meldingen:
        print("Let op:")
        for regel in verslag.meldingen:
            print(f"  - {regel}")
        return 1
    if not verslag.ingelezen and not verslag.overgeslagen:
        print("Er is niets herkend. De namen moeten zijn als <id>/<blok>/<blok>.ipynb of <id>_<blok>.ipynb.")
        return 1
    return 0
