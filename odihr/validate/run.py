"""``validate_reports``: a run's parsed reports in, a verdict per report and an HTML report out."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from odihr.records import ParsedReport
from odihr.validate.model import BLOCKING, ReportValidation, ValidationRun


def validate_reports(
    reports: Mapping[str, ParsedReport],
    *,
    report_dir: Path | None = None,
    today: date | None = None,
) -> ValidationRun:
    """Validate every report of a run with the suites of ``expectations/``.

    All reports are validated together: each table of all reports is one DataFrame with a
    ``report_key`` column and is validated by one GX call per suite; failing rows are mapped back
    to their report. See :mod:`odihr.validate.model` for the severity rule.

    Args:
        reports: parsed reports by report key (the warehouse uses the PDF's ``url_path``).
        report_dir: where to write the HTML report (``validation-<UTC time>.html`` and a copy as
            ``latest.html``); None writes nothing.
        today: the day the date checks treat as today (default: today in UTC).

    Returns:
        The run: ``run[key].blocking`` / ``.warnings`` per report, suite outcomes, HTML path.
    """
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    verdicts: dict[str, ReportValidation] = {}
    suites: tuple = ()
    if reports:
        # Imported here so that importing odihr.validate never pulls in GX.
        from odihr.validate.engine import run_suites
        from odihr.validate.frames import build_frames  # pandas, also only when validating
        from odihr.validate.outcomes import collect
        from odihr.validate.suites import expectation_parameters

        frames = build_frames(reports)
        parameters = expectation_parameters(today or started_at.date())
        failures, suites = collect(run_suites(frames, parameters), reports.keys())
        for key in reports:
            found = failures.get(key, [])
            verdicts[key] = ReportValidation(
                key=key,
                blocking=[f for f in found if f.severity == BLOCKING],
                warnings=[f for f in found if f.severity != BLOCKING],
            )
    run = ValidationRun(
        reports=verdicts,
        suites=suites,
        html_path=None,
        started_at=started_at,
        seconds=time.perf_counter() - started,
    )
    if report_dir is not None:
        from dataclasses import replace

        from odihr.validate.report_html import write_html

        run = replace(run, html_path=write_html(run, Path(report_dir)))
    return run
