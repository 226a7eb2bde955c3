"""Reading a served page the way the privacy and layout tests need it."""

from __future__ import annotations

import gzip
from html.parser import HTMLParser

URL_ATTRIBUTES = {"src", "href", "action", "formaction", "srcset", "poster", "data", "cite"}
FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}
SAME_ORIGIN_PREFIXES = ("/", "#", "tel:", "sms:")
PAGE_BUDGET_GZIP = 14_000


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.html_attrs: dict[str, str] = {}
        self.focusables: list[dict[str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v or "") for k, v in attrs}
        self.tags.append(tag)
        if tag == "html":
            self.html_attrs = attributes
        for key, value in attributes.items():
            if key in URL_ATTRIBUTES:
                self.urls.append((tag, key, value))
        if tag in FOCUSABLE and ("href" in attributes or tag != "a"):
            self.focusables.append({"tag": tag, **attributes})


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def other_origin_urls(html: str) -> list[tuple[str, str, str]]:
    """URLs in src/href/action that would leave the site (only tel:, sms: and own paths allowed)."""
    return [
        (tag, attr, value)
        for tag, attr, value in parse_page(html).urls
        if not value.startswith(SAME_ORIGIN_PREFIXES) or value.startswith("//")
    ]


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))
