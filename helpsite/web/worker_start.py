"""What a serving worker does once before its first request: no pause a visitor would feel.

Two pauses made the p99 of bench/site_bench.py (tens to hundreds of milliseconds while
every other request waits):

- compiling the templates on a language's first page (300-450 ms each, done once per
  language until the renderer shared its compiled templates; now once per worker, here);
- a full garbage collection walking the ~100,000 objects loaded at start-up (content,
  catalogs, templates): 220-310 ms on this machine. ``gc.freeze()`` moves them out of
  the collector's sight, and a higher first threshold makes collections rarer (a
  request's objects are freed by reference counting, not by the collector).

Only the served app (``helpsite serve``, the Procfile) does this: tests build many apps
in one process and must not freeze each one's objects for good.
"""

from __future__ import annotations

import gc

from starlette.applications import Starlette

from helpsite.web.page_key import PageKey

# gc thresholds: (700, 10, 10) by default. Young collections scan only what survived
# since the last one, so a larger first threshold costs no longer pauses here.
THRESHOLDS = (50_000, 20, 100)


def warm_up(app: Starlette) -> None:
    """Render one page of each template in the default language (compiles them all)."""
    site = app.state.site
    language = site.settings.default_language.lower()
    if language not in site.languages:
        return
    country = next(iter(site.countries), None)
    keys = [PageKey.chooser(language), PageKey.chooser(language, not_found=True)]
    keys += [PageKey.language_page(name, language) for name in ("safety", "privacy")]
    if country is not None:
        keys.append(PageKey.help(site, language, country))
    for key in keys:
        site.encoded(key)


def settle(app: Starlette) -> None:
    """Warm up, then hand the start-up heap to nobody: collect once and freeze it."""
    warm_up(app)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
