"""Het pakket, het casusmodel en de opdrachtregel laden geen zware bibliotheken: notebooks en ``regie`` starten snel."""

from __future__ import annotations

import json
import subprocess
import sys

ZWAAR = ["matplotlib", "pandas", "nbgrader", "ipywidgets"]


def _geladen(code: str) -> dict[str, bool]:
    script = code + f"\nimport json, sys\nprint(json.dumps({{n: n in sys.modules for n in {[*ZWAAR, 'pydantic']!r}}}))"
    uit = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr
    return json.loads(uit.stdout.strip().splitlines()[-1])


def test_pakket_casus_en_cli_importeren_licht() -> None:
    geladen = _geladen("import samenwerkingscode, samenwerkingscode.model.casus, samenwerkingscode.cli")
    assert geladen.pop("pydantic") is True, "controle: de test ziet wel wat er geladen is"
    assert not any(geladen.values()), f"zware modules geladen: {[n for n, ja in geladen.items() if ja]}"


def test_regie_help_laadt_zelfs_geen_pydantic() -> None:
    geladen = _geladen(
        "import contextlib, io\nfrom samenwerkingscode import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n    cli.main(['--help'])"
    )
    assert not any(geladen.values()), geladen
