"""Meting: de eerste start van ``regie lab`` tegen een kale ``jupyter lab`` in dezelfde run.

Waarom: een deelnemer die de kit voor het eerst opent, wacht tot Lab antwoordt én de
deelnemersversies klaarstaan. ``regie lab`` maakt die versies met nbgrader (zes notebooks) en
start Lab tegelijk. De basislijn is dezelfde Lab zonder de kit: ``python -m jupyterlab`` op een
lege map. Een eerste start is telkens een nieuwe cohortmap; beide om en om gemeten.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from bench._kern import BenchFout, Doel, Instellingen, Meting, afwisselend

NAAM = "lab"
DOEL = Doel(2.0)
"""Hoogstens twee keer een kale Lab-start (het issue vraagt ≤ 8 s op een rustige machine)."""
DOEL_SECONDEN = Doel(8.0, "waarde")
WACHTTIJD = 180.0


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _antwoordt(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as antwoord:
            return bool(antwoord.status == 200)
    except OSError:
        return False


def start_en_wacht(
    opdracht: list[str], inst: Instellingen, cwd: Path, klaar: list[Path], extra_env: dict[str, str]
) -> None:
    """Start een Lab, wacht tot ``/lab`` antwoordt en alle bestanden in ``klaar`` bestaan, en stop hem."""
    poort, token = vrije_poort(), secrets.token_hex(8)
    env = {**inst.omgeving(), **extra_env, "JUPYTER_PORT": str(poort), "JUPYTER_TOKEN": token, "BROWSER": "true"}
    proces = subprocess.Popen(
        opdracht, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"http://127.0.0.1:{poort}/lab?token={token}"
    try:
        grens = time.monotonic() + WACHTTIJD
        while not (_antwoordt(url) and all(p.exists() for p in klaar)):
            if proces.poll() is not None:
                raise BenchFout(f"'{' '.join(opdracht[:3])}' stopte met code {proces.returncode} voor Lab klaar was.")
            if time.monotonic() > grens:
                raise BenchFout(f"Lab was na {WACHTTIJD:.0f} s nog niet klaar.")
            time.sleep(0.1)
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()


def meet(inst: Instellingen) -> list[Meting]:
    from samenwerkingscode.cursus.cursusmap import cursusmap

    n = inst.aantal(normaal=3, snel=1)
    namen = cursusmap().opdrachten()
    if not namen:
        raise BenchFout("Er staan geen bronnotebooks in notebooks/; draai eerst scripts/maak_notebooks.py.")
    regie = str(inst.programma("regie"))
    root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
    with tempfile.TemporaryDirectory(prefix="bench-lab-") as tmp:
        basis = Path(tmp)
        leeg = basis / "leeg"
        leeg.mkdir()
        config = basis / "jupyter"

        def kaal() -> None:
            opdracht = [str(inst.python), "-m", "jupyterlab", f"--ServerApp.root_dir={leeg}"]
            start_en_wacht(
                opdracht + (["--allow-root"] if root else []), inst, leeg, [], {"JUPYTER_CONFIG_DIR": str(config)}
            )

        def eerste_regie_lab() -> None:
            cohort = basis / "cohort"
            shutil.rmtree(cohort, ignore_errors=True)
            klaar = [cohort / "deelnemer" / naam / f"{naam}.ipynb" for naam in namen]
            omgeving = {"REGIE_COHORT": str(cohort), "JUPYTER_CONFIG_DIR": str(config)}
            start_en_wacht([regie, "lab"], inst, inst.project, klaar, omgeving)

        tijden = afwisselend({"jupyter lab": kaal, "regie lab": eerste_regie_lab}, n)
    regie_lab = tijden["regie lab"]
    return [
        regie_lab.meting(
            "eerste start regie lab",
            tijden["jupyter lab"],
            doel=DOEL,
            toelichting=f"basislijn: kale jupyter lab-start; tot Lab antwoordt en {len(namen)} versies klaarstaan, mediaan van {n}",
        ),
        regie_lab.meting(
            "eerste start regie lab (seconden)",
            doel=DOEL_SECONDEN,
            toelichting="het doel uit issue 16 (≤ 8 s); op een drukke machine onbetrouwbaar",
        ),
    ]
