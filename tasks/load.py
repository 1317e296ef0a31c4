"""Warehouse tasks: the loader's writes (``db.facts``) as Prefect tasks, one transaction each."""

from __future__ import annotations

from prefect import task

from db.facts import load_report, mark_gone, quarantine_report, skip_report
from tasks.naming import by_report
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
