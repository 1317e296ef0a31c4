"""Validation of parsed reports with Great Expectations, before they are loaded.

Public API (pure: no Prefect, no database; GX is imported lazily on the first validation)::

    run = validate_reports({url_path: parsed_report, ...}, report_dir=data_dir / "reports")
    run[url_path].blocking      # list[Failure], each with its .part → quarantine that part
    run[url_path].warnings      # list[Failure] → load with bi_reports.dq_warnings
    plan_parts(parsed_report, run[url_path])   # each part loaded / quarantined / absent
    run.html_path               # the self-contained HTML report of the run
    country_code("Kazakhstan")  # "KZ"

Severity: *blocking* = our extraction is wrong or incomplete (its part quarantined: one contest,
the observers, the recommendations; the metadata: the whole report); *warning* =
a faithful copy of the source's own inconsistency (report loaded with a dq warning). A printed
total that differs from the sum of rows is a warning only when the rows prove themselves right:
every row's share matches its votes (over the printed total or the sum) and the shares add up to
100; otherwise it is blocking. Full rule: :mod:`odihr.validate.model`.
"""

from __future__ import annotations

from odihr.countries import country_code, normalise_country
from odihr.validate.model import (
    BLOCKING,
    WARNING,
    ExpectationOutcome,
    Failure,
    ReportValidation,
    SuiteOutcome,
    ValidationRun,
    merge_runs,
)
from odihr.validate.parts import PartPlan, contest_parts, plan_parts
from odihr.validate.run import validate_reports

__all__ = [
    "BLOCKING",
    "WARNING",
    "ExpectationOutcome",
    "Failure",
    "PartPlan",
    "ReportValidation",
    "SuiteOutcome",
    "ValidationRun",
    "contest_parts",
    "country_code",
    "merge_runs",
    "normalise_country",
    "plan_parts",
    "validate_reports",
]
