"""Every staff route: anonymous 401, wrong role or area 403, cross-site 403, no token 403."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.routing import Route

from helpsite.posters.request import parse_request
from helpsite.registry.accounts import get_account
from helpsite.registry.db import make_engine
from helpsite.registry.posters import register_poster
from helpsite.registry.venues import add_placement, add_venue
from helpsite.staff.app import staff_routes
from helpsite.staff.printing import poster_facts
from qr.codes import new_code
from tests.conftest import staff_client_for

ANYONE = {"manager", "other-manager", "inspector", "inspector-us"}


@pytest.fixture(scope="module")
def wall(settings, site, staff_accounts):
    """A GB venue of "manager" with one placement and one registered poster."""
    engine = make_engine(settings.database_url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        owner = get_account(conn, "manager")
        venue = add_venue(
            conn, owner, name="Authorisation Hall", address="1 Test Row", country="GB",
            type="hotel", now=now, known_countries=site.countries,
        )  # fmt: skip
        placement = add_placement(conn, owner, venue.id, "staff toilets, inside door", now)
        request = parse_request(
            country="GB", languages="en", format="a6", venue=None, placement=None,
            countries=site.countries, offered=site.visitor_languages,
        )  # fmt: skip
        digest, printed = poster_facts(request)
        code = new_code("GB").compact
        register_poster(
            conn, placement_id=placement.id, code=code, format="a6", languages=("en",),
            content_digest=digest, printed_data=printed, printed_on=now.date(),
        )  # fmt: skip
    engine.dispose()
    return {"venue": venue.id, "code": code}


def cases(wall) -> list[tuple[str, str, dict, set[str]]]:
    """(method, path, form, accounts allowed); the rest must get 403."""
    v, code = wall["venue"], wall["code"]
    return [
        ("GET", "/staff/", {}, ANYONE),
        ("GET", "/staff/posters", {}, ANYONE),
        ("POST", "/staff/posters", {"country": "ZZ"}, ANYONE),
        ("GET", "/staff/venues", {}, ANYONE),
        ("POST", "/staff/venues", {"name": ""}, {"manager", "other-manager"}),
        ("GET", "/staff/venues/new", {}, {"manager", "other-manager"}),
        ("GET", f"/staff/venues/{v}", {}, {"manager", "inspector"}),
        ("POST", f"/staff/venues/{v}/placements", {"placement": ""}, {"manager"}),
        ("POST", f"/staff/venues/{v}/print", {}, {"manager"}),
        ("GET", f"/staff/venues/{v}/sheet", {}, {"manager", "inspector"}),
        ("GET", f"/staff/venues/{v}/sheet.csv", {}, {"manager", "inspector"}),
        ("POST", f"/staff/posters/{code}/reprint", {}, {"manager"}),
        ("POST", f"/staff/posters/{code}/remove", {}, {"manager"}),
        ("GET", f"/staff/inspect?code={code}", {}, {"inspector"}),
        ("POST", "/staff/inspect", {"code": code, "result": "nonsense"}, {"inspector"}),
        ("GET", "/staff/outdated", {}, ANYONE),
        ("GET", "/staff/report", {}, ANYONE),
        ("GET", "/staff/report.csv", {}, ANYONE),
        ("GET", "/staff/import", {}, {"manager", "other-manager"}),
        ("POST", "/staff/import", {"csv": ""}, {"manager", "other-manager"}),
    ]


def _template(path: str) -> str:
    for part in path.split("?")[0].split("/"):
        if part.isdigit():
            path = path.replace(f"/{part}", "/{venue_id:int}")
        elif len(part) == 10 and part[:2] == "GB":
            path = path.replace(f"/{part}", "/{code}")
    return path.split("?")[0].removeprefix("/staff") or "/"


def test_the_table_covers_every_staff_route(wall):
    routes = {(m, r.path) for r in staff_routes() if isinstance(r, Route) for m in r.methods}
    covered = {(m, _template(p)) for m, p, _f, _a in cases(wall)}
    assert {(m, p) for m, p in routes if m != "HEAD"} == covered


def test_anonymous_requests_get_401_on_every_route(client, wall):
    for method, path, form, _allowed in cases(wall):
        response = client.request(method, path, data=form or None)
        assert response.status_code == 401, (method, path)
        assert response.headers["www-authenticate"].startswith('Basic realm="helpsite staff"')


def test_wrong_role_or_area_gets_403_and_the_right_account_does_not(app, wall):
    clients = {name: staff_client_for(app, name) for name in ANYONE}
    for method, path, form, allowed in cases(wall):
        for name, client in clients.items():
            if method == "POST":
                response = client.submit(path, data=form, follow_redirects=False)
            else:
                response = client.get(path, follow_redirects=False)
            if name in allowed:
                assert response.status_code not in (401, 403), (name, method, path)
            else:
                assert response.status_code == 403, (name, method, path, response.text[:200])


def test_every_post_needs_a_token_and_a_same_origin_request(app, wall):
    owner, inspector = staff_client_for(app, "manager"), staff_client_for(app, "inspector")
    for method, path, form, allowed in cases(wall):
        if method != "POST":
            continue
        client = inspector if "inspector" in allowed and "manager" not in allowed else owner
        without = client.post(path, data=form)
        assert without.status_code == 403 and "expired" in without.text, path
        stale = client.post(path, data={**form, "token": "1000.deadbeef"})
        assert stale.status_code == 403, path
        cross = client.submit(path, data=form, headers={"Sec-Fetch-Site": "cross-site"})
        assert cross.status_code == 403 and "own form" in cross.text, path
