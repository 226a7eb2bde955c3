"""Stand-ins for granian's RSGI scope and protocol, as granian 2.8 behaves.

Checked against the real server: headers are lower-case, ``get`` returns the first value,
``get_all`` every value; the path arrives percent-decoded and the query string raw; a
body arrives as the chunks ``async for`` yields. tests/web/test_serve.py runs the real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Headers:
    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = [(name.lower(), value) for name, value in pairs]

    def get(self, key: str, default=None):
        return next((value for name, value in self.pairs if name == key), default)

    def get_all(self, key: str) -> list[str]:
        return [value for name, value in self.pairs if name == key]

    def items(self) -> list[tuple[str, str]]:
        return list(self.pairs)

    def __contains__(self, key: str) -> bool:
        return any(name == key for name, _ in self.pairs)


@dataclass
class Scope:
    path: str
    method: str = "GET"
    query_string: str = ""
    headers: Headers = field(default_factory=lambda: Headers([]))
    scheme: str = "http"
    client: str = "127.0.0.1:50000"
    server: str = "127.0.0.1:8000"
    http_version: str = "1.1"
    proto: str = "http"


class Stream:
    def __init__(self, protocol: Protocol):
        self.protocol = protocol

    async def send_bytes(self, data: bytes) -> None:
        if self.protocol.closed:
            raise RuntimeError("protocol closed")  # granian's RSGIProtocolClosed is one
        self.protocol.chunks.append(data)


class Protocol:
    """Records the answer: ``status``, ``headers`` and ``body`` (or the streamed ``chunks``)."""

    def __init__(self, body_chunks: list[bytes] | None = None, *, closed: bool = False):
        self.body_chunks = list(body_chunks or [])
        self.closed = closed
        self.status: int | None = None
        self.headers: list[tuple[str, str]] | None = None
        self.body: bytes | None = None
        self.chunks: list[bytes] = []
        self.answers = 0  # response_* calls: exactly one per request

    def __aiter__(self):
        return self._read()

    async def _read(self):
        for chunk in self.body_chunks:
            yield chunk

    async def client_disconnect(self) -> None:
        return None

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.answers += 1
        self.status, self.headers, self.body = status, headers, body

    def response_stream(self, status: int, headers: list[tuple[str, str]]) -> Stream:
        self.answers += 1
        self.status, self.headers = status, headers
        return Stream(self)

    def header(self, name: str) -> str | None:
        return next((v for n, v in self.headers or () if n.lower() == name), None)
