"""The per-batch steps of an ingest or reparse: parse → validate → load, report by report.

Kept apart from the flow definitions so that ``ingest`` and ``reparse`` share them. Every report
ends loaded, partial, quarantined or skipped; one report's failure never touches another's rows,
and within a report one part's failure never touches another part's (``odihr.validate.parts``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from typing import Any

from sqlalchemy import Engine

from db.facts import skip_report
from db.status import document_status
from flows.finish import finish
from flows.parsing import ParsedBatch
from odihr.isolation import ParseLimits
from odihr.outcomes import LOADED_STATUSES
from odihr.parse.report import PARSER_VERSION
from odihr.progress import report_ocr, reporter
from odihr.settings import Settings
from odihr.summary import RunSummary
from odihr.validate import ValidationRun
from tasks.load import load_batch, skip_batch
from tasks.parse import count_pages, parse_batch

#: Most reports per parse → validate → load batch (one load task run): bounds memory and makes
#: an interrupted run resumable. On the thread runner a batch is also one Great Expectations
#: validation, whose cost is nearly all fixed per call (~1.1 CPU s for the five suites, then
#: ~0.3 ms per report; ``bench/validate_bench.py``): at 100 reports GX took a quarter of a
#: backfill's CPU, at 250 a tenth; the flow holds two batches' parsed reports (~28 KiB each).
BATCH_SIZE = 250
#: Fewest downloaded reports an ingest batch waits for (at 1 request/s, batches stay small and the
#: work of each hides behind the politeness delay of the next downloads; see flows.prefetch).
MIN_BATCH = 10
#: Reports per ``parse-batch`` task run on Dask (see :func:`parse_batch_size`).
PARSE_BATCH_SIZE = 25


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


def parse_batch_size(settings: Settings) -> int:
    """Reports per ``parse-batch`` task run: a quarter of a batch on Dask (the workers share a
    batch's parse batches, and the next batch's, while the flow loads), the whole batch on the
    thread runner (the parse children already share it; one validation call per batch)."""
    return PARSE_BATCH_SIZE if settings.task_runner == "dask" else BATCH_SIZE


def validates_here(settings: Settings) -> bool:
    """True when the flow's own process tree validates (its GX child): not on Dask, whose
    workers validate the batches they parse."""
    return settings.task_runner != "dask"


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
    """:func:`process` every batch, the parse of batch k+1 started before batch k is loaded:
    the workers parse and validate while this process writes.

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
    """Load a submitted batch once parsed and validated, then its translations.

    Originals go first, so that a translation in the same batch can see whether its original
    loaded: then it is skipped; otherwise (the original is quarantined or unknown) it is parsed
    like any report.
    """
    runs = _load(engine, submitted.originals, submitted.futures, run_id, summary)
    to_parse, to_skip = [], []
    for item in submitted.items:
        if item.translation_of is None:
            continue
        if document_status(engine, item.translation_of) not in LOADED_STATUSES:
            to_parse.append(item)
        else:
            to_skip.append(item)
    if to_skip:
        skip_batch(
            lambda: _skip_all(engine, settings, to_skip, run_id, summary),
            [i.url_path for i in to_skip],
        )
    runs += _load(engine, to_parse, _submit_parse(settings, to_parse), run_id, summary)
    return runs


def _skip_all(
    engine: Engine,
    settings: Settings,
    items: Sequence[WorkItem],
    run_id: int,
    summary: RunSummary,
) -> None:
    """Mark translations whose original is loaded skipped, with their page counts."""
    limits = _limits(settings)
    for item in items:
        pages = count_pages(item.url_path, item.path, settings.max_pdf_pages, limits).pages
        skip_report(
            engine,
            document_id=item.document_id,
            version_id=item.version_id,
            reason=f"translation of {item.translation_of}, which is loaded",
            pages=pages,
            run_id=run_id,
        )
        summary.add("skipped")


#: Numbers of the parse batches, for their task run names (``parse batch 3 (25 reports)``).
_numbers = count(1)


def _submit_parse(settings: Settings, items: Sequence[WorkItem]) -> list[Any]:
    """One ``parse-batch`` task run per :func:`parse_batch_size` items."""
    if not items:
        return []
    for stage in ("parse", "load"):
        reporter().grow(stage, len(items))
    size = parse_batch_size(settings)
    limits = _limits(settings)
    return [
        parse_batch.submit(next(_numbers), list(items[at : at + size]), limits)
        for at in range(0, len(items), size)
    ]


def _load(
    engine: Engine,
    items: Sequence[WorkItem],
    futures: Sequence[Any],
    run_id: int,
    summary: RunSummary,
) -> list[ValidationRun]:
    if not items:
        return []
    batches: list[ParsedBatch] = [future.result() for future in futures]
    outcomes = [o for b in batches for o in b.outcomes]
    site_notes = [n for b in batches for n in b.site_notes]
    validations = {o.url_path: b.validation for b in batches for o in b.outcomes}
    # Computed by the parse task (flows.finish.prepare), where the report was parsed.
    prepared = [p for b in batches for p in b.prepared]
    for outcome in outcomes:
        report_ocr(outcome.ocr_pages)
        reporter().advance("parse")

    def finish_all() -> None:
        for item, outcome, notes, ready in zip(items, outcomes, site_notes, prepared, strict=True):
            validation = validations[item.url_path]
            finish(engine, item, outcome, validation, run_id, summary, notes, ready)
            reporter().advance("load")

    # One task run for the batch's writes (each report still in its own transaction).
    load_batch(finish_all, [i.url_path for i in items])
    return [b.validation for b in batches if b.validation is not None]
