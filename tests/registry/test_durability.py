"""An acknowledged write survives the process being killed with SIGKILL, on both engines.

A child commits venue after venue, printing "ok ID" after each commit; it is killed while it
is still writing. Every acknowledged venue must be there afterwards, and at most one more
(committed, killed before it could say so); the database opens and takes writes again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import select

from helpsite.registry.db import make_engine
from helpsite.registry.schema import venues
from tests.conftest import ROOT
from tests.registry.conftest import NOW

CHILD = """
import sys, time
from datetime import UTC, datetime
from helpsite.registry.db import make_engine, transaction
from helpsite.registry.venues import add_venue

engine = make_engine(sys.argv[1])
for n in range(100_000):
    with transaction(engine) as conn:
        venue = add_venue(conn, None, name=f"Venue {n}", address="1 Road", country="GB",
                          type="shop", now=datetime.now(UTC), known_countries={"GB"})
    print(f"ok {venue.id}", flush=True)
time.sleep(60)
"""


def test_acknowledged_writes_survive_sigkill(engine, database_url):
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, database_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        seen = []
        deadline = time.monotonic() + 60
        while len(seen) < 20 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            seen.append(line)
        os.kill(child.pid, signal.SIGKILL)  # mid-write: it never pauses between commits
        child.wait(timeout=10)
        # Everything it printed before it died was acknowledged, read or not.
        printed = seen + child.stdout.readlines()
        stderr = child.stderr.read()
    finally:
        child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert len(seen) == 20, stderr
    acknowledged = [int(line.split()[1]) for line in printed if line.startswith("ok ")]
    fresh = make_engine(database_url)  # as a restarted server would open it
    try:
        with fresh.begin() as conn:
            stored = conn.execute(select(venues.c.id).order_by(venues.c.id)).scalars().all()
            conn.execute(  # and it takes writes again
                venues.insert().values(
                    name="After", address="x", country="GB", type="shop", created_at=NOW
                )
            )
    finally:
        fresh.dispose()
    assert stored[: len(acknowledged)] == acknowledged
    assert len(stored) - len(acknowledged) <= 1  # committed, killed before it said so
