"""Reading the expectation suites from ``expectations/*.json`` and the values they refer to.

Suites are plain GX suite JSON; values that are code or depend on the day (``today``, the
recognised country names, the contract's codes) are GX ``{"$PARAMETER": name}`` references that
:func:`expectation_parameters` fills in at validation time. Dates are passed as ``pd.Timestamp``:
GX 1.24 compares datetime columns with string or ``datetime.date`` bounds by failing the
expectation with an exception inside its result instead of raising.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

from odihr.countries import country_keys
from odihr.records import CONTEST_KINDS, DELEGATION_KINDS, REPORT_TYPES
from odihr.validate.model import BLOCKING, WARNING

#: Checked dates (elections, publications, rounds) are never earlier than this.
MIN_DATE = date(1990, 1, 1)
#: How far ahead of today a pre-election report's election may be.
ELECTION_HORIZON = timedelta(days=366)
SOURCE_OR_EXTRACTION = "source_or_extraction"
#: The suites, one per warehouse table, in report order (files ``expectations/<name>.json``).
SUITE_NAMES = ("report_metadata", "results", "turnout", "observers", "recommendations")
SEVERITIES = (BLOCKING, WARNING, SOURCE_OR_EXTRACTION)


class SuiteError(ValueError):
    """A suite JSON file is malformed; the message names the file and the expectation."""


@dataclass(frozen=True)
class ExpectationSpec:
    """One expectation of a suite and how its failures are reported."""

    ref: int
    type: str
    kwargs: dict[str, Any]
    check: str
    severity: str
    description: str
    detail: str
    observed: dict[str, str]
    warning_if: str | None = None
    if_warning: str = ""
    if_blocking: str = ""


@dataclass(frozen=True)
class SuiteSpec:
    """One suite: the table it checks, how a row is located, its expectations."""

    name: str
    table: str
    description: str
    where: str
    path: Path
    raw: dict[str, Any]
    expectations: tuple[ExpectationSpec, ...]

    @property
    def context_columns(self) -> list[str]:
        """Columns the ``where`` template names (reported with every failing row)."""
        import string

        return [f for _, f, _, _ in string.Formatter().parse(self.where) if f]


def _spec(path: Path, ref: int, raw: dict[str, Any]) -> ExpectationSpec:
    meta = raw.get("meta") or {}
    where = f"{path.name} expectation {ref} ({raw.get('type')})"
    for key in ("check", "severity", "description", "detail"):
        if not meta.get(key):
            raise SuiteError(f"{where}: meta.{key} is missing")
    if meta["severity"] not in SEVERITIES:
        raise SuiteError(f"{where}: meta.severity {meta['severity']!r} not in {SEVERITIES}")
    if meta["severity"] == SOURCE_OR_EXTRACTION and not meta.get("warning_if"):
        raise SuiteError(f"{where}: a source_or_extraction check needs meta.warning_if")
    return ExpectationSpec(
        ref=ref,
        type=raw["type"],
        kwargs=dict(raw.get("kwargs") or {}),
        check=meta["check"],
        severity=meta["severity"],
        description=meta["description"],
        detail=meta["detail"],
        observed=dict(meta.get("observed") or {}),
        warning_if=meta.get("warning_if"),
        if_warning=meta.get("if_warning", ""),
        if_blocking=meta.get("if_blocking", ""),
    )


def suites_dir() -> Path:
    """Directory of the suite files: ``expectations.SUITES_DIR`` (checkout or installed)."""
    import expectations

    found = getattr(expectations, "SUITES_DIR", None)
    if found is None:
        # An editable install made before expectations/ had an __init__.py imports it as a
        # namespace package (no attributes); its one real directory holds the files.
        found = next(Path(p) for p in expectations.__path__ if Path(p).is_dir())
    return Path(found)


def load_suite(path: Path) -> SuiteSpec:
    """Read and check one suite file (GX itself checks the expectations when it builds them)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SuiteError(f"{path}: cannot read suite: {exc}") from exc
    meta = raw.get("meta") or {}
    if not raw.get("name") or not meta.get("table") or not meta.get("where"):
        raise SuiteError(f"{path}: a suite needs name, meta.table and meta.where")
    specs = tuple(_spec(path, i, e) for i, e in enumerate(raw.get("expectations") or []))
    if not specs:
        raise SuiteError(f"{path}: the suite has no expectations")
    return SuiteSpec(
        name=raw["name"],
        table=meta["table"],
        description=meta.get("description", ""),
        where=meta["where"],
        path=path,
        raw=raw,
        expectations=specs,
    )


@cache
def load_suites() -> tuple[SuiteSpec, ...]:
    """Every suite of ``expectations/``, in :data:`SUITE_NAMES` order."""
    return tuple(load_suite(suites_dir() / f"{name}.json") for name in SUITE_NAMES)


def build_gx_suite(gx: ModuleType, spec: SuiteSpec) -> Any:
    """The ``gx.ExpectationSuite`` of ``spec``; each expectation's ``meta.ref`` is its index.

    GX logs and drops an expectation it cannot build; that is turned into :class:`SuiteError`.
    """
    expectations = []
    for exp_spec, raw in zip(spec.expectations, spec.raw["expectations"], strict=True):
        meta = dict(raw.get("meta") or {}, ref=exp_spec.ref)
        expectations.append({"type": raw["type"], "kwargs": raw.get("kwargs") or {}, "meta": meta})
    suite = gx.ExpectationSuite(name=spec.name, expectations=expectations, meta=spec.raw["meta"])
    if len(suite.expectations) != len(expectations):
        built = {e.meta.get("ref") for e in suite.expectations}
        bad = [s for s in spec.expectations if s.ref not in built]
        names = ", ".join(f"#{s.ref} {s.type}" for s in bad)
        raise SuiteError(f"{spec.path}: GX rejected expectation(s) {names}")
    return suite


def expectation_parameters(today: date) -> dict[str, Any]:
    """Values of the suites' ``$PARAMETER`` references for a run on ``today``."""
    return {
        "min_date": pd.Timestamp(MIN_DATE),
        "today": pd.Timestamp(today),
        "election_horizon": pd.Timestamp(today + ELECTION_HORIZON),
        "country_keys": country_keys(),
        "report_types": list(REPORT_TYPES),
        "contest_kinds": list(CONTEST_KINDS),
        "delegation_kinds": list(DELEGATION_KINDS),
    }
