"""``helpsite db``, ``users`` and ``demo``: the registry database, staff accounts, demo data."""

from __future__ import annotations

import sys

import click

from helpsite.cli.common import settings_or_exit


def _registry_engine():
    from helpsite.registry.db import make_engine

    return make_engine(settings_or_exit().database_url)


def _known_countries() -> set[str]:
    """Countries with help pages: venues and accounts may only name these."""
    from helpsite.content.loader import ContentError, load_countries

    try:
        return set(load_countries(settings_or_exit().countries_dir))
    except ContentError as exc:
        raise click.ClickException(f"cannot read the country data: {exc}") from None


def _registry(work):
    """Run ``work(connection)`` in one transaction; registry and database errors become one
    clear line (with the URL's password hidden), never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from helpsite.registry.db import display_url, is_sqlite, sqlite_path, transaction
    from helpsite.registry.errors import RegistryError
    from helpsite.registry.migrate import is_current

    url = settings_or_exit().database_url
    if is_sqlite(url) and not sqlite_path(url).is_file():
        raise click.ClickException(
            f"no database at {sqlite_path(url)}: run `helpsite db upgrade` first"
        )
    try:
        engine = _registry_engine()
        try:
            if not is_current(engine):
                raise click.ClickException(
                    f"the database at {display_url(url)} is not up to date:"
                    " run `helpsite db upgrade` first"
                )
            with transaction(engine) as connection:
                return work(connection)
        finally:
            engine.dispose()
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from None
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise click.ClickException(
            f"cannot use the database at {display_url(url)}: {reason}"
        ) from None


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


@click.group()
def db() -> None:
    """The poster registry's database: migrations and backups."""


@db.command(name="upgrade")
def db_upgrade() -> None:
    """Create the database or apply every new migration (SQLite or PostgreSQL)."""
    from sqlalchemy.exc import SQLAlchemyError

    from helpsite.registry.db import display_url
    from helpsite.registry.migrate import upgrade

    url = settings_or_exit().database_url
    try:
        engine = _registry_engine()
        try:
            revision = upgrade(engine)
        finally:
            engine.dispose()
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise click.ClickException(f"cannot upgrade {display_url(url)}: {reason}") from None
    click.echo(f"database at revision {revision}: {display_url(url)}")


@db.command(name="backup")
@click.argument("file", type=click.Path(dir_okay=False))
def db_backup(file: str) -> None:
    """Copy the SQLite registry to FILE while the site runs (PostgreSQL: use pg_dump)."""
    from helpsite.registry.backup import BackupError, backup

    try:
        written = backup(settings_or_exit().database_url, file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backup written: {written}")


@click.group()
def users() -> None:
    """Staff accounts: venue managers and inspectors (HTTP Basic sign-in, argon2 hashes)."""


def _read_password() -> str:
    """Prompt twice on a terminal; otherwise read one line from standard input."""
    stdin = sys.stdin
    if stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    lines = stdin.read().splitlines()
    if len(lines) != 1:
        raise click.ClickException("password: give exactly one line on standard input")
    return lines[0]


@users.command(name="add")
@click.argument("name")
@click.option("--role", required=True, help="manager or inspector.")
@click.option("--area", required=True, help="Country codes the account works in, e.g. GB,IE.")
def users_add(name: str, role: str, area: str) -> None:
    """Add an account; the password comes from standard input (or a prompt)."""
    from helpsite.registry import fields
    from helpsite.registry.accounts import add_account
    from helpsite.registry.errors import RegistryError
    from helpsite.registry.schema import ROLES

    known = _known_countries()
    try:  # name, role and area are checked before a password is asked for
        fields.account_name(name)
        fields.one_of("role", role, ROLES)
        fields.area(area, known)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from None
    password = _read_password()
    account = _registry(
        lambda conn: add_account(
            conn, name, role, area, password, now=_now(), known_countries=known
        )
    )
    click.echo(f"added {account.role} {account.name} ({','.join(account.area)})")


@users.command(name="disable")
@click.argument("name")
def users_disable(name: str) -> None:
    """Disable an account: it can no longer sign in (its records stay)."""
    from helpsite.registry.accounts import disable_account

    account = _registry(lambda conn: disable_account(conn, name))
    click.echo(f"disabled {account.name}")


@click.command()
def demo() -> None:
    """Add demo venues, placements and accounts (again: only what is missing)."""
    from helpsite.registry.demo import add_demo_data

    known = _known_countries()
    report = _registry(lambda conn: add_demo_data(conn, _now(), known))
    for line in report.created:
        click.echo(line)
    click.echo(f"demo data: {len(report.created)} added, {report.existing} there already")
