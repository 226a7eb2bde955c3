"""Dates in the visitor's language with the country's conventions (en + GB: 22 November 2026)."""

from __future__ import annotations

import re

from babel import Locale

from helpsite.i18n.filters import dated_locale


def checked_dates(html: str) -> set[str]:
    return set(re.findall(r"checked (?:on )?([^<.]+\d{4})", html))


def test_a_uk_page_in_english_writes_dates_the_uk_way(client):
    dates = checked_dates(client.get("/en/gb").text)
    assert "22 November 2026" in dates
    assert not any(re.match(r"[A-Z][a-z]+ \d", d) for d in dates)  # no "November 22, 2026"


def test_a_us_page_in_english_writes_dates_the_us_way(client):
    assert "November 22, 2026" in checked_dates(client.get("/en/us").text)


def test_the_country_is_used_only_where_cldr_pairs_it_with_the_language():
    assert str(dated_locale(Locale.parse("en"), "AU")) == "en_AU"
    assert str(dated_locale(Locale.parse("fr"), "CA")) == "fr_CA"
    # CLDR has no Albanian for Viet Nam: the language's own conventions.
    assert str(dated_locale(Locale.parse("sq"), "VN")) == "sq"
    assert str(dated_locale(Locale.parse("zh_Hans"), "GB")) == "zh_Hans"
    assert dated_locale(Locale.parse("de"), None) == Locale.parse("de")


def test_a_language_without_the_pair_keeps_its_own_format(client):
    html = client.get("/de/gb").text
    assert "22. November 2026" in html
