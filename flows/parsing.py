"""A batch of reports parsed and validated as one unit of work (one ``parse-batch`` task run).

A Prefect task run per report cost ~50 ms of Prefect server CPU, more than parsing a 9-page
report, and the serial bookkeeping (server, flow process) capped what more workers could give.
So a batch of reports is parsed, cross-checked against the site's pages and validated (one Great
Expectations call) wherever the task runs — a Dask worker, or the flow's thread pool with the
parse children — and the flow process is left with the loads.

Every report keeps an outcome of its own: a report that cannot be parsed is an outcome (never an
exception), so it is quarantined alone and the batch is not retried for it; the per-report
outcomes are logged one line each and published as a markdown table per batch
(:func:`batch_markdown`).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.finish import Prepared, fill_from_site_pages, prepare
from odihr.isolation import ParseLimits, isolated
from odihr.outcomes import ParseOutcome
from odihr.parse_worker import PARSER_BUG
from odihr.site.urls import pdf_id
from odihr.validate.model import ValidationRun
from odihr.validate.remote import validate_in_child

if TYPE_CHECKING:
    from flows.steps import WorkItem


@dataclass(frozen=True)
class ParsedBatch:
    """What a batch's task hands back to the flow: outcomes in the items' order."""

    number: int
    outcomes: list[ParseOutcome]
    site_notes: list[list[str]]
    validation: ValidationRun | None
    #: Each outcome's :func:`flows.finish.prepare` (plan, notes, digest), computed where the
    #: batch was parsed: the flow process is left with the writes.
    prepared: list[Prepared | None]


def _parse_one(item: WorkItem, limits: ParseLimits) -> ParseOutcome:
    try:
        return isolated("parse", item.url_path, item.path, limits)
    except Exception as error:  # noqa: BLE001 - one report's failure is that report's outcome
        return ParseOutcome(
            item.url_path, error_code=PARSER_BUG, reason=f"{type(error).__name__}: {error}"
        )


def _in_dask_worker() -> bool:
    # A Dask worker has imported distributed; importing it here only to ask would cost the
    # thread runner's first batch ~0.5 CPU s of the flow process.
    if "distributed" not in sys.modules:
        return False
    try:
        from distributed import get_worker
    except ImportError:
        return False
    try:
        get_worker()
    except ValueError:
        return False
    return True


def _threads(limits: ParseLimits) -> int:
    """Reports parsed at once: the parse children's count when jobs go to children from the
    flow's process; 1 inline or on a Dask worker (its thread is the unit of parallelism: more
    cores are more workers)."""
    in_children = limits.isolate and not multiprocessing.current_process().daemon
    return max(1, limits.workers) if in_children and not _in_dask_worker() else 1


_pools: dict[int, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()


def _shared_threads(threads: int) -> ThreadPoolExecutor:
    """The process's parse threads, shared by every batch: jobs run in the order they were
    submitted, so batch k is parsed first and the next batch's parse fills the cores while
    batch k is validated and loaded. (A pool per batch interleaved the two batches' jobs: both
    finished late, together, and the loads ran one after the other with the cores idle.)"""
    with _pools_lock:
        pool = _pools.get(threads)
        if pool is None:
            pool = _pools[threads] = ThreadPoolExecutor(threads, thread_name_prefix="parse")
        return pool


def parse_items(number: int, items: Sequence[WorkItem], limits: ParseLimits) -> ParsedBatch:
    """Parse every item (each under ``limits``), fill cover facts from the site's pages and
    validate the parsed reports in one call."""
    threads = _threads(limits)
    if threads > 1 and len(items) > 1:
        pool = _shared_threads(threads)
        parsed_outcomes = list(pool.map(lambda i: _parse_one(i, limits), items))
    else:
        parsed_outcomes = [_parse_one(i, limits) for i in items]
    outcomes: list[ParseOutcome] = []
    notes: list[list[str]] = []
    for item, raw in zip(items, parsed_outcomes, strict=True):
        outcome, site_notes = fill_from_site_pages(item, raw)
        outcomes.append(outcome)
        notes.append(site_notes)
    reports = {o.url_path: o.parsed for o in outcomes if o.parsed is not None}
    validation = validate_in_child(reports) if reports else None
    prepared = [
        prepare(item, outcome, validation, site_notes)
        for item, outcome, site_notes in zip(items, outcomes, notes, strict=True)
    ]
    return ParsedBatch(number, outcomes, notes, validation, prepared)


def verdicts(batch: ParsedBatch) -> list[tuple[str, str, str]]:
    """``(pdf id, verdict, detail)`` per report: what its load will do unless its facts are
    unchanged (``loaded``, ``partial``, ``quarantined``) and why."""
    rows = []
    for outcome, ready in zip(batch.outcomes, batch.prepared, strict=True):
        name = pdf_id(outcome.url_path)
        if outcome.parsed is None or ready is None:
            rows.append((name, "quarantined", f"{outcome.error_code}: {outcome.reason}"))
            continue
        plan = ready.plan
        pages = outcome.parsed.metadata.pages
        detail = plan.reason or f"{pages} page(s) in {outcome.seconds:.2f} s"
        rows.append((name, plan.status, detail))
    return rows


def batch_markdown(batch: ParsedBatch) -> str:
    """The batch's per-report outcomes as a markdown table (the task run's artifact)."""
    lines = [
        f"## parse batch {batch.number} ({len(batch.outcomes)} reports)",
        "",
        "| report | verdict | detail |",
        "|---|---|---|",
    ]
    for name, verdict, detail in verdicts(batch):
        lines.append(f"| {name} | {verdict} | {detail.replace('|', '/')[:300]} |")
    return "\n".join(lines) + "\n"
