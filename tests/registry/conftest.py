"""Every registry test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``HELPSITE_TEST_POSTGRES_URL`` (``.ci/run`` starts a throwaway
server and sets it). Without it the PostgreSQL half skips and says so; in CI
(``HELPSITE_CI=1``) it fails instead, so a missing server is never mistaken for a pass.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from helpsite.registry.db import make_engine
from helpsite.registry.migrate import upgrade
from helpsite.settings import Settings
from tests.conftest import IN_CI

POSTGRES_URL = os.environ.get("HELPSITE_TEST_POSTGRES_URL", "")
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
COUNTRIES = {"GB", "IE", "US", "RO"}
PASSWORD = "correct horse battery staple"


def normalised(url: str) -> str:
    return Settings.from_env({"HELPSITE_DATABASE_URL": url}).database_url


@pytest.fixture(scope="session")
def postgres_server() -> str:
    if not POSTGRES_URL:
        message = (
            "PostgreSQL skipped: HELPSITE_TEST_POSTGRES_URL is not set"
            " (.ci/run starts a server and sets it)"
        )
        if IN_CI:
            pytest.fail(f"HELPSITE_CI=1 but {message}")
        pytest.skip(message)
    return normalised(POSTGRES_URL)


def _fresh_postgres_schema(server: str):
    """A new, empty schema on the test server, first on the search path; dropped afterwards.

    A schema, not a database: CREATE DATABASE copies a template and checkpoints (about a
    second each), a schema takes milliseconds, and migrations see an empty database either way.
    """
    name = f"helpsite_test_{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        url = make_url(server).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database on each engine in turn (no tables yet)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    yield from _fresh_postgres_schema(server)


@pytest.fixture
def engine(database_url):
    """A migrated registry database."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def conn(engine):
    """One transaction, committed at the end of the test (as a request's would be)."""
    with engine.begin() as connection:
        yield connection
