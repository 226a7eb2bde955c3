"""The venue managers' poster page: errors next to fields, a PDF that decodes, a preview."""

from __future__ import annotations

from qr import read_pdf
from tests.posters.test_poster_request import checked_languages


def test_the_form_offers_countries_formats_and_the_countrys_languages(staff_client):
    response = staff_client.get("/staff/posters?country=RO")
    assert response.status_code == 200
    html = response.text
    assert '<option value="RO" selected>' in html
    assert checked_languages(html)[0] == "ro"  # checkboxes, the country's own first
    assert "A6 sticker" in html
    assert "set-cookie" not in response.headers


def test_errors_are_shown_next_to_each_field(staff_client):
    response = staff_client.submit(
        "/staff/posters",
        data={"country": "ZZ", "languages": "en,xx", "format": "a4", "action": "pdf"},
    )
    assert response.status_code == 400
    html = response.text
    assert 'id="country-error"' in html and "is not a country with help pages" in html
    assert 'id="languages-error"' in html and "&#39;xx&#39; is not offered" in html
    assert 'aria-invalid="true"' in html


def test_us_letter_needs_english_and_spanish(staff_client):
    response = staff_client.submit(
        "/staff/posters",
        data={"country": "US", "languages": "en,vi,zh-hans", "format": "letter", "action": "pdf"},
    )
    assert response.status_code == 400
    assert "must include: es" in response.text


def test_download_returns_a_pdf_with_one_poster_per_placement(staff_client):
    response = staff_client.submit(
        "/staff/posters",
        data={
            "country": "GB",
            "languages": "en,ro",
            "format": "a5",
            "venue": "Central Station",
            "placements": "Ladies toilets\nGents toilets",
            "action": "pdf",
        },
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"] == 'attachment; filename="posters-gb-a5.pdf"'
    # Codes travel on the paper and in the placement list, never in a header.
    assert not [h for h in response.headers if "code" in h.lower()]
    assert not any("/GB" in v.upper() for v in response.headers.values())
    pages = read_pdf(response.content)
    assert len(pages) == 2
    assert len({p.urls[0] for p in pages}) == 2


def test_preview_shows_the_poster_inline(staff_client):
    response = staff_client.submit(
        "/staff/posters",
        data={"country": "IE", "languages": "en", "format": "a4", "action": "preview"},
    )
    assert response.status_code == 200
    assert 'src="data:image/png;base64,' in response.text


def test_a_cross_site_post_is_refused(staff_client):
    response = staff_client.submit(
        "/staff/posters",
        data={"country": "GB", "languages": "en", "format": "a4"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403


def test_too_many_placements_are_refused_not_cut(staff_client):
    placements = "\n".join(f"Placement {n} with a long description" for n in range(25))
    response = staff_client.submit(
        "/staff/posters",
        data={"country": "GB", "languages": "en", "format": "a4", "placements": placements},
    )
    assert response.status_code == 400
    assert 'id="placements-error"' in response.text
    assert "Placement 24 with a long description" in response.text  # kept for correcting


def test_the_page_works_when_english_is_not_offered_to_visitors(settings, staff_accounts):
    from dataclasses import replace

    from helpsite.web.app import create_app
    from tests.conftest import staff_client_for

    app = create_app(replace(settings, languages=("de", "ro"), default_language="de"))
    with staff_client_for(app, "manager") as local:
        assert local.get("/staff/posters").status_code == 200
        html = local.get("/ro/gb").text
        assert 'href="/en/gb" hreflang="en" lang="en"' not in html
