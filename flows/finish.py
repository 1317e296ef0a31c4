"""One report's end: parsed, validated outcome in → loaded, partial, quarantined or unchanged.

Called by :mod:`flows.steps` inside a batch's one ``load-batch`` task run; every write is one
transaction of its own (``db.facts``), so one report's failure never touches another's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from db.facts import facts_digest, load_report, load_status, quarantine_report
from odihr.crosscheck import fill_from_site, metadata_disagreements
from odihr.outcomes import ParseOutcome, PartStatus
from odihr.parse.report import PARSER_VERSION
from odihr.records import ParsedReport
from odihr.summary import RunSummary
from odihr.validate import ValidationRun
from odihr.validate.parts import PartPlan, plan_parts

if TYPE_CHECKING:
    from flows.steps import WorkItem


def fill_from_site_pages(item: WorkItem, outcome: ParseOutcome) -> tuple[ParseOutcome, list[str]]:
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


@dataclass(frozen=True)
class Prepared:
    """What :func:`finish` writes for a parsed report: its parts plan, the notes stored with it
    and, unless the report is quarantined, the digest of its facts.

    Computed where the report was parsed (:func:`flows.parsing.parse_items`: a Dask worker, or
    the flow's thread) so that the flow process, the run's serial part, only compares and writes.
    """

    plan: PartPlan
    notes: tuple[str, ...]
    digest: str | None


def prepare(
    item: WorkItem,
    outcome: ParseOutcome,
    validation: ValidationRun | None,
    site_notes: Sequence[str] = (),
) -> Prepared | None:
    """The :class:`Prepared` load of a parsed report (None when it could not be parsed)."""
    if outcome.parsed is None:
        return None
    report: ParsedReport = outcome.parsed
    verdict = validation.reports.get(item.url_path) if validation else None
    plan = plan_parts(report, verdict)
    if plan.status == "quarantined":
        return Prepared(plan, (), None)
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
    # The digest load_report stores (computed once: it is the loads' costliest Python).
    digest = facts_digest(plan.to_load, notes, plan.parts, load_status(plan.parts, plan.reason)[1])
    return Prepared(plan, tuple(notes), digest)


def finish(
    engine: Engine,
    item: WorkItem,
    outcome: ParseOutcome,
    validation: ValidationRun | None,
    run_id: int,
    summary: RunSummary,
    site_notes: Sequence[str] = (),
    prepared: Prepared | None = None,
) -> None:
    """Load, quarantine or leave unchanged one report; ``prepared`` is :func:`prepare`'s result
    when the task that parsed the report already computed it."""
    if prepared is None:
        prepared = prepare(item, outcome, validation, site_notes)
    if outcome.parsed is None or prepared is None:
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
    plan = prepared.plan
    if plan.status == "quarantined" or prepared.digest is None:
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
    notes = list(prepared.notes)
    digest = prepared.digest
    if item.facts_digest is not None and item.facts_digest == digest:
        summary.add("unchanged")
        return
    load_report(
        engine,
        document_id=item.document_id,
        version_id=item.version_id,
        parsed=plan.to_load,
        run_id=run_id,
        dq_warnings=notes,
        parts=plan.parts,
        status_reason=plan.reason,
        digest=digest,
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
    quarantine_report(
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
