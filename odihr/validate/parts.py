"""A report's parts, each loaded or quarantined on its own (``bi_report_parts``).

Parts and their keys
--------------------
``metadata`` (the cover: what the report is), one ``results:<contest>`` per results table (its
rows and its turnout; the key is the contest's printed title, with `` (2)``, `` (3)`` … for a
title printed again in the same report), ``observers`` and ``recommendations``. The validation
frames carry the same key in their ``part`` column, so every failing row names its part.

What decides a part's status
----------------------------
- A blocking validation failure of the metadata quarantines the whole report (the metadata is
  the report's identity: nothing can be filed without it).
- A blocking failure in one contest's results or turnout quarantines only that contest; one in
  the observers or the recommendations, only that list. A failure of a whole table (a suite that
  could not run) quarantines that kind of part in every report of the batch.
- A part the parser found but could not read (``ParsedReport.problems``) is quarantined with the
  parser's reason (page and what was expected).
- A part the parser did not find is ``absent``. Every report gets a row for each kind, so the
  view is complete; only a *final* report is expected to carry results, observers and
  recommendations (needs-assessment, interim and preliminary reports usually print none), so
  only a final report's absent parts count as news (:func:`expected_absent`) — the run summary
  counts those by kind.

A report with some part quarantined and its metadata loaded is ``partial``; its
``status_reason`` names each quarantined part with its reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from odihr.errors import OCR_TEXT_FAILED
from odihr.outcomes import PartStatus
from odihr.records import Contest, Observer, ParsedReport, Recommendation
from odihr.validate.model import TABLE_PARTS, Failure, ReportValidation, summarise

#: Report types that must carry each kind of part (its absence is counted as news).
EXPECTED_PARTS: dict[str, tuple[str, ...]] = {
    "final": ("results", "observers", "recommendations"),
}


def contest_parts(contests: Sequence[Contest]) -> list[str]:
    """The part key of each contest, in order: ``results:<title>``, unique within the report."""
    seen: dict[str, int] = defaultdict(int)
    keys = []
    for contest in contests:
        base = f"results:{contest.title}"
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return keys


def kind_of(part: str) -> str:
    """``results`` for ``results:<contest>``; the part itself otherwise."""
    return part.split(":", 1)[0]


def expected_absent(part: PartStatus, report_type: str | None) -> bool:
    """An absent part the report's type should carry (counted in the run summary)."""
    return part.status == "absent" and kind_of(part.part) in EXPECTED_PARTS.get(
        report_type or "", ()
    )


@dataclass(frozen=True)
class PartPlan:
    """What to do with one parsed report, part by part.

    Attributes:
        parts: every part's outcome, metadata first (the ``bi_report_parts`` rows).
        to_load: the report without its quarantined parts (what the loader writes).
        status: ``loaded``, ``partial`` or ``quarantined`` (the whole report).
        reason: ``status_reason``: the blocking failures of a quarantined report, or each
            quarantined part with its reason for a partial one; None when loaded.
    """

    parts: tuple[PartStatus, ...]
    to_load: ParsedReport
    status: str
    reason: str | None

    def absent(self, report_type: str | None) -> list[str]:
        """Kinds of the expected parts that are absent (``results``, ``observers`` …)."""
        return [kind_of(p.part) for p in self.parts if expected_absent(p, report_type)]


def _absent_reason(kind: str, report_type: str | None) -> str:
    what = {"results": "no results table", "observers": "no list of observers"}.get(
        kind, f"no {kind}"
    )
    label = (report_type or "unknown").replace("_", " ")
    if kind in EXPECTED_PARTS.get(report_type or "", ()):
        return f"{what} found in this {label} report, which should print one"
    return f"{what} found (not expected in a {label} report)"


OCR_REASON = OCR_TEXT_FAILED


def _ocr_reasons(plan: PartPlan) -> PartPlan:
    """``plan`` with every quarantine reason prefixed by :data:`OCR_REASON`."""
    def mark(reason: str | None) -> str | None:
        if reason is None or reason.startswith(OCR_REASON):
            return reason
        return f"{OCR_REASON}: {reason}"

    parts = tuple(replace(p, reason=mark(p.reason)) if p.status == "quarantined" else p
                  for p in plan.parts)
    if plan.status == "partial":
        reason = "; ".join(f"{p.part} quarantined: {p.reason}" for p in parts
                           if p.status == "quarantined")
        return replace(plan, parts=parts, reason=reason)
    if plan.status == "quarantined" and plan.reason:
        return replace(plan, parts=parts,
                       reason=plan.reason.replace("failed validation: ",
                                                  f"failed validation: {OCR_REASON}: ", 1))
    return replace(plan, parts=parts)


def plan_parts(report: ParsedReport, verdict: ReportValidation | None) -> PartPlan:
    """Decide each part's status from the validation verdict and the parser's problems (an OCR'd
    report's quarantine reasons start with "OCR text failed")."""
    plan = _plan_parts(report, verdict)
    return _ocr_reasons(plan) if report.text_source == "ocr" else plan


def _plan_parts(report: ParsedReport, verdict: ReportValidation | None) -> PartPlan:
    blocked: dict[str, list[Failure]] = defaultdict(list)
    for failure in verdict.blocking if verdict else ():
        blocked[failure.part or TABLE_PARTS.get(failure.table, "metadata")].append(failure)
    report_type = report.metadata.report_type
    problems = {p.part: p for p in report.problems}
    keys = contest_parts(report.contests)

    parts: list[PartStatus] = [PartStatus("metadata", "loaded", rows=1)]
    if blocked.get("metadata"):
        parts[0] = PartStatus("metadata", "quarantined", summarise(blocked["metadata"]))

    contests: list[Contest] = []
    whole = blocked.get("results", [])
    for contest, key in zip(report.contests, keys, strict=True):
        page = contest.rounds[0].page if contest.rounds else None
        failures = blocked.get(key, []) + whole
        if failures:
            parts.append(PartStatus(key, "quarantined", summarise(failures), page=page))
        else:
            count = sum(len(r.rows) for r in contest.rounds)
            parts.append(PartStatus(key, "loaded", rows=count, page=page))
            contests.append(contest)
    for key, found in problems.items():
        if kind_of(key) == "results" and key not in keys:
            parts.append(PartStatus(key, found.status, found.reason, page=found.page))
    if not report.contests and not any(kind_of(k) == "results" for k in problems):
        parts.append(PartStatus("results", "absent", _absent_reason("results", report_type)))

    kept: dict[str, tuple] = {}
    lists: tuple[tuple[str, tuple[Observer, ...] | tuple[Recommendation, ...]], ...] = (
        ("observers", report.observers),
        ("recommendations", report.recommendations),
    )
    for kind, rows in lists:
        problem = problems.get(kind)
        if problem is not None:
            parts.append(PartStatus(kind, problem.status, problem.reason, page=problem.page))
        elif blocked.get(kind):
            page = rows[0].page if rows else None
            parts.append(PartStatus(kind, "quarantined", summarise(blocked[kind]), page=page))
        elif rows:
            parts.append(PartStatus(kind, "loaded", rows=len(rows), page=rows[0].page))
            kept[kind] = tuple(rows)
        else:
            parts.append(PartStatus(kind, "absent", _absent_reason(kind, report_type)))

    if parts[0].status == "quarantined":
        held = "held back with the report: its metadata failed validation"
        parts = [parts[0]] + [
            replace(p, status="quarantined", reason=p.reason or held, rows=0)
            if p.status == "loaded"
            else p
            for p in parts[1:]
        ]
        reason = verdict.quarantine_reason if verdict else parts[0].reason
        return PartPlan(tuple(parts), report, "quarantined", f"failed validation: {reason}")

    to_load = replace(
        report,
        contests=tuple(contests),
        observers=kept.get("observers", ()),
        recommendations=kept.get("recommendations", ()),
    )
    quarantined = [p for p in parts if p.status == "quarantined"]
    if not quarantined:
        return PartPlan(tuple(parts), to_load, "loaded", None)
    reason = "; ".join(f"{p.part} quarantined: {p.reason}" for p in quarantined)
    return PartPlan(tuple(parts), to_load, "partial", reason)
