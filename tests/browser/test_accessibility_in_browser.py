"""axe-core (vendored under tests/fixtures/axe, never served) on visitor pages: no violation,
best-practice rules included."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import FIXTURES, visitor_urls

pytestmark = pytest.mark.browser

AXE = (FIXTURES / "axe" / "axe.min.js").read_text("utf-8")
RUN = """async () => {
    document.querySelectorAll('details').forEach((d) => { d.open = true; });
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(' '));
}"""


@pytest.fixture(scope="module")
def site():
    from helpsite.web.site import build_site
    from tests.conftest import Settings, replace

    return build_site(replace(Settings.from_env(), pseudo_locales=True))


def _urls(site) -> list[str]:
    """Every page in English and every language's UK help page; HELPSITE_AXE_ALL=1: all pages
    in all languages (about 500 pages, some 15 minutes on a shared 2-core machine)."""
    urls = visitor_urls(site)
    if os.environ.get("HELPSITE_AXE_ALL") == "1":
        return urls
    return [u for u in urls if u == "/" or u.startswith("/en/") or u.endswith("/gb")]


def test_axe_finds_no_violation_on_visitor_pages(browser, live_server, site):
    # The page's CSP allows only its own script: axe is injected past it, by the test alone.
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    problems = []
    for url in _urls(site):
        page.goto(live_server + url)
        page.evaluate(AXE)
        violations = page.evaluate(RUN)
        if violations:
            problems.append(f"{url}: {json.dumps(violations)}")
    context.close()
    assert problems == [], "\n".join(problems[:40])
