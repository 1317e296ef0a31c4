"""What validation returns: failures, per-report verdicts and the run.

Severity rule
-------------
*Blocking* means our extraction is wrong or incomplete: the part of the report the failing row
belongs to is quarantined (:mod:`odihr.validate.parts`): one contest with its turnout, the
observers or the recommendations (the report loads as ``partial``), or — for the metadata — the
whole report (``status = quarantined``, ``status_reason`` from
:attr:`ReportValidation.quarantine_reason`).
*Warning* means the rows are a faithful copy of a source that is inconsistent with itself (real
ODIHR annexes sometimes print a total that is not the sum of their rows): the report is loaded and
the warning goes to ``bi_reports.dq_warnings`` (:attr:`ReportValidation.dq_warnings`).

Most checks are blocking: a value out of range, a missing value the contract needs, a gap in a
numbering, a share that does not match its votes, shares over 100, seats that do not add up.
A few compare a printed total with the rows (``votes_sum_mismatch``, ``share_total_mismatch``)
or a printed figure with the counts (``turnout_pct_mismatch``, ``ballots_sum_mismatch``); for
those the rows and counts themselves decide:

- the printed total ≠ the sum of the rows, BUT (1) every row has both its votes and its share
  (seat-only rows have neither), (2) every share matches its votes over the printed total or over
  the sum of rows within the rounding of its printed precision, (3) the shares add up to 100
  within rounding, and (4) they add up to 100 rather than to 100 × sum / printed total → the rows
  were read correctly and the source is inconsistent → **warning**;
- otherwise → **blocking**: a share contradicting its votes (a shifted column, a row read from
  another line), a row with votes but no share (a cell lost), shares short of 100 or accounting
  for the missing votes (a dropped row), shares over 100 (a totals row read as a contestant).
- ``turnout_pct_mismatch`` is a warning only when valid + invalid = took part and registered ≥
  took part ≥ valid (the counts confirm one another); ``ballots_sum_mismatch`` only when the
  turnout % and the rows' votes confirm the other counts. Otherwise a count was probably misread.
- ``turnout_line_unplaced`` is always a warning: a turnout block printed a line that no turnout
  field takes (a share of invalid ballots, postal votes); it is kept on the round
  (``ResultRound.extra_figures``) and named in the warning, never dropped silently.

A mis-parsed table is therefore never loaded silently: at worst it is loaded with a warning that
names the figures, and every failure of a run is listed in its HTML report. What cannot be told
apart is blocked: a source that prints only part of its contestants looks like a dropped row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

BLOCKING = "blocking"
WARNING = "warning"
#: Part of a failure of a whole table (no row to tell the part by); see odihr.validate.parts.
TABLE_PARTS = {
    "reports": "metadata",
    "results": "results",
    "turnout": "results",
    "observers": "observers",
    "recommendations": "recommendations",
}


@dataclass(frozen=True)
class Failure:
    """One failed check on one report.

    Attributes:
        check: the check's name (``votes_sum_mismatch``, ``share_vote_mismatch``, …).
        table: the table checked: ``reports``, ``results``, ``turnout``, ``observers``,
            ``recommendations``.
        severity: ``blocking`` or ``warning``.
        message: what is wrong, where, and what it probably means, for a person to act on.
        observed: the figures involved (for ``votes_sum_mismatch``: ``contest``, ``round``,
            ``printed_total``, ``sum_of_rows``, ``share_sum``).
        expectation: the GX expectation type that found it.
        part: the part of the report the failing row belongs to (``metadata``,
            ``results:<contest>``, ``observers``, ``recommendations``; see
            :mod:`odihr.validate.parts`); empty for a failure of a whole table.
    """

    check: str
    table: str
    severity: str
    message: str
    observed: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    expectation: str = ""
    part: str = ""


@dataclass(frozen=True)
class ReportValidation:
    """Validation verdict of one report."""

    key: str
    blocking: list[Failure] = field(default_factory=list, hash=False)
    warnings: list[Failure] = field(default_factory=list, hash=False)

    @property
    def passed(self) -> bool:
        """True when the report may be loaded (it may still carry warnings)."""
        return not self.blocking

    @property
    def blocked_parts(self) -> list[str]:
        """The parts with blocking failures, in order of first failure."""
        parts = (f.part or TABLE_PARTS.get(f.table, "metadata") for f in self.blocking)
        return list(dict.fromkeys(parts))

    @property
    def verdict(self) -> str:
        """``quarantined`` (the metadata failed), ``partial`` (another part failed),
        ``warnings`` or ``clean``."""
        blocked = self.blocked_parts
        if "metadata" in blocked:
            return "quarantined"
        if blocked:
            return "partial"
        return "warnings" if self.warnings else "clean"

    @property
    def quarantine_reason(self) -> str | None:
        """``status_reason`` for a quarantined report: the blocking failures, first ones in full."""
        return summarise(self.blocking)

    @property
    def dq_warnings(self) -> str | None:
        """``bi_reports.dq_warnings`` for a loaded report, or None without warnings."""
        return summarise(self.warnings)


def summarise(failures: list[Failure], limit: int = 3) -> str | None:
    """The failures' messages, the first ``limit`` in full and the rest counted by check."""
    if not failures:
        return None
    lines = [f.message for f in failures[:limit]]
    rest = Counter(f.check for f in failures[limit:])
    if rest:
        lines.append("and " + ", ".join(f"{n} more {check}" for check, n in sorted(rest.items())))
    return "; ".join(lines)


@dataclass(frozen=True)
class ExpectationOutcome:
    """How one expectation of a suite fared over the whole run (for the HTML report)."""

    check: str
    expectation: str
    kwargs: dict[str, Any]
    severity: str
    description: str
    success: bool
    evaluated: int | None
    unexpected: int
    error: str | None = None
    warning_if: str | None = None


@dataclass(frozen=True)
class SuiteOutcome:
    """One suite's run over one table of all reports."""

    name: str
    table: str
    description: str
    rows: int
    expectations: tuple[ExpectationOutcome, ...]
    seconds: float


@dataclass(frozen=True)
class ValidationRun:
    """Result of :func:`odihr.validate.validate_reports`.

    Attributes:
        reports: verdict per report key, in the order the reports were given.
        suites: each suite's outcome (what was checked, how many rows failed).
        html_path: the HTML report written (None without ``report_dir``).
        started_at: UTC time the run started.
        seconds: wall time of the run, GX start-up included.
    """

    reports: Mapping[str, ReportValidation]
    suites: tuple[SuiteOutcome, ...]
    html_path: Path | None
    started_at: datetime
    seconds: float

    def __getitem__(self, key: str) -> ReportValidation:
        return self.reports[key]

    @property
    def quarantined(self) -> list[str]:
        """Keys of the reports with blocking failures."""
        return [k for k, r in self.reports.items() if r.blocking]

    @property
    def warned(self) -> list[str]:
        """Keys of loadable reports that carry warnings."""
        return [k for k, r in self.reports.items() if not r.blocking and r.warnings]


def merge_runs(runs: Sequence[ValidationRun]) -> ValidationRun | None:
    """One run out of a run's batches: every report's verdict, every suite's totals.

    Suites of the same name hold the same expectations in the same order (they come from one
    JSON file), so their outcomes add up position by position.
    """
    if not runs:
        return None
    reports: dict[str, ReportValidation] = {}
    suites: dict[str, SuiteOutcome] = {}
    for run in runs:
        reports.update(run.reports)
        for suite in run.suites:
            seen = suites.get(suite.name)
            suites[suite.name] = suite if seen is None else _add_suites(seen, suite)
    return ValidationRun(
        reports=reports,
        suites=tuple(suites.values()),
        html_path=None,
        started_at=runs[0].started_at,
        seconds=sum(run.seconds for run in runs),
    )


def _add_suites(a: SuiteOutcome, b: SuiteOutcome) -> SuiteOutcome:
    expectations = tuple(
        replace(
            x,
            success=x.success and y.success,
            evaluated=None
            if x.evaluated is None or y.evaluated is None
            else x.evaluated + y.evaluated,
            unexpected=x.unexpected + y.unexpected,
            error=x.error or y.error,
        )
        for x, y in zip(a.expectations, b.expectations, strict=True)
    )
    return replace(
        a, rows=a.rows + b.rows, expectations=expectations, seconds=a.seconds + b.seconds
    )
