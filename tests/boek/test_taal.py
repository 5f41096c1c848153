"""Klare taal: één woord per begrip, en "deze (cursus)kit" alleen in een gelabeld uitwerkingsblok.

De dia's zeggen: "De samenwerking vereist klare taal". De kit gebruikt daarom voor elk begrip één
woord. Deze tests weigeren de verliezende varianten uit de inhoudsreview (december 2026, §5.2) in het
boek, de modelbestanden, de widgetteksten en de teksten van de notebookgenerator.

De oefeningen staan als data in ``model/opdrachten.yml`` en ``casussen/<casus>.oefeningen.yml``; die
bestanden en de oefensecties van het boek worden apart gecontroleerd. ``BEKEND_IN_OEFENINGEN`` is leeg:
een toegestane uitzondering zou daar met reden moeten staan.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samenwerkingscode import boek

PROJECT = Path(__file__).resolve().parents[2]
BOOK = PROJECT / "book"

#: Verliezende variant → het woord dat de kit gebruikt.
VERLIEZERS: dict[str, str] = {
    r"\bopgaves\b": "opgaven (alleen de dia's schrijven 'Opgaves')",
    r"\b[Pp]artnerschap\w*": "partnership",
    r"\bgezamenlijke doel\b": "het gezamenlijk doel",
    r"\bterreinbeherende organisaties?\b": "terreinbeheerder(s)",
    r"\b[Nn]atuurpartij(en)?\b": "terreinbeheerder(s)",
    r"\b(mede)?cursist(en|\(en\))?\b": "deelnemer(s)",
    r"\bonderdeel van de opgave\b": "deel van de opgave",
    r"\bniveau eronder\b|\bniveau \"(Kan|Klopt|Werkt|Levert)": "trede",
    r"\b[Pp]atro(o|n)n?e?n? van (de )?weerbarstige": "kenmerk van de weerbarstige samenwerking",
    r"(?<!^)(?<![.!?:] )(?<!\| )\bPeilbesluit\b": "peilbesluit",
    r"Springendal[–-]Mosbeek": "Springendal (of voluit: Springendal – Dal van de Mosbeek)",
    r"\biets dat\b": "iets wat",
}
#: Alleen in boek en model: 'Blok 3' met hoofdletter (niet in code of paden als `blok3`).
BLOK_KLEIN = r"(?<![/`\w-])blok [1-5]\b"

#: Wat de hoofdontwikkelaar nog moet aanpassen in de oefensecties en oefengegevens.
BEKEND_IN_OEFENINGEN: set[tuple[str, str]] = set()
#: Bestanden van anderen die de test wel leest (oefengegevens), met alleen bekende varianten.
OEFENGEGEVENS = [
    "samenwerkingscode/model/opdrachten.yml",
    *sorted(p.relative_to(PROJECT).as_posix() for p in (PROJECT / "casussen").glob("*.oefeningen.yml")),
]


def oefensecties(tekst: str) -> list[tuple[int, int]]:
    """(begin, eind) van elke sectie '## Oefeningen' tot de volgende kop van niveau 2."""
    uit = []
    for m in re.finditer(r"^## Oefeningen\s*$", tekst, re.M):
        volgende = re.search(r"^## (?!#)", tekst[m.end() :], re.M)
        uit.append((m.start(), m.end() + volgende.start() if volgende else len(tekst)))
    return uit


def _zonder(tekst: str, delen: list[tuple[int, int]]) -> tuple[str, str]:
    """(tekst buiten de delen, tekst binnen de delen)."""
    buiten, binnen, pos = [], [], 0
    for begin, eind in delen:
        buiten.append(tekst[pos:begin])
        binnen.append(tekst[begin:eind])
        pos = eind
    buiten.append(tekst[pos:])
    return "".join(buiten), "".join(binnen)


def _tekst_zonder_citaten_van_de_dias(tekst: str) -> str:
    # De dia's schrijven "Doelen, Strategie, Opgaves"; een letterlijk citaat blijft staan.
    return tekst.replace("Opgaves", "")


def _strings(pad: Path) -> str:
    """Alleen de tekenreeksen uit Python-code: daar staat wat een deelnemer ziet."""
    import ast

    boom = ast.parse(pad.read_text(encoding="utf-8"))
    return "\n".join(k.value for k in ast.walk(boom) if isinstance(k, ast.Constant) and isinstance(k.value, str))


def _varianten(tekst: str, blok_klein: bool) -> list[str]:
    tekst = re.sub(r"\s+", " ", tekst)  # een variant over twee regels telt ook
    gevonden = []
    for patroon in VERLIEZERS:
        gevonden += [m.group(0) for m in re.finditer(patroon, tekst, re.M)]
    if blok_klein:
        gevonden += [m.group(0) for m in re.finditer(BLOK_KLEIN, tekst)]
    return gevonden


def _bestanden() -> list[tuple[str, str, bool]]:
    """(pad, tekst, ook 'blok N' controleren) voor alles wat de test leest, zonder oefensecties."""
    uit = []
    for pad in sorted(BOOK.rglob("*.md")):
        buiten, _ = _zonder(pad.read_text(encoding="utf-8"), oefensecties(pad.read_text(encoding="utf-8")))
        uit.append((pad.relative_to(PROJECT).as_posix(), _tekst_zonder_citaten_van_de_dias(buiten), True))
    model = PROJECT / "samenwerkingscode" / "model"
    for pad in sorted(model.glob("*.yml")):
        if pad.name != "opdrachten.yml":
            tekst = _tekst_zonder_citaten_van_de_dias(pad.read_text(encoding="utf-8"))
            uit.append((pad.relative_to(PROJECT).as_posix(), tekst, True))
    widgets = sorted((PROJECT / "samenwerkingscode" / "widgets").glob("*.py"))
    for pad in [*widgets, PROJECT / "scripts" / "maak_notebooks.py"]:
        uit.append((pad.relative_to(PROJECT).as_posix(), _strings(pad), False))
    return uit


def test_een_woord_per_begrip_in_boek_model_widgets_en_generator() -> None:
    fouten = [
        f"{pad}: '{v}' → {next(w for p, w in VERLIEZERS.items() if re.search(p, v)) if v[:4] != 'blok' else 'Blok N'}"
        for pad, tekst, blok in _bestanden()
        for v in _varianten(tekst, blok)
    ]
    assert fouten == []


def test_bekende_varianten_in_de_oefeningen_zijn_nog_actueel() -> None:
    """Faalt bij een nieuwe variant in een oefensectie, en als een bekende variant al weg is."""
    gevonden: set[tuple[str, str]] = set()
    for pad in sorted(BOOK.rglob("*.md")):
        tekst = pad.read_text(encoding="utf-8")
        _, binnen = _zonder(tekst, oefensecties(tekst))
        for v in _varianten(binnen, False):
            gevonden.add((pad.relative_to(PROJECT).as_posix(), v))
    for naam in OEFENGEGEVENS:
        for v in _varianten((PROJECT / naam).read_text(encoding="utf-8"), False):
            gevonden.add((naam, v))
    assert gevonden == BEKEND_IN_OEFENINGEN


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("We lopen de opgaves langs.", ["opgaves"]),
        ("Een partnerschapsovereenkomst.", ["partnerschapsovereenkomst"]),
        ("Het gezamenlijke doel blijft heel.", ["gezamenlijke doel"]),
        ("Herstel eerst het niveau eronder.", ["niveau eronder"]),
        ("Zie blok 3.", ["blok 3"]),
        ("Open `notebooks/blok3` of Blok 3, met het gezamenlijk doel en de gezamenlijke doelen.", []),
    ],
)
def test_de_woordtest_herkent_varianten(tekst: str, verwacht: list[str]) -> None:
    assert _varianten(tekst, True) == verwacht


# --- "deze (cursus)kit" alleen in een blok "Uitwerking in deze cursuskit" -------------------------

LABEL = "Uitwerking in deze cursuskit"


def buiten_uitwerkingsblokken(tekst: str) -> list[tuple[int, str]]:
    """Regels (nummer, tekst) die niet in een admonition met het label en niet in een codeblok staan."""
    uit: list[tuple[int, str]] = []
    open_blokken: list[tuple[str, bool]] = []  # (hek, telt als "binnen": gelabeld blok of code)
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        m = re.match(r"^(`{3,}|:{3,})\s*(\{[\w-]+\})?\s*(.*)$", regel)
        if m:
            hek, directive, rest = m.groups()
            if open_blokken and hek == open_blokken[-1][0] and not directive and not rest:
                open_blokken.pop()
                continue
            if directive or rest or not open_blokken:
                gelabeld = directive == "{admonition}" and LABEL in rest
                code = directive in (None, "{code-cell}") and hek.startswith("`")
                open_blokken.append((hek, gelabeld or code))
                continue
        if not any(binnen for _, binnen in open_blokken):
            uit.append((nummer, regel))
    return uit


def _kit_buiten_blokken(tekst: str) -> list[str]:
    return [
        f"regel {n}: {r.strip()}"
        for n, r in buiten_uitwerkingsblokken(tekst)
        if re.search(r"\bdeze (cursus)?kit\b", r.replace(LABEL, ""), re.I)
    ]


@pytest.mark.parametrize("pagina", [p.relative_to(BOOK).as_posix() for p in sorted(BOOK.rglob("*.md"))])
def test_deze_kit_alleen_in_een_uitwerkingsblok(pagina: str) -> None:
    tekst = (BOOK / pagina).read_text(encoding="utf-8")
    buiten, _ = _zonder(tekst, oefensecties(tekst))
    fouten = _kit_buiten_blokken(buiten)
    # In de oefensectie van Blok 4 staat het nog één keer (de hoofdontwikkelaar past die sectie aan).
    assert fouten == []


def test_kittest_ziet_het_verschil_tussen_binnen_en_buiten() -> None:
    binnen = f"```{{admonition}} {LABEL}\n:class: note\nVolgens deze kit is dat zo.\n```\n"
    buiten = "```{admonition} Let op\nVolgens deze kit is dat zo.\n```\nDeze cursuskit zegt het ook.\n"
    assert _kit_buiten_blokken(binnen) == []
    assert len(_kit_buiten_blokken(buiten)) == 2


# --- Wat het boek uit de modelgegevens toont ------------------------------------------------------


def test_typologie_toont_wat_te_regelen_per_situatie() -> None:
    from samenwerkingscode.model import canvas, typologie

    tekst = "\n".join(boek.typologie_regelen_myst())
    assert tekst.startswith(f"```{{admonition}} {LABEL}")
    for s in typologie.situaties():
        assert f"Situatie {s.nummer}. {s.naam}" in tekst
        for regel in s.ontwerp:
            assert " ".join(regel.split()) in tekst, (s.nummer, regel)
        for veld in s.belangrijke_velden:
            assert canvas.veld(veld).term in tekst
        if s.springendal:
            assert " ".join(s.springendal.split())[:60] not in tekst, "het Springendal-oordeel verklapt 3b"
    assert "{typologie} regelen" in (BOOK / "blok3" / "index.md").read_text(encoding="utf-8")


def test_patronen_staan_als_gelabelde_catalogus_in_blok5() -> None:
    from samenwerkingscode.model import bronnen, patronen

    tekst = "\n".join(boek.patronen_myst())
    assert tekst.startswith(f"```{{admonition}} {LABEL}")
    lijst = patronen.patronen()
    assert len(lijst) >= 5
    for p in lijst:
        assert f"**{p.naam}.**" in tekst
        for b in p.bewijs:
            bron = bronnen.bron(b.bron)
            assert (bron.url or bron.medium) in tekst, (p.id, b.bron)
    blok5 = (BOOK / "blok5" / "index.md").read_text(encoding="utf-8")
    assert "```{patronen}" in blok5
    assert "## Evalueren, afsluiten en vooruitkijken" in blok5
