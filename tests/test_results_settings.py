"""The tuning counts of cutting results sections into tables: validated, and passed down."""

from __future__ import annotations

import pytest

from odihr.parse.pdf import PdfReport
from odihr.parse.results import read_results
from odihr.parse.results.settings import DEFAULT_SEGMENT, SegmentSettings
from odihr.parse.results.turnout import TurnoutSettings
from odihr.records import ResultRound

from results_pdfs import Column, ReportPdf

PRESIDENTIAL = ("Republic of Testland", "Presidential Election, 3 March 2024",
                "ODIHR Election Observation Mission Final Report")


@pytest.mark.parametrize("field", ["caption_words", "caption_lines", "block_lines"])
@pytest.mark.parametrize("value", [0, -3, 2.5, True, "8"])
def test_segment_settings_refuse_what_is_not_a_whole_count(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"SegmentSettings.{field}"):
        SegmentSettings(**{field: value})  # type: ignore[arg-type]


def _turnout_under_the_table() -> bytes:
    """A table, a two-word caption, the turnout block under it, and a source line."""
    report = ReportPdf(header=PRESIDENTIAL)
    for _ in range(3):
        report.new_page().paragraph("Some text about the campaign and the candidates.")
    report.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    columns = [Column(72, right=False), Column(400), Column(480)]
    report.row(columns, ["Candidate", "Votes", "%"], bold=True)
    report.row(columns, ["Ana Alpha", "300,000", "60.00"])
    report.row(columns, ["Boris Beta", "200,000", "40.00"])
    report.top += 24
    report.paragraph("Voter participation", bold=True)
    two = [Column(72, right=False), Column(400)]
    for label, value in [("Number of registered voters", "1,000,000"),
                         ("Number of voters who took part", "520,000"),
                         ("Number of invalid ballots", "20,000"), ("Turnout", "52.00%")]:
        report.row(two, [label, value])
    report.paragraph("Source: Central Election Commission.", size=9)
    return report.save()


def _round(data: bytes, cutting: SegmentSettings,
           turnout: TurnoutSettings | None = None) -> ResultRound:
    with PdfReport(data) as pdf:
        (contest,) = read_results(pdf, cutting=cutting,
                                  turnout=turnout or TurnoutSettings()).contests
    (rnd,) = contest.rounds
    return rnd


def test_caption_words_decide_whether_a_turnout_block_under_a_table_is_its_own() -> None:
    data = _turnout_under_the_table()
    assert _round(data, DEFAULT_SEGMENT).registered_voters == 1000000
    # a caption longer than the allowed count is prose: the block is not the table's
    assert _round(data, SegmentSettings(caption_words=1)).registered_voters is None


def test_turnout_settings_are_passed_down_from_read_results() -> None:
    """A four-line block is more lines than a turnout block of at most three may have."""
    data = _turnout_under_the_table()
    assert _round(data, DEFAULT_SEGMENT, TurnoutSettings(max_lines=3)).registered_voters is None
