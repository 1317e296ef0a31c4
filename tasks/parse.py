"""Parsing tasks: stored PDF bytes in, a parsed report or a named error out (never raises).

The work runs in a child process under memory, CPU and wall-clock limits (``odihr.isolation``):
a hostile PDF is quarantined with code ``resource_limit`` instead of taking the run down.
"""

from __future__ import annotations

from prefect import task

from odihr.isolation import ParseLimits, isolated
from odihr.outcomes import ParseOutcome
from odihr.parse_job import parse_file
from tasks.naming import by_document
from tasks.policy import TASK_OPTIONS

__all__ = ["count_pages", "parse_document", "parse_file"]


def _limits(max_pages: int, limits: ParseLimits | None) -> ParseLimits:
    if limits is None:
        return ParseLimits(max_pages=max_pages)
    return limits


def count_pages(
    url_path: str, path: str, max_pages: int, limits: ParseLimits | None = None
) -> ParseOutcome:
    """Open a PDF only to count its pages (translations are not parsed), in a child process."""
    return isolated("count", url_path, path, _limits(max_pages, limits))


@task(name="parse-report", task_run_name=by_document("parse"), **TASK_OPTIONS)
def parse_document(
    url_path: str, path: str, max_pages: int, limits: ParseLimits | None = None
) -> ParseOutcome:
    """Parse one stored PDF in a child process under ``limits`` (default: the page cap and the
    default memory and time limits)."""
    return isolated("parse", url_path, path, _limits(max_pages, limits))
