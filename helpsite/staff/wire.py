"""Length-prefixed pickles over a pipe: how the web worker and a render process talk.

Both ends are this package's own code, started by the web worker; nothing from the
network is ever unpickled (a poster request crosses as plain strings and a
``PosterContent`` built by the web worker).
"""

from __future__ import annotations

import os
import pickle
import struct
from typing import Any

HEADER = struct.Struct("!Q")


def pack(value: Any) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def loads(data: bytes) -> Any:
    return pickle.loads(data)  # noqa: S301 - written by our own process


def read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from a raw descriptor, or None at end of file."""
    chunks, missing = [], size
    while missing:
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def read_message(fd: int) -> Any | None:
    header = read_exactly(fd, HEADER.size)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    data = read_exactly(fd, size)
    return None if data is None else loads(data)


def write_message(fd: int, value: Any) -> None:
    data = memoryview(pack(value))
    while data:
        written = os.write(fd, data)
        data = data[written:]
