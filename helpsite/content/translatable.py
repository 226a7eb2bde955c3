"""Which fields of a country file are English text for translators: the one list.

The Babel extractor puts exactly these into the catalogs, and the loader checks
exactly these for phone numbers and web addresses (numbers and addresses live in
their own checked fields, never in text a translator could change).
"""

from __future__ import annotations

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "regions": ("name",),
    "emergency": ("note",),
    "helplines": ("name", "description", "operator", "confidentiality", "interpreter_note"),
    "rights": ("title", "text"),
}

# Fields that are not translated when the table sets the flag: the helpline's ``name`` with
# ``proper_name = true`` is the organisation's own name, shown as written in every language.
# The loader still checks such a field for numbers and addresses.
KEPT_AS_WRITTEN: dict[str, dict[str, str]] = {"helplines": {"name": "proper_name"}}


def translated_fields(section: str, table: dict) -> tuple[str, ...]:
    """The fields of one table that translators get (a proper name is left out)."""
    kept = KEPT_AS_WRITTEN.get(section, {})
    return tuple(f for f in TEXT_FIELDS.get(section, ()) if table.get(kept.get(f, "")) is not True)
