"""Validation tasks: one Great Expectations run per batch, one HTML report per run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from prefect import task

from odihr.records import ParsedReport
from odihr.validate import ValidationRun, merge_runs
from odihr.validate.remote import validate_in_child
from odihr.validate.report_html import write_html
from tasks.policy import TASK_OPTIONS


@task(name="validate-reports", **TASK_OPTIONS)
def validate_batch(reports: Mapping[str, ParsedReport]) -> ValidationRun:
    """Validate every table of every report of a batch in a few GX calls, in the validation
    child process (:mod:`odihr.validate.remote`: GX stays out of the run's process)."""
    return validate_in_child(reports)


@task(name="write-validation-report", **TASK_OPTIONS)
def write_validation_report(runs: Sequence[ValidationRun], report_dir: Path) -> Path | None:
    """The run's self-contained HTML report (all batches), or None when nothing was validated."""
    merged = merge_runs(runs)
    return write_html(merged, report_dir) if merged is not None else None
