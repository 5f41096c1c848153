"""Het cursusboek: bouwt het, is het compleet, offline en privé, en klopt het met de data?

De trage tests (``traag``) delen één bouw in een lege map (zie ``conftest.py``). De snelle tests
lezen alleen de bronnen: woorden per hoofdstuk, de widgetcellen, en de hulpfuncties van
``samenwerkingscode.boek`` (``duur`` en de controle van ``book/blokken.yml``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from samenwerkingscode import boek as boekmodule
from samenwerkingscode.model.yamlbestand import BestandFout

if TYPE_CHECKING:
    from tests.boek.conftest import Bouw

PROJECT = Path(__file__).resolve().parents[2]
BOOK = PROJECT / "book"
BLOKKEN = [f"blok{n}" for n in range(1, 6)]
PAGINAS = [
    "index.html",
    "book/intro.html",
    "book/rooster.html",
    "book/voorbereiding/index.html",
    *[f"book/{b}/index.html" for b in BLOKKEN],
    "book/casus/index.html",
    "book/idioom.html",
    "book/printbaar.html",
    "book/trainershandleiding/index.html",
    "book/bronnen.html",
]
WIDGETCEL = re.compile(r'boekweergave\("([0-9a-z_]+)"\)')
MINIMUM_WOORDEN = 1500


# --- Hulpjes ------------------------------------------------------------------------------------


class _Pagina(HTMLParser):
    """Verzamelt links, scripts, stylesheets en ids van één HTML-pagina."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, adres)
        self.scripts: list[dict[str, str | None]] = []
        self.stylesheets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("name"):
            self.ids.add(str(a["name"]))
        for attr in ("href", "src"):
            if a.get(attr):
                self.links.append((tag, str(a[attr])))
        if tag == "script":
            self.scripts.append(a)
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.stylesheets.append(str(a["href"]))


@cache
def _lees(pad: Path) -> _Pagina:
    pagina = _Pagina()
    pagina.feed(pad.read_text(encoding="utf-8"))
    return pagina


def _html_bestanden(map: Path) -> list[Path]:
    return sorted(p for p in map.rglob("*.html") if "_static" not in p.parts)


def _tekst(pad: Path) -> str:
    """De zichtbare tekst van een pagina: zonder tags, entiteiten opgelost, witruimte samengevoegd."""
    ruw = pad.read_text(encoding="utf-8")
    ruw = re.sub(r"<script.*?</script>", " ", ruw, flags=re.S)
    ruw = re.sub(r"<style.*?</style>", " ", ruw, flags=re.S)
    return _normaal(html.unescape(re.sub(r"<[^>]+>", " ", ruw)))


def _normaal(tekst: str) -> str:
    """Vergelijkbare tekst: rechte aanhalingstekens, één spatie, geen spatie voor leestekens."""
    tekst = tekst.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    tekst = tekst.replace("\u00a0", " ")
    tekst = re.sub(r"\s+", " ", tekst)
    return re.sub(r" ([.,;:!?)])", r"\1", tekst).strip()


def _extern(adres: str) -> bool:
    return bool(urlsplit(adres).scheme) or adres.startswith("//")


def _widgetstaat(pad: Path) -> dict:
    ruw = pad.read_text(encoding="utf-8")
    gevonden = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', ruw, re.S)
    assert gevonden, f"{pad}: geen widget-state in de pagina"
    return json.loads(gevonden.group(1))


def _proza(tekst: str) -> str:
    """Alleen de lopende tekst van een hoofdstuk: zonder front matter, codecellen, directives en commentaar."""
    tekst = re.sub(r"\A---\n.*?\n---\n", "", tekst, flags=re.S)
    tekst = re.sub(r"<!--.*?-->", "", tekst, flags=re.S)
    regels: list[str] = []
    hek: str | None = None
    for regel in tekst.splitlines():
        teken = re.match(r"^\s*(`{3,}|:{3,})", regel)
        if hek:
            if (
                teken
                and regel.strip() == teken.group(1)
                and teken.group(1)[0] == hek[0]
                and len(teken.group(1)) >= len(hek)
            ):
                hek = None
            continue
        if teken:
            hek = teken.group(1)
            continue
        regels.append(regel)
    tekst = "\n".join(regels)
    tekst = re.sub(r"\{[a-z:-]+\}`([^`<]*?)\s*<[^`]*>`", r"\1", tekst)  # {term}`tekst <Term>` → tekst
    tekst = re.sub(r"\{[a-z:-]+\}`([^`]*)`", r"\1", tekst)
    tekst = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", tekst)  # [tekst](adres) → tekst
    return re.sub(r"^\(.*\)=\s*$", "", tekst, flags=re.M)  # labels


def woorden(tekst: str) -> int:
    """Woorden van de lopende tekst, zoals een lezer ze telt."""
    return len(re.findall(r"[A-Za-zÀ-ÿ]+(?:[-'’][A-Za-zÀ-ÿ]+)*", _proza(tekst)))


def _strings(waarde: object) -> Iterator[str]:
    if isinstance(waarde, str):
        yield waarde
    elif isinstance(waarde, dict):
        for v in waarde.values():
            yield from _strings(v)
    elif isinstance(waarde, list):
        for v in waarde:
            yield from _strings(v)


def _geheimen() -> set[str]:
    """Tekst uit de modelantwoorden die niet al als casusfeit openbaar is (regels van ≥ 25 tekens)."""
    casusfeiten = _normaal((PROJECT / "casussen" / "springendal-mosbeek.yml").read_text(encoding="utf-8"))
    geheim: set[str] = set()
    for pad in (PROJECT / "tests" / "cursus" / "modelantwoorden").rglob("*.json"):
        for tekst in _strings(json.loads(pad.read_text(encoding="utf-8"))):
            for regel in tekst.splitlines():
                regel = _normaal(regel)
                if len(regel) >= 25 and regel not in casusfeiten:
                    geheim.add(regel)
    return geheim


def _verborgen_regels() -> set[str]:
    """Code uit oplossingsgebieden en verborgen tests van de bronnotebooks (regels van ≥ 20 tekens).

    Beoordelingsschema's (MARK SCHEME) horen er niet bij: die rubrics staan bewust ook in het boek.
    """
    regels: set[str] = set()
    gebied = re.compile(r"BEGIN (SOLUTION|HIDDEN TESTS)(.*?)END \1", re.S)
    for pad in (PROJECT / "notebooks").rglob("*.ipynb"):
        if ".ipynb_checkpoints" in pad.parts:
            continue
        for cel in json.loads(pad.read_text(encoding="utf-8")).get("cells", []):
            bron = "".join(cel.get("source", []))
            for _, inhoud in gebied.findall(bron):
                regels |= {
                    r.strip() for r in inhoud.splitlines() if len(r.strip()) >= 20 and not r.strip().startswith("#")
                }
    return regels


def _vingerafdrukken() -> set[str]:
    """Alle vingerafdrukken die een notebook een widget kan geven: elke relatie × vorm, voorstel × soort, ..."""
    from samenwerkingscode import nakijken
    from samenwerkingscode.model import beslisboom, opdrachten, vormen

    afdrukken: set[str] = set()
    vormsleutels = [v.sleutel.value for v in vormen.vormen()]
    uitkomsten = [u.id for u in beslisboom.uitkomsten()] + vormsleutels
    casus = opdrachten.laad_casusoefeningen()
    for blok in opdrachten.blokken():
        for oef in blok.oefeningen:
            paren = [(r.id, v) for r in casus.keuzes(oef.id, "relaties") for v in vormsleutels]
            paren += [(v.id, s) for v in casus.keuzes(oef.id, "voorstellen") for s in ("trade_off", "compromis")]
            paren += [(g.id, u) for g in casus.keuzes(oef.id, "opgaven") for u in uitkomsten]
            for o in oef.onderdelen:
                for sleutel, antwoord in paren:
                    for oefening in {oef.id, o.sleutel}:
                        afdrukken.add(nakijken.vingerafdruk(oefening, sleutel, antwoord))
    return afdrukken


# --- De bouw ----------------------------------------------------------------------------------


@pytest.mark.traag
def test_boek_bouwt_zonder_waarschuwingen(boek: Bouw) -> None:
    """Bouwt `jupyter-book build -W -n --keep-going` uit een lege map met exitcode 0?"""
    staart = "\n".join(boek.log.splitlines()[-40:])
    assert boek.returncode == 0, f"de bouw faalde:\n{staart}"
    assert "WARNING" not in re.sub(r"\[IPKernelApp\] WARNING[^\n]*", "", boek.log), staart


@pytest.mark.traag
@pytest.mark.parametrize("pagina", PAGINAS)
def test_elke_pagina_bestaat(boek: Bouw, pagina: str) -> None:
    """Staat elke pagina van de inhoudsopgave in de gebouwde HTML?"""
    assert (boek.html / pagina).is_file(), f"{pagina} ontbreekt in {boek.html}"


@pytest.mark.traag
def test_interne_links_en_ankers_kloppen(boek: Bouw) -> None:
    """Wijst elke relatieve href/src naar een bestaand bestand, en elk anker naar een bestaand id?"""
    kapot: list[str] = []
    for pad in _html_bestanden(boek.html):
        for tag, adres in _lees(pad).links:
            if _extern(adres) or adres.startswith(("mailto:", "javascript:", "data:")) or adres == "#":
                continue
            delen = urlsplit(adres)
            doel = (pad.parent / unquote(delen.path)).resolve() if delen.path else pad
            if doel.is_dir():
                doel = doel / "index.html"
            if not doel.exists():
                kapot.append(f"{pad.relative_to(boek.html)}: <{tag}> {adres} (bestand ontbreekt)")
                continue
            if delen.fragment and doel.suffix == ".html" and unquote(delen.fragment) not in _lees(doel).ids:
                kapot.append(f"{pad.relative_to(boek.html)}: <{tag}> {adres} (anker ontbreekt)")
    assert not kapot, "kapotte interne links:\n" + "\n".join(kapot)


@pytest.mark.traag
def test_geen_extern_script_stylesheet_of_lettertype(boek: Bouw) -> None:
    """Laadt geen enkele pagina een script, stylesheet of lettertype van een andere server?"""
    extern: list[str] = []
    for pad in _html_bestanden(boek.html):
        pagina = _lees(pad)
        for script in pagina.scripts:
            if script.get("src") and _extern(str(script["src"])):
                extern.append(f"{pad.relative_to(boek.html)}: script {script['src']}")
        for tag, adres in pagina.links:
            if tag == "link" and _extern(adres):
                extern.append(f"{pad.relative_to(boek.html)}: link {adres}")
        extern += [f"{pad.relative_to(boek.html)}: stylesheet {s}" for s in pagina.stylesheets if _extern(s)]
        ruw = pad.read_text(encoding="utf-8")
        if re.search(r"\bthebe|\bbinder\b|\bcolab\b", ruw, re.I):
            extern.append(f"{pad.relative_to(boek.html)}: noemt thebe/binder/colab")
    for css in (boek.html / "_static").rglob("*.css"):
        for adres in re.findall(
            r"(?:@import\s+(?:url\()?|url\()\s*['\"]?([^'\")\s]+)", css.read_text(errors="replace")
        ):
            if _extern(adres) and not adres.startswith("data:"):
                extern.append(f"{css.relative_to(boek.html)}: {adres}")
    assert not extern, "externe bronnen:\n" + "\n".join(extern)


@pytest.mark.traag
def test_mathjax_en_widgetmanager_komen_uit_het_boek(boek: Bouw) -> None:
    """Staan MathJax en de widgetmanager in het boek zelf, met de lettertypen van de manager erbij?"""
    assert (boek.html / "_static" / "vendor" / "mathjax" / "tex-mml-chtml.js").is_file()
    manager = boek.html / "_static" / "vendor" / "html-manager"
    assert (manager / "embed-amd.js").is_file()
    assert list(manager.glob("*.woff2")), "de lettertypen van de widgetmanager ontbreken"
    blok1 = _lees(boek.html / "book" / "blok1" / "index.html")
    bronnen = [str(s.get("src") or "") for s in blok1.scripts]
    embed = next(i for i, s in enumerate(bronnen) if "html-manager/embed-amd.js" in s)
    pad = next(i for i, s in enumerate(bronnen) if "regie-widgets.js" in s)
    assert pad < embed, "het script met de map van de lettertypen moet vóór de widgetmanager staan"
    assert blok1.scripts[embed].get("data-jupyter-widgets-cdn") == "about:blank"
    assert (boek.html / "_static" / "regie-widgets.js").is_file()


# --- Privé: geen antwoorden en geen deelnemersgegevens ------------------------------------------


@pytest.mark.traag
def test_html_bevat_geen_oplossingen_of_verborgen_tests(boek: Bouw) -> None:
    """Komen nbgrader-markeringen of modelantwoorden nergens in de HTML (of in de bronnen ernaast) voor?"""
    verboden = ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "HIDDEN TESTS", "MARK SCHEME"]
    geheimen = _geheimen()
    verborgen = _verborgen_regels()
    assert verborgen, "geen verborgen tests gevonden in notebooks/; klopt het pad nog?"
    gevonden: list[str] = []
    for pad in sorted(boek.html.rglob("*")):
        if pad.suffix not in {".html", ".txt", ".md", ".ipynb", ".json", ".js"} or "_static" in pad.parts:
            continue
        ruw = pad.read_text(encoding="utf-8", errors="replace")
        gevonden += [f"{pad.relative_to(boek.html)}: {w}" for w in verboden if w in ruw]
        if pad.suffix == ".html":
            tekst = _tekst(pad) + " " + _normaal(html.unescape(ruw))
            gevonden += [f"{pad.relative_to(boek.html)}: modelantwoord '{g[:60]}'" for g in geheimen if g in tekst]
            code = html.unescape(ruw)
            gevonden += [f"{pad.relative_to(boek.html)}: verborgen test '{r[:60]}'" for r in verborgen if r in code]
    assert not gevonden, "\n".join(gevonden)


@pytest.mark.traag
def test_html_bevat_geen_vingerafdrukken(boek: Bouw) -> None:
    """Geeft het boek de widgets geen vingerafdrukken mee (die zouden het antwoord laten raden)?"""
    afdrukken = _vingerafdrukken()
    assert afdrukken, "er zijn geen vingerafdrukken om naar te zoeken; klopt opdrachten.yml nog?"
    lek = []
    for pad in _html_bestanden(boek.html):
        ruw = pad.read_text(encoding="utf-8")
        lek += [f"{pad.relative_to(boek.html)}: {a[:16]}…" for a in afdrukken if a in ruw]
    assert not lek, "\n".join(lek)


@pytest.mark.traag
def test_bouw_leest_en_schrijft_geen_deelnemersgegevens(boek: Bouw) -> None:
    """Blijven een antwoordbestand en een eigen casus van een deelnemer buiten het boek, en schrijft de bouw er geen?"""
    for pad in boek.html.rglob("*"):
        if pad.is_file() and pad.suffix in {".html", ".txt", ".md", ".js", ".json"}:
            ruw = pad.read_text(encoding="utf-8", errors="replace")
            assert boek.kanarie_tekst not in ruw, f"{pad}: het boek las een antwoordbestand of eigen casus"
            assert boek.kanarie_bestand not in ruw, f"{pad}: het boek toont een eigen casus van een deelnemer"
    nieuw = boek.antwoordbestanden_na - boek.antwoordbestanden_voor
    assert not nieuw, f"de bouw schreef antwoordbestanden: {sorted(map(str, nieuw))}"
    assert not list(boek.html.rglob("*.antwoorden.json"))
    assert not (boek.html / "cohort").exists()


# --- Inhoud uit de data ------------------------------------------------------------------------


@pytest.mark.traag
@pytest.mark.parametrize("blok", ["voorbereiding", *BLOKKEN])
def test_blokkop_en_oefeningen_komen_uit_de_opdrachtdata(boek: Bouw, blok: str) -> None:
    """Staan de leerdoelen, de tijd en elke oefening (titel, tijd, punten, rubric) uit de data in het hoofdstuk?"""
    from samenwerkingscode.model import opdrachten

    gegevens = opdrachten.blok(blok)
    casus = opdrachten.laad_casusoefeningen()
    tekst = _tekst(boek.html / "book" / blok / "index.html")
    assert "Leerdoelen" in tekst
    for doel in gegevens.leerdoelen:
        assert _normaal(doel) in tekst, f"leerdoel ontbreekt in {blok}: {doel}"
    assert boekmodule.duur(gegevens.minuten) in tekst
    for oefening in gegevens.oefeningen:
        assert _normaal(f"{oefening.id} – {opdrachten.vul_in(oefening.titel, casus)}") in tekst
        if blok == "voorbereiding":
            continue
        assert _normaal(f"Oefening {oefening.id} – {opdrachten.vul_in(oefening.titel, casus)}") in tekst
        for o in oefening.onderdelen:
            for c in o.criteria:
                assert _normaal(c.naam) in tekst, f"{oefening.id}: criterium {c.naam} staat niet in het boek"


@pytest.mark.traag
def test_woordenlijst_bevat_elke_term_van_het_idioom(boek: Bouw) -> None:
    """Heeft elke term uit model/idioom.yml een eigen ingang in de woordenlijst?"""
    from samenwerkingscode.model import idioom

    ruw = (boek.html / "book" / "idioom.html").read_text(encoding="utf-8")
    ruw = re.sub(r'<a class="headerlink".*?</a>', "", ruw, flags=re.S)
    ingangen = {
        _normaal(html.unescape(re.sub(r"<[^>]+>", "", dt))) for dt in re.findall(r"<dt[^>]*>(.*?)</dt>", ruw, re.S)
    }
    ontbreekt = [t.naam for t in idioom.termen() if _normaal(t.naam) not in ingangen]
    assert not ontbreekt, f"niet in de woordenlijst: {ontbreekt}"
    assert "uitwerking in deze cursuskit" in _tekst(boek.html / "book" / "idioom.html")


@pytest.mark.traag
@pytest.mark.parametrize("blok", BLOKKEN)
def test_widgetweergaven_staan_in_de_pagina(boek: Bouw, blok: str) -> None:
    """Heeft elk hoofdstuk met een widgetcel een ingebedde widgetstaat met een view per oefening?"""
    cellen = WIDGETCEL.findall((BOOK / blok / "index.md").read_text(encoding="utf-8"))
    assert cellen, f"{blok} heeft geen widgetweergave"
    pad = boek.html / "book" / blok / "index.html"
    ruw = pad.read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in ruw
    views = re.findall(r'<script type="application/vnd.jupyter.widget-view\+json">(.*?)</script>', ruw, re.S)
    assert len(views) == len(cellen)
    staat = _widgetstaat(pad)["state"]
    for view in views:
        assert json.loads(view)["model_id"] in staat, "een view verwijst naar een widget zonder staat"
    assert "boekweergave" not in _tekst(pad), "de code van de widgetcel hoort verborgen te zijn"


@pytest.mark.traag
def test_printbare_werkbladen_bestaan_en_zijn_gelinkt(boek: Bouw) -> None:
    """Staan het lege en het ingevulde A3-canvas als PDF in het boek, gelinkt vanaf Printbaar en Blok 1?"""
    for pagina in ("book/printbaar.html", "book/blok1/index.html"):
        pad = boek.html / pagina
        links = [a for t, a in _lees(pad).links if t == "a" and a.endswith(".pdf")]
        namen = {Path(urlsplit(a).path).name for a in links}
        assert {w.bestand for w in boekmodule.WERKBLADEN.values()} <= namen, f"{pagina}: {namen}"
        for adres in links:
            pdf = (pad.parent / unquote(urlsplit(adres).path)).resolve()
            inhoud = pdf.read_bytes()
            assert inhoud.startswith(b"%PDF"), pdf
            breedte, hoogte = map(float, re.search(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", inhoud).groups())
            assert (round(breedte), round(hoogte)) == (1191, 842), f"{pdf.name} is geen A3 liggend"


# --- Snelle tests op de bronnen -----------------------------------------------------------------


@pytest.mark.parametrize("blok", BLOKKEN)
def test_blokhoofdstuk_heeft_genoeg_proza(blok: str) -> None:
    """Heeft elk blokhoofdstuk minstens 1.500 woorden lopende tekst (zonder code; met de oefeningen uit de data)?"""
    from samenwerkingscode.model import opdrachten, opdrachttekst

    b = opdrachten.blok(blok)
    oefeningen = "\n\n".join(
        opdrachttekst.oefening_markdown(b, o, opdrachten.laad_casusoefeningen()) for o in b.oefeningen
    )
    aantal = woorden((BOOK / blok / "index.md").read_text(encoding="utf-8")) + woorden(oefeningen)
    assert aantal >= MINIMUM_WOORDEN, f"{blok}: {aantal} woorden"


def test_woordentelling_slaat_code_en_directives_over() -> None:
    """Telt de teller alleen proza, zodat een lange codecel een kort hoofdstuk niet redt?"""
    tekst = (
        "---\nkernelspec:\n  name: python3\n---\n# Titel hier\n\nEen {term}`korte <Samenwerkingscanvas>` zin.\n\n"
        "```{code-cell} ipython3\nveel woorden in de code\n```\n\n````{admonition} Kop\n```{x}\nbinnen\n```\n````\n"
        "<!-- commentaar telt niet -->\n[link tekst](https://voorbeeld.nl)\n"
    )
    assert woorden(tekst) == 2 + 3 + 2


@pytest.mark.parametrize("blok", BLOKKEN)
def test_widgetcellen_zijn_verborgen_notebookcellen(blok: str) -> None:
    """Is elk blokhoofdstuk een MyST-notebook met verborgen cellen voor precies de oefeningen van dat blok?"""
    tekst = (BOOK / blok / "index.md").read_text(encoding="utf-8")
    assert "<!-- oefening-widget" not in tekst, "een markering is niet vervangen door een widgetcel"
    kop = yaml.safe_load(tekst.split("---\n")[1])
    assert kop["kernelspec"]["name"] == "python3"
    assert kop["jupytext"]["text_representation"]["format_name"] == "myst"
    cellen = re.findall(r"```\{code-cell\} ipython3\n(.*?)```", tekst, re.S)
    assert cellen
    for cel in cellen:
        assert cel.startswith(":tags: [remove-input]\n"), cel
    from samenwerkingscode.model import opdrachten

    oefeningen = {o.id for o in opdrachten.blok(blok).oefeningen}
    assert set(WIDGETCEL.findall(tekst)) <= oefeningen
    assert set(re.findall(r"```\{oefening\} (\S+)", tekst)) == oefeningen, "elke oefening komt uit de data"


def test_duur_in_gewone_taal() -> None:
    """Zegt de blokkop de tijd zoals een mens hem zegt?"""
    assert boekmodule.duur(40) == "40 minuten"
    assert boekmodule.duur(1) == "1 minuut"
    assert boekmodule.duur(60) == "1 uur"
    assert boekmodule.duur(120) == "2 uur"
    assert boekmodule.duur(95) == "1 uur en 35 minuten"
    assert boekmodule.duur(61) == "1 uur en 1 minuut"


def test_opdrachten_zijn_geldig() -> None:
    """Leest de echte opdrachtdata, met alle blokken en één woordenschat voor de beoordeling?"""
    from samenwerkingscode.model import opdrachten

    blokken = opdrachten.blokken()
    assert [b.id for b in blokken] == ["voorbereiding", *BLOKKEN]
    toegestaan = {"automatisch", "handmatig", "automatisch en handmatig", "niet beoordeeld"}
    assert {o.beoordeling for b in blokken for o in b.oefeningen} <= toegestaan


def _schrijf_opdrachten(map: Path, tekst: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    (map / "opdrachten.yml").write_text(tekst, encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(map))
    return map / "opdrachten.yml"


GELDIG_BLOK = """blokken:
  - id: blok1
    titel: Blok 1
    thema: Het canvas
    minuten: 120
    notebook: blok1
    leerdoelen: [het canvas invullen]
    thuis_verder: Oefen samen.
    intro: Vul het canvas in.
    oefeningen:
      - id: "1a"
        titel: Het canvas
        minuten: 45
        wat_je_doet: Vul het canvas in.
        goed_antwoord: Alle velden.
        onderdelen:
          - {sleutel: "1a", soort: canvas, beoordeling: automatisch, punten: 9}
"""


def test_opdrachten_onbekende_beoordeling_geeft_nederlandse_fout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Noemt een foute beoordeling ('A') het bestand, de regel, het veld en de toegestane woorden?"""
    from samenwerkingscode.model import opdrachten

    pad = _schrijf_opdrachten(tmp_path, GELDIG_BLOK.replace("beoordeling: automatisch", "beoordeling: A"), monkeypatch)
    with pytest.raises(BestandFout) as fout:
        opdrachten.laad_opdrachten()
    melding = str(fout.value)
    assert str(pad) in melding and "regel 17" in melding
    assert "beoordeling" in melding and "'A'" in melding and "automatisch" in melding


def test_opdrachten_tikfout_in_veldnaam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Krijgt een tikfout in een veldnaam (leerdoel i.p.v. leerdoelen) een suggestie in het Nederlands?"""
    from samenwerkingscode.model import opdrachten

    _schrijf_opdrachten(tmp_path, GELDIG_BLOK.replace("leerdoelen:", "leerdoel:"), monkeypatch)
    with pytest.raises(BestandFout) as fout:
        opdrachten.laad_opdrachten()
    melding = str(fout.value)
    assert "regel 7" in melding and "leerdoel" in melding and "bedoel je 'leerdoelen'" in melding


def test_opdrachten_handmatig_telt_de_rubric(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Klopt het aantal punten van een handmatig onderdeel niet met de rubric, dan zegt de kit dat."""
    from samenwerkingscode.model import opdrachten

    handmatig = GELDIG_BLOK.replace(
        '{sleutel: "1a", soort: canvas, beoordeling: automatisch, punten: 9}',
        '{sleutel: "1a", soort: reflectie, beoordeling: handmatig, punten: 5, '
        "criteria: [{id: a, naam: A, zoekt: iets, punten: 3}]}",
    )
    _schrijf_opdrachten(tmp_path, handmatig, monkeypatch)
    with pytest.raises(BestandFout, match="punten 5 ≠ som van de criteria 3"):
        opdrachten.laad_opdrachten()


def test_opdrachten_dubbele_oefening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Wordt een oefeningnummer dat twee keer voorkomt geweigerd (het zou boek en beoordeling verwarren)?"""
    from samenwerkingscode.model import opdrachten

    oefening = GELDIG_BLOK[GELDIG_BLOK.index('      - id: "1a"') :]
    _schrijf_opdrachten(tmp_path, GELDIG_BLOK + oefening.replace('sleutel: "1a"', 'sleutel: "1x"'), monkeypatch)
    with pytest.raises(BestandFout, match="oefening-id komt meer dan eens voor: 1a"):
        opdrachten.laad_opdrachten()


def test_werkbladrol_kent_alleen_bestaande_werkbladen() -> None:
    """Verwijzen boekpagina's alleen naar werkbladen die de bouw maakt?"""
    gebruikt = set()
    for pad in BOOK.rglob("*.md"):
        for tekst in re.findall(r"\{werkblad\}`([^`]*)`", pad.read_text(encoding="utf-8")):
            gebruikt.add(re.sub(r".*<(.*)>", r"\1", tekst).strip())
    assert gebruikt
    assert gebruikt <= set(boekmodule.WERKBLADEN)


@pytest.mark.traag
def test_werkbladen_worden_alleen_bij_gewijzigde_bron_opnieuw_getekend(tmp_path: Path) -> None:
    """Maakt maak_werkbladen twee A3-PDF's, en laat het ze staan als poster, canvas en casus niet veranderen?"""
    eerste = boekmodule.maak_werkbladen(tmp_path, PROJECT)
    assert [p.name for p in eerste] == [w.bestand for w in boekmodule.WERKBLADEN.values()]
    tijden = [p.stat().st_mtime_ns for p in eerste]
    tweede = boekmodule.maak_werkbladen(tmp_path, PROJECT)
    assert [p.stat().st_mtime_ns for p in tweede] == tijden
    (tmp_path / ".vingerafdruk").write_text("anders", encoding="utf-8")
    boekmodule.maak_werkbladen(tmp_path, PROJECT)
    assert (tmp_path / ".vingerafdruk").read_text(encoding="utf-8") != "anders"


def test_gewijzigde_widgetcode_wist_de_uitvoercache(tmp_path: Path) -> None:
    """Leest het boek de widgetpagina's opnieuw (met lege cache) als code of model veranderde, en anders niet?"""
    from types import SimpleNamespace

    cache = tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    app = SimpleNamespace(srcdir=str(PROJECT), outdir=str(tmp_path / "_build" / "html"))
    documenten = ["book/blok1/index", "book/intro"]
    env = SimpleNamespace(
        found_docs=set(documenten),
        doc2path=lambda d: str(PROJECT / f"{d}.md"),
        mystnb_config=SimpleNamespace(execution_cache_path=str(cache)),
    )
    eerste = boekmodule._verouderde_widgets(app, env, set(), set(), set())
    assert eerste == ["book/blok1/index"], "bij de eerste bouw: alleen pagina's met een widgetcel"
    assert cache.is_dir(), "de eerste bouw heeft nog geen oude cache om te wissen"
    assert boekmodule._verouderde_widgets(app, env, set(), set(), set()) == []
    stempel = tmp_path / "_build" / ".regie-widgets-vingerafdruk"
    stempel.write_text("een oudere versie van de code", encoding="utf-8")
    assert boekmodule._verouderde_widgets(app, env, set(), {"book/blok1/index"}, set()) == []
    assert not cache.exists(), "na een wijziging in code of model moet de uitvoercache weg"
    stempel.write_text("nog een andere versie", encoding="utf-8")
    assert boekmodule._verouderde_widgets(app, env, set(), set(), set()) == ["book/blok1/index"]


def test_widgetvingerafdruk_kent_de_eigen_modelmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Wijst een trainer een eigen modelmap aan, dan tellen die bestanden mee: geen verouderde widgetweergave."""
    eigen = tmp_path / "officieel"
    eigen.mkdir()
    (eigen / "canvas.yml").write_text("# eigen canvas\n", encoding="utf-8")
    monkeypatch.setenv("REGIE_MODEL_MAP", str(eigen))
    assert eigen / "canvas.yml" in boekmodule._widgetbronnen(PROJECT)
