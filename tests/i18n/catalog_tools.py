"""Catalog checks that run outside tools (GNU msgfmt, dennis): test-only, not shipped."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def msgfmt_problems(po_path: Path) -> list[str]:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return ["msgfmt is not installed (Debian package gettext)"]
    result = subprocess.run(  # noqa: S603 - fixed tools, paths from our own tree
        [msgfmt, "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True
    )
    return [] if result.returncode == 0 else result.stderr.strip().splitlines()


def dennis_problems(po_path: Path) -> list[str]:
    dennis = Path(sys.executable).parent / "dennis-cmd"
    result = subprocess.run(  # noqa: S603 - fixed tools, paths from our own tree
        [str(dennis), "lint", "--errorsonly", str(po_path)], capture_output=True, text=True
    )
    if result.returncode == 0:
        return []
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
