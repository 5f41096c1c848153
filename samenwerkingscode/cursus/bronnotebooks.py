"""De bronnotebooks van de trainer, afgeleid uit de opdrachtdata: een paar kleine, pure functies.

Waarom: een notebook is een gezicht van ``model/opdrachten.yml``, net als het boek. Elke cel is één
regel die de kit aanroept (``opdracht.toon("2a")``, ``nakijken.beoordeel(...)``); de code zelf staat in
het pakket, waar ze getest en gelint wordt. De antwoordsleutels komen uit ``notebooks/sleutels/<casus>.yml``
en belanden alleen in de verborgen delen van de testcellen; de ankerantwoorden alleen in het
beoordelingsschema (mark scheme). nbgrader haalt beide weg voordat een deelnemer de opdracht krijgt.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from samenwerkingscode.model import opdrachten, opdrachttekst
from samenwerkingscode.model.opdrachten import Blok, CasusOefeningen, Oefening, Onderdeel
from samenwerkingscode.model.yamlbestand import RegieFout

BEGIN_VERBORGEN = "### BEGIN HIDDEN TESTS"
EINDE_VERBORGEN = "### END HIDDEN TESTS"
BEGIN_SCHEMA = "=== BEGIN MARK SCHEME ==="
EINDE_SCHEMA = "=== END MARK SCHEME ==="


def laad_sleutels(bron: Path, casus: str) -> dict[str, Any]:
    """De antwoordsleutels en ankerantwoorden van een casus (alleen voor trainers)."""
    import yaml

    pad = bron / "sleutels" / f"{casus}.yml"
    if not pad.is_file():
        raise RegieFout(f"Bij de casus '{casus}' hoort een sleutelbestand '{pad}', maar dat bestaat niet.")
    data = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    if "sleutels" not in data:  # ook de korte vorm: de sleutels per onderdeel bovenaan
        data = {"sleutels": {k: v for k, v in data.items() if k != "casus"}}
    ankers: dict[str, Any] = {}
    for naam in ("algemeen", casus):
        ankerpad = bron / "sleutels" / f"{naam}.ankers.yml"
        if ankerpad.is_file():
            ankers.update((yaml.safe_load(ankerpad.read_text(encoding="utf-8")) or {}).get("ankers") or {})
    return {"sleutels": data.get("sleutels") or {}, "ankers": ankers}


def _nbgrader(cel: NotebookNode, grade_id: str, *, grade: bool = False, solution: bool = False,
              task: bool = False, punten: float | None = None) -> NotebookNode:  # fmt: skip
    """nbgrader-metadata (schema 3) en een vaste cel-id, zodat de generator reproduceerbaar is."""
    meta: dict[str, Any] = {
        "grade": grade, "grade_id": grade_id, "locked": True, "schema_version": 3, "solution": solution, "task": task,
    }  # fmt: skip
    if punten is not None:
        meta["points"] = int(punten) if float(punten).is_integer() else float(punten)
    cel.metadata["nbgrader"] = meta
    cel.id = grade_id.replace("_", "-")
    return cel


def tekstcel(grade_id: str, tekst: str) -> NotebookNode:
    return _nbgrader(new_markdown_cell(tekst.strip()), grade_id)


def codecel(grade_id: str, uitleg: str, code: str, **nbgrader: Any) -> NotebookNode:
    """Een vergrendelde, ingeklapte codecel; de eerste regel is een Nederlandse uitleg (Lab toont die)."""
    cel = _nbgrader(new_code_cell(f"# {uitleg}\n{code.strip()}"), grade_id, **nbgrader)
    cel.metadata["jupyter"] = {"source_hidden": True}
    return cel


def _literal(waarde: Any) -> str:
    return json.dumps(waarde, ensure_ascii=False)


def intro(blok: Blok, casus: CasusOefeningen) -> str:
    regels = [
        f"# {blok.titel}: {blok.thema}",
        "",
        opdrachten.vul_in(blok.intro, casus),
        "",
        "**Zo werk je.** Kies in het menu **Run** de opdracht **Run All Cells**. Daarna zie je uitleg en invulvakken; "
        "de code hoef je niet te lezen en niet te veranderen. Alles wat je invult, wordt meteen bewaard in "
        f"`{blok.notebook}.antwoorden.json` naast dit notebook. Open je het notebook later weer, voer dan opnieuw "
        "alle cellen uit: je werk staat er nog.",
        "",
        f"**Tijd:** ongeveer {blok.oefenminuten} minuten voor de oefeningen."
        + ("" if not blok.beoordeeld else f" Dit blok telt {opdrachttekst.punten(blok.punten)}."),
    ]
    return "\n".join(regels)


def _klaargezet(casus: str) -> dict[str, list[str]]:
    """De casusfeiten die het canvas van 1a klaarzet (geen antwoord: de deelnemer ziet ze ook)."""
    from samenwerkingscode.model.casus import canvas_inhoud, kit_casus, laad_casus

    return {veld: regels for veld, regels in canvas_inhoud(laad_casus(kit_casus(casus))).items() if regels}


def testcel(blok: Blok, o: Onderdeel, verwacht: Any) -> NotebookNode:
    """Automatisch nakijken: zichtbaar alleen of er een antwoord is; punten en sleutel in het verborgen deel."""
    aanroep = f'nakijken.beoordeel("{blok.notebook}", "{o.sleutel}"' + (
        f", verwacht={_literal(verwacht)})" if verwacht is not None else ")"
    )
    code = f'opdracht.status("{o.sleutel}")\n{BEGIN_VERBORGEN}\n{aanroep}\n{EINDE_VERBORGEN}'
    uitleg = f"Automatisch nagekeken: {o.sleutel} ({opdrachttekst.punten(o.max_punten)}). Je hoeft hier niets te doen."
    return codecel(f"test_{o.sleutel}", uitleg, code, grade=True, punten=o.max_punten)


def taakcel(o: Onderdeel, ankers: dict[str, Any]) -> NotebookNode:
    """Handmatig beoordeeld: de rubric voor iedereen, de ankerantwoorden alleen in het beoordelingsschema."""
    anker_regels: list[str] = []
    for c in o.criteria:
        anker = (ankers.get(o.sleutel) or {}).get(c.id) or {}
        if anker:
            anker_regels += [
                f"- **{c.naam}** — alle punten: {anker.get('volledig', '').strip()}",
                f"  — deels: {anker.get('deels', '').strip()}",
                f"  — waarom: {anker.get('waarom', '').strip()}",
            ]
    tekst = "\n".join(
        [
            f"**{o.sleutel} – beoordeling door je trainer ({opdrachttekst.punten(o.max_punten)}).** "
            "Je trainer leest je antwoord hierboven en beoordeelt het met deze rubric. Je hoeft in deze cel niets te doen.",
            "",
            *opdrachttekst.rubric(o),
            "",
            BEGIN_SCHEMA,
            "**Ankerantwoorden voor de trainer** (voorbeelden van redeneringen, niet het ene goede antwoord):",
            "",
            *(anker_regels or ["- (nog geen ankerantwoorden voor dit onderdeel)"]),
            EINDE_SCHEMA,
        ]
    )
    return _nbgrader(new_markdown_cell(tekst), f"taak_{o.sleutel}", task=True, punten=o.max_punten)


def oefeningcellen(blok: Blok, oef: Oefening, casus: CasusOefeningen, sleutels: dict[str, Any]) -> list[NotebookNode]:
    cellen = [tekstcel(f"uitleg_{oef.id}", opdrachttekst.oefening_markdown(blok, oef, casus))]
    for o in oef.onderdelen:
        cellen.append(codecel(f"widget_{o.sleutel}", f"Invulscherm voor {o.sleutel}. Je hoeft hier niets te wijzigen.",
                              f'opdracht.toon("{o.sleutel}")'))  # fmt: skip
        if o.beoordeling == "automatisch":
            verwacht = sleutels["sleutels"].get(o.sleutel)
            if verwacht is None and o.soort in {"vormen", "beslisboom", "voorstellen"}:
                raise RegieFout(f"Het sleutelbestand van '{casus.casus}' heeft geen sleutel voor '{o.sleutel}'.")
            if o.soort == "toets" and o.casusdeel:
                verwacht = [k.id for k in casus.keuzes(oef.id, o.casusdeel)]
            if o.soort == "canvas" and o.widget.get("start_uit_casus"):
                # Wat het notebook klaarzet, gaat mee in de test: zo kijkt de beoordeling na zonder het
                # casusbestand te hoeven vinden (in de zandbak of op een hub is dat er niet).
                verwacht = _klaargezet(casus.casus)
            cellen.append(testcel(blok, o, verwacht))
        elif o.beoordeling == "handmatig":
            cellen.append(codecel(f"toon_{o.sleutel}", f"Zo ziet je trainer je antwoord op {o.sleutel}.",
                                  f'opdracht.antwoord("{o.sleutel}")'))  # fmt: skip
            cellen.append(taakcel(o, sleutels["ankers"]))
    return cellen


def bloknotebook(blok: Blok, casus: CasusOefeningen, sleutels: dict[str, Any]) -> NotebookNode:
    """Een bronnotebook: intro, opzet, per oefening uitleg en invulschermen met nakijk- of taakcellen, controle."""
    cellen = [
        tekstcel("intro", intro(blok, casus)),
        codecel(
            "opzet",
            f"Opzet: je antwoorden worden bewaard in {blok.notebook}.antwoorden.json, naast dit notebook.",
            "from samenwerkingscode import nakijken\nfrom samenwerkingscode.widgets import opdracht\n\n"
            f'opslag = opdracht.begin("{blok.notebook}", casus="{casus.casus}")',
        ),
    ]
    for oef in blok.oefeningen:
        cellen += oefeningcellen(blok, oef, casus, sleutels)
    cellen += [
        tekstcel(
            "controle_uitleg",
            "## Controleer mijn opdracht\n\nKlik op **Controleer mijn opdracht** voordat je inlevert. Je ziet per "
            "onderdeel wat nog leeg of onvolledig is. De controle zegt niet of je antwoord goed is; dat hoort bij "
            "het nakijken.",
        ),
        codecel(
            "controle",
            "Controleer mijn opdracht: hieronder zie je wat nog leeg of onvolledig is.",
            "opdracht.controleer()",
        ),
    ]
    nb = new_notebook(cells=cellen)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    return nb


def alle_notebooks(bron: Path, casus: str = opdrachten.STANDAARD_CASUS) -> dict[Path, str]:
    """Alle bronnotebooks voor een casus, als pad → inhoud (voor schrijven én vergelijken)."""
    oefeningen = opdrachten.laad_casusoefeningen(casus)
    sleutels = laad_sleutels(bron, casus)
    uit: dict[Path, str] = {}
    for blok in opdrachten.blokken():
        uit[bron / blok.notebook / f"{blok.notebook}.ipynb"] = (
            nbformat.writes(bloknotebook(blok, oefeningen, sleutels)) + "\n"
        )
    return uit
