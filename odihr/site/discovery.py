"""Walk the site: listing pages, country pages, election pages -> :class:`Discovery`.

The walk requests, in this order: the listing ``/odihr/elections`` and its pages ``?page=N``
(until the pager has no "next" link, or ``stop_when`` says stop), the country pages named by the
listing teasers (their "Elections" list only), then each election page. Only links from those
regions are followed (see :mod:`odihr.site.pages`), so decoys are never requested.

Incremental (nightly) use::

    known = {...}   # url_paths of elections already in the warehouse
    discover(client, stop_when=lambda page: all(e.url_path in known for e in page))

Backfill filters work on what the listing teasers carry (country slug, first voting day)::

    discover(client, include=lambda e: e.country_slug in {"kazakhstan"})
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from odihr.errors import Disallowed, Gone, SiteLayoutChanged
from odihr.progress import reporter
from odihr.site.client import SiteClient
from odihr.site.models import DiscoveredDocument, DiscoveredElection, Discovery, ListingEntry
from odihr.site.pages import (
    election_type,
    parse_country_page,
    parse_election_page,
    parse_listing_page,
    report_type_code,
    title_date,
)
from odihr.site.selectors import LISTING_ITEM, LISTING_TITLE
from odihr.site.urls import url_path

__all__ = [
    "LISTING_PATH", "DiscoveredDocument", "DiscoveredElection", "Discovery", "ListingEntry",
    "discover", "election_type", "parse_country_page", "parse_election_page",
    "parse_listing_page", "report_type_code", "title_date",
]

log = logging.getLogger(__name__)

#: Path of the paginated election listing (page N is ``?page=N``, 0-based).
LISTING_PATH = "/odihr/elections"
MAX_LISTING_PAGES = 10_000

StopWhen = Callable[[Sequence[ListingEntry]], bool]
Include = Callable[[ListingEntry], bool]


def _target(url: str) -> str:
    query = urlsplit(url).query
    return url_path(url) + (f"?{query}" if query else "")


def _walk_listing(client: SiteClient, stop_when: StopWhen | None, listing_path: str
                  ) -> tuple[list[str], list[ListingEntry], list[str], bool]:
    """Listing pages visited, entries, country page URLs, and whether the walk reached the end."""
    pages: list[str] = []
    entries: dict[str, ListingEntry] = {}
    countries: dict[str, str] = {}
    url: str | None = client.resolve(listing_path)
    seen: set[str] = set()
    while url is not None and url not in seen and len(pages) < MAX_LISTING_PAGES:
        seen.add(url)
        reporter().grow("crawl", 1)
        final_url, html = client.get_page(url)
        reporter().advance("crawl")
        page_entries, country_urls, next_url = parse_listing_page(html, final_url)
        if not page_entries:
            raise SiteLayoutChanged(_target(final_url), "no election items",
                                    (LISTING_ITEM, *LISTING_TITLE))
        pages.append(_target(final_url))
        for entry in page_entries:
            entries.setdefault(entry.url_path, entry)
        for country_url in country_urls:
            countries.setdefault(url_path(country_url), country_url)
        if stop_when is not None and stop_when(page_entries):
            return pages, list(entries.values()), list(countries.values()), next_url is None
        url = next_url
    return pages, list(entries.values()), list(countries.values()), True


def discover(client: SiteClient, *, newest_first: bool = True,
             stop_when: StopWhen | None = None, include: Include | None = None,
             visit_country_pages: bool = True,
             listing_path: str = LISTING_PATH) -> Discovery:
    """Discover elections and their documents.

    Args:
        client: the site client (URL policy, robots, politeness, retries).
        newest_first: visit and return elections newest first (by the first voting day the
            listing announces; ties keep listing order); False gives oldest first. The listing
            itself is always walked from page 0.
        stop_when: called with each listing page's entries after it is read; True ends the
            listing walk there (that page's entries are still considered -- filter them out
            with ``include`` if they need no visit). ``Discovery.complete`` is then False.
        include: which announced elections to visit (default: all). A country page is visited
            only if at least one of its listing entries was included; its own entries go
            through ``include`` too (their date is read from the title).
        visit_country_pages: set False to rely on the listing alone (fewer requests).
        listing_path: path of the election listing on the site.

    Raises:
        SiteLayoutChanged: a listing page lists no election, or an election page's documents
            cannot be found (see :mod:`odihr.site.selectors`).
        TransientFetchError: the site stayed unreachable after retries.
        Gone: the listing itself is gone.
    """
    pages, entries, country_urls, complete = _walk_listing(client, stop_when, listing_path)
    wanted = [e for e in entries if include is None or include(e)]
    skipped: list[tuple[str, str]] = []
    visited_countries: list[str] = []
    if visit_country_pages:
        slugs = {e.country_slug for e in wanted}
        known = {e.url_path for e in entries}
        for country_url in country_urls:
            if include is not None and url_path(country_url).rstrip("/").split("/")[-1] \
                    not in slugs:
                continue
            reporter().grow("crawl", 1)
            try:
                final_url, html = client.get_page(country_url)
            except (Gone, Disallowed) as exc:
                skipped.append((country_url, str(exc)))
                continue
            finally:
                reporter().advance("crawl")
            visited_countries.append(_target(final_url))
            for entry in parse_country_page(html, final_url):
                if entry.url_path in known:
                    continue
                known.add(entry.url_path)
                entries.append(entry)
                if include is None or include(entry):
                    wanted.append(entry)

    def newest(entry: ListingEntry) -> int:
        return -entry.election_date.toordinal() if entry.election_date else 0

    def oldest(entry: ListingEntry) -> float:
        return entry.election_date.toordinal() if entry.election_date else float("inf")

    wanted.sort(key=newest if newest_first else oldest)
    elections: list[DiscoveredElection] = []
    done: set[str] = set()
    reporter().grow("crawl", len(wanted))
    for entry in wanted:
        try:
            final_url, html = client.get_page(entry.url)
        except (Gone, Disallowed) as exc:
            log.warning("%s", exc)
            skipped.append((entry.url, str(exc)))
            continue
        finally:
            reporter().advance("crawl")
        election = parse_election_page(html, final_url)
        if election is None:
            log.warning("%s is not an election page; skipped", final_url)
            skipped.append((final_url, "not an election page (no election metadata)"))
        elif election.url_path not in done:
            done.add(election.url_path)
            elections.append(election)
            for url, reason in election.unread:
                log.warning("%s: %s", url, reason)
                skipped.append((url, reason))
    log.info("discovered %d election(s) from %d listing page(s) and %d country page(s)",
             len(elections), len(pages), len(visited_countries))
    return Discovery(elections=tuple(elections), listing_pages=tuple(pages),
                     country_pages=tuple(visited_countries), entries=tuple(entries),
                     skipped=tuple(skipped), complete=complete)
