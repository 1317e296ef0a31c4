"""Files that are not loadable reports raise their named error with an actionable message.

The fixtures in ``tests/fixtures/broken/`` are made from the sample mirror by
``tests/fixtures/make_broken.py`` (committed alongside them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import odihr.parse.report as report_module
from odihr.errors import (
    EncryptedPdf,
    NotAPdf,
    NoTextLayer,
    ReportError,
    TooManyPages,
    TruncatedPdf,
    UnknownLayout,
)
from odihr.parse.pdf import PdfReport
from odihr.parse.report import PARSER_VERSION, parse_report
from odihr.records import ResultsReading

BROKEN = Path(__file__).with_name("fixtures") / "broken"
SAMPLE_SITE = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"
SAMPLE_PDF = SAMPLE_SITE / "files/f/documents/4/b/230056.pdf"

CASES = [
    # (fixture, error, code, words the message must contain so that a person can act on it)
    ("html-page.pdf", NotAPdf, "not_a_pdf", ["not a PDF", "HTML page", "check the link"]),
    ("truncated.pdf", TruncatedPdf, "truncated_pdf", ["truncated", "%%EOF", "fetched again"]),
    ("encrypted.pdf", EncryptedPdf, "encrypted_pdf", ["encrypted", "password", "ask ODIHR"]),
    ("scanned.pdf", NoTextLayer, "no_text_layer", ["no text layer", "3 of 3 pages", "OCR"]),
]


@pytest.mark.parametrize(("name", "error", "code", "words"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_raises_its_named_error(
    name: str, error: type[ReportError], code: str, words: list[str]
) -> None:
    data = (BROKEN / name).read_bytes()
    with pytest.raises(error) as raised:
        parse_report(data)
    assert raised.value.code == code
    message = str(raised.value)
    for word in words:
        assert word in message


def test_cut_short_but_ending_in_eof_marker_is_truncated() -> None:
    """A cut file whose tail happens to hold ``%%EOF`` is still caught (PDFium cannot open it)."""
    data = SAMPLE_PDF.read_bytes()
    with pytest.raises(TruncatedPdf, match="PDFium could not open it"):
        parse_report(data[: len(data) // 2] + b"\n%%EOF\n")


def test_too_many_pages_names_the_setting() -> None:
    with pytest.raises(TooManyPages, match="ODIHR_MAX_PDF_PAGES"):
        parse_report(SAMPLE_PDF.read_bytes(), max_pages=2)


def test_the_source_of_the_fixtures_parses() -> None:
    """The fixtures fail because of what was done to them, not because of their source."""
    report = parse_report(SAMPLE_PDF.read_bytes())
    assert report.parser_version == PARSER_VERSION
    assert report.metadata.report_type == "preliminary_statement"
    assert report.metadata.pages == 3


# --- parse_report's wiring ----------------------------------------------------------------


@pytest.fixture
def closes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts PdfReport.close() calls."""
    calls: list[int] = []
    original = PdfReport.close

    def close(self: PdfReport) -> None:
        calls.append(1)
        original(self)

    monkeypatch.setattr(PdfReport, "close", close)
    return calls


def _part_module(monkeypatch: pytest.MonkeyPatch, reader: object) -> None:
    """Observers are read by ``reader``; the other parts read nothing."""
    monkeypatch.setattr(report_module, "read_observers", reader)
    monkeypatch.setattr(report_module, "read_results", lambda pdf: ResultsReading())
    monkeypatch.setattr(report_module, "read_recommendations", lambda pdf: ())


def test_a_part_reader_gets_the_open_report(monkeypatch: pytest.MonkeyPatch,
                                            closes: list[int]) -> None:
    _part_module(monkeypatch, lambda pdf: (("read", pdf.page_count, pdf.text(1)[:27]),))
    report = parse_report(SAMPLE_PDF.read_bytes())
    assert report.observers == (("read", 3, "INTERNATIONAL ELECTION OBSE"),)
    assert closes


def test_an_unreadable_part_costs_only_itself_and_the_pdf_is_closed(
    monkeypatch: pytest.MonkeyPatch, closes: list[int]
) -> None:
    def read(pdf: PdfReport) -> tuple:
        raise UnknownLayout(2, "an observer table")

    _part_module(monkeypatch, read)
    report = parse_report(SAMPLE_PDF.read_bytes())
    assert report.observers == ()
    assert report.metadata.pages == 3
    [problem] = report.problems
    assert (problem.part, problem.status, problem.page, problem.code) == (
        "observers", "quarantined", 2, "unknown_layout")
    assert "expected an observer table" in problem.reason
    assert closes
