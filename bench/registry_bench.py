"""The poster registry under load (`make bench`): not a test.

1. Inspections recorded per second: ``record_inspection`` in a transaction of its own, as
   the inspection page does, and through the real staff page (sign-in, token, form).
2. The area report for 10,000 posters: the report itself, and the CSV through the app.

On SQLite (a temporary file) and, when ``HELPSITE_TEST_POSTGRES_URL`` is set, PostgreSQL
(in a throwaway schema). Everything stays on this machine.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpsite.posters.request import parse_request  # noqa: E402
from helpsite.registry.accounts import get_account  # noqa: E402
from helpsite.registry.db import make_engine  # noqa: E402
from helpsite.registry.inspections import record_inspection  # noqa: E402
from helpsite.registry.schema import placements, posters, venues  # noqa: E402
from helpsite.settings import Settings  # noqa: E402
from helpsite.staff.area import area_report  # noqa: E402
from helpsite.staff.printing import poster_facts  # noqa: E402
from helpsite.web.app import create_app  # noqa: E402
from qr.codes import new_code  # noqa: E402
from tests.conftest import add_staff_accounts, staff_client_for  # noqa: E402

POSTERS = int(os.environ.get("BENCH_POSTERS", "10000"))
PER_VENUE = 20
INSPECTIONS = int(os.environ.get("BENCH_INSPECTIONS", "300"))
PAGE_INSPECTIONS = 100


def fill(url: str, site) -> list[str]:
    """POSTERS active posters in GB, PER_VENUE to a venue; returns their codes."""
    add_staff_accounts(url, {"GB", "IE", "US"})
    request = parse_request(
        country="GB", languages="en", format="a6", venue=None, placement=None,
        countries=site.countries, offered=site.visitor_languages,
    )  # fmt: skip
    digest, printed = poster_facts(request)
    now = datetime.now(UTC)
    engine = make_engine(url)
    codes = []
    with engine.begin() as conn:
        manager = get_account(conn, "manager")
        venue_rows = [
            {"name": f"Bench venue {n}", "address": f"{n} Bench Road", "country": "GB",
             "type": "shop", "manager_id": manager.id, "created_at": now}
            for n in range(POSTERS // PER_VENUE)
        ]  # fmt: skip
        conn.execute(insert(venues), venue_rows)
        venue_ids = [r.id for r in conn.execute(text("SELECT id FROM venues ORDER BY id"))]
        conn.execute(
            insert(placements),
            [
                {"venue_id": v, "description": f"spot {k}", "next_due": now.date(),
                 "created_at": now}
                for v in venue_ids for k in range(PER_VENUE)
            ],
        )  # fmt: skip
        placement_ids = [r.id for r in conn.execute(text("SELECT id FROM placements ORDER BY id"))]
        seen: set[str] = set()
        while len(seen) < len(placement_ids):
            seen.add(new_code("GB").compact)
        codes = sorted(seen)
        conn.execute(
            insert(posters),
            [
                {"location_code": code, "placement_id": p, "format": "a6", "languages": "en",
                 "content_digest": digest, "printed_data": printed, "printed_on": now.date(),
                 "state": "active"}
                for code, p in zip(codes, placement_ids, strict=True)
            ],
        )  # fmt: skip
    engine.dispose()
    return codes


def bench(name: str, url: str, settings: Settings) -> None:
    app = create_app(replace(settings, database_url=url))
    site = app.state.site
    started = time.perf_counter()
    codes = fill(url, site)
    print(f"{name}: {len(codes)} posters registered in {time.perf_counter() - started:.1f} s")
    engine = make_engine(url)
    with engine.begin() as conn:
        inspector = get_account(conn, "inspector")
    results = ("present", "damaged", "missing", "tampered")
    started = time.perf_counter()
    for n in range(INSPECTIONS):
        with engine.begin() as conn:
            record_inspection(
                conn, inspector, code=codes[n], result=results[n % 4], now=datetime.now(UTC),
                note="bench", scanned_code=codes[n],
            )  # fmt: skip
    elapsed = time.perf_counter() - started
    print(f"{name}: {INSPECTIONS / elapsed:.0f} inspections/s (registry, one transaction each)")
    with staff_client_for(app, "inspector") as client:
        token = client.token("/staff/posters")
        started = time.perf_counter()
        for n in range(PAGE_INSPECTIONS):
            response = client.post(
                "/staff/inspect",
                data={"token": token, "code": codes[-1 - n], "result": "present"},
            )
            assert response.status_code == 200, response.text[:200]
        elapsed = time.perf_counter() - started
        print(
            f"{name}: {PAGE_INSPECTIONS / elapsed:.0f} inspections/s (the staff page, in-process)"
        )
        with engine.connect() as conn:
            started = time.perf_counter()
            report = area_report(conn, site, inspector, datetime.now(UTC).date())
            elapsed = time.perf_counter() - started
        print(
            f"{name}: area report over {len(codes)} posters in {elapsed * 1000:.0f} ms"
            f" ({len(report.due)} due, {len(report.failing)} failing,"
            f" {len(report.tampered)} tampered)"
        )
        started = time.perf_counter()
        csv_response = client.get("/staff/report.csv")
        elapsed = time.perf_counter() - started
        assert csv_response.status_code == 200
        print(f"{name}: area report CSV through the app in {elapsed * 1000:.0f} ms")
    engine.dispose()


def main() -> None:
    settings = Settings.from_env()
    with tempfile.TemporaryDirectory() as folder:
        bench("SQLite", f"sqlite:///{folder}/registry.db", settings)
    server = os.environ.get("HELPSITE_TEST_POSTGRES_URL", "")
    if not server:
        print("PostgreSQL skipped: HELPSITE_TEST_POSTGRES_URL is not set")
        return
    server = Settings.from_env({"HELPSITE_DATABASE_URL": server}).database_url
    schema = f"helpsite_bench_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
        bench("PostgreSQL", url.render_as_string(hide_password=False), settings)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
