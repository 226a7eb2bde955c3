"""Pseudo-locales, built in memory from ``messages.pot``, for tests and layout checks only.

- ``en-XA``: every letter accented and the text about 40% longer, in brackets,
  so untranslated strings (plain English) and layouts that break on long
  languages stand out.
- ``ar-XB``: the English text shown right-to-left, so mirrored layout is tested
  without knowing Arabic.

They are never in a menu and never chosen from Accept-Language.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÀßÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)
# Placeholders and HTML-free text only: %(name)s must survive untouched.
_PLACEHOLDER = re.compile(r"(%\(\w+\)[sd]|%%)")
RLO, PDF = "\u202e", "\u202c"

PSEUDO = {"en-XA": "en", "ar-XB": "ar"}


def accent(text: str) -> str:
    parts = _PLACEHOLDER.split(text)
    out = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(ACCENTED) for p in parts)
    padding = "·" * max(1, round(len(text) * 0.4))
    return f"[{out} {padding}]"


def mirror(text: str) -> str:
    return f"{RLO}{text}{PDF}"


def pseudo_translations(pot_path: Path) -> dict[str, tuple[Locale, Translations]]:
    with pot_path.open("rb") as handle:
        template = read_po(handle)
    result = {}
    for tag, base in PSEUDO.items():
        transform = accent if tag == "en-XA" else mirror
        catalog = Catalog(locale=Locale.parse(base))
        for message in template:
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                forms = catalog.num_plurals
                string = tuple(transform(message.id[0 if i == 0 else 1]) for i in range(forms))
            else:
                string = transform(message.id)
            catalog.add(message.id, string, context=message.context)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        result[tag] = (Locale.parse(base), Translations(buffer))
    return result
