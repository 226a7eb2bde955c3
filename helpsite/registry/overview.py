"""Read-only views across tables for the staff pages: a venue's wall, an area's posters.

Each is one or two set-based queries (an area report over 10,000 posters must not make
10,000 round trips).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, func, select

from helpsite.registry.posters import Poster, _poster
from helpsite.registry.schema import inspections, placements, posters, venues
from helpsite.registry.venues import Placement, Venue, _placement, _venue


@dataclass(frozen=True)
class LastInspection:
    """The newest inspection of a poster."""

    result: str
    inspected_at: datetime
    note: str | None


@dataclass(frozen=True)
class PosterPlace:
    """A poster with where it should hang and its newest inspection (None: never)."""

    poster: Poster
    placement: Placement
    venue: Venue
    last: LastInspection | None


def active_poster_by_placement(conn: Connection, venue_id: int) -> dict[int, Poster]:
    """The poster currently expected on each placement of a venue."""
    rows = conn.execute(
        select(posters)
        .join(placements, placements.c.id == posters.c.placement_id)
        .where(placements.c.venue_id == venue_id, posters.c.state == "active")
    )
    return {row.placement_id: _poster(row) for row in rows}


def _last_inspections(conn: Connection, poster_ids: Sequence[int]) -> dict[int, LastInspection]:
    if not poster_ids:
        return {}
    newest = select(inspections.c.poster_id, func.max(inspections.c.id).label("id"))
    if len(poster_ids) <= 500:  # a venue or one poster; a whole area reads every inspection
        newest = newest.where(inspections.c.poster_id.in_(list(poster_ids)))
    newest = newest.group_by(inspections.c.poster_id).subquery()
    rows = conn.execute(
        select(inspections).join(newest, newest.c.id == inspections.c.id)
    ).fetchall()
    wanted = set(poster_ids)
    return {
        row.poster_id: LastInspection(row.result, row.inspected_at, row.note)
        for row in rows
        if row.poster_id in wanted
    }


def posters_in(
    conn: Connection, countries: Sequence[str], *, manager_id: int | None = None
) -> list[PosterPlace]:
    """Active posters in these countries (a manager: only in their venues), by venue."""
    query = (
        select(posters, placements, venues)
        .join(placements, placements.c.id == posters.c.placement_id)
        .join(venues, venues.c.id == placements.c.venue_id)
        .where(posters.c.state == "active", venues.c.country.in_(list(countries)))
        .order_by(venues.c.country, venues.c.name, venues.c.id, placements.c.id)
    )
    if manager_id is not None:
        query = query.where(venues.c.manager_id == manager_id)
    found = []
    for row in conn.execute(query):
        mapping = row._mapping
        poster = _poster(_Row(mapping, posters))
        placement = _placement(_Row(mapping, placements))
        venue = _venue(_Row(mapping, venues))
        found.append((poster, placement, venue))
    last = _last_inspections(conn, [p.id for p, _pl, _v in found])
    return [PosterPlace(p, pl, v, last.get(p.id)) for p, pl, v in found]


def poster_place(conn: Connection, poster: Poster) -> PosterPlace:
    """Where a registered poster should hang, and how it was last found."""
    row = conn.execute(
        select(placements, venues)
        .join(venues, venues.c.id == placements.c.venue_id)
        .where(placements.c.id == poster.placement_id)
    ).one()
    mapping = row._mapping
    last = _last_inspections(conn, [poster.id]).get(poster.id)
    return PosterPlace(
        poster, _placement(_Row(mapping, placements)), _venue(_Row(mapping, venues)), last
    )


def placements_in(conn: Connection, countries: Sequence[str]) -> list[tuple[Placement, Venue]]:
    """Every placement in these countries (expected posters), by venue."""
    rows = conn.execute(
        select(placements, venues)
        .join(venues, venues.c.id == placements.c.venue_id)
        .where(venues.c.country.in_(list(countries)))
        .order_by(venues.c.country, venues.c.name, venues.c.id, placements.c.id)
    )
    return [
        (_placement(_Row(r._mapping, placements)), _venue(_Row(r._mapping, venues))) for r in rows
    ]


def due_by(placement: Placement, today: date) -> bool:
    """Never-inspected placements are due from the day they were registered."""
    return placement.next_due <= today


class _Row:
    """One table's columns of a joined row, by attribute (the tables share names like id)."""

    _columns: dict = {}  # table -> its columns (iterating table.columns is slow)

    def __init__(self, mapping, table):
        columns = self._columns.get(table)
        if columns is None:
            columns = self._columns[table] = tuple(table.columns)
        self._values = {c.name: mapping[c] for c in columns}

    def __getattr__(self, name: str):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None
