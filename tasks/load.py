"""Warehouse tasks: the loader's writes (``db.facts``) as Prefect tasks, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from prefect import task

from db.facts import load_report, mark_gone, quarantine_report
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
#: Record a dead link (a loaded document keeps its facts).
mark_document_gone = task(mark_gone, name="mark-gone", **TASK_OPTIONS)


def _named(verb: str, noun: str) -> Callable[[], str]:
    """``<verb> 3 <noun>s (12345 … 67890)`` from the task's ``url_paths`` parameter."""

    def name() -> str:
        paths = _parameters().get("url_paths") or []
        if not paths:
            return f"{verb} batch"
        ids = pdf_id(paths[0]) if len(paths) == 1 else f"{pdf_id(paths[0])} … {pdf_id(paths[-1])}"
        return f"{verb} {len(paths)} {noun}{'' if len(paths) == 1 else 's'} ({ids})"

    return name


@task(name="load-batch", task_run_name=_named("load", "report"), **TASK_OPTIONS)
def load_batch(finish: Callable[[], None], url_paths: Sequence[str]) -> None:
    """One task run for a batch's writes: ``finish`` loads, or quarantines, every report of
    ``url_paths`` in turn, each in its own transaction (:func:`db.facts.load_report`).

    A task run per report cost ~40 ms of Prefect server CPU each, more than parsing a
    9-page report; the batch is what a person retries (loads are idempotent) and its reports are
    named in the run's summary and in ``bi_reports``.
    """
    finish()


@task(name="skip-batch", task_run_name=_named("skip", "translation"), **TASK_OPTIONS)
def skip_batch(skip: Callable[[], None], url_paths: Sequence[str]) -> None:
    """One task run for a batch's translations whose originals are loaded: ``skip`` marks each
    of ``url_paths`` skipped (:func:`db.facts.skip_report`, one transaction each). Was a task
    run per translation; the reason is in ``bi_reports.status_reason``."""
    skip()
