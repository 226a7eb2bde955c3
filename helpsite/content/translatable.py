"""Which fields of a country file are English text for translators: the one list.

The Babel extractor puts exactly these into the catalogs, and the loader checks
exactly these for phone numbers and web addresses (numbers and addresses live in
their own checked fields, never in text a translator could change).
"""

from __future__ import annotations

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "regions": ("name",),
    "emergency": ("note",),
    "helplines": ("description", "operator", "confidentiality", "interpreter_note"),
    "rights": ("title", "text"),
}
