"""A bad part costs only itself: real GX validation, the part plan, and loads on both engines.

Reports go through the real path the flows use (``validate_reports`` → ``plan_parts`` →
``load_report`` / ``quarantine_report``); the PDF cases parse a real synthetic final report
(``report_pdfs.final_report``) whose second results table contradicts its own votes.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from report_pdfs import final_report
from sqlalchemy import Engine, text

from db.facts import facts_digest, load_report, quarantine_report
from db.load import record_version, upsert_documents, upsert_elections
from db.migrate import upgrade
from odihr.crosscheck import fill_from_site
from odihr.parse.report import parse_report
from odihr.records import (
    Contest,
    Observer,
    ParsedReport,
    PartProblem,
    Recommendation,
    ReportMetadata,
    ResultRound,
    ResultRow,
)
from odihr.summary import RunSummary
from odihr.validate import validate_reports
from odihr.validate.parts import PartPlan, contest_parts, plan_parts

DAY = date(2024, 5, 12)
META = ReportMetadata(
    pages=30, country="Moldova", election_title="Parliamentary Elections", election_type=
    "parliamentary", early=False, election_date=DAY, election_dates=(DAY,),
    mission_type="Election Observation Mission", report_type="final", language="en",
    published_on=date(2024, 8, 20),
)  # fmt: skip
OBSERVERS = (Observer(1, "Ilona", "Berg", "Sweden", "Head of Mission", "Core Team", None, 30),)
RECS = (Recommendation(1, True, None, "Amend the law.", False, 25),)
BAD_SHARES = ("45.00", "55.00")
REFERENDUM = "results:Referendum on the constitution"
#: What the site's pages say about the election and the document.
SITE: dict[str, Any] = {
    "country": "Moldova", "election_type": "parliamentary", "election_dates": (DAY,),
    "report_type": "final", "language": "ru",
}  # fmt: skip


def contest(title: str, shares: tuple[float, float] = (60.0, 40.0), **turnout: Any) -> Contest:
    rows = (ResultRow("Yes", 300, shares[0], 12), ResultRow("No", 200, shares[1], 12))
    return Contest(title, "referendum", (ResultRound(1, rows, 12, DAY, **turnout),))


def report(*contests: Contest, metadata: ReportMetadata = META, **fields: Any) -> ParsedReport:
    fields = {"observers": OBSERVERS, "recommendations": RECS, **fields}
    return ParsedReport("1.0.0", metadata, tuple(contests), **fields)


def _cases() -> dict[str, ParsedReport]:
    """Every report the tests plan, validated together in one GX run (as a batch is)."""
    crowded_rows = tuple(ResultRow(f"Party {i}", 100, 50.0, 12) for i in range(14))
    bare = replace(META, election_type=None, report_type=None, election_date=None,
                   election_dates=())  # fmt: skip
    filled, _ = fill_from_site(bare, **SITE)
    return {
        "good": report(contest("First"), contest("Second")),
        "second_bad": report(contest("First"), contest("Second", (45.0, 55.0))),
        "turnout_bad": report(
            contest("First", registered_voters=1000, voters_participated=600),
            contest("Second", registered_voters=100, voters_participated=900),
        ),
        "crowded": report(
            Contest("Crowded", "party_list", (ResultRound(1, crowded_rows, 12),)),
            contest("Single", (45.0, 55.0)),
        ),
        "observer_bad": report(
            contest("First"), observers=(replace(OBSERVERS[0], family_name="Berg 12"),)
        ),
        "metadata_bad": report(contest("First"), metadata=replace(META, language=None)),
        "parser_problem": report(contest("First"), problems=(PartProblem(
            "results:Local councils", "quarantined", "no column of votes on page 31", 31),)),
        "observers_problem": report(contest("First"), problems=(PartProblem(
            "observers", "quarantined", "observer list on page 40 has no names", 40),)),
        "final_empty": report(observers=(), recommendations=()),
        "interim_empty": report(observers=(), recommendations=(), metadata=replace(
            META, report_type="interim")),
        "site_filled": report(contest("First"), metadata=filled),
        "site_missing": report(contest("First"), metadata=replace(META, election_type=None)),
        "new_columns": report(
            Contest("First", "referendum", (ResultRound(1, (
                ResultRow("Yes", 300, 60.0, 12, extra_figures=(
                    ("Votes abroad", 12), ("Votes abroad", 3), ("Note", "recount"))),
                ResultRow("No", 200, 40.0, 12)), 12, DAY),)),
            observers=(replace(OBSERVERS[0], country_code="SE", delegation_kind="core_team"),),
            recommendations=(replace(RECS[0], numbered=False),),
        ),
        "pdf_bad": parsed_pdf(BAD_SHARES),
        "pdf_good": parsed_pdf(),
    }  # fmt: skip


@cache
def _validated() -> tuple[dict[str, ParsedReport], Any]:
    cases = _cases()
    return cases, validate_reports(cases)


def case(name: str) -> ParsedReport:
    return _validated()[0][name]


def plan(name: str) -> PartPlan:
    """The plan the flow makes for a case: real GX validation, then the part decisions."""
    cases, run = _validated()
    return plan_parts(cases[name], run[name])


def statuses(p: PartPlan) -> list[tuple[str, str]]:
    return [(part.part, part.status) for part in p.parts]


@cache
def parsed_pdf(shares: tuple[str, str] = ("60.00", "40.00")) -> ParsedReport:
    return parse_report(final_report(shares))


# --- the plan, from real validation ------------------------------------------------------------


def test_a_validation_failure_in_one_contest_quarantines_only_that_contest() -> None:
    p = plan("second_bad")
    assert p.status == "partial"
    assert statuses(p) == [
        ("metadata", "loaded"), ("results:First", "loaded"), ("results:Second", "quarantined"),
        ("observers", "loaded"), ("recommendations", "loaded"),
    ]  # fmt: skip
    assert [c.title for c in p.to_load.contests] == ["First"]
    assert p.to_load.observers == OBSERVERS and p.to_load.recommendations == RECS
    assert p.reason is not None and p.reason.startswith("results:Second quarantined: ")
    assert "share_vote_mismatch" in p.reason and "'Second'" in p.reason
    assert [part.rows for part in p.parts] == [1, 2, 0, 1, 1]


def test_a_turnout_failure_quarantines_only_its_own_contest() -> None:
    p = plan("turnout_bad")
    assert statuses(p)[1:3] == [("results:First", "loaded"), ("results:Second", "quarantined")]
    assert "turnout_counts_out_of_order" in (p.parts[2].reason or "")


def test_many_failing_rows_in_one_contest_do_not_hide_a_failure_in_another() -> None:
    """Failing rows are capped per report and part, never per report alone."""
    p = plan("crowded")
    assert statuses(p)[1:3] == [
        ("results:Crowded", "quarantined"), ("results:Single", "quarantined")]
    assert "'Single' round 1" in (p.parts[2].reason or "")


def test_a_failure_in_the_observers_quarantines_only_the_observers() -> None:
    p = plan("observer_bad")
    assert p.status == "partial"
    assert dict(statuses(p)) == {
        "metadata": "loaded", "results:First": "loaded", "observers": "quarantined",
        "recommendations": "loaded",
    }  # fmt: skip
    assert p.to_load.observers == () and "observer_name_has_digits" in (p.reason or "")


def test_a_metadata_failure_quarantines_the_whole_report() -> None:
    p = plan("metadata_bad")
    assert p.status == "quarantined"
    assert p.reason is not None and p.reason.startswith("failed validation: missing_value")
    assert statuses(p)[0] == ("metadata", "quarantined")
    assert {status for _, status in statuses(p)[1:]} == {"quarantined"}
    assert "held back with the report" in (p.parts[1].reason or "")


def test_a_part_the_parser_could_not_read_is_quarantined_with_its_reason() -> None:
    p = plan("parser_problem")
    assert p.status == "partial"
    assert ("results:Local councils", "quarantined") in statuses(p)
    (part,) = [x for x in p.parts if x.part == "results:Local councils"]
    assert (part.reason, part.page) == ("no column of votes on page 31", 31)
    assert p.reason == "results:Local councils quarantined: no column of votes on page 31"


def test_parts_not_found_are_absent_and_counted_only_where_expected() -> None:
    final = plan("final_empty")
    assert final.status == "loaded"
    assert statuses(final) == [
        ("metadata", "loaded"), ("results", "absent"), ("observers", "absent"),
        ("recommendations", "absent"),
    ]  # fmt: skip
    assert final.absent("final") == ["results", "observers", "recommendations"]
    assert "should print one" in (final.parts[2].reason or "")
    assert plan("interim_empty").absent("interim") == []
    assert "not expected in a interim report" in (plan("interim_empty").parts[1].reason or "")


def test_contest_part_keys_are_unique_within_a_report() -> None:
    keys = contest_parts([contest("Council"), contest("Mayor"), contest("Council")])
    assert keys == ["results:Council", "results:Mayor", "results:Council (2)"]


# --- cover facts from the site -------------------------------------------------------------------


def test_cover_facts_the_parser_missed_come_from_the_site_with_a_note() -> None:
    bare = replace(META, election_type=None, report_type=None, election_date=None,
                   election_dates=())  # fmt: skip
    filled, notes = fill_from_site(bare, **SITE)
    assert (filled.election_type, filled.report_type, filled.election_date) == (
        "parliamentary", "final", DAY)
    assert filled.language == "en"  # read from the PDF: kept
    assert [n.split(":")[0] for n in notes] == ["election type", "election date", "report type"]
    assert "taken from the site's election page (parliamentary)" in notes[0]
    assert plan("site_filled").status == "loaded"


def test_a_cover_fact_neither_the_pdf_nor_the_site_has_still_blocks() -> None:
    bare = replace(META, election_type=None)
    filled, notes = fill_from_site(bare, country=None, election_type=None, election_dates=(),
                                   report_type=None, language=None)  # fmt: skip
    assert notes == [] and filled == bare
    assert plan("site_missing").status == "quarantined"


# --- loading, on SQLite and PostgreSQL -----------------------------------------------------------


def _warehouse(database_url: str) -> tuple[Engine, int, int]:
    engine = upgrade(database_url)
    upsert_elections(engine, [{
        "id": 7, "url_path": "/odihr/elections/moldova/7", "country": "Moldova",
        "country_code": "MD", "title": "Parliamentary Elections, 12 May 2024",
        "election_type": "parliamentary", "early": False, "election_date": DAY,
        "election_dates": (DAY,), "mission_type": "Election Observation Mission",
    }])  # fmt: skip
    document = {"url_path": "/r.pdf", "url": "https://www.osce.org/r.pdf", "election_id": 7,
                "report_type": "final"}  # fmt: skip
    document_id = upsert_documents(engine, [document])["/r.pdf"]
    version_id, _ = record_version(
        engine, document_id, sha256="a" * 64, size=1, etag=None, last_modified=None, run_id=None
    )
    return engine, document_id, version_id


def _load(engine: Engine, document_id: int, version_id: int, name: str) -> PartPlan:
    p = plan(name)
    if p.status == "quarantined":
        quarantine_report(engine, document_id=document_id, version_id=version_id,
                          code="validation", reason=p.reason or "", run_id=None,
                          parts=p.parts)  # fmt: skip
    else:
        load_report(engine, document_id=document_id, version_id=version_id, parsed=p.to_load,
                    run_id=None, parts=p.parts, status_reason=p.reason)  # fmt: skip
    return p


def rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql)).all()]


def _counts(engine: Engine) -> dict[str, int]:
    views = ("bi_results", "bi_turnout", "bi_observers", "bi_recommendations", "bi_report_parts")
    return {v: rows(engine, f"SELECT count(*) FROM {v}")[0][0] for v in views}


def test_a_pdf_with_one_contradicting_contest_loads_everything_else_as_partial(
    database_url: str,
) -> None:
    engine, document_id, version_id = _warehouse(database_url)
    _load(engine, document_id, version_id, "pdf_bad")
    ((status, reason),) = rows(engine, "SELECT status, status_reason FROM bi_reports")
    assert status == "partial"
    # The results reader or, failing that, validation holds the contradicting table back.
    assert reason.startswith(f"{REFERENDUM} quarantined: ")
    assert rows(engine, "SELECT DISTINCT contest FROM bi_results") == [("Parliament",)]
    assert rows(engine, "SELECT family_name, country_code FROM bi_observers ORDER BY position") == [
        ("Bekkevold", "NO"), ("Tidei", "IT"), ("Ertlschweiger", "AT")]
    assert rows(engine, "SELECT number FROM bi_recommendations ORDER BY number") == [(1,), (2,)]
    parts = rows(engine, "SELECT part, status, reason IS NULL, rows FROM bi_report_parts "
                         "ORDER BY page, part")  # fmt: skip
    assert sorted(parts) == sorted([
        ("metadata", "loaded", True, 1), ("results:Parliament", "loaded", True, 3),
        (REFERENDUM, "quarantined", False, 0), ("observers", "loaded", True, 3),
        ("recommendations", "loaded", True, 2),
    ])  # fmt: skip
    (part_reason,) = rows(engine, f"SELECT reason FROM bi_report_parts WHERE part = '{REFERENDUM}'")
    assert "'Referendum on the constitution'" in part_reason[0]
    # Every fact view names the election and the report's URL.
    for view in ("bi_results", "bi_turnout", "bi_observers", "bi_recommendations",
                 "bi_report_parts", "bi_reports"):  # fmt: skip
        assert set(rows(engine, f"SELECT election_id, report_url FROM {view}")) == {
            (7, "https://www.osce.org/r.pdf")}, view
    assert rows(engine, "SELECT reports, final_report_loaded FROM bi_elections") in (
        [(1, True)], [(1, 1)])

    # A rerun writes the same rows again, never twice.
    before = _counts(engine)
    _load(engine, document_id, version_id, "pdf_bad")
    assert _counts(engine) == before

    # A reparse that reads the table correctly loads it: every part loaded, no reason left.
    _load(engine, document_id, version_id, "pdf_good")
    assert rows(engine, "SELECT status, status_reason FROM bi_reports") == [("loaded", None)]
    assert rows(engine, "SELECT DISTINCT status FROM bi_report_parts") == [("loaded",)]
    assert rows(engine, "SELECT count(*) FROM bi_results WHERE contest LIKE 'Referendum%'") == [
        (2,)]


def test_a_parser_problem_goes_through_the_loader_as_a_quarantined_part(
    database_url: str,
) -> None:
    engine, document_id, version_id = _warehouse(database_url)
    _load(engine, document_id, version_id, "observers_problem")
    assert rows(engine, "SELECT status FROM bi_reports") == [("partial",)]
    assert rows(engine, "SELECT count(*) FROM bi_observers") == [(0,)]
    assert rows(engine, "SELECT status, reason, page FROM bi_report_parts "
                        "WHERE part = 'observers'") == [  # fmt: skip
        ("quarantined", "observer list on page 40 has no names", 40)]


def test_a_quarantined_report_lists_its_parts_and_loads_nothing(database_url: str) -> None:
    engine, document_id, version_id = _warehouse(database_url)
    _load(engine, document_id, version_id, "good")
    _load(engine, document_id, version_id, "metadata_bad")
    assert rows(engine, "SELECT status FROM bi_reports") == [("quarantined",)]
    assert _counts(engine) | {"bi_report_parts": 0} == dict.fromkeys(_counts(engine), 0)
    assert rows(engine, "SELECT part, status FROM bi_report_parts ORDER BY part") == [
        ("metadata", "quarantined"), ("observers", "quarantined"),
        ("recommendations", "quarantined"), ("results:First", "quarantined"),
    ]  # fmt: skip


def test_new_fact_columns_reach_the_views(database_url: str) -> None:
    engine, document_id, version_id = _warehouse(database_url)
    _load(engine, document_id, version_id, "new_columns")
    figures = [r[0] for r in rows(engine, "SELECT extra_figures FROM bi_results ORDER BY votes")]
    assert figures[0] is None
    assert json.loads(figures[1]) == {"Votes abroad": 12, "Votes abroad (2)": 3, "Note": "recount"}
    assert rows(engine, "SELECT country_code, delegation_kind FROM bi_observers") == [
        ("SE", "core_team")]
    assert [bool(r[0]) for r in rows(engine, "SELECT numbered FROM bi_recommendations")] == [False]
    assert rows(engine, "SELECT country_code, election_date, round_date, text_source "
                        "FROM bi_turnout") in ([("MD", DAY, DAY, "pdf")],  # fmt: skip
                                               [("MD", DAY.isoformat(), DAY.isoformat(), "pdf")])


def test_the_digest_changes_when_a_part_changes_status() -> None:
    good, bad = plan("good"), plan("second_bad")
    assert facts_digest(good.to_load, (), good.parts, good.reason) != facts_digest(
        bad.to_load, (), bad.parts, bad.reason)


def test_the_run_summary_lists_partial_reports_and_counts_absent_parts() -> None:
    summary = RunSummary("backfill", run_id=3)
    summary.add("partial")
    summary.partial.append(("/r.pdf", f"{REFERENDUM} quarantined: share_vote_mismatch …"))
    summary.add_absent("observers")
    summary.add_absent("observers")
    out = summary.format_text()
    assert re.search(r"\bpartial\s+1\b", out), out
    assert f"PARTIAL     /r.pdf: {REFERENDUM} quarantined" in out
    assert "parts not found in final reports: observers 2" in out
    assert summary.as_dict()["absent_observers"] == 2
    assert summary.as_dict()["absent_results"] == 0
    assert "| `/r.pdf` | partial |" in summary.quarantine_markdown()


def test_a_report_that_cannot_be_read_at_all_lists_its_metadata_as_quarantined(
    database_url: str,
) -> None:
    engine, document_id, version_id = _warehouse(database_url)
    reason = "not a PDF: the 1024 bytes served start with '<!DOCTYPE html>'"
    quarantine_report(engine, document_id=document_id, version_id=version_id, code="not_a_pdf",
                      reason=reason, run_id=None)  # fmt: skip
    assert rows(engine, "SELECT part, status, reason, rows FROM bi_report_parts") == [
        ("metadata", "quarantined", reason, 0)]
    assert rows(engine, "SELECT status, status_reason FROM bi_reports") == [
        ("quarantined", reason)]


def test_the_validation_report_tells_partial_from_quarantined_reports() -> None:
    from odihr.validate.report_html import render_html

    run = _validated()[1]
    assert run["second_bad"].verdict == "partial"
    assert run["second_bad"].blocked_parts == ["results:Second"]
    assert run["metadata_bad"].verdict == "quarantined"
    assert run["good"].verdict == "clean"
    html = render_html(run)
    assert '<span class="badge partial">partial</span>' in html
    assert "results:Second" in html
