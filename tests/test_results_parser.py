"""The results parser against the ground truth of every sample PDF, field by field.

Each PDF is parsed once (cached). Truth names map to records as the mirror's README says:
``share`` → ``vote_share``, ``seats_pr``/``seats_smd`` → ``seats_proportional``/
``seats_majoritarian``, ``valid_votes_total`` → ``valid_votes``. The truth has no page numbers,
so pages are checked against the PDF itself: each row's page is at or after the results annex
heading and prints the contestant's name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from odihr.parse.pdf import PdfReport
from odihr.parse.results import read_results
from odihr.parse.results.layout import LayoutSettings
from odihr.parse.results.settings import LocateSettings
from odihr.records import Contest

from truth_records import load_truth, truth_paths

SAMPLE_SITE = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"
PDF_IDS = [p.stem for p in truth_paths()]
WITH_RESULTS = [pid for pid in PDF_IDS if load_truth(pid)["results"]]
ROUND_FIELDS = {"round": "number", "date": "date", "registered_voters": "registered_voters",
                "voters_participated": "voters_participated", "turnout_pct": "turnout_pct",
                "invalid_ballots": "invalid_ballots", "valid_votes_total": "valid_votes"}
ROW_FIELDS = {"contestant": "contestant", "votes": "votes", "share": "vote_share",
              "seats": "seats", "seats_pr": "seats_proportional",
              "seats_smd": "seats_majoritarian", "nominated_by": "nominated_by"}
ANNEX_HEADING = re.compile(r"^(ANNEX|ПРИЛОЖЕНИЕ)\b[^\n.]*(RESULTS|РЕЗУЛЬТАТЫ)", re.MULTILINE)


def pdf_path(pdf_id: str) -> Path:
    return SAMPLE_SITE / load_truth(pdf_id)["url_path"].lstrip("/")


@cache
def parsed(pdf_id: str) -> tuple[Contest, ...]:
    with PdfReport(pdf_path(pdf_id).read_bytes()) as pdf:
        return read_results(pdf).contests


@cache
def page_texts(pdf_id: str) -> tuple[str, ...]:
    with PdfReport(pdf_path(pdf_id).read_bytes()) as pdf:
        return pdf.texts


def observed(contests: tuple[Contest, ...]) -> list[dict[str, Any]]:
    """The parsed contests in the truth's vocabulary (titles left out: see the title tests)."""
    return [{
        "kind": c.kind, "seats_total": c.seats_total,
        "rounds": [{
            **{name: getattr(r, attr) for name, attr in ROUND_FIELDS.items()},
            "date": r.date.isoformat() if r.date else None,
            "rows": [{name: getattr(row, attr) for name, attr in ROW_FIELDS.items()}
                     for row in r.rows],
        } for r in c.rounds],
    } for c in contests]


def expected(truth: dict[str, Any]) -> list[dict[str, Any]]:
    """The truth's contests with every compared field (absent row fields are null)."""
    return [{
        "kind": c["kind"], "seats_total": c["seats_total"],
        "rounds": [{
            **{name: r[name] for name in ROUND_FIELDS},
            "rows": [{name: row.get(name) for name in ROW_FIELDS} for row in r["rows"]],
        } for r in c["rounds"]],
    } for c in truth["results"]["contests"]]


@pytest.mark.parametrize("pdf_id", PDF_IDS)
def test_results_match_truth(pdf_id: str) -> None:
    truth = load_truth(pdf_id)
    if truth["results"] is None:
        assert parsed(pdf_id) == ()
    else:
        assert observed(parsed(pdf_id)) == expected(truth)


@pytest.mark.parametrize("pdf_id", WITH_RESULTS)
def test_titles_match_truth(pdf_id: str) -> None:
    """No sample table has a caption: every title is the cover's election name, as printed."""
    titles = [c["contest"] for c in load_truth(pdf_id)["results"]["contests"]]
    assert [c.title for c in parsed(pdf_id)] == titles


@pytest.mark.parametrize("pdf_id", WITH_RESULTS)
def test_pages_are_in_the_results_annex(pdf_id: str) -> None:
    texts = page_texts(pdf_id)
    annex = next(n for n, text in enumerate(texts, 1)
                 if ANNEX_HEADING.search(text) and "...." not in text)
    for contest in parsed(pdf_id):
        for rnd in contest.rounds:
            assert annex <= rnd.page <= annex + 2
            for row in rnd.rows:
                assert annex <= row.page <= annex + 2, row
                flat = " ".join(texts[row.page - 1].split())
                assert row.contestant.split()[-1] in flat, (row.contestant, row.page)


@pytest.mark.parametrize("pdf_id", WITH_RESULTS)
def test_rows_add_up_to_the_printed_totals(pdf_id: str) -> None:
    """Arithmetic invariants; a planted mismatch must be the one the truth declares."""
    planted = {(f["contest"], f["round"]): f for f in load_truth(pdf_id)[
        "expected_validation_failures"] if f["check"] == "votes_sum_mismatch"}
    truth_titles = [c["contest"] for c in load_truth(pdf_id)["results"]["contests"]]
    for contest, truth_title in zip(parsed(pdf_id), truth_titles, strict=True):
        for rnd in contest.rounds:
            votes = sum(r.votes for r in rnd.rows if r.votes is not None)
            if rnd.printed_votes_total is not None:
                declared = planted.get((truth_title, rnd.number))
                if declared:
                    assert (rnd.printed_votes_total, votes) == (
                        declared["printed_total"], declared["sum_of_rows"])
                else:
                    assert votes == rnd.printed_votes_total
            shares = [r.vote_share for r in rnd.rows if r.vote_share is not None]
            if shares:
                assert sum(shares) == pytest.approx(100, abs=0.6)
            seats = [r.seats for r in rnd.rows if r.seats is not None]
            if seats and rnd.printed_seats_total is not None:
                assert sum(seats) == rnd.printed_seats_total == contest.seats_total


@pytest.mark.parametrize("pdf_id", ["297551", "598211"])
def test_pdfplumber_reads_the_same_as_pdfium(pdf_id: str) -> None:
    """Word boxes and rules from pdfplumber (the reference) give the same contests as PDFium's."""
    with PdfReport(pdf_path(pdf_id).read_bytes()) as pdf:
        assert read_results(pdf, LayoutSettings(backend="pdfplumber")).contests == parsed(pdf_id)


def test_layout_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="backend"):
        LayoutSettings(backend="poppler")
    with pytest.raises(ValueError, match="cell_gap"):
        LayoutSettings(cell_gap=0)
    with pytest.raises(ValueError, match="margin_share"):
        LayoutSettings(margin_share=0.6)
    with pytest.raises(ValueError, match="footnote_size"):
        LayoutSettings(footnote_size=-1)
    with pytest.raises(ValueError, match="block_gap"):
        LayoutSettings(block_gap=0)
    with pytest.raises(ValueError, match="rule_reach"):
        LayoutSettings(rule_reach=-1.5)
    with pytest.raises(ValueError, match="rule_search"):
        LayoutSettings(rule_search=0)


@pytest.mark.parametrize("field", ["prose_line", "header_lines", "opening_lines"])
def test_locate_settings_refuse_what_is_not_a_whole_count(field: str) -> None:
    for value in (0, -1, 1.5, None):
        with pytest.raises(ValueError, match=f"LocateSettings.{field}"):
            LocateSettings(**{field: value})  # type: ignore[arg-type]


def test_opening_lines_decide_whether_a_page_carries_on_the_table() -> None:
    """When a continuation page's first row must be its first line, a table going on across
    pages is no longer followed past the break: the reading changes."""
    with PdfReport(pdf_path("297551").read_bytes()) as pdf:
        assert read_results(pdf, locating=LocateSettings(opening_lines=1)).contests != \
            parsed("297551")


def test_block_gap_of_ruled_rows_is_passed_down() -> None:
    """Lines between two row rules set apart by less than the block gap stay one row: with a
    gap smaller than any leading, a ruled row's wrapped lines come apart and the reading changes."""
    with PdfReport(pdf_path("300026").read_bytes()) as pdf:
        assert read_results(pdf).contests == parsed("300026")
        assert read_results(pdf, LayoutSettings(block_gap=0.05)).contests != parsed("300026")


def test_russian_translation_reads_the_same_figures() -> None:
    """300031 is the Russian edition of 300026: same figures, Cyrillic names, decimal commas."""
    english, russian = parsed("300026")[0], parsed("300031")[0]
    assert russian.title == "Выборы президента"
    for en, ru in zip(english.rounds, russian.rounds, strict=True):
        assert [(r.votes, r.vote_share) for r in en.rows] == \
            [(r.votes, r.vote_share) for r in ru.rows]
        assert (en.registered_voters, en.turnout_pct, en.date) == \
            (ru.registered_voters, ru.turnout_pct, ru.date)
