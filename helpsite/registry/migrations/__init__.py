"""Alembic migrations of the registry, run from code (``helpsite db upgrade``)."""
