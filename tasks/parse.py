"""Parsing tasks: stored PDF bytes in, a parsed report or a named error out (never raises).

The work runs in a child process under memory, CPU and wall-clock limits (``odihr.isolation``):
a hostile PDF is quarantined with code ``resource_limit`` instead of taking the run down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from flows.parsing import ParsedBatch, batch_markdown, parse_items, verdicts
from odihr.isolation import ParseLimits, isolated
from odihr.outcomes import ParseOutcome
from odihr.parse_job import parse_file
from tasks.naming import _parameters
from tasks.policy import TASK_OPTIONS

if TYPE_CHECKING:
    from flows.steps import WorkItem

__all__ = ["count_pages", "parse_batch", "parse_file"]


def _limits(max_pages: int, limits: ParseLimits | None) -> ParseLimits:
    if limits is None:
        return ParseLimits(max_pages=max_pages)
    return limits


def count_pages(
    url_path: str, path: str, max_pages: int, limits: ParseLimits | None = None
) -> ParseOutcome:
    """Open a PDF only to count its pages (translations are not parsed), in a child process."""
    return isolated("count", url_path, path, _limits(max_pages, limits))


def _batch_name() -> str:
    params = _parameters()
    number, items = params.get("number"), params.get("items") or ()
    return f"parse batch {number} ({len(items)} report{'' if len(items) == 1 else 's'})"


@task(name="parse-batch", task_run_name=_batch_name, **TASK_OPTIONS)
def parse_batch(number: int, items: Sequence[WorkItem], limits: ParseLimits) -> ParsedBatch:
    """Parse, cross-check and validate a batch of reports (:func:`flows.parsing.parse_items`);
    one log line and one artifact row per report name its outcome.

    Never fails for one report: a report that cannot be parsed is its own outcome, quarantined
    alone by the load. Retrying the task run re-parses the batch (deterministic, idempotent).
    """
    batch = parse_items(number, items, limits)
    logger = get_run_logger()
    for name, verdict, detail in verdicts(batch):
        logger.info("parse %s: %s (%s)", name, verdict, detail)
    create_markdown_artifact(
        markdown=batch_markdown(batch),
        description=f"parse batch {number}: each report's outcome",
    )
    return batch
