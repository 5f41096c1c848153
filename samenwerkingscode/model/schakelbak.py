"""De Schakelbak: schakelen tussen samenwerkingsvormen, geconsolideerde doelen, trade-off of compromis.

De dia's noemen deze instrumenten alleen; dit is een uitwerking van de kit. De regels (welk signaal
welke richting en welke interventies oplevert, welke trede van de toets welke signalen geeft) staan
in ``model/schakelbak.yml``, de lesvoorbeelden voor oefening 4a in ``model/voorstellen.yml``. De code
past alleen die regels toe, zodat een trainer ze kan vervangen zonder programmeur.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator

from samenwerkingscode import model
from samenwerkingscode.model.yamlbestand import (
    Plek,
    RegieFout,
    StrengModel,
    Teksten,
    bedoel_je,
    validatiefout,
)

if TYPE_CHECKING:
    from samenwerkingscode.model.toets import ToetsUitslag
    from samenwerkingscode.model.vormen import Samenwerkingsvorm

MODELNAAM = "schakelbak"
VOORSTELLEN = "voorstellen"
VOORSTEL_SOORTEN = ("trade_off", "compromis")
"""De twee indelingen van een voorstel (oefening 4a): één plek voor widget, controle en beoordeling."""

Herkomst = Literal["deck", "kit"]
Richting = Literal["op", "terug", "stap_terug", "blijven"]
VormSleutel = Literal["zelf_doen", "netwerk", "contract_afstandelijk", "contract_diep", "partnership"]
Trede = Literal["kan", "klopt", "werkt", "levert", "op_orde"]
_RICHTINGEN: tuple[str, ...] = ("op", "terug", "stap_terug", "blijven")


def _samenwerkingsvorm() -> type[Samenwerkingsvorm]:
    """Lazy import: ``vormen`` is een eigen module met een eigen modelbestand."""
    from samenwerkingscode.model.vormen import Samenwerkingsvorm

    return Samenwerkingsvorm


def _tip(woord: str, opties: Iterable[str]) -> str:
    return bedoel_je(woord, opties, opmaak=" (bedoel je '{tip}'?)")


# --- Geconsolideerde doelen en voorstellen ------------------------------------------------------


class OpgegevenDoel(StrengModel):
    """Een eigen doel dat een partij opgeeft, met wat ze ervoor terugkrijgt (of ``None``: niets)."""

    doel: str = Field(min_length=1)
    tegenprestatie: str | None = None

    @property
    def heeft_tegenprestatie(self) -> bool:
        return bool(self.tegenprestatie and self.tegenprestatie.strip())


class PartijDoelen(StrengModel):
    """De rekening van één partij: welke eigen doelen het gezamenlijk doel dient, laat of kost."""

    partij: str = Field(min_length=1)
    gediend: list[str] = Field(default_factory=list)
    onaangeroerd: list[str] = Field(default_factory=list)
    opgegeven: list[OpgegevenDoel] = Field(default_factory=list)


class GeconsolideerdDoel(StrengModel):
    """Het gezamenlijk doel plus, per partij, de expliciete rekening van haar eigen doelen."""

    gezamenlijk_doel: str = Field(min_length=1)
    partijen: list[PartijDoelen] = Field(min_length=1)

    @model_validator(mode="after")
    def _unieke_partijen(self) -> GeconsolideerdDoel:
        namen = [p.partij.strip().lower() for p in self.partijen]
        problemen: list[tuple[Plek, str, object]] = [
            (("partijen", i, "partij"), f"partij '{p.partij}' staat er twee keer in", p.partij)
            for i, p in enumerate(self.partijen)
            if namen.index(namen[i]) != i
        ]
        if problemen:
            raise validatiefout("GeconsolideerdDoel", problemen)
        return self


class Voorstel(StrengModel):
    """Een voorstel (een 'deal') met alleen feiten: niet of het een trade-off of compromis is."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    titel: str = Field(min_length=1)
    beschrijving: str = Field(min_length=1)
    gezamenlijk_doel_gehaald: Literal["volledig", "deels", "niet"]
    gevolgen_voor_doel: str = Field(min_length=1)
    doelen: GeconsolideerdDoel
    herkomst: Herkomst = "kit"

    @property
    def opgegeven(self) -> list[tuple[str, OpgegevenDoel]]:
        """Alle opgegeven doelen als (partij, doel), in de volgorde van het bestand."""
        return [(p.partij, o) for p in self.doelen.partijen for o in p.opgegeven]


class Voorstellen(StrengModel):
    """Het bestand met lesvoorbeelden voor oefening 4a."""

    term: str | None = None
    herkomst: Herkomst
    toelichting: str = Field(min_length=1)
    bronnen: list[str] = Field(default_factory=list)
    voorstellen: list[Voorstel] = Field(min_length=1)

    @model_validator(mode="after")
    def _unieke_ids(self) -> Voorstellen:
        ids = [v.id for v in self.voorstellen]
        problemen: list[tuple[Plek, str, object]] = [
            (("voorstellen", i, "id"), f"voorstel-id '{v.id}' komt twee keer voor", v.id)
            for i, v in enumerate(self.voorstellen)
            if ids.index(v.id) != i
        ]
        if problemen:
            raise validatiefout("Voorstellen", problemen)
        return self


# --- Het modelbestand van de Schakelbak ----------------------------------------------------------


class Versnelling(StrengModel):
    """Wat een samenwerkingsvorm betekent als versnelling in de Schakelbak."""

    vorm: VormSleutel
    term: str = Field(min_length=1)
    binding: str = Field(min_length=1)
    wanneer: str = Field(min_length=1)


class RichtingInfo(StrengModel):
    sleutel: Richting
    term: str | None = None
    label: str = Field(min_length=1)
    uitleg: str = Field(min_length=1)


class Signaal(StrengModel):
    """Een waarneming over de samenwerking, met de richting waarin ze wijst en de interventies."""

    sleutel: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    herkomst: Herkomst
    richting: Richting
    minimaal: VormSleutel | None = None
    maximaal: VormSleutel | None = None
    uitleg: str = ""
    interventies: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _grenzen(self) -> Signaal:
        problemen: list[tuple[Plek, str, object]] = []
        if self.minimaal is not None and self.richting != "op":
            problemen.append((("minimaal",), "'minimaal' hoort alleen bij richting 'op'", self.minimaal))
        if self.maximaal is not None and self.richting != "terug":
            problemen.append((("maximaal",), "'maximaal' hoort alleen bij richting 'terug'", self.maximaal))
        if problemen:
            raise validatiefout("Signaal", problemen)
        return self


class Uitleg(StrengModel):
    term: str | None = None
    herkomst: Herkomst
    uitleg: str = Field(min_length=1)


class Mate(StrengModel):
    deels: str = Field(min_length=1)
    niet: str = Field(min_length=1)


class BeoordelingTeksten(Teksten):
    trade_off: str
    trade_off_zonder_opgeven: str
    doel_afgeschaafd: str
    zonder_tegenprestatie: str
    ook_zonder_tegenprestatie: str
    kosten_geen: str
    kosten_afgeschaafd: str
    mate: Mate

    PLAATSHOUDERS: ClassVar[dict[str, set[str]]] = {
        "trade_off": {"opgegeven"},
        "trade_off_zonder_opgeven": set(),
        "doel_afgeschaafd": {"mate", "gevolgen"},
        "zonder_tegenprestatie": {"zonder"},
        "ook_zonder_tegenprestatie": {"zonder"},
        "kosten_geen": set(),
        "kosten_afgeschaafd": {"mate", "gevolgen"},
    }


class SchakelingTeksten(Teksten):
    op: str
    terug: str
    stap_terug: str
    blijven: str
    hoogste: str
    laagste: str
    signalen: str
    uit_toets: str
    uit_toets_op_orde: str
    tegenstrijdig: str
    geen_signalen: str

    PLAATSHOUDERS: ClassVar[dict[str, set[str]]] = {
        "op": {"van", "naar"},
        "terug": {"van", "naar"},
        "stap_terug": set(),
        "blijven": {"vorm"},
        "hoogste": {"vorm"},
        "laagste": {"vorm"},
        "signalen": {"signalen"},
        "uit_toets": {"trede", "signalen"},
        "uit_toets_op_orde": set(),
        "tegenstrijdig": set(),
        "geen_signalen": set(),
    }


class VoorstelGeval(StrengModel):
    """Wat de Schakelbak leest in één soort voorstel: de signalen en een korte uitleg voor de deelnemer."""

    signalen: list[str] = Field(default_factory=list)
    uitleg: str = Field(min_length=1)


VoorstelGevalSleutel = Literal["trade_off", "zonder_tegenprestatie", "doel_deels", "doel_niet"]


class UitVoorstel(StrengModel):
    """Van het oordeel over een voorstel naar signalen: zo kan de Schakelbak ook een voorstel lezen."""

    herkomst: Herkomst
    toelichting: str = Field(min_length=1)
    uitgangsvorm: VormSleutel
    trade_off: VoorstelGeval
    zonder_tegenprestatie: VoorstelGeval
    doel_deels: VoorstelGeval
    doel_niet: VoorstelGeval

    def geval(self, sleutel: VoorstelGevalSleutel) -> VoorstelGeval:
        return getattr(self, sleutel)  # type: ignore[no-any-return]


class SchakelbakModel(StrengModel):
    """Het hele modelbestand van de Schakelbak; controleert dat alle verwijzingen kloppen."""

    term: str | None = None
    herkomst: Herkomst
    toelichting: str = Field(min_length=1)
    versnellingen: list[Versnelling]
    richtingen: list[RichtingInfo]
    voorrang: list[Richting]
    signalen: list[Signaal] = Field(min_length=1)
    uit_toets: dict[Trede, list[str]]
    geconsolideerde_doelen: Uitleg
    trade_off: Uitleg
    compromis: Uitleg
    beoordeling: BeoordelingTeksten
    schakeling: SchakelingTeksten
    # Optioneel, zodat een ouder of eigen modelbestand zonder dit deel geldig blijft.
    uit_voorstel: UitVoorstel | None = None

    @model_validator(mode="after")
    def _controleer(self) -> SchakelbakModel:
        problemen: list[tuple[Plek, str, object]] = []
        vormen = [v.vorm for v in self.versnellingen]
        for i, v in enumerate(vormen):
            if vormen.index(v) != i:
                problemen.append((("versnellingen", i, "vorm"), f"vorm '{v}' komt twee keer voor", v))
        for ontbreekt in [v for v in VormSleutel.__args__ if v not in vormen]:  # type: ignore[attr-defined]
            problemen.append((("versnellingen",), f"de versnelling '{ontbreekt}' ontbreekt", None))
        richtingen = [r.sleutel for r in self.richtingen]
        if sorted(richtingen) != sorted(_RICHTINGEN):
            problemen.append((("richtingen",), f"geef elke richting precies één keer: {', '.join(_RICHTINGEN)}", None))
        if sorted(self.voorrang) != sorted(_RICHTINGEN):
            problemen.append(
                (("voorrang",), f"zet elke richting precies één keer in de voorrang: {', '.join(_RICHTINGEN)}", None)
            )
        sleutels = [s.sleutel for s in self.signalen]
        for i, s in enumerate(sleutels):
            if sleutels.index(s) != i:
                problemen.append((("signalen", i, "sleutel"), f"signaal '{s}' komt twee keer voor", s))
        for trede, lijst in self.uit_toets.items():
            for j, s in enumerate(lijst):
                if s not in sleutels:
                    problemen.append((("uit_toets", trede, j), f"onbekend signaal '{s}'{_tip(s, sleutels)}", s))
        if self.uit_voorstel is not None:
            for geval in VoorstelGevalSleutel.__args__:  # type: ignore[attr-defined]
                for j, s in enumerate(self.uit_voorstel.geval(geval).signalen):
                    if s not in sleutels:
                        problemen.append(
                            (("uit_voorstel", geval, "signalen", j), f"onbekend signaal '{s}'{_tip(s, sleutels)}", s)
                        )
        if problemen:
            raise validatiefout("SchakelbakModel", problemen)
        return self


def laad_schakelbak() -> SchakelbakModel:
    """Het gevalideerde modelbestand (uit ``REGIE_MODEL_MAP`` als die het bestand heeft)."""
    return model.laad(MODELNAAM, SchakelbakModel)


def laad_voorstellen() -> Voorstellen:
    """De lesvoorbeelden voor oefening 4a (uit ``REGIE_MODEL_MAP`` als die het bestand heeft)."""
    return model.laad(VOORSTELLEN, Voorstellen)


def voorstellen() -> list[Voorstel]:
    return list(laad_voorstellen().voorstellen)


def voorstel(id: str) -> Voorstel:
    """Eén lesvoorbeeld op id; een onbekend id geeft een Nederlandse ``RegieFout``."""
    alle = voorstellen()
    for v in alle:
        if v.id == id:
            return v
    ids = [v.id for v in alle]
    raise RegieFout(f"Onbekend voorstel '{id}'{_tip(id, ids)}; kies uit {', '.join(ids)}.")


def signalen() -> list[Signaal]:
    return list(laad_schakelbak().signalen)


def signaal(sleutel: str) -> Signaal:
    """Eén signaal; een onbekende sleutel geeft een Nederlandse ``RegieFout`` met een suggestie."""
    alle = laad_schakelbak().signalen
    for s in alle:
        if s.sleutel == sleutel:
            return s
    raise RegieFout(
        f"Onbekend signaal '{sleutel}'{_tip(sleutel, [s.sleutel for s in alle])}. De Schakelbak kent: {', '.join(s.sleutel for s in alle)}."
    )


def versnellingen() -> list[Versnelling]:
    """De versnellingen in de volgorde van binding (zelf doen = 0 … partnership = 4)."""
    volgorde = {v.value: i for i, v in enumerate(_samenwerkingsvorm())}
    return sorted(laad_schakelbak().versnellingen, key=lambda v: volgorde[v.vorm])


# --- Trade-off of compromis ----------------------------------------------------------------------


@dataclass(frozen=True)
class Beoordeling:
    """Het oordeel over een voorstel, afgeleid uit de feiten van het voorstel."""

    soort: Literal["trade_off", "compromis"]
    uitleg: str
    kosten_voor_gezamenlijk_doel: str
    zonder_tegenprestatie: list[str] = field(default_factory=list)
    # Hoeveel van het gezamenlijk doel het voorstel haalt; de Schakelbak leest daaruit zijn signalen.
    doel_gehaald: Literal["volledig", "deels", "niet"] | None = None


def als_zin(tekst: str) -> str:
    """Sluit een tekst van de deelnemer af met een punt, zodat de volgende zin er niet aan vastplakt."""
    tekst = tekst.strip()
    if tekst and tekst[-1] not in ".!?…:;":
        tekst += "."
    return tekst


def beoordeel_voorstel(voorstel_: Voorstel | str) -> Beoordeling:
    """Trade-off: het gezamenlijk doel blijft heel én elk opgegeven doel heeft een tegenprestatie.

    Anders is het een compromis: het doel wordt afgeschaafd, of er wordt iets opgegeven zonder
    expliciete ruil. ``voorstel_`` is een ``Voorstel`` of het id van een lesvoorbeeld.
    """
    v = voorstel(voorstel_) if isinstance(voorstel_, str) else voorstel_
    teksten = laad_schakelbak().beoordeling
    zonder = [f"{partij}: {o.doel}" for partij, o in v.opgegeven if not o.heeft_tegenprestatie]
    gevolgen = als_zin(v.gevolgen_voor_doel)
    if v.gezamenlijk_doel_gehaald != "volledig":
        mate = getattr(teksten.mate, v.gezamenlijk_doel_gehaald)
        uitleg = teksten.doel_afgeschaafd.format(mate=mate, gevolgen=gevolgen).strip()
        if zonder:
            uitleg += " " + teksten.ook_zonder_tegenprestatie.format(zonder="; ".join(zonder)).strip()
        return Beoordeling(
            "compromis",
            uitleg,
            teksten.kosten_afgeschaafd.format(mate=mate, gevolgen=gevolgen).strip(),
            zonder,
            v.gezamenlijk_doel_gehaald,
        )
    if zonder:
        return Beoordeling(
            "compromis",
            teksten.zonder_tegenprestatie.format(zonder="; ".join(zonder)).strip(),
            teksten.kosten_geen.strip(),
            zonder,
            "volledig",
        )
    if v.opgegeven:
        ruil = "; ".join(
            f"{partij}: '{o.doel}' in ruil voor '{(o.tegenprestatie or '').strip()}'" for partij, o in v.opgegeven
        )
        return Beoordeling(
            "trade_off", teksten.trade_off.format(opgegeven=ruil).strip(), teksten.kosten_geen.strip(), [], "volledig"
        )
    return Beoordeling(
        "trade_off", teksten.trade_off_zonder_opgeven.strip(), teksten.kosten_geen.strip(), [], "volledig"
    )


def gevallen_van_voorstel(beoordeling: Beoordeling) -> list[VoorstelGevalSleutel]:
    """Welke gevallen uit ``uit_voorstel`` bij een oordeel horen, het zwaarste eerst.

    Een compromis kan twee dingen tegelijk zijn (doel afgeschaafd én iets opgegeven zonder
    tegenprestatie); dan gelden beide gevallen. Zonder ``doel_gehaald`` (een oordeel van elders)
    telt een compromis zonder genoemde opgegeven doelen als afgeschaafd doel.
    """
    if beoordeling.soort == "trade_off":
        return ["trade_off"]
    gevallen: list[VoorstelGevalSleutel] = []
    if beoordeling.doel_gehaald == "niet":
        gevallen.append("doel_niet")
    elif beoordeling.doel_gehaald == "deels" or (
        beoordeling.doel_gehaald is None and not beoordeling.zonder_tegenprestatie
    ):
        gevallen.append("doel_deels")
    if beoordeling.zonder_tegenprestatie:
        gevallen.append("zonder_tegenprestatie")
    return gevallen


def signalen_uit_voorstel(beoordeling: Beoordeling) -> list[str]:
    """De signalen die de Schakelbak in een beoordeeld voorstel leest (regels in ``uit_voorstel``).

    Zo stelt :func:`stel_schakeling_voor` ook na een voorstel een richting en interventies voor.
    Heeft het modelbestand geen ``uit_voorstel``, dan leest de Schakelbak er niets in (lege lijst).
    """
    regels = laad_schakelbak().uit_voorstel
    if regels is None:
        return []
    uit: list[str] = []
    for geval in gevallen_van_voorstel(beoordeling):
        uit += [s for s in regels.geval(geval).signalen if s not in uit]
    return uit


# --- Schakelen -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schakeling:
    """Het voorstel van de Schakelbak: richting, doelvorm (``None`` bij een stap terug) en interventies."""

    richting: Richting
    naar_vorm: Samenwerkingsvorm | None
    interventies: list[str]
    uitleg: str
    van_vorm: Samenwerkingsvorm | None = None
    signalen: list[str] = field(default_factory=list)


def _als_vorm(waarde: object) -> Samenwerkingsvorm:
    vorm = _samenwerkingsvorm()
    try:
        return vorm(waarde)
    except ValueError:
        opties = [v.value for v in vorm]
        raise RegieFout(
            f"Onbekende samenwerkingsvorm '{waarde}'{_tip(str(waarde), opties)}; kies uit {', '.join(opties)}."
        ) from None


def stel_schakeling_voor(
    huidige_vorm: Samenwerkingsvorm | str,
    signalen: Iterable[str] | ToetsUitslag | None = (),
    toets_uitslag: ToetsUitslag | None = None,
) -> Schakeling:
    """Stel een richting en interventies voor, uit opgegeven signalen en/of de uitslag van de toets.

    De uitslag mag ook als tweede argument (in plaats van signalen). Alle regels komen uit het modelbestand: de richting per signaal, de voorrang bij signalen die
    verschillende kanten op wijzen, de grenzen (minimaal/maximaal) en de signalen per trede.
    """
    sb = laad_schakelbak()
    vormtype = _samenwerkingsvorm()
    van = _als_vorm(huidige_vorm)
    volgorde = list(vormtype)
    namen = {v.vorm: v.term for v in sb.versnellingen}
    per_sleutel = {s.sleutel: s for s in sb.signalen}

    if signalen is None:
        signalen = ()
    elif hasattr(signalen, "zwakste_trede"):  # de uitslag als tweede argument, zoals in het contract
        if toets_uitslag is not None:
            raise RegieFout("Geef de uitslag van de toets maar één keer op.")
        toets_uitslag, signalen = signalen, ()  # type: ignore[assignment]
    elif isinstance(signalen, str):
        signalen = [signalen]
    gekozen: list[str] = []
    for s in signalen:
        if s not in per_sleutel:
            raise RegieFout(
                f"Onbekend signaal '{s}'{_tip(s, per_sleutel)}. De Schakelbak kent: {', '.join(per_sleutel)}."
            )
        if s not in gekozen:
            gekozen.append(s)
    uit_toets: list[str] = []
    trede: str | None = None
    if toets_uitslag is not None:
        if toets_uitslag.zwakste_trede is not None:
            trede = toets_uitslag.zwakste_trede
        elif any(w is not None for w in toets_uitslag.per_vraag.values()):
            trede = "op_orde"
        if trede is not None:
            uit_toets = [s for s in sb.uit_toets.get(trede, []) if s not in gekozen]  # type: ignore[call-overload]
            gekozen += uit_toets

    if not gekozen:
        return Schakeling("blijven", van, [], sb.schakeling.geen_signalen.strip(), van, [])

    richtingen = {per_sleutel[s].richting for s in gekozen}
    richting: Richting = next(r for r in sb.voorrang if r in richtingen)
    index = volgorde.index(van)
    naar: Samenwerkingsvorm | None = van
    hoofdzin: str
    if richting == "op":
        doel = index + 1
        for s in gekozen:
            grens = per_sleutel[s].minimaal
            if per_sleutel[s].richting == "op" and grens is not None:
                doel = max(doel, volgorde.index(vormtype(grens)))
        if index == len(volgorde) - 1:
            richting, hoofdzin = "blijven", sb.schakeling.hoogste.format(vorm=namen[van.value])
        else:
            naar = volgorde[min(doel, len(volgorde) - 1)]
            hoofdzin = sb.schakeling.op.format(van=namen[van.value], naar=namen[naar.value])
    elif richting == "terug":
        doel = index - 1
        for s in gekozen:
            grens = per_sleutel[s].maximaal
            if per_sleutel[s].richting == "terug" and grens is not None:
                doel = min(doel, volgorde.index(vormtype(grens)))
        if index == 0:
            richting, hoofdzin = "blijven", sb.schakeling.laagste.format(vorm=namen[van.value])
        else:
            naar = volgorde[max(doel, 0)]
            hoofdzin = sb.schakeling.terug.format(van=namen[van.value], naar=namen[naar.value])
    elif richting == "stap_terug":
        naar, hoofdzin = None, sb.schakeling.stap_terug
    else:
        hoofdzin = sb.schakeling.blijven.format(vorm=namen[van.value])

    winnend = next(r for r in sb.voorrang if r in richtingen)
    interventies: list[str] = []
    for groep in (winnend, "blijven"):
        for s in gekozen:
            if per_sleutel[s].richting == groep:
                interventies += [i for i in per_sleutel[s].interventies if i not in interventies]

    delen = [hoofdzin.strip()]
    eigen = [s for s in gekozen if s not in uit_toets]
    if eigen:
        delen.append(sb.schakeling.signalen.format(signalen="; ".join(per_sleutel[s].label for s in eigen)))
    if trede == "op_orde":
        delen.append(sb.schakeling.uit_toets_op_orde.strip())
    elif trede is not None and uit_toets:
        from samenwerkingscode.model.toets import toetsvraag

        delen.append(
            sb.schakeling.uit_toets.format(
                trede=toetsvraag(trede).vraag, signalen="; ".join(per_sleutel[s].label for s in uit_toets)
            )
        )
    if {"op", "terug"} <= richtingen:
        delen.append(sb.schakeling.tegenstrijdig.strip())
    return Schakeling(richting, naar, interventies, " ".join(delen), van, gekozen)
