"""A help page saved by the browser (MHTML and HTML) and opened from disk, offline."""

from __future__ import annotations

import pytest

from qr.codes import new_code

pytestmark = pytest.mark.browser


@pytest.fixture
def saved(browser, live_server, tmp_path):
    """The help page a poster's code opens, saved as MHTML (CDP) and as HTML (its DOM)."""
    code = new_code("GB").compact
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/{code}")
    cdp = context.new_cdp_session(page)
    mhtml = cdp.send("Page.captureSnapshot", {"format": "mhtml"})["data"]
    files = {"mhtml": tmp_path / "Information.mhtml", "html": tmp_path / "Information.html"}
    files["mhtml"].write_text(mhtml, "utf-8")
    files["html"].write_text(page.content(), "utf-8")
    context.close()
    return code, files


@pytest.mark.parametrize("kind", ["mhtml", "html"])
def test_a_saved_page_opened_offline_shows_the_helplines_and_exits_to_the_neutral_page(
    browser, live_server, saved, kind
):
    code, files = saved
    assert code not in files[kind].read_text("utf-8")  # no location code in the file
    context = browser.new_context()
    context.set_offline(True)
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(files[kind].as_uri())
    assert page.is_visible("a.call[href='tel:+448000121700']")
    page.click(".exit-this-page__button", no_wait_after=True)
    page.wait_for_timeout(1000)
    neutral = f"{live_server}/healthz"
    assert neutral in asked, asked  # straight to the neutral page: not /exit, not file:///exit
    assert not any("/exit" in url for url in asked), asked
    if kind == "html":
        # The saved HTML runs the exit script: location.replace(), so Back has nowhere to go.
        page.go_back()
        assert page.url != files[kind].as_uri()
    context.close()


def test_no_console_errors_and_a_favicon_from_our_origin(page, live_server):
    errors, icons = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: icons.append(r.status) if "favicon" in r.url else None)
    page.goto(f"{live_server}/en/gb")
    page.wait_for_timeout(500)
    assert errors == []
    assert icons in ([], [200])  # headless chromium may not ask; when it asks, it gets one


# What a saved MHTML page's exit link could be (chromium runs no script in MHTML, and opens
# it sandboxed): as it is, targeting the top frame, opening a new tab, or a form.
MHTML_EXITS = {
    "link": "",
    "target=_top": "exit.target = '_top';",
    "target=_blank": "exit.target = '_blank'; exit.rel = 'noopener noreferrer';",
    "form": """const form = document.createElement('form');
        form.action = exit.href; form.innerHTML = '<button id=exit-form>Exit</button>';
        document.body.prepend(form);""",
}


@pytest.mark.parametrize("variant", MHTML_EXITS)
def test_no_exit_in_a_saved_mhtml_page_keeps_the_page_out_of_reach(
    browser, live_server, tmp_path, variant
):
    """Honest limit, said on the safety page: after the exit from a saved MHTML page, Back
    (or the tab left open) still shows it. If chromium changes, this test says so."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/en/gb")
    page.evaluate(
        "() => { const exit = document.querySelector('.exit-this-page__button'); "
        + MHTML_EXITS[variant]
        + " }"
    )
    cdp = context.new_cdp_session(page)
    saved = tmp_path / "Information.mhtml"
    saved.write_text(cdp.send("Page.captureSnapshot", {"format": "mhtml"})["data"], "utf-8")
    context.close()

    context = browser.new_context()
    page = context.new_page()
    page.goto(saved.as_uri())
    page.click("#exit-form" if variant == "form" else ".exit-this-page__button")
    page.wait_for_timeout(1000)
    if page.url == saved.as_uri():
        # Still showing the help page: a new tab opened beside it, or the sandbox refused.
        reachable = True
    else:
        assert page.url == f"{live_server}/healthz"
        page.go_back()
        reachable = page.url == saved.as_uri()
    context.close()
    assert reachable, f"{variant}: a saved MHTML page's exit now keeps Back off it"


def test_the_safety_page_says_back_can_return_to_a_saved_page(page, live_server):
    page.goto(f"{live_server}/en/safety")
    assert page.get_by_text(
        "On a page you saved, the Back button can still go back to it after the exit."
    ).is_visible()
