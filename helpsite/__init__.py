"""helpsite: privacy-first help pages for people in trafficking and modern slavery."""

__version__ = "0.1.0"
