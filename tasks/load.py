"""Warehouse tasks: recording versions, loading, quarantining and skipping reports."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NONE
from sqlalchemy import Engine

from db.facts import load_report, quarantine_report, skip_report
from odihr.records import ParsedReport

_OPTIONS = {"cache_policy": NONE, "persist_result": False}


@task(name="load-report", **_OPTIONS)
def load_document(
    engine: Engine,
    document_id: int,
    version_id: int,
    parsed: ParsedReport,
    run_id: int,
    dq_warnings: list[str],
) -> int:
    """Load one report version in one transaction; returns the fact rows written."""
    return load_report(
        engine,
        document_id=document_id,
        version_id=version_id,
        parsed=parsed,
        run_id=run_id,
        dq_warnings=dq_warnings,
    )


@task(name="quarantine-report", **_OPTIONS)
def quarantine_document(
    engine: Engine,
    document_id: int,
    version_id: int | None,
    code: str,
    reason: str,
    run_id: int,
    pages: int | None = None,
    parser_version: str | None = None,
) -> None:
    """Hold a report back with a reason a person can act on."""
    quarantine_report(
        engine,
        document_id=document_id,
        version_id=version_id,
        code=code,
        reason=reason,
        run_id=run_id,
        pages=pages,
        parser_version=parser_version,
    )


@task(name="skip-report", **_OPTIONS)
def skip_document(
    engine: Engine,
    document_id: int,
    version_id: int | None,
    reason: str,
    pages: int | None,
    run_id: int,
) -> None:
    """Mark a translation as deliberately not parsed."""
    skip_report(
        engine,
        document_id=document_id,
        version_id=version_id,
        reason=reason,
        pages=pages,
        run_id=run_id,
    )
