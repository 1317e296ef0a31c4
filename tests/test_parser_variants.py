"""Observer-annex and recommendation layouts beyond the sample mirror, in small PDFs written for
each test: observer tables with a column-header row, names printed ``Surname, Given`` or
``SURNAME Given`` in one column, recommendations numbered ``1)``, ``1 .`` or in a number column,
and a priority list under a plain bold ``Priority Recommendations`` line."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from odihr.parse.document.layout import Line
from odihr.parse.observers.reader import read_observers
from odihr.parse.observers.table import header_kinds, split_name
from odihr.parse.pdf import PdfReport, Word
from odihr.parse.recommendations.reader import read_recommendations
from odihr.records import Observer, Recommendation

from results_pdfs import LEFT, Column, ReportPdf

BODY = ("The 120 members of the Chamber of Deputies are elected for a four-year term under a",
        "proportional system in a single nationwide constituency.")
ANNEX = "ANNEX II: LIST OF OBSERVERS IN THE INTERNATIONAL ELECTION OBSERVATION MISSION"


def body_pages(report: ReportPdf, count: int = 3) -> ReportPdf:
    for _ in range(count):
        report.new_page().paragraph(*BODY).paragraph("Some further text about the campaign.")
    return report


def observers(data: bytes) -> list[tuple[str, str, str | None, str | None, str]]:
    with PdfReport(data) as pdf:
        found: Sequence[Observer] = read_observers(pdf)
    return [(o.given_name, o.family_name, o.country, o.role, o.delegation) for o in found]


def recommendations(data: bytes) -> list[tuple[int, bool, str | None, str]]:
    with PdfReport(data) as pdf:
        found: Sequence[Recommendation] = read_recommendations(pdf)
    return [(r.number, r.priority, r.section, r.text) for r in found]


def annex(report: ReportPdf, group: str = "OSCE Parliamentary Assembly") -> ReportPdf:
    report.new_page().paragraph(ANNEX, size=12, bold=True)
    return report.paragraph(group, size=11, bold=True)


def closing(report: ReportPdf) -> bytes:
    report.new_page().paragraph("ABOUT ODIHR", size=12, bold=True)
    report.paragraph("The Office for Democratic Institutions and Human Rights is the principal",
                     "institution of the OSCE to assist participating States.")
    return report.save()


# --- observer tables ---------------------------------------------------------------------------

FOUR = [Column(LEFT, right=False), Column(186, right=False), Column(306, right=False),
        Column(426, right=False)]


def test_four_column_table_with_a_bold_header_row() -> None:
    report = annex(body_pages(ReportPdf()))
    report.row(FOUR, ["Name", "Surname", "Country", "Role"], bold=True)
    report.row(FOUR, ["Geir Jørgen", "Bekkevold", "Norway", "Head of Delegation"])
    report.row(FOUR, ["Marietta", "Tidei", "Italy", "Special Co-ordinator"])
    report.row(FOUR, ["Rouven", "Ertlschweiger", "Austria", "MP"])
    assert observers(closing(report)) == [
        ("Geir Jørgen", "Bekkevold", "Norway", "Head of Delegation", "OSCE Parliamentary Assembly"),
        ("Marietta", "Tidei", "Italy", "Special Co-ordinator", "OSCE Parliamentary Assembly"),
        ("Rouven", "Ertlschweiger", "Austria", "MP", "OSCE Parliamentary Assembly"),
    ]


def test_plain_header_row_repeated_on_each_page_and_family_name_first() -> None:
    report = annex(body_pages(ReportPdf()), "ODIHR EOM Core Team")
    report.row(FOUR, ["Family name", "First name", "Nationality", "Position"])
    report.row(FOUR, ["Frlec", "Boris", "Slovenia", "Head of Mission"])
    report.row(FOUR, ["Kareski", "Jane", "North Macedonia", "Deputy Head of Mission"])
    report.new_page().row(FOUR, ["Family name", "First name", "Nationality", "Position"])
    report.row(FOUR, ["Inaishvili", "Kakha", "Georgia", "Legal Analyst"])
    assert [o[:4] for o in observers(closing(report))] == [
        ("Boris", "Frlec", "Slovenia", "Head of Mission"),
        ("Jane", "Kareski", "North Macedonia", "Deputy Head of Mission"),
        ("Kakha", "Inaishvili", "Georgia", "Legal Analyst"),
    ]


TWO = [Column(LEFT, right=False), Column(300, right=False)]


def test_surname_comma_given_name_in_one_column() -> None:
    report = annex(body_pages(ReportPdf()), "Long-Term Observers")
    report.row(TWO, ["Name", "Country"], bold=True)
    report.row(TWO, ["Krottmayer, Markus", "Austria"])
    report.row(TWO, ["Gardemeister, Jorma Kalevi", "Finland"])
    report.row(TWO, ["van den Berg, Pieter", "Netherlands"])
    assert [o[:4] for o in observers(closing(report))] == [
        ("Markus", "Krottmayer", "Austria", None),
        ("Jorma Kalevi", "Gardemeister", "Finland", None),
        ("Pieter", "van den Berg", "Netherlands", None),
    ]


def test_family_name_in_capitals_in_one_column() -> None:
    report = annex(body_pages(ReportPdf()), "Long-Term Observers")
    report.row(TWO, ["BEKKEVOLD Geir Jørgen", "Norway"])
    report.row(TWO, ["MAMPAKA MANKAMBA A Diallo", "Belgium"])
    report.row(TWO, ["Ingmar Goesta HERMANSSON", "Finland"])
    report.row(TWO, ["Adeline Marquis", "France"])
    assert [o[:3] for o in observers(closing(report))] == [
        ("Geir Jørgen", "BEKKEVOLD", "Norway"),
        ("A Diallo", "MAMPAKA MANKAMBA", "Belgium"),
        ("Ingmar Goesta", "HERMANSSON", "Finland"),
        ("Adeline", "Marquis", "France"),
    ]


def test_one_name_column_then_country_and_role() -> None:
    three = [Column(LEFT, right=False), Column(260, right=False), Column(400, right=False)]
    report = annex(body_pages(ReportPdf()), "ODIHR EOM Core Team")
    report.row(three, ["FRLEC Boris", "Slovenia", "Head of Mission"])
    report.row(three, ["KARESKI Jane", "North Macedonia", "Deputy Head of Mission"])
    report.row(three, ["TSAAVA Lela", "Georgia", "Legal Analyst"])
    assert [o[:4] for o in observers(closing(report))] == [
        ("Boris", "FRLEC", "Slovenia", "Head of Mission"),
        ("Jane", "KARESKI", "North Macedonia", "Deputy Head of Mission"),
        ("Lela", "TSAAVA", "Georgia", "Legal Analyst"),
    ]


# --- recommendations ---------------------------------------------------------------------------

ITEMS = (
    "The legal framework should be comprehensively reviewed to bring it in line with OSCE",
    "Independent candidates should be allowed to stand for parliamentary elections.",
    "Consideration should be given to adopting temporary special measures for women.",
)


def recommendation_pages(numbers: Sequence[str], *, column: bool = False,
                         priority: str = "A. PRIORITY RECOMMENDATIONS",
                         other: str = "B. OTHER RECOMMENDATIONS", bold: bool = True) -> bytes:
    report = body_pages(ReportPdf())
    report.new_page().paragraph("XV. RECOMMENDATIONS", size=12, bold=True)
    report.paragraph("These recommendations are offered with a view to further enhance the",
                     "conduct of elections.")
    text_x = LEFT + 36 if column else LEFT + 18

    def item(number: str, *lines: str) -> None:
        report.text(LEFT, number, size=11)
        for line in lines:
            report.text(text_x, line, size=11)
            report.top += 14
        report.top += 6

    report.paragraph(priority, size=11, bold=bold)
    item(numbers[0], ITEMS[0], "commitments and other international obligations.")
    item(numbers[1], ITEMS[1])
    report.paragraph(other, size=11, bold=bold)
    report.paragraph("Media", size=11, bold=True)
    item(numbers[2], ITEMS[2])
    return closing(report)


EXPECTED = [
    (1, True, None, ITEMS[0] + " commitments and other international obligations."),
    (2, True, None, ITEMS[1]),
    (3, False, "Media", ITEMS[2]),
]


def test_items_numbered_with_a_parenthesis() -> None:
    assert recommendations(recommendation_pages(["1)", "2)", "3)"])) == EXPECTED


def test_items_numbered_with_a_spaced_dot() -> None:
    assert recommendations(recommendation_pages(["1 .", "2 .", "3 ."])) == EXPECTED


def test_item_numbers_in_a_column_of_their_own() -> None:
    assert recommendations(recommendation_pages(["1", "2", "3"], column=True)) == EXPECTED


def test_priority_list_under_plain_bold_lines() -> None:
    data = recommendation_pages(["1.", "2.", "3."], priority="Priority Recommendations",
                                other="Other Recommendations")
    assert recommendations(data) == EXPECTED


def test_numbered_rows_with_and_without_a_header() -> None:
    five = [Column(LEFT, right=False), Column(100, right=False), Column(210, right=False),
            Column(330, right=False), Column(440, right=False)]
    report = annex(body_pages(ReportPdf()), "ODIHR EOM Core Team")
    report.row(five, ["No.", "Name", "Surname", "Country", "Position"], bold=True)
    report.row(five, ["1.", "Boris", "Frlec", "Slovenia", "Head of Mission"])
    report.row(five, ["2.", "Jane", "Kareski", "North Macedonia", "Deputy Head"])
    report.paragraph("Long-Term Observers", size=11, bold=True)
    four = five[:4]
    report.row(four, ["3", "Markus", "Krottmayer", "Austria"])
    report.row(four, ["4", "Merete", "Laubjerg", "Denmark"])
    assert observers(closing(report)) == [
        ("Boris", "Frlec", "Slovenia", "Head of Mission", "ODIHR EOM Core Team"),
        ("Jane", "Kareski", "North Macedonia", "Deputy Head", "ODIHR EOM Core Team"),
        ("Markus", "Krottmayer", "Austria", None, "Long-Term Observers"),
        ("Merete", "Laubjerg", "Denmark", None, "Long-Term Observers"),
    ]


@pytest.mark.parametrize(("name", "expected"), [
    ("Krottmayer, Markus", ("Markus", "Krottmayer")),
    ("BEKKEVOLD, Geir Jørgen", ("Geir Jørgen", "BEKKEVOLD")),
    ("BEKKEVOLD Geir Jørgen", ("Geir Jørgen", "BEKKEVOLD")),
    ("van den BERG Pieter", ("Pieter", "van den BERG")),
    ("J. SMITH", ("J.", "SMITH")),
    ("Geir Jørgen Bekkevold", ("Geir Jørgen", "Bekkevold")),
    ("JAN TYLER", ("JAN", "TYLER")),
])
def test_split_name_conventions(name: str, expected: tuple[str, str]) -> None:
    assert split_name(name) == expected


@pytest.mark.parametrize(("labels", "kinds"), [
    (["Name", "Surname", "Country", "Role"], ["given", "family", "country", "role"]),
    (["Surname", "Name", "Nationality"], ["family", "given", "country"]),
    (["NAME", "COUNTRY"], ["name", "country"]),
    (["No.", "Full name", "Country", "Position"], ["number", "name", "country", "role"]),
    (["Anna", "Berg", "Sweden", "MP"], None),
    (["Country", "Role"], None),  # no name column: not an observer table's header
])
def test_header_rows(labels: list[str], kinds: list[str] | None) -> None:
    words, x = [], 72.0
    for label in labels:
        for i, token in enumerate(label.split()):
            words.append(Word(token, x + 28 * i, x + 28 * i + 25, 100, 110, 10))
        x += 120
    assert header_kinds(Line(1, tuple(words))) == kinds


def test_priority_list_under_plain_lines() -> None:
    data = recommendation_pages(["1.", "2.", "3."], priority="Priority recommendations",
                                other="Other recommendations", bold=False)
    assert recommendations(data) == EXPECTED


def test_header_row_right_under_the_annex_title() -> None:
    report = body_pages(ReportPdf())
    report.new_page().paragraph(ANNEX, size=12, bold=True)
    report.row(FOUR, ["NAME", "SURNAME", "COUNTRY", "ROLE"], bold=True)
    report.row(FOUR, ["Boris", "Frlec", "Slovenia", "Head of Mission"])
    report.row(FOUR, ["Lela", "Tsaava", "Georgia", ""])
    assert observers(closing(report)) == [
        ("Boris", "Frlec", "Slovenia", "Head of Mission", ANNEX),
        ("Lela", "Tsaava", "Georgia", None, ANNEX),
    ]


def test_header_row_only_on_the_first_page_still_names_the_columns() -> None:
    report = annex(body_pages(ReportPdf()), "ODIHR EOM Core Team")
    report.row(FOUR, ["Surname", "Name", "Country", "Position"], bold=True)
    report.row(FOUR, ["Frlec", "Boris", "Slovenia", "Head of Mission"])
    report.new_page().row(FOUR, ["Tsaava", "Lela", "Georgia", "Legal Analyst"])
    assert [o[:4] for o in observers(closing(report))] == [
        ("Boris", "Frlec", "Slovenia", "Head of Mission"),
        ("Lela", "Tsaava", "Georgia", "Legal Analyst"),
    ]
