"""Verwachte automatische punten voor de gedeeltelijk goede antwoorden, met de hand beredeneerd.

Niet berekend met de nakijkcode zelf (dan zou een fout in de deelpuntenregel onopgemerkt blijven).
De antwoordbestanden staan in ``tests/cursus/modelantwoorden/deels/``.
"""

DEELS: dict[str, dict[str, float]] = {
    # 1a: 6 van de 9 canvasvelden gevuld → 9 × 6/9 = 6.
    "blok1": {"test_1a": 6.0},
    # 2a: 2 eenduidige relaties; praktijknetwerk als partnership (fout), aannemer goed → 2 × 1/2 = 1.
    "blok2": {"test_2a": 1.0},
    # 3a: graafwerk goed, hydrologie bij contract (fout), vernatting niet afgelopen → 3 × 1/3 = 1.
    "blok3": {"test_3a": 1.0},
    # 4a: kernzone als compromis (fout), de andere twee goed → 3 × 2/3 = 2.
    # 4b: in 2023 ontbreekt kan_budget, 2019 en 2021 volledig → 3 × 2/3 = 2.
    "blok4": {"test_4a": 2.0, "test_4b": 2.0},
    # 5a: 5 van de 9 velden → 5 × 5/9 = 2,78; 10 van de 19 deelvragen → 5 × 10/19 = 2,63.
    "blok5": {"test_5a_canvas": 2.78, "test_5a_toets": 2.63},
}
