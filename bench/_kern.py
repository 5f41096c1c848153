"""Gedeelde bouwstenen van de metingen: resultaten, verhoudingen, statistiek en de tabel.

Waarom zo: de machines waarop de kit draait (laptops, CI) zijn rumoerig. Een losse tijd zegt dan
weinig; een verhouding tegen een basislijn die in dezelfde run en afwisselend met de meting zelf
is gemeten, zegt wel iets. Daarom heeft elke meting een basislijn en is de waarde een mediaan.
Deze module doet zelf niets trages, zodat ``tests/test_bench.py`` haar snel kan controleren.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

PROJECT = Path(__file__).resolve().parent.parent
"""De projectmap van de kit: ``make bench`` draait vanaf hier."""

KOPPEN = ("Meting", "Waarde", "Basislijn", "Verhouding", "Doel", "Gehaald?", "Spreiding", "CPU")
"""Waarde en basislijn zijn medianen; Spreiding is de interkwartielafstand (p75 − p25) van de waarde,
CPU de processortijd (dit proces en zijn kinderen, mediaan) naast de wandkloktijd in Waarde."""


class BenchFout(RuntimeError):
    """Een meting kon niet worden uitgevoerd (geen gemist doel: dat is een uitkomst, geen fout)."""


@dataclass(frozen=True)
class Doel:
    """Het doel van een meting: een grens op de verhouding (×) of op de waarde zelf (seconden)."""

    grens: float
    soort: Literal["verhouding", "waarde"] = "verhouding"

    def gehaald(self, waarde: float | None, verhouding: float | None) -> bool | None:
        """Waar/onwaar, of ``None`` als er niets te vergelijken is (de meting mislukte)."""
        getal = verhouding if self.soort == "verhouding" else waarde
        if getal is None or math.isnan(getal):
            return None
        return getal <= self.grens

    def tekst(self) -> str:
        if self.soort == "verhouding":
            return f"≤ {getal_nl(self.grens, 2)}×"
        return f"≤ {duur(self.grens)}"


@dataclass(frozen=True)
class Meting:
    """Eén regel van de tabel: een waarde, de basislijn uit dezelfde run en eventueel een doel.

    ``waarde`` en ``basislijn`` zijn seconden (medianen). Een regel zonder doel is ter informatie
    (bijvoorbeeld het 95e percentiel of de tijd van de hele groep).
    """

    naam: str
    waarde: float | None
    basislijn: float | None = None
    doel: Doel | None = None
    toelichting: str = ""
    fout: str = ""
    spreiding: float | None = None
    cpu: float | None = None

    @property
    def verhouding(self) -> float | None:
        if self.waarde is None or not self.basislijn:
            return None
        return self.waarde / self.basislijn

    @property
    def gehaald(self) -> bool | None:
        if self.fout or self.doel is None:
            return None
        return self.doel.gehaald(self.waarde, self.verhouding)


@dataclass
class Instellingen:
    """Hoe vaak en wat er gemeten wordt; ``herhalingen`` overschrijft de standaard van elke meting."""

    snel: bool = False
    herhalingen: int | None = None
    schaal: bool = False
    """Ook de schaalreeks meten (groepen van 30, 60 en 120 deelnemers), zie ``bench/beoordelen.py``."""
    project: Path = PROJECT
    python: Path = field(default_factory=lambda: Path(sys.executable))

    def aantal(self, normaal: int, snel: int) -> int:
        """Het aantal herhalingen voor een meting: de opgegeven waarde, anders de standaard."""
        if self.herhalingen is not None:
            return max(1, self.herhalingen)
        return snel if self.snel else normaal

    def programma(self, naam: str) -> Path:
        """Een programma uit dezelfde omgeving als deze Python (``regie``, ``jupyter-book``)."""
        pad = self.python.parent / naam
        if not pad.exists():
            raise BenchFout(f"Het programma '{naam}' staat niet naast {self.python}; draai eerst 'make venv'.")
        return pad

    def omgeving(self) -> dict[str, str]:
        """De omgeving voor subprocessen: de map van deze Python vooraan in PATH (zoals make doet)."""
        env = dict(os.environ)
        env["PATH"] = f"{self.python.parent}{os.pathsep}{env.get('PATH', '')}"
        env.setdefault("PYTHONHASHSEED", "0")
        return env


# ---------------------------------------------------------------------------------------------
# Statistiek


def mediaan(waarden: Sequence[float]) -> float:
    """De mediaan; een lege reeks is een fout van de meting zelf."""
    if not waarden:
        raise BenchFout("Er zijn geen metingen om een mediaan van te nemen.")
    return float(statistics.median(waarden))


def percentiel(waarden: Sequence[float], p: float) -> float:
    """Het p-de percentiel met lineaire interpolatie tussen de gesorteerde waarden."""
    if not waarden:
        raise BenchFout("Er zijn geen metingen om een percentiel van te nemen.")
    if not 0 <= p <= 100:
        raise ValueError(f"percentiel moet tussen 0 en 100 liggen, niet {p}")
    gesorteerd = sorted(waarden)
    plek = (len(gesorteerd) - 1) * p / 100
    onder = math.floor(plek)
    boven = min(onder + 1, len(gesorteerd) - 1)
    return gesorteerd[onder] + (gesorteerd[boven] - gesorteerd[onder]) * (plek - onder)


def spreiding(waarden: Sequence[float]) -> float:
    """De interkwartielafstand (p75 − p25): hoe ver herhaalde runs uiteenlopen, ongevoelig voor één uitschieter."""
    return percentiel(waarden, 75) - percentiel(waarden, 25)


# ---------------------------------------------------------------------------------------------
# De machine: belasting, en wachten op rust


def belasting() -> float | None:
    """De gemiddelde belasting over de laatste minuut (niet op Windows)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def onrustig(last: float | None, aantal_kernen: int) -> bool:
    """Meer werk dan kernen: dan wachten metingen op elkaar en zijn de tijden onbetrouwbaar."""
    return last is not None and last > aantal_kernen


def wacht_op_rust(
    max_seconden: float,
    aantal_kernen: int,
    *,
    lees: Callable[[], float | None] = belasting,
    slaap: Callable[[float], object] = time.sleep,
    stap: float = 5.0,
) -> tuple[bool, float]:
    """Wacht (hoogstens ``max_seconden``) tot de belasting niet boven het aantal kernen ligt.

    Geeft (rustig geworden, gewacht in seconden). Begrensd, zodat ``make bench --wacht`` op een
    machine die druk blijft toch een tabel geeft (met de waarschuwing erbij).
    """
    gewacht = 0.0
    while onrustig(lees(), aantal_kernen):
        if gewacht >= max_seconden:
            return False, gewacht
        slaap(stap)
        gewacht += stap
    return True, gewacht


def cpu_machine() -> float | None:
    """Bezette processortijd van de hele machine tot nu toe, in seconden (Linux: ``/proc/stat``), of ``None``.

    Met :func:`cpu_tijd` ernaast is te zien hoeveel andere programma's tijdens de run rekenden: de
    belasting over een minuut loopt achter en telt het eigen werk van de bench mee (de hele groep
    beoordelen houdt alle kernen bezig), dus die alleen zegt niet of er iets anders meeliep.
    """
    try:
        velden = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in velden[1:9])
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


VREEMD_GRENS = 0.5
"""Rekenden andere programma's gemiddeld meer dan een halve kern, dan zijn de tijden niet te vertrouwen."""


def belasting_tekst(
    begin: float | None,
    eind: float | None,
    aantal_kernen: int,
    *,
    vreemd: float | None = None,
    eigen: float | None = None,
) -> str:
    """Eén alinea over de belasting tijdens de run, met het oordeel of de cijfers te vertrouwen zijn.

    ``vreemd`` en ``eigen``: hoeveel kernen andere programma's en de bench zelf gemiddeld bezig hielden.
    Met ``vreemd`` oordeelt de tekst op de belasting bij het begin en op dat vreemde werk; zonder (geen
    ``/proc/stat``) op de belasting bij begin en eind.
    """
    if begin is None or eind is None:
        return "De belasting van de machine is hier niet te meten; lees de cijfers als indicatie."
    tekst = (
        f"Belasting van de machine (gemiddelde over een minuut): {getal_nl(begin, 1)} bij het begin, "
        f"{getal_nl(eind, 1)} aan het eind, op {aantal_kernen} kernen."
    )
    if vreemd is not None:
        tekst += f"\nTijdens het meten rekenden andere programma's gemiddeld op {getal_nl(max(vreemd, 0.0), 1)} kern"
        tekst += f" (de metingen zelf: {getal_nl(eigen, 1)} kern)." if eigen is not None else "."
        druk = onrustig(begin, aantal_kernen) or vreemd > VREEMD_GRENS
        reden = "de machine was al druk of andere programma's rekenden mee"
    else:
        druk = onrustig(max(begin, eind), aantal_kernen)
        reden = "de belasting lag boven het aantal kernen; andere programma's liepen mee"
    if druk:
        tekst += (
            f"\nONBETROUWBAAR: {reden}. "
            "Kijk hooguit naar de verhoudingen, of meet opnieuw met --wacht op een rustige machine."
        )
    return tekst


# ---------------------------------------------------------------------------------------------
# Tijden meten


def cpu_tijd() -> float:
    """Processortijd van dit proces en van zijn (afgewachte) kinderen, zoals kernels en werkprocessen."""
    import resource

    zelf = resource.getrusage(resource.RUSAGE_SELF)
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)
    return zelf.ru_utime + zelf.ru_stime + kinderen.ru_utime + kinderen.ru_stime


@dataclass
class Reeks:
    """Herhaalde metingen van één taak: wandkloktijd en processortijd per run."""

    wand: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def meet(self, taak: Callable[[], object]) -> None:
        cpu, begin = cpu_tijd(), time.perf_counter()
        taak()
        self.wand.append(time.perf_counter() - begin)
        self.cpu.append(cpu_tijd() - cpu)

    @property
    def mediaan(self) -> float:
        return mediaan(self.wand)

    def meting(self, naam: str, basis: Reeks | None = None, **velden: object) -> Meting:
        """Een regel voor de tabel: mediaan, spreiding en processortijd van deze reeks, tegen ``basis``."""
        return Meting(
            naam=naam,
            waarde=self.mediaan,
            basislijn=basis.mediaan if basis is not None else None,
            spreiding=spreiding(self.wand),
            cpu=mediaan(self.cpu),
            **velden,  # type: ignore[arg-type]
        )


def afwisselend(
    taken: Mapping[str, Callable[[], object]], herhalingen: int, opwarmen: bool = False
) -> dict[str, Reeks]:
    """Voer de taken om en om uit en geef per taak de gemeten wandklok- en processortijden (seconden).

    Om en om, en per ronde in een andere volgorde: een drukke minuut op de machine treft dan
    alle taken, niet alleen de ene die toevallig net liep.
    """
    namen = list(taken)
    if opwarmen:
        for naam in namen:
            taken[naam]()
    tijden = {naam: Reeks() for naam in namen}
    for ronde in range(herhalingen):
        volgorde = namen[ronde % len(namen) :] + namen[: ronde % len(namen)] if namen else []
        for naam in volgorde:
            tijden[naam].meet(taken[naam])
    return tijden


def draai(opdracht: Sequence[str | os.PathLike[str]], inst: Instellingen, cwd: Path | None = None) -> None:
    """Draai een programma; gaat het mis, dan een ``BenchFout`` met het einde van de foutuitvoer."""
    resultaat = subprocess.run(
        [str(d) for d in opdracht],
        cwd=cwd or inst.project,
        env=inst.omgeving(),
        capture_output=True,
        text=True,
        check=False,
    )
    if resultaat.returncode != 0:
        staart = "\n".join((resultaat.stderr or resultaat.stdout).strip().splitlines()[-8:])
        naam = " ".join(str(d) for d in opdracht[:3])
        raise BenchFout(f"'{naam} …' stopte met code {resultaat.returncode}:\n{staart}")


# ---------------------------------------------------------------------------------------------
# Weergave


def getal_nl(getal: float, cijfers: int) -> str:
    """Een getal met een decimale komma, zoals een Nederlandse lezer het verwacht."""
    return f"{getal:.{cijfers}f}".replace(".", ",")


def duur(seconden: float | None) -> str:
    """Een tijdsduur in een leesbare eenheid (µs, ms of s)."""
    if seconden is None or math.isnan(seconden):
        return "–"
    if seconden < 1e-3:
        return f"{getal_nl(seconden * 1e6, 0)} µs"
    if seconden < 1:
        return f"{getal_nl(seconden * 1e3, 1 if seconden < 0.1 else 0)} ms"
    return f"{getal_nl(seconden, 2 if seconden < 10 else 1)} s"


def _gehaald_tekst(m: Meting) -> str:
    if m.fout:
        return "FOUT"
    if m.gehaald is None:
        return "–"
    return "ja" if m.gehaald else "NEE"


def rijen(metingen: Sequence[Meting]) -> list[tuple[str, ...]]:
    """De cellen van de tabel, als tekst, in de volgorde van ``KOPPEN``."""
    uit = []
    for m in metingen:
        verhouding = f"{getal_nl(m.verhouding, 2)}×" if m.verhouding is not None else "–"
        uit.append(
            (
                m.naam,
                duur(m.waarde) if not m.fout else "–",
                duur(m.basislijn),
                verhouding,
                m.doel.tekst() if m.doel else "–",
                _gehaald_tekst(m),
                duur(m.spreiding) if m.spreiding is not None and not m.fout else "–",
                duur(m.cpu) if m.cpu is not None and not m.fout else "–",
            )
        )
    return uit


def tabel(metingen: Sequence[Meting]) -> str:
    """De tabel met alle metingen, daaronder de toelichtingen en welke doelen niet gehaald zijn."""
    cellen = rijen(metingen)
    breedtes = [max(len(k), *(len(r[i]) for r in cellen)) if cellen else len(k) for i, k in enumerate(KOPPEN)]
    rechts = {1, 2, 3, 6, 7}

    def regel(waarden: Sequence[str]) -> str:
        delen = [
            w.rjust(b) if i in rechts else w.ljust(b) for i, (w, b) in enumerate(zip(waarden, breedtes, strict=True))
        ]
        return "  ".join(delen).rstrip()

    regels = [regel(KOPPEN), "  ".join("-" * b for b in breedtes)]
    regels += [regel(r) for r in cellen]
    noten = [f"- {m.naam}: {m.toelichting}" for m in metingen if m.toelichting and not m.fout]
    if noten:
        regels += ["", "Toelichting:", *noten]
    regels += ["", oordeel(metingen)]
    return "\n".join(regels)


def oordeel(metingen: Sequence[Meting]) -> str:
    """Eén alinea: welke doelen gemist zijn en welke metingen mislukten."""
    gemist = [m for m in metingen if m.gehaald is False]
    fouten = [m for m in metingen if m.fout]
    met_doel = [m for m in metingen if m.doel is not None and not m.fout]
    delen = []
    if gemist:
        delen.append(
            f"Niet gehaald ({len(gemist)} van {len(met_doel)} doelen):\n"
            + "\n".join(f"  - {m.naam}: {_waarde_bij_doel(m)}" for m in gemist)
        )
    elif met_doel:
        delen.append(f"Alle {len(met_doel)} doelen gehaald.")
    if fouten:
        delen.append("Mislukte metingen:\n" + "\n".join(f"  - {m.naam}: {m.fout}" for m in fouten))
    return "\n".join(delen) if delen else "Geen metingen met een doel."


def _waarde_bij_doel(m: Meting) -> str:
    assert m.doel is not None
    if m.doel.soort == "verhouding":
        return f"{getal_nl(m.verhouding or 0.0, 2)}× (doel {m.doel.tekst()})"
    return f"{duur(m.waarde)} (doel {m.doel.tekst()})"
