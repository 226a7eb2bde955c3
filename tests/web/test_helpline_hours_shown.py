"""What the help page promises about when a line answers: only what its operator says."""

from __future__ import annotations

import re


def _cards(html: str) -> dict[str, str]:
    """Each helpline card's heading and text."""
    return {
        title: body
        for title, body in re.findall(r'<div class="card">\s*<h3>(.*?)</h3>(.*?)</div>', html, re.S)
    }


def test_polands_kcik_lines_do_not_promise_someone_at_night(client):
    cards = _cards(client.get("/en/pl").text)
    kcik = {title: body for title, body in cards.items() if title.startswith("KCIK")}
    assert len(kcik) == 2
    for title, body in kcik.items():
        assert "Open 24 hours" not in body, title
        assert "We could not confirm when this line answers." in body, title
        assert "weekdays" in body and "urgent matters" in body, title


def test_a_page_says_open_24_hours_only_for_lines_whose_data_says_so(client, site):
    for country in site.countries.values():
        html = client.get(f"/en/{country.slug}").text
        always = [h for h in country.shown(country.helplines) if h.hours and h.hours.always]
        assert html.count("Open 24 hours, every day") == len(always), country.code
