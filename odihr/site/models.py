"""Frozen records produced by the site layer (discovery and downloads).

URLs in these records are absolute and on the configured base URL (what is actually fetched);
``url_path`` is the stable identity of a resource across mirrors (see ``CONTRACT.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

ElectionStatus = Literal["ongoing", "completed"]
FetchStatus = Literal["ok", "not_modified"]


@dataclass(frozen=True)
class ListingEntry:
    """An election as announced by a listing teaser or a country page's "Elections" list.

    This is what ``discover``'s ``include`` and ``stop_when`` callbacks see, before the election
    page itself is requested.
    """

    url: str
    url_path: str
    site_id: int
    title: str
    country: str | None
    country_slug: str | None
    #: First voting day (listing teasers carry it; country-list entries: read from the title).
    election_date: date | None
    mission_type: str | None
    #: ``"listing"`` or ``"country"``: which kind of page announced it.
    source: str = "listing"


@dataclass(frozen=True)
class DiscoveredDocument:
    """One report PDF listed on an election page (one language version of a document entry)."""

    url: str
    url_path: str
    pdf_id: str
    #: The label printed on the election page (``Final Report``).
    document_type: str
    #: Contract code: needs_assessment, interim, preliminary_statement, final, other.
    report_type: str
    #: ISO 639-1 code from the link's ``hreflang`` (fallback: the page's ``<html lang>``).
    language: str | None
    published_on: date | None
    #: For a translation, the ``url_path`` of the original (see ``discovery`` for the rule).
    translation_of: str | None
    #: ``url_path`` of the election page that lists the document.
    election_url_path: str


@dataclass(frozen=True)
class DiscoveredElection:
    """One election page of the site with the documents it lists."""

    url: str
    url_path: str
    site_id: int
    country: str
    country_slug: str
    #: ISO 3166-1 alpha-2 for OSCE participating States, else None.
    country_code: str | None
    title: str
    #: Lower-case word: parliamentary, presidential, referendum, local, ... (None if not printed).
    election_type: str | None
    early: bool
    #: First (or only) voting day.
    election_date: date | None
    election_dates: tuple[date, ...]
    mission_type: str | None
    status: ElectionStatus
    documents: tuple[DiscoveredDocument, ...]
    #: ``(url, reason)`` of document entries listed but not readable as a report file: the
    #: report's text published as a web page rather than a PDF (older ``odihr.osce.org`` pages).
    unread: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Discovery:
    """The outcome of one walk of the site."""

    elections: tuple[DiscoveredElection, ...]
    #: Listing pages requested, as ``url_path`` plus query (``/odihr/elections?page=1``).
    listing_pages: tuple[str, ...]
    country_pages: tuple[str, ...]
    #: Every announced election, including those the ``include`` predicate left out.
    entries: tuple[ListingEntry, ...]
    #: ``(url, reason)`` for pages that were requested but yielded no election.
    skipped: tuple[tuple[str, str], ...]
    #: False when ``stop_when`` ended the listing walk before its last page.
    complete: bool

    @property
    def documents(self) -> tuple[DiscoveredDocument, ...]:
        """Every document, once: a PDF listed by two elections belongs to the first."""
        seen: set[str] = set()
        out: list[DiscoveredDocument] = []
        for election in self.elections:
            for doc in election.documents:
                if doc.url_path not in seen:
                    seen.add(doc.url_path)
                    out.append(doc)
        return tuple(out)


@dataclass(frozen=True)
class FetchResult:
    """The outcome of a (conditional) PDF download."""

    url: str
    url_path: str
    status: FetchStatus
    #: The body for ``ok``; None for ``not_modified``.
    data: bytes | None
    etag: str | None
    last_modified: str | None
    #: Body bytes received (0 for ``not_modified``).
    size: int
    sha256: str | None = None
    content_type: str | None = None


@dataclass(frozen=True)
class ClientStats:
    """Counters of one client, for run summaries."""

    requests: int
    retries: int
    bytes_received: int
    not_modified: int
