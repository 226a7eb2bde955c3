"""The one definition of a "complete" catalog, used by the site, `locales status` and the tests.

Complete means: every message of the template is in the catalog and translated (every
plural form filled in), no message is fuzzy, and the catalog itself is not marked fuzzy.
Only complete catalogs are offered to visitors: a half-translated page can mislead.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog, Message


def is_translated(message: Message) -> bool:
    """A message a visitor can read in the language: not fuzzy, every form filled in."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


def first_id(message: Message) -> str:
    """The singular msgid: how translators and reports name a message."""
    return message.id[0] if isinstance(message.id, tuple) else message.id


def untranslated(catalog: Catalog, template: Catalog | None = None) -> list[str]:
    """Msgids a translator still has to do: fuzzy or empty, then those the catalog lacks."""
    found = [first_id(m) for m in catalog if m.id and not is_translated(m)]
    if template is not None:
        have = {(m.context, m.id) for m in catalog if m.id}
        found += [first_id(m) for m in template if m.id and (m.context, m.id) not in have]
    if catalog.fuzzy:
        found.append("(the catalog header is marked fuzzy)")
    return found


def is_complete(catalog: Catalog, template: Catalog | None = None) -> bool:
    return not untranslated(catalog, template)
