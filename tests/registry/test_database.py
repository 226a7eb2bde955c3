"""How the registry opens its database: SQLite durable and strict, PostgreSQL via psycopg 3."""

from __future__ import annotations

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from helpsite.registry.db import make_engine
from helpsite.registry.schema import placements
from helpsite.settings import Settings, SettingsError
from tests.registry.conftest import NOW


def test_sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'registry.db'}")  # folder made too
    try:
        with engine.connect() as conn:
            pragmas = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()
                for name in ("journal_mode", "synchronous", "foreign_keys")
            }
    finally:
        engine.dispose()
    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}


def test_a_placement_of_no_venue_is_refused_by_the_database(engine):
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(placements).values(
                venue_id=12345, description="door", next_due=NOW.date(), created_at=NOW
            )
        )


def test_the_default_is_an_sqlite_file_in_the_checkouts_data_folder():
    # Relative to the working directory: `make run` creates data/ in the checkout.
    assert Settings().database_url == "sqlite:///data/helpsite.db"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://app@db.internal/registry", "postgresql+psycopg://app@db.internal/registry"),
        ("postgres://app@db.internal/registry", "postgresql+psycopg://app@db.internal/registry"),
        ("postgresql+psycopg://app@h/r", "postgresql+psycopg://app@h/r"),
        ("sqlite:////srv/helpsite/registry.db", "sqlite:////srv/helpsite/registry.db"),
    ],
)
def test_postgresql_urls_use_psycopg_3(given, used):
    assert Settings.from_env({"HELPSITE_DATABASE_URL": given}).database_url == used


def test_a_bad_url_does_not_echo_its_password():
    with pytest.raises(SettingsError, match="HELPSITE_DATABASE_URL") as caught:
        Settings.from_env({"HELPSITE_DATABASE_URL": "mysql://app:hunter2@db/registry"})
    assert "hunter2" not in str(caught.value)


def test_a_read_never_waits_for_a_writer_on_sqlite(engine, database_url):
    """Writers take SQLite's write lock at BEGIN; a page that only reads must not queue."""
    from sqlalchemy import func, select

    from helpsite.registry.db import reading
    from helpsite.registry.schema import venues

    with engine.begin() as writer:
        writer.execute(
            insert(venues).values(name="V", address="A", country="GB", type="shop", created_at=NOW)
        )
        # A read that took the write lock would wait out the busy timeout here, in the
        # writer's own thread, and fail with "database is locked".
        with reading(engine) as reader:
            seen = reader.execute(select(func.count()).select_from(venues)).scalar_one()
    assert seen == 0  # the writer has not committed yet
