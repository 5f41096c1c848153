"""``regie cursus beoordeel``: alle inleveringen parallel, afgeschermd en begrensd in tijd beoordelen.

Waarom zo:

- **Alleen de code van de kit draait.** De opdrachten zijn zonder code: vóór het beoordelen wordt
  elke codecel van een inlevering vergeleken met de deelnemersversie. Toegevoegde of gewijzigde
  code wordt niet uitgevoerd (de originele cel komt ervoor in de plaats) en de trainer ziet het in
  de tabel. Het notebook dat nbgrader krijgt, is de deelnemersversie met alleen de tekstantwoorden
  van de deelnemer; het antwoordbestand leest de kit zelf.
- **Parallel, met één schrijver.** Elke inlevering wordt in een eigen werkproces beoordeeld, met
  een eigen kopie van het cijferboek. Het hoofdproces zet de uitkomst daarna via nbgraders API in
  het echte cijferboek, één inlevering per keer en met Ctrl-C even uitgesteld: een onderbreking
  laat dus nooit een half geschreven inlevering achter.
- **Begrensde tijd.** Naast de limiet per cel geldt een limiet per inlevering; een werkproces
  dat daar ruim overheen gaat, wordt gestopt.
- **Nooit stil een nul.** Kon een nakijkcel niet nakijken (ze drukt dan een regel af die begint
  met :data:`MARKERING`), gaf ze een fout of liep de tijd op, dan heet de inlevering
  "nakijken mislukt", met de reden, en eindigt ``regie cursus beoordeel`` niet met 0.
- **Afgeschermd.** De kernel draait, waar dat kan, in een zandbak (:mod:`samenwerkingscode.cursus.zandbak`).
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from samenwerkingscode.cursus.cursusmap import TIJDSLIMIET, Cursusmap, cursusmap

MARKERING = "REGIE-NAKIJKFOUT:"
"""Een nakijkcel die niet kon nakijken, drukt een regel af die hiermee begint, gevolgd door de reden.

Gelijk aan ``samenwerkingscode.nakijken.NAKIJKFOUT`` (een test bewaakt dat); hier los, zodat het
hoofdproces de nakijkfuncties niet hoeft te importeren."""

TIJD_PER_INLEVERING = 300
"""Seconden per inlevering (alle cellen samen); daarna krijgen de resterende cellen nog 1 seconde."""

WERKMAP = ".beoordelen"
"""Kladmap in de cohortmap voor de werkprocessen (kopieën van het cijferboek en de opgeschoonde inleveringen)."""

UITSLAGBESTAND = "beoordeling.json"
"""Per inlevering de status van de laatste beoordeling (naast het cijferboek; ``regie cursus cijfers`` leest het)."""

_MARGE = 120
"""Seconden extra boven de tijd per inlevering voordat een werkproces hard wordt gestopt (kernelstart, nbgrader)."""


def kernen() -> int:
    """Het aantal kernen dat dit proces mag gebruiken."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------
# De uitslag van één inlevering.


@dataclass
class Uitslag:
    """Hoe het beoordelen van één inlevering ging."""

    deelnemer: str
    blok: str
    beoordeeld: bool = False
    score: float | None = None
    max_score: float | None = None
    meldingen: list[str] = field(default_factory=list)
    nakijkfouten: list[str] = field(default_factory=list)
    """Waarom (een deel van) de inlevering niet kon worden nagekeken; leeg = alles nagekeken."""
    eigen_code: list[str] = field(default_factory=list)
    """Codecellen die de deelnemer toevoegde of wijzigde (niet uitgevoerd)."""
    leeg: bool = False
    """De deelnemer vulde niets in: gewoon 0 punten, geen fout."""
    zandbak: bool = True
    """Draaide de kernel afgeschermd (zie :mod:`samenwerkingscode.cursus.zandbak`)?"""

    @property
    def status(self) -> str:
        if self.nakijkfouten:
            return "nakijken mislukt"
        if not self.beoordeeld:
            return "niet beoordeeld"
        if self.meldingen or self.eigen_code:
            return "beoordeeld, let op"
        return "nog leeg" if self.leeg else "beoordeeld"

    @property
    def aandacht(self) -> bool:
        """Moet de trainer hier iets mee? (Een lege inlevering niet: die krijgt gewoon 0.)"""
        return self.status not in ("beoordeeld", "nog leeg")

    def als_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "nakijkfouten": self.nakijkfouten,
            "eigen_code": self.eigen_code,
            "meldingen": self.meldingen,
        }


# ---------------------------------------------------------------------------------------------
# Alleen de code van de kit: een inlevering opschonen tegen de deelnemersversie.


def _meta(cel: Any) -> dict[str, Any]:
    return dict(cel.get("metadata", {}).get("nbgrader", {}))


def _celmap(nb: Any) -> dict[str, Any]:
    return {_meta(c)["grade_id"]: c for c in nb.cells if _meta(c).get("grade_id")}


def _gelijk(a: str, b: str) -> bool:
    return a.strip() == b.strip()


def schoon_notebook(release: Any, ingeleverd: Any) -> tuple[Any, list[str], list[str]]:
    """(notebook om te beoordelen, meldingen, eigen code) voor één ingeleverd notebook.

    Het resultaat is de deelnemersversie met alleen de tekstantwoorden (oplossingscellen in
    Markdown) van de deelnemer. Elke codecel komt uit de deelnemersversie: een toegevoegde of
    gewijzigde codecel draait dus nooit, en een verwijderde of gewijzigde testcel wordt hersteld.
    """
    ingeleverd_cellen = _celmap(ingeleverd)
    meldingen: list[str] = []
    eigen_code: list[str] = []
    uit = copy.deepcopy(release)
    for cel in uit.cells:
        meta = _meta(cel)
        grade_id = meta.get("grade_id")
        if not grade_id:
            continue
        hun = ingeleverd_cellen.get(grade_id)
        beoordeeld = bool(meta.get("grade") or meta.get("task"))
        if hun is None:
            if beoordeeld:
                meldingen.append(
                    f"cel '{grade_id}' was verwijderd; de originele cel uit de deelnemersversie is gebruikt"
                )
            continue
        if cel.cell_type == "markdown" and meta.get("solution"):
            if hun.cell_type == "markdown":
                cel.source = hun.source
            continue
        if _gelijk(hun.source, cel.source) and hun.cell_type == cel.cell_type:
            continue
        if cel.cell_type == "code" and meta.get("solution") and not meta.get("grade"):
            eigen_code.append(f"cel '{grade_id}' (gewijzigd)")
        else:
            meldingen.append(f"cel '{grade_id}' was gewijzigd; de originele versie is gebruikt")
    # Codecellen zonder nbgrader-kenmerk: gelijk aan een cel uit de deelnemersversie, of eigen code.
    release_code = [c.source.strip() for c in release.cells if c.cell_type == "code" and not _meta(c).get("grade_id")]
    for i, cel in enumerate(ingeleverd.cells, start=1):
        if cel.cell_type != "code" or (_meta(cel).get("grade_id") in _celmap(release)):
            continue
        bron = cel.source.strip()
        if bron in release_code:
            release_code.remove(bron)
        elif bron:
            eigen_code.append(f"cel {i} (toegevoegd)")
    return uit, meldingen, eigen_code


def nakijkfouten(nb: Any) -> list[str]:
    """Waarom nakijkcellen in een beoordeeld notebook niet konden nakijken.

    Drie signalen: een regel die begint met :data:`MARKERING` (de afspraak met de nakijkfuncties),
    een cel die niet binnen de tijd klaar was, en een andere fout dan een mislukte ``assert``
    (die is een gewone 0 voor die test).
    """
    redenen: list[str] = []
    for i, cel in enumerate(nb.cells, start=1):
        meta = _meta(cel)
        if cel.cell_type != "code":
            continue
        naam = meta.get("grade_id") or f"cel {i}"
        for uit in cel.get("outputs", []):
            soort = uit.get("output_type")
            if soort == "stream" or soort in ("execute_result", "display_data"):
                tekst = uit.get("text", "") if soort == "stream" else uit.get("data", {}).get("text/plain", "")
                for regel in str(tekst).splitlines():
                    if regel.strip().startswith(MARKERING):
                        reden = regel.strip()[len(MARKERING) :].strip() or "geen reden opgegeven"
                        redenen.append(f"{naam}: {reden[:300]}")
            elif soort == "error":
                ename = str(uit.get("ename", ""))
                if "Timeout" in ename:
                    redenen.append(f"{naam}: de cel was niet binnen de tijdslimiet klaar en is afgebroken")
                elif meta.get("grade") and ename != "AssertionError":
                    redenen.append(f"{naam}: de nakijkcel gaf een fout ({ename}: {str(uit.get('evalue', ''))[:200]})")
    return redenen


# ---------------------------------------------------------------------------------------------
# Werk voor één inlevering (draait in een werkproces).


@dataclass
class _Budget:
    """``Execute.timeout_func``: de limiet per cel, maar nooit voorbij de tijd per inlevering."""

    per_cel: int
    totaal: int
    begin: float | None = None
    op: bool = False

    def __deepcopy__(self, _memo: Any) -> _Budget:
        # traitlets kopieert de instellingen; de klok en 'op' moeten bij dit ene object blijven.
        return self

    def __call__(self, _cel: Any) -> int:
        nu = time.monotonic()
        if self.begin is None:
            self.begin = nu
        over = self.totaal - (nu - self.begin)
        if over <= 1:
            self.op = True
            return 1
        return max(1, math.ceil(min(self.per_cel, over)))


@dataclass
class Instellingen:
    """Wat een werkproces moet weten (eenvoudige waarden: ze gaan naar een ander proces)."""

    cohort: str
    bron: str
    sjabloon: str
    tijdslimiet: int = TIJDSLIMIET
    tijd_per_inlevering: int = TIJD_PER_INLEVERING
    zandbak: bool = False
    sockets: str = ""
    """Een korte map (in de tijdelijke map) voor de sockets van de kernels; het hoofdproces ruimt hem op."""


def _kopieer_inlevering(van: Path, naar: Path) -> None:
    """Alleen gewone bestanden, nooit een symbolische koppeling (die kan naar iets geheims wijzen)."""
    shutil.rmtree(naar, ignore_errors=True)
    naar.mkdir(parents=True)
    for pad in sorted(van.rglob("*")):
        doel = naar / pad.relative_to(van)
        if pad.is_symlink() or ".ipynb_checkpoints" in pad.parts:
            continue
        if pad.is_dir():
            doel.mkdir(parents=True, exist_ok=True)
        elif pad.is_file():
            doel.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pad, doel)


def voorcontrole(map_: Cursusmap, naam: str, deelnemer: str, doel: Path | None = None) -> dict[str, Any]:
    """Controleer en schoon één inlevering op; met ``doel`` komt de opgeschoonde kopie daar.

    Geeft ``kan`` (kan beoordeeld worden), ``meldingen``, ``eigen_code``, ``leeg`` en ``nakijkfouten``.
    """
    import nbformat

    from samenwerkingscode.antwoorden import lees_antwoorden

    uit: dict[str, Any] = {"kan": True, "meldingen": [], "eigen_code": [], "leeg": False, "nakijkfouten": []}
    map_in = map_.submitted / deelnemer / naam
    if doel is not None:
        _kopieer_inlevering(map_in, doel)
    for relpad in sorted((map_.release / naam).glob("*.ipynb")):
        pad = map_in / relpad.name
        if not pad.is_file() or pad.is_symlink():
            andere = sorted(p.name for p in map_in.glob("*.ipynb"))
            extra = f" (wel gevonden: {', '.join(andere)}; verkeerde naam?)" if andere else ""
            uit["meldingen"].append(
                f"notebook {relpad.name} ontbreekt{extra}; vraag de deelnemer het opnieuw te sturen"
            )
            uit["kan"] = False
            continue
        try:
            nb = nbformat.read(pad, as_version=4)
            _ = [c.cell_type for c in nb.cells]
        except Exception:
            uit["meldingen"].append(f"{relpad.name} is beschadigd (geen geldig notebook); vraag om een nieuwe kopie")
            uit["kan"] = False
            continue
        schoon, meldingen, eigen = schoon_notebook(nbformat.read(relpad, as_version=4), nb)
        uit["meldingen"] += meldingen
        uit["eigen_code"] += [f"{relpad.name}, {e}" for e in eigen]
        if doel is not None:
            nbformat.write(schoon, doel / relpad.name)
    if uit["eigen_code"]:
        uit["meldingen"].append(
            "eigen code is niet uitgevoerd (" + "; ".join(uit["eigen_code"]) + "); alleen de cellen van de kit tellen"
        )
    antwoord = map_in / f"{naam}.antwoorden.json"
    if uit["kan"]:
        if not antwoord.is_file():
            uit["leeg"] = True
        else:
            waarschuwingen: list[str] = []
            try:
                document = lees_antwoorden(antwoord, waarschuwingen)
            except Exception as fout:  # een antwoordbestand mag de rest van de groep nooit stoppen
                uit["nakijkfouten"].append(f"het antwoordbestand kon niet worden gelezen ({type(fout).__name__})")
            else:
                uit["meldingen"] += [
                    f"antwoordbestand beschadigd; de deelnemer kreeg deze melding: {w}" for w in waarschuwingen
                ]
                uit["leeg"] = not waarschuwingen and not document.get("oefeningen")
    return uit


def _zandbak_omgeving(map_: Cursusmap, verbinding: Path) -> None:
    """Zet de afscherming voor de kernels van dit werkproces (zie :mod:`samenwerkingscode.cursus.zandbak`)."""
    import site

    from samenwerkingscode.cursus import zandbak
    from samenwerkingscode.cursus.cursusmap import PROJECT

    pakket = Path(__file__).resolve().parents[1]
    verberg = [map_.cohort, map_.bron, PROJECT, map_.exchange]
    leesbaar = [Path(sys.prefix), Path(sys.base_prefix), pakket, PROJECT / "casussen"]
    leesbaar += [Path(p) for p in site.getsitepackages()]
    # Een eigen modelmap (REGIE_MODEL_MAP) en wat de trainer zelf al leesbaar maakte, blijven leesbaar.
    leesbaar += [Path(p) for p in [os.environ.get("REGIE_MODEL_MAP", "")] if p]
    leesbaar += [Path(p) for p in os.environ.get(zandbak.LEESBAAR, "").split(os.pathsep) if p]
    leesbaar += [p.resolve() for p in list(leesbaar)]
    os.environ[zandbak.VERBERG] = os.pathsep.join(str(p) for p in verberg)
    os.environ[zandbak.LEESBAAR] = os.pathsep.join(dict.fromkeys(str(p) for p in leesbaar))
    os.environ[zandbak.SCHRIJFBAAR] = str(verbinding)


_APIS: dict[Path, tuple[Any, _Budget]] = {}
"""Per werkmap één nbgrader-API (de instellingen blijven gelijk; alleen de klok gaat per inlevering opnieuw)."""


def _api(inst: Instellingen, map_: Cursusmap, werk: Path, verbinding: Path) -> tuple[Any, _Budget]:
    """De nbgrader-API van dit werkproces: eigen cijferboek, opgeschoonde inleveringen, tijd, zandbak."""
    from traitlets.config import Config

    from samenwerkingscode.cursus.koppeling import maak_api

    if werk in _APIS:
        return _APIS[werk]
    budget = _Budget(inst.tijdslimiet, inst.tijd_per_inlevering)
    extra = Config()
    extra.CourseDirectory.submitted_directory = os.path.relpath(werk / "in", map_.cohort)
    extra.CourseDirectory.db_url = f"sqlite:///{werk / 'gradebook.db'}"
    extra.Execute.timeout_func = budget
    if inst.zandbak:
        from samenwerkingscode.cursus.zandbak import KERNELNAAM

        extra.Execute.kernel_name = KERNELNAAM
        extra.KernelManager.transport = "ipc"
        extra.KernelManager.ip = str(verbinding / "k")
        extra.KernelManager.connection_file = str(verbinding / "kernel.json")
    _APIS[werk] = (maak_api(map_, tijdslimiet=inst.tijdslimiet, extra=extra), budget)
    return _APIS[werk]


def _beoordeel_taak(inst: Instellingen, werk: Path, verbinding: Path, naam: str, deelnemer: str) -> dict[str, Any]:
    """Beoordeel één inlevering met een eigen kopie van het cijferboek; geef de uitkomst als gegevens."""
    import nbformat
    from nbgrader.api import Gradebook

    from samenwerkingscode.cursus.cursusmap import CURSUS_ID
    from samenwerkingscode.cursus.koppeling import laatste_regel, zonder_sqlalchemy_ruis

    map_ = cursusmap(inst.cohort, inst.bron)
    invoer = werk / "in"
    uit = voorcontrole(map_, naam, deelnemer, invoer / deelnemer / naam)
    uit.update(beoordeeld=False, cijfers=[], commentaar=[], tijdstempel=None)
    if not uit["kan"]:
        return uit
    db = werk / "gradebook.db"
    db.unlink(missing_ok=True)
    shutil.copyfile(inst.sjabloon, db)
    api, budget = _api(inst, map_, werk, verbinding)
    budget.begin, budget.op = None, False
    with zonder_sqlalchemy_ruis():
        resultaat = api.autograde(naam, deelnemer, force=True, create=True)
    if not resultaat["success"]:
        uit["nakijkfouten"].append(f"nbgrader kon de inlevering niet beoordelen ({laatste_regel(resultaat)})")
        return uit
    uit["beoordeeld"] = True
    for pad in sorted((map_.autograded / deelnemer / naam).glob("*.ipynb")):
        uit["nakijkfouten"] += [f"{pad.name}, {r}" for r in nakijkfouten(nbformat.read(pad, as_version=4))]
    if budget.op:
        uit["nakijkfouten"].append(
            f"de tijd per inlevering ({inst.tijd_per_inlevering} s) was op; de resterende cellen kregen 1 seconde"
        )
    with Gradebook(f"sqlite:///{db}", os.environ.get("REGIE_CURSUS_ID", CURSUS_ID)) as gb:
        inzending = gb.find_submission(naam, deelnemer)
        uit["tijdstempel"] = inzending.timestamp.isoformat() if inzending.timestamp else None
        for nb in inzending.notebooks:
            uit["cijfers"] += [(nb.name, g.name, g.auto_score) for g in nb.grades]
            uit["commentaar"] += [(nb.name, c.name, c.auto_comment) for c in nb.comments]
    return uit


def _leeg_resultaat(reden: str) -> dict[str, Any]:
    return {
        "kan": True,
        "beoordeeld": False,
        "meldingen": [],
        "eigen_code": [],
        "leeg": False,
        "nakijkfouten": [reden],
        "cijfers": [],
        "commentaar": [],
        "tijdstempel": None,
    }


def werker(nummer: int, inst: Instellingen, taken: Any, uitkomsten: Any) -> None:
    """Een werkproces: lees taken (JSON-regels) tot het einde van ``taken``, schrijf elke uitkomst als JSON-regel.

    Het hoofdproces start dit met ``python -m samenwerkingscode.cursus.beoordelen`` in een eigen sessie:
    Ctrl-C in de terminal gaat dan alleen naar het hoofdproces, dat de werkprocessen zelf stopt.
    """
    map_ = cursusmap(inst.cohort, inst.bron)
    werk = map_.cohort / WERKMAP / f"werker-{nummer}"
    werk.mkdir(parents=True, exist_ok=True)
    # Een korte map voor de sockets van de kernel (een unix-socketpad mag niet langer zijn dan ~100 tekens).
    verbinding = Path(inst.sockets or tempfile.mkdtemp(prefix="regie-k-")) / str(nummer)
    verbinding.mkdir(parents=True, exist_ok=True)
    if inst.zandbak:
        from samenwerkingscode.cursus.koppeling import vooraan
        from samenwerkingscode.cursus.zandbak import schrijf_kernelspec

        schrijf_kernelspec(werk / "jupyter")
        os.environ["JUPYTER_PATH"] = vooraan("JUPYTER_PATH", werk / "jupyter")
        _zandbak_omgeving(map_, verbinding)
    try:
        for regel in taken:
            naam, deelnemer = json.loads(regel)
            try:
                uitkomst = _beoordeel_taak(inst, werk, verbinding, naam, deelnemer)
            except Exception as fout:  # nooit het hele proces: de fout wordt een melding bij deze inlevering
                uitkomst = _leeg_resultaat(f"het beoordelen liep vast ({type(fout).__name__}: {str(fout)[:200]})")
            uitkomsten.write(json.dumps(uitkomst, default=str) + "\n")
            uitkomsten.flush()
    finally:
        shutil.rmtree(verbinding, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Het hoofdproces: verdelen, samenvoegen in het cijferboek, Ctrl-C veilig.


@contextlib.contextmanager
def ctrl_c_uitgesteld() -> Iterator[None]:
    """Stel Ctrl-C (SIGINT) uit tot het blok klaar is: een schrijfactie wordt nooit half gedaan.

    Een eigen handler onthoudt het signaal en de ``KeyboardInterrupt`` volgt na het blok. (Het signaal
    blokkeren met ``pthread_sigmask`` is niet genoeg: met meer threads komt het dan bij een andere thread.)
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    ontvangen: list[int] = []
    vorige = signal.signal(signal.SIGINT, lambda signum, _frame: ontvangen.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, vorige)
    if ontvangen:
        raise KeyboardInterrupt


def _schrijf_json(pad: Path, gegevens: dict[str, Any]) -> None:
    """Atomisch, via de ene schrijver van de kit: nooit een half uitslagenbestand."""
    from samenwerkingscode.model.bestanden import schrijf_atomisch

    schrijf_atomisch(pad, json.dumps(gegevens, ensure_ascii=False, indent=1, sort_keys=True))


def lees_uitslagen(cohort: Path) -> dict[str, dict[str, Any]]:
    """De status per inlevering (``"<deelnemer>/<blok>"``) van de laatste beoordeling."""
    pad = cohort / UITSLAGBESTAND
    try:
        gegevens = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return gegevens if isinstance(gegevens, dict) else {}


def voeg_samen(map_: Cursusmap, naam: str, deelnemer: str, uitkomst: dict[str, Any]) -> Uitslag:
    """Zet de uitkomst van een werkproces in het echte cijferboek (via nbgraders API) en in de uitslagen."""
    from datetime import datetime

    from samenwerkingscode.cursus.koppeling import gradebook

    uitslag = Uitslag(
        deelnemer=deelnemer,
        blok=naam,
        beoordeeld=bool(uitkomst.get("beoordeeld")),
        meldingen=list(uitkomst.get("meldingen", [])),
        nakijkfouten=list(uitkomst.get("nakijkfouten", [])),
        eigen_code=list(uitkomst.get("eigen_code", [])),
        leeg=bool(uitkomst.get("leeg")),
    )
    from samenwerkingscode.cursus.koppeling import zonder_sqlalchemy_ruis

    with ctrl_c_uitgesteld(), zonder_sqlalchemy_ruis():
        if uitslag.beoordeeld:
            with gradebook(map_) as gb:
                extra = {}
                if uitkomst.get("tijdstempel"):
                    extra["timestamp"] = datetime.fromisoformat(uitkomst["tijdstempel"])
                inzending = gb.update_or_create_submission(naam, deelnemer, **extra)
                for notebook, cel, score in uitkomst.get("cijfers", []):
                    cijfer = gb.find_grade(cel, notebook, naam, deelnemer)
                    cijfer.auto_score = score
                    cijfer.needs_manual_grade = cijfer.manual_score is not None or score is None
                for notebook, cel, tekst in uitkomst.get("commentaar", []):
                    gb.find_comment(cel, notebook, naam, deelnemer).auto_comment = tekst
                if uitslag.nakijkfouten:
                    for nb in inzending.notebooks:
                        nb.flagged = True
                gb.db.commit()
                uitslag.score, uitslag.max_score = float(inzending.score), float(inzending.max_score)
        alle = lees_uitslagen(map_.cohort)
        alle[f"{deelnemer}/{naam}"] = uitslag.als_dict()
        _schrijf_json(map_.cohort / UITSLAGBESTAND, alle)
    return uitslag


def _maak_sjabloon(map_: Cursusmap, doel: Path) -> None:
    """Een kopie van het cijferboek (opdrachten, cellen, deelnemers) als begin voor elk werkproces."""
    doel.unlink(missing_ok=True)
    bron = sqlite3.connect(map_.gradebook)
    kopie = sqlite3.connect(doel)
    try:
        bron.backup(kopie)
    finally:
        kopie.close()
        bron.close()


@dataclass
class _Plek:
    """Een werkproces met zijn pijpen, en de taak waar het mee bezig is."""

    proces: subprocess.Popen[str]
    uitkomsten: Any
    taak: tuple[str, str] | None = None
    grens: float = 0.0


def _start(nummer: int, inst: Instellingen) -> _Plek:
    lezen, schrijven = os.pipe()
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "samenwerkingscode.cursus.beoordelen",
            str(nummer),
            str(schrijven),
            json.dumps(asdict(inst)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        pass_fds=(schrijven,),
        start_new_session=True,
        text=True,
    )
    os.close(schrijven)
    return _Plek(proces, os.fdopen(lezen, "r", encoding="utf-8"))


def _stop(plek: _Plek) -> None:
    """Stop een werkproces meteen, met alles wat het startte in zijn sessie."""
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(plek.proces.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        plek.proces.kill()
    plek.proces.wait(10)
    for stroom in (plek.uitkomsten, plek.proces.stdin):
        with contextlib.suppress(OSError):
            if stroom is not None:
                stroom.close()


def verdeel(
    taken: list[tuple[str, str]],
    inst: Instellingen,
    parallel: int,
    verwerk: Callable[[tuple[str, str], dict[str, Any]], None],
) -> None:
    """Beoordeel ``taken`` met ``parallel`` werkprocessen; ``verwerk`` krijgt elke uitkomst in het hoofdproces."""
    from multiprocessing.connection import wait

    from tqdm import tqdm

    wachtrij = deque(taken)
    plekken: dict[int, _Plek] = {}
    harde_grens = inst.tijd_per_inlevering + inst.tijdslimiet + _MARGE
    balk = tqdm(total=len(taken), desc="Beoordelen", unit="inl", disable=None, leave=False, file=sys.stderr)

    def geef_werk(nummer: int) -> None:
        """Een volgende taak voor een vrij werkproces (dat zo nodig eerst gestart wordt)."""
        plek = plekken.get(nummer)
        if not wachtrij or (plek is not None and plek.taak is not None):
            return
        if plek is None or plek.proces.poll() is not None:
            plek = plekken[nummer] = _start(nummer, inst)
        plek.taak = wachtrij.popleft()
        plek.grens = time.monotonic() + harde_grens
        assert plek.proces.stdin is not None
        plek.proces.stdin.write(json.dumps(plek.taak) + "\n")
        plek.proces.stdin.flush()

    try:
        while wachtrij or any(p.taak for p in plekken.values()):
            for nummer in range(max(1, parallel)):
                geef_werk(nummer)
            bezig = {p.uitkomsten: n for n, p in plekken.items() if p.taak}
            for stroom in wait(list(bezig), timeout=1.0):
                nummer = bezig[stroom]  # type: ignore[index]
                plek = plekken[nummer]
                taak, plek.taak = plek.taak, None
                regel = plek.uitkomsten.readline()
                try:
                    uitkomst = json.loads(regel)
                except ValueError:
                    uitkomst = _leeg_resultaat("het beoordelingsproces stopte onverwacht")
                    _stop(plek)
                    del plekken[nummer]
                # Eerst het werkproces weer aan het werk, dan pas samenvoegen in het cijferboek:
                # zo wacht het werkproces niet op het hoofdproces.
                geef_werk(nummer)
                assert taak is not None
                verwerk(taak, uitkomst)
                balk.update(1)
            for nummer, plek in list(plekken.items()):
                if plek.taak and time.monotonic() > plek.grens:
                    taak, plek.taak = plek.taak, None
                    _stop(plek)
                    del plekken[nummer]
                    verwerk(taak, _leeg_resultaat(f"de inlevering was na {harde_grens} s nog niet klaar en is gestopt"))
                    balk.update(1)
    except BaseException:
        for plek in plekken.values():
            _stop(plek)
        plekken.clear()
        raise
    finally:
        balk.close()
        for plek in plekken.values():
            with contextlib.suppress(OSError):
                if plek.proces.stdin is not None:
                    plek.proces.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                plek.proces.wait(30)
            _stop(plek)


def beoordeel_alles(
    *,
    cohort: str | os.PathLike[str] | None = None,
    blok: Any = None,
    bron: str | os.PathLike[str] | None = None,
    tijdslimiet: int = TIJDSLIMIET,
    tijd_per_inlevering: int = TIJD_PER_INLEVERING,
    parallel: int | None = None,
    zandbak: bool | None = None,
) -> list[Uitslag]:
    """Beoordeel alle inleveringen (of die van één blok) en geef per inlevering een :class:`Uitslag`.

    ``parallel``: het aantal werkprocessen (standaard: alle kernen). ``zandbak``: de kernels
    afschermen (standaard: als bubblewrap hier werkt; ``True`` eist het).
    """
    from samenwerkingscode.cursus.koppeling import beoordeelmodus_aan, gradebook, inleveringen, maak_api, opdrachtnamen
    from samenwerkingscode.cursus.uitdelen import zorg_voor_release
    from samenwerkingscode.model.yamlbestand import RegieFout

    map_ = cursusmap(cohort, bron)
    namen = opdrachtnamen(map_, blok, alleen_beoordeeld=True)
    taken = [(naam, d) for naam in namen for d in inleveringen(map_, naam)]
    if not taken:
        return []
    if zandbak is not False:
        from samenwerkingscode.cursus import zandbak as _zandbak

        werkt, reden = _zandbak.werkt()
        if zandbak and not werkt:
            raise RegieFout(f"De zandbak voor het beoordelen werkt hier niet: {reden}.")
        zandbak = werkt
    api = maak_api(map_, tijdslimiet=tijdslimiet)
    for naam in sorted({n for n, _ in taken}):
        zorg_voor_release(api, map_, naam)
    with gradebook(map_) as gb:
        for deelnemer in sorted({d for _, d in taken}):
            gb.update_or_create_student(deelnemer)
    werk = map_.cohort / WERKMAP
    werk.mkdir(parents=True, exist_ok=True)
    sjabloon = werk / "sjabloon.db"
    _maak_sjabloon(map_, sjabloon)
    sockets = tempfile.mkdtemp(prefix="regie-k-")
    inst = Instellingen(
        cohort=str(map_.cohort),
        bron=str(map_.bron),
        sjabloon=str(sjabloon),
        tijdslimiet=tijdslimiet,
        tijd_per_inlevering=tijd_per_inlevering,
        zandbak=bool(zandbak),
        sockets=sockets,
    )
    uitslagen: dict[tuple[str, str], Uitslag] = {}

    def verwerk(taak: tuple[str, str], uitkomst: dict[str, Any]) -> None:
        naam, deelnemer = taak
        uitslagen[taak] = voeg_samen(map_, naam, deelnemer, uitkomst)

    try:
        with beoordeelmodus_aan():
            verdeel(taken, inst, parallel or kernen(), verwerk)
    finally:
        shutil.rmtree(werk, ignore_errors=True)
        shutil.rmtree(sockets, ignore_errors=True)
    uit = [uitslagen[t] for t in taken if t in uitslagen]
    for u in uit:
        u.zandbak = bool(zandbak)
    return uit


# ---------------------------------------------------------------------------------------------
# De tabel voor de trainer.


def samenvatting(uitslagen: list[Uitslag]) -> tuple[str, int]:
    """De tekst voor de trainer en de exitcode: 0 als niets aandacht nodig heeft, anders 1."""
    if not uitslagen:
        return "Er zijn nog geen inleveringen. Lees ze eerst in met: regie cursus importeer PAD", 0
    problemen = [u for u in uitslagen if u.aandacht]
    mislukt = [u for u in uitslagen if u.nakijkfouten]
    regels = [tabel(uitslagen), ""]
    if not all(u.zandbak for u in uitslagen):
        regels.append(
            "Let op: de kernels draaiden zonder zandbak (bubblewrap ontbreekt of werkt hier niet). Eigen code van "
            "deelnemers is nog steeds niet uitgevoerd; installeer het pakket 'bubblewrap' voor de tweede afscherming."
        )
    if mislukt:
        regels.append(
            f"Bij {len(mislukt)} inlevering(en) is het nakijken mislukt: hun punten zijn niet betrouwbaar. "
            "Los de oorzaak op (zie de meldingen) en beoordeel opnieuw."
        )
    if problemen:
        regels.append(
            f"{len(problemen)} van de {len(uitslagen)} inleveringen hebben aandacht nodig (zie de meldingen)."
        )
        return "\n".join(regels), 1
    regels.append(f"Alle {len(uitslagen)} inleveringen zijn beoordeeld.")
    return "\n".join(regels), 0


def tabel(uitslagen: list[Uitslag]) -> str:
    """Een leesbare tabel, met de meldingen onder elke regel."""
    koppen = ("Deelnemer", "Blok", "Status", "Punten", "Eigen code")
    rijen = []
    for u in uitslagen:
        punten = f"{u.score:g} / {u.max_score:g}" if u.score is not None and u.max_score is not None else "-"
        rijen.append((u.deelnemer, u.blok, u.status, punten, "ja, niet uitgevoerd" if u.eigen_code else ""))
    breedtes = [max(len(k), *(len(r[i]) for r in rijen)) for i, k in enumerate(koppen)]
    regels = ["  ".join(k.ljust(b) for k, b in zip(koppen, breedtes, strict=True)).rstrip()]
    regels.append("  ".join("-" * b for b in breedtes))
    for u, rij in zip(uitslagen, rijen, strict=True):
        regels.append("  ".join(w.ljust(b) for w, b in zip(rij, breedtes, strict=True)).rstrip())
        regels.extend(f"    - nakijken mislukt: {r}" for r in u.nakijkfouten)
        regels.extend(f"    - {m}" for m in u.meldingen)
        if u.leeg and u.beoordeeld:
            regels.append("    - nog leeg: geen antwoorden ingevuld; de automatisch beoordeelde onderdelen krijgen 0")
    return "\n".join(regels)


def _main(argv: list[str]) -> None:
    """``python -m samenwerkingscode.cursus.beoordelen NUMMER FD INSTELLINGEN``: een werkproces (zie :func:`verdeel`)."""
    nummer, fd, inst = int(argv[0]), int(argv[1]), Instellingen(**json.loads(argv[2]))
    with os.fdopen(fd, "w", encoding="utf-8") as uitkomsten:
        werker(nummer, inst, sys.stdin, uitkomsten)


def beoordeel(
    *,
    cohort: str | os.PathLike[str] | None = None,
    blok: int | str | None = None,
    bron: str | os.PathLike[str] | None = None,
    tijdslimiet: int = TIJDSLIMIET,
    tijd_per_inlevering: int | None = None,
    parallel: int | None = None,
) -> int:
    """Beoordeel alle ingeleverde opdrachten automatisch; geeft 0 als alles goed ging, anders 1.

    Een kapotte inlevering, eigen code, een verwijderde of gewijzigde testcel of een nakijkcel die
    niet kon nakijken ("nakijken mislukt") komt met uitleg in de tabel; de rest van de groep wordt
    gewoon beoordeeld. Hoe (parallel, zandbak, tijdslimieten): zie de uitleg bovenaan deze module.
    """
    uitslagen = beoordeel_alles(
        cohort=cohort,
        blok=blok,
        bron=bron,
        tijdslimiet=tijdslimiet,
        tijd_per_inlevering=tijd_per_inlevering or TIJD_PER_INLEVERING,
        parallel=parallel,
    )
    tekst, code = samenvatting(uitslagen)
    print(tekst)
    return code


if __name__ == "__main__":
    _main(sys.argv[1:])
