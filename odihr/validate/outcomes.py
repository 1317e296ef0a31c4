"""Turning GX results into per-report failures with messages a person can act on.

GX reports each failing row by its DataFrame index (result format COMPLETE); the row's
``report_key`` says whose failure it is and the suite's ``where`` template and the expectation's
``detail`` template (both in the suite JSON) say where and what, with the row's figures.
"""

from __future__ import annotations

import math
import string
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import pandas as pd

from odihr.validate.engine import SuiteResult
from odihr.validate.model import BLOCKING, WARNING, ExpectationOutcome, Failure, SuiteOutcome
from odihr.validate.suites import SOURCE_OR_EXTRACTION, ExpectationSpec

#: Failing rows reported one by one per report and expectation; the rest are counted.
MAX_ROWS_PER_CHECK = 10


class _Formatter(string.Formatter):
    """``str.format`` that prints missing values as "not printed" instead of failing."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None:
            return "not printed"
        try:
            return super().format_field(value, format_spec)
        except (TypeError, ValueError):
            return str(value)

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        return kwargs.get(key) if isinstance(key, str) else super().get_value(key, args, kwargs)


_FORMAT = _Formatter()


def plain(value: Any) -> Any:
    """A JSON-friendly Python value of a DataFrame cell (missing → None, Timestamp → date)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date | str | bool):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    if isinstance(value, float):
        return round(value, 6)
    return value


def _row_values(frame: pd.DataFrame, index: Any, columns: Iterable[str]) -> dict[str, Any]:
    return {c: plain(frame.at[index, c]) for c in columns if c in frame.columns}


def _severity(spec: ExpectationSpec, frame: pd.DataFrame, index: Any) -> str:
    if spec.severity == SOURCE_OR_EXTRACTION:
        return WARNING if plain(frame.at[index, spec.warning_if]) is True else BLOCKING
    return spec.severity


def _row_failure(result: SuiteResult, spec: ExpectationSpec, index: Any) -> tuple[str, Failure]:
    frame, suite = result.frame, result.spec
    context = _row_values(frame, index, suite.context_columns)
    observed = {k: plain(frame.at[index, col]) for k, col in spec.observed.items()}
    column = spec.kwargs.get("column")
    values = {**_row_values(frame, index, frame.columns), **observed, "column": column}
    if column in frame.columns:
        values["value"] = plain(frame.at[index, column])
    severity = _severity(spec, frame, index)
    message = (
        f"{spec.check} in {_FORMAT.format(suite.where, **values)}: "
        f"{_FORMAT.format(spec.detail, **values)}"
    )
    reason = spec.if_warning if severity == WARNING else spec.if_blocking
    if spec.severity == SOURCE_OR_EXTRACTION and reason:
        message += f" — {reason}"
    key = str(frame.at[index, "report_key"])
    part = plain(frame.at[index, "part"]) if "part" in frame.columns else None
    return key, Failure(
        check=spec.check,
        table=suite.table,
        severity=severity,
        message=message,
        observed={**context, **observed},
        expectation=spec.type,
        part=part or "",
    )


def _table_failure(result: SuiteResult, spec: ExpectationSpec, observed: Any) -> Failure:
    # No row to tell the part by: the whole kind of part (odihr.validate.parts.TABLE_PARTS).
    return Failure(
        check=spec.check,
        table=result.spec.table,
        severity=BLOCKING,
        message=f"{spec.check} in the {result.spec.table} table: "
        + _FORMAT.format(spec.detail, observed_value=observed, column=spec.kwargs.get("column")),
        observed={"observed_value": observed},
        expectation=spec.type,
    )


def collect(
    results: list[SuiteResult], keys: Iterable[str]
) -> tuple[dict[str, list[Failure]], tuple[SuiteOutcome, ...]]:
    """Failures per report key, and each suite's outcome for the HTML report."""
    keys = list(keys)
    failures: dict[str, list[Failure]] = defaultdict(list)
    suites: list[SuiteOutcome] = []
    for result in results:
        specs = {s.ref: s for s in result.spec.expectations}
        outcomes: dict[int, ExpectationOutcome] = {}
        for gx_result in result.results:
            spec = specs[gx_result.expectation_config.meta["ref"]]
            info = gx_result.exception_info or {}
            error = info.get("exception_message") if info.get("raised_exception") else None
            body = gx_result.result or {}
            indexes = list(body.get("unexpected_index_list") or [])
            outcomes[spec.ref] = ExpectationOutcome(
                check=spec.check,
                expectation=spec.type,
                kwargs=spec.kwargs,
                severity=spec.severity,
                description=spec.description,
                success=bool(gx_result.success),
                evaluated=body.get("element_count"),
                unexpected=len(indexes) if indexes else int(not gx_result.success),
                error=error,
                warning_if=spec.warning_if,
            )
            if error:
                # GX caught an exception inside the expectation: nothing was checked, so nothing
                # in this table may pass as validated.
                for key in keys:
                    failures[key].append(_error_failure(result, spec, error))
            elif not gx_result.success and indexes:
                # Counted per report *and part*: every part with a failing row must get one.
                per_check: dict[tuple[str, str], int] = defaultdict(int)
                last: dict[tuple[str, str], Failure] = {}
                for index in indexes:
                    key, failure = _row_failure(result, spec, index)
                    per_check[key, failure.part] += 1
                    if per_check[key, failure.part] <= MAX_ROWS_PER_CHECK:
                        failures[key].append(failure)
                        last[key, failure.part] = failure
                for (key, part), count in per_check.items():
                    if count > MAX_ROWS_PER_CHECK:
                        failures[key].append(_more_failure(last[key, part], count))
            elif not gx_result.success:
                failure = _table_failure(result, spec, plain_observed(body))
                for key in keys:
                    failures[key].append(failure)
        suites.append(
            SuiteOutcome(
                name=result.spec.name,
                table=result.spec.table,
                description=result.spec.description,
                rows=len(result.frame),
                expectations=tuple(
                    outcomes[s.ref] for s in result.spec.expectations if s.ref in outcomes
                ),
                seconds=result.seconds,
            )
        )
    return failures, tuple(suites)


def plain_observed(body: dict[str, Any]) -> Any:
    """The ``observed_value`` of a table-level result, JSON-friendly."""
    value = body.get("observed_value")
    return [plain(v) for v in value] if isinstance(value, list) else plain(value)


def _error_failure(result: SuiteResult, spec: ExpectationSpec, error: str) -> Failure:
    return Failure(
        check="expectation_error",
        table=result.spec.table,
        severity=BLOCKING,
        message=(
            f"expectation_error in the {result.spec.table} table: {spec.type} ({spec.check}) "
            f"could not run ({error}); the table was not validated — fix the suite and re-run"
        ),
        observed={"failed_check": spec.check, "error": error},
        expectation=spec.type,
    )


def _more_failure(last: Failure, count: int) -> Failure:
    more = count - MAX_ROWS_PER_CHECK
    return Failure(
        check=last.check,
        table=last.table,
        severity=last.severity,
        message=f"{last.check}: {more} more rows of this part fail the same way",
        observed={"more_rows": more},
        expectation=last.expectation,
        part=last.part,
    )
