"""`helpsite posters make|batch`: files that decode to their own codes, or nothing at all."""

from __future__ import annotations

from click.testing import CliRunner

from helpsite.cli import cli
from qr import read_pdf


def test_make_one_poster_prints_code_url_and_file(tmp_path):
    out = tmp_path / "poster.pdf"
    result = CliRunner().invoke(
        cli,
        [
            "posters",
            "make",
            "--country",
            "gb",
            "--languages",
            "EN,ro_RO,pl",
            "--format",
            "a4",
            "--venue",
            "Central Station",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    code, url, path = result.output.strip().splitlines()[-1].split("\t")
    assert path == str(out)
    assert url.endswith(code.replace(" ", "").replace("-", ""))
    assert read_pdf(out.read_bytes())[0].urls == (url,)


def test_make_refuses_a4_for_the_us_and_names_the_rule(tmp_path):
    out = tmp_path / "poster.pdf"
    result = CliRunner().invoke(
        cli,
        [
            "posters",
            "make",
            "--country",
            "US",
            "--languages",
            "en,es,zh-Hans",
            "--format",
            "a4",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code != 0
    assert "not offered in US" in result.output
    assert not out.exists()


def test_batch_writes_pdf_and_placement_sheets(tmp_path):
    venues = tmp_path / "venues.csv"
    venues.write_text(
        "venue,placement,country,languages,format\n"
        'Central Station,Ladies toilets,GB,"en,ro",a5\n'
        'Central Station,Gents toilets,GB,"en,pl",a5\n'
        'Dublin Burger,Staff room,IE,"en,pl",a4\n',
        "utf-8",
    )
    out = tmp_path / "posters.pdf"
    result = CliRunner().invoke(cli, ["posters", "batch", str(venues), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = read_pdf(out.read_bytes())
    assert len(pages) == 3
    sheet = (tmp_path / "posters-placements.csv").read_text("utf-8").splitlines()
    assert sheet[0] == "code,url,venue,placement,country,languages,format"
    assert [p.urls[0] for p in pages] == [line.split(",")[1] for line in sheet[1:]]
    assert "Gents toilets" in sheet[2] and "IE" in sheet[3]
    assert (tmp_path / "posters-placements.pdf").read_bytes().startswith(b"%PDF")


def test_a_bad_row_is_reported_by_number_and_nothing_is_written(tmp_path):
    venues = tmp_path / "venues.csv"
    venues.write_text(
        "venue,placement,country,languages,format\n"
        'A,door,GB,"en,ro",a4\n'
        'B,door,XX,"en",a4\n'
        'C,door,US,"en,es,vi",a4\n'
        'D,door,GB,"en,klingon",a4\n',
        "utf-8",
    )
    out = tmp_path / "posters.pdf"
    result = CliRunner().invoke(cli, ["posters", "batch", str(venues), "--out", str(out)])
    assert result.exit_code != 0
    assert "row 3: country: 'XX'" in result.output
    assert "row 4: format: a4 is not offered in US" in result.output
    assert "row 5: languages: 'klingon' is not offered" in result.output
    assert "row 2" not in result.output
    assert list(tmp_path.iterdir()) == [venues]


def test_formats_lists_us_formats_for_the_us():
    result = CliRunner().invoke(cli, ["posters", "formats", "--country", "US"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    names = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert names[:2] == ["letter", "tabloid"]
    assert all(name.startswith(("letter", "tabloid")) for name in names)


def test_batch_reports_unquoted_lists_unreadable_cells_and_countries_without_a_line(tmp_path):
    venues = tmp_path / "venues.csv"
    venues.write_text(
        "venue,placement,country,languages,format\n"
        "A,door,GB,en,ro,a4\n"
        'B,door,FR,"fr",a4\n'
        'C,door,GB,"en,ro",a4\n',
        "utf-8",
    )
    out = tmp_path / "posters.pdf"
    result = CliRunner().invoke(cli, ["posters", "batch", str(venues), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "row 2: more cells than columns" in result.output
    assert "row 3: country: FR has no verified helpline" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_batch_refuses_a_file_that_is_not_utf8(tmp_path):
    venues = tmp_path / "venues.csv"
    venues.write_bytes(
        "venue,placement,country,languages,format\nCafé,door,GB,en,a4\n".encode("cp1252")
    )
    result = CliRunner().invoke(
        cli, ["posters", "batch", str(venues), "--out", str(tmp_path / "p.pdf")]
    )
    assert result.exit_code == 1
    assert "is not UTF-8 text" in result.output


def test_a_poster_for_a_local_address_says_it_will_not_work_on_a_wall(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "posters",
            "make",
            "--country",
            "IE",
            "--languages",
            "en",
            "--out",
            str(tmp_path / "p.pdf"),
        ],
        env={"HELPSITE_BASE_URL": "http://127.0.0.1:8000"},
    )
    assert result.exit_code == 0, result.output
    assert "this computer's own address" in result.output


def test_a_batch_of_100_rows_gives_100_pages_with_100_distinct_codes(tmp_path):
    venues = tmp_path / "venues.csv"
    rows = [f'Venue {n},Cubicle {n},GB,"en,ro",a6' for n in range(100)]
    venues.write_text("venue,placement,country,languages,format\n" + "\n".join(rows), "utf-8")
    out = tmp_path / "posters.pdf"
    result = CliRunner().invoke(cli, ["posters", "batch", str(venues), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = read_pdf(out.read_bytes())
    urls = [page.urls for page in pages]
    assert len(pages) == 100
    assert all(len(page_urls) == 1 for page_urls in urls)
    assert len({page_urls[0] for page_urls in urls}) == 100
    printed = [line.split("\t") for line in result.stdout.strip().splitlines()[-100:]]
    assert [url for _code, url, _file in printed] == [page_urls[0] for page_urls in urls]


def test_the_default_us_poster_is_a_legal_letter_notice(tmp_path):
    out = tmp_path / "us.pdf"
    result = CliRunner().invoke(cli, ["posters", "make", "--country", "US", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = read_pdf(out.read_bytes())[0]
    assert abs(page.width_mm - 215.9) <= 0.5 and abs(page.height_mm - 279.4) <= 0.5


def test_batch_never_writes_over_its_input_or_into_a_missing_folder(tmp_path):
    # The placement sheet for posters.pdf would be posters-placements.csv: the input itself.
    venues = tmp_path / "posters-placements.csv"
    venues.write_text('venue,placement,country,languages,format\nA,door,GB,"en",a4\n', "utf-8")
    before = venues.read_bytes()
    for out in (venues, tmp_path / "posters.pdf", tmp_path / "missing" / "p.pdf"):
        result = CliRunner().invoke(cli, ["posters", "batch", str(venues), "--out", str(out)])
        assert result.exit_code == 1, (out, result.output)
        assert "Traceback" not in result.output
    assert venues.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["posters-placements.csv"]


def test_make_reports_a_missing_folder_and_odd_venue_text_plainly(tmp_path):
    result = CliRunner().invoke(
        cli, ["posters", "make", "--country", "GB", "--out", str(tmp_path / "no" / "p.pdf")]
    )
    assert result.exit_code == 1 and "cannot write" in result.output
    result = CliRunner().invoke(
        cli,
        [
            "posters",
            "make",
            "--country",
            "GB",
            "--venue",
            "Bar \U0001f469",
            "--out",
            str(tmp_path / "p.pdf"),
        ],
    )
    assert result.exit_code == 1
    assert "--venue: use letters, numbers and punctuation only" in result.output


def test_formats_for_an_unknown_country_is_refused():
    result = CliRunner().invoke(cli, ["posters", "formats", "--country", "zz"])
    assert result.exit_code == 1
    assert "no help pages for 'zz'" in result.output
    result = CliRunner().invoke(cli, ["posters", "formats", "--country", "ıe"])  # dotless i
    assert result.exit_code == 1
    assert "no help pages for 'ıe'" in result.output
