"""The tamper check of an inspection: is the code on the wall one we printed, unchanged?

A sticker over our QR code can send a frightened person to the abuser's own page. So the
inspector's scan (the camera's reading of the QR code, or a scanning app's URL pasted
in) is compared with the code printed beside it: another host, a different code, or a
code we never issued is tampering, said plainly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from qr.codes import CodeStatus, parse


@dataclass
class ScanCheck:
    """What the typed and scanned codes say; ``code`` is the printed one in URL form."""

    code: str | None = None
    tampered: list[str] = field(default_factory=list)  # plain sentences, shown as they are
    errors: dict[str, str] = field(default_factory=dict)  # by form field


def _code_in_scan(scanned: str, base_url: str, check: ScanCheck) -> str | None:
    """The code a scan holds; a URL on another host is tampering."""
    text = scanned.strip()
    if "://" in text or text.lower().startswith("www."):
        parts = urlsplit(text if "://" in text else "https://" + text)
        ours = (urlsplit(base_url).hostname or "").lower()
        host = (parts.hostname or "").lower()
        if host != ours:
            check.tampered.append(
                f"The QR code opens another site ({host or 'no host'}), not {ours}."
            )
            return None
        text = parts.path.strip("/")
    parsed = parse(text)
    if parsed is None or parsed.status is not CodeStatus.VALID:
        check.tampered.append("The QR code holds something that is not one of our codes.")
        return None
    return parsed.code.compact


def check_scan(typed: str, scanned: str, base_url: str) -> ScanCheck:
    """Compare the printed code (typed, always) with the scan (when there is one)."""
    check = ScanCheck()
    parsed = parse(typed) if typed.strip() else None
    if not typed.strip():
        check.errors["code"] = "Type the code printed beside the QR code, like GB 7K2Q-9XM5."
    elif parsed is None or parsed.status is not CodeStatus.VALID:
        check.errors["code"] = (
            "This is not a valid code: check each character against the poster"
            " (a printed code that never reads as valid is tampering)."
        )
    else:
        check.code = parsed.code.compact
    if scanned.strip():
        in_scan = _code_in_scan(scanned, base_url, check)
        if in_scan is not None and check.code is not None and in_scan != check.code:
            check.tampered.append(
                f"The QR code holds {in_scan}, but the code printed beside it is {check.code}."
            )
    return check
