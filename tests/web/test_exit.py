"""The safety exit without JavaScript, and its place first on every page."""

from __future__ import annotations

from tests.pagecheck import parse_page


def test_exit_redirects_to_the_neutral_page_and_clears_site_data(client, settings):
    response = client.get("/exit", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == settings.exit_url
    assert response.headers["clear-site-data"] == '"cache", "storage"'
    assert response.headers["cache-control"] == "no-store"
    assert "set-cookie" not in response.headers


def test_exit_for_an_unknown_country_still_leaves(client, settings):
    response = client.get("/exit/zz", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == settings.exit_url


def test_a_country_can_override_the_exit_page(settings):
    from dataclasses import replace

    from starlette.testclient import TestClient

    from helpsite.web.app import create_app

    app = create_app(settings)
    site = app.state.site
    site.countries["GB"] = replace(site.countries["GB"], exit_url="https://weather.example.uk/")
    with TestClient(app) as client:
        response = client.get("/exit/gb", follow_redirects=False)
    assert response.headers["location"] == "https://weather.example.uk/"


def test_the_first_focusable_element_of_every_page_is_the_exit(client, all_visitor_urls):
    for url in all_visitor_urls:
        focusables = parse_page(client.get(url).text).focusables
        first, second = focusables[0], focusables[1]
        assert first["href"].startswith("/exit"), url
        assert "data-exit" in first, url
        assert second["class"] == "exit-this-page__button", url


def test_help_pages_exit_through_their_country(client):
    focusables = parse_page(client.get("/en/gb").text).focusables
    assert focusables[0]["href"] == "/exit/gb"


def test_the_exit_control_says_what_it_does_and_how_to_use_the_keyboard(client):
    html = client.get("/en/gb").text
    assert ">Exit this page</a>" in html
    assert "Press Shift 3 times to exit" in html
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert 'data-press-2="Shift, press 2 more times to exit."' in html
    assert 'data-press-1="Shift, press 1 more time to exit."' in html


def test_the_safety_page_is_honest_about_what_the_exit_cannot_do(client):
    html = client.get("/en/safety").text
    for words in (
        "cannot delete the pages you saw before",
        "synced",
        "call log",
        "QR scanner app",
        "Incognito",
        "Samsung Internet",
        "Safari on iPhone",
        "Ctrl+Shift+Delete",
        "empty history",
    ):
        assert words.lower() in html.lower(), words
