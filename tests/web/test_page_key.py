"""A page is a function of its PageKey: the cache can never hand one visitor's page to another."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from helpsite.web.page_key import PageKey
from helpsite.web.pages import open_states

# Tuesday 1 December 2026: 03:00 UTC is night in Europe, 11:00 UTC is office hours.
NIGHT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
DAY = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


def fresh(site, key: PageKey) -> str:
    """The page rendered from the key's own context, past the cache."""
    template, context = key.template_and_context(site)
    return site.render_page(template, site.languages[key.language], **context)


def every_key(site) -> list[PageKey]:
    keys = []
    for language in site.languages:
        keys += [PageKey.chooser(language), PageKey.chooser(language, not_found=True)]
        keys += [PageKey.language_page(name, language) for name in ("safety", "privacy")]
        for country in site.countries:
            for now in (NIGHT, DAY):
                for note in (None, "mistyped"):
                    keys.append(PageKey.help(site, language, country, note, now))
    return keys


def test_every_cached_page_is_the_page_of_its_own_key(site):
    keys = every_key(site)
    for key in keys:
        site.render(key)  # fill the cache in this order
    wrong = [key for key in keys if site.render(key) != fresh(site, key)]
    assert wrong == []


def test_a_country_with_office_hours_gets_two_pages_for_two_open_states(site):
    country = site.countries["NL"]  # lines open in office hours only
    assert open_states(country, NIGHT) != open_states(country, DAY)
    night = PageKey.help(site, "en", country.code, now=NIGHT)
    day = PageKey.help(site, "en", country.code, now=DAY)
    assert night != day
    assert site.render(night) != site.render(day)
    assert site.render(night) == fresh(site, night) and site.render(day) == fresh(site, day)


@pytest.mark.parametrize(
    "change",
    [
        {"language": "ar"},
        {"country": "IE"},
        {"code_note": "mistyped"},
        {"not_found": True},
    ],
)
def test_a_key_that_differs_in_anything_is_another_page(site, change):
    key = PageKey.help(site, "en", "GB", now=DAY)
    other = replace(key, **change)
    if "country" in change:
        other = replace(other, open_now=open_states(site.countries["IE"], DAY))
    assert other != key
    if change != {"not_found": True}:  # the help page does not show the 404 flag
        assert site.render(other) != site.render(key)


def test_equal_keys_build_equal_contexts(site):
    first = PageKey.help(site, "ro", "GB", "mistyped", DAY)
    second = PageKey.help(site, "ro", "GB", "mistyped", DAY)
    assert first == second and hash(first) == hash(second)
    assert first.template_and_context(site) == second.template_and_context(site)
