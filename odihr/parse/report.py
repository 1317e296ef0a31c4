"""The parser's entry point: PDF bytes in, one :class:`~odihr.records.ParsedReport` out."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium
from pdfminer.psparser import PSException

from odihr.errors import TruncatedPdf
from odihr.parse.metadata import read_metadata
from odihr.parse.pdf import PdfReport
from odihr.records import ParsedReport

#: Stored with every parsed report; bump it when parsing changes what is read from a PDF.
PARSER_VERSION = "1.0.0"

#: (module, function) of each part reader; imported when first used, so that this module works
#: while a part reader is missing (it then reads nothing for that part, and says so in the log).
PART_READERS: dict[str, tuple[str, str]] = {
    "contests": ("odihr.parse.results", "read_results"),
    "observers": ("odihr.parse.observers", "read_observers"),
    "recommendations": ("odihr.parse.recommendations", "read_recommendations"),
}

log = logging.getLogger(__name__)
_reported_missing: set[str] = set()


def _missing(what: str) -> None:
    """Log a missing part reader once per process, not once per report."""
    if what not in _reported_missing:
        _reported_missing.add(what)
        log.warning("%s is not available: that part of the reports is not parsed", what)


def _reader(module_name: str, function_name: str) -> Callable[[PdfReport], tuple[Any, ...]] | None:
    """The part reader, or ``None`` when its module is not there (yet)."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise  # the reader exists but one of *its* imports is missing: a real bug
        _missing(module_name)
        return None
    reader = getattr(module, function_name, None)
    if reader is None:
        _missing(f"{module_name}.{function_name}()")
    return reader


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
            parts: dict[str, tuple[Any, ...]] = {}
            for part, (module_name, function_name) in PART_READERS.items():
                reader = _reader(module_name, function_name)
                parts[part] = tuple(reader(pdf)) if reader is not None else ()
        except (pdfium.PdfiumError, PSException) as error:
            # The file opened but a page cannot be read: damaged objects inside the file.
            detail = f"{type(error).__name__} while reading its pages: {error}"
            raise TruncatedPdf(len(data), detail) from None
    return ParsedReport(parser_version=PARSER_VERSION, metadata=metadata, **parts)
