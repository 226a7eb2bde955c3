"""``helpsite export verify DIR``: is this mirror ours, intact and current?

Answers, in order: the signature (made by our key, over this manifest), then each file
against its hash (altered, missing or added files are named), then whether the content
it was built from is the content here now (a stale mirror: intact but out of date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpsite.export.manifest import MANIFEST, SIGNATURE, Manifest, file_hashes
from helpsite.export.signing import load_public, signature_valid


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    stale: bool = False
    manifest: Manifest | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and not self.stale


def verify_export(root: Path, public_key: Path, current_digest: str | None) -> Verdict:
    """Check ``root``; ``current_digest`` is today's content digest (None: not compared)."""
    verdict = Verdict()
    manifest_path, signature_path = root / MANIFEST, root / SIGNATURE
    if not manifest_path.is_file() or not signature_path.is_file():
        verdict.problems.append(f"not a signed export: {MANIFEST} or {SIGNATURE} is missing")
        return verdict
    data = manifest_path.read_bytes()
    key = load_public(public_key)
    if not signature_valid(key, data, signature_path.read_text("ascii", errors="replace")):
        verdict.problems.append("the signature does not match the manifest (or another key)")
        return verdict
    try:
        manifest = verdict.manifest = Manifest.from_bytes(data)
    except ValueError as exc:
        verdict.problems.append(str(exc))
        return verdict
    actual = file_hashes(root)
    for name, digest in sorted(manifest.files.items()):
        if name not in actual:
            verdict.problems.append(f"missing: {name}")
        elif actual[name] != digest:
            verdict.problems.append(f"altered: {name}")
    verdict.problems += [
        f"not in the manifest: {n}" for n in sorted(set(actual) - set(manifest.files))
    ]
    if current_digest is not None and manifest.content_digest != current_digest:
        verdict.stale = True
    return verdict
