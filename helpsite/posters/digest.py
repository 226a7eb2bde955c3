"""The content digest a poster prints: what the poster says, not the bytes of a data file.

A comment or a reordered key in a country file changes nothing on the paper, so it must not
change the digest; a changed number, flag, name, language or format must. The registry
compares digests to find posters that are out of date.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from helpsite.content.model import Emergency, Helpline
from qr.content import LanguageBlock

DIGEST_CHARS = 8  # printed in the fine print: short, and plenty to tell versions apart


def _helpline(line: Helpline) -> dict:
    return {
        "id": line.id,
        "name": line.name,
        "operator": line.operator,
        "kind": line.kind,
        "display": line.number.display if line.number else None,
        "dial": line.number.dial if line.number else None,
        "free": line.free,
        "24h": bool(line.hours is not None and line.hours.always),
        "confidential": line.confidential,
    }


def _emergency(emergency: Emergency) -> dict:
    return {"display": emergency.number.display, "dial": emergency.number.dial}


def printed_data(
    country_code: str,
    helpline: Helpline,
    emergency: Emergency,
    languages: Sequence[LanguageBlock],
    format_name: str,
) -> dict:
    """Everything the poster prints, as plain data: the registry keeps a copy of it, so a
    changed number or flag can be named later (``content_digest`` hashes exactly this)."""
    return {
        "country": country_code,
        "helpline": _helpline(helpline),
        "emergency": _emergency(emergency),
        "languages": [
            {"tag": b.tag, "direction": b.direction, "texts": list(b.texts())} for b in languages
        ],
        "format": format_name,
    }


def content_digest(
    country_code: str,
    helpline: Helpline,
    emergency: Emergency,
    languages: Sequence[LanguageBlock],
    format_name: str,
) -> str:
    """SHA-256 over a stable serialisation of everything the poster prints, shortened."""
    printed = printed_data(country_code, helpline, emergency, languages, format_name)
    return digest_of(printed)


def digest_of(printed: dict) -> str:
    """The digest of ``printed_data``'s result (the registry checks stored copies with it)."""
    serial = json.dumps(printed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(serial.encode("utf-8")).hexdigest()[:DIGEST_CHARS]
