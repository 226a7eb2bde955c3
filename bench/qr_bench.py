"""Poster generator timings (`make bench`): not a test.

    python bench/qr_bench.py [--repeat N]

Prints seconds per verified A4 poster, seconds per verified 100-poster batch, and
PDF bytes per poster (single and amortised over the batch). The posters are the
real ones: GB data and the shipped catalogs in English, Arabic and Tigrinya
(Latin, right-to-left Arabic and Ethiopic shaping in one layout).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qr  # noqa: E402
from helpsite.posters.batch import BatchRow, render_batch  # noqa: E402
from helpsite.posters.content import build_content  # noqa: E402
from helpsite.posters.request import PosterRequest, parse_language_tags  # noqa: E402
from helpsite.settings import Settings  # noqa: E402
from helpsite.web.site import build_site  # noqa: E402

BASE_URL = "https://help.example.org"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="single posters to time")
    args = parser.parse_args()

    site = build_site(Settings())
    languages = parse_language_tags("en,ar,ti", site.visitor_languages)
    request = PosterRequest(site.countries["GB"], languages, "a4", "Central Station", "Toilets")

    def poster() -> qr.PosterContent:
        return build_content(request, BASE_URL)

    qr.make_poster(poster(), "a4")  # warm up: font configuration, template compile
    times, sizes = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        sizes.append(len(qr.make_poster(poster(), "a4")))
        times.append(time.perf_counter() - started)
    print(f"A4, en+ar+ti: {statistics.median(times):.2f} s per poster (median of {len(times)})")
    print(f"A4, en+ar+ti: {statistics.median(sizes):,.0f} bytes per single-poster PDF")

    batch = [poster() for _ in range(100)]
    started = time.perf_counter()
    pdf = qr.make_batch(batch, "a4")
    elapsed = time.perf_counter() - started
    print(f"A4 batch of 100: {elapsed:.1f} s ({elapsed / 100:.3f} s per poster)")
    print(f"A4 batch of 100: {len(pdf):,} bytes ({len(pdf) / 100:,.0f} bytes per poster)")

    # As `helpsite posters batch` runs a venue list: every row its own placement text.
    rows = [
        BatchRow(n + 2, replace(request, placement=f"Cubicle {n + 1}"), qr.get_format("a4"))
        for n in range(100)
    ]
    started = time.perf_counter()
    pdf, _placements = render_batch(rows, BASE_URL)
    elapsed = time.perf_counter() - started
    print(f"A4 CSV batch of 100 rows, distinct placements: {elapsed:.1f} s ({len(pdf):,} bytes)")


if __name__ == "__main__":
    main()
