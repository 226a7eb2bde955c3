"""Migrations build, from nothing, exactly the schema the code declares, on both engines."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from helpsite.registry.db import make_engine
from helpsite.registry.migrate import (
    current_revision,
    downgrade,
    head_revision,
    is_current,
    upgrade,
)
from helpsite.registry.schema import DEFAULT_INTERVAL_DAYS, inspection_intervals, metadata


def test_upgrade_from_empty_reaches_head_and_matches_the_models(database_url):
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        assert not is_current(engine)
        assert upgrade(engine) == head_revision()
        assert is_current(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
            assert set(inspect(conn).get_table_names()) == {*metadata.tables, "alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_twice_changes_nothing_and_seeds_the_intervals_once(engine):
    assert upgrade(engine) == head_revision()
    with engine.connect() as conn:
        rows = dict(conn.execute(select(inspection_intervals)).all())
    assert rows == DEFAULT_INTERVAL_DAYS


def test_the_registry_has_no_place_for_visitors():
    """Nothing about a visitor is ever stored: no scans, counts, addresses or agents."""
    visitor_words = {"scan", "scans", "count", "visit", "visitor", "ip", "agent", "hits", "views"}
    for table in metadata.sorted_tables:
        assert not visitor_words & set(table.name.split("_")), table.name
        for column in table.columns:
            assert not visitor_words & set(column.name.split("_")), f"{table.name}.{column.name}"


def test_downgrade_to_base_removes_every_table_and_upgrade_rebuilds_them(engine):
    assert downgrade(engine, "base") is None
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    assert upgrade(engine) == head_revision()
