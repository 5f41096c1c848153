"""Een cursusgroep op een JupyterHub op één machine zetten: omgeving, proxy, accounts en rechten.

Waarom zo (zie ook ``book/trainershandleiding/hub.md``):

- **Eén unix-account per persoon** (PAM + LocalProcessSpawner): nbgrader leest de deelnemer-id uit de
  naam van het OS-account, en alleen zo kan niemand bij het werk van een ander.
- **Een eigen omgeving** (``<hubmap>/venv``) met Debians Python en de kit *niet* editable geïnstalleerd:
  deelnemers importeren alleen het pakket. De bronnotebooks (met modelantwoorden) staan alleen in de
  thuismap van de trainer (``~/bron``); de kitmap zelf gaat dicht voor anderen.
- **Thuismappen 700** (Debian maakt ze 755), de uitwisselmap ``1777`` zoals nbgrader verwacht.
- De trainer werkt in ``~/cohort`` met ``~/bron``; ``~/.jupyter/nbgrader_config.py`` laadt de
  instellingen van de kit, zodat de formgrader en ``regie cursus`` hetzelfde cohort en dezelfde
  uitwisselmap gebruiken.
- De formgrader laadt MathJax van de eigen server (``<venv>/share/regie/formgrader``, uit ``make vendor``),
  niet van een CDN: zie ``samenwerkingscode.cursus.lab.richt_formgrader_in``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
HUB = PROJECT / "hub"
PROXY = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
FORMGRADER_STATIC = PROJECT / "_vendor" / "formgrader"
"""MathJax 2 voor de formgrader (``make vendor``); ``installeer_omgeving`` kopieert het naar de omgeving van de hub."""
SYSTEEM_PYTHON = "/usr/bin/python3"
CURSUS_ID = "regisseur"
NAAM = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
NIET_VOOR_DEELNEMERS = (
    "playwright",
    "pytest",
    "pytest-timeout",
    "ruff",
    "hypothesis",
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "myst-parser",
    "sphinx-book-theme",
)
"""Ontwikkel- en boekgereedschap uit requirements.txt dat niet in de omgeving van de hub hoeft."""


class HubFout(RuntimeError):
    """Een fout in de cursusconfiguratie of bij het inrichten, in gewone taal."""


@dataclass
class Cursus:
    """Een cursusgroep op de hub: wie er is, en waar alles staat."""

    hubmap: Path
    trainers: list[str]
    deelnemers: list[str]
    poort: int = 8000
    cursus_id: str = CURSUS_ID
    lti: dict[str, Any] = field(default_factory=dict)

    @property
    def venv(self) -> Path:
        return self.hubmap / "venv"

    @property
    def exchange(self) -> Path:
        return self.hubmap / "exchange"

    @property
    def staat(self) -> Path:
        """Database, cookiegeheim en servicetoken van de hub: alleen root."""
        return self.hubmap / "staat"

    @property
    def deelnemerconfig(self) -> Path:
        """Jupyter-configuratie alleen voor deelnemers (``JUPYTER_CONFIG_PATH``): geen trainersgereedschap."""
        return self.hubmap / "deelnemer-config"

    @property
    def cursusbestand(self) -> Path:
        return self.hubmap / "cursus.json"

    @property
    def wachtwoordbestand(self) -> Path:
        return self.hubmap / "wachtwoorden.txt"

    @property
    def iedereen(self) -> list[str]:
        return [*self.trainers, *self.deelnemers]

    def naar_json(self) -> dict[str, Any]:
        gegevens = asdict(self)
        gegevens["hubmap"] = str(self.hubmap)
        gegevens["proxy"] = str(PROXY)
        return gegevens


def geldige_naam(lms_naam: str) -> str:
    """Maak van een gebruikersnaam uit een LMS een geldige unix-naam én nbgrader-deelnemer-id.

    Kleine letters, cijfers, ``-`` en ``_``; van een e-mailadres het deel vóór de ``@``; begint de naam
    niet met een letter, dan komt er ``d`` voor; hoogstens 32 tekens; nooit leeg.
    """
    naam = lms_naam.strip().lower().split("@", 1)[0]
    naam = re.sub(r"[^a-z0-9_-]+", "-", naam).strip("-_")
    if not naam:
        naam = "d" + hashlib.sha256(lms_naam.encode()).hexdigest()[:8]
    elif not re.match(r"[a-z_]", naam):
        naam = f"d{naam}"
    return naam[:32].rstrip("-")


def lees_cursus(pad: str | os.PathLike[str]) -> Cursus:
    """Lees de cursusconfiguratie (YAML) en controleer namen; fouten noemen het bestand en het veld."""
    import yaml

    bestand = Path(pad)
    try:
        gegevens = yaml.safe_load(bestand.read_text(encoding="utf-8")) or {}
    except OSError as fout:
        raise HubFout(f"{bestand}: kan het bestand niet lezen ({fout.strerror}).") from fout
    except yaml.YAMLError as fout:
        raise HubFout(f"{bestand}: geen geldige YAML ({fout}).") from fout
    if not isinstance(gegevens, dict):
        raise HubFout(f"{bestand}: verwacht velden als 'trainers:' en 'deelnemers:'.")
    namen: dict[str, list[str]] = {}
    for veld in ("trainers", "deelnemers"):
        waarde = gegevens.get(veld) or []
        if not isinstance(waarde, list) or not all(isinstance(n, str) for n in waarde):
            raise HubFout(f"{bestand}, veld '{veld}': verwacht een lijst met namen.")
        for naam in waarde:
            if not NAAM.match(naam):
                raise HubFout(
                    f"{bestand}, veld '{veld}': '{naam}' is geen geldige accountnaam "
                    "(kleine letters, cijfers, '-' en '_', begint met een letter, hoogstens 32 tekens)."
                )
        namen[veld] = list(waarde)
    if not namen["trainers"]:
        raise HubFout(f"{bestand}, veld 'trainers': noem minstens één trainer.")
    dubbel = set(namen["trainers"]) & set(namen["deelnemers"])
    if dubbel or len(set(namen["deelnemers"])) != len(namen["deelnemers"]):
        raise HubFout(f"{bestand}: een naam staat dubbel ({', '.join(sorted(dubbel)) or 'bij de deelnemers'}).")
    hubmap = Path(gegevens.get("hubmap") or "/srv/regie-hub")
    if not hubmap.is_absolute():
        raise HubFout(f"{bestand}, veld 'hubmap': geef een absoluut pad, zoals /srv/regie-hub.")
    if hubmap == PROJECT or PROJECT in hubmap.parents:
        raise HubFout(f"{bestand}, veld 'hubmap': kies een map buiten de kit ({PROJECT}); de kit gaat dicht.")
    return Cursus(
        hubmap=hubmap,
        trainers=namen["trainers"],
        deelnemers=namen["deelnemers"],
        poort=int(gegevens.get("poort") or 8000),
        cursus_id=str(gegevens.get("cursus_id") or CURSUS_ID),
        lti=dict(gegevens.get("lti") or {}),
    )


# ---------------------------------------------------------------------------------------------
# De omgeving en de proxy


def vereisten() -> list[str]:
    """De vaste versies uit requirements.txt zonder ``-e .`` en ontwikkelgereedschap, plus die van de hub."""
    regels = []
    for regel in (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        regel = regel.split("#", 1)[0].strip()
        if not regel or regel.startswith("-"):
            continue
        if re.split(r"[=<>!~\[ ]", regel, maxsplit=1)[0].lower() in NIET_VOOR_DEELNEMERS:
            continue
        regels.append(regel)
    for regel in (HUB / "requirements-hub.txt").read_text(encoding="utf-8").splitlines():
        regel = regel.split("#", 1)[0].strip()
        if regel:
            regels.append(regel)
    return regels


def _draai(opdracht: list[str], **kwargs: Any) -> None:
    resultaat = subprocess.run(opdracht, capture_output=True, text=True, check=False, **kwargs)
    if resultaat.returncode != 0:
        staart = "\n".join((resultaat.stderr or resultaat.stdout).strip().splitlines()[-10:])
        raise HubFout(f"'{' '.join(opdracht[:4])} …' mislukte (code {resultaat.returncode}):\n{staart}")


def installeer_omgeving(cursus: Cursus, python: str = SYSTEEM_PYTHON) -> Path:
    """Maak ``<hubmap>/venv`` (leesbaar voor iedereen) met de hub, Lab, nbgrader en de kit (niet editable)."""
    cursus.hubmap.mkdir(parents=True, exist_ok=True)
    cursus.hubmap.chmod(0o755)
    pip = [str(cursus.venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    pakketten = vereisten()
    stempel = cursus.venv / ".regie-vereisten"
    inhoud = "\n".join(pakketten)
    if not (cursus.venv / "bin" / "python").exists():
        _draai([python, "-m", "venv", str(cursus.venv)])
    if not stempel.exists() or stempel.read_text(encoding="utf-8") != inhoud:
        _draai([*pip, "install", *pakketten])
        stempel.write_text(inhoud, encoding="utf-8")
    # De kit zelf als wiel: alleen het pakket samenwerkingscode, nooit notebooks/, tests/ of .git.
    with tempfile.TemporaryDirectory(prefix="regie-wiel-") as tmp:
        kopie = Path(tmp) / "kit"
        kopie.mkdir()
        shutil.copytree(
            PROJECT / "samenwerkingscode", kopie / "samenwerkingscode", ignore=shutil.ignore_patterns("__pycache__")
        )
        for naam in ("pyproject.toml", "README.md"):
            shutil.copy2(PROJECT / naam, kopie / naam)
        _draai([*pip, "install", "--no-deps", "--force-reinstall", "--no-build-isolation", str(kopie)])
    etc = cursus.venv / "etc" / "jupyter"
    etc.mkdir(parents=True, exist_ok=True)
    (etc / "nbgrader_config.py").write_text(
        "# Geschreven door make hub: voor iedereen op deze hub dezelfde cursus en dezelfde uitwisselmap.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {cursus.cursus_id!r}\n"
        f"c.Exchange.root = {str(cursus.exchange)!r}\n",
        encoding="utf-8",
    )
    from samenwerkingscode.cursus.lab import richt_formgrader_in, schrijf_overrides
    from samenwerkingscode.model.yamlbestand import RegieFout

    schrijf_overrides(cursus.venv / "share" / "jupyter" / "lab" / "settings")
    # De formgrader van de trainer: MathJax 2 van de eigen server, niet van een CDN (make vendor haalt het op).
    try:
        richt_formgrader_in(cursus.venv, FORMGRADER_STATIC)
    except RegieFout as fout:
        raise HubFout(str(fout)) from fout
    _draai(["chmod", "-R", "a+rX,go-w", str(cursus.venv)])
    return cursus.venv


def installeer_proxy() -> Path:
    """configurable-http-proxy 5.3.0 uit npm, lokaal in ``hub/node_modules`` (nooit globaal)."""
    if not PROXY.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise HubFout("npm ontbreekt; installeer Node.js en npm (Debian: apt-get install nodejs npm).")
        _draai([npm, "install", "--no-audit", "--no-fund", "--prefix", str(HUB)], cwd=HUB)
    return PROXY


# ---------------------------------------------------------------------------------------------
# Accounts, mappen en rechten


def bestaat(naam: str) -> bool:
    try:
        pwd.getpwnam(naam)
    except KeyError:
        return False
    return True


def _kopieer_casussen(doel: Path) -> None:
    """De casussen van de kit (geen eigen casussen van iemand anders) in ``doel``."""
    doel.mkdir(exist_ok=True)
    for pad in (PROJECT / "casussen").iterdir():
        if pad.is_file():
            shutil.copy2(pad, doel / pad.name)


def _eigenaar(pad: Path, naam: str) -> None:
    _draai(["chown", "-R", f"{naam}:{naam}", str(pad)])


def trainersconfig(cursus: Cursus) -> str:
    """``~/.jupyter/nbgrader_config.py`` van de trainer: de instellingen van de kit op ~/cohort en ~/bron."""
    return (
        "# Geschreven door make hub. De formgrader start in je thuismap en vindt zo de instellingen van de kit.\n"
        "import os\n"
        "from samenwerkingscode.cursus.cursusmap import nbgrader_config\n\n"
        "c = get_config()  # noqa: F821\n"
        "c.Regie.cohort = os.path.expanduser('~/cohort')\n"
        "c.Regie.bron = os.path.expanduser('~/bron')\n"
        "c.merge(nbgrader_config(config=c))\n"
    )


def richt_in(cursus: Cursus, wachtwoorden: dict[str, str] | None = None) -> dict[str, str]:
    """Accounts, thuismappen, uitwisselmap en configuratie; geeft de wachtwoorden terug (ook in een bestand).

    Bestaande accounts blijven bestaan (hun werk blijft staan); alleen nieuwe krijgen een wachtwoord.
    """
    from samenwerkingscode.cursus.lab import schrijf_deelnemersconfig

    if os.geteuid() != 0:
        raise HubFout("make hub richt accounts in en draait de hub als root (PAM); start het als root of met sudo.")
    cursus.hubmap.mkdir(parents=True, exist_ok=True)
    cursus.hubmap.chmod(0o755)
    cursus.exchange.mkdir(exist_ok=True)
    cursus.exchange.chmod(0o1777)
    cursus.staat.mkdir(exist_ok=True)
    cursus.staat.chmod(0o700)
    schrijf_deelnemersconfig(cursus.deelnemerconfig)
    _draai(["chmod", "-R", "a+rX,go-w", str(cursus.deelnemerconfig)])
    token = cursus.staat / "service-token"
    if not token.exists():
        token.write_text(secrets.token_hex(32), encoding="utf-8")
    token.chmod(0o600)

    nieuw: dict[str, str] = {}
    for naam in cursus.iedereen:
        if not bestaat(naam):
            _draai(["useradd", "--create-home", "--shell", "/bin/bash", naam])
            nieuw[naam] = (wachtwoorden or {}).get(naam) or secrets.token_urlsafe(9)
        thuis = Path(pwd.getpwnam(naam).pw_dir)
        thuis.chmod(0o700)  # Debian maakt 755: dan leest iedereen elkaars werk
        if not (thuis / "casussen").exists():
            _kopieer_casussen(thuis / "casussen")
            _eigenaar(thuis / "casussen", naam)
    if nieuw:
        invoer = "".join(f"{n}:{w}\n" for n, w in nieuw.items())
        subprocess.run(["chpasswd"], input=invoer, text=True, check=True)
        with open(cursus.wachtwoordbestand, "a", encoding="utf-8") as uit:
            uit.write(invoer)
        cursus.wachtwoordbestand.chmod(0o600)

    for trainer in cursus.trainers:
        thuis = Path(pwd.getpwnam(trainer).pw_dir)
        if not (thuis / "bron").exists():
            shutil.copytree(PROJECT / "notebooks", thuis / "bron", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        (thuis / "cohort").mkdir(exist_ok=True)
        (thuis / ".jupyter").mkdir(exist_ok=True)
        (thuis / ".jupyter" / "nbgrader_config.py").write_text(trainersconfig(cursus), encoding="utf-8")
        for pad in ("bron", "cohort", ".jupyter"):
            _eigenaar(thuis / pad, trainer)

    # De kitmap (met notebooks/, tests/ en .git) is niet voor deelnemers: de hub gebruikt alleen het wiel.
    PROJECT.chmod(PROJECT.stat().st_mode & ~0o007)
    cursus.cursusbestand.write_text(json.dumps(cursus.naar_json(), indent=2) + "\n", encoding="utf-8")
    cursus.cursusbestand.chmod(0o644)
    return nieuw


def stop_processen_van(naam: str) -> None:
    """Stop (per pid) de processen van een account dat de hub voor deze cursus maakte, en wacht tot ze weg zijn."""
    import signal
    import time

    uid = pwd.getpwnam(naam).pw_uid

    def pids() -> list[int]:
        gevonden = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                with contextlib.suppress(OSError):
                    if proc.stat().st_uid == uid and "State:\tZ" not in (proc / "status").read_text():
                        gevonden.append(int(proc.name))
        return gevonden

    grens = time.monotonic() + 15
    while (over := pids()) and time.monotonic() < grens:
        for pid in over:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)


def ruim_op(cursus: Cursus, *, houd_omgeving: bool = True) -> None:
    """Verwijder de accounts (met hun thuismap) en de hubgegevens; de omgeving blijft als dat mag."""
    for naam in cursus.iedereen:
        if bestaat(naam):
            stop_processen_van(naam)
            subprocess.run(["userdel", "--remove", "--force", naam], capture_output=True, check=False)
    for pad in (cursus.exchange, cursus.staat, cursus.deelnemerconfig):
        shutil.rmtree(pad, ignore_errors=True)
    for pad in (cursus.cursusbestand, cursus.wachtwoordbestand):
        pad.unlink(missing_ok=True)
    if not houd_omgeving:
        shutil.rmtree(cursus.hubmap, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# De hub starten


def hub_opdracht(cursus: Cursus) -> tuple[list[str], dict[str, str]]:
    """Opdracht en omgeving om JupyterHub met ``hub/jupyterhub_config.py`` te starten (als root)."""
    opdracht = [str(cursus.venv / "bin" / "jupyterhub"), "-f", str(HUB / "jupyterhub_config.py")]
    omgeving = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "REGIE_", "PYTHON"))},
        "REGIE_HUB_CURSUS": str(cursus.cursusbestand),
        "PATH": f"{cursus.venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    }
    return opdracht, omgeving


def start(cursus: Cursus) -> int:
    """Start de hub op de voorgrond (Ctrl+C stopt hem; de servers van deelnemers blijven draaien)."""
    opdracht, omgeving = hub_opdracht(cursus)
    print(f"De hub start op http://127.0.0.1:{cursus.poort}/ (stoppen: Ctrl+C).", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        return subprocess.call(opdracht, env=omgeving, cwd=cursus.staat)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m hub installeer|inrichten|start|opruimen CURSUS.yml``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m hub", description="De JupyterHub van de cursus (make hub).")
    parser.add_argument("stap", choices=["installeer", "inrichten", "start", "opruimen", "alles"])
    parser.add_argument("cursus", help="de cursusconfiguratie, bijvoorbeeld hub/cursus.voorbeeld.yml")
    args = parser.parse_args(argv)
    try:
        cursus = lees_cursus(args.cursus)
        if os.geteuid() != 0:
            raise HubFout(
                "make hub maakt accounts en draait de hub als root (PAM-login); start het als root of met sudo."
            )
        if args.stap in ("installeer", "alles"):
            print("Omgeving van de hub maken of bijwerken (de eerste keer enkele minuten) …", flush=True)
            installeer_omgeving(cursus)
            installeer_proxy()
        if args.stap in ("inrichten", "alles"):
            nieuw = richt_in(cursus)
            for naam in nieuw:
                print(f"Account gemaakt: {naam} (wachtwoord in {cursus.wachtwoordbestand}, alleen voor root)")
        if args.stap == "opruimen":
            ruim_op(cursus)
            print("Accounts en hubgegevens verwijderd; de omgeving in", cursus.venv, "blijft staan.")
        if args.stap in ("start", "alles"):
            return start(cursus)
    except HubFout as fout:
        print(f"Fout: {fout}", file=sys.stderr)
        return 1
    return 0
