"""Alembic environment: run on the connection ``helpsite.registry.migrate`` hands over."""

from __future__ import annotations

from alembic import context

from helpsite.registry.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, the same script then
    # runs on both engines.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
