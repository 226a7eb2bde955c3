"""The translators' workflow: extract, update, compile and report on gettext catalogs.

One place holds the extraction options, so ``make extract``, ``helpsite locales``
and the freshness test can never disagree about what the template should be.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.frontend import CommandLineInterface
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from helpsite.i18n import DOMAIN, is_reviewed
from helpsite.settings import ROOT

POT = ROOT / "locales" / "messages.pot"
EXTRACT_OPTIONS = [
    "--mapping-file=babel.cfg",
    "--keywords=_ gettext ngettext:1,2 pgettext:1c,2 N_",
    "--add-comments=Translators:",
    "--no-wrap",
    "--sort-by-file",
    "--project=helpsite",
    "--version=1",
    "--copyright-holder=helpsite contributors",
    "--msgid-bugs-address=translators@helpsite.invalid",
]


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(output: Path = POT, root: Path = ROOT) -> Path:
    """Write the template from templates, poster text and country data under ``root``."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        _babel("extract", *EXTRACT_OPTIONS, f"--output-file={output}", ".")
    finally:
        os.chdir(cwd)
    return output


def update(locales_dir: Path = ROOT / "locales") -> list[str]:
    """Merge the template into every catalog (new strings arrive empty, changed ones fuzzy).

    ``pybabel update`` keeps each catalog's old Plural-Forms header, so the plural rules
    of the installed CLDR are merged afterwards; returns what that changed.
    """
    _babel(
        "update",
        f"--input-file={locales_dir / 'messages.pot'}",
        f"--output-dir={locales_dir}",
        f"--domain={DOMAIN}",
        "--no-wrap",
        "--ignore-obsolete",
    )
    return merge_plural_rules(locales_dir)


def merge_plural_rules(locales_dir: Path = ROOT / "locales") -> list[str]:
    """Give every catalog CLDR's plural rule; a message whose number of forms changes turns fuzzy.

    A new form cannot be guessed from the old ones (which CLDR category moved where
    depends on the language), so it arrives empty and fuzzy for a translator, and the
    language is not offered until then. Returns one line per catalog changed.
    """
    changes = []
    for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        expected = get_plural(Locale.parse(language))
        old_count, old_rule = catalog.num_plurals, catalog.plural_expr
        if (old_count, old_rule.replace(" ", "")) == (
            expected.num_plurals,
            expected.plural_expr.replace(" ", ""),
        ):
            continue
        headers = [(k, v) for k, v in catalog.mime_headers if k.lower() != "plural-forms"]
        catalog.mime_headers = [*headers, ("Plural-Forms", expected.plural_forms)]
        catalog._num_plurals, catalog._plural_expr = expected.num_plurals, expected.plural_expr
        fuzzy = 0
        for message in catalog:
            if message.id and message.pluralizable and len(message.string) != expected.num_plurals:
                kept = tuple(message.string[: expected.num_plurals])
                message.string = kept + ("",) * (expected.num_plurals - len(kept))
                message.flags.add("fuzzy")
                fuzzy += 1
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=0, ignore_obsolete=True, sort_by_file=True)
        line = f"{language}: plural rule {old_rule!r} -> {expected.plural_expr!r}"
        if old_count != expected.num_plurals:
            line += f"; {old_count} -> {expected.num_plurals} forms, {fuzzy} message(s) fuzzy"
        changes.append(line)
    return changes


def compile_all(locales_dir: Path = ROOT / "locales") -> None:
    if any(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        _babel("compile", f"--directory={locales_dir}", f"--domain={DOMAIN}")


def template_messages(text: str) -> list[tuple]:
    """What a template says to translators, without tool headers (Generated-By, dates).

    The freshness check compares these, so a new Babel release or a later day does not
    make an unchanged template look stale.
    """
    catalog = read_po(io.BytesIO(text.encode("utf-8")))
    return [
        (m.context, m.id, tuple(m.auto_comments), tuple(m.locations), tuple(sorted(m.flags)))
        for m in catalog
        if m.id
    ]


@dataclass(frozen=True)
class CatalogStatus:
    language: str
    total: int
    translated: int
    fuzzy: int
    reviewed: bool
    last_change: str

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def status(locales_dir: Path = ROOT / "locales") -> list[CatalogStatus]:
    rows = []
    for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        messages = [m for m in catalog if m.id]
        strings = [m.string if isinstance(m.string, tuple) else (m.string,) for m in messages]
        translated = sum(
            1 for m, s in zip(messages, strings, strict=True) if all(s) and not m.fuzzy
        )
        headers = {k.lower(): v for k, v in catalog.mime_headers}
        rows.append(
            CatalogStatus(
                language=po_path.parent.parent.name,
                total=len(messages),
                translated=translated,
                fuzzy=sum(1 for m in messages if m.fuzzy),
                reviewed=is_reviewed(po_path.parent.parent),
                last_change=headers.get("po-revision-date", "")[:10],
            )
        )
    return rows
