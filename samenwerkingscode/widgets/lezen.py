"""Het leesnotebook: de casus van een andere deelnemer lezen en er een reactie op schrijven.

De trainer maakt per lezer een notebook met ``regie cursus uitwisselen``
(:mod:`samenwerkingscode.cursus.uitwisselen`). Naast het notebook staat ``<notebook>.casussen.json`` met alleen
de casussen die deze lezer krijgt (en de naam van de auteur alleen als die dat wilde). Elke cel is één
regel: ``lezen.begin(...)``, ``lezen.toon_casus("casus-01")``, ``lezen.toon_reactie("casus-01")``.

Antwoordbestand, per casus de sleutel ``reactie_<code>``: ``{"duidelijk": str, "relaties": [{"relatie",
"vorm", "waarom"}], "vraag": str, "tip": str, "met_naam": bool}``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from samenwerkingscode.antwoorden import Antwoorden
from samenwerkingscode.model import canvas as canvasmodel
from samenwerkingscode.model import vormen as vormmodel
from samenwerkingscode.model.yamlbestand import RegieFout
from samenwerkingscode.widgets._basis import OefeningWidget
from samenwerkingscode.widgets._opmaak import layout, maak

RELATIES = 3
"""Zoveel relaties kan een lezer indelen; genoeg voor de kern van een casus, weinig genoeg om te lezen."""

_stand: dict[str, Any] = {}


def lees_casussen(notebook: str, map_: Path | None = None) -> dict[str, dict[str, Any]]:
    """De casussen van dit leesnotebook, op code; ontbreekt het bestand, dan een Nederlandse fout."""
    pad = (map_ or Path.cwd()) / f"{notebook}.casussen.json"
    if not pad.is_file():
        raise RegieFout(
            f"Het bestand {pad.name} ontbreekt naast dit notebook. Haal de opdracht opnieuw op, of vraag je trainer "
            "om de leesopdracht."
        )
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
        return {str(c["code"]): c for c in data["casussen"]}
    except (ValueError, KeyError, TypeError) as fout:
        raise RegieFout(f"{pad.name} is beschadigd ({fout}); vraag je trainer om de leesopdracht.") from fout


def begin(notebook: str) -> Antwoorden:
    """De opzetcel: open het antwoordbestand en lees de casussen van deze lezer."""
    opslag = Antwoorden(notebook)
    _stand.update(notebook=notebook, opslag=opslag, casussen=lees_casussen(notebook))
    opslag.toon_waarschuwingen()
    return opslag


def _casus(code: str) -> dict[str, Any]:
    if "casussen" not in _stand:
        raise RegieFout("Voer eerst de opzetcel bovenaan het notebook uit (menu Run → Run All Cells).")
    if code not in _stand["casussen"]:
        raise RegieFout(f"Casus '{code}' staat niet in dit leesnotebook; bekend: {', '.join(_stand['casussen'])}.")
    return _stand["casussen"][code]


def casus_html(casus: dict[str, Any]) -> str:
    """De casus als tabel met de negen velden van het canvas, in de volgorde van het model."""
    velden = casus.get("velden") if isinstance(casus.get("velden"), dict) else {}
    auteur = casus.get("auteur")
    wie = f"door {html.escape(auteur)}" if isinstance(auteur, str) and auteur else "anoniem gedeeld"
    rijen = []
    for veld in canvasmodel.velden():
        tekst = str(velden.get(veld.sleutel) or "").strip()
        punten = "".join(f"<li>{html.escape(r.strip())}</li>" for r in tekst.splitlines() if r.strip())
        inhoud = f"<ul>{punten}</ul>" if punten else "<em>niet ingevuld</em>"
        rijen.append(f"<tr><th scope='row'>{html.escape(veld.titel)}</th><td>{inhoud}</td></tr>")
    return (
        f"<h2>{html.escape(str(casus.get('titel') or 'Zonder titel'))}</h2>"
        f"<p><em>{html.escape(str(casus.get('code')))}, {wie}</em></p>"
        f"<table class='regie-casus'><tbody>{''.join(rijen)}</tbody></table>"
    )


TERUGGETROKKEN = "De auteur van deze casus wil hem niet meer delen. Je hoeft hier niets te doen."


def _teruggetrokken(code: str) -> bool:
    """Een casus die in het notebook staat maar niet meer in de gegevens: de auteur trok het delen in."""
    return "casussen" in _stand and code not in _stand["casussen"] and code.startswith("casus-")


def toon_casus(code: str, map_: Path | None = None) -> Any:
    """De casus om te lezen: de feiten per canvasveld als tabel, en het canvas als poster als die erbij zit."""
    if _teruggetrokken(code):
        return maak(widgets.HTML, f"<p><em>{html.escape(TERUGGETROKKEN)}</em></p>")
    tabel = maak(widgets.HTML, casus_html(_casus(code)))
    poster = (map_ or Path.cwd()) / f"{code}.png"
    if not poster.is_file():
        return tabel
    beeld = maak(widgets.Image, value=poster.read_bytes(), format="png", layout=layout(width="100%"))
    beeld.add_class("regie-poster")
    return maak(widgets.VBox, [tabel, maak(widgets.HTML, "<p><b>Het canvas als poster</b></p>"), beeld])


class ReactieWidget(OefeningWidget):
    """Je reactie op één casus: wat is duidelijk, vormen per relatie, één vraag, één tip, en je naam of niet."""

    titel = "Jouw reactie"

    def __init__(self, opslag: Antwoorden | None, code: str) -> None:
        self.code = code
        super().__init__(opslag, f"reactie_{code}")

    def bouw(self) -> widgets.Widget:
        def vak(uitleg: str, hoogte: str = "5em") -> widgets.Textarea:
            veld = maak(widgets.Textarea, placeholder=uitleg, layout=layout(width="100%", height=hoogte))
            veld.observe(lambda _w: self._bewaar(), names="value")
            return veld

        self.duidelijk = vak("Wat is duidelijk aan deze casus? Wat begrijp je meteen?")
        self.vraag = vak("Eén vraag aan de auteur.", "3em")
        self.tip = vak("Eén tip voor de auteur.", "3em")
        opties = [("— kies —", "")] + [(v.naam, v.sleutel.value) for v in vormmodel.classificeerbaar()]
        self.relaties: list[tuple[widgets.Text, widgets.Dropdown, widgets.Textarea]] = []
        rijen: list[widgets.Widget] = []
        for i in range(1, RELATIES + 1):
            relatie = maak(
                widgets.Text, placeholder="welke partijen (bijv. provincie ↔ waterschap)", description=f"Relatie {i}:"
            )
            vorm = maak(widgets.Dropdown, options=opties, value="", description="Vorm:")
            waarom = vak("Waarom deze vorm? Welk kenmerk zie je?", "3em")
            for w in (relatie, vorm):
                w.observe(lambda _w: self._bewaar(), names="value")
            self.relaties.append((relatie, vorm, waarom))
            rijen.append(maak(widgets.VBox, [maak(widgets.HBox, [relatie, vorm]), waarom]))
        self.met_naam = maak(
            widgets.Checkbox, value=False, description="De auteur mag zien dat deze reactie van mij is"
        )
        self.met_naam.observe(lambda _w: self._bewaar(), names="value")
        kop = widgets.HTML
        return maak(
            widgets.VBox,
            [
                kop("<b>Wat is duidelijk?</b>"),
                self.duidelijk,
                kop("<b>Welke samenwerkingsvorm zie je per relatie, en waarom?</b>"),
                *rijen,
                kop("<b>Eén vraag aan de auteur</b>"),
                self.vraag,
                kop("<b>Eén tip</b>"),
                self.tip,
                self.met_naam,
            ],
        )

    def herstel(self, stand: dict[str, Any]) -> None:
        def tekst(waarde: Any) -> str:
            return waarde if isinstance(waarde, str) else ""

        self.duidelijk.value = tekst(stand.get("duidelijk"))
        self.vraag.value = tekst(stand.get("vraag"))
        self.tip.value = tekst(stand.get("tip"))
        opgeslagen = stand.get("relaties") if isinstance(stand.get("relaties"), list) else []
        geldig = {w for _, w in self.relaties[0][1].options}
        for (relatie, vorm, waarom), rij in zip(self.relaties, [*opgeslagen, *([{}] * RELATIES)], strict=False):
            rij = rij if isinstance(rij, dict) else {}
            relatie.value = tekst(rij.get("relatie"))
            vorm.value = rij.get("vorm") if rij.get("vorm") in geldig else ""
            waarom.value = tekst(rij.get("waarom"))
        self.met_naam.value = stand.get("met_naam") is True

    def _bewaar(self) -> None:
        self.bewaar(
            duidelijk=self.duidelijk.value,
            relaties=[{"relatie": r.value, "vorm": v.value, "waarom": w.value} for r, v, w in self.relaties],
            vraag=self.vraag.value,
            tip=self.tip.value,
            met_naam=self.met_naam.value,
        )


def toon_reactie(code: str) -> Any:
    """Het invulscherm voor je reactie op een casus; bewaard in het antwoordbestand van dit notebook."""
    if _teruggetrokken(code):
        return maak(widgets.HTML, "")
    _casus(code)
    return ReactieWidget(_stand["opslag"], code)
