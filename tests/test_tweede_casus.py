"""De tweede cursuscasus (Tongelreep): geldig, met een bron per feit, en los van Springendal.

De casus, de casus-eigen oefeningdelen en de antwoordsleutels moeten bij elkaar passen: elke relatie,
opgave en elk moment in de oefeningen bestaat in de casus, elke sleutel volgt de regels van het model,
en niets uit de lopende casus Springendal lekt erin door.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from samenwerkingscode import cli
from samenwerkingscode.model import beslisboom, schakelbak, vormen
from samenwerkingscode.model.casus import Casus, laad_casus

PROJECT = Path(__file__).resolve().parent.parent
NAAM = "tongelreep"
CASUS = PROJECT / "casussen" / f"{NAAM}.yml"
OEFENINGEN = PROJECT / "casussen" / f"{NAAM}.oefeningen.yml"
SLEUTELS = PROJECT / "notebooks" / "sleutels" / f"{NAAM}.yml"
BOEKPAGINA = PROJECT / "casussen" / f"{NAAM}.md"  # nog niet in het boek: de bronnen staan nog niet in het register
SPRINGENDAL = PROJECT / "casussen" / "springendal-mosbeek.yml"


@pytest.fixture(scope="module")
def casus() -> Casus:
    return laad_casus(CASUS)


@pytest.fixture(scope="module")
def oefeningen() -> dict[str, Any]:
    data = yaml.safe_load(OEFENINGEN.read_text(encoding="utf-8"))
    assert data["casus"] == NAAM
    return data["oefeningen"]


@pytest.fixture(scope="module")
def sleutels() -> dict[str, Any]:
    data = yaml.safe_load(SLEUTELS.read_text(encoding="utf-8"))
    assert data["casus"] == NAAM
    return data


# --- De casus zelf ---------------------------------------------------------------------------------


def test_casus_laadt_en_regie_keurt_hem_goed(casus: Casus, capsys: pytest.CaptureFixture[str]) -> None:
    assert casus.titel == "Herinrichting beekdal Tongelreep"
    assert len(casus.partijen) >= 8 and len(casus.relaties) >= 5 and len(casus.tijdlijn) >= 8
    assert cli.main(["casus", "controleer", str(CASUS)]) == 0
    assert "In orde" in capsys.readouterr().out


def test_elk_feit_heeft_een_bron_met_webadres(casus: Casus) -> None:
    urls = {b.id: b.url for b in casus.bronnen}
    assert all(urls.values()), [i for i, u in urls.items() if not u]
    onderdelen: list[tuple[str, list[str]]] = [("opgave", casus.opgave.bronnen)]
    assert casus.gebied is not None
    onderdelen.append(("gebied", casus.gebied.bronnen))
    onderdelen += [(f"partij {p.id}", p.bronnen) for p in casus.partijen]
    onderdelen += [(f"relatie {r.id}", r.bronnen) for r in casus.relaties]
    onderdelen += [(f"tijdlijn {g.datum}", g.bronnen) for g in casus.tijdlijn]
    onderdelen += [(f"maatregel {m.id}", m.bronnen) for m in casus.maatregelen]
    zonder = [naam for naam, bronnen in onderdelen if not bronnen]
    assert zonder == []
    for naam, bronnen in onderdelen:
        assert all(urls[b] for b in bronnen), naam


def test_stemmen_hebben_medium_datum_en_bron(casus: Casus) -> None:
    assert casus.stemmen
    bronnen = {b.id: b for b in casus.bronnen}
    for stem in casus.stemmen:
        assert stem.medium and stem.datum and bronnen[stem.bron].url, stem.tekst


def test_afgeleide_onderdelen_zijn_als_reconstructie_gemarkeerd(casus: Casus) -> None:
    # Doelen, bijdragen en risico's komen nergens uit een bron: wie ze heeft, is reconstructie.
    for partij in casus.partijen:
        if partij.doelen or partij.bijdragen or partij.risicos:
            assert partij.reconstructie, partij.id
    assert casus.canvas_reconstructie
    assert casus.canvas_onderwerp


# --- De oefeningen ---------------------------------------------------------------------------------


def test_oefeningen_verwijzen_alleen_naar_de_casus(casus: Casus, oefeningen: dict[str, Any]) -> None:
    relaties = {r.id for r in casus.relaties}
    partijnamen = {p.naam for p in casus.partijen}
    jaren = {g.datum[:4] for g in casus.tijdlijn}

    assert oefeningen["1a"]["onderwerp"].casefold() == casus.canvas_onderwerp.casefold()
    ids_2a = [r["id"] for r in oefeningen["2a"]["relaties"]]
    assert 4 <= len(ids_2a) <= 5 and set(ids_2a) <= relaties
    assert oefeningen["3a"]["perspectief"] in partijnamen
    assert len(oefeningen["3a"]["opgaven"]) == 3
    for voorstel in oefeningen["4a"]["voorstellen"]:
        assert voorstel["herkomst"] == "kit"
        assert {p["partij"] for p in voorstel["doelen"]["partijen"]} <= partijnamen, voorstel["id"]
    momenten = [m["id"] for m in oefeningen["4b"]["momenten"]]
    assert len(momenten) == 3 and set(momenten) <= jaren


def test_voorstellen_passen_in_het_model(oefeningen: dict[str, Any]) -> None:
    ids = [schakelbak.Voorstel.model_validate(v).id for v in oefeningen["4a"]["voorstellen"]]
    assert len(ids) == 3 == len(set(ids))


# --- De antwoordsleutels -------------------------------------------------------------------------


def test_sleutels_horen_bij_de_oefeningen(oefeningen: dict[str, Any], sleutels: dict[str, Any]) -> None:
    assert set(sleutels["2a"]) <= {r["id"] for r in oefeningen["2a"]["relaties"]}
    assert set(sleutels["3a"]) == {o["id"] for o in oefeningen["3a"]["opgaven"]}
    assert set(sleutels["4a"]) == {v["id"] for v in oefeningen["4a"]["voorstellen"]}


def test_sleutel_2a_gebruikt_bestaande_vormen(sleutels: dict[str, Any]) -> None:
    toegestaan = {v.sleutel.value for v in vormen.classificeerbaar()}
    assert sleutels["2a"] and set(sleutels["2a"].values()) <= toegestaan


@pytest.mark.parametrize(
    ("opgave", "antwoorden"),
    [
        ("graafwerk-fase1", ["nee", "nee", "ja"]),
        ("afstemming-vlaanderen", ["nee", "ja"]),
        ("vernatting-particuliere-grond", ["nee", "nee", "nee", "nee", "ja"]),
        ("vernatting-particuliere-grond", ["nee", "nee", "nee", "nee", "nee"]),
    ],
)
def test_sleutel_3a_volgt_de_beslisboom(sleutels: dict[str, Any], opgave: str, antwoorden: list[str]) -> None:
    """De redenering in de sleutel (de antwoorden hierboven) komt in de boom echt bij die uitkomst uit."""
    uitkomst = beslisboom.loop(antwoorden).uitkomst
    assert uitkomst is not None
    goed = sleutels["3a"][opgave]
    assert uitkomst.id in (goed if isinstance(goed, list) else [goed])
    assert {u.id for u in beslisboom.uitkomsten()} >= set(goed if isinstance(goed, list) else [goed])


def test_sleutel_4a_volgt_de_regels_van_de_schakelbak(oefeningen: dict[str, Any], sleutels: dict[str, Any]) -> None:
    for data in oefeningen["4a"]["voorstellen"]:
        voorstel = schakelbak.Voorstel.model_validate(data)
        assert schakelbak.beoordeel_voorstel(voorstel).soort == sleutels["4a"][voorstel.id], voorstel.id
    # Beide soorten komen voor: anders valt er niets te onderscheiden.
    assert set(sleutels["4a"].values()) == {"trade_off", "compromis"}


# --- Los van Springendal ---------------------------------------------------------------------------


def _springendal_partijen() -> list[tuple[str, str]]:
    data = yaml.safe_load(SPRINGENDAL.read_text(encoding="utf-8"))
    return [(p["id"], p["naam"]) for p in data["partijen"]]


@pytest.mark.parametrize("pad", [CASUS, OEFENINGEN, SLEUTELS, BOEKPAGINA], ids=lambda p: p.name)
def test_geen_partij_van_springendal_in_de_tweede_casus(pad: Path) -> None:
    tekst = pad.read_text(encoding="utf-8").lower()
    gevonden = [naam for _, naam in _springendal_partijen() if naam.lower() in tekst]
    assert gevonden == []


def test_geen_partij_id_van_springendal_in_de_tweede_casus(casus: Casus, oefeningen: dict[str, Any]) -> None:
    springendal_ids = {pid for pid, _ in _springendal_partijen()}
    eigen = {p.id for p in casus.partijen} | {r.id for r in casus.relaties}
    eigen |= {o["id"] for o in oefeningen["3a"]["opgaven"]} | {v["id"] for v in oefeningen["4a"]["voorstellen"]}
    assert eigen.isdisjoint(springendal_ids)
