"""A short number libphonenumber does not know is dialled as written, never as a made-up +CC form.

The Philippines' 1343 and Greece's 1109 are taken on their official sources
(``short_number_source``); a visitor's phone must dial exactly those digits.
"""

from __future__ import annotations

import re

import pytest

LINES = [("ph", "1343", "63"), ("gr", "1109", "30")]


@pytest.mark.parametrize(("slug", "number", "country_code"), LINES)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_line_dials_the_short_number_as_written(client, language, slug, number, country_code):
    html = client.get(f"/{language}/{slug}").text
    assert f'href="tel:{number}"' in html
    assert f"tel:+{country_code}{number}" not in html
    # No "from another country" form is invented for it.
    assert not re.search(rf"\+{country_code}\D{{0,3}}{number}", html)


@pytest.mark.parametrize(("slug", "number", "country_code"), LINES)
def test_the_site_loaded_the_line_as_a_short_number(site, slug, number, country_code):
    line = next(h for h in site.countries[slug.upper()].helplines if h.number.dial == number)
    assert line.number.short and line.number.international is None
    assert line.number.display == number
