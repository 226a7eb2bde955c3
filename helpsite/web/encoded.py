"""A visitor page's bytes, encoded once: raw, gzip and brotli, each with a strong ETag.

Pages are a function of their ``PageKey`` (page_key.py), so their encodings are too: a
phone on a slow network gets the smallest body its browser takes, and no request pays
for compression.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from dataclasses import dataclass

import brotli

GZIP = b"gzip"
BROTLI = b"br"


@dataclass(frozen=True)
class Representation:
    """One encoding of a page: its body, Content-Encoding (or None) and strong ETag."""

    body: bytes
    encoding: bytes | None
    etag: bytes


class EncodedPage:
    """A page's representations; gzip and brotli are made on first use (then kept).

    Brotli at quality 10: within 3% of quality 11's size on the help page at a fifth of
    its time (bench/site_bench.py shows the sizes), so a first request never stalls the
    worker for long.
    """

    def __init__(self, body: bytes):
        self.body = body
        self.digest = hashlib.sha256(body).hexdigest()[:32]
        # A strong ETag names exact bytes, so each encoding has its own.
        self.raw = Representation(body, None, f'"{self.digest}"'.encode())

    @classmethod
    def of(cls, html: str) -> EncodedPage:
        return cls(html.encode("utf-8"))

    @functools.cached_property
    def gzip(self) -> Representation:
        packed = gzip.compress(self.body, compresslevel=9, mtime=0)
        return Representation(packed, GZIP, f'"{self.digest}-gz"'.encode())

    @functools.cached_property
    def brotli(self) -> Representation:
        packed = brotli.compress(self.body, quality=10, mode=brotli.MODE_TEXT)
        return Representation(packed, BROTLI, f'"{self.digest}-br"'.encode())

    def choose(self, accept_encoding: str | None) -> Representation:
        """The smallest representation ``Accept-Encoding`` allows (identity when unsure)."""
        return getattr(self, self.chosen(accept_encoding))

    @staticmethod
    def chosen(accept_encoding: str | None) -> str:
        accepted = accepted_encodings(accept_encoding or "")
        if "br" in accepted:
            return "brotli"  # smaller than gzip on every page (bench/site_bench.py)
        if "gzip" in accepted:
            return "gzip"
        return "raw"

    def ready(self, accept_encoding: str | None) -> bool:
        """Whether ``choose`` answers at once (False: it would compress first)."""
        return self.chosen(accept_encoding) in ("raw", *vars(self))


@functools.lru_cache(maxsize=256)
def accepted_encodings(header: str) -> frozenset[str]:
    """Codings with q > 0 (``*`` stands for gzip and br unless they are named)."""
    named: dict[str, float] = {}
    for part in header.lower().split(","):
        coding, _, params = part.partition(";")
        coding = coding.strip()
        if not coding:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        named[coding] = quality
    accepted = {coding for coding, q in named.items() if q > 0}
    if "*" in accepted:
        accepted |= {c for c in ("gzip", "br") if c not in named}
    return frozenset(accepted & {"gzip", "br"})


def etag_matches(if_none_match: str, etag: bytes) -> bool:
    """``If-None-Match`` uses the weak comparison: ``W/`` prefixes are ignored (RFC 9110)."""
    wanted = etag.decode()
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False
