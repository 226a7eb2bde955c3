"""Write a batch's files all or nothing, so "nothing was written" is always true.

A batch is a PDF of posters and the placement list that says which code hangs where;
one without the other is worse than neither. Every file is written under a temporary
name first; then each target is renamed into place, keeping any file it replaces under
a backup name until all are in place. If a rename fails, what was already renamed is
put back (or removed) and the message says exactly what happened.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


class WriteFailed(OSError):
    """Writing the batch failed; the message says what is on disk now."""


def _temporary(path: Path, suffix: str, data: bytes | None = None) -> str:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    with os.fdopen(fd, "wb") as handle:
        if data is not None:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    return name


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none; raise ``WriteFailed`` with a true account otherwise."""
    temporary: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            temporary.append((_temporary(path, ".tmp", data), path))
    except OSError as exc:
        _discard(name for name, _path in temporary)
        raise WriteFailed(f"nothing was written: {exc.strerror or exc}") from None
    done: list[tuple[Path, str | None]] = []  # renamed targets and the backup of each
    try:
        for name, path in temporary:
            backup = None
            if path.exists():
                backup = _temporary(path, ".old")
                try:
                    os.replace(path, backup)
                except OSError:
                    _discard([backup])
                    raise
            done.append((path, backup))
            os.replace(name, path)
    except OSError as exc:
        left = _roll_back(done)
        _discard(name for name, _path in temporary)
        reason = exc.strerror or str(exc)
        if left:
            raise WriteFailed(
                f"writing failed ({reason}) and could not be undone: check {', '.join(left)}"
            ) from None
        raise WriteFailed(f"nothing was written: {reason}") from None
    _discard(backup for _path, backup in done if backup)


def _roll_back(done: list[tuple[Path, str | None]]) -> list[str]:
    """Undo the renames in reverse; return what could not be restored, and where it is."""
    left = []
    for path, backup in reversed(done):
        try:
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            kept = f" (its previous version is kept as {backup})" if backup else ""
            left.append(f"{path}{kept}")
    return left


def _discard(names) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
