"""Browsertests: de kit zoals mensen hem gebruiken, in headless Chromium via Playwright.

Waarom deze opzet (zie ``ecosystem.md``, valkuilen 7–10):

- Chromium komt uit Debian (``/usr/bin/chromium``); ``playwright install`` downloadt een eigen browser
  en werkt hier niet. Ontbreekt Chromium, dan worden de tests overgeslagen met een duidelijke reden.
- JupyterLab draait met een tijdelijke configuratie-, data- en runtimemap, zodat instellingen,
  werkruimtes en kernelspecs van de machine de test niet beïnvloeden. De lab-extensies (widgets,
  nbgrader) staan in ``sys.prefix/share/jupyter`` en worden daar nog steeds gevonden.
- Elke server die een test start, wordt in ``finally`` gestopt, ook als de test faalt; daarna mag
  geen enkel kindproces (kernel) van die server meer leven.
- Schermafdrukken, consolelogboeken en serverlogboeken komen in ``test-artefacten/`` (genegeerd door git).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    Request,
    expect,
)

from samenwerkingscode.boek.reader import statische_server

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
"""Debians Chromium, gevonden op PATH (nooit de browser die 'playwright install' zou downloaden)."""
ARTEFACTEN = PROJECT / "test-artefacten"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_SECONDEN = 90.0
SERVER_STOP_SECONDEN = 20.0
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"
KERNEL_KLAAR = re.compile(r"\(ipykernel\) \| Idle")
"""Statusbalk van Lab als de kernel van het notebook draait en wacht: 'Python 3 (ipykernel) | Idle'."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Sla de browsertests alleen lokaal over als Chromium ontbreekt; in CI (CI=true) is dat een fout.

    Waarom: ``.ci/run`` installeert Chromium. Ontbreekt het toch, dan mag CI niet groen worden met
    overgeslagen browsertests.
    """
    if CHROMIUM.exists():
        return
    reden = f"Chromium ontbreekt ({CHROMIUM}); installeer het met: apt-get install chromium"
    if os.environ.get("CI"):
        raise pytest.UsageError(f"{reden}. In CI moeten de browsertests draaien.")
    hier = Path(__file__).resolve().parent
    for item in items:
        if hier in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reden))


# --------------------------------------------------------------------------------------------
# Hulpjes


def vrije_poort() -> int:
    """Een vrije TCP-poort op 127.0.0.1 (het besturingssysteem kiest)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def artefact(naam: str) -> Path:
    """Pad voor een testartefact in ``test-artefacten/`` (de map wordt zo nodig gemaakt)."""
    ARTEFACTEN.mkdir(parents=True, exist_ok=True)
    return ARTEFACTEN / re.sub(r"[^\w.-]+", "_", naam)


def _ouders() -> dict[int, list[int]]:
    """Kinderen per proces-id, gelezen uit /proc (Linux)."""
    kinderen: dict[int, list[int]] = {}
    for map_ in Path("/proc").iterdir():
        if not map_.name.isdigit():
            continue
        try:
            stat = (map_ / "stat").read_text()
        except OSError:
            continue
        velden = stat.rsplit(")", 1)[1].split()
        kinderen.setdefault(int(velden[1]), []).append(int(map_.name))
    return kinderen


def nakomelingen(pid: int) -> set[int]:
    """Alle processen die (klein)kind zijn van ``pid``, zoals de kernels van een Jupyter-server."""
    kinderen = _ouders()
    gevonden: set[int] = set()
    te_doen = [pid]
    while te_doen:
        for kind in kinderen.get(te_doen.pop(), []):
            if kind not in gevonden:
                gevonden.add(kind)
                te_doen.append(kind)
    return gevonden


def leeft(pid: int) -> bool:
    """Leeft het proces nog (een zombie telt niet: die is al gestopt)?"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def stop_proces(proc: subprocess.Popen[Any], naam: str) -> None:
    """Stop een server netjes (SIGTERM), anders hard; controleer dat er geen kindproces achterblijft."""
    kinderen = nakomelingen(proc.pid)
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=SERVER_STOP_SECONDEN)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    einde = time.monotonic() + 10
    over = {pid for pid in kinderen if leeft(pid)}
    while over and time.monotonic() < einde:
        time.sleep(0.2)
        over = {pid for pid in over if leeft(pid)}
    for pid in over:  # alleen processen die deze server zelf startte
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert not over, f"{naam}: na het stoppen leefden nog kindprocessen {sorted(over)}; ze zijn nu gestopt."


# --------------------------------------------------------------------------------------------
# JupyterLab


@dataclass
class Lab:
    """Een draaiende JupyterLab-server op 127.0.0.1 met een eigen token."""

    basis: str
    token: str
    werkmap: Path
    proc: subprocess.Popen[Any]
    logboek: Path

    def url(self, pad: str, werkruimte: str) -> str:
        """De Lab-adresregel voor ``pad`` in een nieuwe, lege werkruimte (geen oude tabbladen)."""
        return f"{self.basis}/lab/workspaces/{werkruimte}/tree/{pad}?reset&token={self.token}"

    def log_tekst(self) -> str:
        return self.logboek.read_text(encoding="utf-8", errors="replace") if self.logboek.exists() else ""

    def open_notebook(self, page: Page, pad: str, aantal_cellen: int) -> Locator:
        """Open ``pad`` in een eigen werkruimte en wacht tot alle cellen er staan en de kernel klaar is.

        De uitvoeringsindicator staat al op 'idle' terwijl er nog geen kernel is ("No Kernel |
        Initializing"); daarom wachten we op de statusbalk met de naam van de kernel en "Idle".
        """
        werkruimte = re.sub(r"\W+", "-", pad) + "-" + secrets.token_hex(4)
        page.goto(self.url(pad, werkruimte))
        notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
        expect(notebook.locator(".jp-Cell")).to_have_count(aantal_cellen, timeout=90_000)
        expect(page.locator(".jp-StatusBar-Widget")).to_contain_text(KERNEL_KLAAR, timeout=90_000)
        return notebook

    @staticmethod
    def menu(page: Page, hoofdmenu: str, opdracht: str | re.Pattern[str]) -> None:
        """Kies een opdracht in de menubalk van Lab, zoals een mens dat doet."""
        page.get_by_role("menuitem", name=hoofdmenu, exact=True).click()
        if isinstance(opdracht, str):
            page.get_by_role("menuitem", name=opdracht, exact=True).click()
        else:
            page.get_by_role("menuitem", name=opdracht).click()


def lab_omgeving(tijdelijk: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Omgeving met tijdelijke Jupyter-mappen; de aankondigingen (nieuws-toast) staan uit.

    ``page_config.json`` is precies wat ``jupyter labextension disable --level=user`` met deze
    configuratiemap schrijft; direct schrijven scheelt per server een paar seconden opstarttijd.
    """
    mappen = {
        "JUPYTER_CONFIG_DIR": tijdelijk / "config",
        "JUPYTER_DATA_DIR": tijdelijk / "data",
        "JUPYTER_RUNTIME_DIR": tijdelijk / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": tijdelijk / "config" / "lab" / "user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": tijdelijk / "config" / "lab" / "workspaces",
        "IPYTHONDIR": tijdelijk / "ipython",
    }
    for map_ in mappen.values():
        map_.mkdir(parents=True, exist_ok=True)
    labconfig = mappen["JUPYTER_CONFIG_DIR"] / "labconfig"
    labconfig.mkdir(exist_ok=True)
    (labconfig / "page_config.json").write_text(f'{{"disabledExtensions": {{"{ANNOUNCEMENTS}": true}}}}\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "REGIE_"))}
    env.update({k: str(v) for k, v in mappen.items()})
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    env["MPLBACKEND"] = "Agg"
    env.update(extra or {})
    return env


@contextlib.contextmanager
def start_lab(
    werkmap: Path,
    tijdelijk: Path,
    naam: str,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    voor_stoppen: Callable[[], None] | None = None,
    extra: list[str] | None = None,
) -> Iterator[Lab]:
    """Start JupyterLab in ``werkmap``; stopt hem bij het verlaten, ook na een fout.

    ``voor_stoppen`` draait vlak voor het stoppen (bijvoorbeeld een schermafdruk van de eindstand,
    zodat die niet de melding 'Server Connection Error' toont). ``extra``: meer argumenten voor de
    server, zoals die van ``regie lab --trainer`` (``lab.static_argumenten``).
    """
    token = secrets.token_hex(16)
    poort = vrije_poort()
    opdracht = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={poort}",
        "--ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={werkmap}",
        "--ServerApp.port_retries=0",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        *(extra or []),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        opdracht.append("--allow-root")  # CI draait als root; anders weigert Jupyter te starten
    logboek = artefact(f"{naam}-jupyterlab.log")
    with logboek.open("w", encoding="utf-8") as uit:
        proc = subprocess.Popen(
            opdracht,
            cwd=cwd or werkmap,
            env=env or lab_omgeving(tijdelijk),
            stdout=uit,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    lab = Lab(f"http://127.0.0.1:{poort}", token, werkmap, proc, logboek)
    try:
        _wacht_op_lab(lab)
        yield lab
    finally:
        try:
            if voor_stoppen is not None:
                voor_stoppen()
        finally:
            stop_proces(proc, f"JupyterLab ({naam})")


def _wacht_op_lab(lab: Lab) -> None:
    einde = time.monotonic() + SERVER_START_SECONDEN
    while time.monotonic() < einde:
        if lab.proc.poll() is not None:
            pytest.fail(f"JupyterLab stopte bij het starten (code {lab.proc.returncode}):\n{lab.log_tekst()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{lab.basis}/api/status?token={lab.token}", timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail(f"JupyterLab was na {SERVER_START_SECONDEN:.0f} s nog niet bereikbaar:\n{lab.log_tekst()[-3000:]}")


# --------------------------------------------------------------------------------------------
# Statische server voor het boek


# --------------------------------------------------------------------------------------------
# Browser en pagina


@pytest.fixture(scope="session")
def browser(playwright_sessie: Playwright) -> Iterator[Browser]:
    """Debian-Chromium; nooit de browser die ``playwright install`` zou downloaden."""
    b = playwright_sessie.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield b
    finally:
        b.close()


@dataclass
class Logboek:
    """Wat de pagina meldde: consoleberichten, paginafouten, mislukte verzoeken."""

    console: list[str] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)
    pagina_fouten: list[str] = field(default_factory=list)
    mislukt: list[str] = field(default_factory=list)

    def bij_console(self, bericht: ConsoleMessage) -> None:
        regel = f"[{bericht.type}] {bericht.text} ({bericht.location.get('url', '')})"
        self.console.append(regel)
        if bericht.type == "error":
            self.fouten.append(regel)

    def bij_paginafout(self, fout: Exception) -> None:
        self.pagina_fouten.append(str(fout))
        self.console.append(f"[pageerror] {fout}")

    def bij_mislukt(self, verzoek: Request) -> None:
        regel = f"{verzoek.method} {verzoek.url}: {verzoek.failure}"
        self.mislukt.append(regel)
        self.console.append(f"[requestfailed] {regel}")


@dataclass
class Browsertab:
    page: Page
    logboek: Logboek
    naam: str
    einde_vastgelegd: bool = False

    def leg_einde_vast(self) -> None:
        """Schermafdruk en consolelog van de eindstand (één keer; vóór een server stopt)."""
        if self.einde_vastgelegd:
            return
        self.einde_vastgelegd = True
        with contextlib.suppress(Exception):
            self.page.screenshot(path=str(artefact(f"{self.naam}-einde.png")))
        artefact(f"{self.naam}-console.txt").write_text("\n".join(self.logboek.console) + "\n", encoding="utf-8")

    def schermafdruk(self, achtervoegsel: str, *, hele_pagina: bool = False) -> Path:
        pad = artefact(f"{self.naam}-{achtervoegsel}.png")
        self.page.screenshot(path=str(pad), full_page=hele_pagina)
        return pad


@pytest.fixture
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Browsertab]:
    """Een nieuwe browsercontext met één tabblad; bij het einde: schermafdruk en consolelog als artefact."""
    context: BrowserContext = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    context.set_default_timeout(30_000)
    page = context.new_page()
    logboek = Logboek()
    page.on("console", logboek.bij_console)
    page.on("pageerror", logboek.bij_paginafout)
    page.on("requestfailed", logboek.bij_mislukt)
    browsertab = Browsertab(page, logboek, request.node.name)
    try:
        yield browsertab
    finally:
        browsertab.leg_einde_vast()
        context.close()


LabStarter = Callable[..., AbstractContextManager[Lab]]


@pytest.fixture
def lab_starter(tmp_path: Path, request: pytest.FixtureRequest, tab: Browsertab) -> LabStarter:
    """Start JupyterLab met ``with lab_starter(werkmap) as lab:``; de server stopt aan het eind van dat blok.

    Extra omgevingsvariabelen (``env={...}``), een andere werkmap voor het proces (``cwd=...``) en
    extra serverargumenten (``extra=[...]``) zijn mogelijk; elke server krijgt zijn eigen tijdelijke
    Jupyter-mappen.
    """
    teller = iter(range(1, 100))

    def starter(
        werkmap: Path, *, cwd: Path | None = None, env: dict[str, str] | None = None, extra: list[str] | None = None
    ) -> AbstractContextManager[Lab]:
        nummer = next(teller)
        tijdelijk = tmp_path / f"jupyter-{nummer}"
        naam = f"{request.node.name}-{nummer}"
        return start_lab(
            werkmap,
            tijdelijk,
            naam,
            cwd=cwd,
            env=lab_omgeving(tijdelijk, env),
            voor_stoppen=tab.leg_einde_vast,
            extra=extra,
        )

    return starter


LabFabriek = Callable[..., AbstractContextManager[Lab]]


@pytest.fixture(scope="session")
def lab_fabriek() -> LabFabriek:
    """Start JupyterLab vanuit een fixture met een bredere scope (bijvoorbeeld één server per module).

    Gebruik: ``with lab_fabriek(werkmap, tijdelijke_map, naam) as lab:``; de server stopt aan het eind
    van dat blok, ook na een fout. ``env`` en ``cwd`` zoals bij ``lab_starter``.
    """

    def fabriek(
        werkmap: Path, tijdelijk: Path, naam: str, *, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> AbstractContextManager[Lab]:
        return start_lab(werkmap, tijdelijk, naam, cwd=cwd, env=lab_omgeving(tijdelijk, env))

    return fabriek


def kopieer_bron(doel: Path, opdrachten: list[str] | None = None) -> Path:
    """Kopieer (een deel van) ``notebooks/`` naar ``doel``, zonder antwoordbestanden of checkpoints.

    Zo ziet een test nooit de antwoorden van wie de bron lokaal draaide.
    """
    namen = opdrachten or sorted(p.name for p in (PROJECT / "notebooks").iterdir() if p.is_dir())
    for naam in namen:
        shutil.copytree(
            PROJECT / "notebooks" / naam,
            doel / naam,
            ignore=shutil.ignore_patterns("*.antwoorden.json*", ".ipynb_checkpoints"),
        )
    return doel


@pytest.fixture(scope="session")
def bronkopie() -> Callable[..., Path]:
    """``bronkopie(doel, ["blok1"])``: een bronmap met alleen de gevraagde opdrachten (zie ``kopieer_bron``)."""
    return kopieer_bron


# --------------------------------------------------------------------------------------------
# Het gebouwde boek


@pytest.fixture(scope="session")
def boek_html(boek: Any) -> Path:
    """Het boek uit de gedeelde sessiebouw (``tests/conftest.py``: ``-W -n --keep-going`` in een lege map)."""
    artefact("boekbouw-lezer.log").write_text(boek.log, encoding="utf-8")
    assert boek.returncode == 0, (
        f"Het boek bouwt niet zonder waarschuwingen (code {boek.returncode}):\n{boek.log[-4000:]}"
    )
    assert (boek.html / "index.html").is_file(), f"de bouw gaf geen {boek.html / 'index.html'}"
    return boek.html


@pytest.fixture
def boekserver(boek_html: Path) -> Iterator[str]:
    """Het gebouwde boek op 127.0.0.1 (basis-URL); de server stopt aan het eind van de test."""
    with statische_server(boek_html) as basis:
        yield basis
