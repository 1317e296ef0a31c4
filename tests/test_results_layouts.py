"""Results-table layouts beyond the sample mirror, in small PDFs written for each test.

Each test writes a report whose results annex uses a layout the samples lack (no rules, no bold
header, a numbering column, a table running over a page break without its header, rounds in
separate tables, a table in the body) and checks what the parser reads from it.
"""

from __future__ import annotations

from datetime import date

from odihr.parse.pdf import PdfReport
from odihr.parse.results import read_results
from odihr.records import Contest

from results_pdfs import Column, ReportPdf

BODY = ("The 120 members of the Chamber of Deputies are elected for a four-year term under a",
        "proportional system in a single nationwide constituency.")


def read(data: bytes) -> tuple[Contest, ...]:
    with PdfReport(data) as pdf:
        return read_results(pdf).contests


def body_pages(report: ReportPdf, count: int = 3) -> ReportPdf:
    for _ in range(count):
        report.new_page().paragraph(*BODY).paragraph("Some further text about the campaign.")
    return report


def test_unruled_numbered_table_over_a_page_break_without_repeated_header() -> None:
    columns = [Column(72, right=False), Column(95, right=False), Column(380), Column(450),
               Column(520)]
    report = body_pages(ReportPdf())
    report.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    report.paragraph("Registered voters 1.234.567", "Voters who voted 765.432",
                     "Invalid ballots 12.345", "Turnout 62,00 %")
    report.row(columns, ["No.", "Electoral list", "Votes", "%", "Seats"])
    report.row(columns, ["1.", ["Alliance for Progress and", "Prosperity"], "456.789", "60,66 %",
                         "75"])
    for i in range(2, 36):
        if i == 20:
            end = report.text_at(95, report.top, "Coalition of the Willing")
            report.marker(end, report.top, "2")  # a footnote reference on a name
            report.row(columns, ["20.", "", "2.000", "0,27 %", "0"])
            continue
        report.row(columns, [f"{i}.", f"List number {i}", "2.000", "0,27 %", "0"])
    # a footnote set smaller, its number not raised, at the foot of the page
    report.text_at(72, 760, "2 Coalition of three parties registered on 1 April 2024.", size=8)
    report.new_page()  # the table goes on, without its header
    report.row(columns, ["36.", "Citizens’ List", "217.298", "28,86 %", "45"])
    report.row(columns, ["", "Total", "742.087", "100,00 %", "120"])
    report.paragraph("Source: Central Election Commission.", size=9)
    contests = read(report.save())
    assert len(contests) == 1
    contest = contests[0]
    assert (contest.kind, contest.seats_total) == ("party_list", 120)
    assert contest.title == "Parliamentary Elections"  # no caption: the cover's name
    (rnd,) = contest.rounds
    assert (rnd.registered_voters, rnd.voters_participated, rnd.invalid_ballots) == (
        1234567, 765432, 12345)
    assert (rnd.turnout_pct, rnd.valid_votes, rnd.date) == (62.0, 742087, date(2024, 5, 12))
    assert len(rnd.rows) == 36
    first, last = rnd.rows[0], rnd.rows[-1]
    assert (first.contestant, first.votes, first.vote_share, first.seats) == (
        "Alliance for Progress and Prosperity", 456789, 60.66, 75)
    assert (last.contestant, last.votes, last.page) == ("Citizens’ List", 217298, first.page + 1)
    assert sum(r.votes for r in rnd.rows) == rnd.printed_votes_total
    assert rnd.rows[19].contestant == "Coalition of the Willing"


def test_rounds_in_separate_tables_with_the_same_header() -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = body_pages(ReportPdf(header=(
        "Republic of Testland", "Presidential Election, 3 and 17 March 2024",
        "ODIHR Election Observation Mission Final Report")))
    report.new_page().paragraph("ANNEX: FINAL RESULTS", size=12, bold=True)
    report.paragraph("First round, 3 March 2024", bold=True)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    for name, votes, share in [("Ana Alpha", "41 000", "41.00"), ("Boris Beta", "35 000", "35.00"),
                               ("Cora Gamma", "24 000", "24.00")]:
        report.row(columns, [name, votes, share], ruled=True)
    report.row(columns, ["Total", "100 000", "100.00"], ruled=True)
    report.top += 20
    report.paragraph("Second round, 17 March 2024", bold=True)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "52 500", "52.50"], ruled=True)
    report.row(columns, ["Boris Beta", "47 500", "47.50"], ruled=True)
    report.row(columns, ["Total", "100 000", "100.00"], ruled=True)
    (contest,) = read(report.save())
    assert (contest.kind, contest.title) == ("presidential", "Presidential Election")
    assert [r.number for r in contest.rounds] == [1, 2]
    assert [r.date for r in contest.rounds] == [date(2024, 3, 3), date(2024, 3, 17)]
    assert [len(r.rows) for r in contest.rounds] == [3, 2]
    assert contest.rounds[1].rows[0].votes == 52500


def test_round_caption_opening_a_page_and_a_last_row_alone_on_the_next() -> None:
    """"Round 2" printed at the top of a page is the second table's caption (not a page
    number), and a table whose last row is left alone at the top of the next page keeps it."""
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = body_pages(ReportPdf(header=(
        "Republic of Testland", "Presidential Election, 3 and 17 March 2024",
        "ODIHR Election Observation Mission Final Report")))
    report.new_page().paragraph("ANNEX: FINAL RESULTS", size=12, bold=True)
    report.paragraph("Round 1", bold=True)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True)
    people = [(f"Candidate {chr(65 + i)}", 1000 * (i + 1)) for i in range(10)]
    total = sum(v for _, v in people)
    for name, votes in people[:-1]:
        report.row(columns, [name, f"{votes:,}", f"{100 * votes / total:.2f}"])
    report.new_page()  # the first round's last row alone at the top of the page
    name, votes = people[-1]
    report.row(columns, [name, f"{votes:,}", f"{100 * votes / total:.2f}"])
    report.new_page()
    report.paragraph("Round 2", bold=True)  # the first line under the running header
    report.row(columns, ["Candidate", "Votes", "%"], bold=True)
    report.row(columns, ["Candidate J", "30,000", "60.00"])
    report.row(columns, ["Candidate I", "20,000", "40.00"])
    (contest,) = read(report.save())
    assert [r.number for r in contest.rounds] == [1, 2]
    assert [len(r.rows) for r in contest.rounds] == [10, 2]
    assert contest.rounds[0].rows[-1].votes == 10000


def test_results_table_in_the_body_when_there_is_no_annex() -> None:
    columns = [Column(72, right=False), Column(300, right=False), Column(440), Column(510)]
    report = body_pages(ReportPdf(header=(
        "Republic of Testland", "Presidential Election, 3 March 2024",
        "ODIHR Election Observation Mission Final Report")), 2)
    report.new_page().paragraph("XIV. ANNOUNCEMENT OF RESULTS", bold=True)
    report.paragraph("The CEC announced the following final results on 10 March.")
    report.paragraph("Voters who took part 1,020,000 (68.0%)", "Invalid ballots 20,000 (2.0%)")
    report.row(columns, ["Candidate", "Nominated by", "Votes", "%"], bold=True)
    report.row(columns, ["Ana Alpha", "Party of Light", "600,000", "60.0"])
    report.row(columns, ["Boris Beta", ["Union of the", "Centre"], "400,000", "40.0"])
    report.paragraph("")
    report.paragraph("Observers noted that the results were published on time.")
    (contest,) = read(report.save())
    rows = contest.rounds[0].rows
    assert (contest.rounds[0].voters_participated, contest.rounds[0].invalid_ballots) == (
        1020000, 20000)
    assert [(r.contestant, r.nominated_by, r.votes) for r in rows] == [
        ("Ana Alpha", "Party of Light", 600000), ("Boris Beta", "Union of the Centre", 400000)]


def test_two_contests_in_one_annex_each_with_its_caption() -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = body_pages(ReportPdf(header=(
        "Republic of Testland", "Presidential Election and Constitutional Referendum, 5 May 2024",
        "ODIHR Election Observation Mission Final Report")))
    report.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    report.paragraph("Presidential election", bold=True)
    report.paragraph("Registered voters 500,000", "Voters who took part 300,000")
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "180,000", "61.02"], ruled=True)
    report.row(columns, ["Boris Beta", "115,000", "38.98"], ruled=True)
    report.top += 24
    report.paragraph("Constitutional referendum", bold=True)
    report.paragraph("Question: “Do you approve the amendments to the Constitution?”")
    report.row(columns, ["Answer", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Yes", "200,000", "68.97"], ruled=True)
    report.row(columns, ["No", "90,000", "31.03"], ruled=True)
    report.row(columns, ["Invalid ballots", "10,000", ""], ruled=True)
    first, second = read(report.save())
    assert (first.title, first.kind) == ("Presidential election", "presidential")
    assert (second.title, second.kind) == ("Constitutional referendum", "referendum")
    assert first.rounds[0].registered_voters == 500000
    assert second.rounds[0].registered_voters is None
    assert [(r.contestant, r.votes) for r in second.rounds[0].rows] == [
        ("Yes", 200000), ("No", 90000)]
    assert second.rounds[0].invalid_ballots == 10000
    assert first.rounds[0].date == second.rounds[0].date == date(2024, 5, 5)


def test_proportional_and_majoritarian_tables_are_two_contests() -> None:
    wide = [Column(72, right=False), Column(360), Column(430), Column(500)]
    seats_only = [Column(72, right=False), Column(500)]
    report = body_pages(ReportPdf())
    report.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    report.paragraph("Proportional contest", bold=True)
    report.row(wide, ["Party", "Votes", "%", "Seats"], bold=True, ruled=True)
    report.row(wide, ["Union Party", "300,000", "60.00", "45"], ruled=True)
    report.row(wide, ["Green Party", "200,000", "40.00", "30"], ruled=True)
    report.row(wide, ["Total", "500,000", "100.00", "75"], ruled=True)
    report.top += 24
    report.paragraph("Majoritarian contest", bold=True)
    report.row(seats_only, ["Party", "Seats won"], bold=True, ruled=True)
    report.row(seats_only, ["Union Party", "30"], ruled=True)
    report.row(seats_only, ["Green Party", "10"], ruled=True)
    report.row(seats_only, ["Independent candidates", "5"], ruled=True)
    proportional, majoritarian = read(report.save())
    assert (proportional.title, proportional.kind, proportional.seats_total) == (
        "Proportional contest", "party_list", 75)
    assert (majoritarian.title, majoritarian.kind, majoritarian.seats_total) == (
        "Majoritarian contest", "majoritarian", 45)
    assert [(r.contestant, r.votes, r.seats) for r in majoritarian.rounds[0].rows] == [
        ("Union Party", None, 30), ("Green Party", None, 10), ("Independent candidates", None, 5)]


def test_annex_without_a_table_it_can_read_is_a_results_problem() -> None:
    """No longer raised: the section becomes a quarantined ``results`` part with a reason."""
    report = body_pages(ReportPdf())
    report.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    report.paragraph("The results table is published as an image on the CEC website.")
    with PdfReport(report.save()) as pdf:
        reading = read_results(pdf)
    assert reading.contests == ()
    (problem,) = reading.problems
    assert (problem.part, problem.status, problem.page) == ("results", "quarantined", 4)
    assert "results table" in problem.reason and "page 4" in problem.reason


def test_report_without_results_gives_nothing() -> None:
    report = body_pages(ReportPdf(), 4)
    report.new_page().paragraph("ANNEX I: LIST OF OBSERVERS", bold=True)
    assert read(report.save()) == ()
