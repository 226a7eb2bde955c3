"""Put pages of several PDFs into one, in a given order, one pdfium user at a time.

pdfium is not thread-safe, and a ``PdfDocument`` left to the garbage collector is closed
in whatever thread collects it, possibly while another thread renders: the kind of race
that segfaulted the server. So every document here is opened, used and closed explicitly
while ``qr.pdfium.pdfium_lock`` is held. The merged bytes are not trusted: callers decode
them (``qr.make.make_mixed_batch`` does) before anything is returned or written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pypdfium2

from qr.pdfium import pdfium_lock


def merge_pages(sources: Sequence[bytes], order: Sequence[tuple[int, int]]) -> bytes:
    """One PDF whose page ``i`` is page ``order[i][1]`` of ``sources[order[i][0]]``."""
    with pdfium_lock:
        opened: list[pypdfium2.PdfDocument] = []
        merged = pypdfium2.PdfDocument.new()
        try:
            for data in sources:
                opened.append(pypdfium2.PdfDocument(data))
            # Import runs of pages from one source in one call, so their fonts are shared.
            run_source, run_pages = None, []
            for source, page in order:
                if source != run_source and run_pages:
                    merged.import_pages(opened[run_source], run_pages)
                    run_pages = []
                run_source = source
                run_pages.append(page)
            if run_pages:
                merged.import_pages(opened[run_source], run_pages)
            buffer = io.BytesIO()
            merged.save(buffer)
            return buffer.getvalue()
        finally:
            merged.close()
            for document in opened:
                document.close()
