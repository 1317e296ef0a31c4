"""Discovery task: walk the site's listing, country and election pages."""

from __future__ import annotations

from collections.abc import Callable

from prefect import task
from prefect.cache_policies import NONE

from odihr.site.client import SiteClient
from odihr.site.discovery import discover
from odihr.site.models import Discovery, ListingEntry
from tasks.policy import RETRY_DELAYS, RETRY_JITTER, retry_transient_only


@task(
    name="discover-reports",
    cache_policy=NONE,
    persist_result=False,
    retries=2,
    retry_delay_seconds=RETRY_DELAYS,
    retry_jitter_factor=RETRY_JITTER,
    retry_condition_fn=retry_transient_only,
)
def discover_reports(
    client: SiteClient,
    include: Callable[[ListingEntry], bool] | None = None,
    stop_when: Callable[[list[ListingEntry]], bool] | None = None,
) -> Discovery:
    """Prefect shell around :func:`odihr.site.discovery.discover`."""
    return discover(client, include=include, stop_when=stop_when)
