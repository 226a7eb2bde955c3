"""One pdfium user at a time in this process.

pdfium is not thread-safe: two threads opening, rendering or closing documents at
once crashed the whole server (a segfault in libpdfium, no log line). Every use of
``pypdfium2`` in this package goes through ``pdfium_lock``, held from opening a
document to closing it; the lock is re-entrant so a helper may call another.
"""

from __future__ import annotations

import threading

pdfium_lock = threading.RLock()
