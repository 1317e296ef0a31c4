"""Task run names a person can read in the Prefect UI: ``parse 250536``, ``load report 12``.

Prefect calls these with no arguments while the task run is created; the run's parameters come
from ``prefect.runtime``. A name never fails a run: without the parameter it falls back to the
task's verb alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prefect.runtime import task_run


def _parameters() -> dict[str, Any]:
    try:
        return dict(task_run.parameters or {})
    except Exception:  # noqa: BLE001 - outside a task run there is nothing to name it by
        return {}


def by_report(verb: str) -> Callable[[], str]:
    """``<verb> report <report_id>`` (``bi_reports.report_id``) from ``document_id``."""

    def name() -> str:
        document_id = _parameters().get("document_id")
        return f"{verb} report {document_id}" if document_id is not None else verb

    return name
