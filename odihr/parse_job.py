"""One parse job, run in-process: stored PDF bytes in, a :class:`ParseOutcome` out (never raises
a :class:`~odihr.errors.ReportError`). :mod:`odihr.isolation` runs these in child processes.

A scan (no text layer, or a garbage one) is read through OCR when ``ocr`` allows it
(:mod:`odihr.ocr`): the OCR'd text-layer PDF is parsed by the same parser and the report is
marked ``text_source = "ocr"``. A report error after OCR says so ("OCR text failed: …").
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from odihr.errors import OCR_TEXT_FAILED, NoTextLayer, OcrFoundNoText, ReportError
from odihr.ocr.options import OcrOptions
from odihr.outcomes import ParseOutcome
from odihr.parse.pdf import PdfReport
from odihr.parse.report import parse_report
from odihr.records import ParsedReport


def _parse_scan(data: bytes, path: Path, max_pages: int, ocr: OcrOptions
                ) -> tuple[ParsedReport, int]:
    """OCR the scan (or take its cached OCR) and parse that; returns the report and the pages
    OCR'd by this call (0 when the cache had them)."""
    from odihr.ocr.cache import ocr_cached

    text_pdf, cached = ocr_cached(data, ocr, path.parent)
    try:
        parsed = parse_report(text_pdf, max_pages=max_pages)
    except NoTextLayer as error:
        raise OcrFoundNoText(error.pages, error.pages_with_text) from None
    except ReportError as error:
        error.args = (f"{OCR_TEXT_FAILED}: {error}",)
        raise
    parsed = replace(parsed, text_source="ocr")
    return parsed, 0 if cached else parsed.metadata.pages


def parse_file(url_path: str, path: str, max_pages: int, ocr: OcrOptions | None = None
               ) -> ParseOutcome:
    """Parse one stored PDF; a :class:`ReportError` becomes an outcome a person can act on.
    ``ocr`` None or ``mode="off"`` quarantines a scan ("needs OCR") instead of reading it."""
    started = time.perf_counter()
    ocr_pages = 0
    try:
        data = Path(path).read_bytes()
        try:
            parsed = parse_report(data, max_pages=max_pages)
        except NoTextLayer:
            if ocr is None or not ocr.enabled:
                raise
            parsed, ocr_pages = _parse_scan(data, Path(path), max_pages, ocr)
    except ReportError as error:
        return ParseOutcome(
            url_path,
            error_code=error.code,
            reason=str(error),
            seconds=time.perf_counter() - started,
        )
    return ParseOutcome(
        url_path, parsed=parsed, pages=parsed.metadata.pages, seconds=time.perf_counter() - started,
        ocr_pages=ocr_pages,
    )


def count_pages(url_path: str, path: str, max_pages: int, ocr: OcrOptions | None = None
                ) -> ParseOutcome:
    """Open a PDF only to count its pages (translations are not parsed; ``ocr`` is unused)."""
    try:
        with PdfReport(Path(path).read_bytes(), max_pages=max_pages) as pdf:
            return ParseOutcome(url_path, pages=pdf.page_count)
    except ReportError as error:
        return ParseOutcome(url_path, error_code=error.code, reason=str(error))


JOBS = {"parse": parse_file, "count": count_pages}
