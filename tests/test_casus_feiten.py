"""Het casusschema past bij echte feiten: vage data, herkomst per onderdeel, citaat of weergave, doelrelaties."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingscode import cli
from samenwerkingscode.model import casus as cm
from samenwerkingscode.model.yamlbestand import BestandFout

_PARTIJEN = "partijen:\n  - id: a\n    naam: A\n  - id: b\n    naam: B\nbronnen:\n  - id: s\n    titel: S\n"


def _laad(tmp_path: Path, tekst: str) -> cm.Casus:
    pad = tmp_path / "casus.yml"
    pad.write_text(tekst, encoding="utf-8")
    return cm.laad_casus(pad)


def _controleer(tmp_path: Path, tekst: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``regie casus controleer`` in dit proces: (exitcode, alle uitvoer)."""
    pad = tmp_path / "casus.yml"
    pad.write_text(tekst, encoding="utf-8")
    code = cli.main(["casus", "controleer", str(pad)])
    uit = capsys.readouterr()
    return code, uit.out + uit.err


# --- Data zoals je ze weet ------------------------------------------------------------------------

GELDIGE_DATA = [
    ("2019", "2019-01-01"),
    ("2019-04", "2019-04-01"),
    ("2019-04-18", "2019-04-18"),
    ("18 april 2019", "2019-04-18"),
    ("april 2021", "2021-04-01"),
    ("voorjaar 2021", "2021-03-01"),
    ("najaar 2021", "2021-09-01"),
    ("begin 2020", "2020-01-01"),
    ("eind 2020", "2020-09-01"),
    ("ca. 2019", "2019-01-01"),
    ("circa april 2019", "2019-04-01"),
    ("2014–2023", "2014-01-01"),
    ("2014-2023", "2014-01-01"),
    ("april 2019 - juni 2020", "2019-04-01"),
    ("2019 tot 2021", "2019-01-01"),
    ("sinds 2019", "2019-01-01"),
    ("vanaf mei 2020", "2020-05-01"),
    ("onbekend", None),
]


@pytest.mark.parametrize(("geschreven", "begin"), GELDIGE_DATA)
def test_elke_datumvorm_wordt_getoond_zoals_geschreven(tmp_path: Path, geschreven: str, begin: str | None) -> None:
    casus = _laad(tmp_path, f"titel: T\ntijdlijn:\n  - datum: {geschreven}\n    omschrijving: x\n")
    assert casus.tijdlijn[0].datum == geschreven
    bereik = cm.datum_bereik(geschreven)
    assert (bereik[0].isoformat() if bereik else None) == begin


def test_tijdlijn_sorteert_vage_data_verstandig(tmp_path: Path) -> None:
    regels = ["onbekend", "2021-04-18", "sinds 2019", "voorjaar 2021", "2019-04", "ca. 2018", "2014–2023", "2021"]
    tekst = "titel: T\ntijdlijn:\n" + "".join(f"  - datum: {d}\n    omschrijving: e {d}\n" for d in regels)
    volgorde = [g.datum for g in cm.tijdlijn_op_volgorde(_laad(tmp_path, tekst))]
    assert volgorde == [
        "2014–2023",
        "ca. 2018",
        "sinds 2019",
        "2019-04",
        "2021",
        "voorjaar 2021",
        "2021-04-18",
        "onbekend",
    ]


def test_tot_mag_bij_een_vage_datum_horen_maar_niet_ervoor_liggen(tmp_path: Path) -> None:
    casus = _laad(tmp_path, "titel: T\ntijdlijn:\n  - datum: voorjaar 2021\n    tot: 2021\n    omschrijving: x\n")
    assert casus.tijdlijn[0].tot == "2021"
    with pytest.raises(BestandFout, match="ligt vóór"):
        _laad(tmp_path, "titel: T\ntijdlijn:\n  - datum: 2021\n    tot: zomer 2019\n    omschrijving: x\n")


@pytest.mark.parametrize(
    ("datum", "stuk"),
    [
        ("april 20x9", "voorjaar 2019"),
        ("30 februari 2019", "geen bestaande datum"),
        ("2023–2014", "einde vóór het begin"),
        ("sinds onbekend", "'onbekend' kan niet"),
        ("'" + "x" * 5000 + "'", "…"),
    ],
)
def test_foute_datum_geeft_nederlandse_melding_zonder_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], datum: str, stuk: str
) -> None:
    code, uit = _controleer(tmp_path, f"titel: T\ntijdlijn:\n  - datum: {datum}\n    omschrijving: x\n", capsys)
    assert code == 1, uit
    assert "tijdlijn[1].datum" in uit and "regel 3" in uit
    assert stuk in uit
    assert "Traceback" not in uit and len(uit) < 1000


# --- Herkomst -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("geschreven", "herkomst"),
    [("bron", "bron"), ("reconstructie", "reconstructie"), ("eigen inschatting", "eigen inschatting")],
)
@pytest.mark.parametrize(
    "onderdeel",
    ["gebied", "opgave", "partij", "relatie", "gebeurtenis", "maatregel", "stem", "doelrelatie", "gezamenlijk_doel"],
)
def test_herkomst_op_elk_onderdeel(tmp_path: Path, onderdeel: str, geschreven: str, herkomst: str) -> None:
    h = f"herkomst: {geschreven}"
    stukken = {
        "gebied": f"gebied:\n  naam: G\n  {h}\n",
        "opgave": f"opgave:\n  omschrijving: O\n  {h}\n",
        "partij": "",
        "relatie": f"relaties:\n  - id: r\n    tussen: [a, b]\n    omschrijving: R\n    {h}\n",
        "gebeurtenis": f"tijdlijn:\n  - datum: 2019\n    omschrijving: E\n    {h}\n",
        "maatregel": f"maatregelen:\n  - id: m\n    naam: M\n    {h}\n",
        "stem": f"stemmen:\n  - tekst: T\n    medium: M\n    bron: s\n    {h}\n",
        "doelrelatie": f"doelrelaties:\n  - id: d\n    tussen: [a, b]\n    soort: spanning\n    omschrijving: D\n    {h}\n",
        "gezamenlijk_doel": f"gezamenlijk_doel:\n  omschrijving: G\n  {h}\n",
    }
    partijen = _PARTIJEN.replace("naam: A\n", f"naam: A\n    {h}\n") if onderdeel == "partij" else _PARTIJEN
    casus = _laad(tmp_path, "titel: T\n" + partijen + stukken[onderdeel])
    element = {
        "gebied": casus.gebied,
        "opgave": casus.opgave,
        "partij": casus.partijen[0],
        "relatie": (casus.relaties or [None])[0],
        "gebeurtenis": (casus.tijdlijn or [None])[0],
        "maatregel": (casus.maatregelen or [None])[0],
        "stem": (casus.stemmen or [None])[0],
        "doelrelatie": (casus.doelrelaties or [None])[0],
        "gezamenlijk_doel": casus.gezamenlijk_doel,
    }[onderdeel]
    assert cm.herkomst_van(element, casus) == herkomst


@pytest.mark.parametrize(
    ("herkomst", "eigen", "woorden"),
    [
        ("bron", False, "uit een bron"),
        ("bron", True, "uit een bron"),
        ("reconstructie", False, "reconstructie: uitwerking in deze cursuskit"),
        ("reconstructie", True, "jouw reconstructie"),
        ("eigen inschatting", False, "inschatting van deze cursuskit"),
        ("eigen inschatting", True, "jouw eigen inschatting"),
    ],
)
def test_herkomstwoorden_per_soort_casus(herkomst: str, eigen: bool, woorden: str) -> None:
    assert cm.herkomst_woorden(herkomst, eigen) == woorden
    if eigen:
        assert "cursuskit" not in cm.herkomst_woorden(herkomst, eigen)


def test_eigen_casus_noemt_een_reconstructie_nooit_uitwerking_van_de_kit(tmp_path: Path) -> None:
    tekst = "titel: T\npartijen:\n  - id: a\n    naam: A\n    reconstructie: true\n  - id: b\n    naam: B\n"
    kit = _laad(tmp_path, tekst)
    eigen = cm.als_eigen(kit)
    assert cm.herkomst_label(kit.partijen[0], kit) == "(reconstructie: uitwerking in deze cursuskit)"
    assert cm.herkomst_label(eigen.partijen[0], eigen) == "(jouw reconstructie)"
    # Zonder bron en zonder opgave is wat een deelnemer opschrijft zijn eigen inschatting.
    assert cm.herkomst_label(eigen.partijen[1], eigen) == "(jouw eigen inschatting)"
    assert "cursuskit" not in cm.samenvatting(eigen)
    assert "jouw reconstructie" in cm.samenvatting(eigen)


def test_herkomstnoot_zegt_wat_bron_reconstructie_en_inschatting_is() -> None:
    assert cm.herkomst_noot(["bron"], eigen=False) == "Inhoud: uit bronnen."
    assert cm.herkomst_noot(["reconstructie", "bron"], eigen=False) == (
        "Inhoud: uit een bron; reconstructie: uitwerking in deze cursuskit."
    )
    assert cm.herkomst_noot(["eigen inschatting"], eigen=True) == "Inhoud: jouw eigen inschatting."


def test_oude_schrijfwijze_laadt_en_een_tegenspraak_zegt_wat_te_doen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    oud = _laad(
        tmp_path, "titel: T\ncanvas_reconstructie: true\npartijen:\n  - id: a\n    naam: A\n    reconstructie: true\n"
    )
    assert cm.herkomst_van(oud.partijen[0], oud) == "reconstructie"
    assert cm.canvas_herkomst(oud) == "reconstructie"
    code, uit = _controleer(
        tmp_path, "titel: T\npartijen:\n  - id: a\n    naam: A\n    reconstructie: true\n    herkomst: bron\n", capsys
    )
    assert code == 1
    assert "partijen[1]" in uit and "haal 'reconstructie' weg en houd alleen 'herkomst'" in uit
    assert "Traceback" not in uit


@pytest.mark.parametrize(
    ("tekst", "veld", "stuk"),
    [
        (
            "titel: T\ngebied:\n  naam: G\n  herkomst: gok\n",
            "gebied.herkomst",
            "'bron', 'reconstructie' of 'eigen inschatting'",
        ),
        (
            "titel: T\nbronnen:\n  - id: s\n    titel: S\nstemmen:\n  - tekst: x\n    medium: m\n    bron: s\n    soort: parafrase\n",
            "stemmen[1].soort",
            "'citaat' of 'weergave'",
        ),
        (
            "titel: T\n"
            + _PARTIJEN
            + "doelrelaties:\n  - id: d\n    tussen: [a, c]\n    soort: spanning\n    omschrijving: D\n",
            "doelrelaties[1].tussen[2]",
            "onbekende partij 'c'",
        ),
        (
            "titel: T\n"
            + _PARTIJEN
            + "doelrelaties:\n  - id: d\n    tussen: [a, b]\n    soort: ruzie\n    omschrijving: D\n",
            "doelrelaties[1].soort",
            "'tegenstrijdig'",
        ),
        (
            "titel: T\n"
            + _PARTIJEN
            + "doelrelaties:\n  - id: d\n    tussen: [a]\n    soort: gedeeld\n    omschrijving: D\n",
            "doelrelaties[1].tussen",
            "minstens 2",
        ),
        (
            "titel: T\ngezamenlijk_doel:\n  omschrijving: G\n  status: misschien\n",
            "gezamenlijk_doel.status",
            "'kandidaat' of 'afgesproken'",
        ),
        (
            "titel: T\ngezamenlijk_doel:\n  omschrijving: G\n  partijen: [x]\n",
            "gezamenlijk_doel.partijen[1]",
            "onbekende partij 'x'",
        ),
        (
            "titel: T\ngezamenlijk_doel:\n  status: kandidaat\n",
            "gezamenlijk_doel.omschrijving",
            "verplicht veld ontbreekt",
        ),
        (
            "titel: T\ncanvas_herkomst: bron\ncanvas_reconstructie: true\n",
            "canvas_herkomst",
            "haal 'canvas_reconstructie' weg",
        ),
        ("titel: T\nmetadata:\n  eigen_casus: vast\n", "metadata.eigen_casus", "true/false"),
    ],
)
def test_nieuwe_velden_geven_nederlandse_fouten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tekst: str, veld: str, stuk: str
) -> None:
    code, uit = _controleer(tmp_path, tekst, capsys)
    assert code == 1, uit
    assert f"veld '{veld}'" in uit, uit
    assert stuk in uit, uit
    assert "Traceback" not in uit and "Input should" not in uit


# --- Citaat of weergave, doelrelaties, gezamenlijk doel -----------------------------------------------


def test_citaat_krijgt_aanhalingstekens_en_een_weergave_niet(tmp_path: Path) -> None:
    casus = _laad(
        tmp_path,
        "titel: T\nbronnen:\n  - id: s\n    titel: S\nstemmen:\n"
        "  - tekst: Het blijft pijnlijk.\n    medium: M\n    bron: s\n"
        "  - tekst: na vier jaar onzekerheid\n    soort: weergave\n    medium: M\n    bron: s\n",
    )
    citaat, weergave = casus.stemmen
    assert cm.stem_tekst(citaat) == "“Het blijft pijnlijk.”"
    assert cm.stem_tekst(weergave) == "na vier jaar onzekerheid (weergave, geen letterlijk citaat)"
    assert "“" not in cm.stem_tekst(weergave)


def test_springendal_heeft_doelrelaties_en_een_kandidaat_gezamenlijk_doel(springendal_pad: Path) -> None:
    casus = cm.laad_casus(springendal_pad)
    assert {d.soort for d in casus.doelrelaties} >= {"spanning"}
    assert casus.gezamenlijk_doel is not None and casus.gezamenlijk_doel.status == "kandidaat"
    assert all(cm.herkomst_van(d, casus) == "reconstructie" for d in casus.doelrelaties)
    assert cm.herkomst_label(casus.gezamenlijk_doel, casus) == "(reconstructie: uitwerking in deze cursuskit)"
