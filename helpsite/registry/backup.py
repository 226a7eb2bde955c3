"""A consistent copy of the SQLite registry while the site keeps serving (sqlite3's backup API)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from helpsite.registry.db import is_sqlite, sqlite_path


class BackupError(Exception):
    """The backup cannot be made; the message says why and what to do."""


def backup(url: str, target: str | Path) -> Path:
    """Copy the database to ``target`` (a new file), page by page, without stopping writers.

    The copy is switched out of WAL mode so it is one self-contained file. It is written
    under a temporary name and renamed at the end: a half-made backup is never left behind.
    """
    if not is_sqlite(url):
        plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
        raise BackupError(
            f"the registry is on PostgreSQL: use pg_dump for a consistent online backup,"
            f" e.g. pg_dump --format=custom --file={target} '{plain}'"
        )
    source = sqlite_path(url)
    target = Path(target)
    if not source.is_file():
        raise BackupError(f"no database at {source}: run `helpsite db upgrade` first")
    database_files = {source.resolve(), *(Path(f"{source}{s}").resolve() for s in ("-wal", "-shm"))}
    if target.resolve() in database_files:
        raise BackupError(f"{target} is the database itself: choose another file")
    if target.exists():
        raise BackupError(f"{target} exists: a backup never overwrites a file")
    if not target.resolve().parent.is_dir():
        raise BackupError(f"cannot write {target}: its folder does not exist")
    fd, tmp = tempfile.mkstemp(dir=target.resolve().parent, prefix=f".{target.name}.")
    os.close(fd)
    try:
        with _closing(sqlite3.connect(source)) as src, _closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            (verdict,) = dst.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise BackupError(f"the copy failed its check: {verdict}")
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot back up {source}: {exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


class _closing:
    """sqlite3's own context manager commits but does not close."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()
