"""Property-based: whatever a visitor (or a scanner) sends, never a 500, never a traceback."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qr.codes import ALPHABET

fuzz = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
segments = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
codeish = st.builds(
    lambda cc, body, seps: cc + "".join(b + s for b, s in zip(body, seps, strict=False)),
    st.sampled_from(["GB", "gb", "IE", "US", "ZZ", "g", "AU", "Xx"]),
    st.text(alphabet=ALPHABET + "OILUoilu*?", min_size=0, max_size=11),
    st.lists(st.sampled_from(["", "", "-", " ", "_", "."]), max_size=11),
)
language_tags = st.from_regex(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,2}", fullmatch=True)
ascii_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
accept_language = st.one_of(
    ascii_text,
    st.lists(
        st.tuples(language_tags, st.one_of(st.none(), st.floats(-1, 2), ascii_text)),
        max_size=6,
    ).map(lambda items: ", ".join(t if q is None else f"{t};q={q}" for t, q in items)),
)


def assert_calm(response):
    assert response.status_code < 500, response.status_code
    assert "Traceback" not in response.text
    assert "set-cookie" not in response.headers


@fuzz
@given(st.lists(segments, min_size=1, max_size=4), st.text(max_size=40))
def test_random_paths_and_queries(client, parts, query):
    path = "/" + "/".join(quote(part, safe="") for part in parts)
    if path.startswith("//"):  # the client would read it as a host; a browser sends /x//
        path = "/x" + path
    assert_calm(client.get(path + "?" + quote(query, safe="=&"), follow_redirects=False))


@fuzz
@given(codeish, accept_language)
def test_random_codes_and_languages(client, code, header):
    response = client.get("/" + quote(code, safe=""), headers={"Accept-Language": header})
    assert_calm(response)
    if response.status_code == 200:
        assert 'href="tel:' in response.text or "/en/gb" in response.text


@fuzz
@given(accept_language)
def test_random_accept_language_on_home(client, header):
    assert_calm(client.get("/", headers={"Accept-Language": header}))
