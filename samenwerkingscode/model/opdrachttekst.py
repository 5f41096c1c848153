"""De tekst van een oefening als Markdown, voor boek én notebook: één weergave van ``model/opdrachten.yml``.

Waarom een eigen module: het boek (een Sphinx-directive) en de bronnotebooks (de generator) tonen
dezelfde oefening. Beide roepen deze pure functies aan, zodat titel, tijd, punten, vraag, *Wat je doet*,
*Een goed antwoord* en de rubric nergens een tweede keer getypt staan.
"""

from __future__ import annotations

from samenwerkingscode.model import opdrachten
from samenwerkingscode.model.opdrachten import Blok, CasusOefeningen, Oefening, Onderdeel


def punten(n: float) -> str:
    """'1 punt', '3 punten', '2,5 punten'."""
    waarde = int(n) if float(n).is_integer() else n
    return f"{str(waarde).replace('.', ',')} {'punt' if waarde == 1 else 'punten'}"


def beoordelingswoord(oefening: Oefening) -> str:
    return {
        "automatisch": "automatisch beoordeeld",
        "handmatig": "beoordeeld door je trainer",
        "automatisch en handmatig": "deels automatisch, deels door je trainer beoordeeld",
        "niet beoordeeld": "niet beoordeeld",
    }[oefening.beoordeling]


def titel(oefening: Oefening, casus: CasusOefeningen) -> str:
    return f"Oefening {oefening.id} – {opdrachten.vul_in(oefening.titel, casus)}"


def tijdregel(oefening: Oefening) -> str:
    if oefening.oefenen:
        return f"*Tijd: ongeveer {oefening.minuten} minuten · oefenen, telt niet mee.*"
    if oefening.beoordeling == "niet beoordeeld":
        return f"*Tijd: ongeveer {oefening.minuten} minuten · niet beoordeeld.*"
    return f"*Tijd: ongeveer {oefening.minuten} minuten · {punten(oefening.punten)}, {beoordelingswoord(oefening)}.*"


def keuzelijst(blok: Blok, oefening: Oefening, casus: CasusOefeningen) -> list[str]:
    """De relaties, opgaven, voorstellen of momenten die de oefening bij deze casus vraagt, als lijst."""
    regels: list[str] = []
    for o in oefening.onderdelen:
        if o.casusdeel is None:
            continue
        namen = [k.naam for k in casus.keuzes(oefening.id, o.casusdeel)]
        regels += [f"{i}. {naam}" for i, naam in enumerate(namen, start=1)]
    return regels


def rubric(o: Onderdeel) -> list[str]:
    """De rubric van een handmatig onderdeel als Markdown-tabel (criteria met punten, of niveaus 0…n)."""
    if not o.criteria:
        return []
    if all(c.niveaus for c in o.criteria):
        hoogste = max(len(c.niveaus or []) for c in o.criteria)
        koppen = ["Criterium", *(punten(i) for i in range(hoogste))]
        regels = ["| " + " | ".join(koppen) + " |", "|" + "---|" * len(koppen)]
        for c in o.criteria:
            niveaus = [*(c.niveaus or []), *([""] * (hoogste - len(c.niveaus or [])))]
            regels.append("| " + " | ".join([c.naam, *niveaus]) + " |")
        return [*regels, "", f"Maximaal {punten(o.max_punten)}."]
    regels = ["| Criterium | Wat de trainer zoekt | Punten |", "|---|---|---|"]
    for c in o.criteria:
        zoekt = c.zoekt or "; ".join(c.niveaus or [])
        regels.append(f"| {c.naam} | {zoekt} | {punten(c.punten).split()[0]} |")
    regels.append(f"| **Totaal** | | **{punten(o.max_punten).split()[0]}** |")
    return regels


def beoordeling(oefening: Oefening, casus: CasusOefeningen) -> list[str]:
    """Hoe de oefening beoordeeld wordt: per automatisch onderdeel wat de controle telt, per handmatig de rubric."""
    regels: list[str] = []
    meer = len(oefening.onderdelen) > 1
    for o in oefening.onderdelen:
        naam = f" ({o.deel})" if meer and o.deel else ""
        if o.beoordeling == "automatisch":
            hoe = opdrachten.vul_in(o.hoe, casus) if o.hoe else ""
            regels += [f"**Beoordeling{naam}.** Automatisch, {punten(o.max_punten)}. {hoe}".rstrip(), ""]
        elif o.beoordeling == "handmatig":
            regels += [f"**Beoordeling{naam}.** Door je trainer, met deze rubric:", "", *rubric(o), ""]
    return regels


def uitwerking(oefening: Oefening, casus: CasusOefeningen) -> list[str]:
    """De vraag en de verborgen uitwerking van een oefenonderdeel, als uitklapblok (voor het boek)."""
    regels: list[str] = []
    for o in oefening.onderdelen:
        if o.uitwerking:
            vraag = opdrachten.vul_in(o.vraag or "", casus)
            regels += [f"*{vraag}*", "", "````{admonition} Uitwerking (klik om te openen)", ":class: dropdown", "",
                       opdrachten.vul_in(o.uitwerking, casus), "````", ""]  # fmt: skip
    return regels


def oefening_markdown(
    blok: Blok, oefening: Oefening, casus: CasusOefeningen, *, kop: str = "##", met_uitwerking: bool = False
) -> str:
    """De hele oefening: kop, tijd, wat je doet, lijst, goed antwoord, beoordeling (en in het boek de uitwerking).

    In het notebook staat de uitwerking van een oefenonderdeel achter een knop bij het invulscherm, niet hier.
    """
    delen = [
        f"{kop} {titel(oefening, casus)}",
        "",
        tijdregel(oefening),
        "",
        f"**Wat je doet.** {opdrachten.vul_in(oefening.wat_je_doet, casus)}",
        "",
    ]
    lijst = keuzelijst(blok, oefening, casus)
    if lijst:
        delen += [*lijst, ""]
    goed = opdrachten.vul_in(oefening.goed_antwoord, casus)
    goed = (
        f"**Een goed antwoord** {goed.removeprefix('Een goed antwoord ')}"
        if goed.startswith("Een goed antwoord ")
        else f"**Een goed antwoord.** {goed}"
    )
    delen += [goed, ""]
    delen += beoordeling(oefening, casus)
    if met_uitwerking:
        delen += uitwerking(oefening, casus)
    return "\n".join(delen).strip()
