"""De cursus op elke casus: één instelling kiest de casus, en alle bloknotebooks volgen haar.

Voor beide casussen van de kit (Springendal en Tongelreep) maakt de generator de bronnotebooks, die
headless draaien zonder fout; in wat een deelnemer ziet staat geen partij van de andere casus.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from samenwerkingscode.cursus import bronnotebooks
from samenwerkingscode.model import opdrachten
from samenwerkingscode.model.casus import kit_casus, laad_casus

PROJECT = Path(__file__).resolve().parent.parent
CASUSSEN = ["springendal-mosbeek", "tongelreep"]


def _partijen(casus: str) -> set[str]:
    return {p.naam for p in laad_casus(kit_casus(casus)).partijen}


def test_elke_casus_heeft_oefeningen_en_sleutels() -> None:
    """Heeft elke cursuscasus alles wat de blokken vragen: relaties, opgaven, voorstellen, momenten en sleutels?"""
    for casus in CASUSSEN:
        oefeningen = opdrachten.laad_casusoefeningen(casus)
        for blok in opdrachten.blokken():
            for oef in blok.oefeningen:
                for o in oef.onderdelen:
                    if o.casusdeel:
                        assert oefeningen.keuzes(oef.id, o.casusdeel), f"{casus}: {oef.id} heeft geen {o.casusdeel}"
        nbs = bronnotebooks.alle_notebooks(PROJECT / "notebooks", casus)
        assert len(nbs) == len(opdrachten.blokken())


def test_onbekende_casus_geeft_nederlandse_fout() -> None:
    from samenwerkingscode.model.yamlbestand import RegieFout

    with pytest.raises(RegieFout, match="oefeningenbestand"):
        opdrachten.laad_casusoefeningen("bestaat-niet")


@pytest.mark.traag
@pytest.mark.parametrize("casus", CASUSSEN)
def test_alle_bloknotebooks_draaien_op_de_casus_zonder_de_andere(casus: str, tmp_path: Path) -> None:
    from nbclient import NotebookClient

    bron = tmp_path / "bron"
    shutil.copytree(PROJECT / "notebooks" / "sleutels", bron / "sleutels")
    anderen = set().union(*(_partijen(c) for c in CASUSSEN if c != casus)) - _partijen(casus)
    eigen_gezien = False
    for pad, inhoud in bronnotebooks.alle_notebooks(bron, casus).items():
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(inhoud, encoding="utf-8")
        nb = nbformat.reads(inhoud, as_version=4)
        NotebookClient(
            nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(pad.parent)}}
        ).execute()
        fouten = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not fouten, f"{pad.name}: {fouten[:1]}"
        gezien = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False) + json.dumps(
            nb.metadata.get("widgets", {}), ensure_ascii=False
        )
        gezien += "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert not [naam for naam in anderen if naam in gezien], f"{pad.name}: partij van een andere casus"
        eigen_gezien |= any(naam in gezien for naam in _partijen(casus))
    assert eigen_gezien, "de partijen van de gekozen casus staan in de notebooks"
