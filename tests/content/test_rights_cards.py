"""A rights card: plain words first, its law and source folded into one "Sources" disclosure."""

from __future__ import annotations

import re

from helpsite.web.templating import site_name


def cards(html: str) -> list[str]:
    section = html.split('aria-labelledby="rights"', 1)[1].split("</section>", 1)[0]
    # Each card folds under its title (issue 9: the page halves); its Sources fold inside.
    return section.split('<details class="card fold">')[1:]


def test_every_card_has_one_sources_disclosure_holding_its_law_and_source(client, site):
    gb = site.countries["GB"]
    html = client.get("/en/gb").text
    shown = cards(html)
    assert len(shown) == len(gb.shown(gb.rights))
    for card in shown:
        assert card.count("<details") == 1
        before, details = card.split("<details", 1)
        assert 'class="source"' not in before  # nothing of the sources above the fold
        assert re.search(r"<summary>Sources</summary>", details)
        assert "Source: " in details
    assert "Modern Slavery Act 2015, section 45" in shown[0].split("<details", 1)[1]
    assert site_name(gb.rights[0].source) in html


def test_the_disclosure_word_is_translated(client):
    assert "<summary>Quellen</summary>" in client.get("/de/gb").text
    assert "<summary>المصادر</summary>" in client.get("/ar/gb").text


def test_a_corrected_card_says_its_condition(client):
    """Issue 13: § 154c(2) StPO only for lesser offences; CESEDA L425-1 needs ties cut."""
    german = client.get("/en/de").text
    assert "less serious crimes (Vergehen)" in german
    french = client.get("/en/fr").text
    assert "cut all contact with the people who exploited you" in french
    australia = client.get("/en/au").text
    assert "90 days" not in australia.split('aria-labelledby="rights"', 1)[1]
