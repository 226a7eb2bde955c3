"""A regional variant (Dari, fa-AF) beside the language it shares (Persian, fa), and languages
reached through CLDR's aliases: each visitor gets the one they read and can find it by name."""

from __future__ import annotations

import pytest

from helpsite.i18n import negotiate


def test_dari_and_persian_are_told_apart_by_country(site):
    langs = site.languages
    assert negotiate("fa-AF", langs, "en").tag == "fa-AF"
    assert negotiate("fa-IR", langs, "en").tag == "fa"
    assert negotiate("fa", langs, "en").tag == "fa"
    # Whatever order the catalogs were loaded in, Iran's Persian never gets Dari.
    dari_first = {slug: langs[slug] for slug in ("en", "fa-af", "fa")}
    assert negotiate("fa-IR", dari_first, "en").tag == "fa"


@pytest.mark.parametrize(
    ("header", "tag"),
    [("prs", "fa-AF"), ("prs-AF", "fa-AF"), ("pus", "ps"), ("ps-AF", "ps")],
)
def test_a_browser_sending_the_iso_639_3_code_gets_the_language(site, header, tag):
    assert negotiate(header, site.languages, "en").tag == tag


def test_the_menu_calls_dari_by_its_own_name(client):
    html = client.get("/en/").text
    assert 'hreflang="fa-AF" lang="fa-AF" dir="rtl">دری</a>' in html
    assert 'hreflang="fa" lang="fa" dir="rtl">فارسی</a>' in html


@pytest.mark.parametrize(
    ("slug", "tag", "direction"),
    [
        ("ps", "ps", "rtl"),
        ("fa-af", "fa-AF", "rtl"),
        ("hi", "hi", "ltr"),
        ("so", "so", "ltr"),
        ("ha", "ha", "ltr"),
    ],
)
def test_the_new_languages_render_with_their_language_and_direction(client, slug, tag, direction):
    for page in ("gb", "safety", "privacy"):
        response = client.get(f"/{slug}/{page}")
        assert response.status_code == 200
        assert f'<html lang="{tag}" dir="{direction}">' in response.text
