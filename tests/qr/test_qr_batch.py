import pytest
from qr_samples import make_content

import qr
from qr.errors import PosterRefused


def test_batch_of_100_posters_each_decodes_to_its_own_url(tmp_path):
    # Two language mixes, so the batch needs two fitted layouts.
    mixes = [("en", "ar", "ti"), ("ru", "zh-Hans")]
    contents = [make_content(mixes[i % 2]) for i in range(100)]
    urls = [c.payload_url for c in contents]
    assert len(set(urls)) == 100
    out = tmp_path / "batch.pdf"
    pdf = qr.make_batch(contents, "a4", out, verify_dpi=60)
    assert out.read_bytes() == pdf
    # Decode independently of make_batch's own check, at a low resolution for speed
    # (a 100 mm code with ~3.4 mm modules is ~8 px per module at 60 dpi).
    pages = qr.read_pdf(pdf, dpi=60)
    assert len(pages) == 100
    assert [p.urls for p in pages] == [(url,) for url in urls]
    assert all(p.width_mm == pytest.approx(210, abs=0.5) for p in pages)
    # How long it takes is measured by `make bench` (bench/qr_bench.py), not here.


def test_batch_refuses_a_repeated_code():
    poster = make_content(["en"])
    with pytest.raises(PosterRefused, match="batch-duplicate"):
        qr.make_batch([poster, make_content(["en"]), poster], "a5")


def test_batch_refuses_if_any_poster_breaks_a_rule(tmp_path):
    good = make_content(["en"])
    bad = make_content(["en", "es", "ru"])  # three languages on A6
    out = tmp_path / "batch.pdf"
    with pytest.raises(PosterRefused, match="language-count"):
        qr.make_batch([good, bad], "a6", out)
    assert not out.exists()
