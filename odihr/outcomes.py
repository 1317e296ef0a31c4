"""What each stage of a run reports back to the flow (plain frozen dataclasses, picklable)."""

from __future__ import annotations

from dataclasses import dataclass

from odihr.records import ParsedReport


@dataclass(frozen=True)
class KnownVersion:
    """What the warehouse knows of a document's newest fetched version (all None: nothing)."""

    version_id: int | None = None
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    parser_version: str | None = None
    status: str | None = None


#: A document the warehouse has never fetched.
NO_VERSION = KnownVersion()


@dataclass(frozen=True)
class DocumentRef:
    """A document the run works on, with what the warehouse already knows of it."""

    document_id: int
    url: str
    url_path: str
    translation_of: str | None
    known: KnownVersion = NO_VERSION


@dataclass(frozen=True)
class DownloadOutcome:
    """The result of fetching one document.

    ``state`` is ``new`` (bytes never seen for this document), ``unchanged`` (same bytes again or a
    304), ``gone`` (404/410) or ``failed`` (transient errors outlived their retries, too large …).
    """

    ref: DocumentRef
    state: str
    sha256: str | None = None
    path: str | None = None
    size: int = 0
    etag: str | None = None
    last_modified: str | None = None
    bytes_transferred: int = 0
    http_status: int | None = None
    error_code: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ParseOutcome:
    """A parsed report, or the named error that stopped its parse."""

    url_path: str
    parsed: ParsedReport | None = None
    error_code: str | None = None
    reason: str | None = None
    pages: int | None = None
    seconds: float = 0.0
    #: Pages read through OCR for this outcome (0: a text layer, or OCR taken from the cache).
    ocr_pages: int = 0


#: Document (and version) statuses whose facts are in the BI views.
LOADED_STATUSES = ("loaded", "partial")


@dataclass(frozen=True)
class PartStatus:
    """What became of one part of a report (a ``bi_report_parts`` row).

    ``part`` is ``metadata``, ``results:<contest>`` (``results`` when no table could be told
    apart), ``observers`` or ``recommendations``; ``status`` is ``loaded``, ``quarantined`` or
    ``absent``; ``rows`` counts the rows the part put into its view (0 unless loaded).
    """

    part: str
    status: str
    reason: str | None = None
    rows: int = 0
    page: int | None = None
