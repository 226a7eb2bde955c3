"""The poster says, in words a person reads, which data it was printed from."""

import pypdfium2
from click.testing import CliRunner

from helpsite.cli import cli


def test_a_poster_made_by_helpsite_prints_its_helpline_data_date(tmp_path):
    out = tmp_path / "us.pdf"
    result = CliRunner().invoke(cli, ["posters", "make", "--country", "US", "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = pypdfium2.PdfDocument(out.read_bytes())
    try:
        textpage = document[0].get_textpage()
        text = " ".join(textpage.get_text_range().split())
        textpage.close()
    finally:
        document.close()
    # helpsite/countries/us.toml: the hotline and 911 were both verified on 2026-11-22.
    assert "Helpline data of 22 Nov 2026" in text
    # Not the old "US 2026-11-22 1a2b3c4d" content version with its file digest.
    assert "2026-11-22" not in text
