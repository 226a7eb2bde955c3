"""Poster generator timings: not a test, run by hand.

    python bench/qr_bench.py [--repeat N]

Prints seconds per verified A4 poster (3 languages), seconds per verified 100-poster
batch, and PDF bytes per poster (single and amortised over the batch).
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qr  # noqa: E402
from qr.codes import new_code, payload_url  # noqa: E402

# Sample texts for timing only; the real strings come from helpsite's catalogs.
LANGUAGES = [
    qr.LanguageBlock(
        "en",
        "ltr",
        "Are you forced to work? Can you leave? Is someone keeping your passport?",
        "Free, confidential help, 24 hours",
        "Scan the code with your phone camera",
        "Helpline",
        "Emergency",
    ),
    qr.LanguageBlock(
        "ar",
        "rtl",
        "هل أنت مجبر على العمل؟ هل يمكنك المغادرة؟ هل يحتفظ أحد بجواز سفرك؟",
        "مساعدة مجانية وسرية على مدار 24 ساعة",
        "امسح الرمز بكاميرا هاتفك",
        "خط المساعدة",
        "الطوارئ",
    ),
    qr.LanguageBlock(
        "ti",
        "ltr",
        "ብግዲ ትሰርሕ ዶ? ክትወጽእ ትኽእል ዶ? ፓስፖርትካ ዝሓዘ ሰብ ኣሎ ዶ?",
        "ብነጻን ምስጢራውን ሓገዝ፣ 24 ሰዓት",
        "ነቲ ኮድ ብካሜራ ተሌፎንካ ስካን ግበር",
        "መስመር ሓገዝ",
        "ህጹጽ",
    ),
]


def poster() -> qr.PosterContent:
    code = new_code("GB")
    return qr.PosterContent(
        languages=LANGUAGES,
        helpline_display="08000 121 700",
        helpline_tel="+448000121700",
        emergency_number="999",
        payload_url=payload_url("https://help.example.org", code),
        short_url="help.example.org/" + code.compact,
        location_code=code.printed,
        print_date=datetime.date.today(),
        content_version="bench",
        venue="Central Station",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="single posters to time")
    args = parser.parse_args()

    qr.make_poster(poster(), "a4")  # warm up: font configuration, template compile
    times, sizes = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        sizes.append(len(qr.make_poster(poster(), "a4")))
        times.append(time.perf_counter() - started)
    print(f"A4, 3 languages: {statistics.median(times):.2f} s per poster (median of {len(times)})")
    print(f"A4, 3 languages: {statistics.median(sizes):,.0f} bytes per single-poster PDF")

    batch = [poster() for _ in range(100)]
    started = time.perf_counter()
    pdf = qr.make_batch(batch, "a4")
    elapsed = time.perf_counter() - started
    print(f"A4 batch of 100: {elapsed:.1f} s ({elapsed / 100:.3f} s per poster)")
    print(f"A4 batch of 100: {len(pdf):,} bytes ({len(pdf) / 100:,.0f} bytes per poster)")


if __name__ == "__main__":
    main()
