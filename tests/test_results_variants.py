"""Results-annex variants seen in real ODIHR reports, in small PDFs written for each test.

Beyond :mod:`test_results_layouts`: other column-header wordings, a turnout block printed as a
two-column table under the results, candidates printed with their party in parentheses, per
cents marked in the cells instead of the header, names wrapping with the figures on their last
line, totals and invalid-ballot lines inside the table, and thousands grouped by Unicode spaces.
"""

from __future__ import annotations

import pytest

from odihr.parse.pdf import PdfReport, Word
from odihr.parse.results import read_results
from odihr.parse.results.layout import group_lines, line_figures
from odihr.parse.text.numbers import parse_int, parse_percent
from odihr.records import Contest, ResultRound

from results_pdfs import Column, ReportPdf

BODY = ("The 120 members of the Chamber of Deputies are elected for a four-year term under a",
        "proportional system in a single nationwide constituency.")
PRESIDENTIAL = ("Republic of Testland", "Presidential Election, 3 March 2024",
                "ODIHR Election Observation Mission Final Report")
PARTIES = [("Union Party", "300,000", "60.00", "45"), ("Green Party", "150,000", "30.00", "22"),
           ("Citizens' Alliance", "50,000", "10.00", "8")]


def read(data: bytes) -> tuple[Contest, ...]:
    with PdfReport(data) as pdf:
        return read_results(pdf).contests


def annex(header: tuple[str, ...] | None = None, pages: int = 3) -> ReportPdf:
    report = ReportPdf(header=header) if header else ReportPdf()
    for _ in range(pages):
        report.new_page().paragraph(*BODY).paragraph("Some further text about the campaign.")
    report.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    return report


def only_round(data: bytes) -> tuple[Contest, ResultRound]:
    (contest,) = read(data)
    (rnd,) = contest.rounds
    return contest, rnd


@pytest.mark.parametrize("labels", [
    ("Political party", "Number of votes", "Percentage of votes", "Seats won"),
    ("Electoral list", "Votes received", "% of valid votes", "Mandates"),
    ("Party", "Number of valid votes", "Per cent", "Number of mandates"),
])
@pytest.mark.parametrize("ruled", [False, True])
def test_header_wordings(labels: tuple[str, ...], ruled: bool) -> None:
    columns = [Column(72, right=False), Column(290), Column(410), Column(520)]
    report = annex()
    report.row(columns, list(labels), bold=True, ruled=ruled)
    for cells in PARTIES:
        report.row(columns, list(cells), ruled=ruled)
    report.row(columns, ["Total", "500,000", "100.00", "75"], bold=True, ruled=ruled)
    contest, rnd = only_round(report.save())
    assert (contest.kind, contest.seats_total) == ("party_list", 75)
    assert [(r.contestant, r.votes, r.vote_share, r.seats) for r in rnd.rows] == [
        ("Union Party", 300000, 60.0, 45), ("Green Party", 150000, 30.0, 22),
        ("Citizens' Alliance", 50000, 10.0, 8)]
    assert (rnd.printed_votes_total, rnd.printed_share_total, rnd.printed_seats_total) == (
        500000, 100.0, 75)


def test_header_over_two_lines_with_wrapped_labels() -> None:
    columns = [Column(72, right=False), Column(330), Column(430), Column(510)]
    report = annex()
    report.row(columns, ["Political party", ["Number of", "votes"], ["Percentage", "of votes"],
                         ["Seats", "won"]], bold=True, ruled=True)
    for cells in PARTIES:
        report.row(columns, list(cells), ruled=True)
    _, rnd = only_round(report.save())
    assert [(r.votes, r.vote_share, r.seats) for r in rnd.rows] == [
        (300000, 60.0, 45), (150000, 30.0, 22), (50000, 10.0, 8)]


def _turnout_table(report: ReportPdf, ruled: bool) -> None:
    two = [Column(72, right=False), Column(430)]
    for label, value in [("Number of registered voters", "1,000,000"),
                         ("Number of voters who took part", "520,000"),
                         ("Number of invalid ballots", "20,000"), ("Turnout", "52.00%")]:
        report.row(two, [label, value], ruled=ruled)


@pytest.mark.parametrize("ruled", [False, True])
@pytest.mark.parametrize("caption", [None, "Turnout", "Voter participation"])
def test_turnout_table_printed_after_the_results(ruled: bool, caption: str | None) -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex(PRESIDENTIAL)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=ruled)
    report.row(columns, ["Ana Alpha", "300,000", "60.00"], ruled=ruled)
    report.row(columns, ["Boris Beta", "200,000", "40.00"], ruled=ruled)
    report.row(columns, ["Total", "500,000", "100.00"], ruled=ruled)
    report.top += 24
    if caption:
        report.paragraph(caption, bold=True)
    _turnout_table(report, ruled)
    report.paragraph("Source: Central Election Commission.", size=9)
    contest, rnd = only_round(report.save())
    assert contest.kind == "presidential"
    assert [(r.contestant, r.votes) for r in rnd.rows] == [("Ana Alpha", 300000),
                                                            ("Boris Beta", 200000)]
    assert (rnd.registered_voters, rnd.voters_participated, rnd.invalid_ballots) == (
        1000000, 520000, 20000)
    assert (rnd.turnout_pct, rnd.valid_votes) == (52.0, 500000)


def test_candidates_with_their_party_in_parentheses() -> None:
    """"Surname Name (Party)" in one cell: the cell is the contestant as printed, and
    ``nominated_by`` stays ``None`` (the nominator is only read from a column of its own, so a
    parenthesis that is part of a name, "Union (Centre-Right)", is never cut off)."""
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex(PRESIDENTIAL)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True)
    report.row(columns, ["ALPHA Ana (Party of Light)", "300,000", "60.00"])
    report.row(columns, ["BETA Boris (Union of the Centre)", "150,000", "30.00"])
    report.row(columns, ["GAMMA Cora (self-nominated)", "50,000", "10.00"])
    _, rnd = only_round(report.save())
    assert [(r.contestant, r.nominated_by, r.votes) for r in rnd.rows] == [
        ("ALPHA Ana (Party of Light)", None, 300000),
        ("BETA Boris (Union of the Centre)", None, 150000),
        ("GAMMA Cora (self-nominated)", None, 50000)]


@pytest.mark.parametrize("share_label", ["", "Result"])
def test_per_cent_sign_in_the_cells_not_the_header(share_label: str) -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex(PRESIDENTIAL)
    report.row(columns, ["Candidate", "Votes", share_label], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "300,000", "60.5 %"], ruled=True)
    report.row(columns, ["Boris Beta", "195,000", "39%"], ruled=True)
    report.row(columns, ["Total", "495,000", "100 %"], ruled=True)
    _, rnd = only_round(report.save())
    assert [(r.votes, r.vote_share) for r in rnd.rows] == [(300000, 60.5), (195000, 39.0)]
    assert rnd.printed_share_total == 100.0


def test_per_cent_in_parentheses_after_the_votes() -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex(PRESIDENTIAL)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True)
    report.row(columns, ["Ana Alpha", "300,000", "(60.00%)"])
    report.row(columns, ["Boris Beta", "200,000", "(40.00%)"])
    _, rnd = only_round(report.save())
    assert [(r.votes, r.vote_share) for r in rnd.rows] == [(300000, 60.0), (200000, 40.0)]


@pytest.mark.parametrize("align", ["top", "bottom"])
def test_unruled_names_wrapping_over_two_lines(align: str) -> None:
    """Word processors set the figures on the first line of a wrapped row (top-aligned) or,
    in tables converted from spreadsheets, on its last line (bottom-aligned)."""
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex()
    report.row(columns, ["Electoral list", "Votes", "%"], bold=True)
    rows = [(["Alliance for Progress and", "Prosperity"], "300,000", "60.00"),
            ("Green Party", "150,000", "30.00"),
            (["Movement of Free Citizens of", "Testland"], "50,000", "10.00")]
    for name, votes, share in rows:
        if isinstance(name, list) and align == "bottom":
            report.row(columns, [name, ["", votes], ["", share]])
        else:
            report.row(columns, [name, votes, share])
    report.row(columns, ["Total", "500,000", "100.00"])
    _, rnd = only_round(report.save())
    assert [(r.contestant, r.votes) for r in rnd.rows] == [
        ("Alliance for Progress and Prosperity", 300000), ("Green Party", 150000),
        ("Movement of Free Citizens of Testland", 50000)]


@pytest.mark.parametrize("ruled", [False, True])
def test_total_then_invalid_and_cast_ballots_inside_the_table(ruled: bool) -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex(PRESIDENTIAL)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=ruled)
    report.row(columns, ["Ana Alpha", "300,000", "60.00"], ruled=ruled)
    report.row(columns, ["Boris Beta", "200,000", "40.00"], ruled=ruled)
    report.row(columns, ["Total valid votes", "500,000", "100.00"], bold=True, ruled=ruled)
    report.row(columns, ["Invalid ballots", "12,000", "2.34"], ruled=ruled)
    report.row(columns, ["Total votes cast", "512,000", ""], bold=True, ruled=ruled)
    _, rnd = only_round(report.save())
    assert [r.contestant for r in rnd.rows] == ["Ana Alpha", "Boris Beta"]
    assert (rnd.valid_votes, rnd.invalid_ballots, rnd.voters_participated) == (
        500000, 12000, 512000)
    assert rnd.printed_votes_total == 500000


def test_plain_total_then_invalid_ballots_row() -> None:
    columns = [Column(72, right=False), Column(400), Column(480)]
    report = annex(PRESIDENTIAL)
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "300,000", "60.00"], ruled=True)
    report.row(columns, ["Boris Beta", "200,000", "40.00"], ruled=True)
    report.row(columns, ["Total", "500,000", "100.00"], ruled=True)
    report.row(columns, ["Invalid ballots", "12,000", ""], ruled=True)
    report.row(columns, ["Spoiled ballots", "3,000", ""], ruled=True)
    _, rnd = only_round(report.save())
    assert [r.contestant for r in rnd.rows] == ["Ana Alpha", "Boris Beta"]
    assert (rnd.printed_votes_total, rnd.invalid_ballots) == (500000, 12000)


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u2007", None])
def test_thousands_grouped_by_unicode_spaces(space: str | None) -> None:
    """Read from word boxes: the standard fonts of the PDF writer cannot encode these spaces
    (PDFium extracts them as "ÿ"), while embedded fonts of real reports give them back. An
    extractor keeps them inside a word or splits the word there; both read as one figure."""
    size, top = 10.0, 100.0

    def word(text: str, x0: float) -> Word:
        return Word(text, x0, x0 + 5.6 * len(text), top, top + size, size)

    parts = ["1", "300", "000"]
    if space is None:  # split at the spaces: a word per digit group, a narrow gap between
        numbers = [word(p, 300 + 20 * i) for i, p in enumerate(parts)]
        for i in range(1, len(numbers)):
            numbers[i] = word(parts[i], numbers[i - 1].x1 + 2.5)
    else:
        numbers = [word(space.join(parts), 300)]
    (line,) = group_lines([word("Ana", 72), word("Alpha", 95), *numbers, word("65.00", 420)])
    votes, share = line_figures(line)
    assert [t.text for t in line.body[:2]] == ["Ana", "Alpha"]
    assert (parse_int(votes.text), parse_percent(share.text)) == (1300000, 65.0)


@pytest.mark.parametrize("above", [True, False])
def test_turnout_worded_as_real_reports_word_it(above: bool) -> None:
    """Turnout lines in wordings no list holds ("Voters included in the lists at the close of
    voting", "Participation") in any order: their fields come from the block's arithmetic, and
    a share of invalid ballots is not taken for the turnout."""
    columns = [Column(72, right=False), Column(400), Column(480)]
    block = [("Participation", "61.00%"), ("Ballots found void", "2.00%"),
             ("Voters included in the lists at the close of voting", "836,066"),
             ("Voters who received ballots", "510,000"), ("Ballots found void", "10,000")]
    report = annex(PRESIDENTIAL)
    if above:
        for label, figure in block:
            report.row(columns, [label, figure, ""])
    report.row(columns, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    report.row(columns, ["Ana Alpha", "300,000", "60.00"], ruled=True)
    report.row(columns, ["Boris Beta", "200,000", "40.00"], ruled=True)
    if not above:
        for label, figure in block:
            report.row(columns, [label, figure, ""], ruled=True)
    _, rnd = only_round(report.save())
    assert [r.contestant for r in rnd.rows] == ["Ana Alpha", "Boris Beta"]
    assert (rnd.registered_voters, rnd.voters_participated, rnd.invalid_ballots,
            rnd.turnout_pct) == (836066, 510000, 10000, 61.0)
