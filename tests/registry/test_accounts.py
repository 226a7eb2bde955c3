"""Staff accounts and sign-in: argon2 hashes, a slow-down kept in the database, no disabled
account ever signs in, and bad input is an answer, never an exception."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from helpsite.registry.accounts import (
    FREE_FAILURES,
    add_account,
    authenticate,
    disable_account,
)
from helpsite.registry.errors import NotFound, RegistryError
from helpsite.registry.schema import accounts
from tests.registry.conftest import COUNTRIES, NOW, PASSWORD


def add(conn, name="ana", role="inspector", area="GB,IE", password=PASSWORD):
    return add_account(conn, name, role, area, password, now=NOW, known_countries=COUNTRIES)


def test_an_account_signs_in_with_its_password_and_the_hash_is_argon2(conn):
    made = add(conn, name="Ana")
    assert (made.name, made.role, made.area) == ("ana", "inspector", ("GB", "IE"))
    stored = conn.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    signed_in = authenticate(conn, "ana", PASSWORD, NOW)
    assert signed_in.ok and signed_in.account == made


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("ana", "wrong password here"),
        ("nobody", PASSWORD),
        ("", ""),
        (None, None),
        ("ana", "x" * 5000),
        ("ana\x00", PASSWORD),
        ("x" * 100_000, PASSWORD),
    ],
)
def test_a_wrong_name_or_password_is_no_account_and_never_raises(conn, name, password):
    add(conn)
    assert not authenticate(conn, name, password, NOW).ok


def test_a_disabled_account_never_signs_in(conn):
    add(conn)
    disable_account(conn, "ana")
    assert not authenticate(conn, "ana", PASSWORD, NOW).ok
    assert not authenticate(conn, "ana", PASSWORD, NOW + timedelta(days=365)).ok


def test_disabling_an_unknown_account_names_the_field(conn):
    with pytest.raises(NotFound, match="name: no account named 'ghost'"):
        disable_account(conn, "ghost")


def test_repeated_failures_slow_the_account_down_across_workers(engine):
    """Each sign-in in its own transaction and connection, as separate workers would."""
    with engine.begin() as conn:
        add(conn)
    for attempt in range(FREE_FAILURES - 1):
        with engine.begin() as conn:
            assert authenticate(conn, "ana", "not the password", NOW).retry_after == 0, attempt
    with engine.begin() as conn:
        failed = authenticate(conn, "ana", "not the password", NOW)
    assert not failed.ok and failed.retry_after == 1
    # While it waits, even the right password is refused, without being checked.
    with engine.begin() as conn:
        waiting = authenticate(conn, "ana", PASSWORD, NOW)
    assert not waiting.ok and waiting.retry_after == 1
    # Each further failure doubles the wait.
    with engine.begin() as conn:
        assert (
            authenticate(conn, "ana", "nope nope nope", NOW + timedelta(seconds=1)).retry_after == 2
        )
    later = NOW + timedelta(seconds=3)
    with engine.begin() as conn:
        assert authenticate(conn, "ana", PASSWORD, later).ok
    with engine.begin() as conn:  # success cleared the count: one failure costs nothing again
        assert authenticate(conn, "ana", "not the password", later).retry_after == 0
        row = conn.execute(select(accounts.c.failed_sign_ins, accounts.c.next_sign_in_at)).one()
    assert tuple(row) == (1, None)


def test_the_wait_is_capped_at_fifteen_minutes(conn):
    add(conn)
    waits = []
    moment = NOW
    for _ in range(FREE_FAILURES + 20):
        result = authenticate(conn, "ana", "not the password", moment)
        waits.append(result.retry_after)
        moment += timedelta(seconds=max(result.retry_after, 1))
    assert max(waits) == 15 * 60


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "ana:x"}, "name: 1 to 64 of a-z"),
        ({"name": ""}, "name: 1 to 64 of a-z"),
        ({"role": "admin"}, "role: choose one of manager, inspector"),
        ({"area": "XX"}, "area: no help pages for XX"),
        ({"area": "GB,GB"}, "area: GB is listed twice"),
        ({"area": " , "}, "area: at least one country code"),
        ({"area": "Britain"}, "area: a two-letter country code"),
        ({"password": "short"}, "password: at least 12 characters"),
        ({"password": "two\nlines of password"}, "password: one line"),
    ],
)
def test_bad_account_details_name_the_field(conn, kwargs, message):
    with pytest.raises(RegistryError, match=message):
        add(conn, **kwargs)


def test_a_name_is_never_taken_twice(conn):
    add(conn)
    with pytest.raises(RegistryError, match="name: an account named ana exists already"):
        add(conn, name="ANA", role="manager")


def test_hashes_use_owasps_argon2id_setting(conn):
    add(conn)
    stored = conn.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_hash_made_with_weaker_settings_is_upgraded_at_the_next_sign_in(conn):
    from argon2 import PasswordHasher

    add(conn)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    conn.execute(accounts.update().values(password_hash=weak))
    assert authenticate(conn, "ana", PASSWORD, NOW).ok
    stored = conn.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored != weak and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert authenticate(conn, "ana", PASSWORD, NOW).ok


def test_failures_at_the_same_moment_from_two_workers_are_all_counted(engine):
    """Each check takes a while (argon2): without the row lock one failure would be lost."""
    import threading

    with engine.begin() as conn:
        add(conn)
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait(timeout=10)
            for _ in range(2):
                with engine.begin() as conn:
                    authenticate(conn, "ana", "not the password", NOW)
        except Exception as exc:  # reported below, with the count
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with engine.connect() as conn:
        failures = conn.execute(select(accounts.c.failed_sign_ins)).scalar_one()
    assert (errors, failures) == ([], 4)
