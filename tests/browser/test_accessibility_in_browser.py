"""axe-core (vendored under tests/fixtures/axe, never served) on every visitor page in every
language: no violation, best-practice rules included.

In CI (HELPSITE_CI=1) or with HELPSITE_AXE_ALL=1: all of them (about 1,000 pages) in one
browser, a few contexts side by side (while one page runs axe another loads), axe registered
once per context as an init script. Elsewhere: every page in English and every language's UK
help page.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import FIXTURES, IN_CI, visitor_urls

pytestmark = pytest.mark.browser

AXE = (FIXTURES / "axe" / "axe.min.js").read_text("utf-8")
RUN = """async () => {
    document.querySelectorAll('details').forEach((d) => { d.open = true; });
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(' '));
}"""
CONTEXTS = 3


@pytest.fixture(scope="module")
def site():
    from helpsite.web.site import build_site
    from tests.conftest import Settings, replace

    return build_site(replace(Settings.from_env(), pseudo_locales=True))


def _urls(site) -> list[str]:
    urls = visitor_urls(site)
    if IN_CI or os.environ.get("HELPSITE_AXE_ALL") == "1":
        return urls
    return [u for u in urls if u == "/" or u.startswith("/en/") or u.endswith("/gb")]


async def _check(base: str, urls: list[str]) -> list[str]:
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        async def worker() -> None:
            # The page's CSP allows only its own script: axe is added past it, by the test.
            context = await browser.new_context(
                bypass_csp=True, viewport={"width": 360, "height": 740}
            )
            await context.add_init_script(AXE)
            page = await context.new_page()
            while not queue.empty():
                url = queue.get_nowait()
                await page.goto(base + url)
                violations = await page.evaluate(RUN)
                if violations:
                    problems.append(f"{url}: {json.dumps(violations)}")
            await context.close()

        await asyncio.gather(*(worker() for _ in range(CONTEXTS)))
        await browser.close()
    return problems


def test_axe_finds_no_violation_on_visitor_pages(browser, live_server, site):
    # ``browser``: skips where chromium is absent. Playwright's sync API (the other tests')
    # owns this thread, so the async run gets a thread of its own.
    urls = _urls(site)
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["problems"] = asyncio.run(_check(live_server, urls))
        except BaseException as error:  # re-raised in the test's own thread
            result["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    problems = result["problems"]
    assert problems == [], "\n".join(problems[:40])
