"""Meting: N deelnemers tegelijk op de JupyterHub van ``make hub`` (N = 5, 10, 20).

Waarom: op een cursusdag loggen alle deelnemers in dezelfde minuut in; op 2 kernen is dat het zwaarste
moment. Per N: alle servers tegelijk starten (zoals een login doet: ``POST /hub/api/users/<naam>/server``),
daarna in elke omgeving blok1 ophalen en één keer helemaal uitvoeren (een kernel als die deelnemer).
De basislijn is één deelnemer alleen, in dezelfde run. Geheugen: PSS van alle processen van een deelnemer
(server + kernel), uit ``/proc/<pid>/smaps_rollup``, terwijl de kernel nog leeft.

Alleen als root (accounts, PAM). Stel N in met ``REGIE_BENCH_HUB_N`` (standaard ``5,10,20``; met
``--snel`` alleen 5) en de map met ``REGIE_BENCH_HUBMAP``. De accounts ``rl-NN`` worden na de meting
verwijderd.
"""

from __future__ import annotations

import json
import os
import pwd
import socket
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench._kern import BenchFout, Doel, Instellingen, Meting

NAAM = "hub"
HUBMAP = Path(os.environ.get("REGIE_BENCH_HUBMAP", "/srv/regie-hub-bench"))
"""Waar de meting haar hub inricht; de omgeving (``venv``) blijft na de meting staan voor een volgende run."""
DOEL = Doel(3.0)
"""De wandtijd voor N deelnemers tegelijk ≤ 3 × die van één deelnemer alleen (voor N = 5)."""

UITVOEREN = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}})
with client.setup_kernel():
    client.execute()  # de kernel blijft leven tot de meting het geheugen heeft gelezen
    print("KLAAR", flush=True)
    sys.stdin.read()
"""


def _pss_per_uid(uids: set[int]) -> dict[int, int]:
    totaal: dict[int, int] = dict.fromkeys(uids, 0)
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            uid = proc.stat().st_uid
            if uid not in uids:
                continue
            for regel in (proc / "smaps_rollup").read_text().splitlines():
                if regel.startswith("Pss:"):
                    totaal[uid] += int(regel.split()[1]) * 1024
        except OSError:
            continue
    return totaal


class Proef:
    """Een hub met ``n`` deelnemers, gestart voor één meting en daarna weer opgeruimd."""

    def __init__(self, namen: list[str]) -> None:
        from hub.opzet import Cursus

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            poort = int(s.getsockname()[1])
        self.cursus = Cursus(hubmap=HUBMAP, trainers=["rl-docent"], deelnemers=namen, poort=poort)
        self.basis = f"http://127.0.0.1:{poort}"
        self.proc: subprocess.Popen[Any] | None = None

    def api(self, methode: str, pad: str, token: str | None = None) -> Any:
        verzoek = urllib.request.Request(
            self.basis + pad, method=methode, headers={"Authorization": f"token {token or self.token}"}
        )
        with urllib.request.urlopen(verzoek, timeout=300) as antwoord:
            tekst = antwoord.read().decode()
        return json.loads(tekst) if tekst.strip() else None

    def __enter__(self) -> Proef:
        try:
            return self._start()
        except BaseException:
            self.__exit__()  # geen accounts laten staan als de start misgaat
            raise

    def _start(self) -> Proef:
        from hub.opzet import hub_opdracht, installeer_omgeving, installeer_proxy, richt_in

        installeer_omgeving(self.cursus)
        installeer_proxy()
        richt_in(self.cursus)
        self.deel_blok1_uit()
        self.token = (self.cursus.staat / "service-token").read_text(encoding="utf-8").strip()
        opdracht, omgeving = hub_opdracht(self.cursus)
        self.proc = subprocess.Popen(
            opdracht, env=omgeving, cwd=self.cursus.staat, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        grens = time.monotonic() + 120
        while True:
            try:
                self.api("GET", "/hub/api/")
                break
            except OSError:
                if time.monotonic() > grens or self.proc.poll() is not None:
                    raise BenchFout("De hub voor de meting startte niet.") from None
                time.sleep(0.5)
        return self

    def deel_blok1_uit(self) -> None:
        """De trainer maakt blok1 en zet het in de uitwisselmap, zoals op een cursusdag."""
        thuis = pwd.getpwnam("rl-docent").pw_dir
        omgeving = [f"HOME={thuis}", f"PATH={self.cursus.venv / 'bin'}:/usr/bin:/bin", "MPLBACKEND=Agg"]
        omgeving += [f"REGIE_COHORT={thuis}/cohort", f"REGIE_BRON={thuis}/bron"]
        opdracht = "regie cursus maak 1 && nbgrader release_assignment blok1 --force"
        uit = subprocess.run(
            ["runuser", "-u", "rl-docent", "--", "env", "-i", *omgeving, "sh", "-c", opdracht],
            cwd=thuis, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if uit.returncode != 0:
            raise BenchFout("De trainer kon blok1 niet uitdelen: " + uit.stderr.strip()[-500:])

    def __exit__(self, *_: object) -> None:
        from hub.opzet import ruim_op

        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=60)
        ruim_op(self.cursus)

    def deelnemer(self, naam: str) -> tuple[float, float, subprocess.Popen[str]]:
        """Start de server, haal blok1 op en voer het uit; geeft (starttijd, totaaltijd, kernelproces)."""
        begin = time.perf_counter()
        self.api("POST", f"/hub/api/users/{naam}/server")
        while not (self.api("GET", f"/hub/api/users/{naam}").get("servers", {}).get("", {}).get("ready")):
            time.sleep(0.5)
        start = time.perf_counter() - begin
        token = self.api("POST", f"/hub/api/users/{naam}/tokens")["token"]
        self.api("POST", f"/user/{naam}/assignments/fetch?course_id=regisseur&assignment_id=blok1", token)
        thuis = pwd.getpwnam(naam).pw_dir
        python = str(self.cursus.venv / "bin" / "python")
        fouten = Path(thuis) / ".bench-fouten.txt"
        kernel = subprocess.Popen(
            ["runuser", "-u", naam, "--", "env", "-i", f"HOME={thuis}", f"PATH={self.cursus.venv / 'bin'}:/usr/bin:/bin",
             "MPLBACKEND=Agg", "sh", "-c", f'exec "$0" "$@" 2>{fouten}', python, "-c", UITVOEREN,
             f"{thuis}/blok1/blok1.ipynb", f"{thuis}/blok1"],
            cwd=thuis, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert kernel.stdout is not None
        if kernel.stdout.readline().strip() != "KLAAR":
            staart = fouten.read_text(errors="replace").strip().splitlines()[-5:] if fouten.exists() else []
            raise BenchFout(f"blok1 draaide niet in de omgeving van {naam}: " + " | ".join(staart))
        return start, time.perf_counter() - begin, kernel

    def ronde(self, namen: list[str]) -> tuple[float, float, float]:
        """Alle ``namen`` tegelijk; geeft (wandtijd, traagste start, MB per deelnemer) en stopt hun servers."""
        begin = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(namen)) as pool:
            uitkomsten = list(pool.map(self.deelnemer, namen))
        wand = time.perf_counter() - begin
        time.sleep(2)
        pss = _pss_per_uid({pwd.getpwnam(n).pw_uid for n in namen})
        for _, _, kernel in uitkomsten:
            kernel.communicate("")
        for naam in namen:
            self.api("DELETE", f"/hub/api/users/{naam}/server")
        return wand, max(s for s, _, _ in uitkomsten), sum(pss.values()) / len(namen) / 1e6


def meet(inst: Instellingen) -> list[Meting]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        raise BenchFout("De hubmeting maakt unix-accounts en draait de hub: start haar als root.")
    standaard = "5" if inst.snel else "5,10,20"
    aantallen = [int(n) for n in os.environ.get("REGIE_BENCH_HUB_N", standaard).split(",") if n.strip()]
    grootste = max(aantallen)
    namen = [f"rl-{i:02d}" for i in range(1, grootste + 1)]
    metingen: list[Meting] = []
    with Proef(namen) as proef:
        alleen, start_alleen, mb_alleen = proef.ronde(namen[:1])
        for n in aantallen:
            wand, traagst, mb = proef.ronde(namen[:n])
            metingen.append(
                Meting(
                    naam=f"hub: {n} deelnemers tegelijk",
                    waarde=wand,
                    basislijn=alleen,
                    doel=DOEL if n == 5 else None,
                    toelichting=(
                        f"basislijn: 1 deelnemer alleen (start {start_alleen:.1f} s, {mb_alleen:.0f} MB); "
                        f"traagste start {traagst:.1f} s; {mb:.0f} MB per deelnemer (server + kernel blok1)"
                    ),
                )
            )
    return metingen
