"""Phone numbers, checked and formatted by Google's libphonenumber (``phonenumbers``).

Emergency and helpline numbers such as 999, 116 006 or 111 are short numbers:
they have no E.164 form and are dialled as they are, so they get their own path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import shortnumberinfo


@dataclass(frozen=True)
class PhoneNumber:
    raw: str  # as written in the data file
    region: str
    display: str  # national format, as people in the country write it
    dial: str  # what goes after tel:/sms:, E.164 for full numbers
    international: str | None  # +CC form for callers from a foreign phone; None for short numbers
    short: bool
    # libphonenumber lists the short number only as possible for the region, not valid:
    # it may be newer than the library's metadata. `helpsite check` warns about it.
    only_possible: bool = False


class PhoneNumberError(ValueError):
    """The number is not a valid number (or short number) for its region."""


# libphonenumber's "possible" test for short numbers looks at length alone; only
# numbers this short (112, 111, 116 006) are accepted on it, with a warning.
MAX_POSSIBLE_SHORT_DIGITS = 6


def parse_phone(raw: str, region: str, relay_prefixes: tuple[str, ...] = ()) -> PhoneNumber:
    """Check ``raw`` for ``region`` and give its display and dialling forms.

    ``relay_prefixes``: the country's text relay service puts one before any number (Relay
    UK: 18001 for a textphone user calling a voice line); they come from the country file's
    ``[[text_relay]]``, with a source, and the number after one is checked as usual.
    """
    region = region.upper()
    for prefix in relay_prefixes:
        if raw.startswith(prefix + " "):
            inner = parse_phone(raw[len(prefix) + 1 :], region)
            return PhoneNumber(
                raw=raw,
                region=region,
                display=f"{prefix} {inner.display}",
                # The relay service dials the number as written in the country.
                dial=prefix + re.sub(r"\D", "", inner.display),
                international=None,
                short=True,
                only_possible=inner.only_possible,
            )
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise PhoneNumberError(f"{raw!r} cannot be read as a phone number: {exc}") from None
    if phonenumbers.is_valid_number_for_region(number, region):
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        if not phonenumbers.can_be_internationally_dialled(number):
            # Such as Australia's 13 numbers: only reachable from inside the country,
            # so no +CC form is shown or dialled.
            return PhoneNumber(raw, region, national, re.sub(r"\D", "", national), None, False)
        return PhoneNumber(
            raw=raw,
            region=region,
            display=national,
            dial=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            international=phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            ),
            short=False,
        )
    valid_short = shortnumberinfo.is_valid_short_number_for_region(number, region)
    digits = phonenumbers.national_significant_number(number)
    possible_short = (
        len(digits) <= MAX_POSSIBLE_SHORT_DIGITS
        and not raw.strip().startswith("0")  # a trunk prefix: a cut-off long number
        and shortnumberinfo.is_possible_short_number_for_region(number, region)
    )
    if valid_short or possible_short:
        return PhoneNumber(
            raw=raw,
            region=region,
            display=raw.strip(),
            dial=digits,
            international=None,
            short=True,
            only_possible=not valid_short,
        )
    raise PhoneNumberError(f"{raw!r} is not a valid phone number or short number for {region}")


def parse_unlisted_short(raw: str, region: str) -> PhoneNumber:
    """A short number libphonenumber does not know for ``region``, taken on an official source.

    Some national lines (the Philippines' 1343, Greece's 1109) are missing from the
    library's short-number metadata: it calls them neither valid nor possible. The country
    file names the official page that publishes the code (``short_number_source``); the
    number is then dialled exactly as written, never given an invented +CC form. Only a
    plain run of three to six digits, without a trunk prefix, is accepted this way.
    """
    text = raw.strip()
    digits = re.sub(r"\s", "", text)
    if not re.fullmatch(r"\d+( \d+)*", text) or not 3 <= len(digits) <= MAX_POSSIBLE_SHORT_DIGITS:
        raise PhoneNumberError(
            f"{raw!r} is not a short number: only 3 to {MAX_POSSIBLE_SHORT_DIGITS} digits"
            " (spaces allowed) can be taken on a short_number_source"
        )
    if digits.startswith("0"):
        raise PhoneNumberError(f"{raw!r} starts with a trunk prefix 0: not a short number")
    return PhoneNumber(
        raw=raw,
        region=region.upper(),
        display=text,
        dial=digits,
        international=None,
        short=True,
    )
