"""Eén plek per hulpje (issue 10 §5): de 'bedoel je'-tip, de basis van de modellen en het atomisch schrijven."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from samenwerkingscode.model.yamlbestand import StrengModel, bedoel_je

PAKKET = Path(__file__).resolve().parents[1] / "samenwerkingscode"

EEN_PLEK = {
    r"difflib\.get_close_matches": "model/yamlbestand.py",
    r'ConfigDict\(extra="forbid", frozen=True\)': "model/yamlbestand.py",
    r"tempfile\.mkstemp|NamedTemporaryFile\(|os\.replace\(": "model/bestanden.py",
}


@pytest.mark.parametrize("patroon", sorted(EEN_PLEK))
def test_hulpje_staat_op_een_plek(patroon: str) -> None:
    plekken = sorted(
        p.relative_to(PAKKET).as_posix()
        for p in PAKKET.rglob("*.py")
        if re.search(patroon, p.read_text(encoding="utf-8"))
    )
    assert plekken == [EEN_PLEK[patroon]]


def test_bedoel_je() -> None:
    assert bedoel_je("provinsie", ["provincie", "gemeente"]) == "; bedoel je 'provincie'?"
    assert bedoel_je("xyz", ["provincie"], anders="; kies uit: provincie") == "; kies uit: provincie"
    assert bedoel_je("xyz", []) == ""
    assert bedoel_je("Provincie", ["provincie"], opmaak=" (bedoel je '{tip}'?)") == " (bedoel je 'provincie'?)"
    assert bedoel_je("PROVINCIE", ["Provincie"], normaliseer=str.lower) == "; bedoel je 'Provincie'?", "toont de optie"


def test_streng_model_weigert_onbekend_veld_en_is_onveranderlijk() -> None:
    class Voorbeeld(StrengModel):
        naam: str

    v = Voorbeeld(naam="a")
    with pytest.raises(ValidationError, match=r"extra_forbidden|Extra inputs"):
        Voorbeeld(naam="a", nam="b")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        v.naam = "b"  # type: ignore[misc]
