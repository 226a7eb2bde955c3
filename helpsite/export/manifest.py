"""The export's manifest: each file's SHA-256, the content it was built from, when, for whom.

``content_digest`` hashes everything a visitor page is made of (country data, catalogs,
templates, CSS and script, and the settings that show on pages), so a mirror built from
older content can be told from a current one, even when every file in it is intact.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from helpsite.settings import Settings

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
FORMAT = "helpsite-export/1"
# The manifest's own files are not listed in it (the signature covers the manifest).
UNLISTED = frozenset({MANIFEST, SIGNATURE})
CONTENT_SUFFIXES = (".toml", ".po", ".html", ".css", ".js", ".svg", ".txt")
PAGE_SETTINGS = ("base_url", "exit_url", "page_title", "default_language", "languages")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_digest(settings: Settings) -> str:
    """One hash over the sources of every visitor page, in a fixed order."""
    digest = hashlib.sha256()
    for name in PAGE_SETTINGS:
        digest.update(f"{name}={getattr(settings, name)!r}\n".encode())
    for folder in (
        settings.countries_dir,
        settings.locales_dir,
        settings.templates_dir,
        settings.static_dir,
    ):
        root = Path(folder)
        for path in sorted(p for p in root.rglob("*") if p.suffix in CONTENT_SUFFIXES):
            digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
            digest.update(sha256(path.read_bytes()).encode() + b"\n")
    return digest.hexdigest()


def file_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` but the manifest's own, by POSIX path."""
    return {
        path.relative_to(root).as_posix(): sha256(path.read_bytes())
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).as_posix() not in UNLISTED
    }


@dataclass(frozen=True)
class Manifest:
    official: str  # the site's own address
    as_of: str  # ISO date the pages were built
    built_at: str  # ISO time, UTC
    content_digest: str
    files: dict[str, str]
    served: dict[str, str]  # SHA-256 of each page as the app sent it (before the mirror line)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "official": self.official,
            "as_of": self.as_of,
            "built_at": self.built_at,
            "content_digest": self.content_digest,
            "files": self.files,
            "served": self.served,
        }
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        try:
            parsed = json.loads(data)
            if parsed.get("format") != FORMAT:
                raise ValueError(f"format {parsed.get('format')!r}, expected {FORMAT}")
            files = parsed["files"]
            if not isinstance(files, dict):
                raise ValueError("files is not a table")
            return cls(
                official=str(parsed["official"]),
                as_of=str(parsed["as_of"]),
                built_at=str(parsed["built_at"]),
                content_digest=str(parsed["content_digest"]),
                files={str(k): str(v) for k, v in files.items()},
                served={str(k): str(v) for k, v in dict(parsed.get("served", {})).items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"the manifest cannot be read: {exc}") from None


def read_manifest(root: Path) -> Manifest | None:
    path = root / MANIFEST
    if not path.is_file():
        return None
    try:
        return Manifest.from_bytes(path.read_bytes())
    except ValueError:
        return None
