"""Het commando ``regie``: casus controleren, canvas tekenen, een cursusgroep beheren.

Gebruikers zijn deelnemers en trainers, geen programmeurs. Daarom is alles Nederlands (ook de
meldingen van argparse zelf) en toont ``regie`` nooit een Python-traceback: een ``RegieFout``
wordt 'Fout: ...' met exitcode 1, iets onverwachts een Nederlandse melding met exitcode 2
(``REGIE_DEBUG=1`` toont dan wel de technische details).

Elke subopdracht importeert zijn module pas in de handler, zodat ``regie --help`` snel is en
geen pydantic, matplotlib of nbgrader laadt.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

PROG = "regie"

# --- argparse in het Nederlands ------------------------------------------------------------------

_VERTALINGEN: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "subcommands": "subopdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten zijn verplicht: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "expected one argument": "hier hoort één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig; bedoel je %(matches)s?",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "not allowed with argument %s": "mag niet samen met %s",
    "one of the arguments %s is required": "een van deze argumenten is verplicht: %s",
    "ignored explicit argument %r": "waarde %r wordt hier niet verwacht",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}


def vertaal(tekst: str) -> str:
    """Gettext-achtige vertaling voor de teksten die argparse zelf toont."""
    return _VERTALINGEN.get(tekst, tekst)


def _nvertaal(enkel: str, meer: str, n: int) -> str:
    if enkel.startswith("expected %s argument"):
        return "hier horen %s waarden achter" if n != 1 else "hier hoort %s waarde achter"
    return vertaal(enkel if n == 1 else meer)


@contextlib.contextmanager
def _nederlands_argparse() -> Iterator[None]:
    """Vervang argparse's ``_`` en ``ngettext`` alleen zolang wij de opdrachtregel lezen."""
    oud = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = vertaal  # type: ignore[attr-defined]
    argparse.ngettext = _nvertaal  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = oud  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """ArgumentParser met een Nederlandse foutregel en een verwijzing naar de hulp."""

    def error(self, message: str) -> Any:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\nMeer hulp: {self.prog} --help\n")


class _Opmaak(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


# --- Handlers ------------------------------------------------------------------------------------


def _casus_controleer(args: argparse.Namespace) -> int:
    from samenwerkingscode.model import casus

    gelezen = casus.laad_casus(args.pad)
    print(f"In orde: {args.pad}")
    print(casus.samenvatting(gelezen))
    return 0


def _casus_schema(args: argparse.Namespace) -> int:
    from samenwerkingscode.model import casus

    uit = args.uit if args.uit is not None else casus.SCHEMA_BESTAND
    if not Path(uit).parent.is_dir():
        from samenwerkingscode.model.yamlbestand import RegieFout

        raise RegieFout(
            f"De map '{Path(uit).parent}' bestaat niet. Draai deze opdracht in de projectmap of geef een pad met --uit."
        )
    pad = casus.schrijf_schema(uit)
    print(f"JSON Schema van een casus geschreven naar {pad}")
    return 0


TOEGESTANE_UITVOER = (".pdf", ".png")


def _canvas(args: argparse.Namespace) -> int:
    from samenwerkingscode.model.yamlbestand import uitvoersoort

    uit = Path(args.uit)
    uitvoersoort(uit, TOEGESTANE_UITVOER, "het canvas", map_moet_bestaan=True)

    from samenwerkingscode.model import casus

    gelezen = casus.laad_casus(args.pad)
    poster = importlib.import_module("samenwerkingscode.figuren.poster")  # laadt matplotlib: pas hier
    from samenwerkingscode.eigen_casus import is_eigen_bestand

    if is_eigen_bestand(args.pad):
        gelezen = casus.als_eigen(gelezen)
    poster.teken_canvas(
        casus.canvas_inhoud(gelezen),
        titel=gelezen.canvas_onderwerp or gelezen.titel,
        uit=uit,
        herkomst=casus.canvas_noot(gelezen),
    )
    print(f"Samenwerkingscanvas opgeslagen in {uit}")
    return 0


#: Elke ``regie cursus``-opdracht en de module in :mod:`samenwerkingscode.cursus` die hem uitvoert.
STAPPEN = {
    "maak": "uitdelen",
    "importeer": "inleveren",
    "beoordeel": "beoordelen",
    "feedback": "feedback",
    "cijfers": "rapportage",
    "overzicht": "rapportage",
}


def _cursus(naam: str, **velden: Callable[[argparse.Namespace], Any]) -> Callable[[argparse.Namespace], int]:
    """Handler die ``samenwerkingscode.cursus.<stap>.<naam>(cohort=..., ...)`` aanroept.

    De module wordt pas nu geïmporteerd: ze laadt nbgrader, en dat is traag. De functies hebben
    alleen trefwoordargumenten en geven ``None`` of een exitcode (int) terug; ze melden zelf
    voortgang en resultaat:

    - ``uitdelen.maak(*, cohort: Path, blok: int | None) -> int``
    - ``inleveren.importeer(*, cohort: Path, pad: Path, vervang: bool) -> int``
    - ``beoordelen.beoordeel(*, cohort, blok, parallel, tijd_per_inlevering, tijdslimiet) -> int``
    - ``feedback.feedback(*, cohort: Path, blok: int | None) -> int``
    - ``rapportage.cijfers(*, cohort: Path, uit: Path) -> int``
    - ``rapportage.overzicht(*, cohort: Path, uit: Path) -> int``

    ``blok`` is een bloknummer uit ``model/opdrachten.yml``, of ``None`` voor alle blokken.
    """

    def handler(args: argparse.Namespace) -> int:
        functie = getattr(importlib.import_module(f"samenwerkingscode.cursus.{STAPPEN[naam]}"), naam)
        cohort = _cohort(args)  # leest de instellingen één keer (args.regie) vóór de andere velden
        waarden = {sleutel: lees(args) for sleutel, lees in velden.items()}
        # Een schakelaar die uit staat (zoals --vervang) wordt niet doorgegeven: de functie kent de standaard.
        waarden = {sleutel: waarde for sleutel, waarde in waarden.items() if waarde is not False}
        uitkomst = functie(cohort=cohort, **waarden)
        return int(uitkomst or 0)

    handler.__name__ = f"_cursus_{naam}"
    handler.__doc__ = _cursus.__doc__
    return handler


def _cohort(args: argparse.Namespace) -> Path:
    """De cohortmap: --cohort, anders c.Regie.cohort uit nbgrader_config.py, anders $REGIE_COHORT of <kit>/cohort.

    De instellingen gaan ook als omgevingsvariabelen naar de kernels en hulpprocessen die ``regie`` start.
    """
    from samenwerkingscode.cursus.instellingen import instellingen, zorg_voor_bron

    regie = instellingen(cohort=getattr(args, "cohort", None))
    args.regie = regie
    for pad in zorg_voor_bron(regie):
        print(f"Bronnotebook voor de casus '{regie.casus}' gemaakt: {pad}")
    regie.exporteer()
    return regie.pad("cohort")


def _instellingen(_args: argparse.Namespace) -> int:
    """``regie instellingen``: elke instelling met haar huidige waarde en uitleg."""
    from samenwerkingscode.cursus.instellingen import beschrijving, instellingen

    regie = instellingen()
    for naam, uitleg, _ in beschrijving():
        print(f"c.Regie.{naam} = {getattr(regie, naam)!r}\n    {uitleg}")
    return 0


def _lab(args: argparse.Namespace) -> int:
    """Roept ``samenwerkingscode.cursus.lab.open_lab() -> int | None`` aan (met ``--trainer``: ``trainer=True``)."""
    extra = {"trainer": True} if getattr(args, "trainer", False) else {}
    return int(importlib.import_module("samenwerkingscode.cursus.lab").open_lab(**extra) or 0)


def _positief(tekst: str) -> int:
    """Een geheel getal van minstens 1 (voor --parallel en --tijd-per-inlevering)."""
    try:
        getal = int(tekst)
    except ValueError:
        getal = 0
    if getal < 1:
        raise argparse.ArgumentTypeError(f"geef een geheel getal van minstens 1, niet {tekst!r}")
    return getal


def _blok(tekst: str) -> int:
    """Lees '3', 'blok3' of 'Blok 3' als bloknummer; welke blokken er zijn, staat in model/opdrachten.yml."""
    from samenwerkingscode.model.opdrachten import beoordeelde_notebooks

    bekend = [int(n.removeprefix("blok")) for n in beoordeelde_notebooks() if n.removeprefix("blok").isdigit()]
    treffer = re.fullmatch(r"\s*(?:blok\s*)?(\d+)\s*", tekst, flags=re.IGNORECASE)
    if not treffer or int(treffer.group(1)) not in bekend:
        reeks = f"{min(bekend)} t/m {max(bekend)}" if bekend else "geen"
        raise argparse.ArgumentTypeError(f"een blok is {reeks} (bijvoorbeeld 2 of blok2), niet {tekst!r}")
    return int(treffer.group(1))


def _uitwisselen(args: argparse.Namespace) -> int:
    """``samenwerkingscode.cursus.uitwisselen.regie``: elkaars casus lezen (uitdelen of terugbrengen)."""
    module = importlib.import_module("samenwerkingscode.cursus.uitwisselen")
    return int(module.regie(cohort=_cohort(args), k=args.k, zaad=args.zaad, terugbrengen=args.terug) or 0)


def _casusboek(args: argparse.Namespace) -> int:
    """``samenwerkingscode.cursus.casusboek.casusboek``: de gedeelde casussen in één document."""
    pad = importlib.import_module("samenwerkingscode.cursus.casusboek").casusboek(Path(args.uit), cohort=_cohort(args))
    print(f"Casusboek opgeslagen in {pad} (alleen gedeelde casussen).")
    return 0


def _samen_leren(cursus_sub: Any) -> None:
    """``regie cursus uitwisselen`` en ``regie cursus casusboek`` (issue 13: samen leren)."""
    sub = cursus_sub.add_parser(
        "uitwisselen",
        help="geef elke gedeelde eigen casus aan lezers, of breng hun reacties terug (--terug)",
        description="Verdeel de gedeelde eigen casussen over lezers (nooit de auteur) en geef elke lezer een "
        "leesnotebook. Nog eens draaien voegt laat ingeleverde casussen toe zonder de rest te wijzigen.\n"
        "Met --terug: verzamel de reacties, maak per auteur een pagina en een overzicht voor de trainer.",
        formatter_class=_Opmaak,
    )
    sub.add_argument("--terug", action="store_true", help="breng de reacties terug naar de auteurs")
    sub.add_argument("--k", type=int, default=2, metavar="K", help="lezers per casus (standaard: 2)")
    sub.add_argument("--zaad", type=int, default=None, metavar="N", help="zaad voor een herhaalbare verdeling")
    _met_cohort(sub)
    sub.set_defaults(functie=_uitwisselen)
    boek = cursus_sub.add_parser(
        "casusboek",
        help="de gedeelde casussen van de groep in één document (.pdf of .html)",
        description="Maak het casusboek van de groep: elke gedeelde casus met canvas en samenvatting. "
        "Een relatief pad komt in de cohortmap.",
        formatter_class=_Opmaak,
    )
    boek.add_argument("--uit", metavar="PAD", required=True, help="het bestand, eindigend op .pdf of .html")
    _met_cohort(boek)
    boek.set_defaults(functie=_casusboek)


# --- De parser -----------------------------------------------------------------------------------

_HOOFD = """\
Hulpmiddelen bij de training 'Regisseur van de Samenwerking'.

voorbeelden:
  regie casus controleer casussen/springendal-mosbeek.yml
  regie canvas casussen/springendal-mosbeek.yml --uit canvas.pdf
  regie cursus maak
  regie lab
"""


def _subparsers(parser: argparse.ArgumentParser, dest: str, titel: str) -> Any:
    return parser.add_subparsers(dest=dest, title=titel, metavar="OPDRACHT", parser_class=_Parser)


def _met_cohort(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cohort",
        default=None,
        metavar="PAD",
        help="map met alle gegevens van de cursusgroep (standaard: c.Regie.cohort, $REGIE_COHORT of <kit>/cohort)",
    )


def bouw_parser() -> argparse.ArgumentParser:
    """De volledige parser; roep aan binnen ``_nederlands_argparse`` voor Nederlandse koppen."""
    parser = _Parser(prog=PROG, description=_HOOFD, formatter_class=_Opmaak)
    parser.set_defaults(functie=None, hulp=parser)
    opdrachten = _subparsers(parser, "opdracht", "opdrachten")

    # regie casus ...
    casus = opdrachten.add_parser(
        "casus",
        help="een casusbestand controleren of het schema maken",
        description="Werken met casusbestanden.",
        formatter_class=_Opmaak,
    )
    casus.set_defaults(hulp=casus)
    casus_sub = _subparsers(casus, "casus_opdracht", "opdrachten")
    controleer = casus_sub.add_parser(
        "controleer",
        help="controleer een casusbestand en toon een samenvatting",
        description="Controleer een casusbestand (YAML). Bij een fout noemt regie het bestand, de regel en het veld.",
        formatter_class=_Opmaak,
    )
    controleer.add_argument("pad", metavar="PAD", help="het casusbestand, bijvoorbeeld casussen/sjabloon.yml")
    controleer.set_defaults(functie=_casus_controleer)
    schema = casus_sub.add_parser(
        "schema",
        help="maak het JSON Schema voor casusbestanden opnieuw",
        description="Schrijf het JSON Schema van een casus, afgeleid uit het model, zodat editors een casus controleren.",
        formatter_class=_Opmaak,
    )
    schema.add_argument("--uit", metavar="PAD", help="waar het schema komt (standaard: casussen/casus.schema.json)")
    schema.set_defaults(functie=_casus_schema)

    # regie canvas ...
    canvas = opdrachten.add_parser(
        "canvas",
        help="teken het Samenwerkingscanvas van een casus als poster (PDF of PNG)",
        description="Teken het Samenwerkingscanvas van een casus op één pagina: PDF (A3 liggend) of PNG.",
        formatter_class=_Opmaak,
    )
    canvas.add_argument("pad", metavar="PAD", help="het casusbestand")
    canvas.add_argument("--uit", metavar="BESTAND", required=True, help="het posterbestand, eindigend op .pdf of .png")
    canvas.set_defaults(functie=_canvas)

    # regie cursus ...
    cursus = opdrachten.add_parser(
        "cursus",
        help="voor trainers: opdrachten maken, inleveringen beoordelen, feedback en cijfers",
        description="Voor trainers: een cursusgroep beheren met nbgrader. Alle gegevens staan in één map (--cohort).",
        formatter_class=_Opmaak,
    )
    cursus.set_defaults(hulp=cursus)
    cursus_sub = _subparsers(cursus, "cursus_opdracht", "opdrachten")
    blok_hulp = "het blok (bijvoorbeeld 2 of blok2); zonder blok: alle blokken"
    specificaties: list[tuple[str, str, str, Callable[[argparse.ArgumentParser], None], dict[str, Any]]] = [
        (
            "maak",
            "maak de deelnemersversies en een zip per blok om te versturen",
            "Maak de deelnemersversies van de opdrachten (zonder modelantwoorden) en een zip per blok.",
            lambda p: p.add_argument("blok", nargs="?", type=_blok, metavar="BLOK", help=blok_hulp),
            {"blok": lambda a: a.blok},
        ),
        (
            "importeer",
            "lees ingeleverde opdrachten in (map of zip)",
            "Lees ingeleverde opdrachten in uit een map of zip (uit e-mail of een leeromgeving).\n"
            "Onbekende of dubbele namen worden gemeld; niets wordt stil overschreven.\n\n"
            "Namen die herkend worden (<id> = deelnemer-id: letters, cijfers, '-' en '.'):\n"
            "  <id>/<blok>/<blok>.ipynb  +  <id>/<blok>/<blok>.antwoorden.json\n"
            "  <id>/<blok>.ipynb         +  <id>/<blok>.antwoorden.json\n"
            "  <id>_<blok>.ipynb         +  <id>_<blok>.antwoorden.json\n"
            "bijvoorbeeld: jdevries/blok1/blok1.ipynb of jdevries_blok1.ipynb",
            lambda p: (
                p.add_argument("pad", metavar="PAD", help="map of zip met inleveringen"),
                p.add_argument(
                    "--vervang",
                    action="store_true",
                    help="vervang een bestaande inlevering (de oude wordt bewaard in <cohort>/vorige/)",
                ),
            ),
            {"pad": lambda a: Path(a.pad), "vervang": lambda a: a.vervang},
        ),
        (
            "beoordeel",
            "beoordeel alle inleveringen automatisch",
            "Beoordeel de inleveringen automatisch, parallel op alle kernen en in een zandbak.\n"
            "Een kapotte inlevering wordt gemeld; de rest gaat door. Eigen code van deelnemers wordt niet uitgevoerd.",
            lambda p: (
                p.add_argument("blok", nargs="?", type=_blok, metavar="BLOK", help=blok_hulp),
                p.add_argument(
                    "--parallel",
                    metavar="N",
                    type=_positief,
                    help="aantal inleveringen tegelijk (standaard: alle kernen)",
                ),
                p.add_argument(
                    "--tijd-per-inlevering",
                    metavar="SECONDEN",
                    type=_positief,
                    help="maximale tijd voor alle cellen van één inlevering samen (standaard: 300)",
                ),
            ),
            {
                "blok": lambda a: a.blok,
                "parallel": lambda a: a.parallel,
                "tijd_per_inlevering": lambda a: a.tijd_per_inlevering,
                "tijdslimiet": lambda a: int(a.regie.tijdslimiet),
            },
        ),
        (
            "feedback",
            "maak feedback per deelnemer (HTML, gezipt)",
            "Maak feedback per deelnemer als HTML, met een zip per deelnemer om terug te sturen.",
            lambda p: p.add_argument("blok", nargs="?", type=_blok, metavar="BLOK", help=blok_hulp),
            {"blok": lambda a: a.blok},
        ),
        (
            "cijfers",
            "exporteer de cijfers (.csv of .xlsx)",
            "Exporteer de cijfers per deelnemer, blok en onderdeel als .csv of .xlsx.",
            lambda p: p.add_argument(
                "--uit", metavar="PAD", required=True, help="het bestand, eindigend op .csv of .xlsx"
            ),
            {"uit": lambda a: Path(a.uit)},
        ),
        (
            "overzicht",
            "maak een overzichtsfiguur van de groep (PNG)",
            "Maak een figuur (PNG) met de voortgang per blok, de scores per onderdeel en de lastigste onderdelen.",
            lambda p: p.add_argument("--uit", metavar="PAD", required=True, help="het bestand, eindigend op .png"),
            {"uit": lambda a: Path(a.uit)},
        ),
    ]
    for naam, hulp, beschrijving, argumenten, velden in specificaties:
        sub = cursus_sub.add_parser(naam, help=hulp, description=beschrijving, formatter_class=_Opmaak)
        argumenten(sub)
        _met_cohort(sub)
        sub.set_defaults(functie=_cursus(naam, **velden))

    _samen_leren(cursus_sub)

    # regie instellingen
    inst = opdrachten.add_parser(
        "instellingen",
        help="toon de instellingen van de kit (c.Regie in nbgrader_config.py) met hun waarde",
        description="Toon elke instelling van de kit met haar huidige waarde en uitleg. Instellen doe je in "
        "nbgrader_config.py (c.Regie.<naam> = ...) of met de omgevingsvariabele REGIE_<NAAM>.",
        formatter_class=_Opmaak,
    )
    inst.set_defaults(functie=_instellingen)

    # regie lab
    lab = opdrachten.add_parser(
        "lab",
        help="open JupyterLab met de deelnemersversies van de opdrachten",
        description="Open JupyterLab met de deelnemersversies van de opdrachten (die worden gemaakt als ze ontbreken).",
        formatter_class=_Opmaak,
    )
    lab.add_argument(
        "--trainer",
        action="store_true",
        help="open de projectmap met de formgrader (Nbgrader-menu) om handmatig te beoordelen",
    )
    lab.set_defaults(functie=_lab)
    return parser


# --- Uitvoeren -----------------------------------------------------------------------------------

_OS_FOUTEN = {
    errno.EACCES: "geen toestemming (controleer de rechten van het bestand of de map)",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.ENOENT: "bestand of map niet gevonden",
    errno.EROFS: "de schijf is alleen-lezen",
}


def _meld_fout(fout: BaseException) -> int:
    """Zet een fout om in een Nederlandse melding en een exitcode, zonder traceback."""
    yamlbestand = sys.modules.get("samenwerkingscode.model.yamlbestand")
    if yamlbestand is not None and isinstance(fout, yamlbestand.RegieFout):
        tekst = str(fout)
        print(tekst if tekst.startswith("Fout") else f"Fout: {tekst}", file=sys.stderr)
        return 1
    if os.environ.get("REGIE_DEBUG"):
        traceback.print_exception(fout)
    if isinstance(fout, ModuleNotFoundError):
        naam = fout.name or "onbekend"
        if naam.startswith("samenwerkingscode"):
            melding = f"dit onderdeel van de cursuskit ontbreekt ({naam}). Werk de kit bij of vraag je trainer."
        else:
            melding = (
                f"het pakket '{naam.split('.')[0]}' is niet geïnstalleerd. Installeer de kit opnieuw met: make venv"
            )
        print(f"Fout: {melding}", file=sys.stderr)
        return 2
    if isinstance(fout, OSError):
        reden = _OS_FOUTEN.get(fout.errno or -1, fout.strerror or "onbekende reden")
        waar = f" bij '{fout.filename}'" if fout.filename else ""
        print(f"Fout: het besturingssysteem weigerde{waar}: {reden}.", file=sys.stderr)
        return 1
    print(
        f"Fout: er ging iets onverwachts mis ({type(fout).__name__}: {fout}).\n"
        "Dit is waarschijnlijk een fout in de cursuskit. Meld het aan je trainer, samen met de opdracht die je gaf.\n"
        "(Met REGIE_DEBUG=1 voor de opdracht zie je de technische details.)",
        file=sys.stderr,
    )
    return 2


def _leesbare_uitvoer() -> None:
    """Een terminal zonder UTF-8 mag nooit een crash geven op een 'ë' of '↔'."""
    for stroom in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stroom.reconfigure(errors="replace")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    """Startpunt van ``regie``; geeft de exitcode terug (0 goed, 1 fout in invoer, 2 onverwacht)."""
    _leesbare_uitvoer()
    with _nederlands_argparse():
        parser = bouw_parser()
        args = parser.parse_args(argv)
        if args.functie is None:
            args.hulp.print_help()
            return 0 if args.hulp is parser else 2
    omgeving = dict(os.environ)
    try:
        return args.functie(args)
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except Exception as fout:
        return _meld_fout(fout)
    finally:
        # De instellingen gaan als omgevingsvariabelen naar kernels; na de opdracht is de omgeving weer als voorheen.
        os.environ.clear()
        os.environ.update(omgeving)


if __name__ == "__main__":
    sys.exit(main())
