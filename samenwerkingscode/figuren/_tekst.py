"""Eén tekstpasser voor alle figuren: opschonen, meten met de renderer, over regels breken, inkorten met "…".

De poster en de beslisboom gebruiken dezelfde :class:`Tekstmeter`, zodat een verbetering (sneller
meten, een onbreekbaar woord, een vreemd teken) overal tegelijk geldt. Alle maten zijn in de
eenheid van de figuur (mm voor de poster, inch voor de beslisboom): de meter rekent pixels om.

Waarom opschonen: tekst komt uit casusbestanden die mensen typen of plakken. Tekens zonder breedte
(U+FEFF, U+200B, zachte afbreekstreepjes) en stuurtekens laten de pdf-backend van matplotlib
vastlopen of tekenen lege vakjes; een teken dat de letter niet heeft (emoji, CJK) wordt een
zichtbaar □ in plaats van een Engelse waarschuwing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from samenwerkingscode.figuren import _matplotlib, _stijl

if TYPE_CHECKING:
    from matplotlib.font_manager import FontProperties

#: Wat een teken wordt dat de letter niet heeft.
ONTBREEKT = "□"
#: Smalste gewone teken van DejaVu Sans is ±0,27 em; hiermee begrenzen we hoeveel tekens een regel
#: hooguit kan bevatten, zodat een "woord" van 50.000 tekens nooit in zijn geheel gemeten wordt.
_SMALSTE_EM = 0.2
_SCHAAL_PT = 100.0  # maat waarop de voorloopbreedtes per letter eenmalig worden gelezen
_PT_PER_INCH = 72.0


def schoon(tekst: str) -> str:
    """Tekst zonder onzichtbare tekens en stuurtekens; tabs en regeleinden blijven (als spatie of regel)."""
    if tekst.isascii() and tekst.isprintable():
        return tekst
    uit = []
    for teken in unicodedata.normalize("NFC", tekst):
        if teken == "\n":
            uit.append(teken)
            continue
        soort = unicodedata.category(teken)
        if teken in "\t\r\v\f" or soort in ("Zl", "Zp"):
            uit.append(" ")
        elif soort in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue  # nul-breedte, stuurteken, losse surrogaat, privé of niet toegekend
        else:
            uit.append(teken)
    return "".join(uit)


class Tekstmeter:
    """Meet en breekt tekst met de renderer van matplotlib, in de eenheid van de figuur.

    ``px_per_eenheid``: hoeveel pixels van de renderer één eenheid zijn (dpi / 25,4 voor mm, dpi
    voor inch). ``cache``: een gedeelde dict voor gemeten breedtes, als teksten vaak terugkomen.
    """

    def __init__(
        self,
        renderer: Any,
        dpi: float,
        px_per_eenheid: float,
        cache: dict[tuple[str, float, str, str], float] | None = None,
    ) -> None:
        self.renderer = renderer
        self.dpi = dpi
        self.px_per_eenheid = px_per_eenheid
        self._breedtes = cache if cache is not None else {}
        self._meting: Callable[..., tuple[float, float, float]] | None = _matplotlib.tekstmeting()
        self._voorloop: dict[str, tuple[dict[str, float], Any]] = {}
        self._paden: dict[tuple[str, str], str] = {}
        self._letters: dict[tuple[float, str, str], FontProperties] = {}
        self._heeft: dict[tuple[str, str], bool] = {}

    # ---- letters en tekens --------------------------------------------------------------------

    def letter(self, grootte: float, gewicht: str = "normal", stijl: str = "normal") -> FontProperties:
        sleutel = (grootte, gewicht, stijl)
        if sleutel not in self._letters:
            from matplotlib.font_manager import FontProperties

            self._letters[sleutel] = FontProperties(family=_stijl.LETTERTYPE, size=grootte, weight=gewicht, style=stijl)
        return self._letters[sleutel]

    def _pad_van(self, prop: FontProperties) -> str:
        sleutel = (str(prop.get_weight()), prop.get_style())
        if sleutel not in self._paden:
            from matplotlib.font_manager import findfont

            self._paden[sleutel] = str(findfont(prop))
        return self._paden[sleutel]

    def _font(self, prop: FontProperties) -> tuple[dict[str, float], Any]:
        pad = self._pad_van(prop)
        if pad not in self._voorloop:
            from matplotlib.ft2font import FT2Font

            font = FT2Font(pad)
            font.set_size(_SCHAAL_PT, 72)
            self._voorloop[pad] = ({}, font)
        return self._voorloop[pad]

    def zichtbaar(self, tekst: str, *props: FontProperties) -> str:
        """Opgeschoonde tekst waarin elk teken dat een van de letters mist een □ is (geen Engelse waarschuwing)."""
        tekst = schoon(tekst)
        if tekst.isascii():
            return tekst
        fonts = [self._font(p)[1] for p in (props or (self.letter(10.0),))]
        uit = []
        for teken in tekst:
            if teken.isascii() or teken == ONTBREEKT:
                uit.append(teken)
                continue
            for font in fonts:
                sleutel = (font.fname, teken)
                if sleutel not in self._heeft:
                    self._heeft[sleutel] = bool(font.get_char_index(ord(teken)))
                if not self._heeft[sleutel]:
                    uit.append(ONTBREEKT)
                    break
            else:
                uit.append(teken)
        return "".join(uit)

    # ---- meten ---------------------------------------------------------------------------------

    def breedte(self, tekst: str, prop: FontProperties) -> float:
        """Breedte van één regel, gemeten met de renderer."""
        sleutel = (tekst, prop.get_size_in_points(), str(prop.get_weight()), prop.get_style())
        if sleutel not in self._breedtes:
            if self._meting is not None:
                b, _, _ = self._meting(self.renderer, tekst, prop, False, self.dpi)
            else:
                b, _, _ = self.renderer.get_text_width_height_descent(tekst, prop, ismath=False)
            self._breedtes[sleutel] = b / self.px_per_eenheid
        return self._breedtes[sleutel]

    def _eenheid_per_pt(self) -> float:
        return self.dpi / _PT_PER_INCH / self.px_per_eenheid

    def schatting(self, tekst: str, prop: FontProperties) -> float:
        """Breedte uit de ongehinte voorloopbreedtes per letter: snel, maar tot een paar procent ernaast.

        Alleen om te raden waar een regel breekt; :meth:`breek` controleert die gok met de renderer.
        """
        from matplotlib.ft2font import LoadFlags

        breedtes, font = self._font(prop)
        totaal = 0.0
        for letter in tekst:
            b = breedtes.get(letter)
            if b is None:
                if font.get_char_index(ord(letter)):
                    b = font.load_char(ord(letter), flags=LoadFlags.NO_HINTING).linearHoriAdvance / 65536 / _SCHAAL_PT
                else:
                    b = 0.6  # niet in de letter: de renderer beslist toch
                breedtes[letter] = b
            totaal += b
        return totaal * prop.get_size_in_points() * self._eenheid_per_pt()

    def max_tekens(self, prop: FontProperties, breedte: float) -> int:
        """Meer tekens dan dit passen nooit op een regel van ``breedte`` (hoe smal de letters ook zijn)."""
        em = prop.get_size_in_points() * self._eenheid_per_pt()
        return max(1, int(breedte / (_SMALSTE_EM * em)) + 1)

    # ---- breken ----------------------------------------------------------------------------------

    def breek(
        self,
        tekst: str,
        prop: FontProperties,
        breedte: float,
        max_regels: int | None = None,
        afbreekteken: str = "",
    ) -> tuple[list[str], bool]:
        """Verdeel tekst over regels die binnen ``breedte`` passen; (regels, alles_past).

        Gulzig: zoveel woorden op een regel als passen. Een woord dat zelf te breed is, wordt
        gesplitst (met ``afbreekteken`` achter elk deel). Met ``max_regels`` stopt het breken daar
        (dan is ``alles_past`` False); de tekst wordt vooraf begrensd op wat in die regels kan
        staan, zodat de tijd nooit met de lengte van de tekst meegroeit.
        """
        grens = None if max_regels is None else max(0, max_regels) * self.max_tekens(prop, breedte)
        afgekapt = grens is not None and len(tekst) > grens + 1
        if afgekapt:
            tekst = tekst[: grens + 1]
        regels: list[str] = []
        woorden = tekst.split()
        huidig = ""
        i = 0
        vol = max_regels if max_regels is not None else len(tekst) + 1
        while i < len(woorden):
            n = self._aantal_dat_past(huidig, woorden, i, prop, breedte)
            if n:
                huidig = " ".join([huidig, *woorden[i : i + n]]) if huidig else " ".join(woorden[i : i + n])
                i += n
                if i == len(woorden):
                    break
            woord = woorden[i]
            i += 1
            if huidig:
                regels.append(huidig)
                if len(regels) >= vol:
                    return regels, False
            while len(woord) > 1 and self._te_breed(woord + afbreekteken, prop, breedte):
                n = self._langste_begin(woord, prop, breedte, afbreekteken)
                regels.append(woord[:n] + afbreekteken)
                woord = woord[n:]
                if len(regels) >= vol:
                    return regels, False
            huidig = woord
        if huidig:
            regels.append(huidig)
        return regels, len(regels) <= vol and not afgekapt

    def breek_alineas(self, tekst: str, prop: FontProperties, breedte: float, afbreekteken: str = "-") -> str:
        """Zoals :meth:`breek`, maar een regeleinde in de tekst blijft staan; geeft de regels als één tekst."""
        return "\n".join(
            "\n".join(self.breek(alinea, prop, breedte, afbreekteken=afbreekteken)[0]) for alinea in tekst.split("\n")
        )

    def _te_breed(self, tekst: str, prop: FontProperties, breedte: float) -> bool:
        return len(tekst) > self.max_tekens(prop, breedte) or self.breedte(tekst, prop) > breedte

    def _aantal_dat_past(
        self, huidig: str, woorden: list[str], begin: int, prop: FontProperties, breedte: float
    ) -> int:
        """Hoeveel woorden vanaf ``begin`` er nog achter ``huidig`` passen (gemeten, niet geschat).

        Een regel wordt breder met elk woord erbij, dus het antwoord is het aantal vóór de eerste
        kandidaat die niet past. De schatting wijst die kandidaat aan; de renderer bevestigt hem
        (de kandidaat ervoor past, deze niet) of schuift op. Zo is de uitkomst dezelfde als bij
        het meten van elke kandidaat, met meestal twee metingen per regel.
        """
        limiet = self.max_tekens(prop, breedte)

        def kandidaat(n: int) -> str:
            return " ".join([huidig, *woorden[begin : begin + n]]) if huidig else " ".join(woorden[begin : begin + n])

        def past(n: int) -> bool:
            tekst = kandidaat(n)
            return len(tekst) <= limiet and self.breedte(tekst, prop) <= breedte

        rest = len(woorden) - begin
        gok = 0
        lengte = len(huidig)
        while gok < rest:
            lengte += len(woorden[begin + gok]) + 1
            if lengte > limiet + 1 or self.schatting(kandidaat(gok + 1), prop) > breedte:
                break
            gok += 1
        if gok and not past(gok):
            gok -= 1
            while gok and not past(gok):
                gok -= 1
            return gok
        while gok < rest and past(gok + 1):
            gok += 1
        return gok

    def _langste_begin(self, woord: str, prop: FontProperties, breedte: float, afbreekteken: str = "") -> int:
        """Het langste begin van ``woord`` (minstens 1 teken) dat met ``afbreekteken`` erachter past.

        De schatting wijst het breekpunt aan; de renderer bevestigt het of schuift een teken op. Zo
        kost een regel van een onbreekbaar woord meestal twee metingen in plaats van een zoektocht.
        """
        hoog = min(len(woord) - 1, self.max_tekens(prop, breedte))
        if hoog <= 1:
            return 1
        schaal = prop.get_size_in_points() * self._eenheid_per_pt()
        breedtes, _ = self._font(prop)
        self.schatting(woord[:hoog] + afbreekteken, prop)  # vult de breedte per letter
        totaal = sum(breedtes[c] for c in afbreekteken) * schaal
        gok = 0
        for teken in woord[:hoog]:
            totaal += breedtes[teken] * schaal
            if totaal > breedte:
                break
            gok += 1
        gok = max(1, gok)

        def past(n: int) -> bool:
            return self.breedte(woord[:n] + afbreekteken, prop) <= breedte

        if past(gok):
            while gok < hoog and past(gok + 1):
                gok += 1
        else:
            while gok > 1 and not past(gok - 1):
                gok -= 1
            gok = max(1, gok - 1)
        return gok

    def met_beletsel(self, regel: str, prop: FontProperties, breedte: float) -> str:
        """Zet "…" achter een regel; haal woorden (of letters) weg tot het past."""
        regel = regel[: self.max_tekens(prop, breedte)]
        woorden = regel.split()
        while woorden:
            kandidaat = " ".join(woorden) + " …"
            if self.breedte(kandidaat, prop) <= breedte:
                return kandidaat
            if len(woorden) == 1:
                woord = woorden[0]
                n = self._langste_begin(woord + " ", prop, breedte, "…") if len(woord) > 1 else 1
                return woord[:n] + "…"
            woorden.pop()
        return "…"


__all__ = ["ONTBREEKT", "Tekstmeter", "schoon"]
