"""``--dry-run`` of ``backfill`` and ``reparse``: what a run would fetch or re-read, with counts.

A dry run reads (the site's listing and election pages, or the warehouse) and writes nothing: no
warehouse, no raw store, no Prefect run.
"""

from __future__ import annotations

from collections import Counter

from odihr.exitcodes import EXIT_OK
from odihr.filters import Filters
from odihr.records import REPORT_TYPES
from odihr.settings import Settings
from odihr.site.models import DiscoveredDocument, DiscoveredElection


def matching_documents(
    elections: list[DiscoveredElection], filters: Filters
) -> list[tuple[DiscoveredElection, DiscoveredDocument]]:
    """The documents a backfill with ``filters`` would download, once each, in site order."""
    seen: set[str] = set()
    found = []
    for e in elections:
        if not filters.match_election(e.country_slug, e.election_date):
            continue
        for d in e.documents:
            if d.url_path in seen or not filters.match_report_type(d.report_type):
                continue
            seen.add(d.url_path)
            found.append((e, d))
    return found


def backfill_dry_run(settings: Settings, filters: Filters) -> int:
    """``odihr backfill --dry-run``: crawl the listing and list what would be downloaded."""
    from odihr.site.client import SiteClient
    from odihr.site.discovery import discover

    with SiteClient(settings) as client:
        discovery = discover(client, include=filters.match_entry)
    if discovery.complete:
        filters.check_countries(e.country_slug for e in discovery.entries)
    documents = matching_documents(list(discovery.elections), filters)
    elections = {e.url_path: e for e, _ in documents}
    by_type = Counter(d.report_type for _, d in documents)
    translations = sum(d.translation_of is not None for _, d in documents)
    print(f"backfill would fetch {len(documents)} report(s) of {len(elections)} election(s) "
          f"from {settings.base_url} (nothing is written in a dry run):")
    for report_type in (*REPORT_TYPES, *sorted(set(by_type) - set(REPORT_TYPES))):
        if by_type.get(report_type):
            print(f"  {report_type:<24}{by_type[report_type]:>6}")
    print(f"  {'of which translations':<24}{translations:>6}")
    print("elections:")
    for e in elections.values():
        count = sum(1 for owner, _ in documents if owner is e)
        day = e.election_date.isoformat() if e.election_date else "????-??-??"
        print(f"  {day}  {e.country_slug:<20} {e.title}  ({count} report(s))")
    if not documents:
        print(f"odihr backfill: no election or document matched the filters {filters.describe()}")
    return EXIT_OK


def reparse_dry_run(settings: Settings, filters: Filters) -> int:
    """``odihr reparse --dry-run``: what a reparse would read again, changing nothing."""
    from db.status import country_slugs
    from db.stored import stored_versions
    from odihr.commands import existing_warehouse
    from odihr.parse.report import PARSER_VERSION
    from odihr.site.store import RawStore

    engine = existing_warehouse(settings, "reparse")
    if filters.countries:
        filters.check_countries(country_slugs(engine))
    store = RawStore(settings.raw_dir)
    versions = stored_versions(engine, filters)
    missing = [v for v in versions if not store.path_for(v["sha256"]).exists()]
    print(f"reparse would read {len(versions) - len(missing)} stored PDF(s) with parser "
          f"{PARSER_VERSION} (nothing is written in a dry run):")
    for v in versions:
        note = "  (stored bytes missing: would be reported)" if v in missing else ""
        print(f"  {v['url_path']}{note}")
    return EXIT_OK
