"""Checks on translated catalogs: each returns the problems it finds (empty when clean).

Run by the test suite on every shipped catalog, and on planted faults to prove
each check can fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
DIGIT_RUN = re.compile(r"\d[\d\s\-]{1,}\d")
ADDRESS = re.compile(r"https?:|www\.|@")
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
    catalog = _catalog(po_path)
    found = [_ids(m)[0] for m in catalog if m.id and (m.fuzzy or not all(_strings(m)))]
    if pot_path is not None:
        have = {(m.context, m.id) for m in catalog if m.id}
        found += [_ids(m)[0] for m in _catalog(pot_path) if m.id and (m.context, m.id) not in have]
    return found


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


def msgfmt_problems(po_path: Path) -> list[str]:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return ["msgfmt is not installed (Debian package gettext)"]
    result = subprocess.run(  # noqa: S603 - fixed tools, paths from our own tree
        [msgfmt, "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True
    )
    return [] if result.returncode == 0 else result.stderr.strip().splitlines()


def dennis_problems(po_path: Path) -> list[str]:
    dennis = Path(sys.executable).parent / "dennis-cmd"
    result = subprocess.run(  # noqa: S603 - fixed tools, paths from our own tree
        [str(dennis), "lint", "--errorsonly", str(po_path)], capture_output=True, text=True
    )
    if result.returncode == 0:
        return []
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
