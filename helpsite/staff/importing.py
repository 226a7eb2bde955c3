"""CSV import of venues and placements: every bad row reported by number, or all imported.

One row per placement (``placement`` may be empty for a venue without placements yet);
rows naming the same venue (name, address, country, type) add to one venue. A venue the
manager registered before, with the same name in the same country, is reused. It all runs
in one transaction: any error leaves the registry as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from helpsite.registry import fields
from helpsite.registry.accounts import Account
from helpsite.registry.errors import RegistryError
from helpsite.registry.schema import VENUE_TYPES, venues
from helpsite.registry.venues import add_placement, add_venue, find_placement

IMPORT_COLUMNS = ("name", "address", "country", "type", "placement")
MAX_ROWS = 1000


class ImportFailed(Exception):
    """Nothing was imported; ``problems`` are (row number, field, message)."""

    def __init__(self, problems: list[tuple[int, str, str]]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class ImportDone:
    venues: int
    placements: int


def _rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise ImportFailed([(0, "csv", f"not a readable CSV file: {exc}")]) from None


def import_venues(
    conn: Connection,
    account: Account,
    text: str,
    now: datetime,
    known_countries: Collection[str],
) -> ImportDone:
    """Check every row, then add the venues and placements; raise ImportFailed otherwise."""
    if account.role != "manager":
        raise ImportFailed([(0, "account", "only venue managers import venues")])
    rows = _rows(text)
    if not rows or [c.strip().lower() for c in rows[0]] != list(IMPORT_COLUMNS):
        raise ImportFailed([(1, "header", f"the first row must be: {','.join(IMPORT_COLUMNS)}")])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFailed([(0, "csv", f"at most {MAX_ROWS} rows at once")])
    problems: list[tuple[int, str, str]] = []
    checked: list[tuple[int, tuple, str | None]] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(IMPORT_COLUMNS):
            problems.append((number, "row", f"{len(cells)} cells, expected {len(IMPORT_COLUMNS)}"))
            continue
        name, address, country, kind, placement = cells
        row_problems = []
        values = []
        for field, raw, check in (
            ("name", name, lambda v: fields.plain_text("name", v, 200)),
            ("address", address, lambda v: fields.plain_text("address", v, 500)),
            ("country", country, lambda v: fields.country("country", v, known_countries)),
            ("type", kind, lambda v: fields.one_of("type", v, VENUE_TYPES)),
        ):
            try:
                values.append(check(raw))
            except RegistryError as exc:
                row_problems.append((number, field, exc.message))
        try:
            spot = fields.plain_text("placement", placement, 200, required=False)
        except RegistryError as exc:
            row_problems.append((number, "placement", exc.message))
            spot = None
        if not row_problems and not account.works_in(values[2]):
            row_problems.append((number, "country", f"{values[2]} is outside your area"))
        problems += row_problems
        if not row_problems:
            checked.append((number, tuple(values), spot))
    if problems:
        raise ImportFailed(problems)
    made_venues: dict[tuple, int] = {}
    venues_added = placements_added = 0
    for number, key, spot in checked:
        venue_id = made_venues.get(key)
        if venue_id is None:
            venue_id = _own_venue(conn, account, key[0], key[2])
            if venue_id is None:
                venue = add_venue(
                    conn, account, name=key[0], address=key[1], country=key[2], type=key[3],
                    now=now, known_countries=known_countries,
                )  # fmt: skip
                venue_id = venue.id
                venues_added += 1
            made_venues[key] = venue_id
        if spot is not None:
            if find_placement(conn, venue_id, spot) is not None:
                problems.append((number, "placement", f"{key[0]} already has {spot!r}"))
                continue
            add_placement(conn, account, venue_id, spot, now)
            placements_added += 1
    if problems:
        raise ImportFailed(problems)  # the transaction rolls back: nothing was imported
    return ImportDone(venues_added, placements_added)


def _own_venue(conn: Connection, account: Account, name: str, country: str) -> int | None:
    row = conn.execute(
        select(venues.c.id)
        .where(venues.c.name == name, venues.c.country == country)
        .where(venues.c.manager_id == account.id)
        .order_by(venues.c.id)
    ).first()
    return row.id if row else None
