"""De code blijft ruff-schoon: dezelfde controle als `make lint`, maar dan in CI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

MAPPEN = ["samenwerkingscode", "tests", "bench", "scripts", "nbgrader_config.py"]


@pytest.mark.parametrize("opdracht", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_schoon(project, opdracht):
    ruff = os.path.join(os.path.dirname(sys.executable), "ruff")
    mappen = [m for m in MAPPEN if (project / m).exists()]
    proces = subprocess.run([ruff, *opdracht, *mappen], cwd=project, capture_output=True, text=True)
    assert proces.returncode == 0, proces.stdout + proces.stderr
