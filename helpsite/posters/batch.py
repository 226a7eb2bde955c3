"""Posters from a CSV of venues: every row checked first, then all or nothing.

Columns: venue, placement, country, languages, format (a header row is required;
languages like ``en,ro,pl`` are quoted in the CSV). A bad row is reported with
its row number (the header is row 1, as a spreadsheet shows it) and no file is
written. Empty languages or format take the country's defaults, as on the form.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpsite.content.model import Country
from helpsite.i18n import Language
from helpsite.posters.content import build_content
from helpsite.posters.request import (
    PosterRequest,
    PosterRequestError,
    PosterRequestInvalid,
    parse_request,
)
from helpsite.posters.spreadsheet import csv_safe
from qr import PosterRefused, get_format, make_mixed_batch
from qr.codes import new_code
from qr.content import PosterContent
from qr.formats import PosterFormat
from qr.make import BatchRefused

COLUMNS = ("venue", "placement", "country", "languages", "format")
MAX_ROWS = 2000
# Records read in all, blank ones included: a file of a million empty lines stops here too.
MAX_RECORDS = 5 * MAX_ROWS
# One physical line: five cells of 200 characters fit many times over; a longer line is
# refused before it is held in memory whole.
MAX_LINE = 20_000
SHEET_TEMPLATE = Path(__file__).with_name("templates") / "placement_sheet.html"


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


class _LineTooLong(Exception):
    pass


def _lines(source: str | Iterable[str]) -> Iterator[str]:
    """Physical lines split at LF only (a bare CR stays inside its line), each bounded."""
    if isinstance(source, str):
        handle = io.StringIO(source.lstrip("\ufeff"), newline="\n")
        source = iter(lambda: handle.readline(MAX_LINE + 1), "")
    else:
        readline = getattr(source, "readline", None)
        if readline is not None:
            source = iter(lambda: readline(MAX_LINE + 1), "")
    first = True
    for line in source:
        if first:
            line, first = line.lstrip("\ufeff"), False
        if len(line) > MAX_LINE:
            raise _LineTooLong
        yield line


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return 'a quote (") opens a cell that is never closed: close it or remove it'
    if "new-line character seen in unquoted field" in text:
        return "a line break (CR) inside a cell: remove it or put the cell in quotes"
    if "field larger than field limit" in text:
        return "a cell is far too long (at most 200 characters are used)"
    return f"not readable as CSV ({text})"


def _header(cells: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in cells]
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if twice:
        raise BatchError([f"row 1: column(s) {', '.join(twice)} appear more than once"])
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        semicolons = any(";" in h for h in names)
        hint = " (the file looks separated by semicolons: save it comma-separated)"
        raise BatchError(
            [
                f"row 1: missing column(s) {', '.join(missing)}; need {', '.join(COLUMNS)}"
                + (hint if semicolons else "")
            ]
        )
    return {name: names.index(name) for name in COLUMNS}


def read_rows(
    source: str | Iterable[str],
    countries: Mapping[str, Country],
    offered: Mapping[str, Language],
) -> list[BatchRow]:
    """Validate the whole CSV while streaming it; raise BatchError listing every bad row.

    ``source`` is the text or an open text file (opened with ``newline="\\n"``). Reading
    stops at the first unreadable record and at ``MAX_ROWS + 1`` rows.
    """
    reader = csv.reader(_lines(source), strict=True)
    rows: list[BatchRow] = []
    problems: list[str] = []
    number = 1  # the spreadsheet row being read: the header is row 1
    data_rows = 0
    try:
        try:
            header = next(reader, None)
        except (csv.Error, _LineTooLong) as exc:
            raise BatchError([f"row 1: {_problem(exc)}"]) from None
        if header is None:
            raise BatchError(["row 1: the file is empty; need a header row: " + ",".join(COLUMNS)])
        columns = _header(header)
        while True:
            number += 1
            if number > MAX_RECORDS + 1:
                problems.append(f"more than {MAX_ROWS} rows: split the file")
                break
            cells = next(reader, None)
            if cells is None:
                break
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            data_rows += 1
            if data_rows > MAX_ROWS:
                problems.append(f"more than {MAX_ROWS} rows: split the file")
                break
            if len(cells) > len(header):
                problems.append(
                    f'row {number}: more cells than columns (quote language lists: "en,ro")'
                )
                continue
            record = {n: cells[i].strip() if i < len(cells) else "" for n, i in columns.items()}
            try:
                request = parse_request(**record, countries=countries, offered=offered)
            except PosterRequestInvalid as exc:
                problems += [f"row {number}: {e.field}: {e.message}" for e in exc.errors]
                continue
            rows.append(BatchRow(number, request, get_format(request.format_name)))
    except (csv.Error, _LineTooLong) as exc:
        problems.append(f"row {number}: {_problem(exc)}")
    if not rows and not problems:
        problems.append("no rows: the file has a header but no venues")
    if problems:
        raise BatchError(problems)
    return rows


def _problem(exc: Exception) -> str:
    if isinstance(exc, _LineTooLong):
        return f"a line longer than {MAX_LINE} characters: is this the venue list?"
    return _csv_problem(exc)


def render_batch(
    rows: Sequence[BatchRow],
    base_url: str,
    *,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[bytes, list[Placement]]:
    """One verified PDF with a page per row, in row order, and the placement list."""
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
    try:
        pdf = make_mixed_batch(
            [(content, row.fmt) for content, row in zip(contents, rows, strict=True)],
            progress=progress,
        )
    except BatchRefused as exc:
        rows_named = ", ".join(str(rows[i].row) for i in exc.indexes)
        raise BatchError([f"rows {rows_named} ({rows[exc.indexes[0]].fmt.name}): {exc}"]) from None
    except PosterRefused as exc:
        raise BatchError([f"the batch was refused: {exc}"]) from None
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
    return pdf, placements


PLACEMENT_COLUMNS = ("code", "url", "venue", "placement", "country", "languages", "format")


def placements_csv(placements: Sequence[Placement]) -> str:
    """The placement list as CSV; every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PLACEMENT_COLUMNS)
    for p in placements:
        writer.writerow([csv_safe(getattr(p, column)) for column in PLACEMENT_COLUMNS])
    return out.getvalue()


@functools.cache
def _sheet_template():
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SHEET_TEMPLATE.parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(SHEET_TEMPLATE.name)


def placements_pdf(placements: Sequence[Placement], printed: date) -> bytes:
    """The placement sheet as a printable A4 page: where each code was put."""
    import weasyprint

    cells = ("code", "venue", "placement", "languages", "format")
    html = _sheet_template().render(placements=placements, printed=printed, cells=cells)
    return weasyprint.HTML(string=html).write_pdf()
