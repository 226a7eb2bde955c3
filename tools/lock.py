"""The dependency lock: read its pins, and say what an upgrade changed.

``requirements/run.txt`` and ``requirements/test.txt`` are compiled by uv from
pyproject.toml with a hash for every file; ``make`` installs only from them
(pip ``--require-hashes``), so a fresh clone gets exactly what was tested.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_LOCK = ROOT / "requirements" / "run.txt"
TEST_LOCK = ROOT / "requirements" / "test.txt"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def canonical(name: str) -> str:
    """PEP 503 normalised name, so ``Jinja2`` and ``jinja2`` are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    """``{name: version}`` for every ``name==version`` line of a lock file."""
    return {canonical(name): version for name, version in _PIN.findall(text)}


def changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """One line per package added, removed or moved to another version."""
    lines = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if before is None:
            lines.append(f"+ {name} {after}")
        elif after is None:
            lines.append(f"- {name} {before}")
        else:
            lines.append(f"  {name} {before} -> {after}")
    return lines


def main(argv: list[str]) -> int:
    """``python -m tools.lock OLD NEW``: print what changed between two lock files."""
    old, new = (pins(Path(path).read_text("utf-8")) for path in argv)
    lines = changes(old, new)
    print("\n".join(lines) if lines else "no package changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
