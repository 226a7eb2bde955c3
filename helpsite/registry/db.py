"""One engine per database URL: SQLite in WAL mode by default, PostgreSQL via psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url


def is_sqlite(url: str) -> bool:
    """SQLite needs its own set-up (pragmas, locking, backup API)."""
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path:
    """The file an ``sqlite:///`` URL names."""
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ValueError("an SQLite registry needs a file, not an in-memory database")
    return Path(database)


def make_engine(url: str) -> Engine:
    """An engine whose every connection is set up for durable writes.

    SQLite: WAL (readers never block the writer, and a backup can run while the site
    serves), ``synchronous=FULL`` (an acknowledged write survives a power cut, not only a
    killed process; the registry writes a few rows a minute, so the fsync costs nothing
    that matters), foreign keys on, a busy timeout so workers wait for each other instead
    of failing, and ``BEGIN IMMEDIATE`` so a transaction that reads then writes (the
    sign-in counter) never fails half-way on another worker's lock.
    """
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


READ_ONLY = "helpsite_read_only"


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One unit of work: committed when the block ends, rolled back if it raises."""
    with engine.begin() as connection:
        yield connection


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A consistent read (a page, a report): on SQLite it never waits for a writer."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection, connection.begin():
        yield connection


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)
