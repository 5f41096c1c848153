"""``python -m bench``: voer de metingen uit en druk de tabel af.

Waarom een eigen opdracht en geen pytest: tijden horen in een rapport, niet in een test die op een
drukke machine willekeurig faalt. De exitcode is 0 als alles gemeten is, ook als een doel gemist
wordt; 1 als een meting zelf misging, 2 bij een verkeerde aanroep.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from collections.abc import Sequence

from bench import FIGUREN
from bench._kern import (
    BenchFout,
    Instellingen,
    Meting,
    belasting,
    belasting_tekst,
    cpu_machine,
    cpu_tijd,
    duur,
    tabel,
    wacht_op_rust,
)
from samenwerkingscode.cursus.beoordelen import kernen


def maak_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Meet de prestaties van de cursuskit en druk een tabel af met waarde, basislijn, verhouding en doel. "
            "Elke waarde is een mediaan van meerdere runs; de basislijn wordt in dezelfde run gemeten."
        ),
        epilog="Metingen: " + ", ".join(FIGUREN) + ". Een gemist doel is een uitkomst: de exitcode blijft dan 0.",
    )
    parser.add_argument(
        "--snel", action="store_true", help="minder herhalingen (een globale indruk in een paar minuten)"
    )
    parser.add_argument(
        "--alleen",
        metavar="NAAM",
        action="append",
        choices=list(FIGUREN),
        help="voer alleen deze meting uit (mag vaker): " + ", ".join(FIGUREN),
    )
    parser.add_argument(
        "--herhalingen", metavar="N", type=int, help="aantal herhalingen per meting (overschrijft de standaard)"
    )
    parser.add_argument(
        "--wacht",
        metavar="SECONDEN",
        type=int,
        nargs="?",
        const=600,
        default=0,
        help="wacht eerst (hoogstens zo lang, standaard 600 s) tot de belasting niet boven het aantal kernen ligt",
    )
    parser.add_argument(
        "--schaal",
        action="store_true",
        help="meet ook de schaalreeks: groepen van 30, 60 en 120 deelnemers beoordelen (traag)",
    )
    return parser


def compileer_pakket() -> int:
    """Schrijf de bytecode van het pakket, zoals ``pip install`` dat bij een echte installatie doet.

    Een bewerkbare installatie (``make venv``) met ``PYTHONDONTWRITEBYTECODE`` zou anders elke module
    bij elke kernelstart opnieuw compileren: een kost die een deelnemer nooit ziet.
    """
    import compileall
    from pathlib import Path

    import samenwerkingscode

    pakket = Path(samenwerkingscode.__file__).parent
    return int(compileall.compile_dir(pakket, quiet=1))


def meet_figuur(naam: str, inst: Instellingen) -> list[Meting]:
    """Eén meting; een fout wordt een regel in de tabel in plaats van een crash van de hele run."""
    try:
        module = importlib.import_module(FIGUREN[naam])
        return list(module.meet(inst))
    except BenchFout as fout:
        return [Meting(naam=naam, waarde=None, fout=str(fout))]
    except Exception as fout:  # een onverwachte fout: meld hem leesbaar en ga door met de rest
        traceback.print_exc(file=sys.stderr)
        return [Meting(naam=naam, waarde=None, fout=f"onverwachte fout: {type(fout).__name__}: {fout}")]


def main(argv: Sequence[str] | None = None) -> int:
    args = maak_parser().parse_args(argv)
    if args.herhalingen is not None and args.herhalingen < 1:
        print("--herhalingen moet minstens 1 zijn.", file=sys.stderr)
        return 2
    inst = Instellingen(snel=args.snel, herhalingen=args.herhalingen, schaal=args.schaal)
    namen = [n for n in FIGUREN if not args.alleen or n in args.alleen]
    aantal_kernen = kernen()
    if args.wacht:
        print(f"Wachten op een rustige machine (hoogstens {args.wacht} s) …", file=sys.stderr, flush=True)
        rustig, gewacht = wacht_op_rust(args.wacht, aantal_kernen)
        if not rustig:
            print(f"  na {duur(gewacht)} nog steeds druk; er wordt toch gemeten.", file=sys.stderr, flush=True)
    compileer_pakket()
    metingen: list[Meting] = []
    belasting_begin = belasting()
    machine_begin, eigen_begin = cpu_machine(), cpu_tijd()
    begin = time.perf_counter()
    for naam in namen:
        print(f"Meten: {naam} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        metingen += meet_figuur(naam, inst)
        print(f"  klaar in {duur(time.perf_counter() - start)}", file=sys.stderr, flush=True)
    print()
    print(tabel(metingen))
    wand = time.perf_counter() - begin
    machine_eind, eigen = cpu_machine(), (cpu_tijd() - eigen_begin) / wand
    print(
        f"\nTotale meettijd: {duur(wand)}. Vooraf is de bytecode van het pakket geschreven, zoals pip install dat doet."
    )
    vreemd = None
    if machine_begin is not None and machine_eind is not None:
        vreemd = (machine_eind - machine_begin) / wand - eigen
    print(belasting_tekst(belasting_begin, belasting(), aantal_kernen, vreemd=vreemd, eigen=eigen))
    return 1 if any(m.fout for m in metingen) else 0


if __name__ == "__main__":
    sys.exit(main())
