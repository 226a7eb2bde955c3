"""Staff accounts and the sign-in core that the staff app's HTTP Basic middleware calls.

Passwords are argon2 hashes. Failed sign-ins are counted in the account's row, so every
worker sees them: after a few, each further failure makes the account wait longer before
the next try (doubling, at most 15 minutes). A disabled account never signs in.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, insert, select, update

from helpsite.registry import fields
from helpsite.registry.errors import NotFound, RegistryError
from helpsite.registry.schema import ROLES, accounts

# OWASP's argon2id setting (19 MiB, 2 passes, 1 lane): HTTP Basic sends the password with
# every staff request, so each one is verified; argon2-cffi's default (64 MiB, 3 passes,
# 4 lanes) takes most of a second on a small server and would make the staff app a DoS target.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# Verified when the name is unknown or disabled, so the answer takes as long as a real check.
_DUMMY_HASH = HASHER.hash("not a password of any account")
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
FREE_FAILURES = 5  # failures before the account starts to wait
MAX_WAIT = timedelta(minutes=15)


@dataclass(frozen=True)
class Account:
    """A staff account as the staff pages see it (never its hash)."""

    id: int
    name: str
    role: str
    area: tuple[str, ...]
    disabled: bool

    def works_in(self, country: str) -> bool:
        return country in self.area


@dataclass(frozen=True)
class SignIn:
    """What a sign-in attempt gave: the account, or none and how long to wait before retrying."""

    account: Account | None
    retry_after: int = 0  # seconds; > 0 when the account is slowed down

    @property
    def ok(self) -> bool:
        return self.account is not None


def _account(row) -> Account:
    return Account(row.id, row.name, row.role, tuple(row.area.split(",")), row.disabled)


def check_password(password: object) -> str:
    """Long enough to resist guessing, one line so stdin and prompts agree."""
    if not isinstance(password, str) or not password.strip():
        raise RegistryError("password", "required")
    if len(password) < MIN_PASSWORD:
        raise RegistryError("password", f"at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise RegistryError("password", f"at most {MAX_PASSWORD} characters")
    if any(ch in password for ch in "\r\n\x00"):
        raise RegistryError("password", "one line, without control characters")
    return password


def add_account(
    conn: Connection,
    name: object,
    role: object,
    area: object,
    password: object,
    *,
    now: datetime,
    known_countries: Collection[str],
) -> Account:
    """Create an account; a name that exists already is refused (never overwritten)."""
    name = fields.account_name(name)
    role = fields.one_of("role", role, ROLES)
    codes = fields.area(area, known_countries)
    password = check_password(password)
    if conn.execute(select(accounts.c.id).where(accounts.c.name == name)).first():
        raise RegistryError("name", f"an account named {name} exists already")
    new_id = conn.execute(
        insert(accounts).values(
            name=name,
            role=role,
            area=",".join(codes),
            password_hash=HASHER.hash(password),
            disabled=False,
            failed_sign_ins=0,
            created_at=now,
        )
    ).inserted_primary_key[0]
    return Account(new_id, name, role, codes, False)


def get_account(conn: Connection, name: str) -> Account | None:
    """The account with this name (any case), or None."""
    name = name.strip().lower() if isinstance(name, str) else ""
    if not fields.ACCOUNT_NAME.fullmatch(name):
        return None
    row = conn.execute(select(accounts).where(accounts.c.name == name)).first()
    return _account(row) if row else None


def disable_account(conn: Connection, name: object) -> Account:
    """Disable an account: it never signs in again (its inspections stay on record)."""
    text = name.strip().lower() if isinstance(name, str) else ""
    found = None
    if fields.ACCOUNT_NAME.fullmatch(text):
        found = conn.execute(update(accounts).where(accounts.c.name == text).values(disabled=True))
    if found is None or found.rowcount != 1:
        raise NotFound("name", f"no account named {name!r}")
    return get_account(conn, text)


def _wait_after(failures: int) -> timedelta:
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_FAILURES)), MAX_WAIT)


def authenticate(conn: Connection, name: object, password: object, now: datetime) -> SignIn:
    """Check a name and password; counts a failure against the account.

    Never raises for bad input: an unknown, malformed or disabled name is simply no account.
    The row is locked (PostgreSQL ``FOR UPDATE``; SQLite's ``BEGIN IMMEDIATE``) so two
    workers cannot both miss each other's failure.
    """
    if not isinstance(name, str) or not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return SignIn(None)
    name = name.strip().lower()
    if not fields.ACCOUNT_NAME.fullmatch(name):  # e.g. a NUL byte, which PostgreSQL refuses
        _verify(_DUMMY_HASH, password)
        return SignIn(None)
    row = conn.execute(select(accounts).where(accounts.c.name == name).with_for_update()).first()
    if row is None or row.disabled:
        _verify(_DUMMY_HASH, password)
        return SignIn(None)
    if row.next_sign_in_at is not None and now < row.next_sign_in_at:
        return SignIn(None, _seconds(row.next_sign_in_at - now))
    if _verify(row.password_hash, password):
        values: dict = {}
        if row.failed_sign_ins or row.next_sign_in_at is not None:
            values.update(failed_sign_ins=0, next_sign_in_at=None)
        if HASHER.check_needs_rehash(row.password_hash):
            values["password_hash"] = HASHER.hash(password)
        if values:  # HTTP Basic signs in on every request: write only when something changed
            conn.execute(update(accounts).where(accounts.c.id == row.id).values(**values))
        return SignIn(_account(row))
    failures = row.failed_sign_ins + 1
    wait = _wait_after(failures)
    conn.execute(
        update(accounts)
        .where(accounts.c.id == row.id)
        .values(failed_sign_ins=failures, next_sign_in_at=now + wait if wait else None)
    )
    return SignIn(None, _seconds(wait))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _seconds(delta: timedelta) -> int:
    return max(0, int(-(-delta.total_seconds() // 1)))
