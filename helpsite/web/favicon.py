"""The site's icon: a fully transparent 16×16 ICO, built in code (no binary file to ship).

Browsers ask for ``/favicon.ico`` on every page; a blank icon answers without a 404 and
shows nothing in a tab, a bookmark or the history that could say what the site is.
"""

from __future__ import annotations

import struct

SIZE = 16


def blank_icon() -> bytes:
    """ICONDIR + one ICONDIRENTRY + a 32-bit BMP (all pixels transparent, AND mask set)."""
    pixels = bytes(SIZE * SIZE * 4)  # BGRA, alpha 0
    mask = b"\xff\xff\x00\x00" * SIZE  # 1 bit per pixel, rows padded to 4 bytes: transparent
    header = struct.pack("<IiiHHIIiiII", 40, SIZE, SIZE * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    image = header + pixels + mask
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image
