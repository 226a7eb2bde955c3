"""The safety exit and the privacy rules in a real browser (Debian's chromium)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_exit_button_replaces_the_page_in_history(page, live_server):
    page.goto(f"{live_server}/en/")
    page.click('a[href="/en/gb"]')
    page.wait_for_url(f"{live_server}/en/gb")
    page.click(".exit-this-page__button")
    page.wait_for_url(f"{live_server}/healthz")
    page.go_back()
    page.wait_for_load_state()
    # Back skips the help page: location.replace() took its place.
    assert page.url == f"{live_server}/en/"


def test_shift_three_times_exits_with_a_spoken_countdown(page, live_server):
    page.goto(f"{live_server}/en/gb")
    page.keyboard.press("Shift")
    assert page.text_content("#exit-status") == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert page.text_content("#exit-status") == "Shift, press 1 more time to exit."
    page.keyboard.press("Shift")
    page.wait_for_url(f"{live_server}/healthz")


def test_another_key_resets_the_countdown(page, live_server):
    page.goto(f"{live_server}/en/gb")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    assert page.url == f"{live_server}/en/gb"
    assert page.text_content("#exit-status") == "Shift, press 2 more times to exit."


def test_left_and_right_shift_in_turn_still_count(page, live_server):
    page.goto(f"{live_server}/en/gb")
    page.keyboard.press("ShiftLeft")
    page.keyboard.press("ShiftRight")
    assert page.text_content("#exit-status") == "Shift, press 1 more time to exit."
    page.keyboard.press("ShiftLeft")
    page.wait_for_url(f"{live_server}/healthz")


# What an on-screen keyboard sends (alphagov/govuk-frontend#4095: iOS sends its Shift, its
# caps-lock double tap and its 123 key as Shift, and the keyboard is open only while a text
# field has focus); Android keyboards send keyCode 229 while they compose a word.
VIRTUAL_KEYBOARD_SHIFTS = """(target) => {
    const el = target ? document.querySelector(target) : document.body;
    const send = (type, init) => el.dispatchEvent(
        new KeyboardEvent(type, {key: 'Shift', code: 'ShiftLeft', bubbles: true, ...init}));
    const press = (init) => { send('keydown', init); send('keyup', init); };
    for (let i = 0; i < 3; i++) { press({isComposing: true}); }
    for (let i = 0; i < 3; i++) { press({keyCode: 229}); }
    for (let i = 0; i < 3; i++) {  // held until it locks caps: repeated keydowns, one keyup
        send('keydown', {});
        for (let r = 0; r < 4; r++) { send('keydown', {repeat: true}); }
        send('keyup', {});
    }
    return document.getElementById('exit-status').textContent;
}"""


def _add_a_text_field(page) -> None:
    """Visitor pages have no form field today; a field is where a phone's keyboard opens."""
    page.evaluate(
        """() => {
            const field = document.createElement('input');
            field.id = 'typed';
            field.setAttribute('aria-label', 'Message');
            document.querySelector('main').prepend(field);
        }"""
    )


def test_shift_typed_in_a_form_field_never_counts(page, live_server):
    page.goto(f"{live_server}/en/gb")
    _add_a_text_field(page)
    page.focus("#typed")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.keyboard.type("Help ME")
    page.wait_for_timeout(300)
    assert page.url == f"{live_server}/en/gb"
    assert page.text_content("#exit-status") == ""
    assert page.input_value("#typed") == "Help ME"
    # Out of the field, three presses still exit: the shortcut is not simply off.
    page.evaluate("document.activeElement.blur()")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{live_server}/healthz")


@pytest.mark.parametrize("target", [None, "#typed"])
def test_a_virtual_keyboard_shift_never_exits(page, live_server, target):
    page.goto(f"{live_server}/en/gb")
    _add_a_text_field(page)
    status = page.evaluate(VIRTUAL_KEYBOARD_SHIFTS, target)
    page.wait_for_timeout(300)
    assert page.url == f"{live_server}/en/gb"
    assert status == ""
    assert page.is_visible("main")
    # Shift held to type a capital is a modifier, not a press.
    for _ in range(3):
        page.keyboard.down("Shift")
        page.keyboard.press("KeyA")
        page.keyboard.up("Shift")
    assert page.url == f"{live_server}/en/gb"
    assert page.text_content("#exit-status") == ""


def test_the_page_is_blanked_at_once_and_stays_blank_until_the_neutral_page_loads(
    page, live_server
):
    asked = []
    # The exit answers "204 No Content": the browser stays on this document, as it does
    # while a slow neutral site has not answered yet. It must not reappear (a "ghost page").
    page.route("**/exit/gb", lambda route: (asked.append(1), route.fulfill(status=204)))
    page.goto(f"{live_server}/en/gb")
    page.evaluate("document.querySelector('.exit-this-page__button').click()")
    assert not page.is_visible("main")  # at once, before any answer
    page.wait_for_timeout(1000)
    assert asked, "the exit was not requested"
    assert page.evaluate("location.pathname") == "/en/gb"
    assert not page.is_visible("main")


def test_a_back_forward_cache_restore_never_shows_the_help_page_again(page, live_server):
    page.goto(f"{live_server}/en/gb")
    page.evaluate("document.documentElement.className += ' exiting'")
    assert not page.is_visible("main")
    # What the browser does when Back restores an exited page from its back-forward cache.
    with page.expect_navigation(url=f"{live_server}/healthz"):
        page.evaluate(
            "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))"
        )
        assert not page.is_visible("main")


def test_screen_readers_hear_the_exit_then_the_shortcut(page, live_server):
    from playwright.sync_api import expect

    page.goto(f"{live_server}/en/gb")
    button = page.get_by_role("link", name="Emergency Exit this page", exact=True)
    expect(button).to_have_accessible_description("Press Shift 3 times to exit")
    expect(page.get_by_role("region", name="Exit this page")).to_contain_text("Exit this page")


def test_exit_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/ro/gb")
    page.click(".exit-this-page__button")
    page.wait_for_url(f"{live_server}/healthz")
    context.close()


def test_first_tab_reaches_the_exit(page, live_server):
    page.goto(f"{live_server}/ar/gb")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.matches('[data-exit]')")
    assert focused is True


@pytest.mark.parametrize("path", ["/", "/en/gb", "/ar/gb", "/pl/safety", "/ro/privacy", "/GB"])
def test_nothing_is_stored_and_nothing_loads_from_elsewhere(page, live_server, path):
    requests, violations = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server + path)
    page.click("h1")
    state = page.evaluate(
        """async () => ({
            cookie: document.cookie,
            local: localStorage.length,
            session: sessionStorage.length,
            idb: (await indexedDB.databases()).length,
            workers: (await navigator.serviceWorker.getRegistrations()).length,
        })"""
    )
    assert state == {"cookie": "", "local": 0, "session": 0, "idb": 0, "workers": 0}
    assert page.context.cookies() == []
    assert requests and all(url.startswith(live_server) for url in requests), requests
    assert violations == []


def test_phone_links_are_real_tel_links(page, live_server):
    page.goto(f"{live_server}/en/gb")
    hrefs = page.eval_on_selector_all("a.call", "links => links.map(a => a.getAttribute('href'))")
    assert "tel:999" in hrefs
    assert all(href.startswith("tel:") for href in hrefs)
