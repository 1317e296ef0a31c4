"""One DataFrame per warehouse table for a whole run of reports, each row tagged with its report
and its part (``part``: ``metadata``, ``results:<contest>``, ``observers``, ``recommendations``;
:mod:`odihr.validate.parts`), so that a failing row quarantines only its part.

Besides the columns the warehouse loads, each frame carries *derived* columns that the suites
compare: per-round sums (no core expectation sums rows), recomputed shares and turnout, rounding
tolerances and 1..n positions. The frames are validated once per run, not once per report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from odihr.countries import normalise_country
from odihr.records import Contest, ParsedReport, ResultRound
from odihr.validate.arithmetic import (
    RoundArithmetic,
    counts_consistent,
    half_unit,
    round_arithmetic,
    turnout_deviation,
)
from odihr.validate.parts import contest_parts

#: Report types written after election day: their election date cannot follow publication.
POST_ELECTION_TYPES = ("final", "preliminary_statement")

_T, _I, _F, _B, _D = "text", "Int64", "Float64", "boolean", "date"
TEXT_DTYPE = "str" if int(pd.__version__.split(".")[0]) >= 3 else "object"

REPORT_COLUMNS: dict[str, str] = {
    "report_key": _T, "part": _T, "parser_version": _T, "pages": _I, "country": _T,
    "country_key": _T,
    "election_title": _T, "election_type": _T, "early": _B, "election_date": _D,
    "first_election_date": _D, "published_on": _D, "mission_type": _T, "report_type": _T,
    "language": _T, "post_election": _B,
}  # fmt: skip
RESULT_COLUMNS: dict[str, str] = {
    "report_key": _T, "part": _T, "contest_no": _I, "contest": _T, "contest_kind": _T, "round": _I,
    "row_no": _I, "contestant": _T, "nominated_by": _T, "votes": _I, "vote_share": _F,
    "seats": _I, "seats_proportional": _I, "seats_majoritarian": _I, "page": _I,
    "has_figure": _B, "seats_split_sum": _I, "contest_seats_total": _I, "share_base": _I,
    "share_base_name": _T, "share_expected": _F, "share_deviation": _F, "share_tolerance": _F,
}  # fmt: skip
TURNOUT_COLUMNS: dict[str, str] = {
    "report_key": _T, "part": _T, "contest_no": _I, "contest": _T, "contest_kind": _T, "round": _I,
    "expected_round": _I, "round_date": _D, "page": _I, "n_rows": _I,
    "registered_voters": _I, "voters_participated": _I, "turnout_pct": _F,
    "turnout_pct_computed": _F, "turnout_deviation": _F, "turnout_tolerance": _F,
    "valid_votes": _I, "invalid_ballots": _I, "ballots_sum": _I, "printed_votes_total": _I,
    "votes_sum": _I, "share_sum": _F, "share_sum_tolerance": _F, "share_sum_upper": _F,
    "share_sum_expected": _F, "share_sum_deviation": _F, "printed_share_total": _F,
    "share_total_deviation": _F, "share_base": _I, "share_base_name": _T, "seats_sum": _I,
    "printed_seats_total": _I, "contest_seats_sum": _I, "seats_total": _I,
    "rows_self_consistent": _B, "counts_self_consistent": _B, "ballots_cross_checked": _B,
    "turnout_extra_figures": _T,
}  # fmt: skip
OBSERVER_COLUMNS: dict[str, str] = {
    "report_key": _T, "part": _T, "position": _I, "expected_position": _I, "given_name": _T,
    "family_name": _T, "country": _T, "country_key": _T, "role": _T, "delegation": _T,
    "delegation_parent": _T, "page": _I, "delegation_kind": _T,
}  # fmt: skip
RECOMMENDATION_COLUMNS: dict[str, str] = {
    "report_key": _T, "part": _T, "number": _I, "expected_number": _I, "priority": _B,
    "section": _T, "text": _T, "previously_recommended": _B, "page": _I,
}  # fmt: skip


def _frame(records: list[dict[str, Any]], columns: Mapping[str, str]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=list(columns))
    for name, kind in columns.items():
        if kind == _D:
            df[name] = pd.to_datetime(df[name], errors="coerce")
        elif kind == _T:
            # pandas 3's "str" keeps missing values missing (pandas 2's astype(str) would not).
            df[name] = df[name].astype(TEXT_DTYPE)
        else:
            df[name] = df[name].astype(kind)
    return df.reset_index(drop=True)


def _opt(value: Any, fn: Callable[[Any], Any]) -> Any:
    return None if value is None else fn(value)


def _dev(x: float | None, y: float | None) -> float | None:
    return None if x is None or y is None else abs(x - y)


def report_rows(key: str, report: ParsedReport) -> Iterable[dict[str, Any]]:
    """The one ``report_metadata`` row of a report."""
    m = report.metadata
    yield {
        "report_key": key, "part": "metadata", "parser_version": report.parser_version,
        "pages": m.pages,
        "country": m.country, "country_key": _opt(m.country, normalise_country),
        "election_title": m.election_title, "election_type": m.election_type,
        "early": m.early, "election_date": m.election_date,
        "first_election_date": min(m.election_dates) if m.election_dates else None,
        "published_on": m.published_on, "mission_type": m.mission_type,
        "report_type": m.report_type, "language": m.language,
        "post_election": m.report_type in POST_ELECTION_TYPES,
    }  # fmt: skip


def _result_rows(
    key: str, part: str, no: int, contest: Contest, rnd: ResultRound, arithmetic: RoundArithmetic
) -> Iterable[dict]:
    base = arithmetic.share_base
    for row_no, row in enumerate(rnd.rows, 1):
        expected = deviation = None
        if base and row.votes is not None:
            expected = 100.0 * row.votes / base
            if row.vote_share is not None:
                deviation = abs(row.vote_share - expected)
        split = (row.seats_proportional, row.seats_majoritarian)
        yield {
            "report_key": key, "part": part, "contest_no": no, "contest": contest.title,
            "contest_kind": contest.kind, "round": rnd.number, "row_no": row_no,
            "contestant": row.contestant, "nominated_by": row.nominated_by, "votes": row.votes,
            "vote_share": row.vote_share, "seats": row.seats,
            "seats_proportional": row.seats_proportional,
            "seats_majoritarian": row.seats_majoritarian, "page": row.page,
            "has_figure": any(
                v is not None for v in (row.votes, row.vote_share, row.seats, *split)
            ),
            "seats_split_sum": None if None in split else sum(split),  # type: ignore[arg-type]
            "contest_seats_total": contest.seats_total, "share_base": base,
            "share_base_name": arithmetic.share_base_name,
            "share_expected": expected, "share_deviation": deviation,
            "share_tolerance": _opt(row.vote_share, half_unit),
        }  # fmt: skip


def _turnout_row(
    key: str,
    part: str,
    no: int,
    contest: Contest,
    index: int,
    rnd: ResultRound,
    a: RoundArithmetic,
) -> dict:
    computed, t_dev, t_tol = turnout_deviation(rnd)
    complete = a.votes_sum is not None and a.votes_sum in (rnd.valid_votes, rnd.printed_votes_total)
    share_rows = [r for r in rnd.rows if r.vote_share is not None]
    expected = None
    if complete and a.share_base and share_rows and all(r.votes is not None for r in share_rows):
        expected = 100.0 * sum(r.votes or 0 for r in share_rows) / a.share_base
    seats = [r.seats for c_rnd in contest.rounds for r in c_rnd.rows if r.seats is not None]
    valid, invalid = rnd.valid_votes, rnd.invalid_ballots
    return {
        "report_key": key, "part": part, "contest_no": no, "contest": contest.title,
        "contest_kind": contest.kind, "round": rnd.number, "expected_round": index,
        "round_date": rnd.date, "page": rnd.page, "n_rows": len(rnd.rows),
        "registered_voters": rnd.registered_voters,
        "voters_participated": rnd.voters_participated, "turnout_pct": rnd.turnout_pct,
        "turnout_pct_computed": computed, "turnout_deviation": t_dev, "turnout_tolerance": t_tol,
        "valid_votes": valid, "invalid_ballots": invalid,
        "ballots_sum": None if valid is None or invalid is None else valid + invalid,
        # A totals row that repeats the printed valid votes is one fact, checked once.
        "printed_votes_total": (
            None if rnd.printed_votes_total == valid else rnd.printed_votes_total
        ),
        "votes_sum": a.votes_sum, "share_sum": a.share_sum,
        "share_sum_tolerance": a.share_sum_tolerance,
        "share_sum_upper": _opt(a.share_sum_tolerance, lambda t: 100.0 + t),
        "share_sum_expected": expected, "share_sum_deviation": _dev(a.share_sum, expected),
        "printed_share_total": rnd.printed_share_total,
        "share_total_deviation": _dev(a.share_sum, rnd.printed_share_total),
        "share_base": a.share_base, "share_base_name": a.share_base_name,
        "seats_sum": a.seats_sum,
        "printed_seats_total": (
            None if index == 1 and rnd.printed_seats_total == contest.seats_total
            else rnd.printed_seats_total
        ),
        # Seats are allocated once per contest, whatever the round they were won in.
        "contest_seats_sum": (sum(seats) if seats else None) if index == 1 else None,
        "seats_total": contest.seats_total if index == 1 else None,
        "rows_self_consistent": a.rows_self_consistent,
        "counts_self_consistent": counts_consistent(rnd),
        "ballots_cross_checked": (
            t_dev is not None and t_tol is not None and t_dev <= t_tol
            and a.votes_sum is not None and a.votes_sum == valid
            and (rnd.registered_voters or 0) >= (rnd.voters_participated or 0) >= (valid or 0)
        ),
        # Turnout-block lines no field takes: kept on the record, reported as a warning.
        "turnout_extra_figures": " | ".join(f"{label}: {value}" for label, value in
                                           rnd.extra_figures) or None,
    }  # fmt: skip


def build_frames(reports: Mapping[str, ParsedReport]) -> dict[str, pd.DataFrame]:
    """Frames ``reports``, ``results``, ``turnout``, ``observers``, ``recommendations``."""
    meta: list[dict] = []
    results: list[dict] = []
    turnout: list[dict] = []
    observers: list[dict] = []
    recs: list[dict] = []
    for key, report in reports.items():
        meta.extend(report_rows(key, report))
        parts = contest_parts(report.contests)
        for no, (contest, part) in enumerate(zip(report.contests, parts, strict=True), 1):
            for index, rnd in enumerate(contest.rounds, 1):
                arithmetic = round_arithmetic(rnd)
                results.extend(_result_rows(key, part, no, contest, rnd, arithmetic))
                turnout.append(_turnout_row(key, part, no, contest, index, rnd, arithmetic))
        for pos, obs in enumerate(report.observers, 1):
            observers.append({
                "report_key": key, "part": "observers", "position": obs.position,
                "expected_position": pos,
                "given_name": obs.given_name, "family_name": obs.family_name,
                "country": obs.country, "country_key": _opt(obs.country, normalise_country),
                "role": obs.role, "delegation": obs.delegation,
                "delegation_parent": obs.delegation_parent, "page": obs.page,
                "delegation_kind": obs.delegation_kind,
            })  # fmt: skip
        for pos, rec in enumerate(report.recommendations, 1):
            recs.append({
                "report_key": key, "part": "recommendations", "number": rec.number,
                "expected_number": pos,
                "priority": rec.priority, "section": rec.section, "text": rec.text,
                "previously_recommended": rec.previously_recommended, "page": rec.page,
            })  # fmt: skip
    return {
        "reports": _frame(meta, REPORT_COLUMNS),
        "results": _frame(results, RESULT_COLUMNS),
        "turnout": _frame(turnout, TURNOUT_COLUMNS),
        "observers": _frame(observers, OBSERVER_COLUMNS),
        "recommendations": _frame(recs, RECOMMENDATION_COLUMNS),
    }
