"""The registry as the staff app uses it: one engine per app, work done off the event loop.

The engine is made on first use, so building the site (tests, the CLI) never opens or
creates a database; every call runs in a thread, so argon2 and the database never block
the visitor pages served by the same worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import anyio.to_thread
from sqlalchemy import Connection, Engine

from helpsite.registry.db import make_engine, reading, transaction
from helpsite.registry.keys import site_key

T = TypeVar("T")
FORM_KEY = "staff-form-tokens"


class StaffStore:
    """The staff app's registry engine and form-token key, each made once."""

    def __init__(self, database_url: str, secret_key: str = ""):
        self.database_url = database_url
        self._secret_key = secret_key
        self._engine: Engine | None = None
        self._form_key: bytes | None = secret_key.encode("utf-8") if secret_key else None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.database_url)
            return self._engine

    async def write(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``work(conn, ...)`` in one committed transaction, in a thread."""
        return await anyio.to_thread.run_sync(lambda: self._write(work, args, kwargs))

    async def read(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``work(conn, ...)`` in a consistent read, in a thread."""
        return await anyio.to_thread.run_sync(lambda: self._read(work, args, kwargs))

    def _write(self, work: Callable[..., T], args: tuple, kwargs: dict) -> T:
        with transaction(self.engine) as conn:
            return work(conn, *args, **kwargs)

    def _read(self, work: Callable[..., T], args: tuple, kwargs: dict) -> T:
        with reading(self.engine) as conn:
            return work(conn, *args, **kwargs)

    async def form_key(self) -> bytes:
        """``HELPSITE_SECRET_KEY``, else the key stored in the registry (made on first use)."""
        if self._form_key is None:
            value = await self.write(_stored_key)
            self._form_key = value.encode("ascii")
        return self._form_key

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _stored_key(conn: Connection) -> str:
    return site_key(conn, FORM_KEY)
