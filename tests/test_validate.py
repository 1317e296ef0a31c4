"""Validation of whole runs: the truth is clean, planted source inconsistencies are warnings, and
deliberately damaged extractions are blocking.

All reports (26 truth reports and the damaged copies) are validated in ONE run shared by the
module, as the pipeline does: GX is slow to start and cheap per report once running.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from odihr.records import ParsedReport, ResultRound, ResultRow
from odihr.validate import ValidationRun, validate_reports

from truth_records import expected_failures, truth_report, truth_reports


def _with_round(report: ParsedReport, edit: Callable[[ResultRound], ResultRound]) -> ParsedReport:
    """``report`` with the first round of its first contest edited."""
    contest = report.contests[0]
    rounds = (edit(contest.rounds[0]), *contest.rounds[1:])
    return replace(report, contests=(replace(contest, rounds=rounds), *report.contests[1:]))


def _rows(
    edit: Callable[[list[ResultRow]], list[ResultRow]],
) -> Callable[[ResultRound], ResultRound]:
    return lambda rnd: replace(rnd, rows=tuple(edit(list(rnd.rows))))


def _drop(name: str) -> Callable[[list[ResultRow]], list[ResultRow]]:
    return lambda rows: [r for r in rows if r.contestant != name]


def _votes_into_share(rows: list[ResultRow]) -> list[ResultRow]:
    return [replace(r, vote_share=float(r.votes), votes=None) if r.votes else r for r in rows]


def _votes_into_seats(rows: list[ResultRow]) -> list[ResultRow]:
    return [replace(r, seats=r.votes, votes=None) for r in rows]


def _seats_into_votes(rows: list[ResultRow]) -> list[ResultRow]:
    return [replace(r, votes=r.seats, seats=None) for r in rows]


def _shares_shifted_up(rows: list[ResultRow]) -> list[ResultRow]:
    """Each row got the next row's share (the share column read one line off)."""
    shares = [r.vote_share for r in rows[1:]] + [None]
    return [replace(r, vote_share=s) for r, s in zip(rows, shares, strict=True)]


def _total_row(name: str) -> Callable[[ResultRound], ResultRound]:
    def edit(rnd: ResultRound) -> ResultRound:
        total = ResultRow(contestant=name, votes=rnd.valid_votes, vote_share=100.0, page=1)
        return replace(rnd, rows=(*rnd.rows, total))

    return edit


def _drop_recommendation(number: int) -> Callable[[ParsedReport], ParsedReport]:
    return lambda r: replace(
        r, recommendations=tuple(x for x in r.recommendations if x.number != number)
    )


#: name → (truth pdf_id, damage, checks that must be among the blocking failures).
DAMAGED: dict[str, tuple[str, Callable[[ParsedReport], ParsedReport], set[str]]] = {
    "dropped_big_row": (
        "250536",
        lambda r: _with_round(r, _rows(_drop("Auyl"))),
        {"votes_sum_mismatch"},
    ),
    "dropped_tiny_row": (
        "297551",
        lambda r: _with_round(r, _rows(_drop("Unity Hall"))),
        {"votes_sum_mismatch"},
    ),
    "dropped_row_no_totals": (
        "434101",
        lambda r: _with_round(
            r,
            lambda rnd: replace(
                _rows(_drop("Zhanar Omarova"))(rnd), valid_votes=None, invalid_ballots=None
            ),
        ),
        {"share_vote_mismatch"},
    ),
    "votes_into_share": (
        "300026",
        lambda r: _with_round(r, _rows(_votes_into_share)),
        {"share_out_of_range"},
    ),
    "votes_into_seats": (
        "250536",
        lambda r: _with_round(r, _rows(_votes_into_seats)),
        {"seats_exceed_total", "seats_sum_mismatch"},
    ),
    "seats_into_votes": (
        "495526",
        lambda r: _with_round(r, _rows(_seats_into_votes)),
        {"votes_sum_mismatch"},
    ),
    "shares_one_line_off": (
        "598211",
        lambda r: _with_round(r, _rows(_shares_shifted_up)),
        {"share_vote_mismatch"},
    ),
    "total_row_as_party": (
        "14112",
        lambda r: _with_round(r, _total_row("Total")),
        {"total_row_as_contestant", "votes_sum_mismatch", "share_sum_over_100"},
    ),
    "valid_votes_row_as_party": (
        "496102",
        lambda r: _with_round(r, _total_row("Number of valid ballots")),
        {"votes_sum_mismatch", "share_sum_over_100"},
    ),
    "valid_votes_misread": (
        "434101",
        lambda r: _with_round(r, lambda rnd: replace(rnd, valid_votes=9302342)),
        {"ballots_sum_mismatch"},
    ),
    "recommendation_gap": ("385260", _drop_recommendation(5), {"recommendation_number_gap"}),
    "observer_country_is_role": (
        "496102",
        lambda r: replace(
            r, observers=(replace(r.observers[0], country="Head of Mission"), *r.observers[1:])
        ),
        {"unknown_country"},
    ),
    "published_before_election": (
        "434101",
        lambda r: replace(r, metadata=replace(r.metadata, published_on=date(2018, 6, 9))),
        {"published_before_election"},
    ),
}

#: Faithful copies of sources that misprint a total (digits transposed): warnings, not blocking.
SOURCE_TYPOS: dict[str, Callable[[ResultRound], ResultRound]] = {
    # The table's own totals row says 9,302,342; the turnout block and the rows say 9,302,324.
    "source:totals-row-typo": lambda rnd: replace(rnd, printed_votes_total=9302342),
    # The valid-votes figure itself is misprinted and no invalid-ballot count confirms it.
    "source:valid-votes-typo": lambda rnd: replace(rnd, valid_votes=9302342, invalid_ballots=None),
}


#: A round whose turnout block printed lines that are no turnout field (kept on the record).
UNPLACED = "source:turnout-lines-unplaced"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ValidationRun:
    reports = dict(truth_reports())
    for name, (pdf_id, damage, _) in DAMAGED.items():
        reports[f"damaged:{name}"] = damage(truth_report(pdf_id))
    for key, typo in SOURCE_TYPOS.items():
        reports[key] = _with_round(truth_report("434101"), typo)
    reports[UNPLACED] = _with_round(truth_report("434101"), lambda rnd: replace(
        rnd, extra_figures=(("Invalid ballots, %", 0.64), ("Postal votes", 1520))))
    result = validate_reports(reports, report_dir=tmp_path_factory.mktemp("reports"))
    print(f"\nvalidated {len(reports)} reports in {result.seconds:.2f}s")
    return result


TRUTH = expected_failures()
CLEAN = [key for key, failures in TRUTH.items() if not failures]
PLANTED = [key for key, failures in TRUTH.items() if failures]


def test_the_truth_has_planted_inconsistencies() -> None:
    assert PLANTED, "the sample's truth plants at least one source inconsistency"


@pytest.mark.parametrize("key", CLEAN)
def test_clean_truth_report_passes_without_warnings(run: ValidationRun, key: str) -> None:
    verdict = run[key]
    assert verdict.blocking == [] and verdict.warnings == []
    assert verdict.passed and verdict.quarantine_reason is None and verdict.dq_warnings is None


@pytest.mark.parametrize("key", PLANTED)
def test_planted_inconsistency_is_exactly_a_warning(run: ValidationRun, key: str) -> None:
    verdict = run[key]
    assert verdict.blocking == []
    assert len(verdict.warnings) == len(TRUTH[key])
    for expected in TRUTH[key]:
        fields = {k: v for k, v in expected.items() if k != "check"}
        matches = [
            w for w in verdict.warnings
            if w.check == expected["check"] and fields.items() <= w.observed.items()
        ]  # fmt: skip
        assert len(matches) == 1, (expected, verdict.warnings)
    assert verdict.dq_warnings and "331,970" in verdict.dq_warnings


def test_planted_warning_message_names_the_figures(run: ValidationRun) -> None:
    (warning,) = run["/files/f/documents/6/7/385260.pdf"].warnings
    assert warning.message.startswith(
        "votes_sum_mismatch in 'Presidential Election' round 1: "
        "printed total 331,970 ≠ sum of rows 331,790"
    )
    assert warning.table == "turnout" and warning.severity == "warning"


@pytest.mark.parametrize("name", DAMAGED)
def test_damaged_extraction_is_blocking(run: ValidationRun, name: str) -> None:
    verdict = run[f"damaged:{name}"]
    _, _, must = DAMAGED[name]
    found = {f.check for f in verdict.blocking}
    assert must <= found, [f.message for f in verdict.blocking + verdict.warnings]
    assert not verdict.passed and verdict.quarantine_reason


def test_dropped_row_message_says_what_to_do(run: ValidationRun) -> None:
    failure = next(
        f for f in run["damaged:dropped_big_row"].blocking if f.check == "votes_sum_mismatch"
    )
    assert failure.observed["printed_total"] == 7522868
    assert failure.observed["sum_of_rows"] == 7522868 - 151285
    assert "dropped" in failure.message


@pytest.mark.parametrize("key", SOURCE_TYPOS)
def test_source_total_typo_is_a_warning(run: ValidationRun, key: str) -> None:
    verdict = run[key]
    assert verdict.blocking == []
    assert [w.check for w in verdict.warnings] == ["votes_sum_mismatch"]
    assert "source" in verdict.warnings[0].message


def test_turnout_lines_no_field_takes_are_a_warning_naming_them(run: ValidationRun) -> None:
    verdict = run[UNPLACED]
    assert verdict.blocking == [] and verdict.passed
    assert [w.check for w in verdict.warnings] == ["turnout_line_unplaced"]
    assert verdict.dq_warnings and "Invalid ballots, %: 0.64 | Postal votes: 1520" in \
        verdict.dq_warnings


def test_misread_valid_votes_confirmed_by_nothing_is_blocking(run: ValidationRun) -> None:
    # Same typo as above, but valid + invalid no longer equals the voters who took part: the
    # valid-votes figure may have been read from the wrong line, so the report is quarantined.
    verdict = run["damaged:valid_votes_misread"]
    assert {f.check for f in verdict.blocking} == {"ballots_sum_mismatch"}


def test_no_expectation_failed_to_run(run: ValidationRun) -> None:
    errors = [(s.name, e.check, e.error) for s in run.suites for e in s.expectations if e.error]
    assert errors == []
    assert [s.name for s in run.suites] == [
        "report_metadata", "results", "turnout", "observers", "recommendations"
    ]  # fmt: skip


def test_empty_run_needs_no_gx(tmp_path: Path) -> None:
    empty = validate_reports({}, report_dir=tmp_path)
    assert empty.reports == {} and empty.html_path and empty.html_path.exists()


def test_importing_the_api_does_not_import_gx() -> None:
    code = "import sys, odihr.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
