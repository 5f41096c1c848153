"""``regie lab``: de kit zien zoals een deelnemer hem ziet (of, met ``trainer=True``, met de formgrader).

Hier staat ook hoe de Lab van een deelnemer eruitziet, zodat ``regie lab`` op één machine en de
JupyterHub (``make hub``) dezelfde, rustige Lab tonen: in het Nederlands, zonder nieuwsmelding en
zonder de trainersgereedschappen van nbgrader (Create Assignment, Formgrader, cursuslijst, Validate).
De knop Validate zou "Success!" melden bij een half ingevuld notebook en spreekt zo
"Controleer mijn opdracht" in de widgets tegen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from samenwerkingscode.cursus.cursusmap import PROJECT, cursusmap
from samenwerkingscode.cursus.koppeling import vooraan
from samenwerkingscode.model.yamlbestand import RegieFout

TAAL = "nl_NL"
"""De taal van de Lab voor deelnemers (taalpakket ``jupyterlab-language-pack-nl-NL``)."""

UIT_VOOR_DEELNEMERS = (
    "@jupyterlab/apputils-extension:announcements",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:validate-assignment",
)
"""Lab-plugins die uit gaan: het nieuws van Jupyter, en wat alleen de trainer van nbgrader nodig heeft.

De Assignments-lijst van nbgrader blijft aan: daarmee haalt een deelnemer op de hub opdrachten op en levert hij in.
"""

SERVER_UIT_VOOR_DEELNEMERS = (
    "@jupyterlab/apputils-extension:announcements",
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)
"""De serverkant van dezelfde gereedschappen: uit, zodat ook de API er niet op antwoordt."""

RUSTIGE_INSTELLINGEN: dict[str, dict[str, Any]] = {
    "@jupyterlab/translation-extension:plugin": {"locale": TAAL},
    # Geen vraag om nieuws van het internet op te halen, en geen zoektocht naar updates.
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
"""Standaardinstellingen van de Lab voor deelnemers (sleutel: plugin-id, waarde: instellingen)."""


def schrijf_deelnemersconfig(configmap: Path) -> Path:
    """Schrijf de Jupyter-configuratie voor een deelnemers-Lab in ``configmap`` en geef die map terug.

    De map werkt als ``JUPYTER_CONFIG_PATH`` (``regie lab``) en als ``<venv>/etc/jupyter`` van de
    deelnemersomgeving op de hub: ``labconfig/page_config.json`` zet Lab-plugins uit,
    ``jupyter_server_config.d/`` de bijbehorende serveruitbreidingen.
    """
    (configmap / "labconfig").mkdir(parents=True, exist_ok=True)
    (configmap / "jupyter_server_config.d").mkdir(parents=True, exist_ok=True)
    pagina = {"disabledExtensions": dict.fromkeys(UIT_VOOR_DEELNEMERS, True)}
    (configmap / "labconfig" / "page_config.json").write_text(json.dumps(pagina, indent=2) + "\n", encoding="utf-8")
    server = {"ServerApp": {"jpserver_extensions": dict.fromkeys(SERVER_UIT_VOOR_DEELNEMERS, False)}}
    (configmap / "jupyter_server_config.d" / "zz-regie-deelnemer.json").write_text(
        json.dumps(server, indent=2) + "\n", encoding="utf-8"
    )
    return configmap


FORMGRADER_STATIC = PROJECT / "_vendor" / "formgrader"
"""MathJax 2 voor de formgrader, door ``make vendor`` uit het npm-register gehaald (niet in git)."""
MATHJAX = "mathjax2/MathJax.js"
"""Pad van MathJax in de statische map; het sjabloon laadt ``<basis>/static/`` + dit."""
FORMGRADER_DATA = Path(__file__).resolve().parents[1] / "sjablonen" / "jupyter"
"""Een Jupyter-datamap (vorm van ``share/jupyter``) met ``nbconvert/templates/formgrade/mathjax.html.j2``.

Waarom een datamap en geen ``HTMLExporter.extra_template_basedirs`` in de nbgrader-config: de formgrader
zet die instelling zelf, en jupyter_core legt haar na het lezen van de config opnieuw op. De datamappen
doorzoekt nbconvert wél, direct na nbgraders eigen sjabloonmap en vóór ``classic/`` en ``base/``.
"""


def formgrader_static(map_: Path | None = None) -> Path:
    """De map die de Jupyter-server van de trainer onder ``<basis>/static/`` serveert (MathJax 2).

    Een duidelijke fout en nooit een stille terugval op een CDN: zonder deze map zou het
    beoordelingsscherm formules van internet halen, of (zonder MathJax) een JavaScript-fout geven.
    """
    map_ = map_ or FORMGRADER_STATIC
    if not (map_ / MATHJAX).is_file():
        raise RegieFout(
            f"MathJax voor de formgrader ontbreekt ({map_ / MATHJAX}). Haal het eerst op met: make vendor\n"
            "(eenmalig, via npm; daarna toont de formgrader formules zonder internet)."
        )
    return map_


def static_argumenten(map_: Path) -> list[str]:
    """Opdrachtregel voor de Jupyter-server: serveer ``map_`` (MathJax 2) onder ``<basis>/static/``."""
    return [f"--ServerApp.extra_static_paths={json.dumps([str(map_)])}"]


def trainersomgeving(static: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Extra omgevingsvariabelen en serverargumenten voor de Lab van ``regie lab --trainer``.

    ``JUPYTER_PATH`` krijgt de datamap met het formgrade-sjabloon van de kit vooraan; de server
    serveert MathJax 2 uit ``static`` (standaard ``_vendor/formgrader``; ontbreekt die: :class:`RegieFout`).
    """
    return {"JUPYTER_PATH": vooraan("JUPYTER_PATH", FORMGRADER_DATA)}, static_argumenten(formgrader_static(static))


def schrijf_formgraderconfig(configmap: Path, static: Path) -> Path:
    """Zet ``ServerApp.extra_static_paths`` in ``<configmap>/jupyter_server_config.json`` (de rest blijft staan).

    Een gewoon configbestand en geen bestand in ``jupyter_server_config.d/``: uit die map leest de
    server alleen welke uitbreidingen aan staan (gemeten met jupyter_server 2.21).
    """
    pad = configmap / "jupyter_server_config.json"
    config: dict[str, Any] = json.loads(pad.read_text(encoding="utf-8")) if pad.is_file() else {}
    server = config.setdefault("ServerApp", {})
    paden = [p for p in server.get("extra_static_paths", []) if p != str(static)]
    server["extra_static_paths"] = [str(static), *paden]
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return pad


def richt_formgrader_in(prefix: Path, static: Path | None = None) -> Path:
    """Zet in een Python-omgeving (``prefix``, zoals ``sys.prefix``) alles voor de formgrader zonder CDN.

    Voor de hub (``make hub`` en het image), waar geen ``regie lab --trainer`` de server start: het
    sjabloon in ``<prefix>/share/jupyter``, MathJax 2 in ``<prefix>/share/regie/formgrader`` en
    ``extra_static_paths`` in ``<prefix>/etc/jupyter``; ``jupyterhub-singleuser`` leest die mappen zelf. Voor
    deelnemers is het onschuldig: zij hebben geen formgrader. Geeft de map met MathJax terug.
    """
    bron = formgrader_static(static)
    shutil.copytree(FORMGRADER_DATA, prefix / "share" / "jupyter", dirs_exist_ok=True)
    doel = prefix / "share" / "regie" / "formgrader"
    shutil.rmtree(doel / "mathjax2", ignore_errors=True)
    shutil.copytree(bron / "mathjax2", doel / "mathjax2")
    schrijf_formgraderconfig(prefix / "etc" / "jupyter", doel)
    return doel


def schrijf_overrides(settingsmap: Path) -> Path:
    """Schrijf ``overrides.json`` (standaardinstellingen) in de ``app_settings_dir`` van een Lab-installatie."""
    settingsmap.mkdir(parents=True, exist_ok=True)
    pad = settingsmap / "overrides.json"
    pad.write_text(json.dumps(RUSTIGE_INSTELLINGEN, indent=2) + "\n", encoding="utf-8")
    return pad


def zaai_gebruikersinstellingen(user_settings: Path) -> None:
    """Zet de rustige instellingen klaar als gebruikersinstellingen, maar alleen waar die nog ontbreken.

    Voor ``regie lab`` in een gedeelde omgeving: ``overrides.json`` zou daar ook de trainer en andere
    projecten raken. Wat de gebruiker zelf instelde, blijft staan.
    """
    for plugin, waarden in RUSTIGE_INSTELLINGEN.items():
        pakket, naam = plugin.split(":")
        pad = user_settings / pakket / f"{naam}.jupyterlab-settings"
        if not pad.exists():
            pad.parent.mkdir(parents=True, exist_ok=True)
            pad.write_text(json.dumps(waarden, indent=2) + "\n", encoding="utf-8")


def _kopieer_release(release: Path, doel: Path) -> None:
    """Kopieer een deelnemersversie naar de werkmap zonder iets te overschrijven."""
    doel.mkdir(parents=True, exist_ok=True)
    for pad in release.rglob("*"):
        bestemming = doel / pad.relative_to(release)
        if pad.is_dir():
            bestemming.mkdir(parents=True, exist_ok=True)
        elif not bestemming.exists():
            bestemming.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pad, bestemming)
            bestemming.chmod(0o644)


def bereid_lab_voor(
    *, cohort: str | os.PathLike[str] | None = None, bron: str | os.PathLike[str] | None = None
) -> Path:
    """Zet de deelnemersversies klaar in ``<cohort>/deelnemer/`` waar ze nog ontbreken.

    Werk dat daar al staat, wordt nooit overschreven: het is wat de gebruiker invulde.
    """
    from samenwerkingscode.cursus.koppeling import maak_api
    from samenwerkingscode.cursus.uitdelen import controleer_release, genereer

    map_ = cursusmap(cohort, bron)
    namen = map_.opdrachten()
    ontbrekend = [n for n in namen if not (map_.deelnemer / n / f"{n}.ipynb").exists()]
    if ontbrekend:
        api = maak_api(map_)
        for naam in ontbrekend:
            if not (map_.release / naam / f"{naam}.ipynb").is_file() or controleer_release(map_, naam):
                genereer(api, map_, naam)
            _kopieer_release(map_.release / naam, map_.deelnemer / naam)
    map_.deelnemer.mkdir(parents=True, exist_ok=True)
    return map_.deelnemer


def lab_opdracht(werkmap: Path, *, extra: list[str] | None = None) -> list[str]:
    """De opdrachtregel voor JupyterLab; ``--allow-root`` alleen als je als root werkt (CI, containers)."""
    opdracht = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={werkmap}", *(extra or [])]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        opdracht.append("--allow-root")
    return opdracht


def deelnemersomgeving(cohort: Path) -> tuple[dict[str, str], list[str]]:
    """Omgeving en extra argumenten voor een rustige deelnemers-Lab van ``regie lab``.

    De configuratie staat in ``<cohort>/lab/`` (buiten de werkmap, dus niet in de bestandenlijst).
    """
    basis = cohort / "lab"
    configmap = schrijf_deelnemersconfig(basis / "config")
    gebruiker = basis / "instellingen"
    zaai_gebruikersinstellingen(gebruiker)
    omgeving = {**os.environ, "JUPYTER_CONFIG_PATH": vooraan("JUPYTER_CONFIG_PATH", configmap)}
    return omgeving, [f"--LabApp.user_settings_dir={gebruiker}", f"--LabApp.workspaces_dir={basis / 'werkruimtes'}"]


def open_lab(*, trainer: bool = False) -> int:
    """Start JupyterLab: standaard op de deelnemersversies, met ``trainer=True`` op de projectmap.

    De trainersweergave start in de projectmap, zodat nbgrader ``nbgrader_config.py`` vindt en de
    formgrader de cohortmap ziet; de formgrader laadt MathJax 2 van de kit (:func:`trainersomgeving`).
    De deelnemersweergave start Lab meteen en maakt de ontbrekende deelnemersversies terwijl Lab
    opstart: zo wacht je bij de eerste start niet twee keer.
    """
    map_ = cursusmap()
    if trainer:
        # Vóór het starten: zonder MathJax van de kit geen formgrader die het van een CDN haalt.
        omgeving, extra = trainersomgeving()
        map_.exchange.mkdir(parents=True, exist_ok=True)
        print("JupyterLab start in de projectmap; kies in het menu Nbgrader > Formgrader om te beoordelen.")
        try:
            return subprocess.call(lab_opdracht(PROJECT, extra=extra), cwd=PROJECT, env={**os.environ, **omgeving})
        except KeyboardInterrupt:
            return 0

    map_.deelnemer.mkdir(parents=True, exist_ok=True)
    omgeving, extra = deelnemersomgeving(map_.cohort)
    print(f"JupyterLab start in {map_.deelnemer} met de deelnemersversies (zonder modelantwoorden).")
    print("Stoppen: druk in dit venster op Ctrl+C.")
    lab = subprocess.Popen(lab_opdracht(map_.deelnemer, extra=extra), cwd=map_.deelnemer, env=omgeving)
    klaarzetten = threading.Thread(target=_zet_klaar, name="deelnemersversies", daemon=True)
    klaarzetten.start()
    try:
        return lab.wait()
    except KeyboardInterrupt:
        lab.terminate()
        lab.wait()
        return 0


def _zet_klaar() -> None:
    """Maak de deelnemersversies naast de opstartende Lab; een fout wordt gemeld, Lab blijft draaien."""
    try:
        werkmap = bereid_lab_voor()
    except RegieFout as fout:
        print(f"Fout: {fout}", file=sys.stderr)
        return
    print(f"De deelnemersversies staan klaar in {werkmap}.", flush=True)
