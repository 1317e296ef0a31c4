"""One parse job, run in-process: stored PDF bytes in, a :class:`ParseOutcome` out (never raises
a :class:`~odihr.errors.ReportError`). :mod:`odihr.isolation` runs these in child processes."""

from __future__ import annotations

import time
from pathlib import Path

from odihr.errors import ReportError
from odihr.outcomes import ParseOutcome
from odihr.parse.pdf import PdfReport
from odihr.parse.report import parse_report


def parse_file(url_path: str, path: str, max_pages: int) -> ParseOutcome:
    """Parse one stored PDF; a :class:`ReportError` becomes an outcome a person can act on."""
    started = time.perf_counter()
    try:
        parsed = parse_report(Path(path).read_bytes(), max_pages=max_pages)
    except ReportError as error:
        return ParseOutcome(
            url_path,
            error_code=error.code,
            reason=str(error),
            seconds=time.perf_counter() - started,
        )
    return ParseOutcome(
        url_path, parsed=parsed, pages=parsed.metadata.pages, seconds=time.perf_counter() - started
    )


def count_pages(url_path: str, path: str, max_pages: int) -> ParseOutcome:
    """Open a PDF only to count its pages (translations are not parsed)."""
    try:
        with PdfReport(Path(path).read_bytes(), max_pages=max_pages) as pdf:
            return ParseOutcome(url_path, pages=pdf.page_count)
    except ReportError as error:
        return ParseOutcome(url_path, error_code=error.code, reason=str(error))


JOBS = {"parse": parse_file, "count": count_pages}
