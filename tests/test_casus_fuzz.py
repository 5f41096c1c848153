"""Fuzzer voor ``regie casus controleer`` (issue 17 deel 4): elke invoer geeft 'In orde' of een Nederlandse fout.

Vaste zaad (``derandomize``), een begrensd aantal gevallen in de gewone run en veel meer onder ``traag``.
Per geval: geen traceback, geen algemene 'onverwachts'-melding (exitcode 2), geen Engelse PyYAML-tekst,
een begrensde melding, en binnen 5 seconden (een wekker per geval, geen tijdsmeting achteraf).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenwerkingscode import cli

BASIS = (Path(__file__).resolve().parents[1] / "casussen" / "sjabloon.yml").read_text(encoding="utf-8")
BASIS_DATA = yaml.safe_load(BASIS)
GRENS_SECONDEN = 5
ENGELS = (
    "could not",
    "expected <",
    "but found",
    "while scanning",
    "while parsing",
    "while constructing",
    "unacceptable character",
    "<unicode string>",
    "Traceback",
    "Error:",
    "Input should",
    "should have",
    "Value error",
    "Field required",
)
FRAGMENTEN = [
    "&a [*a]",
    "*onbekend",
    "&x",
    "2019-02-30",
    "0000-01-01",
    "2019-01-01T25:61:00+99:00",
    "1" * 5000,
    "-" + "9" * 60,
    "1e400",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "1_000",
    "? [a, b]\n: 1",
    "? {a: 1}\n: 2",
    "!!float abc",
    "!!int abc",
    "!!timestamp abc",
    "!!map x",
    "!!binary ###",
    "!!set {a, b}",
    "!!python/object/apply:os.system ['echo x']",
    "!onbekend x",
    "<<: {a: 1}",
    "<<: *a",
    "[" * 1200,
    "{" * 60,
    "]",
    "\x07",
    "\x00",
    "\t",
    "\ufeff",
    "\u202e",
    "\u200b",
    "\x85",
    "%YAML 1.1\n---",
    "%YAML 2.0",
    "%TAG ! tag:x,2000:",
    "---",
    "...",
    "'",
    '"',
    ":",
    "- ",
    "    ",
    "\r",
    "\r\n",
    "é",
    "~",
    "yes",
    "null",
    "|",
    ">-",
    "@",
    "`",
    "#",
    "a" * 20000,
]

TEKENS = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


def _lol(diepte: int, breedte: int) -> str:
    regels = ["a0: &a0 [" + ",".join(['"lol"'] * breedte) + "]"]
    regels += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * breedte) + "]" for i in range(1, diepte)]
    return "\n".join(regels) + "\ntitel: x\n"


@st.composite
def tekstueel(draw: st.DrawFn) -> bytes:
    """Mutaties op de ruwe YAML: fragmenten invoegen, regels weg/dubbel/wisselen, andere coderingen."""
    regels = BASIS.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        keuze = draw(st.sampled_from(["invoegen", "weg", "dubbel", "wissel", "vervang", "tekst"]))
        i = draw(st.integers(0, len(regels) - 1))
        if keuze == "invoegen":
            regel = regels[i]
            k = draw(st.integers(0, len(regel)))
            regels[i] = regel[:k] + draw(st.sampled_from(FRAGMENTEN)) + regel[k:]
        elif keuze == "weg" and len(regels) > 1:
            del regels[i]
        elif keuze == "dubbel":
            regels.insert(i, regels[i])
        elif keuze == "wissel":
            j = draw(st.integers(0, len(regels) - 1))
            regels[i], regels[j] = regels[j], regels[i]
        elif keuze == "vervang":
            regels[i] = "titel: " + draw(st.sampled_from(FRAGMENTEN))
        else:
            regels[i] += draw(TEKENS)
    tekst = "\n".join(regels) + "\n"
    codering = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1"]))
    ruw = tekst.encode(codering, errors="replace")
    if draw(st.booleans()) and len(ruw) > 10:
        ruw = ruw[: draw(st.integers(1, len(ruw) - 1))]
    return ruw


WAARDEN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**80), max_value=10**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.dates(min_value=dt.date(1, 1, 1))
    | TEKENS
    | st.sampled_from(["2019-02-30", "x" * 100_000, "", " ", "~", "yes", "no"]),
    lambda kinderen: st.lists(kinderen, max_size=5) | st.dictionaries(TEKENS, kinderen, max_size=5),
    max_leaves=20,
)


@st.composite
def structureel(draw: st.DrawFn) -> bytes:
    """Mutaties op de gegevens: velden weg, hernoemd of met een vreemde waarde, en diepe nesting."""
    data: dict[str, Any] = dict(BASIS_DATA)
    for _ in range(draw(st.integers(1, 3))):
        sleutel = draw(st.sampled_from(sorted(data) or ["titel"]))
        keuze = draw(st.sampled_from(["weg", "hernoem", "waarde", "diep"]))
        if keuze == "weg":
            data.pop(sleutel, None)
        elif keuze == "hernoem":
            data[draw(TEKENS) or "x"] = data.pop(sleutel, None)
        elif keuze == "waarde":
            data[sleutel] = draw(WAARDEN)
        else:
            waarde: Any = "x"
            for _ in range(draw(st.integers(1, 120))):
                waarde = [waarde] if draw(st.booleans()) else {"a": waarde}
            data[sleutel] = waarde
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


WILLEKEURIG = st.binary(max_size=400) | st.builds(_lol, st.integers(2, 9), st.integers(2, 10)).map(
    lambda t: t.encode("utf-8")
)
INVOER = tekstueel() | structureel() | WILLEKEURIG


class _TeLang(BaseException):
    """Geen Exception: de CLI mag hem niet wegvangen als gewone fout."""


@contextlib.contextmanager
def _wekker(seconden: int) -> Iterator[None]:
    def af(*_: object) -> None:
        raise _TeLang(f"een geval duurde langer dan {seconden} s")

    vorige = signal.signal(signal.SIGALRM, af)
    signal.alarm(seconden)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, vorige)


def controleer_geval(inhoud: bytes, map_: Path) -> None:
    pad = map_ / "geval.yml"
    pad.write_bytes(inhoud)
    uit, fout = io.StringIO(), io.StringIO()
    with _wekker(GRENS_SECONDEN), contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
        code = cli.main(["casus", "controleer", str(pad)])
    melding = fout.getvalue()
    assert code in (0, 1), f"exitcode {code}: {melding[:500]}"
    assert "onverwachts" not in melding, melding[:500]
    for engels in ENGELS:
        assert engels not in melding, f"Engelse tekst {engels!r} in: {melding[:500]}"
    assert len(melding) < 40_000, "een melding herhaalt de invoer niet onbegrensd"
    if code == 0:
        assert "Casus:" in uit.getvalue()
    else:
        assert melding.startswith("Fout") and "geval.yml" in melding, melding[:200]


GEMEEN = dict(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
"""Vast zaad, geen voorbeelddatabase (CI begint schoon), geen deadline (de wekker bewaakt de tijd)."""


@settings(max_examples=250, **GEMEEN)
@given(inhoud=INVOER)
def test_fuzz_casus_controleer(inhoud: bytes, tmp_path: Path) -> None:
    controleer_geval(inhoud, tmp_path)


@pytest.mark.traag
@settings(max_examples=5000, **GEMEEN)
@given(inhoud=INVOER)
def test_fuzz_casus_controleer_veel(inhoud: bytes, tmp_path: Path) -> None:
    controleer_geval(inhoud, tmp_path)
