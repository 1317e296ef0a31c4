"""The parser's entry point: PDF bytes in, one :class:`~odihr.records.ParsedReport` out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pypdfium2 as pdfium
from pdfminer.psparser import PSException

from odihr.errors import TruncatedPdf, UnknownLayout
from odihr.parse.metadata.reader import read_metadata
from odihr.parse.observers.reader import read_observers
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations.reader import read_recommendations
from odihr.parse.results import read_results
from odihr.records import ParsedReport, PartProblem

T = TypeVar("T")

#: Stored with every parsed report; bump it when parsing changes what is read from a PDF.
PARSER_VERSION = "2.0.5"
#: Report types written before the observers are deployed: only an annex whose heading names
#: observers is read as a list of them (:func:`read_observers`).
BEFORE_DEPLOYMENT = frozenset({"needs_assessment", "interim"})


def parse_report(data: bytes, *, max_pages: int = 1000) -> ParsedReport:
    """Parse one report PDF: metadata, results tables, observers and recommendations.

    Args:
        data: the PDF's bytes as downloaded.
        max_pages: refuse PDFs with more pages than this (``ODIHR_MAX_PDF_PAGES``).

    Raises:
        NotAPdf: the bytes are not a PDF (e.g. an HTML error page).
        TruncatedPdf: the PDF is cut short or damaged.
        EncryptedPdf: the PDF needs a password.
        TooManyPages: the PDF has more than ``max_pages`` pages.
        NoTextLayer: the pages are scanned images.
        UnknownLayout: the cover and headers cannot be read (metadata is the report's identity).

    A part reader (results, observers, recommendations) that finds its part but cannot read it
    costs only that part: it is recorded in ``ParsedReport.problems`` and the other parts are read.
    """
    problems: list[PartProblem] = []
    with PdfReport(data, max_pages=max_pages) as pdf:
        try:
            pdf.require_text_layer()
            metadata = read_metadata(pdf)
            reading = _read_part("results", lambda: read_results(pdf), problems)
            before_deployment = metadata.report_type in BEFORE_DEPLOYMENT
            observers = _read_part("observers", lambda: read_observers(
                pdf, unnamed_annexes=False) if before_deployment else read_observers(pdf),
                problems)
            recommendations = _read_part(
                "recommendations", lambda: read_recommendations(pdf), problems
            )
        except (pdfium.PdfiumError, PSException) as error:
            # The file opened but a page cannot be read: damaged objects inside the file.
            detail = f"{type(error).__name__} while reading its pages: {error}"
            raise TruncatedPdf(len(data), detail) from None
    return ParsedReport(
        parser_version=PARSER_VERSION,
        metadata=metadata,
        contests=reading.contests if reading else (),
        observers=observers or (),
        recommendations=recommendations or (),
        problems=(*(reading.problems if reading else ()), *problems),
    )


def _read_part(part: str, read: Callable[[], T], problems: list[PartProblem]) -> T | None:
    """Run one part reader; an unreadable part becomes a quarantined :class:`PartProblem`."""
    try:
        return read()
    except UnknownLayout as error:
        problems.append(PartProblem(part, "quarantined", str(error), error.page, error.code))
        return None
