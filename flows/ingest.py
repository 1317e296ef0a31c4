"""The ``ingest`` flow: crawl → download → parse → validate → load, one flow run per command."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from prefect import flow
from sqlalchemy import Engine

from db.converge import known_document_counts
from db.load import known_versions, record_version, upsert_documents, upsert_elections
from db.status import known_elections
from flows.artifacts import publish_summary
from flows.converge import reconcile_translations
from flows.lifecycle import tracked_run
from flows.params import IsoDate
from flows.prefetch import Prefetch
from flows.steps import (
    BATCH_SIZE,
    MIN_BATCH,
    WorkItem,
    needs_parse,
    process_all,
    validates_here,
)
from odihr import early_crawl
from odihr.filters import Filters
from odihr.nightly import KnownElection, NightlyPlan
from odihr.outcomes import LOADED_STATUSES, NO_VERSION, DocumentRef, DownloadOutcome
from odihr.progress import reporter
from odihr.settings import Settings, base_settings
from odihr.site.breaker import CircuitBreaker
from odihr.site.client import SiteClient
from odihr.site.models import DiscoveredElection
from odihr.site.shrinkage import check_document_counts
from odihr.site.store import RawStore
from odihr.summary import RunSummary
from odihr.validate.remote import warm_up
from tasks.crawl import discover_reports
from tasks.download import download_batch, download_or_failure, settled
from tasks.load import mark_document_gone, quarantine_document
from tasks.politeness import site_throttle


def election_row(e: DiscoveredElection) -> dict[str, Any]:
    """Warehouse columns of a discovered election."""
    return {
        "id": e.site_id,
        "url_path": e.url_path,
        "country": e.country,
        "country_slug": e.country_slug,
        "country_code": e.country_code or "XX",
        "title": e.title,
        "election_type": e.election_type or "other",
        "early": e.early,
        "election_date": e.election_date,
        "election_dates": e.election_dates,
        "mission_type": e.mission_type,
    }


def _document_rows(elections: list[DiscoveredElection], filters: Filters) -> list[dict[str, Any]]:
    seen: set[str] = set()
    rows = []
    for e in elections:
        for d in e.documents:
            if d.url_path in seen or not filters.match_report_type(d.report_type):
                continue
            seen.add(d.url_path)
            rows.append(
                {
                    "url_path": d.url_path,
                    "url": d.url,
                    "site_document_id": d.pdf_id,
                    "election_id": e.site_id,
                    "type_label": d.document_type,
                    "report_type": d.report_type,
                    "language": d.language,
                    "translation_of": d.translation_of,
                    "published_on": d.published_on,
                    "_election": e,
                }
            )
    # Originals before translations, so a translation can see whether its original loaded.
    rows.sort(key=lambda r: r["translation_of"] is not None)
    return rows


def run_ingest(settings: Settings, kind: str, filters: Filters, force: bool) -> RunSummary:
    """The body of the ``ingest`` flow (callable directly from tests and other flows)."""
    params = {**filters.as_params(), "force": force, "base_url": settings.base_url}
    with tracked_run(settings, kind, params) as (engine, summary):
        include, stop_when = filters.match_entry, None
        nightly = kind == "nightly" and not force
        if nightly:
            plan = nightly_plan(engine, settings)
            include, stop_when = plan.needs_visit, plan.page_done
        throttle = site_throttle(settings.shared_rate_limit)
        with SiteClient(settings, throttle=throttle) as client:
            # A nightly finds new elections on the listing (newest first): no country pages.
            # The command line may have crawled already, while Prefect booted (early_crawl).
            discovery = discover_reports(
                client, include=include, stop_when=stop_when, visit_country_pages=not nightly,
                early=None if nightly else early_crawl.take(settings.base_url, filters),
            )
            if discovery.complete:
                filters.check_countries(e.country_slug for e in discovery.entries)
            elections = [
                e
                for e in discovery.elections
                if filters.match_election(e.country_slug, e.election_date)
            ]
            check_document_counts(  # a changed site fails loudly, before any write
                elections, known_document_counts(engine), settings.min_document_share
            )
            upsert_elections(engine, [election_row(e) for e in elections])
            rows = _document_rows(elections, filters)
            ids = upsert_documents(engine, rows)
            summary.add("discovered", len(rows))
            reporter().grow("download", len(rows))
            store = RawStore(settings.raw_dir)
            _ingest_documents(
                engine, settings, client, store, rows, ids, summary, force, not nightly
            )
        reconcile_translations(engine, settings, summary)
    return summary


def _download(
    client: SiteClient, store: RawStore, ref: DocumentRef, force: bool
) -> DownloadOutcome:
    outcome = download_or_failure(client, store, ref, force)
    reporter().advance("download")
    return outcome


def nightly_plan(engine: Engine, settings: Settings) -> NightlyPlan:
    """What the warehouse knows, as predicates for an incremental walk of the listing."""
    known = {
        election_id: KnownElection(day, has_final)
        for election_id, (day, has_final) in known_elections(engine).items()
    }
    return NightlyPlan(known=known, today=date.today(), recheck_days=settings.recheck_days)


def _ingest_documents(
    engine: Engine,
    settings: Settings,
    client: SiteClient,
    store: RawStore,
    rows: list[dict[str, Any]],
    ids: dict[str, int],
    summary: RunSummary,
    force: bool,
    recheck_known: bool = True,
) -> None:
    """Download in a thread (:mod:`flows.prefetch`) while the batches before are processed."""
    known = known_versions(engine)
    breaker = CircuitBreaker(settings.max_consecutive_failures)
    refs, todo = [], []
    for row in rows:
        ref = DocumentRef(
            document_id=ids[row["url_path"]],
            url=row["url"],
            url_path=row["url_path"],
            translation_of=row["translation_of"],
            known=known.get(row["url_path"], NO_VERSION),
        )
        if not recheck_known and settled(ref):
            summary.add("unchanged")
            reporter().advance("download")
            continue
        refs.append(ref)
        todo.append(row)
    if refs and validates_here(settings):
        warm_up()  # GX's import in the validation child overlaps the first downloads
    prefetch = Prefetch(
        lambda ref: _download(client, store, ref, force),
        refs,
        breaker,
        min_batch=MIN_BATCH,
        max_batch=BATCH_SIZE,
        # One download-batch task run per BATCH_SIZE documents (tasks/download.py).
        run_chunk=lambda number, chunk, fetch: download_batch(
            number, [ref.url_path for ref in chunk], fetch
        ),
    )
    with prefetch:

        def work() -> Iterator[list[WorkItem]]:
            for batch in prefetch.batches():
                items = []
                for index, outcome in batch:
                    summary.bytes_downloaded += outcome.bytes_transferred
                    item = _after_download(engine, outcome, todo[index], summary, force)
                    if item is not None:
                        items.append(item)
                yield items

        runs = process_all(engine, settings, work(), summary.run_id, summary, prefetch.ready)
        summary.validations.extend(runs)
    breaker.check()  # after every downloaded outcome is recorded and counted


def _after_download(
    engine: Engine, outcome: DownloadOutcome, row: dict[str, Any], summary: RunSummary, force: bool
) -> WorkItem | None:
    ref = outcome.ref
    if outcome.state == "gone":
        mark_document_gone(
            engine,
            document_id=ref.document_id,
            http_status=outcome.http_status or 404,
            reason=outcome.reason or "gone",
        )
        summary.add("gone")
        return None
    if outcome.state == "failed":
        summary.add("failed")
        if ref.known.status not in LOADED_STATUSES:
            quarantine_document(
                engine,
                document_id=ref.document_id,
                version_id=None,
                code=outcome.error_code or "fetch_error",
                reason=outcome.reason or "download failed",
                run_id=summary.run_id,
            )
            summary.add("quarantined")
            summary.quarantined.append((ref.url_path, outcome.reason or "download failed"))
        return None
    if outcome.sha256 is None or outcome.path is None:
        summary.add("unchanged")
        return None
    version_id, is_new = (
        record_version(
            engine,
            ref.document_id,
            sha256=outcome.sha256,
            size=outcome.size or 0,
            etag=outcome.etag,
            last_modified=outcome.last_modified,
            run_id=summary.run_id,
        )
        # a 200 (new bytes, or the same bytes with new validators) or a first sighting
        if outcome.http_status == 200 or ref.known.version_id is None
        else (ref.known.version_id, False)
    )
    summary.add("new" if is_new else "unchanged")
    if not needs_parse(
        # An older version served again (a cut or wrong copy came between): its state is not
        # the document's, so it is parsed again.
        is_new=is_new or version_id != ref.known.version_id,
        force=force,
        parser_version=ref.known.parser_version,
        version_status=ref.known.status,
    ):
        return None
    e: DiscoveredElection = row["_election"]
    return WorkItem(
        document_id=ref.document_id,
        version_id=version_id,
        url_path=ref.url_path,
        path=outcome.path,
        translation_of=ref.translation_of,
        country=e.country,
        election_dates=e.election_dates,
        report_type=row["report_type"],
        language=row["language"],
        election_type=e.election_type,
    )


@flow(name="ingest", log_prints=False, validate_parameters=True)
def ingest(
    kind: str = "backfill",
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    countries: list[str] | None = None,
    report_types: list[str] | None = None,
    force: bool = False,
    base_url: str | None = None,
    database_url: str | None = None,
    data_dir: str | None = None,
    requests_per_second: float | None = None,
) -> dict[str, Any]:
    """Crawl the site and load every matching report; returns the run summary."""
    settings = base_settings().with_overrides(
        base_url=base_url,
        database_url=database_url,
        data_dir=data_dir,
        requests_per_second=requests_per_second,
    )
    filters = Filters.build(date_from, date_to, countries, report_types)
    summary = run_ingest(settings, kind, filters, force)
    publish_summary(summary)
    return {**summary.as_dict(), "text": summary.format_text()}
