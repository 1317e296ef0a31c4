"""A crawl that finds markedly fewer documents than the warehouse knows is a changed site.

A re-marked documents block, a new link format or a lazy-loaded list would otherwise look like
elections whose reports vanished: a nightly would quietly ingest nothing. Compared page for
page: only election pages this crawl visited count, against the documents the warehouse holds
for those same pages (dead links excluded).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from odihr.errors import SiteLayoutChanged
from odihr.site.models import DiscoveredElection
from odihr.site.selectors import DOCUMENT_ENTRY, documents_block_selectors

#: Below this many known documents the comparison says nothing (one removed report is not news).
MIN_KNOWN = 4


def check_document_counts(
    elections: Iterable[DiscoveredElection], known: Mapping[int, int], min_share: float
) -> None:
    """Raise :class:`SiteLayoutChanged` when the crawled election pages list fewer than
    ``min_share`` of the documents the warehouse knows for them."""
    visited = [e for e in elections if known.get(e.site_id)]
    expected = sum(known[e.site_id] for e in visited)
    found = sum(min(len(e.documents), known[e.site_id]) for e in visited)
    if expected < MIN_KNOWN or found >= min_share * expected:
        return
    emptied = [e.url_path for e in visited if len(e.documents) < known[e.site_id]]
    pages = ", ".join(emptied[:5]) + (f" and {len(emptied) - 5} more" if len(emptied) > 5 else "")
    raise SiteLayoutChanged(
        pages,
        f"{found} documents where the warehouse knows {expected} for the same election pages "
        f"(less than ODIHR_MIN_DOCUMENT_SHARE={min_share:g})",
        (*documents_block_selectors(), *DOCUMENT_ENTRY),
    )
