"""The per-batch steps of an ingest or reparse: parse → validate → load, report by report.

Kept apart from the flow definitions so that ``ingest`` and ``reparse`` share them. Every report
ends loaded, partial, quarantined or skipped; one report's failure never touches another's rows,
and within a report one part's failure never touches another part's (``odihr.validate.parts``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from prefect import unmapped
from sqlalchemy import Engine

from db.facts import facts_digest
from db.status import document_status
from odihr.crosscheck import fill_from_site, metadata_disagreements
from odihr.isolation import ParseLimits
from odihr.outcomes import LOADED_STATUSES, ParseOutcome, PartStatus
from odihr.parse.report import PARSER_VERSION
from odihr.progress import reporter
from odihr.records import ParsedReport
from odihr.settings import Settings
from odihr.summary import RunSummary
from odihr.validate import ValidationRun
from odihr.validate.parts import plan_parts
from tasks.load import load_document, quarantine_document, skip_document
from tasks.parse import count_pages, parse_document
from tasks.validate import validate_batch

#: Reports per parse → validate → load batch: bounds memory and makes an interrupted run resumable.
BATCH_SIZE = 25


@dataclass(frozen=True)
class WorkItem:
    """A stored document version that needs parsing (or, for a translation, a page count)."""

    document_id: int
    version_id: int
    url_path: str
    path: str
    translation_of: str | None
    #: What the site says, for the cross-check.
    country: str | None
    election_dates: tuple
    report_type: str | None
    language: str | None
    #: Digest of the facts already loaded from this version (a reparse skips identical output).
    facts_digest: str | None = None
    #: The election type the site's election page gives (fills a cover the parser cannot read).
    election_type: str | None = None

    @classmethod
    def from_stored(
        cls, v: Mapping[str, Any], path: str, *, facts_digest: str | None = None
    ) -> WorkItem:
        """A work item for a stored version (a row of :func:`db.stored.stored_versions`)."""
        return cls(
            document_id=v["document_id"],
            version_id=v["version_id"],
            url_path=v["url_path"],
            path=path,
            translation_of=v["translation_of"],
            country=v["country"],
            election_dates=v["election_dates"],
            report_type=v["report_type"],
            language=v["language"],
            facts_digest=facts_digest,
            # "other" is what the warehouse stores when the site printed no type.
            election_type=None if v.get("election_type") == "other" else v.get("election_type"),
        )


def _limits(settings: Settings) -> ParseLimits:
    return ParseLimits.from_settings(settings)


def needs_parse(
    *, is_new: bool, force: bool, parser_version: str | None, version_status: str | None
) -> bool:
    """A version is parsed again only when new, forced, or read by another parser version."""
    return (
        is_new
        or force
        or parser_version != PARSER_VERSION
        or version_status not in (*LOADED_STATUSES, "quarantined", "skipped")
    )


def process(
    engine: Engine,
    settings: Settings,
    items: Sequence[WorkItem],
    run_id: int,
    summary: RunSummary,
) -> list[ValidationRun]:
    """Parse, validate and load one batch of work items; return the batch's validation runs.

    Originals go first, so that a translation in the same batch can see whether its original
    loaded: then it is skipped; otherwise (the original is quarantined or unknown) it is parsed
    like any report.
    """
    runs = [
        _parse_validate_load(
            engine, settings, [i for i in items if i.translation_of is None], run_id, summary
        )
    ]
    to_parse = []
    for item in (i for i in items if i.translation_of is not None):
        if document_status(engine, item.translation_of) not in LOADED_STATUSES:
            to_parse.append(item)
            continue
        limits = _limits(settings)
        pages = count_pages(item.url_path, item.path, settings.max_pdf_pages, limits).pages
        reason = f"translation of {item.translation_of}, which is loaded"
        skip_document(
            engine,
            document_id=item.document_id,
            version_id=item.version_id,
            reason=reason,
            pages=pages,
            run_id=run_id,
        )
        summary.add("skipped")
    runs.append(_parse_validate_load(engine, settings, to_parse, run_id, summary))
    return [run for run in runs if run is not None]


def _parse_validate_load(
    engine: Engine,
    settings: Settings,
    items: Sequence[WorkItem],
    run_id: int,
    summary: RunSummary,
) -> ValidationRun | None:
    if not items:
        return None
    for stage in ("parse", "load"):
        reporter().grow(stage, len(items))
    futures = parse_document.map(
        [i.url_path for i in items],
        [i.path for i in items],
        [settings.max_pdf_pages] * len(items),
        unmapped(_limits(settings)),
    )
    outcomes: list[ParseOutcome] = []
    site_notes: dict[str, list[str]] = {}
    for item, future in zip(items, futures, strict=True):
        outcome, site_notes[item.url_path] = _fill_from_site(item, future.result())
        outcomes.append(outcome)
        reporter().advance("parse")
    parsed = {o.url_path: o.parsed for o in outcomes if o.parsed is not None}
    validation = validate_batch(parsed) if parsed else None
    for item, outcome in zip(items, outcomes, strict=True):
        _finish(engine, item, outcome, validation, run_id, summary, site_notes[item.url_path])
        reporter().advance("load")
    return validation


def _fill_from_site(item: WorkItem, outcome: ParseOutcome) -> tuple[ParseOutcome, list[str]]:
    """Cover facts the parser could not read, from the site's pages (before validation)."""
    if outcome.parsed is None:
        return outcome, []
    metadata, notes = fill_from_site(
        outcome.parsed.metadata,
        country=item.country,
        election_type=item.election_type,
        election_dates=tuple(item.election_dates),
        report_type=item.report_type,
        language=item.language,
    )
    if not notes:
        return outcome, []
    return replace(outcome, parsed=replace(outcome.parsed, metadata=metadata)), notes


def _finish(
    engine: Engine,
    item: WorkItem,
    outcome: ParseOutcome,
    validation: ValidationRun | None,
    run_id: int,
    summary: RunSummary,
    site_notes: Sequence[str] = (),
) -> None:
    if outcome.parsed is None:
        _quarantine(
            engine,
            item,
            outcome.error_code or "parse_error",
            outcome.reason or "could not be parsed",
            outcome.pages,
            run_id,
            summary,
        )
        return
    report: ParsedReport = outcome.parsed
    verdict = validation.reports.get(item.url_path) if validation else None
    plan = plan_parts(report, verdict)
    if plan.status == "quarantined":
        _quarantine(
            engine,
            item,
            "validation",
            plan.reason or "failed validation",
            report.metadata.pages,
            run_id,
            summary,
            plan.parts,
        )
        return
    held_back = {p.part for p in plan.parts if p.status == "quarantined"}
    notes = list(site_notes)
    notes += [f.message for f in (verdict.warnings if verdict else []) if f.part not in held_back]
    notes += metadata_disagreements(
        report.metadata,
        country=item.country,
        election_dates=item.election_dates,
        report_type=item.report_type,
        language=item.language,
    )
    notes += list(report.notes)
    digest = facts_digest(plan.to_load, notes, plan.parts, plan.reason)
    if item.facts_digest is not None and item.facts_digest == digest:
        summary.add("unchanged")
        return
    load_document(
        engine,
        document_id=item.document_id,
        version_id=item.version_id,
        parsed=plan.to_load,
        run_id=run_id,
        dq_warnings=notes,
        parts=plan.parts,
        status_reason=plan.reason,
    )
    summary.add(plan.status)
    summary.add_facts(plan.to_load)
    if plan.status == "partial":
        summary.partial.append((item.url_path, plan.reason or ""))
    for kind in plan.absent(report.metadata.report_type):
        summary.add_absent(kind)
    if notes:
        summary.add("warnings", len(notes))
        summary.warnings.extend((item.url_path, n) for n in notes)


def _quarantine(
    engine: Engine,
    item: WorkItem,
    code: str,
    reason: str,
    pages: int | None,
    run_id: int,
    summary: RunSummary,
    parts: Sequence[PartStatus] = (),
) -> None:
    quarantine_document(
        engine,
        document_id=item.document_id,
        version_id=item.version_id,
        code=code,
        reason=reason,
        run_id=run_id,
        pages=pages,
        parser_version=PARSER_VERSION,
        parts=parts,
    )
    summary.add("quarantined")
    summary.quarantined.append((item.url_path, reason))
