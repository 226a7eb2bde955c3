"""A batch of several formats: merged in order, every document closed under the lock, and the
merged file itself decoded page by page, so a lost or misplaced page is never returned."""

from __future__ import annotations

import os

import pypdfium2
import pytest
from qr_samples import make_content

import qr
from qr import make, merge
from qr.errors import PosterRefused
from qr.formats import get_format
from qr.pdfium import pdfium_lock


@pytest.fixture(scope="module")
def mixed():
    """Three posters on two paper sizes, interleaved, so the merge must reorder."""
    return [
        (make_content(["en"]), "a6"),
        (make_content(["en", "ru"]), "a5"),
        (make_content(["ar"]), "a6"),
    ]


def test_a_mixed_batch_keeps_order_and_each_page_its_own_paper(mixed):
    pdf = qr.make_mixed_batch(mixed)
    pages = qr.read_pdf(pdf)
    assert [p.urls for p in pages] == [(c.payload_url,) for c, _f in mixed]
    for page, (_content, name) in zip(pages, mixed, strict=True):
        fmt = get_format(name)
        assert page.width_mm == pytest.approx(fmt.width_mm, abs=0.5)
        assert page.height_mm == pytest.approx(fmt.height_mm, abs=0.5)


def _planted(monkeypatch, change):
    real = merge.merge_pages

    def merge_pages(sources, order):
        return real(sources, change(list(order)))

    monkeypatch.setattr(make, "merge_pages", merge_pages)


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (lambda order: [order[2], order[1], order[0]], "verify-decode"),  # two pages swapped
        (lambda order: order[:-1], "verify-pages"),  # a page lost
        (lambda order: [order[0], order[0], order[2]], "verify-decode"),  # one page twice
    ],
    ids=["swapped", "lost", "doubled"],
)
def test_a_merge_that_misplaces_or_loses_a_page_is_refused(monkeypatch, mixed, change, rule):
    _planted(monkeypatch, change)
    with pytest.raises(PosterRefused) as info:
        qr.make_mixed_batch(mixed)
    assert rule in info.value.rules


def test_a_page_on_the_wrong_paper_is_refused(monkeypatch, mixed):
    # Page 2 (A5) replaced by the A6 page of the same chunk order: wrong size and code.
    _planted(monkeypatch, lambda order: [order[0], order[0], order[2]])
    with pytest.raises(PosterRefused) as info:
        qr.make_mixed_batch(mixed)
    assert "verify-paper" in info.value.rules


def test_every_document_is_closed_while_the_lock_is_held(monkeypatch):
    first = qr.make_batch([make_content(["en"])], "a6")
    second = qr.make_batch([make_content(["en"])], "a6")
    opened, closed_locked = [], []

    class Recording(pypdfium2.PdfDocument):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

        def close(self):
            closed_locked.append((self, pdfium_lock._is_owned()))
            super().close()

    monkeypatch.setattr(merge.pypdfium2, "PdfDocument", Recording)
    merged = merge.merge_pages([first, second], [(1, 0), (0, 0)])
    assert merged.startswith(b"%PDF")
    assert len({id(d) for d in opened}) == 3  # two sources and the new document
    assert {id(d) for d, _locked in closed_locked} == {id(d) for d in opened}
    assert all(locked for _d, locked in closed_locked)


def test_an_empty_mixed_batch_is_refused():
    with pytest.raises(PosterRefused, match="no posters"):
        qr.make_mixed_batch([])


def test_a_repeated_code_in_a_mixed_batch_is_refused():
    poster = make_content(["en"])
    with pytest.raises(PosterRefused, match="batch-duplicate"):
        qr.make_mixed_batch([(poster, "a6"), (poster, "a5")])


def test_the_png_resolution_is_bounded_per_paper_size(monkeypatch, tmp_path):
    assert make.max_png_dpi("a3") == 508
    assert make.max_png_dpi("a6") > 1200  # a sticker may be printed at any offered dpi
    for name in ("a6", "a5", "a4", "a3", "letter", "tabloid"):
        fmt = get_format(name)
        dpi = make.max_png_dpi(fmt)
        pixels = (fmt.width_mm / 25.4 * dpi) * (fmt.height_mm / 25.4 * dpi)
        assert pixels <= make.MAX_PNG_PIXELS

    def never(*_args):
        raise AssertionError("rendered before refusing")

    monkeypatch.setattr(make, "render_pdf", never)
    out = tmp_path / "big.png"
    with pytest.raises(PosterRefused) as info:
        qr.make_poster(make_content(["en"]), "a3", out, dpi=1200)
    assert info.value.rules == ("png-size",)
    assert "at most 508 dpi" in str(info.value)
    assert not out.exists()


def test_a_poster_is_never_written_over_a_special_file(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(PosterRefused, match="not a regular file"):
        qr.make_poster(make_content(["en"]), "a6", pipe)
    with pytest.raises(PosterRefused, match="not a regular file"):
        qr.make_poster(make_content(["en"]), "a6", tmp_path)
