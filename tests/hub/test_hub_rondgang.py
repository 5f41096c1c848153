"""De hele cursus op een echte JupyterHub (``make hub``): inloggen, invullen, inleveren, beoordelen, feedback.

Een trainer en drie deelnemers krijgen een unix-account (PAM-login, LocalProcessSpawner). De trainer maakt
blok1 en deelt het uit; elke deelnemer logt in Chromium in, draait het notebook, vult het canvas in en levert
in; de trainer haalt op, beoordeelt en stuurt feedback; iedere deelnemer krijgt alleen zijn eigen feedback.
Daarna probeert een deelnemer bij de modelantwoorden, het werk van een ander en het cijferboek te komen.
De test verwijdert de accounts die hij maakte, ook als hij faalt. Draait als root (CI); duurt enkele minuten,
de eerste keer langer (de omgeving van de hub wordt dan gebouwd).
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hub.opzet import PROJECT, Cursus, bestaat, hub_opdracht, installeer_omgeving, installeer_proxy, richt_in, ruim_op

pytestmark = [pytest.mark.traag, pytest.mark.browser]

HUBMAP = Path("/srv/regie-hub-test")
TRAINER = "rt-docent"
DEELNEMERS = ("rt-anna", "rt-bram", "rt-chris")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
KERNEL_KLAAR = re.compile(r"\(ipykernel\) \| (Idle|Inactief)")
CHROMIUM_ARGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Hub:
    cursus: Cursus
    basis: str
    token: str
    wachtwoorden: dict[str, str]
    proc: subprocess.Popen[Any] | None = None

    def api(self, methode: str, pad: str, token: str | None = None, data: Any = None) -> Any:
        """Een verzoek aan de hub of een server; geeft de JSON (of ``None``) terug."""
        verzoek = urllib.request.Request(
            self.basis + pad,
            method=methode,
            data=None if data is None else json.dumps(data).encode(),
            headers={"Authorization": f"token {token or self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(verzoek, timeout=120) as antwoord:
            tekst = antwoord.read().decode()
        return json.loads(tekst) if tekst.strip() else None

    def tekst(self, pad: str, token: str | None = None) -> str:
        """Een pagina of bestand (geen JSON), zoals een browser het krijgt."""
        verzoek = urllib.request.Request(self.basis + pad, headers={"Authorization": f"token {token or self.token}"})
        with urllib.request.urlopen(verzoek, timeout=120) as antwoord:
            return antwoord.read().decode()

    def status(self, pad: str, token: str | None = None) -> int:
        try:
            self.api("GET", pad, token)
        except urllib.error.HTTPError as fout:
            return fout.code
        except OSError:  # de hub of de server luistert (nog) niet
            return 0
        return 200

    def start(self) -> None:
        opdracht, omgeving = hub_opdracht(self.cursus)
        logboek = open(self.cursus.staat / "hub.log", "a", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            opdracht,
            env=omgeving,
            cwd=self.cursus.staat,
            stdout=logboek,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        grens = time.monotonic() + 120
        while self.status("/hub/api/") != 200:
            assert self.proc.poll() is None, "de hub stopte meteen:\n" + self.log()[-3000:]
            assert time.monotonic() < grens, "de hub antwoordde niet binnen 120 s:\n" + self.log()[-3000:]
            time.sleep(0.5)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def log(self) -> str:
        pad = self.cursus.staat / "hub.log"
        return pad.read_text(encoding="utf-8", errors="replace") if pad.exists() else ""

    def gebruikerstoken(self, naam: str) -> str:
        return str(self.api("POST", f"/hub/api/users/{naam}/tokens", data={"note": "test"})["token"])


def als(naam: str, opdracht: str, hub: Hub, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    """Een opdracht als ``naam``, met de omgeving die de hub een server geeft (maar zonder REGIE_EXCHANGE)."""
    thuis = pwd.getpwnam(naam).pw_dir
    pad = f"{hub.cursus.venv / 'bin'}:/usr/bin:/bin"
    omgeving = [f"HOME={thuis}", f"PATH={pad}", "MPLBACKEND=Agg", "LANG=C.UTF-8"]
    if naam == TRAINER:
        omgeving += [f"REGIE_COHORT={thuis}/cohort", f"REGIE_BRON={thuis}/bron"]
    return subprocess.run(
        ["runuser", "-u", naam, "--", "env", "-i", *omgeving, "sh", "-c", opdracht],
        cwd=cwd or thuis,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def trainer(opdracht: str, hub: Hub) -> str:
    uit = als(TRAINER, opdracht, hub)
    assert uit.returncode == 0, f"{opdracht}:\n{uit.stdout[-2000:]}\n{uit.stderr[-3000:]}"
    return uit.stdout + uit.stderr


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    if os.geteuid() != 0:
        pytest.fail("Deze test maakt unix-accounts en draait de hub als root (zoals in CI).")
    voor = [n for n in (TRAINER, *DEELNEMERS) if bestaat(n)]
    assert not voor, f"accounts {voor} bestaan al (een vorige run?); verwijder ze met userdel -r"
    cursus = Cursus(hubmap=HUBMAP, trainers=[TRAINER], deelnemers=list(DEELNEMERS), poort=vrije_poort())
    wachtwoorden = {n: secrets.token_urlsafe(10) for n in cursus.iedereen}
    h: Hub | None = None
    try:
        installeer_omgeving(cursus)
        installeer_proxy()
        richt_in(cursus, wachtwoorden)
        token = (cursus.staat / "service-token").read_text(encoding="utf-8").strip()
        h = Hub(cursus, f"http://127.0.0.1:{cursus.poort}", token, wachtwoorden)
        h.start()
        yield h
    finally:
        if h is not None:
            h.stop()
        ruim_op(cursus)  # accounts, thuismappen, uitwisselmap en hub-database; de omgeving blijft (cache)
        assert not [n for n in cursus.iedereen if bestaat(n)], "de testaccounts zijn niet verwijderd"


@pytest.fixture(scope="module")
def browser(playwright_sessie: Any) -> Iterator[Any]:
    """Chromium uit Debian, op de ene Playwright van de testsessie (tests/conftest.py)."""
    b = playwright_sessie.chromium.launch(
        executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS
    )
    try:
        yield b
    finally:
        b.close()


def _operatie(naam: str) -> str:
    return f"Wekelijks overleg, voorgezeten door {naam}."


def test_trainer_deelt_blok1_uit_op_de_gedeelde_uitwisselmap(hub: Hub) -> None:
    trainer("regie cursus maak 1", hub)
    trainer("cd ~ && nbgrader release_assignment blok1 --force", hub)
    assert (hub.cursus.exchange / "regisseur" / "outbound" / "blok1" / "blok1.ipynb").is_file()
    thuis = Path(pwd.getpwnam(TRAINER).pw_dir)
    assert not (thuis / "cohort" / "exchange").exists(), "de kit mag geen tweede uitwisselmap maken (B3)"


def test_deelnemers_loggen_in_vullen_in_en_leveren_in(hub: Hub, browser: Any) -> None:
    from playwright.sync_api import expect

    from samenwerkingscode.model import canvas as canvasmodel

    for naam in DEELNEMERS:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        try:
            page.goto(f"{hub.basis}/hub/login")
            page.locator("#username_input").fill(naam)
            page.locator("#password_input").fill(hub.wachtwoorden[naam])
            page.locator("#login_submit").click()
            page.wait_for_url(re.compile(rf"/user/{naam}/lab"), timeout=240_000)
            token = hub.gebruikerstoken(naam)
            q = "course_id=regisseur&assignment_id=blok1"
            hub.api("POST", f"/user/{naam}/assignments/fetch?{q}", token)
            assert hub.status(f"/user/{naam}/formgrader/api/assignments", token) == 404, "geen formgrader"

            werkruimte = f"w{secrets.token_hex(4)}"
            page.goto(f"{hub.basis}/user/{naam}/lab/workspaces/{werkruimte}/tree/blok1/blok1.ipynb?reset")
            notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
            expect(notebook.locator(".jp-Cell").first).to_be_visible(timeout=120_000)
            # Nederlands en rustig: het menu heet 'Bewerk', er is geen Create Assignment en geen Validate.
            expect(page.get_by_role("menuitem", name="Bewerk", exact=True)).to_be_visible()
            assert page.locator("[data-command='nbgrader:validate-assignment'], .nbgrader-ValidateButton").count() == 0
            assert page.get_by_text("Create Assignment").count() == 0
            uit = page.evaluate(
                "JSON.parse(document.getElementById('jupyter-config-data').textContent).disabledExtensions"
            )
            assert {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader"} <= set(uit), uit
            assert page.get_by_text("official Jupyter news").count() == 0

            # De kernel draait en wacht ('Inactief' in de Nederlandse statusbalk), dan: herstart en alles uitvoeren.
            expect(page.locator(".jp-StatusBar-Widget")).to_contain_text(KERNEL_KLAAR, timeout=120_000)
            page.get_by_role("button", name="Restart the kernel and run all cells").click()
            page.locator(".jp-Dialog .jp-mod-accept").click()
            expect(page.locator(".jp-Dialog")).to_have_count(0)
            canvas = notebook.locator(".regie-oefening:visible").filter(has_text="Samenwerkingscanvas").first
            expect(canvas).to_be_visible(timeout=120_000)
            canvas.get_by_role("button", name="Uit de casus", exact=True).click()
            operatie = canvas.get_by_placeholder(canvasmodel.veld("operatie").vraag, exact=True)
            operatie.click()
            page.keyboard.type(_operatie(naam))
            expect(canvas.locator(".regie-goed", has_text="Opgeslagen om")).to_be_visible(timeout=60_000)
            antwoorden = Path(pwd.getpwnam(naam).pw_dir) / "blok1" / "blok1.antwoorden.json"
            grens = time.monotonic() + 60
            while _operatie(naam) not in antwoorden.read_text(encoding="utf-8"):
                assert time.monotonic() < grens, f"het getypte antwoord van {naam} kwam niet in {antwoorden}"
                time.sleep(0.5)
            hub.api("POST", f"/user/{naam}/assignments/submit?{q}", token)
        except Exception:
            artefacten = PROJECT / "test-artefacten"
            artefacten.mkdir(exist_ok=True)
            page.screenshot(path=str(artefacten / f"hub-{naam}.png"), full_page=True)
            raise
        finally:
            context.close()
    inbound = hub.cursus.exchange / "regisseur" / "inbound"
    for naam in DEELNEMERS:
        mappen = list(inbound.glob(f"{naam}+blok1+*"))
        assert len(mappen) == 1, f"{naam} leverde niet (of dubbel) in"
        antwoorden = json.loads((mappen[0] / "blok1.antwoorden.json").read_text(encoding="utf-8"))
        assert _operatie(naam) in json.dumps(antwoorden, ensure_ascii=False)


def test_trainer_beoordeelt_en_elke_deelnemer_krijgt_alleen_eigen_feedback(hub: Hub) -> None:
    trainer("cd ~ && nbgrader collect blok1", hub)
    uit = trainer("regie cursus beoordeel 1", hub)
    assert "Alle 3 inleveringen zijn beoordeeld" in uit, uit
    trainer("regie cursus feedback 1", hub)
    trainer("cd ~ && nbgrader release_feedback blok1", hub)
    cohort = Path(pwd.getpwnam(TRAINER).pw_dir) / "cohort"
    gezien: dict[str, bytes] = {}
    for naam in DEELNEMERS:
        token = hub.gebruikerstoken(naam)
        hub.api("POST", f"/user/{naam}/assignments/fetch_feedback?course_id=regisseur&assignment_id=blok1", token)
        html = list((Path(pwd.getpwnam(naam).pw_dir) / "blok1" / "feedback").rglob("blok1.html"))
        assert len(html) == 1, f"{naam}: {html}"
        gezien[naam] = html[0].read_bytes()
        assert gezien[naam] == (cohort / "feedback" / naam / "blok1" / "blok1.html").read_bytes()
        assert html[0].stat().st_uid == pwd.getpwnam(naam).pw_uid
    assert len(set(gezien.values())) == len(DEELNEMERS), "iedere deelnemer hoort zijn eigen feedback te krijgen"
    # Het cijferboek van de formgrader van de trainer ziet hetzelfde cohort (review B4).
    hub.api("POST", f"/hub/api/users/{TRAINER}/server")
    token = hub.gebruikerstoken(TRAINER)
    grens = time.monotonic() + 180
    while hub.status(f"/user/{TRAINER}/api/status", token) != 200:
        assert time.monotonic() < grens, hub.log()[-3000:]
        time.sleep(1)
    inzendingen = hub.api("GET", f"/user/{TRAINER}/formgrader/api/submissions/blok1", token)
    assert sorted(s["student"] for s in inzendingen) == sorted(DEELNEMERS)
    # Het beoordelingsscherm laadt MathJax van de server van de trainer, niet van een CDN (issue 15.4).
    notebooks = hub.api("GET", f"/user/{TRAINER}/formgrader/api/submitted_notebooks/blok1/blok1", token)
    scherm = hub.tekst(f"/user/{TRAINER}/formgrader/submissions/{notebooks[0]['id']}/?index=0", token)
    assert "/static/mathjax2/MathJax.js?config=TeX-AMS_CHTML-full,Safe" in scherm and "cdnjs" not in scherm
    assert "MathJax.Hub.Config" in hub.tekst(f"/user/{TRAINER}/static/mathjax2/MathJax.js", token)


def test_deelnemer_kan_niet_bij_modelantwoorden_ander_werk_of_cijferboek(hub: Hub) -> None:
    docent = pwd.getpwnam(TRAINER).pw_dir
    bram = pwd.getpwnam("rt-bram").pw_dir
    verboden = [
        f"{docent}/bron/blok1/blok1.ipynb",
        f"{docent}/cohort/gradebook.db",
        f"{bram}/blok1/blok1.ipynb",
        f"{bram}/blok1/blok1.antwoorden.json",
        f"{docent}/bron/blok1/blok1.antwoorden.json",
        f"{PROJECT}/notebooks/blok1/blok1.ipynb",
        f"{PROJECT}/notebooks/blok1/blok1.antwoorden.json",
    ]
    for pad in verboden:
        assert Path(pad).exists(), f"{pad} hoort te bestaan"
        uit = als("rt-anna", f"cat '{pad}'", hub)
        assert uit.returncode != 0 and "Permission denied" in uit.stderr, f"rt-anna kon {pad} lezen"
    uit = als("rt-anna", f"ls '{hub.cursus.exchange}/regisseur/inbound'", hub)
    assert uit.returncode != 0, "een deelnemer mag de inleveringen van anderen niet zien"
    # Wat de kernel van een deelnemer importeert, is alleen het pakket: geen bron, tests of modelantwoorden.
    uit = als("rt-anna", "python -c 'import samenwerkingscode; print(samenwerkingscode.__file__)'", hub)
    pakket = Path(uit.stdout.strip()).parent
    assert str(hub.cursus.venv) in str(pakket), uit
    for pad in pakket.parent.glob("*"):
        assert pad.name not in ("notebooks", "tests", "scripts", "casussen"), f"{pad} hoort niet naast het pakket"
    geheim = _verborgen_regels(PROJECT / "notebooks" / "blok1" / "blok1.ipynb")
    assert geheim, "het bronnotebook van blok1 hoort verborgen tests te hebben"
    for pad in pakket.rglob("*"):
        if not pad.is_file():
            continue
        assert pad.suffix != ".ipynb" and ".antwoorden.json" not in pad.name, f"{pad} hoort niet in het pakket"
        if pad.suffix in (".py", ".yml", ".json"):
            tekst = pad.read_text(encoding="utf-8", errors="replace")
            assert not [r for r in geheim if r in tekst], f"{pad} bevat een regel uit de verborgen tests"


def _verborgen_regels(notebook: Path) -> list[str]:
    """De regels tussen BEGIN en END HIDDEN TESTS / SOLUTION in een bronnotebook (lang genoeg om uniek te zijn)."""
    import nbformat

    regels: list[str] = []
    for cel in nbformat.read(notebook, as_version=4).cells:
        binnen = False
        for regel in cel.source.splitlines():
            if re.search(r"BEGIN (HIDDEN TESTS|SOLUTION)", regel):
                binnen = True
            elif re.search(r"END (HIDDEN TESTS|SOLUTION)", regel):
                binnen = False
            elif binnen and len(regel.strip()) > 25:
                regels.append(regel.strip())
    return regels


def test_servers_overleven_een_herstart_van_de_hub(hub: Hub) -> None:
    voor = hub.api("GET", "/hub/api/users/rt-anna")["servers"][""]["state"]["pid"]
    hub.stop()
    os.kill(voor, 0)  # de server van rt-anna leeft nog
    hub.start()
    na = hub.api("GET", "/hub/api/users/rt-anna")
    assert na["servers"][""]["ready"] is True and na["servers"][""]["state"]["pid"] == voor
