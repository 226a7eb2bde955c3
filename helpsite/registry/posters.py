"""Posters as printed: which code hangs where, and the data it printed (for outdated checks)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, insert, select, update

from helpsite.registry import fields
from helpsite.registry.errors import NotFound, RegistryError
from helpsite.registry.schema import placements, posters, venues
from qr.codes import CodeStatus, parse


@dataclass(frozen=True)
class Poster:
    """A printed poster as registered; ``printed_data`` is what it showed."""

    id: int
    location_code: str  # URL form, GB7K2Q9XM5
    placement_id: int
    format: str
    languages: tuple[str, ...]
    content_digest: str
    printed_data: dict
    printed_on: date
    state: str
    replaced_by_id: int | None


def _poster(row) -> Poster:
    return Poster(
        row.id,
        row.location_code,
        row.placement_id,
        row.format,
        tuple(row.languages.split(",")),
        row.content_digest,
        row.printed_data,
        row.printed_on,
        row.state,
        row.replaced_by_id,
    )


def location_code(field: str, text: object) -> str:
    """A typed or scanned code in URL form; anything but a valid code is refused."""
    parsed = parse(text) if isinstance(text, str) else None
    if parsed is None or parsed.status is not CodeStatus.VALID:
        raise RegistryError(field, f"{text!r} is not a valid location code (like GB 7K2Q-9XM5)")
    return parsed.code.compact


def register_poster(
    conn: Connection,
    *,
    placement_id: int,
    code: object,
    format: object,
    languages: tuple[str, ...],
    content_digest: object,
    printed_data: dict,
    printed_on: date,
    replaces: object = None,
) -> Poster:
    """Record a printed poster; ``replaces`` names the code of the poster it takes over from."""
    placement = conn.execute(
        select(placements.c.id, venues.c.country)
        .join(venues, venues.c.id == placements.c.venue_id)
        .where(placements.c.id == placement_id)
    ).first()
    if placement is None:
        raise NotFound("placement", f"no placement {placement_id}")
    compact = location_code("location_code", code)
    if compact[:2] != placement.country:
        raise RegistryError(
            "location_code",
            f"{compact} is a code for {compact[:2]}, the venue is in {placement.country}",
        )
    if find_poster(conn, compact) is not None:
        raise RegistryError("location_code", f"{compact} is registered already")
    format_name = fields.plain_text("format", format, 16)
    digest = fields.plain_text("content_digest", content_digest, 128)
    if not languages or not all(isinstance(tag, str) and tag.strip() for tag in languages):
        raise RegistryError("languages", "at least one language tag")
    try:
        json.dumps(printed_data, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise RegistryError("printed_data", f"not plain JSON data: {exc}") from None
    old = None
    if replaces is not None:
        old = find_poster(conn, location_code("replaces", replaces))
        if old is None or old.state != "active":
            raise RegistryError("replaces", f"{replaces!r} is not an active poster")
    new_id = conn.execute(
        insert(posters).values(
            location_code=compact,
            placement_id=placement_id,
            format=format_name,
            languages=",".join(tag.strip() for tag in languages),
            content_digest=digest,
            printed_data=printed_data,
            printed_on=printed_on,
            state="active",
        )
    ).inserted_primary_key[0]
    if old is not None:
        conn.execute(
            update(posters)
            .where(posters.c.id == old.id)
            .values(state="replaced", replaced_by_id=new_id)
        )
    return find_poster(conn, compact)


def find_poster(conn: Connection, code: str) -> Poster | None:
    """The poster with this code (any accepted spelling), or None."""
    parsed = parse(code) if isinstance(code, str) else None
    if parsed is None or parsed.code is None:
        return None
    row = conn.execute(
        select(posters).where(posters.c.location_code == parsed.code.compact)
    ).first()
    return _poster(row) if row else None


def remove_poster(conn: Connection, code: object) -> Poster:
    """Mark a poster as taken down: it stays on record, no longer expected on the wall."""
    poster = find_poster(conn, code) if isinstance(code, str) else None
    if poster is None:
        raise NotFound("location_code", f"no poster {code!r}")
    if poster.state != "active":
        raise RegistryError("location_code", f"{poster.location_code} is {poster.state} already")
    conn.execute(update(posters).where(posters.c.id == poster.id).values(state="removed"))
    return find_poster(conn, poster.location_code)
