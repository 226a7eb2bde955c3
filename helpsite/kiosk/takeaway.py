"""The take-away QR code: the same help page on the visitor's own phone, nothing more."""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup


def takeaway_url(base_url: str, language_slug: str, country_slug: str) -> str:
    """Language and country only: no location code, no kiosk identifier, no query."""
    return f"{base_url}/{language_slug}/{country_slug}"


@functools.cache
def takeaway_svg(url: str) -> Markup:
    """Inline SVG (no request, nothing for the CSP to allow), scaled by CSS."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="kiosk-qr__code")
    # Safe as markup: segno draws the code as one path; the URL is not in the SVG as text.
    return Markup(svg)  # noqa: S704
