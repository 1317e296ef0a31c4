"""Build the records a perfect parser would return (``odihr.records``) from ``tests/truth/*.json``.

Shared test helper: validation tests validate these records, parser tests can compare their own
output with them, loader tests can load them. Mapping (see the mirror's README): ``share`` →
``vote_share``, ``seats_pr``/``seats_smd`` → ``seats_proportional``/``seats_majoritarian``,
``valid_votes_total`` → ``valid_votes``, ``group``/``parent_group`` →
``delegation``/``delegation_parent``, ``report_type_code`` → contract ``report_type``. The truth
does not record page numbers, so every ``page`` is 1; it does not record printed totals rows, so
``printed_*_total`` stay None.

Usage::

    from truth_records import truth_reports, truth_report, load_truth
    reports = truth_reports()                 # {url_path: ParsedReport} for every truth file
    report = truth_report("385260")           # one report, by pdf_id
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from odihr.records import (
    Contest,
    Observer,
    ParsedReport,
    Recommendation,
    ReportMetadata,
    ResultRound,
    ResultRow,
)

TRUTH_DIR = Path(__file__).with_name("truth")
TRUTH_PARSER_VERSION = "truth"
#: Page number used where the truth does not say which page a fact was read from.
UNKNOWN_PAGE = 1

#: Truth ``report_type_code`` → contract ``report_type``.
REPORT_TYPE_CODES = {
    "final_report": "final",
    "needs_assessment_mission_report": "needs_assessment",
    "interim_report": "interim",
    "statement_of_preliminary_findings_and_conclusions": "preliminary_statement",
}


def truth_paths(truth_dir: Path = TRUTH_DIR) -> list[Path]:
    """Every per-PDF truth file (``site.json`` excluded), sorted by pdf_id."""
    paths = [p for p in truth_dir.glob("*.json") if p.stem.isdigit()]
    return sorted(paths, key=lambda p: int(p.stem))


def load_truth(pdf_id: str | int, truth_dir: Path = TRUTH_DIR) -> dict[str, Any]:
    """The parsed truth JSON of one PDF."""
    return json.loads((truth_dir / f"{pdf_id}.json").read_text(encoding="utf-8"))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _row(row: Mapping[str, Any]) -> ResultRow:
    return ResultRow(
        contestant=row["contestant"],
        votes=row.get("votes"),
        vote_share=row.get("share"),
        page=UNKNOWN_PAGE,
        seats=row.get("seats"),
        seats_proportional=row.get("seats_pr"),
        seats_majoritarian=row.get("seats_smd"),
        nominated_by=row.get("nominated_by"),
    )


def _round(rnd: Mapping[str, Any]) -> ResultRound:
    return ResultRound(
        number=rnd["round"],
        rows=tuple(_row(r) for r in rnd["rows"]),
        page=UNKNOWN_PAGE,
        date=_date(rnd.get("date")),
        registered_voters=rnd.get("registered_voters"),
        voters_participated=rnd.get("voters_participated"),
        turnout_pct=rnd.get("turnout_pct"),
        valid_votes=rnd.get("valid_votes_total"),
        invalid_ballots=rnd.get("invalid_ballots"),
    )


def _contest(contest: Mapping[str, Any]) -> Contest:
    return Contest(
        title=contest["contest"],
        kind=contest["kind"],
        rounds=tuple(_round(r) for r in contest["rounds"]),
        seats_total=contest.get("seats_total"),
    )


def _observer(position: int, obs: Mapping[str, Any]) -> Observer:
    return Observer(
        position=position,
        given_name=obs["given_name"],
        family_name=obs["family_name"],
        country=obs.get("country"),
        role=obs.get("role"),
        delegation=obs["group"],
        delegation_parent=obs.get("parent_group"),
        page=UNKNOWN_PAGE,
    )


def _recommendation(rec: Mapping[str, Any]) -> Recommendation:
    return Recommendation(
        number=rec["number"],
        priority=bool(rec["priority"]),
        section=rec.get("section"),
        text=rec["text"],
        previously_recommended=bool(rec.get("previously_recommended", False)),
        page=UNKNOWN_PAGE,
    )


def truth_to_report(truth: Mapping[str, Any]) -> ParsedReport:
    """The :class:`ParsedReport` a correct parser returns for the PDF this truth describes."""
    metadata = ReportMetadata(
        pages=truth["page_count"],
        country=truth.get("country"),
        election_title=truth.get("election_title"),
        election_type=truth.get("election_type"),
        early=truth.get("early"),
        election_date=_date(truth.get("election_date")),
        election_dates=tuple(d for d in map(_date, truth.get("election_dates") or ()) if d),
        mission_type=truth.get("mission_type"),
        report_type=REPORT_TYPE_CODES.get(truth.get("report_type_code") or "", "other"),
        language=truth.get("language"),
        published_on=_date(truth.get("publication_date")),
    )
    results = truth.get("results") or {}
    return ParsedReport(
        parser_version=TRUTH_PARSER_VERSION,
        metadata=metadata,
        contests=tuple(_contest(c) for c in results.get("contests") or ()),
        observers=tuple(_observer(i, o) for i, o in enumerate(truth.get("observers") or (), 1)),
        recommendations=tuple(_recommendation(r) for r in truth.get("recommendations") or ()),
    )


def truth_report(pdf_id: str | int, truth_dir: Path = TRUTH_DIR) -> ParsedReport:
    """The records of one truth PDF, by pdf_id."""
    return truth_to_report(load_truth(pdf_id, truth_dir))


def truth_reports(truth_dir: Path = TRUTH_DIR) -> dict[str, ParsedReport]:
    """Records of every truth PDF, keyed by ``url_path`` (the warehouse's report key)."""
    reports: dict[str, ParsedReport] = {}
    for path in truth_paths(truth_dir):
        truth = json.loads(path.read_text(encoding="utf-8"))
        reports[truth["url_path"]] = truth_to_report(truth)
    return reports


def expected_failures(truth_dir: Path = TRUTH_DIR) -> dict[str, list[dict[str, Any]]]:
    """``expected_validation_failures`` of every truth PDF, keyed by ``url_path``."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in truth_paths(truth_dir):
        truth = json.loads(path.read_text(encoding="utf-8"))
        out[truth["url_path"]] = list(truth.get("expected_validation_failures") or ())
    return out
