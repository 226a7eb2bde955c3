"""A help page a frightened person can scroll: half as long as before issue 9, in English and in
the language that makes pages longest, for every country."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# /en/gb at 360x740 was 10,263 px tall before issue 9 (the measurement): half of it.
BUDGET_PX = 10_263 // 2
# Russian made /gb the tallest of all 34 languages (9,030 px at 360 px before the folds).
LANGUAGES = ["en", "ru"]


@pytest.fixture(scope="module")
def site():
    from helpsite.web.site import build_site
    from tests.conftest import Settings, replace

    return build_site(replace(Settings.from_env(), pseudo_locales=True))


def test_every_help_page_is_within_half_its_old_length(browser, live_server, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    heights = {}
    for slug in LANGUAGES:
        for country in site.countries.values():
            page.goto(f"{live_server}/{slug}/{country.slug}")
            heights[f"/{slug}/{country.slug}"] = page.evaluate(
                "document.scrollingElement.scrollHeight"
            )
    context.close()
    too_long = {url: px for url, px in heights.items() if px > BUDGET_PX}
    assert too_long == {}, f"over {BUDGET_PX} px: {too_long}"
