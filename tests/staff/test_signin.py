"""Staff sign in with HTTP Basic on every request: no cookie, HTTPS only, form tokens."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from starlette.testclient import TestClient

from helpsite.registry.accounts import add_account
from helpsite.registry.db import make_engine
from helpsite.staff.tokens import TOKEN_SECONDS, make_token
from tests.conftest import STAFF_PASSWORD, basic_auth, staff_client_for

REALM = 'Basic realm="helpsite staff", charset="UTF-8"'


def test_anonymous_staff_requests_are_asked_to_sign_in(client):
    for method, url in [("GET", "/staff/posters"), ("POST", "/staff/posters"), ("GET", "/staff/x")]:
        response = client.request(method, url)
        assert response.status_code == 401, url
        assert response.headers["www-authenticate"] == REALM
        assert "set-cookie" not in response.headers


def test_a_wrong_password_or_a_malformed_header_is_asked_again(client, staff_accounts):
    for headers in [
        basic_auth("manager", "not the password at all"),
        basic_auth("nobody-at-all"),
        {"Authorization": "Basic !!!notbase64"},
        {"Authorization": "Bearer abc"},
        {"Authorization": "Basic " + "QQ==" * 3000},
    ]:
        response = client.get("/staff/posters", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == REALM


def test_the_right_password_opens_the_page_and_sets_no_cookie(app, staff_accounts):
    with staff_client_for(app, "inspector") as inspector:
        response = inspector.get("/staff/posters")
    assert response.status_code == 200
    assert "set-cookie" not in response.headers
    assert 'name="token"' in response.text


def test_repeated_failures_slow_the_account_down_with_retry_after(app, settings, site):
    engine = make_engine(settings.database_url)
    with engine.begin() as conn:
        add_account(
            conn, "slow-one", "manager", "GB", STAFF_PASSWORD,
            now=datetime.now(UTC), known_countries=site.countries,
        )  # fmt: skip
    engine.dispose()
    with TestClient(app, base_url="https://testserver") as anyone:
        statuses = [
            anyone.get(
                "/staff/posters", headers=basic_auth("slow-one", "wrong password!!")
            ).status_code
            for _ in range(6)
        ]
        # Slowed down: even the right password waits now.
        right = anyone.get("/staff/posters", headers=basic_auth("slow-one"))
    assert statuses[:4] == [401] * 4
    assert statuses[-1] == 429
    assert right.status_code == 429
    assert int(right.headers["retry-after"]) >= 1


def test_plain_http_is_refused_except_from_loopback(app, staff_accounts):
    remote = TestClient(app, base_url="http://testserver", headers=basic_auth("manager"))
    response = remote.get("/staff/posters")
    assert response.status_code == 403
    assert "HTTPS" in response.text
    local = TestClient(
        app, base_url="http://testserver", headers=basic_auth("manager"), client=("127.0.0.1", 5)
    )
    assert local.get("/staff/posters").status_code == 200


def test_visitor_pages_ignore_credentials_and_never_log_them(client, caplog):
    caplog.set_level(logging.DEBUG)
    header = basic_auth("manager")
    plain = client.get("/en/gb")
    with_credentials = client.get("/en/gb", headers=header)
    assert with_credentials.status_code == 200
    assert "www-authenticate" not in with_credentials.headers
    assert with_credentials.text == plain.text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert header["Authorization"].split()[1] not in logged
    assert STAFF_PASSWORD not in logged


def test_a_post_without_a_valid_token_is_refused(staff_client, app, staff_accounts):
    form = {"country": "ZZ", "languages": "en", "format": "a4"}  # the form answers 400
    key = app.routes[0].app.state.store._form_key
    assert key is not None  # made when the first page was shown
    now = time.time()
    for token in [
        None,
        "",
        "garbage",
        make_token(key, 1, now - TOKEN_SECONDS - 5),  # expired
        make_token(key, 99, now),  # another account's
        make_token(b"another key", 1, now),
        f"{int(now) + 3600}.{'0' * 64}",
    ]:
        data = form if token is None else {**form, "token": token}
        response = staff_client.post("/staff/posters", data=data)
        assert response.status_code == 403, token
        assert "expired" in response.text
    assert staff_client.submit("/staff/posters", data=form).status_code == 400  # reaches the form


def test_a_recent_password_check_is_remembered_for_a_minute(app, staff_accounts, monkeypatch):
    import helpsite.staff.signin as signin

    calls = []
    real = signin.authenticate

    def counting(*args):
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(signin, "authenticate", counting)
    with staff_client_for(app, "other-manager") as other:
        assert [other.get("/staff/posters").status_code for _ in range(3)] == [200] * 3
    assert calls == ["other-manager"]
