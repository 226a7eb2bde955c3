"""The staff app is its own Starlette app at /staff, under the visitor middleware."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount


def test_staff_is_a_mounted_app_of_its_own(app):
    mounts = [route for route in app.routes if isinstance(route, Mount)]
    assert [m.path for m in mounts] == ["/staff"]
    assert isinstance(mounts[0].app, Starlette) and mounts[0].app is not app


def test_staff_pages_get_the_visitor_security_headers(staff_client):
    headers = staff_client.get("/staff/posters").headers
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-store"
    assert "set-cookie" not in headers


def test_a_405_says_which_methods_are_allowed(client, staff_client):
    staff = staff_client.request("PUT", "/staff/posters")
    assert staff.status_code == 405
    assert {m.strip() for m in staff.headers["allow"].split(",")} >= {"GET", "POST"}
    visitor = client.post("/en/gb", data={"x": "1"})
    assert visitor.status_code == 405
    assert "GET" in visitor.headers["allow"]


def test_unknown_staff_paths_get_the_chooser_and_slashes_redirect(staff_client):
    missing = staff_client.get("/staff/nothing-here")
    assert missing.status_code == 404
    assert 'href="/en/gb"' in missing.text or "<select" in missing.text
    slash = staff_client.get("/staff/posters/", follow_redirects=False)
    assert slash.status_code == 308
    assert slash.headers["location"] == "/staff/posters"


def test_a_preview_still_renders_through_the_pool(staff_client):
    response = staff_client.submit(
        "/staff/posters",
        data={"country": "IE", "languages": "en", "format": "a6", "action": "preview"},
    )
    assert response.status_code == 200
    assert 'src="data:image/png;base64,' in response.text
