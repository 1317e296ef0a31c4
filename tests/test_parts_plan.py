"""The part planner's invariants over generated reports, verdicts and parser problems (pure:
failures are built as validation reports them, with their part keys)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from odihr.records import (
    REPORT_TYPES,
    Contest,
    Observer,
    ParsedReport,
    PartProblem,
    Recommendation,
    ReportMetadata,
    ResultRound,
    ResultRow,
)
from odihr.validate.model import BLOCKING, Failure, ReportValidation
from odihr.validate.parts import contest_parts, plan_parts

TITLES = st.sampled_from(["Parliament", "President", "Council", "Mayor"])


@st.composite
def cases(draw: st.DrawFn) -> tuple[ParsedReport, ReportValidation]:
    titles = draw(st.lists(TITLES, max_size=5))
    contests = tuple(
        Contest(t, "local", (ResultRound(1, tuple(
            ResultRow(f"C{i}", 10, None, 3) for i in range(draw(st.integers(1, 4)))), 3),))
        for t in titles
    )  # fmt: skip
    observers = tuple(
        Observer(i, "A", "B", "Norway", None, "Core Team", None, 9)
        for i in range(1, draw(st.integers(0, 3)) + 1)
    )
    recs = tuple(
        Recommendation(i, False, None, "Do.", False, 8)
        for i in range(1, draw(st.integers(0, 3)) + 1)
    )
    keys = contest_parts(contests)
    pool = [*keys, "observers", "recommendations", "metadata", ""]
    failing = draw(st.lists(st.sampled_from(pool), max_size=4))
    tables = {"metadata": "reports", "observers": "observers", "recommendations":
              "recommendations", "": draw(st.sampled_from(["results", "turnout", "observers"]))}
    blocking = [
        Failure("check", tables.get(part, "results"), BLOCKING, f"{part or 'table'} failed",
                part=part)
        for part in failing
    ]  # fmt: skip
    problems = tuple(
        PartProblem(part, draw(st.sampled_from(["quarantined", "absent"])), f"{part} unreadable")
        for part in draw(st.lists(st.sampled_from(
            ["results", "results:Annex table", "observers", "recommendations"]),
            max_size=2, unique=True))
        if not (part == "observers" and observers) and not (part == "recommendations" and recs)
    )  # fmt: skip
    metadata = ReportMetadata(pages=20, report_type=draw(st.sampled_from(REPORT_TYPES)))
    report = ParsedReport("1", metadata, contests, observers, recs, problems=problems)
    return report, ReportValidation("/r.pdf", blocking=blocking)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(cases())
def test_every_part_has_one_status_and_only_loaded_parts_are_loaded(
    case: tuple[ParsedReport, ReportValidation],
) -> None:
    report, verdict = case
    plan = plan_parts(report, verdict)
    parts = {p.part: p for p in plan.parts}
    assert len(parts) == len(plan.parts), "a part is listed twice"
    assert plan.parts[0].part == "metadata"
    assert {kind.split(":")[0] for kind in parts} >= {
        "metadata", "results", "observers", "recommendations"}
    keys = contest_parts(report.contests)
    assert set(keys) <= set(parts)
    blocked = set(verdict.blocked_parts)

    if "metadata" in blocked:
        assert plan.status == "quarantined" and plan.reason
        assert all(p.status != "loaded" and p.rows == 0 for p in plan.parts)
        return
    for key, contest in zip(keys, report.contests, strict=True):
        bad = key in blocked or "results" in blocked
        assert parts[key].status == ("quarantined" if bad else "loaded")
        assert any(c is contest for c in plan.to_load.contests) is not bad
        assert parts[key].rows == (0 if bad else sum(len(r.rows) for r in contest.rounds))
    for kind in ("observers", "recommendations"):
        part = parts[kind]
        loaded = getattr(plan.to_load, kind)
        assert (part.status == "loaded") == bool(loaded)
        assert part.rows == len(loaded)
        if kind in blocked and getattr(report, kind):
            assert part.status == "quarantined"
    quarantined = [p for p in plan.parts if p.status == "quarantined"]
    assert plan.status == ("partial" if quarantined else "loaded")
    assert (plan.reason is None) == (not quarantined)
    for p in quarantined:
        assert p.reason and f"{p.part} quarantined: {p.reason}" in (plan.reason or "")
    absent = plan.absent(report.metadata.report_type)
    assert all(report.metadata.report_type == "final" for _ in absent)
    assert sorted(absent) == sorted(
        p.part.split(":")[0] for p in plan.parts
        if p.status == "absent" and report.metadata.report_type == "final"
    )  # fmt: skip


def test_metadata_dates_are_untouched_by_planning() -> None:
    day = date(2024, 5, 12)
    report = ParsedReport("1", ReportMetadata(pages=3, election_date=day, report_type="interim"))
    plan = plan_parts(report, None)
    assert plan.to_load.metadata == report.metadata and plan.status == "loaded"
