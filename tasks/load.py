"""Warehouse tasks: the loader's writes (``db.facts``) as Prefect tasks, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from prefect import task

from db.facts import load_report, mark_gone, quarantine_report, skip_report
from odihr.site.urls import pdf_id
from tasks.naming import _parameters, by_report
from tasks.policy import TASK_OPTIONS

#: Load one report version in one transaction; returns the fact rows written.
load_document = task(
    load_report, name="load-report", task_run_name=by_report("load"), **TASK_OPTIONS
)
#: Hold a report back with a reason a person can act on.
quarantine_document = task(
    quarantine_report,
    name="quarantine-report",
    task_run_name=by_report("quarantine"),
    **TASK_OPTIONS,
)
#: Mark a translation as deliberately not parsed.
skip_document = task(
    skip_report, name="skip-report", task_run_name=by_report("skip"), **TASK_OPTIONS
)
#: Record a dead link (a loaded document keeps its facts).
mark_document_gone = task(mark_gone, name="mark-gone", **TASK_OPTIONS)


def _batch_name() -> str:
    paths = _parameters().get("url_paths") or []
    if not paths:
        return "load batch"
    ids = pdf_id(paths[0]) if len(paths) == 1 else f"{pdf_id(paths[0])} … {pdf_id(paths[-1])}"
    return f"load {len(paths)} report{'' if len(paths) == 1 else 's'} ({ids})"


@task(name="load-batch", task_run_name=_batch_name, **TASK_OPTIONS)
def load_batch(finish: Callable[[], None], url_paths: Sequence[str]) -> None:
    """One task run for a batch's writes: ``finish`` loads, or quarantines, every report of
    ``url_paths`` in turn, each in its own transaction (:func:`db.facts.load_report`).

    A task run per report cost ~40 ms of Prefect server CPU each, more than parsing a
    9-page report; the batch is what a person retries (loads are idempotent) and its reports are
    named in the run's summary and in ``bi_reports``.
    """
    finish()
