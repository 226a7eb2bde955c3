"""Location codes: an ISO country code plus 8 Crockford base32 characters.

The last character is a check character computed in GF(32) over the country
letters and the 7 body characters.  Because every weight is a distinct power of
a primitive element, any single mistyped character and any swap of two
neighbouring characters changes the check, so a misread poster is noticed
rather than silently sent somewhere else.

Printed form ``GB 7K2Q-9XM5``; URL form ``GB7K2Q9XM5`` (upper case so the QR
encoder can use alphanumeric mode).  Parsing forgives case, spaces and dashes
and maps O to 0 and I/L to 1, as Crockford base32 does.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 7
CODE_LENGTH = 2 + BODY_LENGTH + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -_.\t")

# GF(2^5) with the primitive polynomial x^5 + x^2 + 1.
_POLY = 0b100101


def _gf_mul(a: int, b: int) -> int:
    result = 0
    while b:
        if b & 1:
            result ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _POLY
    return result


def _powers(n: int) -> list[int]:
    out, x = [], 1
    for _ in range(n):
        out.append(x)
        x = _gf_mul(x, 2)
    return out


_WEIGHTS = _powers(CODE_LENGTH - 1)


def _country_value(letter: str) -> int:
    # Country letters share the body's symbol values (I/L read as 1, O as 0, U as V)
    # so that swapping the last country letter with the first body character is a
    # true transposition and is caught like any other.
    return _VALUE[letter.translate(_CONFUSABLE).replace("U", "V")]


def check_character(country: str, body: str) -> str:
    """The check character for a country (2 letters A-Z) and a 7-character body."""
    symbols = [_country_value(c) for c in country.upper()] + [_VALUE[c] for c in body]
    acc = 0
    for weight, value in zip(_WEIGHTS, symbols, strict=True):
        acc ^= _gf_mul(weight, value)
    return ALPHABET[acc]


class CodeStatus(enum.Enum):
    VALID = "valid"
    BAD_CHECK = "bad-check"  # right shape, wrong check character: likely a typo
    MALFORMED = "malformed"  # country prefix readable, the rest one character off


@dataclass(frozen=True)
class LocationCode:
    country: str  # ISO 3166-1 alpha-2, upper case
    body: str  # 7 characters
    check: str  # 1 character

    @property
    def compact(self) -> str:
        """The URL form: ``GB7K2Q9XM5``."""
        return f"{self.country}{self.body}{self.check}"

    @property
    def printed(self) -> str:
        """The human form printed beside the QR code: ``GB 7K2Q-9XM5``."""
        tail = self.body + self.check
        return f"{self.country} {tail[:4]}-{tail[4:]}"

    def __str__(self) -> str:
        return self.compact


@dataclass(frozen=True)
class ParsedCode:
    status: CodeStatus
    country: str | None
    code: LocationCode | None = None


def new_code(country: str, *, randbelow=secrets.randbelow) -> LocationCode:
    """A fresh random code for a country; unguessable so posters can't be enumerated."""
    country = _country(country)
    body = "".join(ALPHABET[randbelow(32)] for _ in range(BODY_LENGTH))
    return LocationCode(country, body, check_character(country, body))


def _country(country: str) -> str:
    country = country.strip().upper()
    if len(country) != 2 or not country.isascii() or not country.isalpha():
        raise ValueError(f"not an ISO country code: {country!r}")
    return country


def parse(text: str) -> ParsedCode | None:
    """Read a typed or scanned code; None when it is not a code at all."""
    cleaned = text.strip().upper().translate(_SEPARATORS)
    if len(cleaned) < 3 or not cleaned.isascii():
        return None
    country = cleaned[:2]
    if not country.isalpha():
        return None
    tail = cleaned[2:].translate(_CONFUSABLE)
    if abs(len(tail) - (BODY_LENGTH + 1)) > 1 or not tail.isalnum():
        return None
    if len(tail) != BODY_LENGTH + 1 or any(c not in _VALUE for c in tail):
        # A near miss: one character too many or too few, or a letter Crockford excludes.
        return ParsedCode(CodeStatus.MALFORMED, country)
    body, check = tail[:-1], tail[-1]
    code = LocationCode(country, body, check)
    if check_character(country, body) != check:
        return ParsedCode(CodeStatus.BAD_CHECK, country, code)
    return ParsedCode(CodeStatus.VALID, country, code)


def payload_url(base_url: str, code: LocationCode) -> str:
    """The QR payload: base URL plus code, upper case for alphanumeric-mode QR."""
    return f"{base_url.rstrip('/')}/{code.compact}".upper()
