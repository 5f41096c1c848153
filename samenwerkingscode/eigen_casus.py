"""De eigen casus van een deelnemer: waar hij staat, welke gekozen is, en bewaren zonder iets te verliezen.

Waarom een eigen module: elke widget die met de eigen casus werkt (canvas, Schakelbak, toets) moet
hetzelfde bestand gebruiken. Een deelnemer kiest één keer; die keuze staat in de map zelf
(``.gekozen``), zodat ook een ander notebook of een herstarte kernel haar kent.

Waar: de map ``casussen/eigen`` in de werkmap van de deelnemer (de map van het notebook, of de
dichtstbijzijnde map erboven met een map ``casussen``), of de map in de omgevingsvariabele
``REGIE_EIGEN_CASUS_MAP``. Nooit in het geïnstalleerde pakket: dat is niet van de deelnemer en
verdwijnt bij een nieuwe installatie. Gevonden worden ``casussen/eigen/*.yml`` en
``casussen/eigen-<naam>.yml`` (beide vormen staan in het boek).

Bewaren (:func:`bewaar_canvas`) leest het bestand met ruamel.yaml in "round-trip"-stand: alleen
het canvas (en eventueel het canvasonderwerp) verandert; titel, opmerkingen (regels met #) en
alle andere velden blijven zoals de deelnemer ze schreef.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from samenwerkingscode.model import bestanden
from samenwerkingscode.model.casus import Casus, als_eigen, laad_casus
from samenwerkingscode.model.yamlbestand import BestandFout, Probleem, RegieFout

#: Omgevingsvariabele met de map van de eigen casussen (instelbaar per deelnemer of per hub).
OMGEVINGSVARIABELE = "REGIE_EIGEN_CASUS_MAP"
#: Bestand in de eigen map met de naam van de gekozen casus.
KEUZEBESTAND = ".gekozen"
_PAKKET = Path(__file__).resolve().parent


def _in_pakket(pad: Path) -> bool:
    pad = pad.resolve()
    return pad == _PAKKET or _PAKKET in pad.parents


def eigen_map(vanaf: Path | None = None) -> Path:
    """De map met de eigen casussen van de deelnemer (hoeft nog niet te bestaan).

    Volgorde: ``REGIE_EIGEN_CASUS_MAP``; anders ``casussen/eigen`` in de dichtstbijzijnde map vanaf
    ``vanaf`` (standaard de huidige map, dus die van het notebook) omhoog die een map ``casussen``
    heeft; anders ``casussen/eigen`` in ``vanaf`` zelf. Een map binnen het pakket wordt overgeslagen.
    """
    ingesteld = os.environ.get(OMGEVINGSVARIABELE, "").strip()
    if ingesteld:
        map = Path(ingesteld).expanduser()
        if _in_pakket(map):
            raise RegieFout(
                f"{OMGEVINGSVARIABELE} wijst naar {map}, binnen de geïnstalleerde cursuskit. Kies een map in je "
                "eigen werkmap, bijvoorbeeld ~/cursus/casussen/eigen."
            )
        return map
    start = (vanaf or Path.cwd()).resolve()
    for map in (start, *start.parents):
        if (map / "casussen").is_dir() and not _in_pakket(map / "casussen"):
            return map / "casussen" / "eigen"
    if _in_pakket(start):  # een notebook in de installatie zelf: dan de thuismap, nooit het pakket
        start = Path.home()
    return start / "casussen" / "eigen"


def eigen_casussen(map: Path | None = None) -> list[Path]:
    """Alle eigen casusbestanden: ``<map>/*.yml`` en, naast een map ``eigen``, ``eigen-*.yml``; op naam."""
    map = eigen_map() if map is None else Path(map)
    paden: set[Path] = set()
    if map.is_dir():
        paden |= {p for patroon in ("*.yml", "*.yaml") for p in map.glob(patroon)}
    if map.name == "eigen" and map.parent.is_dir():
        paden |= {p for patroon in ("eigen-*.yml", "eigen-*.yaml") for p in map.parent.glob(patroon)}
    # Verborgen bestanden (zoals een tijdelijk bestand tijdens het bewaren) tellen niet mee.
    paden = {p for p in paden if not p.name.startswith(".") and p.is_file()}
    return sorted(paden, key=lambda p: (p.name.lower(), str(p)))


def _keuzebestand(map: Path) -> Path:
    return map / KEUZEBESTAND


def kies_eigen_casus(pad: Path | str, map: Path | None = None) -> Path:
    """Leg vast welke eigen casus alle widgets gebruiken; geeft het pad terug."""
    map = eigen_map() if map is None else Path(map)
    pad = Path(pad)
    if not pad.is_absolute():
        pad = next((p for p in eigen_casussen(map) if p.name == pad.name), map / pad)
    if not pad.is_file():
        raise RegieFout(f"Er is geen eigen casus {pad.name} in {map}.")
    try:
        map.mkdir(parents=True, exist_ok=True)
        _keuzebestand(map).write_text(str(pad.resolve()) + "\n", encoding="utf-8")
    except OSError as fout:
        raise RegieFout(f"Je keuze kon niet worden bewaard in {map} ({fout.strerror or fout}).") from None
    return pad


def gekozen_eigen_casus(map: Path | None = None) -> Path:
    """Het eigen casusbestand dat alle widgets gebruiken; een ``RegieFout`` met uitleg als dat niet vaststaat."""
    map = eigen_map() if map is None else Path(map)
    paden = eigen_casussen(map)
    if not paden:
        raise RegieFout(
            f"Er staat nog geen eigen casus in {map}. Kopieer casussen/sjabloon.yml naar die map (bijvoorbeeld als "
            "mijn-casus.yml), of vul het canvas in het notebook 'Je eigen casus' en klik op 'Bewaar als casusbestand'."
        )
    if len(paden) == 1:
        return paden[0]
    keuze = _keuzebestand(map)
    if keuze.is_file():
        gekozen = Path(keuze.read_text(encoding="utf-8", errors="replace").strip())
        for pad in paden:
            if pad.resolve() == gekozen or pad.name == gekozen.name:
                return pad
    namen = ", ".join(p.name for p in paden)
    raise RegieFout(
        f"Er staan {len(paden)} eigen casussen in {map}: {namen}. Kies er één: in het notebook 'Je eigen casus' "
        "bij 'Begin met: Uit mijn eigen casus', of met kies_eigen_casus('naam.yml'). Daarna gebruiken alle "
        "oefeningen die ene casus."
    )


def zoek_eigen_casus(map: Path | None = None) -> tuple[Path | None, str | None]:
    """(pad, None) of (None, Nederlandse uitleg): voor een notebookcel die nooit mag crashen."""
    try:
        return gekozen_eigen_casus(map), None
    except RegieFout as fout:
        return None, str(fout)


def laad_eigen_casus(pad: Path | str) -> Casus:
    """Lees een eigen casus; hij telt altijd als eigen casus (een reconstructie is dan van de deelnemer)."""
    return als_eigen(laad_casus(pad))


def is_eigen_bestand(pad: Path | str, map: Path | None = None) -> bool:
    """Staat dit bestand tussen de eigen casussen van de deelnemer?"""
    pad = Path(pad).resolve()
    try:
        map = eigen_map() if map is None else Path(map)
    except RegieFout:
        return False
    return any(p.resolve() == pad for p in eigen_casussen(map))


# --- Bewaren zonder iets te verliezen --------------------------------------------------------------


def _ruamel() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # nooit zelf regels afbreken: het bestand blijft zoals de deelnemer het schreef
    return yaml


_KOP = """\
# yaml-language-server: $schema=casus.schema.json
#
# Je eigen casus, bewaard vanuit het Samenwerkingscanvas. Controleer hem met:
#   regie casus controleer {naam}
# Dit bestand blijft bij jou: het komt nooit in git of in het boek.
"""


def bewaar_canvas(
    pad: Path | str,
    canvas: Mapping[str, Sequence[str]],
    titel: str,
    onderwerp: str | None = None,
) -> Path:
    """Schrijf het canvas in een casusbestand; al het andere in het bestand blijft staan.

    Bestaat het bestand, dan blijven de titel, de opmerkingen en elk veld buiten ``canvas`` (en
    ``canvas_onderwerp``) precies zoals ze waren; ``titel`` wordt dan het canvasonderwerp als het
    afwijkt van de titel in het bestand. Een nieuw bestand krijgt ``titel`` als titel. Het resultaat
    wordt eerst gecontroleerd (zoals ``regie casus controleer``) en pas dan atomisch geschreven.
    """
    pad = Path(pad)
    yaml = _ruamel()
    if pad.exists():
        try:
            data = yaml.load(pad.read_text(encoding="utf-8"))
        except Exception as fout:  # ruamel.yaml heeft geen gemeenschappelijke basisfout
            laad_casus(pad)  # geeft de Nederlandse melding met regel en veld
            raise BestandFout(pad, [Probleem(f"het bestand is niet te lezen ({type(fout).__name__})")]) from None
        if not isinstance(data, dict):
            laad_casus(pad)
            raise BestandFout(pad, [Probleem("het bestand moet met veldnamen beginnen (veldnaam: waarde)")])
        kop = ""
    else:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
        data["titel"] = titel
        kop = _KOP.format(naam=pad.name)
    bestaande_titel = str(data.get("titel") or "")
    nieuw_onderwerp = onderwerp if onderwerp is not None else titel
    if nieuw_onderwerp and nieuw_onderwerp != bestaande_titel:
        data["canvas_onderwerp"] = nieuw_onderwerp
    elif "canvas_onderwerp" in data and nieuw_onderwerp == bestaande_titel:
        del data["canvas_onderwerp"]
    oud_canvas = data.get("canvas")
    if isinstance(oud_canvas, dict):
        for sleutel, regels in canvas.items():
            oud = oud_canvas.get(sleutel)
            if not isinstance(oud, list) or [str(r) for r in oud] != list(regels):
                oud_canvas[sleutel] = list(regels)  # alleen wat veranderde: de rest houdt ook zijn aanhalingstekens
    else:
        data["canvas"] = {sleutel: list(regels) for sleutel, regels in canvas.items()}
    if "metadata" not in data:
        data["metadata"] = {"schema_versie": 1, "eigen_casus": True}
    uit = io.StringIO()
    yaml.dump(data, uit)
    tekst = kop + uit.getvalue()
    _schrijf_gecontroleerd(pad, tekst)
    return pad


def _schrijf_gecontroleerd(pad: Path, tekst: str) -> None:
    """Eerst naar een tijdelijk bestand, dan controleren, dan vervangen: nooit een kapot of half bestand."""
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        with bestanden.atomisch(pad) as tijdelijk:
            tijdelijk.write_bytes(tekst.encode("utf-8"))
            try:
                laad_casus(tijdelijk)
            except BestandFout as fout:
                raise BestandFout(pad, fout.problemen) from None
    except OSError as fout:
        raise BestandFout(pad, [Probleem(f"kan het bestand niet schrijven ({bestanden.os_reden(fout)})")]) from None


__all__ = [
    "KEUZEBESTAND",
    "OMGEVINGSVARIABELE",
    "bewaar_canvas",
    "eigen_casussen",
    "eigen_map",
    "gekozen_eigen_casus",
    "is_eigen_bestand",
    "kies_eigen_casus",
    "laad_eigen_casus",
    "zoek_eigen_casus",
]
