"""Het bronnenregister: elke bron bestaat, elk feit met een datum steunt op een bron die die datum noemt.

De tests lezen het register (`casussen/bronnen.yml`), de casus Springendal, de modelbestanden en de
Markdown van het boek. Ze bouwen het boek niet; de directives worden als functie aangeroepen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from samenwerkingscode import boek
from samenwerkingscode.model import bronnen, casus, patronen, typologie
from samenwerkingscode.model.bronnen import MAANDEN, Register

PROJECT = Path(__file__).resolve().parents[1]
BOOK = PROJECT / "book"
SPRINGENDAL = PROJECT / "casussen" / "springendal-mosbeek.yml"
DECEMBER_2021 = "overijssel-terinzagelegging"
#: Externe links die geen bron van een feit zijn: de licentie en handleidingen van gereedschap.
GEEN_BRON = ("https://creativecommons.org/", "https://tljh.jupyter.org")
LINK = re.compile(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>")
#: Een hele Markdown-link (tekst en adres): de datum in de linktekst is de bronvermelding, geen feit.
HELE_LINK = re.compile(r"\[[^\]]*\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>")
DATUM = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(MAANDEN) + r") (\d{4})\b")


def _paginas() -> list[Path]:
    return sorted(BOOK.rglob("*.md"))


def _alineas(tekst: str) -> list[str]:
    """Alinea's (blokken tussen lege regels), zonder codeblokken met Python."""
    tekst = re.sub(r"```\{code-cell\}.*?```", "", tekst, flags=re.S)
    return [a for a in re.split(r"\n\s*\n", tekst) if a.strip()]


def _links(alinea: str) -> list[str]:
    return [(a or b).rstrip("/") for a, b in LINK.findall(alinea)]


def _datums(alinea: str) -> list[str]:
    """'25 januari 2023' → '2023-01-25'; 'april 2019' → '2019-04'."""
    uit = []
    for dag, maand, jaar in DATUM.findall(alinea):
        nummer = MAANDEN.index(maand) + 1
        uit.append(f"{jaar}-{nummer:02d}-{int(dag):02d}" if dag else f"{jaar}-{nummer:02d}")
    return uit


@pytest.fixture(scope="module")
def springendal() -> casus.Casus:
    return casus.laad_casus(SPRINGENDAL)


# --- Het register zelf --------------------------------------------------------------------------


def test_register_laadt_en_elke_bron_heeft_adres_of_reden() -> None:
    lijst = bronnen.bronnen()
    assert len(lijst) >= 25
    for b in lijst:
        assert b.url or b.zonder_url.strip(), b.id
        assert b.medium and b.titel and b.gebruikt_voor, b.id


def test_register_weigert_bron_zonder_adres_en_zonder_reden() -> None:
    bron = {"id": "x", "soort": "springendal", "titel": "T", "medium": "M", "gebruikt_voor": "G"}
    with pytest.raises(ValidationError, match="geef dan met 'zonder_url' de reden"):
        Register.model_validate({"bronnen": [bron]})
    Register.model_validate({"bronnen": [{**bron, "zonder_url": "Een boek."}]})


def test_register_weigert_dubbele_id() -> None:
    bron = {"id": "x", "soort": "springendal", "titel": "T", "medium": "M", "gebruikt_voor": "G", "zonder_url": "r"}
    with pytest.raises(ValidationError, match="id x staat meer dan één keer"):
        Register.model_validate({"bronnen": [bron, bron]})


def test_dekt_voegt_geen_dag_toe() -> None:
    bron = bronnen.bron("nieuweoogst-2019-06-07")
    assert bron.dekt("2019-04")
    assert not bron.dekt("2019-04-18"), "een bron die alleen 'april 2019' noemt, dekt geen dag in april"
    assert bronnen.bron("overijssel-terinzagelegging").dekt("2021-09")


def test_datum_in_gewone_taal() -> None:
    assert bronnen.datum_tekst("2019-04-18") == "18 april 2019"
    assert bronnen.datum_tekst("2021-12") == "december 2021"
    assert bronnen.datum_tekst("2014") == "2014"
    assert bronnen.datum_tekst(None) == "datum onbekend"


# --- De casus ------------------------------------------------------------------------------------


def test_elke_bron_van_de_casus_staat_gelijk_in_het_register(springendal: casus.Casus) -> None:
    for b in springendal.bronnen:
        r = bronnen.bron(b.id)
        assert (b.titel, b.url, b.medium, b.datum) == (" ".join(r.titel.split()), r.url, r.medium, r.datum), b.id


def _fouten_tijdlijn(c: casus.Casus) -> list[str]:
    """Elke regel: een bron die de datum noemt; de bekendmaking van december 2021 alleen bij 2021."""
    fouten = []
    for g in c.tijdlijn:
        if not any(bronnen.bron(b).dekt(g.datum) for b in g.bronnen):
            fouten.append(f"{g.datum} {g.omschrijving}: geen bron noemt deze datum ({', '.join(g.bronnen)})")
        if DECEMBER_2021 in g.bronnen and not g.datum.startswith("2021"):
            fouten.append(f"{g.datum} {g.omschrijving}: cites the December 2021 notice")
    return fouten


def test_elke_regel_van_de_tijdlijn_steunt_op_een_bron_die_de_datum_noemt(springendal: casus.Casus) -> None:
    assert _fouten_tijdlijn(springendal) == []


def test_tijdlijntest_vangt_de_oude_fout(springendal: casus.Casus) -> None:
    # Vroeger stond de hele tijdlijn onder de bekendmaking van december 2021.
    fout = springendal.model_copy(
        update={"tijdlijn": [g.model_copy(update={"bronnen": [DECEMBER_2021]}) for g in springendal.tijdlijn]}
    )
    meldingen = _fouten_tijdlijn(fout)
    assert any(m.startswith("2013-07-04") and "December 2021" in m for m in meldingen)
    assert not any(m.startswith("2021-09-21") for m in meldingen)


def test_elke_stem_is_een_echt_citaat_met_medium_en_datum(springendal: casus.Casus) -> None:
    assert springendal.stemmen
    for stem in springendal.stemmen:
        assert stem.medium and stem.datum, stem.tekst
        bron = bronnen.bron(stem.bron)
        assert bron.datum == stem.datum and bron.medium.startswith(stem.medium), stem.tekst
        assert any(c.rstrip(".") == stem.tekst.rstrip(".") for c in bron.citaten), (
            f"'{stem.tekst}' staat niet bij de citaten van {bron.id}"
        )


def test_maatregelen_noemen_hun_eigen_bron(springendal: casus.Casus) -> None:
    per_id = {m.id: set(m.bronnen) for m in springendal.maatregelen}
    assert per_id["bedrijfsverplaatsing"] == {"nrc-2020-06-18"}, "de verplaatsing in Hezingen staat in NRC"
    assert per_id["kavelruil"] == {"rtvoost-kavelruil"}
    assert per_id["bos-naar-heide"] == {"staatsbosbeheer-springendal"}
    assert {"bronvijvers", "uitmijnen", "evenwichtsbemesting"} <= {
        m for m, b in per_id.items() if b == {"lto-trekkersrol"}
    }


# --- Het model -----------------------------------------------------------------------------------


def test_bronnen_in_typologie_en_patronen_staan_in_het_register() -> None:
    adressen = bronnen.per_url()
    for s in typologie.situaties():
        for url in s.bronnen:
            assert url.rstrip("/") in adressen, f"situatie {s.nummer}: {url} staat niet in het register"
    for p in patronen.patronen():
        for b in p.bewijs:
            bron = bronnen.bron(b.bron)
            assert b.datum is None or bron.dekt(b.datum), f"{p.id}: {bron.id} noemt {b.datum} niet"


# --- Het boek ------------------------------------------------------------------------------------


def test_elke_link_in_het_boek_is_een_bron_uit_het_register() -> None:
    adressen = bronnen.per_url()
    onbekend = []
    for pagina in _paginas():
        for link in _links(pagina.read_text(encoding="utf-8")):
            if link not in adressen and not link.startswith(GEEN_BRON):
                onbekend.append(f"{pagina.relative_to(PROJECT)}: {link}")
    assert onbekend == []


def _stukken(alinea: str) -> list[tuple[str, str | None]]:
    """Een alinea in stukken (tekst, link die het stuk afsluit): een link citeert de tekst ervóór.

    De tekst na de laatste link heeft geen eigen bron (link None).
    """
    stukken, vorige = [], 0
    for m in HELE_LINK.finditer(alinea):
        stukken.append((alinea[vorige : m.start()], (m.group(1) or m.group(2)).rstrip("/")))
        vorige = m.end()
    stukken.append((alinea[vorige:], None))
    return stukken


def _noemt(bron: bronnen.RegisterBron, datum: str) -> bool:
    """Een bron noemt een datum als die bij haar gebeurtenissen staat, of als het haar eigen datum is."""
    return bron.dekt(datum) or bool(bron.datum and bron.datum.startswith(datum))


def _fouten_december_2021(tekst: str) -> list[str]:
    notice = bronnen.bron(DECEMBER_2021).url.rstrip("/")
    fouten = []
    for alinea in _alineas(tekst):
        for stuk, link in _stukken(alinea):
            jaren = set(re.findall(r"\b(20\d\d)\b", stuk)) - {"2021", "2022"}
            if link == notice and jaren:
                fouten.append(f"{sorted(jaren)} naast de bekendmaking van 2021: {' '.join(stuk.split())[:90]}")
    return fouten


@pytest.mark.parametrize("pagina", [p.relative_to(BOOK).as_posix() for p in sorted(BOOK.rglob("*.md"))])
def test_bekendmaking_van_december_2021_alleen_bij_feiten_uit_2021(pagina: str) -> None:
    assert _fouten_december_2021((BOOK / pagina).read_text(encoding="utf-8")) == []


def _fouten_datums(tekst: str) -> list[str]:
    """Elke datum met een maand wordt gedekt door de bron die het stuk tekst afsluit (of door de dia's)."""
    adressen = bronnen.per_url()
    dias = bronnen.bron("dias-2022-12-08")
    fouten = []
    for alinea in _alineas(tekst):
        for stuk, link in _stukken(alinea):
            kandidaten = [adressen[link]] if link in adressen else []
            if "dia's" in stuk:
                kandidaten.append(dias)
            for datum in _datums(stuk):
                if not any(_noemt(b, datum) for b in kandidaten):
                    fouten.append(f"{datum} zonder bron die die datum noemt: {' '.join(stuk.split())[-90:]}")
    return fouten


@pytest.mark.parametrize("pagina", [p.relative_to(BOOK).as_posix() for p in sorted(BOOK.rglob("*.md"))])
def test_elke_datum_in_het_boek_steunt_op_een_gelinkte_bron(pagina: str) -> None:
    assert _fouten_datums((BOOK / pagina).read_text(encoding="utf-8")) == []


def test_datumtest_vangt_een_verkeerde_bron() -> None:
    notice = bronnen.bron(DECEMBER_2021).url
    fout = f"Het aanwijzingsbesluit is van 4 juli 2013 ([provincie]({notice}))."
    goed = f"Op 21 september 2021 stopte de terinzagelegging ([provincie]({notice}))."
    assert _fouten_datums(fout) and not _fouten_datums(goed)
    assert _fouten_datums("In april 2019 stemde de BAC in.")
    assert _fouten_december_2021(fout) and not _fouten_december_2021(goed)


def test_elk_citaat_uit_het_register_staat_naast_zijn_bron() -> None:
    fouten = []
    for b in bronnen.bronnen():
        for citaat in b.citaten:
            delen = [d.strip() for d in re.split(r"…", citaat) if d.strip()]
            for pagina in _paginas():
                for alinea in _alineas(pagina.read_text(encoding="utf-8")):
                    plat = " ".join(alinea.split())
                    geciteerd = all(re.search(r'"[^"]*' + re.escape(d) + r'[^"]*"', plat) for d in delen)
                    if geciteerd and b.url and b.url.rstrip("/") not in _links(alinea):
                        fouten.append(f"{pagina.relative_to(PROJECT)}: '{citaat}' zonder link naar {b.id}")
    assert fouten == []


def test_citaten_in_de_casus_noemen_medium_datum_en_link() -> None:
    tekst = (BOOK / "casus" / "index.md").read_text(encoding="utf-8")
    citaten = re.findall(r"^> \"(.+?)\"\n>\n> — (.+)$", tekst, flags=re.M)
    assert len(citaten) >= 2
    adressen = bronnen.per_url()
    for citaat, bijschrift in citaten:
        links = [link for link in _links(bijschrift) if link in adressen]
        assert links, f"'{citaat}' heeft geen link naar een bron"
        bron = adressen[links[0]]
        assert bron.datum and bronnen.datum_tekst(bron.datum) in bijschrift, f"'{citaat}' noemt de datum niet"
        assert bron.medium.split(" (")[0] in bijschrift, f"'{citaat}' noemt het medium niet"


# --- De directives die het register en de casus in het boek zetten ----------------------------------


def test_bronnenpagina_toont_elke_bron_uit_het_register() -> None:
    tekst = "\n".join(line for soort in boek.BRONSOORTEN for line in boek.bronnen_myst(soort))
    for b in bronnen.bronnen():
        assert (b.url or b.zonder_url.split()[0]) in tekst, b.id
    assert "{bronnen}" in (BOOK / "bronnen.md").read_text(encoding="utf-8")


def test_tijdlijn_in_het_boek_heeft_een_bron_per_regel(springendal: casus.Casus) -> None:
    tekst = "\n".join(boek.tijdlijn_myst(PROJECT))
    rijen = tekst.split("\n* - ")[2:]
    assert len(rijen) == len(springendal.tijdlijn)
    for rij, g in zip(rijen, springendal.tijdlijn, strict=True):
        for b in g.bronnen:
            assert (bronnen.bron(b).url or "") in rij, (g.datum, b)
    assert "4 juli 2013" in tekst and "stcrt-2019-29868" in tekst
    assert "{casus} tijdlijn" in (BOOK / "casus" / "index.md").read_text(encoding="utf-8")


def test_maatregelen_in_het_boek_noemen_hun_bron(springendal: casus.Casus) -> None:
    regels = [r for r in boek.maatregelen_myst(PROJECT) if r.startswith("- ")]
    assert len(regels) == len(springendal.maatregelen)
    hezingen = next(r for r in regels if "Hezingen" in r)
    assert "nrc.nl" in hezingen and "rtvoost" not in hezingen
