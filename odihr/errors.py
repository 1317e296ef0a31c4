"""Named domain errors. Each carries the facts a person needs to act on it.

``str(error)`` is the sentence that ends up in ``bi_reports.status_reason`` and in run summaries,
so it says what was found, where, and what to do about it.
"""

from __future__ import annotations


class OdihrError(Exception):
    """Base class of every error the pipeline raises on purpose."""


# --- reading a PDF --------------------------------------------------------------------------


class ReportError(OdihrError):
    """A report cannot be loaded as it is; the report is quarantined with this reason."""

    #: Short machine-readable name used in quarantine records and summaries.
    code = "report_error"


class NotAPdf(ReportError):
    """The bytes do not start with ``%PDF-`` (e.g. an HTML error page served under ``.pdf``)."""

    code = "not_a_pdf"

    def __init__(self, first_bytes: bytes, size: int) -> None:
        self.first_bytes = first_bytes
        self.size = size
        preview = first_bytes[:40].decode("latin-1", "replace")
        preview = " ".join(preview.split())
        looks = (
            " (it looks like an HTML page)"
            if b"<html" in first_bytes[:512].lower() or b"<!doctype" in first_bytes[:512].lower()
            else ""
        )
        super().__init__(
            f"not a PDF: the {size} bytes served start with {preview!r}{looks}; check the link on "
            "the election page or whether the site served an error page"
        )


class TruncatedPdf(ReportError):
    """The file starts like a PDF but cannot be opened: cut short or damaged."""

    code = "truncated_pdf"

    def __init__(self, size: int, detail: str) -> None:
        self.size = size
        self.detail = detail
        super().__init__(
            f"truncated or damaged PDF ({size} bytes, {detail}); the download was probably cut "
            "short: it will be fetched again on the next run, or re-run with --force"
        )


class EncryptedPdf(ReportError):
    """The PDF needs a password to be read."""

    code = "encrypted_pdf"

    def __init__(self) -> None:
        super().__init__(
            "encrypted PDF: it cannot be opened without a password; ask ODIHR for an open copy"
        )


class NoTextLayer(ReportError):
    """The pages are images (a scan): there is no text to extract without OCR."""

    code = "no_text_layer"

    def __init__(self, pages: int, pages_with_text: int) -> None:
        self.pages = pages
        self.pages_with_text = pages_with_text
        super().__init__(
            f"no text layer: {pages - pages_with_text} of {pages} pages are images without text "
            "(a scanned report); it needs OCR before it can be parsed"
        )


class GarbageTextLayer(NoTextLayer):
    """The pages carry text, but mostly not letters (a broken font encoding or a bad OCR layer)."""

    def __init__(self, pages: int, letter_share: float, threshold: float) -> None:
        self.pages = pages
        self.pages_with_text = 0
        self.letter_share = letter_share
        ReportError.__init__(
            self,
            f"garbage text layer: only {letter_share:.0%} of the {pages} pages' printed "
            f"characters are letters or digits (a readable report has over {threshold:.0%}); "
            "its text cannot be trusted and it needs OCR before it can be parsed",
        )


class OcrFoundNoText(NoTextLayer):
    """The pages are images and OCR read no text on them either (blank or unreadable)."""

    def __init__(self, pages: int, pages_with_text: int) -> None:
        self.pages = pages
        self.pages_with_text = pages_with_text
        ReportError.__init__(
            self,
            f"no text layer: {pages - pages_with_text} of {pages} pages are images without text, "
            "and OCR read no usable text on them either (blank pages or an unreadable scan); "
            "ask ODIHR for a better copy",
        )


#: How every reason given for an OCR'd report or part starts: a misread digit or word is the first
#: suspect, so a person compares the figure with the scan before suspecting the parser.
OCR_TEXT_FAILED = "OCR text failed"


class OcrFailed(ReportError):
    """A scanned report could not be read through OCR (engine missing, page or time cap...)."""

    code = "ocr_failed"

    def __init__(self, detail: str, action: str) -> None:
        self.detail = detail
        super().__init__(f"OCR failed: {detail}; {action}")


class TooManyPages(ReportError):
    """The PDF has more pages than the configured page limit."""

    code = "too_many_pages"

    def __init__(self, pages: int, limit: int) -> None:
        self.pages = pages
        self.limit = limit
        super().__init__(
            f"too many pages: {pages} pages exceed the limit of {limit} (ODIHR_MAX_PDF_PAGES)"
        )


class ResourceLimit(ReportError):
    """Parsing the report broke a resource limit (memory, CPU time, wall time): it was stopped.

    The parse runs in a child process (:mod:`odihr.isolation`), so a decompression bomb or a
    pathological page costs that report only; the run goes on.
    """

    code = "resource_limit"

    def __init__(self, limit: str, setting: str, detail: str, progress: str) -> None:
        self.limit = limit
        self.setting = setting
        self.detail = detail
        self.progress = progress
        super().__init__(
            f"resource limit: parsing was stopped after {detail} ({limit}, {setting}); it had "
            f"{progress}. The PDF is probably hostile or damaged (a decompression or page bomb); "
            f"if the report is genuine, raise {setting} and run `odihr reparse`"
        )


class UnknownLayout(ReportError):
    """A part of the report is there but does not have a structure the parser understands."""

    code = "unknown_layout"

    def __init__(self, page: int | None, expected: str, found: str = "") -> None:
        self.page = page
        self.expected = expected
        self.found = found
        where = f"page {page}" if page is not None else "the report"
        tail = f"; found: {found}" if found else ""
        super().__init__(f"unknown layout on {where}: expected {expected}{tail}")


# --- fetching -----------------------------------------------------------------------------------


class FetchError(OdihrError):
    """A resource of the site could not be fetched."""

    code = "fetch_error"


class OffSiteUrl(FetchError):
    """A URL whose host is not the site's: it is never requested."""

    code = "off_site"

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"refusing to fetch {url}: its host is not the ODIHR site")


class Gone(FetchError):
    """The site answered 404 or 410: permanent, recorded, never retried within a run."""

    code = "gone"

    def __init__(self, url: str, status: int) -> None:
        self.url = url
        self.status = status
        super().__init__(
            f"gone: the site answered HTTP {status} for {url}; the link on the election page is "
            "dead (it is checked again on the next run)"
        )


class TransientFetchError(FetchError):
    """5xx, 429, a timeout or a connection error that outlived its retries."""

    code = "transient"

    def __init__(self, url: str, detail: str, attempts: int) -> None:
        self.url = url
        self.detail = detail
        self.attempts = attempts
        super().__init__(
            f"could not fetch {url} after {attempts} attempt(s): {detail}; the next run tries again"
        )


class TooLarge(FetchError):
    """The response is larger than the configured byte cap."""

    code = "too_large"

    def __init__(self, url: str, limit: int) -> None:
        self.url = url
        self.limit = limit
        super().__init__(
            f"{url} is larger than the limit of {limit} bytes (ODIHR_MAX_PDF_BYTES); raise the "
            "limit if the document is genuine"
        )


class TooSlow(FetchError):
    """The download did not finish within its overall deadline (a body that drips slowly)."""

    code = "too_slow"

    def __init__(self, url: str, deadline: float, received: int) -> None:
        self.url = url
        self.deadline = deadline
        self.received = received
        super().__init__(
            f"{url} did not finish downloading within {deadline:g} s (ODIHR_DOWNLOAD_DEADLINE; "
            f"{received} bytes received); the site is too slow now, the next run tries again"
        )


class Disallowed(FetchError):
    """robots.txt forbids the URL for our user agent."""

    code = "robots"

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"robots.txt of the site disallows {url}; it was not fetched")


# --- the site ---------------------------------------------------------------------------------


class SiteLayoutChanged(OdihrError):
    """A page of the site no longer has the structure the crawler reads: the run stops (exit 1).

    Nothing already in the warehouse is touched; a person has to look at the page and update the
    selectors in :mod:`odihr.site.selectors`.
    """

    code = "site_layout_changed"

    def __init__(self, page: str, expected: str, selectors: tuple[str, ...] | list[str]) -> None:
        self.page = page
        self.expected = expected
        self.selectors = tuple(selectors)
        super().__init__(
            f"the site's layout changed: {page} has {expected}; these selectors found nothing: "
            f"{', '.join(self.selectors)}. Nothing was changed in the warehouse; update "
            "odihr/site/selectors.py"
        )


class SiteDown(OdihrError):
    """Too many documents in a row could not be downloaded: the run stops (exit 1)."""

    code = "site_down"

    def __init__(self, failures: int, last_reason: str) -> None:
        self.failures = failures
        self.last_reason = last_reason
        super().__init__(
            f"the site looks down: {failures} documents in a row could not be downloaded "
            f"(ODIHR_MAX_CONSECUTIVE_FAILURES); last: {last_reason}"
        )


class LockLost(OdihrError):
    """The warehouse lock was lost while the run held it: the run stops writing (exit 1)."""

    code = "lock_lost"

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"the warehouse lock was lost ({detail}); the run stopped writing so that no other "
            "run overlaps it. Rerun: it resumes where this one stopped"
        )
