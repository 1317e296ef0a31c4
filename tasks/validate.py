"""Validation task: one Great Expectations run over a whole batch of parsed reports."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from odihr.records import ParsedReport
from odihr.validate import ValidationRun, validate_reports


@task(name="validate-reports", cache_policy=NONE, persist_result=False)
def validate_batch(reports: Mapping[str, ParsedReport], report_dir: Path) -> ValidationRun:
    """Validate every table of every report in a few GX calls; HTML report in ``report_dir``."""
    return validate_reports(reports, report_dir=report_dir)
