"""Column roles from the table's own arithmetic, and a bad table costing only itself.

Each test writes a small report whose results table uses header words no vocabulary holds, extra
columns beside votes and seats, split seat columns, member counts, a table that does not add up
or a rate table, and checks what the parser reads from the figures alone.
"""

from __future__ import annotations

from datetime import date

import pytest

from odihr.parse.pdf import PdfReport
from odihr.parse.results import read_results
from odihr.parse.results.figures import ColumnFigures, RoleSettings, relations
from odihr.parse.results.layout import LayoutSettings
from odihr.parse.results.roles import assign
from odihr.records import ResultsReading

from results_pdfs import Column, ReportPdf

BODY = ("The 75 members of the Chamber of Deputies are elected for a four-year term.",)


def read(data: bytes, backend: str = "pdfium") -> ResultsReading:
    with PdfReport(data) as pdf:
        return read_results(pdf, LayoutSettings(backend=backend))


def annex(**kwargs: object) -> ReportPdf:
    report = ReportPdf(**kwargs)  # type: ignore[arg-type]
    for _ in range(2):
        report.new_page().paragraph(*BODY).paragraph("Some further text about the campaign.")
    report.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    return report


def test_unknown_header_words_are_read_from_the_figures() -> None:
    columns = [Column(72, right=False), Column(300), Column(380), Column(450), Column(520)]
    report = annex()
    report.row(columns, ["Zorblat", "Quenk", "Mibber", "Drosk", "Plimf"], bold=True, ruled=True)
    report.row(columns, ["Union Party", "45", "300,000", "60.00", "210"], ruled=True)
    report.row(columns, ["Green Party", "22", "150,000", "30.00", "95"], ruled=True)
    report.row(columns, ["Citizens' Alliance", "8", "50,000", "10.00", "12"], ruled=True)
    report.row(columns, ["Total", "75", "500,000", "100.00", "317"], bold=True, ruled=True)
    (contest,) = read(report.save()).contests
    rows = contest.rounds[0].rows
    assert [(r.votes, r.vote_share, r.seats) for r in rows] == [
        (300000, 60.0, 45), (150000, 30.0, 22), (50000, 10.0, 8)]
    # the fifth column is neither (its total is not the chamber's 75 seats, it dominates the
    # seats, so it is kept as printed)
    assert [r.extra_figures for r in rows] == [(("Plimf", 210),), (("Plimf", 95),),
                                              (("Plimf", 12),)]
    assert contest.seats_total == 75


def test_vote_breakdowns_beside_the_total_are_extra_figures() -> None:
    columns = [Column(72, right=False), Column(260), Column(330), Column(410), Column(470),
               Column(520)]
    report = annex()
    report.row(columns, ["Party", "In country", "Abroad", "Altogether", "%", "Won"], bold=True,
               ruled=True)
    report.row(columns, ["Union Party", "290,000", "10,000", "300,000", "60.00", "45"],
               ruled=True)
    report.row(columns, ["Green Party", "140,000", "10,000", "150,000", "30.00", "22"],
               ruled=True)
    report.row(columns, ["Citizens' Alliance", "45,000", "5,000", "50,000", "10.00", "8"],
               ruled=True)
    (contest,) = read(report.save()).contests
    first = contest.rounds[0].rows[0]
    assert (first.votes, first.vote_share, first.seats) == (300000, 60.0, 45)
    assert first.extra_figures == (("In country", 290000), ("Abroad", 10000))


def _split_seats() -> bytes:
    columns = [Column(72, right=False), Column(300), Column(360), Column(420), Column(470),
               Column(520)]
    report = annex()
    report.row(columns, ["", "", "", ["Seats won", "by list"], ["", "in districts"],
                         ["", "together"]], bold=True)
    report.rule(report.top - 2)
    report.row(columns, ["Electoral subject", "Ballots", "Portion", "", "", ""], bold=True,
               ruled=True)
    report.row(columns, ["Union Party", "300,000", "60.00", "30", "15", "45"], ruled=True)
    report.row(columns, ["Green Party", "150,000", "30.00", "15", "7", "22"], ruled=True)
    report.row(columns, ["Citizens' Alliance", "50,000", "10.00", "5", "3", "8"], ruled=True)
    return report.save()


def test_split_seats_under_a_merged_heading_with_a_total() -> None:
    (contest,) = read(_split_seats()).contests
    assert contest.kind == "mixed"
    assert [(r.votes, r.seats_proportional, r.seats_majoritarian, r.seats)
            for r in contest.rounds[0].rows] == [
        (300000, 30, 15, 45), (150000, 15, 7, 22), (50000, 5, 3, 8)]


def test_span_overlap_decides_which_column_a_header_cell_labels() -> None:
    """Asking a header cell to cover a whole column (share 1) changes which columns the
    offset seat labels are over: the split seats are then read swapped (the setting is used)."""
    with PdfReport(_split_seats()) as pdf:
        strict = read_results(pdf, LayoutSettings(), RoleSettings(span_overlap=1.0))
    assert [(r.seats_proportional, r.seats_majoritarian)
            for r in strict.contests[0].rounds[0].rows][0] == (15, 30)


def test_a_table_that_does_not_add_up_costs_only_itself() -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex()
    report.paragraph("Presidential election", bold=True)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "180,000", "61.02"], ruled=True)
    report.row(columns, ["Boris Beta", "115,000", "38.98"], ruled=True)
    report.top += 24
    report.paragraph("Constitutional referendum", bold=True)
    report.row(columns, ["Answer", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Yes", "200,000", "31.03"], ruled=True)  # the shares are swapped
    report.row(columns, ["No", "90,000", "68.97"], ruled=True)
    reading = read(report.save())
    (contest,) = reading.contests
    assert contest.title == "Presidential election"
    (problem,) = reading.problems
    assert (problem.part, problem.status, problem.page) == (
        "results:Constitutional referendum", "quarantined", 3)
    assert "page 3" in problem.reason and "not the share of any vote column" in problem.reason


def test_a_rate_table_is_not_a_contest() -> None:
    columns = [Column(72, right=False), Column(330), Column(430), Column(510)]
    report = annex()
    report.row(columns, ["Party", "Votes", "%"] + [""], bold=True, ruled=True)
    report.row(columns, ["Union Party", "300,000", "60.00", ""], ruled=True)
    report.row(columns, ["Green Party", "200,000", "40.00", ""], ruled=True)
    report.top += 24
    report.paragraph("Turnout by region", bold=True)
    report.row(columns, ["Region", "Registered", "Voted", "Turnout"], bold=True, ruled=True)
    report.row(columns, ["North", "200,000", "120,000", "60.00"], ruled=True)
    report.row(columns, ["South", "300,000", "150,000", "50.00"], ruled=True)
    report.row(columns, ["East", "100,000", "80,000", "80.00"], ruled=True)
    reading = read(report.save())
    assert [c.rounds[0].rows[0].contestant for c in reading.contests] == ["Union Party"]
    assert reading.problems == ()


def test_each_contest_takes_its_own_turnout_block() -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex(header=("Republic of Testland",
                           "Presidential Election and Constitutional Referendum, 5 May 2024",
                           "ODIHR Election Observation Mission Final Report"))
    report.paragraph("Presidential election", bold=True)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "180,000", "61.02"], ruled=True)
    report.row(columns, ["Boris Beta", "115,000", "38.98"], ruled=True)
    report.top += 12
    report.paragraph("Turnout", bold=True)
    report.paragraph("Registered voters 500,000", "Voters who took part 300,000")
    report.paragraph("Constitutional referendum", bold=True)
    report.paragraph("Registered voters 500,001", "Voters who took part 292,000")
    report.row(columns, ["Answer", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Yes", "200,000", "68.97"], ruled=True)
    report.row(columns, ["No", "90,000", "31.03"], ruled=True)
    first, second = read(report.save()).contests
    assert (first.rounds[0].registered_voters, first.rounds[0].voters_participated) == (
        500000, 300000)
    assert (second.rounds[0].registered_voters, second.rounds[0].voters_participated) == (
        500001, 292000)


def test_one_turnout_block_serves_two_tables_of_one_election() -> None:
    wide = [Column(72, right=False), Column(360), Column(430), Column(500)]
    seats_only = [Column(72, right=False), Column(500)]
    report = annex()
    report.paragraph("Registered voters 900,000", "Voters who took part 520,000")
    report.paragraph("Proportional contest", bold=True)
    report.row(wide, ["Party", "Votes", "%", "Seats"], bold=True, ruled=True)
    report.row(wide, ["Union Party", "300,000", "60.00", "45"], ruled=True)
    report.row(wide, ["Green Party", "200,000", "40.00", "30"], ruled=True)
    report.top += 24
    report.paragraph("Majoritarian contest", bold=True)
    report.row(seats_only, ["Party", "Seats won"], bold=True, ruled=True)
    report.row(seats_only, ["Union Party", "30"], ruled=True)
    report.row(seats_only, ["Green Party", "10"], ruled=True)
    proportional, majoritarian = read(report.save()).contests
    assert proportional.rounds[0].registered_voters == 900000
    assert majoritarian.rounds[0].registered_voters == 900000
    assert majoritarian.kind == "majoritarian"


def test_results_in_a_body_chapter_are_read_like_an_annex() -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = ReportPdf(header=("Republic of Testland", "Presidential Election, 3 March 2024",
                               "ODIHR Election Observation Mission Final Report"))
    report.new_page().paragraph(*BODY)
    report.new_page().paragraph("XVII. ELECTION RESULTS", bold=True)
    report.paragraph("The CEC announced the final results on 10 March 2024.")
    report.row(columns, ["Zorblat", "Quenk", "Mibber"], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "600,000", "60.00"], ruled=True)
    report.row(columns, ["Boris Beta", "400,000", "40.00"], ruled=True)
    report.new_page().paragraph("XVIII. POST-ELECTION DEVELOPMENTS", bold=True)
    (contest,) = read(report.save()).contests
    assert contest.title == "Presidential Election"
    assert [(r.contestant, r.votes, r.vote_share) for r in contest.rounds[0].rows] == [
        ("Ana Alpha", 600000, 60.0), ("Boris Beta", 400000, 40.0)]
    assert contest.rounds[0].date == date(2024, 3, 3)


def test_a_prose_chapter_about_results_is_no_problem() -> None:
    report = ReportPdf()
    report.new_page().paragraph(*BODY)
    report.new_page().paragraph("XII. ANNOUNCEMENT OF RESULTS", bold=True)
    report.paragraph("The CEC announced the results on time; they are on its website.")
    assert read(report.save()) == ResultsReading()


@pytest.mark.parametrize("pages", [12])
@pytest.mark.parametrize("repeat_header", [False, True])
def test_a_twelve_page_table_of_400_rows(pages: int, repeat_header: bool) -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex()
    header = ["Constituency candidate", "Votes", "%"]
    report.row(columns, header, bold=True, ruled=True)
    votes = [1000 + 7 * i for i in range(400)]
    total = sum(votes)
    per_page = -(-400 // pages)
    for i, v in enumerate(votes):
        if i and i % per_page == 0:
            report.new_page()
            if repeat_header:
                report.row(columns, header, bold=True, ruled=True)
        report.row(columns, [f"Candidate {i + 1:03d} Name", f"{v:,}",
                             f"{100 * v / total:.2f}"], ruled=True)
    reading = read(report.save())
    (contest,) = reading.contests
    rows = contest.rounds[0].rows
    assert [r.votes for r in rows] == votes
    assert rows[-1].contestant == "Candidate 400 Name"
    assert rows[-1].page - rows[0].page == pages - 1


@pytest.mark.parametrize("orientation", ["landscape", "rotate90", "rotate180", "rotate270"])
def test_turned_pages_read_the_same_with_pdfium_and_pdfplumber(orientation: str) -> None:
    columns = [Column(72, right=False), Column(420), Column(520), Column(600), Column(700)]
    report = annex(orientation=orientation, font="serif")
    report.row(columns, ["Party", "Votes", "%", "Seats", "Women"], bold=True, ruled=True)
    report.row(columns, ["Union Party", "300 000", "60,00", "45", "12"], ruled=True)
    report.row(columns, ["Green Party", "150 000", "30,00", "22", "9"], ruled=True)
    report.row(columns, ["Citizens' Alliance", "50 000", "10,00", "8", "1"], ruled=True)
    data = report.save()
    fast, reference = read(data), read(data, "pdfplumber")
    assert fast == reference
    rows = fast.contests[0].rounds[0].rows
    assert [(r.votes, r.vote_share, r.seats, r.extra_figures) for r in rows] == [
        (300000, 60.0, 45, (("Women", 12),)), (150000, 30.0, 22, (("Women", 9),)),
        (50000, 10.0, 8, (("Women", 1),))]


def _columns(*cells: tuple[str | None, ...], totals: tuple[str | None, ...] | None = None
             ) -> list[ColumnFigures]:
    return [ColumnFigures(i, c, totals[i] if totals else None) for i, c in enumerate(cells)]


def test_relations_between_columns() -> None:
    cols = _columns(("290", "140"), ("10", "10"), ("300", "150"), ("66.67", "33.33"))
    found = relations(cols)
    assert (2, 0, 1) in found.sums
    assert {(2, 3), (0, 3)} & found.shares == {(2, 3)}
    assert (2, 0) in found.dominates


def test_rounds_as_column_groups_without_labels() -> None:
    cols = _columns(("600", "300", "100"), ("60.0", "30.0", "10.0"), ("550", "450", None),
                    ("55.0", "45.0", None))
    chosen = assign(cols, [None] * 4, ["votes", "share", "votes", "share"])
    assert chosen.roles == ("votes", "share", "votes", "share")
    assert chosen.rounds == (1, 1, 2, 2)
    assert chosen.problem == ""


def test_a_sum_is_never_split_across_rounds() -> None:
    cols = _columns(("290", "140"), ("67.44", "32.56"), ("10", "10"), ("50.0", "50.0"),
                    ("300", "150"), ("66.67", "33.33"))
    chosen = assign(cols, [None] * 6, ["votes", "share"] * 3)
    assert chosen.rounds == (1,) * 6
    assert chosen.roles[4:] == ("votes", "share")


def test_role_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="share_slack"):
        RoleSettings(share_slack=-1)
    with pytest.raises(ValueError, match="max_rounds"):
        RoleSettings(max_rounds=0)
    with pytest.raises(ValueError, match="span_overlap"):
        RoleSettings(span_overlap=0)
    with pytest.raises(ValueError, match="span_overlap"):
        RoleSettings(span_overlap=1.5)
