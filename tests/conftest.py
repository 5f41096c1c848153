"""Gedeelde testinstellingen.

nbgrader roept `alembic` via PATH aan (zie ecosystem.md, valkuil 3); daarom staat de map van
deze Python vooraan in PATH, ook als de venv niet geactiveerd is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def project() -> Path:
    """De projectmap (waar README.md en de casussen staan)."""
    return PROJECT


@pytest.fixture(scope="session")
def springendal_pad() -> Path:
    return PROJECT / "casussen" / "springendal-mosbeek.yml"
