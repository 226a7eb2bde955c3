"""Each helpline says, in sight and in small print, when its facts were last checked (issue 13).

The source and its date also sit under "More details"; a reader who never opens it still sees
how fresh the number is.
"""

from __future__ import annotations

import re

from babel import Locale
from babel.dates import format_date

from helpsite.i18n.filters import dated_locale


def _visible_cards(html: str) -> list[str]:
    """Each helpline card's text with its folded "More details" taken out."""
    cards = re.findall(r'<div class="card">\s*<h3>.*?</h3>(.*?)</div>', html, re.S)
    return [re.sub(r"<details>.*?</details>", "", card, flags=re.S) for card in cards]


def test_every_helpline_shows_its_checked_date_outside_the_fold(client, site):
    for country in site.countries.values():
        shown = country.shown(country.helplines)
        cards = _visible_cards(client.get(f"/en/{country.slug}").text)
        assert len(cards) == len(shown), country.code
        # The page orders lines its own way (the main line first): compare as multisets.
        wanted = sorted(
            format_date(h.verified, "long", locale=dated_locale(Locale("en"), country.code))
            for h in shown
        )
        seen = sorted(
            date
            for card in cards
            for date in re.findall(r'<small class="checked">Checked (.*?)</small>', card)
        )
        assert seen == wanted, country.code


def test_the_date_is_written_the_visitors_way(client):
    html = client.get("/ar/gb").text
    assert html.count('class="checked"') >= 1
    assert "Checked" not in html
