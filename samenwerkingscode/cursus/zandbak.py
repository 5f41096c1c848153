"""De afgeschermde kernel waarin nbgrader een inlevering beoordeelt (bubblewrap).

Waarom: bij het beoordelen draait de kernel de cellen van een inlevering. De kit draait alleen de
cellen uit de deelnemersversie (zie :mod:`samenwerkingscode.cursus.beoordelen`), maar als tweede slot
draait de kernel ook nog in een zandbak: geen netwerk, een eigen procesruimte, de gebruiker
``nobody``, het systeem alleen-lezen, en de bronnotebooks, het cijferboek, de cohortmap (andere
deelnemers), de thuismap van de trainer en ``/tmp`` onzichtbaar. Schrijven kan alleen in de eigen
beoordelingsmap van de inlevering (de werkmap van de kernel) en in de map met de verbinding.

Hoe: de kernelspec ``regie-zandbak`` start ``python -m samenwerkingscode.cursus.zandbak <verbindingsbestand>``.
Dit kleine startprogramma leest de afscherming uit omgevingsvariabelen (die de beoordelaar zet) en
vervangt zichzelf door ``bwrap … python -m ipykernel_launcher -f <verbindingsbestand>``. De kernel
praat via unix-sockets (ZeroMQ ``ipc``) met nbgrader, want in een eigen netwerkruimte is de
``localhost`` van nbgrader niet bereikbaar.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

KERNELNAAM = "regie-zandbak"
VERBERG = "REGIE_ZANDBAK_VERBERG"
"""Omgevingsvariabele: paden (gescheiden door ``os.pathsep``) die de kernel niet mag zien."""
LEESBAAR = "REGIE_ZANDBAK_LEESBAAR"
"""Omgevingsvariabele: paden die na het verbergen weer alleen-lezen zichtbaar worden (Python, de kit)."""
SCHRIJFBAAR = "REGIE_ZANDBAK_SCHRIJFBAAR"
"""Omgevingsvariabele: paden waarin de kernel mag schrijven (naast zijn werkmap)."""


def bwrap() -> str | None:
    """Het pad van ``bwrap``, of ``None`` als bubblewrap niet geïnstalleerd is."""
    return shutil.which("bwrap")


def werkt() -> tuple[bool, str]:
    """(werkt, reden): kan bubblewrap hier een afgeschermde ruimte maken?

    In sommige containers verbiedt de beheerder user namespaces; dan faalt ``bwrap`` meteen.
    """
    pad = bwrap()
    if pad is None:
        return False, "bubblewrap (bwrap) is niet geïnstalleerd; installeer het pakket 'bubblewrap'"
    try:
        resultaat = subprocess.run(
            [pad, *_basis(), "--", sys.executable, "-c", "pass"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as fout:
        return False, f"bubblewrap start niet ({fout})"
    if resultaat.returncode != 0:
        return False, f"bubblewrap mag hier geen afgeschermde ruimte maken ({resultaat.stderr.strip()[:200]})"
    return True, ""


def _basis() -> list[str]:
    """De vaste afscherming: alles alleen-lezen, eigen net-, proces- en gebruikersruimte, gebruiker nobody."""
    return [
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--unshare-user", "--uid", "65534", "--gid", "65534",
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--die-with-parent",
        "--cap-drop", "ALL",
    ]  # fmt: skip


def _paden(naam: str) -> list[str]:
    return [p for p in os.environ.get(naam, "").split(os.pathsep) if p]


def opdracht(kernel: Sequence[str], werkmap: str | os.PathLike[str]) -> list[str]:
    """De volledige ``bwrap``-opdracht voor een kernel die in ``werkmap`` draait."""
    werkmap = str(Path(werkmap).resolve())
    argv = [bwrap() or "bwrap", *_basis()]
    # Verbergen met een lege tmpfs; de volgorde telt: eerst verbergen, dan wat weer zichtbaar mag.
    verborgen = ["/tmp", "/var/tmp", "/dev/shm", str(Path.home()), *_paden(VERBERG)]
    for pad in dict.fromkeys(verborgen):
        if Path(pad).is_dir():
            argv += ["--tmpfs", pad]
    for pad in dict.fromkeys(_paden(LEESBAAR)):
        if Path(pad).exists():
            argv += ["--ro-bind", pad, pad]
    for pad in dict.fromkeys([*_paden(SCHRIJFBAAR), werkmap]):
        if Path(pad).exists():
            argv += ["--bind", pad, pad]
    argv += [
        "--setenv", "HOME", werkmap,
        "--setenv", "IPYTHONDIR", str(Path(werkmap) / ".ipython"),
        "--setenv", "MPLCONFIGDIR", str(Path(werkmap) / ".matplotlib"),
        # In een eigen procesruimte is de ouder van de kernel niet te zien; de zandbak stopt zelf
        # als de beoordelaar stopt (--die-with-parent), dus de kernel hoeft niet naar zijn ouder te kijken.
        "--setenv", "JPY_PARENT_PID", "1",
        "--chdir", werkmap,
        "--",
        *kernel,
    ]  # fmt: skip
    return argv


def schrijf_kernelspec(map_: Path) -> Path:
    """Schrijf de kernelspec ``regie-zandbak`` onder ``<map_>/kernels/``; zet ``map_`` in ``JUPYTER_PATH``."""
    doel = map_ / "kernels" / KERNELNAAM
    doel.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "samenwerkingscode.cursus.zandbak", "{connection_file}"],
        "display_name": "Python 3 (afgeschermd, voor het beoordelen)",
        "language": "python",
        # Een signaal van buiten bereikt de kernel in zijn eigen procesruimte niet betrouwbaar; een bericht wel.
        "interrupt_mode": "message",
    }
    (doel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return doel


def main(argv: Sequence[str] | None = None) -> None:
    """Startprogramma van de kernelspec: vervang dit proces door de afgeschermde kernel."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(
            "Gebruik: python -m samenwerkingscode.cursus.zandbak VERBINDINGSBESTAND [KERNELOPTIES …]", file=sys.stderr
        )
        raise SystemExit(2)
    kernel = [sys.executable, "-m", "ipykernel_launcher", "-f", args[0], *args[1:]]
    volledig = opdracht(kernel, os.getcwd())
    os.execv(volledig[0], volledig)


if __name__ == "__main__":
    main()
