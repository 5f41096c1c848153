"""Het casusboek van de groep: de gedeelde casussen, elk met canvas en een korte samenvatting, in één document.

Waarom: bij de bijeenkomst wil de trainer de casussen van de groep laten zien of printen. Alleen casussen
waarvan de auteur in ``eigen-casus`` koos voor delen, komen erin (:func:`uitwisselen.gedeelde_casussen`);
de naam van de auteur alleen als die daarvoor koos. Het document blijft in de cohortmap: een pad in de
kit (zoals ``book/``) buiten de cohortmap wordt geweigerd, zodat geen casus in git of het boek belandt.

De canvassen tekent :func:`samenwerkingscode.figuren.poster.teken_canvas`; HTML bevat ze als ingebedde
PNG (geen externe bestanden of servers), PDF als één pagina per casus (matplotlib ``PdfPages``).
"""

from __future__ import annotations

import base64
import html
import os
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from samenwerkingscode.cursus.cursusmap import PROJECT, Cursusmap, cursusmap
from samenwerkingscode.cursus.uitwisselen import IngeleverdeCasus, gedeelde_casussen, lees_verdeling, namen
from samenwerkingscode.model import canvas as canvasmodel
from samenwerkingscode.model.bestanden import schrijf_atomisch
from samenwerkingscode.model.yamlbestand import RegieFout, uitvoersoort

SAMENVATTING_VELDEN = ("partijen", "doelen", "bijdragen")
MAX_PUNTEN = 3


def _punten(velden: Mapping[str, str], sleutel: str) -> list[str]:
    return [r.strip().lstrip("-•* ").strip() for r in str(velden.get(sleutel) or "").splitlines() if r.strip()]


def samenvatting(casus: IngeleverdeCasus) -> str:
    """Eén alinea uit de kern van het canvas (partijen, doelen, bijdragen): feiten van de auteur, geen oordeel."""
    zinnen: list[str] = []
    for sleutel in SAMENVATTING_VELDEN:
        try:
            titel = canvasmodel.veld(sleutel).titel
        except Exception:
            continue
        punten = _punten(casus.velden, sleutel)
        if punten:
            meer = f" (en {len(punten) - MAX_PUNTEN} meer)" if len(punten) > MAX_PUNTEN else ""
            zinnen.append(f"{titel}: {'; '.join(punten[:MAX_PUNTEN])}{meer}.")
    gevuld = sum(1 for v in canvasmodel.velden() if _punten(casus.velden, v.sleutel))
    zinnen.append(f"Het canvas heeft {gevuld} van de {len(canvasmodel.velden())} velden ingevuld.")
    return " ".join(zinnen)


def _controleer_doel(map_: Cursusmap, uit: Path) -> Path:
    """Alleen in de cohortmap, of buiten de kit: nooit in ``book/``, ``notebooks/`` of elders in git."""
    doel = (uit if uit.is_absolute() else map_.cohort / uit).resolve()
    in_cohort = map_.cohort == doel or map_.cohort in doel.parents
    if not in_cohort and (doel == PROJECT or PROJECT in doel.parents):
        raise RegieFout(
            f"Het casusboek '{doel}' zou in de map van de cursuskit komen (en dan in git of het boek). Kies een "
            f"pad in de cohortmap '{map_.cohort}', bijvoorbeeld alleen een bestandsnaam."
        )
    return doel


def _posters(casussen: Sequence[IngeleverdeCasus], map_tmp: Path) -> list[Path]:
    from samenwerkingscode.figuren.poster import teken_canvas

    bekend = set(canvasmodel.sleutels())
    paden = []
    for i, c in enumerate(casussen, start=1):
        inhoud = {k: v for k, v in c.velden.items() if k in bekend}
        paden.append(teken_canvas(inhoud, c.titel, map_tmp / f"casus-{i:02d}.png"))
    return paden


def _auteur(c: IngeleverdeCasus, naamlijst: Mapping[str, str]) -> str:
    return f"door {naamlijst.get(c.auteur, c.auteur)}" if c.met_naam else "anoniem gedeeld"


def _codes(map_: Cursusmap) -> dict[str, str]:
    verdeling = lees_verdeling(map_)
    return {a: str(c["code"]) for a, c in verdeling.casussen.items()} if verdeling else {}


def schrijf_html(casussen: Sequence[IngeleverdeCasus], posters: Sequence[Path], kop: Mapping[str, str]) -> str:
    delen = []
    for c, poster in zip(casussen, posters, strict=True):
        data = base64.b64encode(poster.read_bytes()).decode("ascii")
        delen.append(
            f"<section><h2>{html.escape(c.titel)}</h2><p class='wie'>{html.escape(kop[c.auteur])}</p>"
            f"<p>{html.escape(samenvatting(c))}</p>"
            f"<img src='data:image/png;base64,{data}' alt='Samenwerkingscanvas van {html.escape(c.titel)}'></section>"
        )
    stijl = (
        "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}"
        "img{width:100%;height:auto;border:1px solid #d0d7de}section{break-after:page;margin-bottom:3em}"
        ".wie{color:#4a5a6a;font-style:italic}</style>"
    )
    inleiding = (
        f"<p>{len(casussen)} casussen die deelnemers met de groep willen delen. Vertrouwelijk: alleen voor de "
        "deelnemers van deze cursusgroep.</p>"
        if casussen
        else "<p>Nog geen enkele deelnemer koos ervoor zijn casus te delen.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Casusboek van de groep</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{stijl}</head><body><main>'
        f"<h1>Casusboek van de groep</h1>{inleiding}{''.join(delen)}</main></body></html>\n"
    )


def schrijf_pdf(
    casussen: Sequence[IngeleverdeCasus], posters: Sequence[Path], kop: Mapping[str, str], uit: Path
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from samenwerkingscode.model.bestanden import atomisch

    with (
        atomisch(uit) as tijdelijk,
        PdfPages(tijdelijk, metadata={"Title": "Casusboek van de groep", "Creator": "samenwerkingscode"}) as pdf,
    ):
        if not casussen:
            fig = plt.figure(figsize=(11.69, 8.27))
            fig.text(0.5, 0.5, "Nog geen enkele deelnemer koos ervoor zijn casus te delen.", ha="center")
            pdf.savefig(fig)
            plt.close(fig)
        for c, poster in zip(casussen, posters, strict=True):
            fig = plt.figure(figsize=(11.69, 8.27))  # A4 liggend
            fig.text(0.04, 0.96, c.titel, fontsize=16, weight="bold", va="top")
            fig.text(0.04, 0.915, kop[c.auteur], fontsize=9, style="italic", va="top")
            fig.text(0.04, 0.885, "\n".join(textwrap.wrap(samenvatting(c), 150)[:4]), fontsize=9, va="top")
            ax = fig.add_axes((0.04, 0.02, 0.92, 0.76))
            ax.imshow(mpimg.imread(poster))
            ax.axis("off")
            pdf.savefig(fig)
            plt.close(fig)


def casusboek(
    uit: str | os.PathLike[str],
    *,
    cohort: str | os.PathLike[str] | None = None,
    bron: str | os.PathLike[str] | None = None,
) -> Path:
    """Schrijf het casusboek (``.pdf`` of ``.html``) met alleen de gedeelde casussen; geeft het pad terug."""
    map_ = cursusmap(cohort, bron)
    doel = _controleer_doel(map_, Path(uit))
    soort = uitvoersoort(doel, (".pdf", ".html"), "het casusboek")
    codes = _codes(map_)
    casussen = sorted(gedeelde_casussen(map_), key=lambda c: (codes.get(c.auteur, "~"), c.titel))
    naamlijst = namen(map_)
    kop = {c.auteur: _auteur(c, naamlijst) for c in casussen}
    doel.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=map_.cohort) as tmp:
        posters = _posters(casussen, Path(tmp))
        if soort == "html":
            schrijf_atomisch(doel, schrijf_html(casussen, posters, kop))
        else:
            schrijf_pdf(casussen, posters, kop, doel)
    return doel
