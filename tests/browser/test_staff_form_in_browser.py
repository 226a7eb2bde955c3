"""The staff form as a browser submits it: the same-origin check must let it through.

Every page sends ``Referrer-Policy: no-referrer``, so chromium sends ``Origin: null`` with
our own form; ``Sec-Fetch-Site: same-origin`` is what lets the check accept it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_poster_preview_works_from_the_real_form(staff_page, live_server):
    page = staff_page
    seen = {}
    page.on(
        "request",
        lambda request: seen.update(request.headers) if request.method == "POST" else None,
    )
    page.goto(f"{live_server}/staff/posters?country=IE")
    page.select_option('select[name="format"]', "a6")
    page.evaluate("document.querySelectorAll('[name=languages]').forEach(b => b.checked = false)")
    page.check('input[name="languages"][value="en"]')
    page.click('button[value="preview"]')
    page.wait_for_selector("img.preview", timeout=60_000)
    assert page.locator("img.preview").get_attribute("src").startswith("data:image/png;base64,")
    # The browser said "null", and the check let it through (Sec-Fetch-Site: same-origin
    # is added by the network stack, below what Playwright's request.headers shows).
    assert seen.get("origin") == "null"


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_poster_form_fits_a_320_px_phone_with_errors_beside_fields(staff_page, live_server):
    page = staff_page
    page.goto(f"{live_server}/staff/posters?country=GB")
    assert _page_width(page) <= 320
    # Choosing a country fills in its format and languages (a US manager's first try works).
    page.select_option('select[name="country"]', "US")
    assert page.input_value('select[name="format"]') == "letter"
    checked = [
        b.get_attribute("value") for b in page.locator('input[name="languages"]:checked').all()
    ]
    assert checked[:2] == ["en", "es"]
    # A Letter poster without Spanish: the error stands beside the languages, page still fits.
    page.uncheck('input[name="languages"][value="es"]')
    page.click('button[value="pdf"]')
    page.wait_for_selector("#languages-error")
    assert (
        page.evaluate("document.getElementById('languages-error').closest('fieldset').id")
        == "languages"
    )
    assert "languages" in page.inner_text("#languages-error")
    assert _page_width(page) <= 320
    assert page.context.cookies() == []
