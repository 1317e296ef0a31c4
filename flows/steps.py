"""The per-batch steps of an ingest or reparse: parse → validate → load, report by report.

Kept apart from the flow definitions so that ``ingest`` and ``reparse`` share them. Every report
ends loaded, partial, quarantined or skipped; one report's failure never touches another's rows,
and within a report one part's failure never touches another part's (``odihr.validate.parts``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from prefect import unmapped
from sqlalchemy import Engine

from db.status import document_status
from flows.finish import fill_from_site_pages, finish
from odihr.isolation import ParseLimits
from odihr.outcomes import LOADED_STATUSES, ParseOutcome
from odihr.parse.report import PARSER_VERSION
from odihr.progress import report_ocr, reporter
from odihr.settings import Settings
from odihr.summary import RunSummary
from odihr.validate import ValidationRun
from tasks.load import load_batch, skip_document
from tasks.parse import count_pages, parse_document
from tasks.validate import validate_batch

#: Most reports per parse → validate → load batch (one Great Expectations call, one load task
#: run): bounds memory and makes an interrupted run resumable.
BATCH_SIZE = 100
#: Fewest downloaded reports an ingest batch waits for (at 1 request/s, batches stay small and the
#: work of each hides behind the politeness delay of the next downloads; see flows.prefetch).
MIN_BATCH = 10


@dataclass(frozen=True)
class WorkItem:
    """A stored document version that needs parsing (or, for a translation, a page count)."""

    document_id: int
    version_id: int
    url_path: str
    path: str
    translation_of: str | None
    #: What the site says, for the cross-check.
    country: str | None
    election_dates: tuple
    report_type: str | None
    language: str | None
    #: Digest of the facts already loaded from this version (a reparse skips identical output).
    facts_digest: str | None = None
    #: The election type the site's election page gives (fills a cover the parser cannot read).
    election_type: str | None = None

    @classmethod
    def from_stored(
        cls, v: Mapping[str, Any], path: str, *, facts_digest: str | None = None
    ) -> WorkItem:
        """A work item for a stored version (a row of :func:`db.stored.stored_versions`)."""
        return cls(
            document_id=v["document_id"],
            version_id=v["version_id"],
            url_path=v["url_path"],
            path=path,
            translation_of=v["translation_of"],
            country=v["country"],
            election_dates=v["election_dates"],
            report_type=v["report_type"],
            language=v["language"],
            facts_digest=facts_digest,
            # "other" is what the warehouse stores when the site printed no type.
            election_type=None if v.get("election_type") == "other" else v.get("election_type"),
        )


def _limits(settings: Settings) -> ParseLimits:
    return ParseLimits.from_settings(settings)


def needs_parse(
    *, is_new: bool, force: bool, parser_version: str | None, version_status: str | None
) -> bool:
    """A version is parsed again only when new, forced, or read by another parser version."""
    return (
        is_new
        or force
        or parser_version != PARSER_VERSION
        or version_status not in (*LOADED_STATUSES, "quarantined", "skipped")
    )


@dataclass(frozen=True)
class Submitted:
    """A batch whose originals are being parsed (by the task runner: threads or Dask workers)."""

    items: Sequence[WorkItem]
    originals: list[WorkItem]
    futures: list[Any]


def submit(settings: Settings, items: Sequence[WorkItem]) -> Submitted:
    """Start parsing the batch's originals; :func:`complete` validates and loads them."""
    originals = [i for i in items if i.translation_of is None]
    return Submitted(items, originals, _submit_parse(settings, originals))


def process(
    engine: Engine,
    settings: Settings,
    items: Sequence[WorkItem],
    run_id: int,
    summary: RunSummary,
) -> list[ValidationRun]:
    """Parse, validate and load one batch of work items; return the batch's validation runs."""
    return complete(engine, settings, submit(settings, items), run_id, summary)


def process_all(
    engine: Engine,
    settings: Settings,
    batches: Iterable[Sequence[WorkItem]],
    run_id: int,
    summary: RunSummary,
    ready: Callable[[], bool] | None = None,
) -> list[ValidationRun]:
    """:func:`process` every batch, the parse of batch k+1 started before batch k is validated
    and loaded: the workers parse while this process validates and writes.

    ``ready`` says whether the next batch is there without waiting (downloads at 1 request/s):
    when it is not, the batch is finished now rather than after the next downloads.
    """
    runs: list[ValidationRun] = []
    pending: Submitted | None = None
    for items in batches:
        submitted = submit(settings, items)
        if pending is not None:
            runs += complete(engine, settings, pending, run_id, summary)
        pending = submitted
        if ready is not None and not ready():
            runs += complete(engine, settings, pending, run_id, summary)
            pending = None
    if pending is not None:
        runs += complete(engine, settings, pending, run_id, summary)
    return runs


def complete(
    engine: Engine,
    settings: Settings,
    submitted: Submitted,
    run_id: int,
    summary: RunSummary,
) -> list[ValidationRun]:
    """Validate and load a submitted batch, then its translations.

    Originals go first, so that a translation in the same batch can see whether its original
    loaded: then it is skipped; otherwise (the original is quarantined or unknown) it is parsed
    like any report.
    """
    runs = [
        _validate_load(engine, settings, submitted.originals, submitted.futures, run_id, summary)
    ]
    to_parse = []
    for item in submitted.items:
        if item.translation_of is None:
            continue
        if document_status(engine, item.translation_of) not in LOADED_STATUSES:
            to_parse.append(item)
            continue
        limits = _limits(settings)
        pages = count_pages(item.url_path, item.path, settings.max_pdf_pages, limits).pages
        skip_document(
            engine,
            document_id=item.document_id,
            version_id=item.version_id,
            reason=f"translation of {item.translation_of}, which is loaded",
            pages=pages,
            run_id=run_id,
        )
        summary.add("skipped")
    futures = _submit_parse(settings, to_parse)
    runs.append(_validate_load(engine, settings, to_parse, futures, run_id, summary))
    return [run for run in runs if run is not None]


def _submit_parse(settings: Settings, items: Sequence[WorkItem]) -> list[Any]:
    if not items:
        return []
    for stage in ("parse", "load"):
        reporter().grow(stage, len(items))
    return list(
        parse_document.map(
            [i.url_path for i in items],
            [i.path for i in items],
            [settings.max_pdf_pages] * len(items),
            unmapped(_limits(settings)),
        )
    )


def _validate_load(
    engine: Engine,
    settings: Settings,
    items: Sequence[WorkItem],
    futures: Sequence[Any],
    run_id: int,
    summary: RunSummary,
) -> ValidationRun | None:
    if not items:
        return None
    outcomes: list[ParseOutcome] = []
    site_notes: dict[str, list[str]] = {}
    for item, future in zip(items, futures, strict=True):
        outcome, site_notes[item.url_path] = fill_from_site_pages(item, future.result())
        outcomes.append(outcome)
        report_ocr(outcome.ocr_pages)
        reporter().advance("parse")
    parsed = {o.url_path: o.parsed for o in outcomes if o.parsed is not None}
    validation = validate_batch(parsed) if parsed else None

    def finish_all() -> None:
        for item, outcome in zip(items, outcomes, strict=True):
            finish(engine, item, outcome, validation, run_id, summary, site_notes[item.url_path])
            reporter().advance("load")

    # One task run for the batch's writes (each report still in its own transaction).
    load_batch(finish_all, [i.url_path for i in items])
    return validation
