"""The translators' workflow: extract, update, compile and report on gettext catalogs.

One place holds the extraction options, so ``make extract``, ``helpsite locales``
and the freshness test can never disagree about what the template should be.
Every path is passed explicitly: nothing here changes the working directory, and
every command works on the locales folder it is given (``HELPSITE_LOCALES_DIR``).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import CommandLineInterface, parse_keywords, parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from helpsite.i18n.completeness import is_translated, untranslated
from helpsite.i18n.languages import (
    DOMAIN,
    CatalogError,
    catalog_paths,
    is_reviewed,
    read_catalog,
    read_template,
)
from helpsite.settings import PACKAGE_DIR

# The extraction root is the package: only files under it are read. babel.cfg sits beside
# the package in the source checkout and names them as ``helpsite/...``, so that
# ``pybabel extract -F babel.cfg .`` run there gives the same template.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    **parse_keywords(["_", "gettext", "ngettext:1,2", "pgettext:1c,2", "N_"]),
}
COMMENT_TAGS = ["Translators:"]
HEADER = {
    "project": "helpsite",
    "version": "1",
    "copyright_holder": "helpsite contributors",
    "msgid_bugs_address": "translators@helpsite.invalid",
}


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(
    output: Path, package_dir: Path = PACKAGE_DIR, mapping_file: Path | None = None
) -> Path:
    """Write the template from the templates, poster text and country data of a package.

    Same result as ``pybabel extract -F babel.cfg`` run beside the package, without
    changing the working directory and without walking anything outside the package.
    """
    package_dir = Path(package_dir).resolve()
    mapping_file = Path(mapping_file or package_dir.parent / "babel.cfg")
    # A missing babel.cfg means an installed wheel: extraction is for the source checkout.
    if not mapping_file.exists():
        raise CatalogError(
            f"{mapping_file} is missing: extracting needs the source checkout (babel.cfg)"
        )
    with mapping_file.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(mapping_file))

    def inside_package(path: str) -> bool:
        name = os.path.basename(path)
        within = path == str(package_dir) or path.startswith(str(package_dir) + os.sep)
        return within and not name.startswith((".", "_"))

    catalog = Catalog(**HEADER)
    for filename, lineno, message, comments, context in extract_from_dir(
        package_dir.parent,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        directory_filter=inside_package,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    output = Path(output)
    with output.open("wb") as handle:
        write_po(handle, catalog, sort_by_file=True, width=None)  # width None: --no-wrap
    return output


def update(locales_dir: Path) -> list[str]:
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


def merge_plural_rules(locales_dir: Path) -> list[str]:
    """Give every catalog CLDR's plural rule; a message whose number of forms changes turns fuzzy.

    A new form cannot be guessed from the old ones (which CLDR category moved where
    depends on the language), so it arrives empty and fuzzy for a translator, and the
    language is not offered until then. Returns one line per catalog changed.
    """
    changes = []
    for po_path in catalog_paths(locales_dir):
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


def compile_all(locales_dir: Path) -> None:
    """Write every catalog's .mo beside it: optional, the site compiles in memory without."""
    if catalog_paths(locales_dir):
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
    total: int  # the catalog's messages plus any of the template it lacks
    translated: int
    fuzzy: int
    complete: bool  # helpsite.i18n.completeness: the site offers it
    reviewed: bool
    last_change: str

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def status(locales_dir: Path) -> list[CatalogStatus]:
    """Per catalog: how much is translated, by the same rule that decides what is offered."""
    template = read_template(locales_dir)
    rows = []
    for po_path in catalog_paths(locales_dir):
        catalog = read_catalog(po_path)
        messages = [m for m in catalog if m.id]
        have = {(m.context, m.id) for m in messages}
        lacking = [m for m in template or () if m.id and (m.context, m.id) not in have]
        headers = {k.lower(): v for k, v in catalog.mime_headers}
        rows.append(
            CatalogStatus(
                language=po_path.parent.parent.name,
                total=len(messages) + len(lacking),
                translated=sum(1 for m in messages if is_translated(m)),
                fuzzy=sum(1 for m in messages if m.fuzzy),
                complete=not untranslated(catalog, template),
                reviewed=is_reviewed(po_path.parent.parent),
                last_change=headers.get("po-revision-date", "")[:10],
            )
        )
    return rows
