"""Help on the first screen of a small phone, in every language and every country."""

from __future__ import annotations

import pytest

from qr.codes import new_code
from tests.conftest import visitor_urls

pytestmark = pytest.mark.browser

PHONES = [(360, 740), (320, 568)]

# The exit, the emergency call button and the main (trafficking) helpline's call button:
# each wholly inside the viewport, the exit above both buttons.
MEASURE = """() => {
    const box = (el) => el && el.getBoundingClientRect().toJSON();
    const exit = box(document.querySelector('.exit-this-page__button'));
    const danger = box(document.querySelector('.danger a.call'));
    const helpline = box(document.querySelector('section[aria-labelledby=helplines] .card a.call'));
    const hasHelplines = !!document.querySelector('section[aria-labelledby=helplines]');
    const inside = (b) => !!b && b.left >= 0 && b.right <= innerWidth && b.top >= 0
        && b.bottom <= innerHeight;
    return {
        exit: inside(exit),
        danger: inside(danger) && danger.top >= exit.bottom,
        // A country whose helplines are all unconfirmed shows none (France today).
        helpline: !hasHelplines || (inside(helpline) && helpline.top >= exit.bottom),
    };
}"""
ALL_ON_SCREEN = {"exit": True, "danger": True, "helpline": True}


def _help_urls(site) -> list[str]:
    return [url for url in visitor_urls(site) if url.count("/") == 2 and not url.endswith("/")]


@pytest.fixture(scope="module")
def site():
    from helpsite.web.site import build_site
    from tests.conftest import Settings, replace

    return build_site(replace(Settings.from_env(), pseudo_locales=True))


def test_emergency_and_helpline_buttons_are_on_the_first_screen(browser, live_server, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    problems = []
    for url in _help_urls(site):
        if url.endswith(("/safety", "/privacy")):
            continue
        page.goto(live_server + url)
        for width, height in PHONES:
            page.set_viewport_size({"width": width, "height": height})
            state = page.evaluate(MEASURE)
            if state != ALL_ON_SCREEN:
                problems.append(f"{url} at {width}x{height}: {state}")
    context.close()
    assert problems == [], "\n".join(problems)


def test_a_code_landing_ends_at_the_country_with_help_on_the_first_screen(
    browser, live_server, site
):
    context = browser.new_context(viewport={"width": 320, "height": 568})
    problems = []
    for country in site.countries.values():
        code = new_code(country.code).compact
        page = context.new_page()  # history: about:blank, then the help page, never the code
        page.goto(f"{live_server}/{code}")
        state = page.evaluate(MEASURE)
        landed = page.evaluate("[location.pathname + location.search, history.length]")
        if state != ALL_ON_SCREEN or landed != [f"/en/{country.slug}", 2]:
            problems.append(f"/{code}: {state} {landed}")
        if code in page.content():
            problems.append(f"/{code}: the code is in the page")
        page.close()
    context.close()
    assert problems == [], "\n".join(problems)


def test_no_page_scrolls_sideways_at_320px_with_200_percent_text(browser, live_server, site):
    context = browser.new_context(viewport={"width": 320, "height": 568})
    page = context.new_page()
    problems = []
    for url in visitor_urls(site):
        page.goto(live_server + url)
        # Text zoom: every size on the page is in rem, so this doubles all text.
        overflow = page.evaluate(
            """() => {
                document.documentElement.style.fontSize = '200%';
                document.querySelectorAll('details').forEach((d) => { d.open = true; });
                return document.scrollingElement.scrollWidth - innerWidth;
            }"""
        )
        if overflow > 0:
            problems.append(f"{url}: {overflow}px")
    context.close()
    assert problems == [], "\n".join(problems)
