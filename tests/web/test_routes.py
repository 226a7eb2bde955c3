"""What a visitor reaches from every kind of address, typed or scanned."""

from __future__ import annotations

import pytest

from qr.codes import check_character, new_code


def test_home_picks_the_language_from_accept_language(client):
    response = client.get("/", headers={"Accept-Language": "ro-RO,ro;q=0.9,en;q=0.5"})
    assert response.status_code == 200
    assert 'lang="ro"' in response.text
    assert "accept-language" in response.headers["vary"].lower()


def test_home_falls_back_to_the_default_language(client):
    response = client.get("/", headers={"Accept-Language": "xx-YY, *;q=0.1"})
    assert 'lang="en"' in response.text


def test_the_chooser_names_languages_in_their_own_language_and_script(client):
    html = client.get("/en/").text
    assert ">Română</a>" in html
    assert ">Polski</a>" in html
    assert ">العربية</a>" in html
    assert 'hreflang="ar" lang="ar" dir="rtl"' in html


def test_the_chooser_lists_every_country_in_the_visitors_language(client, site):
    html = client.get("/ro/").text
    for country in site.countries.values():
        assert f'href="/ro/{country.slug}"' in html
    assert "Regatul Unit" in html  # United Kingdom, from CLDR


def test_help_page_shows_emergency_helplines_questions_and_rights(client):
    html = client.get("/en/gb").text
    assert 'href="tel:999"' in html
    assert 'href="tel:+448000121700"' in html  # Modern Slavery & Exploitation Helpline
    assert "Is this happening to you?" in html
    assert "Has someone taken your passport" in html
    assert "Your rights" in html
    assert "Source:" in html and "checked" in html


def test_help_page_shows_where_the_law_differs_within_a_country(client):
    html = client.get("/en/gb").text
    assert "Scotland" in html
    assert "Northern Ireland" in html


def test_a_valid_location_code_shows_its_country_in_the_best_language(client):
    code = new_code("GB")
    for form in (code.compact, code.compact.lower(), code.printed.replace(" ", "%20")):
        response = client.get(f"/{form}", headers={"Accept-Language": "pl"})
        assert response.status_code == 200, form
        assert 'lang="pl"' in response.text
        assert 'href="tel:+448000121700"' in response.text
        # The code opens /<lang>/<cc>: it stays in neither the history nor a saved page.
        (landing,) = response.history
        assert landing.status_code == 303 and landing.headers["x-robots-tag"] == "noindex"
        assert str(response.url).endswith("/pl/gb") and form not in response.text
    english = client.get(f"/{code.compact}", headers={"Accept-Language": "en"}).text
    assert "The code may have a small mistake" not in english


def test_a_mistyped_code_still_leads_to_help_with_a_plain_note(client):
    code = new_code("GB").compact
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = client.get(f"/{wrong}")
    assert response.status_code == 200
    assert str(response.url).endswith("/en/gb?note=mistyped")
    assert "The code may have a small mistake" in response.text
    assert 'href="tel:999"' in response.text


def test_a_code_one_character_short_still_leads_to_its_country(client):
    # A fixed code: a random one without a digit left would read as a word, not a code.
    code = "IE7K2Q9XM" + check_character("IE", "7K2Q9XM")
    response = client.get(f"/{code[:-1]}")
    assert response.status_code == 200
    assert "The code may have a small mistake" in response.text


@pytest.mark.parametrize("path", ["/hello", "/ZZ7K2Q9XMD", "/en/zz", "/xx/gb", "/a/b/c", "/%00"])
def test_nonsense_shows_the_chooser_with_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert 'href="/en/gb"' in response.text


def test_a_country_code_alone_shows_its_help(client):
    response = client.get("/ie", headers={"Accept-Language": "ar"})
    assert response.status_code == 200
    assert 'lang="ar"' in response.text


def test_other_methods_are_refused_plainly(client):
    response = client.post("/en/gb")
    assert response.status_code == 405


@pytest.mark.parametrize("path", ["/gb/", "/GB7K2Q9XM5/"])
def test_a_trailing_slash_still_leads_to_help(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert 'href="tel:999"' in response.text


def test_other_trailing_slashes_redirect_relatively_whatever_the_host_header(client):
    response = client.get("/en/gb/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/en/gb"


def test_a_country_wins_over_a_language_of_the_same_letters(client):
    help_page = client.get("/ro", headers={"Accept-Language": "ro"})
    assert 'href="tel:0800800678"' in help_page.text or "/exit/ro" in help_page.text
    chooser = client.get("/ro/")
    assert 'lang="ro"' in chooser.text and "/exit/ro" not in chooser.text


@pytest.mark.parametrize("path", ["/itinerary", "/robots.txt.bak", "/gbxxxxxxxx"])
def test_words_that_start_like_a_country_are_not_taken_for_codes(client, path):
    assert client.get(path).status_code == 404


def test_robots_txt_keeps_crawlers_off_the_exit_staff_and_kiosk_pages(client):
    text = client.get("/robots.txt").text
    assert "Disallow: /exit" in text and "Disallow: /staff/" in text
    assert "Disallow: /kiosk/" in text


def test_a_country_without_a_confirmed_helpline_shows_no_empty_section(settings, tmp_path):
    # Every shipped country now has a confirmed line (France: 116 006, added 2026-12-01), so
    # France is served from a copy whose only confirmed line is marked unverified.
    import shutil
    from dataclasses import replace

    from starlette.testclient import TestClient

    from helpsite.web.app import create_app
    from tests.conftest import ROOT

    shutil.copytree(ROOT / "helpsite" / "countries", tmp_path, dirs_exist_ok=True)
    fr = tmp_path / "fr.toml"
    text = fr.read_text("utf-8")
    marker = 'source = "https://www.savoie.gouv.fr/'
    assert text.count(marker) == 1
    fr.write_text(text.replace(marker, 'status = "unverified"\n' + marker), "utf-8")
    app = create_app(replace(settings, countries_dir=str(tmp_path)))
    country = app.state.site.countries["FR"]
    assert not country.shown(country.helplines)
    with TestClient(app, base_url="https://testserver") as client:
        html = client.get("/en/fr").text
    assert 'id="helplines"' not in html
    assert 'href="tel:112"' in html


def test_a_number_only_diallable_inside_the_country_offers_no_foreign_form(client):
    html = client.get("/en/au").text
    assert 'href="tel:131237"' in html
    assert "+61 131237" not in html


def test_health(client):
    assert client.get("/healthz").text == "ok"


def test_an_unverified_fact_never_reaches_the_page(client, site):
    for country in site.countries.values():
        html = client.get(f"/en/{country.slug}").text
        for fact in country.helplines:
            if not fact.visible and fact.number is not None:
                assert f"tel:{fact.number.dial}" not in html, (country.code, fact.id)


def test_a_visitor_from_angola_gets_the_portuguese_of_portugal(client):
    response = client.get("/", headers={"Accept-Language": "pt-AO,pt;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="pt-PT" dir="ltr">' in response.text


@pytest.mark.parametrize(
    "slug, tag", [("fil", "fil"), ("th", "th"), ("el", "el"), ("pt-pt", "pt-PT"), ("tr", "tr")]
)
def test_the_new_languages_render_with_their_own_lang_attribute(client, slug, tag):
    response = client.get(f"/{slug}/gb")
    assert response.status_code == 200
    assert f'<html lang="{tag}" dir="ltr">' in response.text


def test_safety_and_privacy_keep_the_country_they_were_reached_from(client):
    help_page = client.get("/ro/gb").text
    assert 'href="/ro/gb/safety"' in help_page and 'href="/ro/gb/privacy"' in help_page
    for page in ("safety", "privacy"):
        html = client.get(f"/ro/gb/{page}").text
        assert 'href="/exit/gb"' in html  # the exit keeps the country
        assert 'href="/ro/gb"' in html  # and the way back to its help
        assert f'href="/pl/gb/{page}"' in html  # the language menu keeps both
    assert client.get("/ro/xx/safety").status_code == 404


def test_favicon_is_a_blank_icon_from_our_origin(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"
