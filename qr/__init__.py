"""The poster generator: location codes, formats, layout, rendering, verification.

It knows nothing of the web app: helpsite hands it what to print (``PosterContent``) and
gets back a verified PDF, PNG or SVG, or a ``PosterRefused`` saying which rule failed.
"""

from qr.content import LanguageBlock, PosterContent
from qr.errors import PosterRefused
from qr.formats import PosterFormat, formats, formats_for, get_format
from qr.make import make_batch, make_mixed_batch, make_poster
from qr.verify import PageReport, check_pdf, read_pdf

__all__ = [
    "LanguageBlock",
    "PageReport",
    "PosterContent",
    "PosterFormat",
    "PosterRefused",
    "check_pdf",
    "formats",
    "formats_for",
    "get_format",
    "make_batch",
    "make_mixed_batch",
    "make_poster",
    "read_pdf",
]
