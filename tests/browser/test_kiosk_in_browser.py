"""The kiosk in Debian's chromium: idle reset, Done, exit, history, take-away QR, slip, layout.

Timers run on Playwright's fake clock, so a 90-second idle reset takes no time.
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import replace

import pypdfium2
import pytest
import uvicorn
import zxingcpp
from PIL import Image

from helpsite.settings import Settings
from helpsite.web.app import create_app
from tests.serving import free_port

pytestmark = pytest.mark.browser

IDLE = 5  # seconds, a short idle timeout for the tests
VIEWPORTS = {
    "portrait": {"width": 1080, "height": 1920},
    "landscape": {"width": 1920, "height": 1080},
    "tablet": {"width": 800, "height": 1280},
}


@pytest.fixture(scope="module")
def kiosk_server():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = replace(
        Settings.from_env(),
        base_url=base,
        exit_url=f"{base}/healthz",
        kiosk_country="GB",
        kiosk_idle_seconds=IDLE,
    )
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, access_log=False, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def screen(browser):
    """A portrait kiosk screen with touch, on a fake clock."""
    context = browser.new_context(viewport=VIEWPORTS["portrait"], has_touch=True)
    page = context.new_page()
    page.clock.install()
    yield page
    context.close()


def _history(page) -> int:
    return page.evaluate("history.length")


def test_idle_counts_down_from_ten_then_starts_again(screen, kiosk_server):
    screen.goto(f"{kiosk_server}/kiosk/en?size=2")
    before = _history(screen)
    countdown = screen.locator("#kiosk-countdown")
    screen.clock.run_for((IDLE - 1) * 1000)
    assert countdown.is_hidden()
    screen.clock.run_for(1000)
    assert countdown.is_visible()
    assert screen.text_content("#kiosk-countdown-number") == "10"
    screen.clock.run_for(3000)
    assert screen.text_content("#kiosk-countdown-number") == "7"
    screen.clock.run_for(7000)
    screen.wait_for_url(f"{kiosk_server}/kiosk/reset")
    screen.clock.run_for(2000)
    screen.wait_for_url(f"{kiosk_server}/kiosk/")
    assert _history(screen) == before


def test_a_touch_cancels_the_countdown(screen, kiosk_server):
    screen.goto(f"{kiosk_server}/kiosk/en")
    screen.clock.run_for((IDLE + 4) * 1000)
    assert screen.is_visible("#kiosk-countdown")
    screen.touchscreen.tap(540, 960)
    assert screen.is_hidden("#kiosk-countdown")
    # The idle time starts again from the touch: the old deadline (6 s on) passes with no
    # reset, and one second before the new one the countdown shows 1.
    screen.clock.run_for((IDLE + 9) * 1000)
    assert screen.url == f"{kiosk_server}/kiosk/en"
    assert screen.text_content("#kiosk-countdown-number") == "1"


def test_done_exit_and_text_size_never_grow_the_history(screen, kiosk_server):
    start = f"{kiosk_server}/kiosk/"
    screen.goto(start)
    lengths = [_history(screen)]

    def tap(selector: str, url: str) -> None:
        screen.tap(selector)
        screen.wait_for_url(url)
        lengths.append(_history(screen))

    def back_to_start() -> None:
        screen.clock.run_for(2000)
        screen.wait_for_url(start)
        lengths.append(_history(screen))

    tap('a[href="/kiosk/ro"]', f"{kiosk_server}/kiosk/ro")
    tap('a[data-size="larger"]', f"{kiosk_server}/kiosk/ro?size=1")
    tap('a[data-size="larger"]', f"{kiosk_server}/kiosk/ro?size=2")
    assert screen.get_attribute("html", "class") == "kiosk kiosk-size-2"
    tap(".kiosk-done", f"{kiosk_server}/kiosk/reset")
    back_to_start()
    tap('a[href="/kiosk/pl"]', f"{kiosk_server}/kiosk/pl")
    # Done reset the text size: the next visitor starts at the normal size.
    assert screen.get_attribute("html", "class") == "kiosk kiosk-size-0"
    tap('a[data-size="larger"]', f"{kiosk_server}/kiosk/pl?size=1")
    tap(".exit-this-page__button", f"{kiosk_server}/kiosk/reset")
    back_to_start()
    tap('a[href="/kiosk/en"]', f"{kiosk_server}/kiosk/en")
    # No long-press menu that could open a link in a new tab.
    menu = "new MouseEvent('contextmenu', {bubbles: true, cancelable: true})"
    assert screen.evaluate(f"!document.querySelector('.kiosk-done').dispatchEvent({menu})")
    assert len(lengths) == 11 and set(lengths) == {lengths[0]}, lengths


def test_links_and_the_exit_work_without_javascript(browser, kiosk_server):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["tablet"])
    page = context.new_page()
    page.goto(f"{kiosk_server}/kiosk/")
    page.click('a[href="/kiosk/ar"]')
    page.wait_for_url(f"{kiosk_server}/kiosk/ar")
    page.click(".exit-this-page__button")
    page.wait_for_url(f"{kiosk_server}/kiosk/reset")
    page.wait_for_url(f"{kiosk_server}/kiosk/", timeout=10_000)  # the refresh, 3 s
    context.close()


def test_the_takeaway_code_opens_the_same_help_on_a_phone_and_carries_no_kiosk_data(
    screen, browser, kiosk_server
):
    screen.goto(f"{kiosk_server}/kiosk/ro")
    png = screen.locator(".kiosk-qr__code").screenshot()
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [code.text for code in codes] == [f"{kiosk_server}/ro/gb"]
    phone = browser.new_context(viewport={"width": 360, "height": 740})
    page = phone.new_page()
    page.goto(codes[0].text)
    assert page.get_attribute("html", "lang") == "ro"
    assert page.text_content("h1") == screen.text_content("h1")
    assert "kiosk" not in page.content()
    phone.close()


def test_the_slip_prints_on_80mm_paper(browser, kiosk_server):
    # Without script, as a printer sees it (with script the page prints itself and returns).
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{kiosk_server}/kiosk/en/print")
    pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True))
    context.close()
    first = pdf[0]
    width_mm = first.get_width() / 72 * 25.4
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert abs(width_mm - 80) < 0.5, width_mm
    assert len(pdf) == 1
    assert "08000 121 700" in text and "999" in text and "112" in text
    assert "Done" not in text and "Exit this page" not in text
    assert "Slavery" not in text and "127.0.0.1" not in text


@pytest.mark.parametrize("name", VIEWPORTS)
def test_large_screens_touch_targets_and_controls_in_view(browser, kiosk_server, name):
    context = browser.new_context(viewport=VIEWPORTS[name], has_touch=True)
    page = context.new_page()
    problems = []
    for path in ("/kiosk/", "/kiosk/ar", "/kiosk/en?size=2"):
        page.goto(kiosk_server + path)
        state = page.evaluate(
            """() => {
                const small = [...document.querySelectorAll('a[href]')]
                    .filter(a => a.getClientRects().length)
                    .map(a => [a.textContent.trim().slice(0, 20), a.getBoundingClientRect()])
                    .filter(([, r]) => r.width < 48 || r.height < 48)
                    .map(([t]) => t);
                const inView = s => {
                    const r = document.querySelector(s).getBoundingClientRect();
                    return r.left >= 0 && r.right <= innerWidth
                        && r.top >= 0 && r.bottom <= innerHeight;
                };
                return {
                    overflow: document.scrollingElement.scrollWidth - innerWidth,
                    small: small,
                    done: inView('.kiosk-done'),
                    exit: inView('.exit-this-page__button'),
                };
            }"""
        )
        if state != {"overflow": 0, "small": [], "done": True, "exit": True}:
            problems.append(f"{path}: {state}")
    context.close()
    assert problems == []


def test_kiosk_pages_store_nothing_and_load_nothing_from_elsewhere(screen, kiosk_server):
    requests, violations = [], []
    screen.on("request", lambda request: requests.append(request.url))
    screen.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    screen.goto(f"{kiosk_server}/kiosk/")
    screen.tap('a[href="/kiosk/vi"]')
    screen.wait_for_url(f"{kiosk_server}/kiosk/vi")
    state = screen.evaluate(
        """async () => ({
            cookie: document.cookie,
            local: localStorage.length,
            session: sessionStorage.length,
            idb: (await indexedDB.databases()).length,
            workers: (await navigator.serviceWorker.getRegistrations()).length,
        })"""
    )
    assert state == {"cookie": "", "local": 0, "session": 0, "idb": 0, "workers": 0}
    assert screen.context.cookies() == []
    assert requests and all(url.startswith(kiosk_server) for url in requests), requests
    assert violations == []
