"""The command line's early crawl (odihr.early_crawl) against the real mirror server: the flow
takes its result only for the same site and filters, once, and what it raised is raised there."""

from __future__ import annotations

import pytest

from odihr import early_crawl
from odihr.errors import TransientFetchError
from odihr.filters import Filters
from odihr.settings import Settings
from odihr.site.server import MirrorServer


def test_the_flow_takes_the_crawl_started_for_its_site_and_filters_once(
    mirror: MirrorServer, site_settings: Settings
) -> None:
    filters = Filters.build(None, None, ["kazakhstan"], None)
    early_crawl.start(site_settings, filters)
    assert early_crawl.take(site_settings.base_url, Filters.build(None, None, None, None)) is None
    assert early_crawl.take(site_settings.base_url, filters) is None  # taken (and dropped) above
    crawl = early_crawl.start(site_settings, filters)
    assert early_crawl.take("http://127.0.0.1:9/", filters) is None
    early_crawl.start(site_settings, filters)
    same = Filters.build(None, None, ["kazakhstan"], None)
    taken = early_crawl.take(site_settings.base_url, same)
    assert taken is not None and taken is not crawl
    found = taken.result()
    assert found.complete and found.elections
    assert {e.country_slug for e in found.elections} == {"kazakhstan"}


def test_what_the_early_crawl_logged_and_raised_comes_out_where_the_flow_takes_it(
    site_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    unreachable = site_settings.with_overrides(base_url="http://127.0.0.1:9/")
    early_crawl.start(unreachable, Filters.build(None, None, None, None))
    crawl = early_crawl.take(unreachable.base_url, Filters.build(None, None, None, None))
    assert crawl is not None and crawl.join(timeout=60)
    # Held back: a run that fails before it takes the crawl says only why it failed.
    assert not [r for r in caplog.records if "retry" in r.getMessage()]
    with pytest.raises(TransientFetchError):
        crawl.result()
    retries = [r.getMessage() for r in caplog.records if "retry" in r.getMessage()]
    assert retries and all("site unreachable" in m for m in retries), retries


@pytest.mark.parametrize(
    ("kind", "force", "limit", "wanted"),
    [("backfill", False, None, True), ("nightly", True, None, True),
     ("nightly", False, None, False), ("reparse", False, None, False),
     ("backfill", False, "odihr-site-requests", False)],
)
def test_only_a_whole_crawl_without_a_prefect_rate_limit_starts_early(
    site_settings: Settings, kind: str, force: bool, limit: str | None, wanted: bool
) -> None:
    settings = site_settings.with_overrides(shared_rate_limit=limit)
    assert early_crawl.wanted(kind, force, settings) is wanted
