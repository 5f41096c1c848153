"""``.venv/bin/regie`` werkt zonder de venv op PATH (issue 17 deel 7; review: 'weigerde bij alembic')."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.traag  # maakt een cohort met nbgrader (cijferboek via alembic)
def test_regie_cursus_maak_zonder_venv_op_path(bron: Path, tmp_path: Path) -> None:
    regie = Path(sys.executable).parent / "regie"
    assert regie.is_file(), f"regie hoort naast {sys.executable} te staan (make venv)"
    cohort = tmp_path / "nieuw-cohort"
    omgeving = {
        "PATH": "/usr/bin:/bin",  # zonder de bin-map van de venv, zoals in de review
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "REGIE_BRON": str(bron),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    assert str(regie.parent) not in omgeving["PATH"]
    uitslag = subprocess.run(
        [str(regie), "cursus", "maak", "--cohort", str(cohort)],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    assert "alembic" not in uitslag.stderr
    assert (cohort / "gradebook.db").is_file()
    assert (cohort / "release").is_dir()
