"""What kiosk pages inline: more CSS and script than visitor pages, under their own CSP hashes."""

from __future__ import annotations

from helpsite.web.templating import CSS_FILES, JS_FILES

PAGE_CSS = (*CSS_FILES, ("components", "kiosk/kiosk.css"))
SLIP_CSS = (("components", "kiosk/slip.css"),)
JS = (*JS_FILES, ("components", "kiosk/kiosk.js"))

# Receipt paper: the slip is as wide as the roll; the length is cut after the text.
# 80mm: 200mm long since GB has eight helplines (measured: 160mm took two pages).
SLIP_PAGE = {
    "80mm": "@page { size: 80mm 200mm; margin: 4mm 3mm; }",
    "58mm": "@page { size: 58mm 200mm; margin: 3mm 2mm; }",
}
