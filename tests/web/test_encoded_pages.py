"""Visitor pages from memory: the encoding the browser takes, strong ETags, 304, the
"open now" state refreshed when the minute changes, and the same page whichever layer
(fast path or routes) answers."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import brotli
import pytest
from starlette.testclient import TestClient

from helpsite.web.page_key import PageKey
from helpsite.web.pages import open_states

PAGES = ["/", "/en/gb", "/en/safety", "/ar/gb", "/GB7K2Q9XMD", "/en/"]


def raw_get(client, url: str, **headers) -> tuple[object, bytes]:
    """The response and its body exactly as sent (not decoded by the client)."""
    with client.stream("GET", url, headers=headers) as response:
        return response, b"".join(response.iter_raw())


@pytest.mark.parametrize("url", PAGES)
def test_each_encoding_is_the_same_page(client, url):
    _, plain = raw_get(client, url, **{"Accept-Encoding": "identity"})
    gz_response, gz = raw_get(client, url, **{"Accept-Encoding": "gzip"})
    br_response, br = raw_get(client, url, **{"Accept-Encoding": "gzip, br"})
    assert gz_response.headers["content-encoding"] == "gzip"
    assert br_response.headers["content-encoding"] == "br"
    assert gzip.decompress(gz) == plain and brotli.decompress(br) == plain
    assert len(br) < len(gz) < len(plain)
    assert int(br_response.headers["content-length"]) == len(br)
    assert plain.startswith(b"<!doctype html") or plain.lower().startswith(b"<!doctype html")


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("", None),
        ("identity", None),
        ("gzip;q=0, br;q=0", None),
        ("br;q=0, gzip", "gzip"),
        ("GZIP", "gzip"),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("deflate, zstd", None),
        ("br;q=bogus, gzip", "gzip"),
    ],
)
def test_the_encoding_follows_accept_encoding(client, accept, expected):
    response, _ = raw_get(client, "/en/gb", **{"Accept-Encoding": accept})
    assert response.status_code == 200
    assert response.headers.get("content-encoding") == expected


def test_vary_names_what_chose_the_page(client):
    assert client.get("/en/gb").headers["vary"] == "Accept-Encoding"
    for url in ("/", "/gb", "/nope/nope"):
        assert client.get(url).headers["vary"] == "Accept-Encoding, Accept-Language", url
    # A code landing redirects to the page in the language the browser asked for.
    landing = client.get("/GB7K2Q9XMD", follow_redirects=False)
    assert landing.status_code == 303
    assert landing.headers["vary"] == "Accept-Encoding, Accept-Language"


def test_a_strong_etag_per_encoding_and_304_when_it_matches(client):
    etags = set()
    for accept in ("identity", "gzip", "br"):
        response, _ = raw_get(client, "/en/gb", **{"Accept-Encoding": accept})
        etag = response.headers["etag"]
        assert etag.startswith('"') and not etag.startswith("W/")
        etags.add(etag)
        again = client.get("/en/gb", headers={"Accept-Encoding": accept, "If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == "no-store"
        assert again.headers["content-security-policy"].startswith("default-src 'none'")
        weak = client.get(
            "/en/gb", headers={"Accept-Encoding": accept, "If-None-Match": "W/" + etag}
        )
        assert weak.status_code == 304
    assert len(etags) == 3
    other = client.get("/en/gb", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.content


def test_a_404_is_never_a_304(client):
    first = client.get("/nope/nope")
    again = client.get("/nope/nope", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 404 and "<html" in again.text.lower()


def test_head_sends_the_headers_without_the_body(client):
    get = client.get("/en/gb")
    head = client.head("/en/gb")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == get.headers["content-length"]


def test_other_methods_still_reach_the_routes(client):
    response = client.post("/en/gb")
    assert response.status_code == 405 and "GET" in response.headers["allow"]
    assert response.headers["x-frame-options"] == "DENY"


def test_the_routes_behind_the_fast_path_send_the_same_page(app, client):
    """The Starlette routes alone (fast path off) answer byte for byte the same."""
    fast = {url: raw_get(client, url, **{"Accept-Encoding": "br"}) for url in PAGES}
    fast["/exit"] = raw_get(client, "/exit")
    app.fast_path, saved = None, app.fast_path
    try:
        with TestClient(app, base_url="https://testserver") as routed:
            for url, (response, body) in fast.items():
                again, again_body = raw_get(routed, url, **{"Accept-Encoding": "br"})
                assert again.status_code == response.status_code, url
                assert again_body == body, url
                assert sorted(again.headers.items()) == sorted(response.headers.items()), url
    finally:
        app.fast_path = saved


def test_open_now_is_read_again_when_the_minute_changes(site, client, monkeypatch):
    country = site.countries["NL"]  # lines open in office hours only
    night = datetime(2026, 12, 1, 3, 0, 30, tzinfo=UTC)
    day = datetime(2026, 12, 1, 11, 0, 30, tzinfo=UTC)
    assert open_states(country, night) != open_states(country, day)
    clock = {"now": night.timestamp()}
    monkeypatch.setattr("helpsite.web.site.time.time", lambda: clock["now"])
    at_night = client.get("/en/nl").text
    assert at_night == site.render(PageKey.help(site, "en", "NL", now=night))
    clock["now"] = day.timestamp()
    by_day = client.get("/en/nl").text
    assert by_day == site.render(PageKey.help(site, "en", "NL", now=day))
    assert by_day != at_night
