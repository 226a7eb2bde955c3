"""What a poster for a country says: sourced numbers, honest offer, translated words."""

from __future__ import annotations

from datetime import date

import pytest

from helpsite.posters.content import build_content, offer_text
from helpsite.posters.request import (
    POSTER_KINDS,
    PosterRequest,
    PosterRequestError,
    parse_language_tags,
    poster_helpline,
)
from qr.codes import CodeStatus, parse


def test_language_tags_in_any_case_with_dash_or_underscore(site):
    chosen = parse_language_tags("EN, ro ,Pl", site.visitor_languages)
    assert [lang.tag for lang in chosen] == ["en", "ro", "pl"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("en,xx", "'xx' is not offered"), ("en,EN", "twice"), ("", "at least one")],
)
def test_bad_language_lists_are_refused_with_a_reason(site, text, message):
    with pytest.raises(PosterRequestError, match=message):
        parse_language_tags(text, site.visitor_languages)


def test_the_poster_prints_a_free_24_hour_trafficking_line_where_there_is_one(site):
    helpline = poster_helpline(site.countries["GB"])
    assert helpline.kind == "trafficking" and helpline.free and helpline.hours.always


def test_the_offer_never_promises_more_than_the_line(site):
    for country in site.countries.values():
        printable = [h for h in country.shown(country.helplines) if h.kind in POSTER_KINDS]
        if not printable:
            with pytest.raises(PosterRequestError, match="no verified helpline for everyone"):
                poster_helpline(country)
            continue
        helpline = poster_helpline(country)
        offer = offer_text(helpline)
        if "24 hours" in offer:
            assert helpline.hours is not None and helpline.hours.always, country.code
        if "confidential" in offer:
            assert "confidential" in (helpline.confidentiality or "").lower(), country.code
        if "Free" in offer:
            assert helpline.free, country.code
        else:
            assert offer == "Call for help", country.code


def test_content_uses_the_data_and_the_catalogs(site):
    languages = parse_language_tags("en,ro", site.visitor_languages)
    request = PosterRequest(site.countries["GB"], languages, "a4", "Station", "Toilets")
    content = build_content(request, "https://help.example", today=date(2026, 11, 24))
    assert content.helpline_tel == "+448000121700"
    assert content.emergency_number == "999"
    assert content.payload_url.startswith("HTTPS://HELP.EXAMPLE/GB")
    assert content.payload_url == content.payload_url.upper()
    assert "STATION" not in content.payload_url and "TOILET" not in content.payload_url
    assert parse(content.location_code).status is CodeStatus.VALID
    english, romanian = content.languages
    assert english.questions.startswith("Are you forced to work?")
    assert romanian.questions != english.questions
    assert content.content_version.startswith("GB 2026-")


def test_a_plain_http_public_address_is_refused_and_a_local_one_warned(site):
    from helpsite.posters.content import check_base_url

    assert check_base_url("https://help.example") is None
    assert "this computer's own address" in check_base_url("http://127.0.0.1:8000")
    with pytest.raises(PosterRequestError, match="not https"):
        check_base_url("http://help.example")


def test_lines_for_one_group_are_not_printed_on_posters(site):
    # Germany's listed line is for women only: a poster asking "Are you forced to work?"
    # must not send everyone there, so Germany's posters are refused with a reason.
    with pytest.raises(PosterRequestError, match="no verified helpline for everyone"):
        poster_helpline(site.countries["DE"])


def test_confidential_comes_from_the_data_field_not_from_wording(site):
    from dataclasses import replace

    line = poster_helpline(site.countries["GB"])
    assert offer_text(line) == "Free, confidential help, 24 hours"
    unsure = replace(line, confidential=False, confidentiality="Calls are not confidential.")
    assert offer_text(unsure) == "Free help, 24 hours"
