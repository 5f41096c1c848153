"""Inleveringen inlezen uit een map of zip (uit e-mail of een leeromgeving), zonder iets te verliezen.

Naamgeving (hoofdletters maken niet uit; ``<id>`` is de deelnemer-id: letters, cijfers, '-' en '.'):

1. ``<id>/<blok>/<blok>.ipynb`` en ``<id>/<blok>/<blok>.antwoorden.json`` — de mapvorm van nbgrader;
2. ``<id>/<blok>.ipynb`` en ``<id>/<blok>.antwoorden.json`` — een map per deelnemer;
3. ``<id>_<blok>.ipynb`` en ``<id>_<blok>.antwoorden.json`` — alles in één map.

Een omhullende map (zoals ``inleveringen/`` in een zip) mag. ``<blok>`` is de naam van een opdracht in
de bron (``blok1`` … ``blok5``, ``eigen-casus``). Een back-up ``….antwoorden.json.bak`` gaat mee.

Waarom zo voorzichtig: een inlevering is het werk van een deelnemer. Onbekende namen en blokken
worden gemeld, een deelnemer die twee keer hetzelfde blok in één import heeft, wordt helemaal niet
ingelezen (de trainer kiest), en een bestaande inlevering wordt alleen met ``vervang=True`` vervangen;
de oude versie gaat dan naar ``<cohort>/vorige/<id>/<blok>.vorige-<tijd>/``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from .cursusmap import Cursusmap, cursusmap
from .yamlbestand import RegieFout

_ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")
_BESTAND = re.compile(r"(?P<stam>.+?)(?P<soort>\.ipynb|\.antwoorden\.json|\.antwoorden\.json\.bak)", re.IGNORECASE)
_OVERSLAAN = ("__MACOSX", ".ipynb_checkpoints", "Thumbs.db", "desktop.ini")


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


def _pak_uit(zip_pad: Path, doel: Path, verslag: Importverslag) -> None:
    """Pak een zip veilig uit: geen paden buiten de doelmap, en de oorspronkelijke tijden blijven."""
    try:
        with zipfile.ZipFile(zip_pad) as z:
            for info in z.infolist():
                naam = PurePosixPath(info.filename.replace("\\", "/"))
                if info.is_dir():
                    continue
                if naam.is_absolute() or ".." in naam.parts:
                    verslag.meldingen.append(f"{info.filename}: onveilig pad in de zip, overgeslagen")
                    continue
                bestemming = doel.joinpath(*naam.parts)
                bestemming.parent.mkdir(parents=True, exist_ok=True)
                with z.open(info) as bron, open(bestemming, "wb") as uit:
                    shutil.copyfileobj(bron, uit)
                tijd = time.mktime((*info.date_time, 0, 0, -1))
                os.utime(bestemming, (tijd, tijd))
    except zipfile.BadZipFile as fout:
        raise RegieFout(f"'{zip_pad}' is geen geldige zip ({fout}). Download het bestand opnieuw.") from fout


def _herken(rel: PurePosixPath, bestand: Path, blokken: set[str], verslag: Importverslag) -> _Kandidaat | None:
    delen = rel.parts
    if any(d.startswith(".") or d in _OVERSLAAN for d in delen):
        return None
    m = _BESTAND.fullmatch(delen[-1])
    if m is None:
        verslag.overgeslagen.append(f"{rel}: geen notebook of antwoordbestand, overgeslagen")
        return None
    stam, soort = m.group("stam"), m.group("soort").lower()
    if "_" in stam:
        deelnemer, blok = stam.rsplit("_", 1)
    else:
        blok = stam
        mappen = list(delen[:-1])
        if mappen and mappen[-1].lower() == blok.lower():
            mappen = mappen[:-1]
        if not mappen:
            verslag.meldingen.append(
                f"{rel}: niet te zien van welke deelnemer dit is; gebruik <id>/{blok}/{delen[-1]} of <id>_{delen[-1]}"
            )
            return None
        deelnemer = mappen[-1]
    blok, deelnemer = blok.lower(), deelnemer.strip().lower()
    if blok not in blokken:
        verslag.meldingen.append(f"{rel}: onbekend blok '{blok}' (bekend: {', '.join(sorted(blokken))})")
        return None
    if not _ID.fullmatch(deelnemer):
        verslag.meldingen.append(
            f"{rel}: '{deelnemer}' is geen bruikbare deelnemer-id (alleen letters, cijfers, '-' en '.'; geen spaties)"
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
            shutil.copy2(k.bestand, tijdelijk / f"{blok}{soort}")
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
) -> Importverslag:
    """Lees inleveringen in naar ``<cohort>/submitted/`` en geef een :class:`Importverslag`."""
    map_ = cursusmap(cohort, bron)
    invoer = Path(pad).expanduser()
    if not invoer.exists():
        raise RegieFout(f"'{invoer}' bestaat niet. Geef de map of zip met de inleveringen.")
    blokken = set(map_.opdrachten())
    if not blokken:
        raise RegieFout(f"In de bronmap '{map_.bron}' staan geen opdrachten; draai de opdracht in de projectmap.")
    verslag = Importverslag()
    with tempfile.TemporaryDirectory(prefix="regie-import-") as tijdelijk:
        if invoer.is_file():
            if not zipfile.is_zipfile(invoer):
                raise RegieFout(f"'{invoer}' is geen map en geen zip. Geef de map of zip met de inleveringen.")
            wortel = Path(tijdelijk)
            _pak_uit(invoer, wortel, verslag)
        else:
            wortel = invoer
        kandidaten = []
        for bestand in sorted(p for p in wortel.rglob("*") if p.is_file()):
            k = _herken(PurePosixPath(bestand.relative_to(wortel).as_posix()), bestand, blokken, verslag)
            if k is not None:
                kandidaten.append(k)
        groepen: dict[tuple[str, str], list[_Kandidaat]] = {}
        for k in kandidaten:
            groepen.setdefault((k.deelnemer, k.blok), []).append(k)

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
            actie = _schrijf(map_, deelnemer, blok, bestanden, vervang)
            verslag.ingelezen.append(f"{deelnemer}, {blok}: {actie}")
            nieuwe_deelnemers.add(deelnemer)

    if nieuwe_deelnemers:
        from .cursus import gradebook

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
) -> int:
    """``regie cursus importeer``: lees in, druk het verslag af; 0 als alles klopte, anders 1."""
    verslag = lees_in(cohort=cohort, pad=pad, vervang=vervang, bron=bron)
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
