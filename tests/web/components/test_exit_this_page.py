"""The exit component (macro + CSS + script), rendered on its own, as GOV.UK tests components."""

from __future__ import annotations

import re

from tests.pagecheck import parse_page

MACRO = (
    '{% from "components/exit_this_page/macro.html" import exit_this_page %}'
    "{{ exit_this_page(href) }}"
)


def render(site, language_slug: str, href: str = "/exit") -> str:
    env = site.renderer.environment(site.languages[language_slug])
    return env.from_string(MACRO).render(href=href)


def test_both_links_go_to_the_given_exit_and_are_marked_for_the_script(site):
    html = render(site, "en", "/exit/ie")
    links = [f for f in parse_page(html).focusables if f["tag"] == "a"]
    assert [link["href"] for link in links] == ["/exit/ie", "/exit/ie"]
    assert all("data-exit" in link for link in links)
    assert all(link["rel"] == "nofollow noreferrer" for link in links)


def test_the_button_has_a_hidden_emergency_prefix_for_screen_readers(site):
    html = render(site, "en")
    assert '<span class="visually-hidden">Emergency </span>Exit this page</a>' in html


def test_the_live_region_carries_translated_countdown_messages(site):
    html = render(site, "pl")
    status = re.search(r'<div id="exit-status"[^>]*>', html).group(0)
    assert 'role="status"' in status and 'aria-live="polite"' in status
    two = re.search(r'data-press-2="([^"]+)"', status).group(1)
    one = re.search(r'data-press-1="([^"]+)"', status).group(1)
    assert "Shift" in two and "Shift" in one and two != one
    assert "press" not in two  # translated, not English


def test_css_keeps_the_exit_sticky_full_width_and_out_of_print(site):
    css = site.renderer.css
    assert re.search(r"\.exit-this-page \{[^}]*position: sticky; top: 0", css)
    assert re.search(r"\.exit-this-page__button \{ display: block", css)
    assert re.search(r"@media print \{ \.exit-this-page, \.exit-skip \{ display: none", css)
    assert "html.exiting body { display: none; }" in css


def test_the_script_replaces_history_and_resets_on_pageshow(site):
    js = site.renderer.js
    assert "location.replace(" in js
    assert "location.href" not in js
    assert '"pageshow"' in js
    assert "5000" in js  # three presses within five seconds
