"""The pages a report keeps open (odihr/parse/pdf.py ``PdfReport.text_page``): a page read for its
text is not loaded again when a reader comes back for its words, the words are those of a freshly
loaded page, and what is kept is bounded in pages and in characters. On a real 39-page report."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from odihr.parse import pdf as pdf_module
from odihr.parse.document.layout import page_lines
from odihr.parse.page.rules import page_rules, report_rules
from odihr.parse.page.words import page_words, report_words
from odihr.parse.pdf import KEEP_PAGES, PdfReport, Word

#: A final report of 39 pages: more than KEEP_PAGES, an observer annex near its end.
REPORT = (Path(__file__).resolve().parents[1] / "odihr" / "sample_site" / "files" / "f"
          / "documents" / "4" / "7" / "250536.pdf")


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every page PDFium loads (0-based index), counted on the way to the real loader."""
    loaded: list[int] = []
    real = pdfium.PdfDocument.__getitem__

    def counted(self: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        loaded.append(index)
        return real(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", counted)
    return loaded


def test_a_page_read_for_its_text_is_not_loaded_again_for_its_lines(loads: list[int]) -> None:
    with PdfReport(REPORT.read_bytes()) as pdf:
        assert pdf.page_count == 39 > KEEP_PAGES
        pdf.require_text_layer()
        assert sorted(loads) == list(range(39))  # every page once for its text
        assert pdf.kept_pages == tuple(range(39 - KEEP_PAGES + 1, 40))  # the last ones used
        loads.clear()
        assert page_lines(pdf, 30) and page_lines(pdf, 38)  # annex pages: kept open
        assert loads == []
        assert page_lines(pdf, 2)  # long since closed: loaded again, and kept
        assert loads == [1]
        assert pdf.kept_pages[-1] == 2 and len(pdf.kept_pages) == KEEP_PAGES
    assert pdf.kept_pages == ()  # closed with the report


def test_words_of_a_kept_page_are_the_words_of_a_fresh_page() -> None:
    with PdfReport(REPORT.read_bytes()) as pdf:
        pdf.require_text_layer()
        doc = pdf.pdfium_document
        assert doc is not None
        for number in range(1, pdf.page_count + 1):
            kept = report_words(pdf, number)
            assert kept == page_words(doc, number), number
        assert sum(len(report_words(pdf, n)) for n in (36, 37, 38)) > 300


def test_a_page_with_too_many_characters_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "KEEP_MAX_CHARS", 1000)
    with PdfReport(REPORT.read_bytes()) as pdf:
        pdf.require_text_layer()
        kept = pdf.kept_pages
        doc = pdf.pdfium_document
        assert doc is not None
        counts = {}
        for number in range(1, pdf.page_count + 1):
            page = doc[number - 1]
            textpage = page.get_textpage()
            counts[number] = textpage.count_chars()
            textpage.close()
            page.close()
    small = [n for n, count in counts.items() if count <= 1000]
    assert small and len(small) < len(counts)
    assert kept == tuple(small[-KEEP_PAGES:])  # the last small pages used; no large one


def test_rules_and_rotation_of_a_kept_page_do_not_load_it_again(loads: list[int]) -> None:
    with PdfReport(REPORT.read_bytes()) as pdf:
        pdf.require_text_layer()
        doc = pdf.pdfium_document
        assert doc is not None
        fresh = page_rules(doc, 38)
        loads.clear()
        assert report_rules(pdf, 38) == fresh  # the annex page's rules, from the kept page
        assert pdf.turn(38) == 0 and pdf.turn(2) == 0  # noted when the text was read
        assert loads == []


def test_page_text_read_in_one_call_is_pypdfium2s_bounded_text() -> None:
    with PdfReport(REPORT.read_bytes()) as pdf:
        texts = pdf.texts
        doc = pdf.pdfium_document
        assert doc is not None
        for number, text in enumerate(texts, start=1):
            page = doc[number - 1]
            textpage = page.get_textpage()
            expected = textpage.get_text_bounded()
            textpage.close()
            page.close()
            assert text == expected.replace("\r\n", "\n").replace("\r", "\n"), number
    assert sum(map(len, texts)) > 50_000


def test_a_word_built_fast_is_the_word_built_by_its_constructor() -> None:
    fast = Word.of("Total", 10.0, 40.5, 100.0, 110.0, 10.0, True)
    built = Word("Total", 10.0, 40.5, 100.0, 110.0, 10.0, True)
    assert fast == built and hash(fast) == hash(built) and repr(fast) == repr(built)
    with pytest.raises(FrozenInstanceError):
        fast.x0 = 0.0  # type: ignore[misc]
