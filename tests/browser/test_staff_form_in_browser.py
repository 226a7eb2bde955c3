"""The staff form as a browser submits it: the same-origin check must let it through.

Every page sends ``Referrer-Policy: no-referrer``, so chromium sends ``Origin: null`` with
our own form; ``Sec-Fetch-Site: same-origin`` is what lets the check accept it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_poster_preview_works_from_the_real_form(page, live_server):
    seen = {}
    page.on(
        "request",
        lambda request: seen.update(request.headers) if request.method == "POST" else None,
    )
    page.goto(f"{live_server}/staff/posters?country=IE")
    page.select_option('select[name="format"]', "a6")
    page.fill('input[name="languages"]', "en")
    page.click('button[value="preview"]')
    page.wait_for_selector("img.preview", timeout=60_000)
    assert page.locator("img.preview").get_attribute("src").startswith("data:image/png;base64,")
    # The browser said "null", and the check let it through (Sec-Fetch-Site: same-origin
    # is added by the network stack, below what Playwright's request.headers shows).
    assert seen.get("origin") == "null"
