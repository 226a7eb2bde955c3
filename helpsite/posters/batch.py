"""Posters from a CSV of venues: every row checked first, then all or nothing.

Columns: venue, placement, country, languages, format (a header row is required;
languages like ``en,ro,pl`` are quoted in the CSV). A bad row is reported with
its row number (the header is row 1, as a spreadsheet shows it) and no file is
written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from helpsite.content.model import Country
from helpsite.i18n import Language
from helpsite.posters.content import (
    PosterRequest,
    PosterRequestError,
    build_content,
    check_languages_for_format,
    check_staff_text,
    parse_language_tags,
    poster_helpline,
)
from qr import PosterRefused, get_format, make_batch
from qr.codes import new_code
from qr.content import PosterContent
from qr.formats import PosterFormat

COLUMNS = ("venue", "placement", "country", "languages", "format")
MAX_ROWS = 2000
MAX_TEXT = 200
CHUNK = 25


class BatchError(ValueError):
    """Every problem in a CSV, one line each with its row number."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class BatchRow:
    row: int
    request: PosterRequest
    fmt: PosterFormat


@dataclass(frozen=True)
class Placement:
    code: str
    url: str
    venue: str
    placement: str
    country: str
    languages: str
    format: str


def read_rows(
    text: str, countries: dict[str, Country], offered: dict[str, Language]
) -> list[BatchRow]:
    """Validate the whole CSV; raise BatchError listing every bad row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise BatchError([f"row 1: not readable as CSV ({exc})"]) from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        semicolons = any(";" in h for h in header)
        hint = " (the file looks separated by semicolons: save it comma-separated)"
        raise BatchError(
            [
                f"row 1: missing column(s) {', '.join(missing)}; need {', '.join(COLUMNS)}"
                + (hint if semicolons else "")
            ]
        )
    rows, problems = [], []
    try:
        for number, raw in enumerate(reader, start=2):
            if None in raw:
                problems.append(
                    f'row {number}: more cells than columns (quote language lists: "en,ro")'
                )
                continue
            record = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
            if not any(record.get(c) for c in COLUMNS):
                continue  # blank line
            try:
                rows.append(_row(number, record, countries, offered))
            except (PosterRequestError, PosterRefused) as exc:
                problems.append(f"row {number}: {exc}")
    except csv.Error as exc:
        problems.append(f"row {reader.line_num}: not readable as CSV ({exc})")
    if len(rows) + len(problems) > MAX_ROWS:
        problems.append(f"more than {MAX_ROWS} rows: split the file")
    if not rows and not problems:
        problems.append("no rows: the file has a header but no venues")
    if problems:
        raise BatchError(problems)
    return rows


def _row(
    number: int, record: dict, countries: dict[str, Country], offered: dict[str, Language]
) -> BatchRow:
    country = countries.get(record["country"].upper())
    if country is None:
        raise PosterRequestError(
            "country", f"{record['country']!r} is not a country with help pages"
        )
    fmt = get_format(record["format"] or "a4")
    if not fmt.offered_in(country.code):
        raise PosterRequestError("format", f"{fmt.name} is not offered in {country.code}")
    languages = parse_language_tags(record["languages"], offered)
    check_languages_for_format(languages, fmt)
    venue = check_staff_text("venue", record["venue"], MAX_TEXT)
    placement = check_staff_text("placement", record["placement"], MAX_TEXT)
    poster_helpline(country)  # refuses a country with no helpline a poster may print
    request = PosterRequest(country, languages, fmt.name, venue, placement)
    return BatchRow(number, request, fmt)


def render_batch(
    rows: Sequence[BatchRow],
    base_url: str,
    *,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[bytes, list[Placement]]:
    """One PDF with a page per row, in row order, and the placement list."""
    import pypdfium2

    from qr.pdfium import pdfium_lock

    contents: list[PosterContent] = []
    seen: set[str] = set()
    for row in rows:
        code = new_code(row.request.country.code)
        while code.compact in seen:  # vanishingly rare; never two posters with one code
            code = new_code(row.request.country.code)
        seen.add(code.compact)
        try:
            contents.append(build_content(row.request, base_url, code=code, today=today))
        except (PosterRequestError, PosterRefused, ValueError) as exc:
            raise BatchError([f"row {row.row}: {exc}"]) from None
    # Render each format together (one page size per PDF), then merge in row order.
    by_format: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_format.setdefault(row.fmt.name, []).append(index)
    rendered: dict[int, tuple[pypdfium2.PdfDocument, int]] = {}
    for name, indexes in by_format.items():
        # Chunks keep the progress bar moving; each chunk is checked and decoded whole.
        for start in range(0, len(indexes), CHUNK):
            chunk = indexes[start : start + CHUNK]
            try:
                pdf = make_batch([contents[i] for i in chunk], name)
            except PosterRefused as exc:
                rows_named = ", ".join(str(rows[i].row) for i in chunk)
                raise BatchError([f"rows {rows_named} ({name}): {exc}"]) from None
            with pdfium_lock:
                document = pypdfium2.PdfDocument(pdf)
            for page, index in enumerate(chunk):
                rendered[index] = (document, page)
            if progress:
                progress(len(chunk))
    return _merge(rows, contents, rendered)


def _merge(rows, contents, rendered) -> tuple[bytes, list[Placement]]:
    from qr.pdfium import pdfium_lock

    with pdfium_lock:
        merged_pdf = _merged_pdf(len(rows), rendered)
    placements = [
        Placement(
            code=content.location_code,
            url=content.payload_url,
            venue=row.request.venue or "",
            placement=row.request.placement or "",
            country=row.request.country.code,
            languages=",".join(lang.tag for lang in row.request.languages),
            format=row.fmt.name,
        )
        for row, content in zip(rows, contents, strict=True)
    ]
    return merged_pdf, placements


def _merged_pdf(count: int, rendered) -> bytes:
    import pypdfium2

    merged = pypdfium2.PdfDocument.new()
    # Import runs of pages from the same document in one call, so their fonts are shared.
    run_document, run_pages = None, []
    for index in range(count):
        document, page = rendered[index]
        if document is not run_document and run_pages:
            merged.import_pages(run_document, run_pages)
            run_pages = []
        run_document = document
        run_pages.append(page)
    merged.import_pages(run_document, run_pages)
    buffer = io.BytesIO()
    merged.save(buffer)
    return buffer.getvalue()


def placements_csv(placements: Sequence[Placement]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "url", "venue", "placement", "country", "languages", "format"])
    for p in placements:
        writer.writerow([p.code, p.url, p.venue, p.placement, p.country, p.languages, p.format])
    return out.getvalue()


SHEET_CSS = """
@page { size: A4 landscape; margin: 12mm;
        @bottom-right { content: counter(page) " / " counter(pages); } }
body { font-family: "Noto Sans", sans-serif; font-size: 10pt; }
table { width: 100%; border-collapse: collapse; }
th, td { border: .5pt solid #555; padding: 2mm; text-align: left; }
thead { display: table-header-group; }
.code { font-family: "Noto Sans Mono", monospace; white-space: nowrap; }
.check { width: 20mm; }
"""
SHEET_INTRO = (
    "Keep this sheet private: it links codes to places. Tick each poster once it is up;"
    " when you inspect, compare the code printed on the poster with this list."
)


def placements_pdf(placements: Sequence[Placement], printed: date) -> bytes:
    """The placement sheet as a printable A4 page: where each code was put."""
    import weasyprint
    from markupsafe import escape

    cells = ("code", "venue", "placement", "languages", "format")
    rows = "".join(
        "<tr>"
        + "".join(f"<td class={c}>{escape(getattr(p, c))}</td>" for c in cells)
        + "<td class=check></td></tr>"
        for p in placements
    )
    head = "".join(f"<th>{c.title()}</th>" for c in (*cells, "placed"))
    html = (
        f"<!doctype html><html lang=en><meta charset=utf-8><style>{SHEET_CSS}</style>"
        f"<h1>Poster placement sheet</h1><p>Printed {printed.isoformat()}. {SHEET_INTRO}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    return weasyprint.HTML(string=html).write_pdf()
