"""The poster generator: location codes, formats, layout, rendering, verification.

It knows nothing of the web app: helpsite hands it what to print (``PosterContent``) and
gets back a verified PDF, PNG or SVG, or a ``PosterRefused`` saying which rule failed.

Rendering and verification are loaded on first use (PEP 562): ``from qr import
make_poster`` works as before, but importing ``qr`` or ``qr.codes`` no longer pulls in
WeasyPrint, pdfium and zxing, so the visitor site's web workers start faster and stay
small. The light names are imported at once (``qr.formats`` the function must win over
``qr.formats`` the submodule).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from qr.content import LanguageBlock, PosterContent
from qr.errors import PosterRefused
from qr.formats import PosterFormat, formats, formats_for, get_format

_LAZY = {
    "make_batch": "qr.make",
    "make_mixed_batch": "qr.make",
    "make_poster": "qr.make",
    "PageReport": "qr.verify",
    "check_pdf": "qr.verify",
    "read_pdf": "qr.verify",
}

__all__ = [
    "LanguageBlock",
    "PosterContent",
    "PosterFormat",
    "PosterRefused",
    "formats",
    "formats_for",
    "get_format",
    "make_batch",
    "make_mixed_batch",
    "make_poster",
    "PageReport",
    "check_pdf",
    "read_pdf",
]

if TYPE_CHECKING:
    from qr.make import make_batch, make_poster
    from qr.verify import PageReport, check_pdf, read_pdf


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'qr' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
