"""The parser's entry point: PDF bytes in, one :class:`~odihr.records.ParsedReport` out."""

from __future__ import annotations

import pypdfium2 as pdfium
from pdfminer.psparser import PSException

from odihr.errors import TruncatedPdf
from odihr.parse.metadata import read_metadata
from odihr.parse.observers import read_observers
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations import read_recommendations
from odihr.parse.results import read_results
from odihr.records import ParsedReport

#: Stored with every parsed report; bump it when parsing changes what is read from a PDF.
PARSER_VERSION = "1.0.0"


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
        UnknownLayout: a part reader found its part but could not read its structure.
    """
    with PdfReport(data, max_pages=max_pages) as pdf:
        try:
            pdf.require_text_layer()
            metadata = read_metadata(pdf)
            contests = read_results(pdf)
            observers = read_observers(pdf)
            recommendations = read_recommendations(pdf)
        except (pdfium.PdfiumError, PSException) as error:
            # The file opened but a page cannot be read: damaged objects inside the file.
            detail = f"{type(error).__name__} while reading its pages: {error}"
            raise TruncatedPdf(len(data), detail) from None
    return ParsedReport(
        parser_version=PARSER_VERSION,
        metadata=metadata,
        contests=contests,
        observers=observers,
        recommendations=recommendations,
    )
