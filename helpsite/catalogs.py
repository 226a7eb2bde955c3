"""The translators' workflow: extract, update, compile and report on gettext catalogs.

One place holds the extraction options, so ``make extract``, ``helpsite locales``
and the freshness test can never disagree about what the template should be.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

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


def update(locales_dir: Path = ROOT / "locales") -> None:
    """Merge the template into every catalog (new strings arrive empty, changed ones fuzzy)."""
    _babel(
        "update",
        f"--input-file={locales_dir / 'messages.pot'}",
        f"--output-dir={locales_dir}",
        f"--domain={DOMAIN}",
        "--no-wrap",
        "--ignore-obsolete",
    )


def compile_all(locales_dir: Path = ROOT / "locales") -> None:
    if any(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        _babel("compile", f"--directory={locales_dir}", f"--domain={DOMAIN}")


def without_creation_date(text: str) -> str:
    return re.sub(r'"POT-Creation-Date: .*\\n"\n', "", text)


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
