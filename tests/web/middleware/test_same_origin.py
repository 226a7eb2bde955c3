"""A state-changing request from another site is refused (cross-site request forgery)."""

from __future__ import annotations

import pytest

BAD_FORM = {"country": "ZZ", "languages": "en", "format": "a4"}  # the form answers 400


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "https://testserver.evil.example"},
        {"Origin": "http://testserver"},  # same host, other scheme: another origin
        {"Origin": "null"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://testserver", "Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_post_from_elsewhere_is_refused(client, headers):
    response = client.post("/staff/posters", data=BAD_FORM, headers=headers)
    assert response.status_code == 403
    assert "own form" in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {},  # not a browser: curl, a script
        {"Origin": "https://testserver"},
        {"Origin": "https://testserver", "Sec-Fetch-Site": "same-origin"},
        # Our own form: every page sends Referrer-Policy: no-referrer, so browsers say null.
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://127.0.0.1:8000"},  # HELPSITE_BASE_URL's origin
    ],
)
def test_a_post_from_this_site_is_served(staff_client, headers):
    response = staff_client.submit("/staff/posters", data=BAD_FORM, headers=headers)
    assert response.status_code == 400
    assert "is not a country with help pages" in response.text


def test_reading_is_never_refused(client):
    response = client.get("/en/gb", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
