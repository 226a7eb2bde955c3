"""Layout on a small phone in long and right-to-left languages (incl. the pseudo-locales)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ar", "fa", "fa-af", "ps", "ur", "am", "zh-hans", "en-xa", "ar-xb"]
PAGES = ["", "gb", "us", "safety"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("slug", LANGUAGES)
def test_no_sideways_scrolling_and_the_exit_is_on_screen(phone, live_server, slug):
    problems = []
    for path in PAGES:
        phone.goto(f"{live_server}/{slug}/{path}")
        state = phone.evaluate(
            """() => {
                const root = document.scrollingElement;
                const exit = document.querySelector('.exit-this-page__button');
                const box = exit.getBoundingClientRect();
                const x = box.x + box.width / 2, y = box.y + box.height / 2;
                const hit = document.elementFromPoint(x, y);
                const h1 = document.querySelector('h1').getBoundingClientRect();
                return {
                    overflow: root.scrollWidth - window.innerWidth,
                    exitOnScreen: box.left >= 0 && box.right <= window.innerWidth && box.top >= 0,
                    exitOnTop: exit.contains(hit),
                    headingOnScreen: h1.left >= 0 && h1.right <= window.innerWidth,
                };
            }"""
        )
        if state != {
            "overflow": 0,
            "exitOnScreen": True,
            "exitOnTop": True,
            "headingOnScreen": True,
        }:
            problems.append(f"/{slug}/{path}: {state}")
    assert problems == []


def test_the_exit_stays_on_screen_when_scrolling(phone, live_server):
    phone.goto(f"{live_server}/ar/gb")
    phone.mouse.wheel(0, 3000)
    top = phone.evaluate(
        "document.querySelector('.exit-this-page__button').getBoundingClientRect().top"
    )
    assert 0 <= top < 40
