"""Discovery task: walk the site's listing, country and election pages."""

from __future__ import annotations

from collections.abc import Callable

from prefect import get_run_logger, task

from odihr.early_crawl import EarlyCrawl
from odihr.site.client import SiteClient
from odihr.site.discovery import discover
from odihr.site.models import Discovery, ListingEntry
from tasks.policy import NETWORK_TASK_OPTIONS


@task(name="discover-reports", **NETWORK_TASK_OPTIONS)
def discover_reports(
    client: SiteClient,
    include: Callable[[ListingEntry], bool] | None = None,
    stop_when: Callable[[list[ListingEntry]], bool] | None = None,
    visit_country_pages: bool = True,
    early: EarlyCrawl | None = None,
) -> Discovery:
    """Prefect shell around :func:`odihr.site.discovery.discover`; logs what it found.

    ``early``: the same crawl, started by the command line while Prefect booted
    (:mod:`odihr.early_crawl`): its result is taken (and what it raised is raised here).
    """
    found = (
        early.result()
        if early is not None
        else discover(
            client, include=include, stop_when=stop_when, visit_country_pages=visit_country_pages
        )
    )
    documents = sum(len(e.documents) for e in found.elections)
    logger = get_run_logger()
    logger.info(
        "found %d election(s) with %d document(s) on %d listing page(s) and %d country page(s)",
        len(found.elections), documents, len(found.listing_pages), len(found.country_pages),
    )
    for url, reason in found.skipped:
        logger.warning("skipped %s: %s", url, reason)
    return found
