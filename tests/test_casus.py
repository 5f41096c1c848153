"""Het casusmodel, het lopende voorbeeld Springendal, het sjabloon en het JSON Schema."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from samenwerkingscode.model import canvas as canvasmodel
from samenwerkingscode.model import casus as cm
from samenwerkingscode.model.yamlbestand import BestandFout, RegieFout


@pytest.fixture(scope="module")
def springendal(springendal_pad: Path) -> cm.Casus:
    return cm.laad_casus(springendal_pad)


def _schrijf(pad: Path, tekst: str) -> Path:
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _fout(tmp_path: Path, tekst: str) -> BestandFout:
    pad = _schrijf(tmp_path / "casus.yml", tekst)
    with pytest.raises(BestandFout) as info:
        cm.laad_casus(pad)
    return info.value


# --- Springendal ------------------------------------------------------------------------------


def test_springendal_laadt_met_verwachte_omvang(springendal: cm.Casus) -> None:
    """Het lopende voorbeeld is rijk: alle BAC-partijen, de tijdlijn, maatregelen, stemmen, bronnen."""
    assert springendal.titel == "Springendal – Dal van de Mosbeek"
    assert springendal.gebied is not None and springendal.gebied.omvang == "ruim 1.300 hectare"
    ids = {p.id for p in springendal.partijen}
    bac = {
        "lto-noord",
        "landschap-overijssel",
        "staatsbosbeheer",
        "natuurmonumenten",
        "waterschap",
        "provincie",
        "gemeente-dinkelland",
        "gemeente-tubbergen",
    }
    assert bac <= ids
    bac_relatie = next(r for r in springendal.relaties if r.id == "bac")
    assert set(bac_relatie.tussen) == bac
    assert len(springendal.maatregelen) >= 12
    # Alleen letterlijke citaten met medium, datum en adres (zie casussen/bronnen.yml en tests/test_bronnen.py).
    assert len(springendal.stemmen) >= 2
    assert len(springendal.bronnen) >= 12


def test_springendal_tijdlijn_bevat_de_data_uit_de_bronnen(springendal: cm.Casus) -> None:
    data = {g.datum for g in springendal.tijdlijn}
    for datum in (
        "2013-07-04",
        "2014-10-29",
        "2015-01-27",
        "2019-04",
        "2021-02-09",
        "2021-09-21",
        "2023-01-25",
        "2024",
    ):
        assert datum in data, datum
    periode = next(g for g in springendal.tijdlijn if g.datum == "2021-12-21")
    assert periode.tot == "2022-01-31"


def test_elke_bron_bestaat_en_wordt_gebruikt(springendal: cm.Casus, springendal_pad: Path) -> None:
    """Elk feit verwijst naar een bestaande bron, en er staan geen ongebruikte bronnen in het bestand."""
    bron_ids = {b.id for b in springendal.bronnen}
    gebruikt = {b for _, b in springendal._bronverwijzingen()}
    assert gebruikt <= bron_ids
    assert bron_ids <= gebruikt, f"ongebruikte bronnen: {bron_ids - gebruikt}"
    for bron in springendal.bronnen:
        assert bron.url is None or bron.url.startswith("https://"), bron.id
    # Elke bron van de casus heeft een webadres; een nieuw adresloos feit valt op.
    assert {b.id for b in springendal.bronnen if b.url is None} == set()


def test_elk_feit_heeft_een_bron_of_is_reconstructie(springendal: cm.Casus) -> None:
    assert springendal.opgave.bronnen and springendal.gebied and springendal.gebied.bronnen
    for partij in springendal.partijen:
        assert partij.bronnen or partij.reconstructie, partij.id
    for relatie in springendal.relaties:
        assert relatie.bronnen or relatie.reconstructie, relatie.id
    for groep in (springendal.tijdlijn, springendal.maatregelen):
        for item in groep:
            assert item.bronnen, item
    for stem in springendal.stemmen:
        assert stem.medium and stem.bron


def test_gereconstrueerde_delen_zijn_gemarkeerd(springendal: cm.Casus) -> None:
    """Doelen, bijdragen en risico's komen uit de onderwijsreconstructie [K]: elke partij die ze heeft is gemarkeerd."""
    for partij in springendal.partijen:
        if partij.doelen or partij.bijdragen or partij.risicos:
            assert partij.reconstructie, partij.id
    assert springendal.partij("aannemer").reconstructie
    assert not springendal.partij("aannemer").bronnen
    assert not springendal.partij("kadaster").reconstructie
    relaties = {r.id: r for r in springendal.relaties}
    assert relaties["provincie-aannemer"].reconstructie
    assert relaties["provincie-terreinbeheerders"].reconstructie
    assert not relaties["bac"].reconstructie
    assert springendal.canvas_reconstructie


def test_relaties_uit_de_oefenideeen_zijn_er(springendal: cm.Casus) -> None:
    paren = {frozenset(r.tussen) for r in springendal.relaties}
    assert frozenset({"provincie", "aannemer"}) in paren
    assert frozenset({"provincie", "agrariers"}) in paren
    assert frozenset({"provincie", "staatsbosbeheer", "landschap-overijssel", "natuurmonumenten"}) in paren


def test_springendal_bevat_geen_antwoorden_bedragen_of_verboden_feiten(springendal_pad: Path) -> None:
    tekst = springendal_pad.read_text(encoding="utf-8")
    data = yaml.safe_load(tekst)
    waarden = " ".join(str(w) for w in _alle_waarden(data)).lower()
    for vorm in ("zelf_doen", "contract_afstandelijk", "contract_diep", "partnership", "contract-samenwerking"):
        assert vorm not in waarden, vorm
    for woord in ("trade-off", "compromis", "drinkwater", "€", "mln"):
        assert woord not in waarden, woord
    assert not re.search(r"\b\d+([.,]\d+)?\s*miljoen", waarden), "geen bedragen voor Springendal"
    assert not re.search(r"\bh\d{4}", waarden), "geen habitatcodes"


def _alle_waarden(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [w for v in data.values() for w in _alle_waarden(v)]
    if isinstance(data, list):
        return [w for v in data for w in _alle_waarden(v)]
    return [data]


def test_canvas_van_de_bac_is_deels_gevuld(springendal: cm.Casus) -> None:
    inhoud = cm.canvas_inhoud(springendal)
    assert list(inhoud) == canvasmodel.sleutels()
    assert inhoud["operatie"] == [] and inhoud["investeringen_opbrengsten"] == []
    for sleutel in ("partijen", "bijdragen", "doelen", "risicos", "regels", "besluitvorming", "levenscyclus"):
        assert inhoud[sleutel], sleutel
    assert "LTO Noord" in inhoud["partijen"]
    inhoud["partijen"].append("iets anders")
    assert "iets anders" not in springendal.canvas["partijen"], "canvas_inhoud geeft een kopie"


def test_samenvatting_noemt_titel_aantallen_en_canvas(springendal: cm.Casus) -> None:
    tekst = cm.samenvatting(springendal)
    assert "Springendal – Dal van de Mosbeek" in tekst
    assert f"Partijen: {len(springendal.partijen)}" in tekst
    assert f"{len(springendal.relaties)} relaties" in tekst
    assert f"{len(springendal.bronnen)} bronnen" in tekst
    assert "7 van de 9 velden gevuld" in tekst
    assert "leeg: Operatie, Investeringen/Opbrengsten" in tekst


# --- Model en validatie ---------------------------------------------------------------------------


def test_canvassleutels_komen_uit_het_canvasmodel() -> None:
    assert canvasmodel.sleutels() == [
        "partijen",
        "bijdragen",
        "doelen",
        "risicos",
        "regels",
        "besluitvorming",
        "operatie",
        "levenscyclus",
        "investeringen_opbrengsten",
    ]
    assert list(cm.lege_casus("x").canvas) == canvasmodel.sleutels()


def test_lege_casus_is_minimaal_en_geldig(tmp_path: Path) -> None:
    casus = cm.lege_casus("  Mijn casus  ")
    assert casus.titel == "Mijn casus"
    assert casus.partijen == [] and casus.bronnen == [] and casus.gebied is None
    pad = tmp_path / "eigen.yml"
    cm.schrijf_casus(casus, pad)
    assert cm.laad_casus(pad) == casus
    assert "0 van de 9 velden gevuld" in cm.samenvatting(casus)
    with pytest.raises(RegieFout, match="titel"):
        cm.lege_casus("   ")


def test_minimale_casus_met_alleen_titel(tmp_path: Path) -> None:
    casus = cm.laad_casus(_schrijf(tmp_path / "mini.yml", "titel: Mini\n"))
    assert casus.titel == "Mini" and len(casus.canvas) == 9


@pytest.mark.parametrize(
    ("tekst", "veld", "stuk"),
    [
        ("partijen:\n  - id: a\n    naam: A\n", "titel", "verplicht veld ontbreekt"),
        (
            "titel: T\npartijen:\n  - id: a\n    naam: A\n    doelenn: [x]\n",
            "partijen[1].doelenn",
            "bedoel je 'doelen'",
        ),
        ("titel: T\npartijen: Provincie\n", "partijen", "lijst"),
        (
            "titel: T\npartijen:\n  - id: a\n    naam: A\n    reconstructie: misschien\n",
            "partijen[1].reconstructie",
            "true/false",
        ),
        ("titel: T\npartijen:\n  - id: Provincie Overijssel\n    naam: P\n", "partijen[1].id", "kleine letters"),
        ("titel: T\ntijdlijn:\n  - datum: 2019-13\n    omschrijving: x\n", "tijdlijn[1].datum", "geen bestaande datum"),
        ("titel: T\ntijdlijn:\n  - datum: april 20x9\n    omschrijving: x\n", "tijdlijn[1].datum", "voorjaar 2019"),
        ("titel: T\nbronnen:\n  - id: b\n    titel: B\n    url: www.example.org\n", "bronnen[1].url", "https://"),
        ("titel: T\ncanvas:\n  partjen: [x]\n", "canvas.partjen", "bedoel je 'partijen'"),
        ("titel: ''\n", "titel", "mag niet leeg zijn"),
    ],
)
def test_fouten_noemen_veld_en_regel(tmp_path: Path, tekst: str, veld: str, stuk: str) -> None:
    fout = _fout(tmp_path, tekst)
    problemen = {p.veld: p for p in fout.problemen}
    assert veld in problemen, str(fout)
    assert stuk in problemen[veld].melding, str(fout)
    assert problemen[veld].regel is not None


_TWEE_PARTIJEN = "titel: T\npartijen:\n  - id: provincie\n    naam: P\n  - id: waterschap\n    naam: W\n"


def test_dubbele_id_wordt_gemeld_met_regel(tmp_path: Path) -> None:
    fout = _fout(tmp_path, _TWEE_PARTIJEN + "  - id: provincie\n    naam: P2\n")
    (probleem,) = fout.problemen
    assert probleem.veld == "partijen[3].id"
    assert probleem.regel == 7
    assert "komt al voor bij partijen[1]" in probleem.melding


def test_onbekende_partij_in_relatie(tmp_path: Path) -> None:
    fout = _fout(
        tmp_path,
        _TWEE_PARTIJEN + "relaties:\n  - id: r\n    tussen: [provincie, waterschp]\n    omschrijving: x\n",
    )
    (probleem,) = fout.problemen
    assert probleem.veld == "relaties[1].tussen[2]"
    assert "onbekende partij 'waterschp'; bedoel je 'waterschap'?" in probleem.melding
    assert probleem.regel == 9


def test_relatie_vraagt_twee_verschillende_partijen(tmp_path: Path) -> None:
    fout = _fout(tmp_path, _TWEE_PARTIJEN + "relaties:\n  - id: r\n    tussen: [provincie]\n    omschrijving: x\n")
    assert "minstens 2" in str(fout)
    fout = _fout(
        tmp_path, _TWEE_PARTIJEN + "relaties:\n  - id: r\n    tussen: [provincie, provincie]\n    omschrijving: x\n"
    )
    assert "twee keer" in str(fout)


def test_onbekende_bron_overal_gevonden(tmp_path: Path) -> None:
    fout = _fout(
        tmp_path,
        "titel: T\nopgave:\n  bronnen: [nergens]\npartijen:\n  - id: a\n    naam: A\n    bronnen: [brn]\n"
        "stemmen:\n  - tekst: x\n    medium: krant\n    bron: bron\nbronnen:\n  - id: bron\n    titel: B\n",
    )
    velden = {p.veld: p.melding for p in fout.problemen}
    assert set(velden) == {"opgave.bronnen[1]", "partijen[1].bronnen[1]"}
    assert "bedoel je 'bron'" in velden["partijen[1].bronnen[1]"]


def test_onbekende_uitvoerder_van_maatregel(tmp_path: Path) -> None:
    fout = _fout(tmp_path, _TWEE_PARTIJEN + "maatregelen:\n  - id: m\n    naam: M\n    uitvoerders: [gemeente]\n")
    assert fout.problemen[0].veld == "maatregelen[1].uitvoerders[1]"


def test_periode_tot_voor_datum_is_fout(tmp_path: Path) -> None:
    fout = _fout(tmp_path, "titel: T\ntijdlijn:\n  - datum: 2022-01-31\n    tot: 2021-12-21\n    omschrijving: x\n")
    assert "ligt vóór" in str(fout)


def test_datum_als_jaar_of_datum_wordt_tekst(tmp_path: Path) -> None:
    casus = cm.laad_casus(
        _schrijf(
            tmp_path / "d.yml",
            "titel: T\ntijdlijn:\n  - datum: 2019\n    omschrijving: a\n  - datum: 2019-04-18\n    omschrijving: b\n",
        )
    )
    assert [g.datum for g in casus.tijdlijn] == ["2019", "2019-04-18"]
    assert cm.Gebeurtenis(datum=date(2020, 6, 18), omschrijving="x").datum == "2020-06-18"


# --- Schrijven ------------------------------------------------------------------------------------


def test_schrijf_casus_rondgang(springendal: cm.Casus, tmp_path: Path) -> None:
    pad = tmp_path / "kopie.yml"
    cm.schrijf_casus(springendal, pad)
    tekst = pad.read_text(encoding="utf-8")
    assert "Agrariërs" in tekst and "\\u" not in tekst, "UTF-8, geen escapes"
    assert cm.laad_casus(pad) == springendal
    # Volgorde van het model: titel eerst, metadata laatst, canvasvelden in canvasvolgorde.
    data = yaml.safe_load(tekst)
    assert list(data) == [naam for naam in cm.Casus.model_fields if naam in data]
    assert list(data["canvas"]) == canvasmodel.sleutels()
    assert [p.name for p in tmp_path.iterdir()] == ["kopie.yml"], "geen tijdelijke bestanden achtergelaten"


def test_schrijf_casus_is_atomisch(springendal: cm.Casus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Gaat het vervangen mis, dan blijft het oude bestand heel en blijft er geen tijdelijk bestand liggen."""
    pad = tmp_path / "casus.yml"
    cm.schrijf_casus(cm.lege_casus("Oud"), pad)
    oud = pad.read_bytes()

    def kapot(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", kapot)
    with pytest.raises(BestandFout, match="kan het bestand niet schrijven"):
        cm.schrijf_casus(springendal, pad)
    assert pad.read_bytes() == oud
    assert [p.name for p in tmp_path.iterdir()] == ["casus.yml"]


def test_schrijf_casus_in_ontbrekende_map(tmp_path: Path) -> None:
    with pytest.raises(BestandFout, match="bestaat niet"):
        cm.schrijf_casus(cm.lege_casus("x"), tmp_path / "nergens" / "c.yml")


# --- Sjabloon -------------------------------------------------------------------------------------


def test_sjabloon_is_geldig_en_fictief(project: Path) -> None:
    pad = project / "casussen" / "sjabloon.yml"
    casus = cm.laad_casus(pad)
    assert "Voorbeeld" in casus.titel
    assert all("oorbeeld" in p.naam for p in casus.partijen)
    assert all("example.org" in (b.url or "") for b in casus.bronnen)
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count("\n#") >= 15, "het sjabloon legt zijn velden uit in commentaar"


def _velden_in_data(model: type[BaseModel], data: Any, ontbreekt: set[str], pad: str) -> None:
    """Verzamel modelvelden die nergens in de gegevens voorkomen (het sjabloon moet alles tonen)."""
    items = data if isinstance(data, list) else [data]
    items = [i for i in items if isinstance(i, dict)]
    for naam, veld in model.model_fields.items():
        if isinstance(veld.json_schema_extra, dict) and veld.json_schema_extra.get("deprecated"):
            continue  # een oudere schrijfwijze: blijft geldig, maar hoort niet in het sjabloon
        waarden = [i[naam] for i in items if naam in i]
        if not waarden:
            ontbreekt.add(f"{pad}{naam}")
            continue
        onder = _submodel(veld.annotation)
        if isinstance(onder, type) and issubclass(onder, BaseModel):
            _velden_in_data(
                onder, [w for w in waarden for w in (w if isinstance(w, list) else [w])], ontbreekt, f"{pad}{naam}."
            )


def _submodel(annotatie: Any) -> Any:
    from typing import get_args

    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return annotatie
    for arg in get_args(annotatie):
        gevonden = _submodel(arg)
        if gevonden is not None:
            return gevonden
    return None


def test_sjabloon_toont_elk_veld(project: Path) -> None:
    data = yaml.safe_load((project / "casussen" / "sjabloon.yml").read_text(encoding="utf-8"))
    ontbreekt: set[str] = set()
    _velden_in_data(cm.Casus, data, ontbreekt, "")
    assert not ontbreekt, f"deze velden staan niet in het sjabloon: {sorted(ontbreekt)}"


# --- JSON Schema ----------------------------------------------------------------------------------


def test_schema_is_actueel(project: Path) -> None:
    pad = project / "casussen" / "casus.schema.json"
    assert pad.exists(), "casussen/casus.schema.json ontbreekt; maak het met: regie casus schema"
    assert pad.read_text(encoding="utf-8") == cm.schema_tekst(), (
        "casussen/casus.schema.json is verouderd ten opzichte van de modellen; maak het opnieuw met: regie casus schema"
    )


def test_schrijf_schema(tmp_path: Path) -> None:
    pad = cm.schrijf_schema(tmp_path / "s.json")
    gegevens = json.loads(pad.read_text(encoding="utf-8"))
    assert gegevens["title"] == "Casus"
    assert gegevens["additionalProperties"] is False
    assert gegevens["properties"]["canvas"]["propertyNames"]["enum"] == canvasmodel.sleutels()


def _als_editor(data: Any) -> Any:
    """Zoals een editor YAML leest: datums blijven tekst."""
    if isinstance(data, dict):
        return {k: _als_editor(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_als_editor(v) for v in data]
    return data.isoformat() if isinstance(data, date) else data


@pytest.mark.parametrize("naam", ["springendal-mosbeek.yml", "sjabloon.yml"])
def test_schema_keurt_de_voorbeeldbestanden_goed(project: Path, naam: str) -> None:
    import jsonschema  # komt mee met nbformat

    schema = json.loads(cm.schema_tekst())
    data = _als_editor(yaml.safe_load((project / "casussen" / naam).read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)
    data["partijen"][0]["doelenn"] = ["tikfout"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
