"""Checks on translated catalogs: each returns the problems it finds (empty when clean).

Run by the test suite on every shipped catalog, and on planted faults to prove
each check can fail. Checks that need outside tools (msgfmt, dennis) live with the
tests (tests/i18n/catalog_tools.py): the runtime package does not depend on them.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from helpsite.i18n import completeness

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
DIGIT_RUN = re.compile(r"\d[\d\s\-]{1,}\d")
ADDRESS = re.compile(r"https?:|www\.|@")
# A tool's marker left before the text ("P|Shift, press ..."): screen readers read it aloud.
STRAY_MARKER = re.compile(r"^\w{1,3}\|")
BIDI_CONTROLS = {chr(c) for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
INVISIBLE = BIDI_CONTROLS | {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Zero-width (non-)joiners are part of correct spelling in Persian and Urdu.
JOINERS_ALLOWED = {"fa": {"\u200c", "\u200d"}, "ur": {"\u200c", "\u200d"}}


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def language_of(po_path: Path) -> str:
    return po_path.parent.parent.name


def untranslated(po_path: Path, pot_path: Path | None = None) -> list[str]:
    """Entries fuzzy or empty, and (given the template) entries the catalog lacks."""
    template = _catalog(pot_path) if pot_path is not None else None
    return completeness.untranslated(_catalog(po_path), template)


def msgstr_problems(po_path: Path) -> list[str]:
    """Placeholders kept; no phone number, web address or stray invisible character."""
    allowed = INVISIBLE - JOINERS_ALLOWED.get(language_of(po_path).split("_")[0], set())
    problems = []
    for message in _catalog(po_path):
        if not message.id:
            continue
        msgid = _ids(message)[0]
        wanted = set(PLACEHOLDER.findall(" ".join(_ids(message))))
        for text in _strings(message):
            if not text:
                continue
            if set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"{msgid!r}: placeholders differ from the msgid")
            if ADDRESS.search(text) or _new_numbers(text, " ".join(_ids(message))):
                problems.append(f"{msgid!r}: a number or address in the translation: {text!r}")
            if any(ch in allowed for ch in text):
                problems.append(f"{msgid!r}: an invisible or bidi control character")
            if STRAY_MARKER.match(text) and not STRAY_MARKER.match(msgid):
                problems.append(f"{msgid!r}: a stray marker before the text: {text!r}")
    return problems


def _new_numbers(text: str, source: str) -> set[str]:
    """Digit runs (3+ digits) in a translation that the English does not have.

    A year or "200 languages" may be kept as in the English; a phone number may
    never be added, since numbers come only from the checked data.
    """

    def runs(value: str) -> set[str]:
        digits = (re.sub(r"\D", "", m.group()) for m in DIGIT_RUN.finditer(value))
        return {d for d in digits if len(d) >= 3}

    return runs(text) - runs(source)


def plural_problems(po_path: Path) -> list[str]:
    catalog = _catalog(po_path)
    expected = get_plural(Locale.parse(language_of(po_path)))
    if catalog.num_plurals != expected.num_plurals:
        return [f"{catalog.num_plurals} plural forms; CLDR says {expected.num_plurals}"]
    if catalog.plural_expr.replace(" ", "") != expected.plural_expr.replace(" ", ""):
        return [f"plural expression {catalog.plural_expr!r} differs from CLDR's"]
    return []
