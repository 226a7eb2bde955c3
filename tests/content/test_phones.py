"""Phone numbers: validated by libphonenumber, shown nationally, dialled in E.164."""

from __future__ import annotations

import pytest

from helpsite.content.phones import PhoneNumberError, parse_phone


def test_a_full_number_gets_e164_and_national_forms():
    number = parse_phone("08000 121 700", "GB")
    assert number.dial == "+448000121700"
    assert number.display == "0800 012 1700"
    assert number.international == "+44 800 012 1700"
    assert not number.short


def test_a_number_not_diallable_from_abroad_has_no_international_form():
    number = parse_phone("13 12 37", "AU")  # Australian Federal Police: 13 numbers
    assert number.dial == "131237"
    assert number.international is None


def test_a_relay_prefix_dials_the_number_as_written_in_the_country():
    assert parse_phone("18001 101", "GB", ("18001",)).dial == "18001101"
    assert parse_phone("18001 0800 012 1700", "GB", ("18001",)).dial == "1800108000121700"


def test_a_relay_prefix_is_only_known_from_the_data():
    with pytest.raises(PhoneNumberError):
        parse_phone("18001 101", "GB")


@pytest.mark.parametrize(("raw", "region"), [("999", "GB"), ("112", "DE"), ("116 006", "AL")])
def test_short_numbers_are_dialled_as_they_are(raw, region):
    number = parse_phone(raw, region)
    assert number.short and number.international is None
    assert number.dial == raw.replace(" ", "")


@pytest.mark.parametrize(
    ("raw", "region"), [("08000 121 700 99", "GB"), ("hello", "GB"), ("1", "US")]
)
def test_invalid_numbers_are_refused(raw, region):
    with pytest.raises(PhoneNumberError):
        parse_phone(raw, region)
