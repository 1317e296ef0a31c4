"""The page model (odihr/parse/page): one word reader for upright and turned pages, one line type
whose grouping rule is a validated setting, and the page's rules, on real PDFium-written PDFs."""

from __future__ import annotations

import pytest

from odihr.parse.document.layout import page_lines
from odihr.parse.page import BASELINE_LINES, OVERLAP_LINES, LineSettings, Word, group_lines
from odihr.parse.page.rules import page_rules
from odihr.parse.page.words import page_words
from odihr.parse.pdf import PdfReport

from results_pdfs import Column, ReportPdf

TURNS = ["rotate90", "rotate180", "rotate270"]
#: The upright page shaped as each turned page is shown.
UPRIGHT = {"rotate90": "landscape", "rotate180": "portrait", "rotate270": "landscape"}


def _page(orientation: str) -> bytes:
    """One page with a heading, a marked word, a ruled table and a footnote."""
    report = ReportPdf(orientation=orientation, font="serif").new_page()
    report.paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    end = report.text_at(72, report.top, "Votes cast abroad", size=11)
    report.marker(end, report.top, "7", size=11)
    report.top += 20
    columns = [Column(72, right=False), Column(420), Column(520)]
    report.row(columns, ["Party", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Union Party", "300 000", "60,00"], ruled=True)
    report.row(columns, ["Green Party", "200 000", "40,00"], ruled=True)
    report.text_at(72, 500, "7 Including 1 204 votes cast in embassies.", size=8)
    return report.save()


def _words(data: bytes) -> list[Word]:
    with PdfReport(data) as pdf:
        assert pdf.pdfium_document is not None
        return page_words(pdf.pdfium_document, 1)


@pytest.mark.parametrize("turn", TURNS)
def test_a_turned_page_gives_the_words_of_the_same_page_printed_upright(turn: str) -> None:
    upright, turned = _words(_page(UPRIGHT[turn])), _words(_page(turn))
    assert [w.text for w in turned] == [w.text for w in upright]
    assert "Including" in [w.text for w in upright]
    for a, b in zip(upright, turned, strict=True):
        assert (a.size, a.bold) == (b.size, b.bold)
        assert max(abs(a.x0 - b.x0), abs(a.x1 - b.x1), abs(a.top - b.top),
                   abs(a.bottom - b.bottom)) < 1.0, (a, b)


@pytest.mark.parametrize("turn", TURNS)
def test_a_turned_page_gives_the_lines_marks_and_rules_of_the_upright_page(turn: str) -> None:
    def read(data: bytes) -> tuple[list[tuple[str, tuple[str, ...], bool]], list[float]]:
        with PdfReport(data) as pdf:
            assert pdf.pdfium_document is not None
            lines = [(ln.text, tuple(m.text for m in ln.marks), ln.bold)
                     for ln in page_lines(pdf, 1)]
            rules, *_ = page_rules(pdf.pdfium_document, 1)
        return lines, sorted(round(top) for top, _, _ in rules)

    upright = read(_page(UPRIGHT[turn]))
    assert ("Votes cast abroad", ("7",), False) in upright[0]
    assert ("Party Votes %", (), True) in upright[0]
    assert len(upright[1]) >= 3
    assert read(_page(turn)) == upright


def _w(text: str, x0: float, top: float, size: float = 10.0) -> Word:
    return Word(text, x0, x0 + 6 * len(text), top, top + size, size)


def test_the_grouping_rule_is_a_setting() -> None:
    # Two cells of one table row set 3 pt apart in height: one line when words overlap, two
    # lines when they must share a baseline (running text).
    words = [_w("Union", 72, 100), _w("300", 400, 103)]
    assert [ln.text for ln in group_lines(words, 1, OVERLAP_LINES)] == ["Union 300"]
    assert [ln.text for ln in group_lines(words, 1, BASELINE_LINES)] == ["Union", "300"]
    # A small raised word is a marker under both rules, never part of the text.
    marked = [_w("abroad", 72, 100), _w("7", 109, 98, size=6)]
    for rule in (OVERLAP_LINES, BASELINE_LINES):
        (line,) = group_lines(marked, 1, rule)
        assert (line.text, [m.text for m in line.marks]) == ("abroad", ["7"])
        assert [t.text for t in line.tokens] == ["abroad", "7"]


def test_the_line_size_is_measured_as_the_settings_say() -> None:
    words = [_w("Total", 72, 100, 10), _w("of", 110, 100, 10), _w("1", 130, 100, 12),
             _w("2", 150, 100, 12), _w("3", 170, 100, 12)]
    median = LineSettings(grouping="baseline", size_measure="median", baseline_tolerance=0.3)
    assert group_lines(words, 1, BASELINE_LINES)[0].size == 10.0  # most characters
    assert group_lines(words, 1, median)[0].size == 12.0


@pytest.mark.parametrize(("field", "value"), [
    ("grouping", "columns"), ("size_measure", "mean"), ("line_overlap", 0.0),
    ("baseline_tolerance", -1.0), ("mark_size_ratio", 7.0), ("lookback", 0)])
def test_line_settings_are_validated(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        LineSettings(**{field: value})  # type: ignore[arg-type]
