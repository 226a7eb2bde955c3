import random

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st
from qr_samples import code_for

from qr.codes import ALPHABET, BODY_LENGTH, CodeStatus, new_code, parse, payload_url
from qr.layout import make_symbol

# A few fixed codes, including ones whose body holds 0 and 1 (the confusable digits).
CODES = [
    code_for("GB", "7K2Q9XM"),
    code_for("US", "0A1B2C3"),
    code_for("ER", "ZZZZZZZ"),
    code_for("IL", "1010101"),
    code_for("VN", "HJKMNPQ"),
]
# Country letters share the body's symbol values, so these pairs read alike by design
# (I/L are both "1", U is read as V): substituting or swapping them within the country
# (IL <-> LI) cannot change the check.  Known limit of qr/codes.py, not tested as detected.
_SAME_VALUE = {frozenset("IL"), frozenset("UV")}


def _not_valid(text: str) -> bool:
    parsed = parse(text)
    return parsed is None or parsed.status is not CodeStatus.VALID


@pytest.mark.parametrize("code", CODES, ids=str)
def test_every_single_substitution_is_detected(code):
    compact = code.compact
    assert parse(compact).status is CodeStatus.VALID
    tried = 0
    for i, original in enumerate(compact):
        replacements = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if i < 2 else ALPHABET
        for new in replacements:
            if new == original or (i < 2 and frozenset((new, original)) in _SAME_VALUE):
                continue
            mutated = compact[:i] + new + compact[i + 1 :]
            assert _not_valid(mutated), f"{compact} -> {mutated} not detected"
            tried += 1
    assert tried > 250


@pytest.mark.parametrize("code", CODES, ids=str)
def test_every_adjacent_swap_is_detected(code):
    compact = code.compact
    swaps = 0
    for i in range(len(compact) - 1):
        a, b = compact[i], compact[i + 1]
        if a == b or (i == 0 and frozenset((a, b)) in _SAME_VALUE):
            continue
        swapped = compact[:i] + b + a + compact[i + 2 :]
        assert _not_valid(swapped), f"{compact} -> {swapped} not detected"
        swaps += 1
    assert swaps >= 1


@pytest.mark.parametrize(
    "typed",
    [
        "us 0a1b-2c3{check}",
        "US 0A1B 2C3{check}",
        "  us-0a1b-2c3{check} ",
        "USOA1B2C3{check}",  # O typed for 0
        "US0AIB2C3{check}",  # I typed for 1
        "us0alb2c3{check}",  # l typed for 1
        "U S 0 A 1 B 2 C 3 {check}",
    ],
)
def test_parse_forgives_case_spaces_dashes_and_confusables(typed):
    code = CODES[1]
    parsed = parse(typed.format(check=code.check.lower()))
    assert parsed is not None
    assert parsed.status is CodeStatus.VALID
    assert parsed.code == code


def test_parse_tells_typos_from_non_codes():
    code = CODES[0]
    assert parse("hello") is None
    assert parse("12") is None
    assert parse(code.compact[:-1]).status is CodeStatus.MALFORMED  # one character short
    typo = code.compact[:-1] + ("0" if code.check != "0" else "1")
    assert parse(typo).status is CodeStatus.BAD_CHECK


def test_printed_and_compact_forms():
    code = CODES[0]
    assert code.printed == f"GB 7K2Q-9XM{code.check}"
    assert code.compact == f"GB7K2Q9XM{code.check}"


@pytest.mark.parametrize("base", ["https://help.example.org", "HTTPS://Help.Example.org/"])
@pytest.mark.parametrize("code", CODES, ids=str)
def test_payload_is_upper_case_alphanumeric_mode(base, code):
    url = payload_url(base, code)
    assert url == f"HTTPS://HELP.EXAMPLE.ORG/{code.compact}"
    assert segno.make_qr(url, error="h").mode == "alphanumeric"
    symbol = make_symbol(url)
    assert symbol.mode == "alphanumeric"
    assert symbol.error == "H"
    assert not symbol.is_micro


def test_lower_case_payload_would_need_byte_mode():
    # Why the payload is upper case: the same URL in lower case needs a bigger symbol.
    url = payload_url("https://help.example.org", CODES[0])
    lower = segno.make_qr(url.lower(), error="h")
    assert lower.mode == "byte"
    assert lower.version > make_symbol(url).version


@given(
    country=st.sampled_from(["GB", "US", "ER", "VN", "NG", "AL"]),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_new_codes_parse_back(country, seed):
    rng = random.Random(seed)
    code = new_code(country, randbelow=rng.randrange)
    assert len(code.body) == BODY_LENGTH
    parsed = parse(code.printed)
    assert parsed.status is CodeStatus.VALID and parsed.code == code
