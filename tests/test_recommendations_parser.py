"""The recommendations parser: every sample PDF against its truth, and its rules table-driven
(previously recommended, hyphen repair, footnote markers and running lines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from odihr.parse.document.joining import join_hyphenated, join_lines
from odihr.parse.document.layout import group_lines, is_furniture, normalize_running
from odihr.parse.pdf import PdfReport, Word
from odihr.parse.recommendations.plain import ROMAN_SERIES, UPPER_ROMAN_SERIES, label_keys
from odihr.parse.recommendations.reader import previously_recommended, read_recommendations

ROOT = Path(__file__).resolve().parents[1]
TRUTH_FILES = sorted(p for p in (ROOT / "tests" / "truth").glob("*.json") if p.name != "site.json")


@pytest.mark.parametrize("truth_path", TRUTH_FILES, ids=lambda p: p.stem)
def test_recommendations_match_truth(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pdf_path = ROOT / "odihr" / "sample_site" / truth["url_path"].lstrip("/")
    with PdfReport(pdf_path.read_bytes()) as pdf:
        recommendations = read_recommendations(pdf)
        pages = pdf.page_count
    expected = [(r["number"], r["priority"], r["section"], r["text"])
                for r in truth.get("recommendations") or []]
    assert [(r.number, r.priority, r.section, r.text) for r in recommendations] == expected
    for got, want in zip(recommendations, truth.get("recommendations") or [], strict=True):
        # The truth may not say; then the documented rule applied to the true text decides.
        flag = want.get("previously_recommended", previously_recommended(want["text"]))
        assert got.previously_recommended is flag
    assert all(1 <= r.page <= pages for r in recommendations)
    assert [r.page for r in recommendations] == sorted(r.page for r in recommendations)


def test_the_sample_has_a_previously_recommended_item() -> None:
    truth = json.loads((ROOT / "tests" / "truth" / "250536.json").read_text(encoding="utf-8"))
    flagged = [r["number"] for r in truth["recommendations"] if previously_recommended(r["text"])]
    assert flagged == [24]


@pytest.mark.parametrize(("text", "expected"), [
    ("As previously recommended, to enhance transparency, election results should be published.",
     True),
    ("The prior recommendation on campaign finance should be implemented.", True),
    ("As recommended in the previous report, the law should be amended.", True),
    ("ODIHR reiterates its recommendation that the CEC publish its decisions.", True),
    ("Previous ODIHR recommendations on voter lists remain to be addressed.", True),
    ("Как и рекомендовалось ранее, результаты следует публиковать.", True),
    ("Следует выполнить предыдущие рекомендации БДИПЧ.", True),
    ("The legal framework should be reviewed to address past and present OSCE/ODIHR electoral "
     "assessments and recommendations.", False),
    ("Independent candidates should be allowed to stand for parliamentary elections.", False),
    ("Consideration could be given to removing the possibility for voters to register on "
     "election day.", False),
])
def test_previously_recommended_rule(text: str, expected: bool) -> None:
    assert previously_recommended(text) is expected


@pytest.mark.parametrize(("left", "right", "vocabulary", "expected"), [
    # A compound hyphen stays; the line break only removes the space.
    ("all election-", "related complaints", frozenset(), "all election-related complaints"),
    ("of vote-", "buying", frozenset({"vote", "buying"}), "of vote-buying"),
    # The report prints the word whole elsewhere and never hyphenated: the hyphen only broke it.
    ("the outstanding recom-", "mendations", frozenset({"recommendations"}),
     "the outstanding recommendations"),
    ("the outstanding recom-", "mendations",
     frozenset({"recommendations", "recom-mendations"}), "the outstanding recom-mendations"),
    # A capitalised continuation is a name or an acronym: the hyphen stays.
    ("the Inter-", "District commission", frozenset({"interdistrict"}),
     "the Inter-District commission"),
    # A soft hyphen always goes.
    ("the recom\u00ad", "mendations", frozenset(), "the recommendations"),
])
def test_join_hyphenated(left: str, right: str, vocabulary: frozenset[str],
                         expected: str) -> None:
    assert join_hyphenated(left, right, vocabulary) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["The law should", "be amended."], "The law should be amended."),
    (["all election-", "related complaints"], "all election-related complaints"),
    (["between 2016 -", "2017 and"], "between 2016 - 2017 and"),
    (["  spaced   out ", "", "text"], "spaced out text"),
])
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_footnote_markers_are_kept_apart_from_the_line() -> None:
    body = [Word("previous", 262, 303, 194, 206, 12.0), Word("reports.", 306, 343, 194, 206, 12.0)]
    marker = Word("83", 343, 350, 196, 203, 7.0)  # smaller, its baseline raised
    (line,) = group_lines([*body, marker], page=27)
    assert line.text == "previous reports."
    assert [m.text for m in line.marks] == ["83"]


@pytest.mark.parametrize(("text", "running", "expected"), [
    ("Page: 29", frozenset(), True),
    ("Страница: 10", frozenset(), True),
    ("- 3 -", frozenset(), True),
    ("12", frozenset(), True),
    ("12.", frozenset(), False),  # an item number alone on its line is not a page number
    ("Republic of Kazakhstan", frozenset({"Republic of Kazakhstan"}), True),
    ("Early Parliamentary Elections, 20 March 2016",
     frozenset({"Early Parliamentary Elections, # March #"}), True),
    ("12. Measures to safeguard the independence", frozenset(), False),
    ("Voter Registration", frozenset({"Republic of Kazakhstan"}), False),
])
def test_running_headers_and_footers(text: str, running: frozenset[str], expected: bool) -> None:
    words = [Word(t, 71.0 + 30 * i, 99.0 + 30 * i, 90, 100, 10.0)
             for i, t in enumerate(text.split())]
    (line,) = group_lines(words, page=1)
    assert is_furniture(line, running) is expected


def test_running_lines_ignore_page_numbers_digits() -> None:
    assert normalize_running("Page:  29") == normalize_running("Page: 30") == "Page: #"


@pytest.mark.parametrize(("text", "expected"), [
    ("b) The law should be amended.", (("", 1),)),
    ("(i) The law should be amended.", (("", 8), (ROMAN_SERIES, 0))),  # the series decides
    ("(ii) The law should be amended.", ((ROMAN_SERIES, 1),)),
    ("iv. The law should be amended.", ((ROMAN_SERIES, 3),)),
    ("x) The law should be amended.", (("", 23), (ROMAN_SERIES, 9))),
    ("xix. The law should be amended.", ((ROMAN_SERIES, 18),)),
    ("2.1.3 The law should be amended.", (("2.1", 2),)),
    ("I. The law should be amended.", ((UPPER_ROMAN_SERIES, 0),)),  # capitals: numerals only
    ("IV. The law should be amended.", ((UPPER_ROMAN_SERIES, 3),)),
    ("(XII) The law should be amended.", ((UPPER_ROMAN_SERIES, 11),)),
    ("B. The law should be amended.", ()),  # a capital letter: a topic's, no item label
    ("IIII. The law should be amended.", ()),
    ("iiii. The law should be amended.", ()),  # no roman numeral
    ("civil society should be consulted.", ()),
    ("i.e. the law should be amended.", ()),
])
def test_list_marker_readings(text: str, expected: tuple) -> None:
    assert label_keys(text) == expected
