"""Schrijf de bronnotebooks uit de opdrachtdata (``model/opdrachten.yml``), of controleer dat ze kloppen.

Gebruik::

    python scripts/maak_notebooks.py              # schrijf notebooks/<blok>/<blok>.ipynb
    python scripts/maak_notebooks.py --controleer # exit 1 als een notebook niet overeenkomt met de data
    python scripts/maak_notebooks.py --casus X --bron MAP   # bronnotebooks voor een andere casus
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from samenwerkingscode.cursus.bronnotebooks import alle_notebooks
from samenwerkingscode.model.opdrachten import STANDAARD_CASUS

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak de bronnotebooks uit de opdrachtdata.")
    parser.add_argument("--controleer", action="store_true", help="schrijf niets; exit 1 als iets verschilt")
    parser.add_argument("--casus", default=STANDAARD_CASUS, help="de casus van de cursus")
    parser.add_argument("--bron", type=Path, default=PROJECT / "notebooks", help="de bronmap (met sleutels/)")
    args = parser.parse_args(argv)
    verouderd = []
    for pad, inhoud in alle_notebooks(args.bron, args.casus).items():
        if pad.is_file() and pad.read_text(encoding="utf-8") == inhoud:
            continue
        if args.controleer:
            verouderd.append(pad)
            continue
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(inhoud, encoding="utf-8")
        print(f"geschreven: {pad}")
    for pad in verouderd:
        print(f"verouderd: {pad} (draai: python scripts/maak_notebooks.py)", file=sys.stderr)
    return 1 if verouderd else 0


if __name__ == "__main__":
    raise SystemExit(main())
