"""Report metadata read from title blocks and running headers.

Every truth file of the sample mirror is checked field by field. Note on ``published_on``: every
sample report prints its publication date (cover ``Warsaw`` / date, interim heading, or the
``Astana, 21 March 2016 –`` opening of a statement) except the 1996 legacy report, which prints
only ``Warsaw, October 1996``; for it the parser takes the PDF's creation date (21 October 1996)
because it falls in the printed month — the truth's date agrees.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from odihr.parse.metadata.countries import site_country
from odihr.parse.metadata.reader import read_metadata, running_header
from odihr.parse.pdf import PdfReport
from odihr.parse.text import terms
from odihr.records import REPORT_TYPES, ReportMetadata

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SITE = ROOT / "odihr" / "sample_site"
TRUTH_FILES = sorted(p for p in (ROOT / "tests" / "truth").glob("*.json") if p.name != "site.json")
#: Truth ``report_type_code`` -> contract ``report_type``.
REPORT_TYPE_CODES = {
    "final_report": "final",
    "needs_assessment_mission_report": "needs_assessment",
    "interim_report": "interim",
    "statement_of_preliminary_findings_and_conclusions": "preliminary_statement",
}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _read(path: Path) -> ReportMetadata:
    with PdfReport(path.read_bytes()) as pdf:
        return read_metadata(pdf)


@pytest.mark.parametrize("truth_file", TRUTH_FILES, ids=lambda p: p.stem)
def test_metadata_matches_truth(truth_file: Path) -> None:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    meta = _read(SAMPLE_SITE / truth["url_path"].lstrip("/"))
    got = {
        "country": meta.country,
        "election_title": meta.election_title,
        "election_type": meta.election_type,
        "early": meta.early,
        "election_date": _iso(meta.election_date),
        "election_dates": [d.isoformat() for d in meta.election_dates],
        "mission_type": meta.mission_type,
        "report_type": meta.report_type,
        "language": meta.language,
        "publication_date": _iso(meta.published_on),
        "page_count": meta.pages,
    }
    expected = {key: truth[key] for key in got if key != "report_type"}
    expected["report_type"] = REPORT_TYPE_CODES[truth["report_type_code"]]
    assert got == expected
    assert meta.report_type in REPORT_TYPES


def test_running_header_of_a_final_report() -> None:
    with PdfReport((SAMPLE_SITE / "files/f/documents/4/7/250536.pdf").read_bytes()) as pdf:
        assert running_header(pdf) == [
            "Republic of Kazakhstan",
            "Early Parliamentary Elections, 20 March 2016",
            "OSCE/ODIHR Election Observation Mission Final Report",
        ]


@pytest.mark.parametrize("first_line", [
    "Republic of Poland Page: {n}", "Page: {n}    Republic of Poland",
    "Page {n} of 9 | Republic of Poland",
])
def test_page_label_on_the_first_header_line_is_not_part_of_it(first_line: str) -> None:
    body = "Presidential Election, 18 May 2025\nODIHR Needs Assessment Mission Report\n" \
        "The mission met the authorities on day {n}.\n"
    pages = ["cover\n"] + [(first_line + "\n" + body).format(n=n) for n in (2, 3, 4)]
    assert running_header(TextReport(pages)) == [  # type: ignore[arg-type]
        "Republic of Poland", "Presidential Election, 18 May 2025",
        "ODIHR Needs Assessment Mission Report"]


@pytest.mark.parametrize("name", ["election-observation-handbook-6th-edition.pdf",
                                  "handbook-media-monitoring-election-observation.pdf"])
def test_a_handbook_is_not_a_report(name: str) -> None:
    meta = _read(next(SAMPLE_SITE.rglob(name)))
    assert meta.report_type == "other"
    assert (meta.country, meta.election_title, meta.election_date, meta.published_on) == (
        None, None, None, None)


# --- layouts the sample does not have, as page text (the structure, not a file) ----------


@dataclass
class TextReport:
    """Stands in for :class:`PdfReport`: pages of text and a document information dict."""

    pages: list[str]
    created: str = ""

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def text(self, number: int) -> str:
        return self.pages[number - 1]

    def info(self) -> dict[str, str]:
        return {"CreationDate": self.created} if self.created else {}


BODY = "The ODIHR EAM assessed the process and met with the authorities.\n" * 3
HEADER = "Republic of Poland Page: {n}\nPresidential Election, 18 May 2025\n" \
    "ODIHR Needs Assessment Mission Report\n"


def test_one_line_report_type_period_with_hyphen_and_page_labels_in_header() -> None:
    cover = ("Office for Democratic Institutions and Human Rights\nREPUBLIC OF POLAND\n"
             "PRESIDENTIAL ELECTION\n18 May 2025\nODIHR NEEDS ASSESSMENT MISSION REPORT\n"
             "17-20 March 2025\nWarsaw\n3 April 2025\n")
    meta = read_metadata(TextReport([cover] + [HEADER.format(n=n) + BODY for n in (1, 2, 3)]))
    assert (meta.country, meta.election_title, meta.election_type, meta.early) == (
        "Poland", "Presidential Election, 18 May 2025", "presidential", False)
    assert meta.report_type == "needs_assessment"
    assert meta.mission_type == "Election Assessment Mission"  # from "ODIHR EAM" in the text
    assert meta.published_on == date(2025, 4, 3)
    assert meta.pages == 4


def test_russian_cover_with_short_year_suffix() -> None:
    cover = ("Бюро по демократическим институтам и правам человека\nРЕСПУБЛИКА КАЗАХСТАН\n"
             "ВНЕОЧЕРЕДНЫЕ ПРЕЗИДЕНТСКИЕ ВЫБОРЫ\n9 июня 2019 г.\n"
             "Ограниченная миссия БДИПЧ по наблюдению за выборами\nОкончательный отчет\n"
             "Варшава\n14 октября 2019 г.\n")
    body = "Республика Казахстан\nПо приглашению властей Республики Казахстан наблюдать.\n"
    meta = read_metadata(TextReport([cover, body, body]))
    assert meta.country == "Kazakhstan"
    assert meta.election_title == "Early Presidential Election, 9 June 2019"
    assert (meta.election_type, meta.early) == ("presidential", True)
    assert meta.mission_type == "Limited Election Observation Mission"
    assert (meta.report_type, meta.language) == ("final", "ru")
    assert meta.published_on == date(2019, 10, 14)


def test_election_phrase_broken_over_two_lines_and_two_rounds() -> None:
    cover = ("INTERNATIONAL ELECTION OBSERVATION MISSION\nREPUBLIC OF NORTH MACEDONIA\n"
             "EARLY PRESIDENTIAL\nELECTION\n21 April and 5 May 2019\n"
             "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS\n"
             "Skopje, 22 April 2019 – The 21 April early presidential election was well run and"
             " fundamental freedoms were respected.\n")
    meta = read_metadata(TextReport([cover + "The ODIHR LEOM observed.\n"]))
    assert meta.country == "North Macedonia"
    assert meta.election_title == "Early Presidential Election, 21 April and 5 May 2019"
    assert meta.election_dates == (date(2019, 4, 21), date(2019, 5, 5))
    assert meta.report_type == "preliminary_statement"
    assert meta.mission_type == "Limited Election Observation Mission"
    assert meta.published_on == date(2019, 4, 22)


def test_month_only_date_ignores_a_creation_date_outside_that_month() -> None:
    cover = ("REPUBLIC OF ARMENIA\nPRESIDENTIAL ELECTION, 22 September 1996\nFINAL REPORT\n"
             "Warsaw, October 1996\n")
    pages = [cover, BODY]
    assert read_metadata(TextReport(pages, "D:19961021100000Z")).published_on == date(1996, 10, 21)
    assert read_metadata(TextReport(pages, "D:20040101000000Z")).published_on is None
    assert read_metadata(TextReport(pages)).published_on is None


def test_unknown_country_keeps_its_printed_name() -> None:
    cover = "REPUBLIC OF ATLANTIS\nLOCAL ELECTIONS\n2 June 2024\nODIHR Election Expert Team\n" \
        "Final Report\nWarsaw\n1 October 2024\n"
    meta = read_metadata(TextReport([cover, BODY]))
    assert (meta.country, meta.election_type, meta.mission_type) == (
        "Atlantis", "local", "Election Expert Team")


# --- the vocabulary, line by line -----------------------------------------------------------


@pytest.mark.parametrize(("printed", "expected"), [
    ("REPUBLIC OF KAZAKHSTAN", "Kazakhstan"), ("Republic of Moldova", "Moldova"),
    ("KYRGYZ REPUBLIC", "Kyrgyzstan"), ("GEORGIA", "Georgia"), ("MONTENEGRO", "Montenegro"),
    ("РЕСПУБЛИКА МОЛДОВА", "Moldova"), ("Кыргызская Республика", "Kyrgyzstan"),
    ("THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "North Macedonia"),
    ("UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "United Kingdom"),
    ("REPUBLIC OF TURKEY", "Türkiye"), ("Российская Федерация", "Russian Federation"),
    ("BOSNIA AND HERZEGOVINA", "Bosnia and Herzegovina"), ("Warsaw", None),
    ("Early Parliamentary Elections", None), ("", None),
])
def test_site_country(printed: str, expected: str | None) -> None:
    assert site_country(printed) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Final Report", ("final", "")),
    ("FINAL REPORT", ("final", "")),
    ("OSCE/ODIHR Election Observation Mission Final Report", (
        "final", "OSCE/ODIHR Election Observation Mission")),
    ("OSCE/ODIHR Election Observation Mission Report", (
        "final", "OSCE/ODIHR Election Observation Mission")),
    ("Needs Assessment Mission Report", ("needs_assessment", "")),
    ("OSCE/ODIHR Needs Assessment Mission Report", ("needs_assessment", "OSCE/ODIHR")),
    ("INTERIM REPORT", ("interim", "")),
    ("Second Interim Report", ("interim", "")),
    ("OSCE/ODIHR EOM Interim Report", ("interim", "OSCE/ODIHR EOM")),
    ("STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS", ("preliminary_statement", "")),
    ("Заключительный отчёт", ("final", "")),
    ("Промежуточный отчет", ("interim", "")),
    ("Заявление о предварительных выводах и заключениях", ("preliminary_statement", "")),
    ("The Final Report will be published", None),
    ("Election Observation Handbook", None),
])
def test_report_type(line: str, expected: tuple[str, str] | None) -> None:
    assert terms.report_type(line) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("OSCE/ODIHR Election Observation Mission", "Election Observation Mission"),
    ("ODIHR Limited Election Observation Mission", "Limited Election Observation Mission"),
    ("ODIHR LIMITED REFERENDUM OBSERVATION MISSION", "Limited Referendum Observation Mission"),
    ("ODIHR Election Assessment Mission", "Election Assessment Mission"),
    ("INTERNATIONAL ELECTION OBSERVATION MISSION", terms.JOINT_MISSION),
    ("OSCE/ODIHR EOM", "Election Observation Mission"),
    ("ODIHR LEOM", "Limited Election Observation Mission"),
    ("Миссия БДИПЧ ОБСЕ по наблюдению за выборами", "Election Observation Mission"),
    ("миссии БДИПЧ ОБСЕ по наблюдению за выборами", "Election Observation Mission"),
    ("Международная миссия по наблюдению за выборами", terms.JOINT_MISSION),
    ("OSCE/ODIHR", None), ("Mission", None), ("The mission was deployed", None),
])
def test_mission_type(line: str, expected: str | None) -> None:
    assert terms.mission_type(line) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Early Parliamentary Elections", ("Early Parliamentary Elections", "parliamentary", True)),
    ("PRESIDENTIAL ELECTION", ("Presidential Election", "presidential", False)),
    ("LOCAL ELECTIONS", ("Local Elections", "local", False)),
    ("Constitutional Referendum", ("Constitutional Referendum", "referendum", False)),
    ("Municipal Elections", ("Municipal Elections", "local", False)),
    ("Regional Elections", ("Regional Elections", "regional", False)),
    ("Выборы президента", ("Presidential Election", "presidential", False)),
    ("Досрочные парламентские выборы", ("Early Parliamentary Elections", "parliamentary", True)),
    ("Elections", None), ("Handbook on Media Monitoring for Election", None),
    ("The elections were held", None), ("Election Observation Handbook", None),
])
def test_election_phrase(text: str, expected: tuple[str, str, bool] | None) -> None:
    found = terms.election_phrase(text)
    assert (found[:3] if found else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The elections were held in a calm atmosphere and the count was transparent.", "en"),
    ("Выборы прошли в спокойной обстановке, подсчёт голосов был прозрачным.", "ru"),
    ("Les élections se sont déroulées dans le calme et la transparence des votes.", "fr"),
    ("Вибори пройшли спокійно, і підрахунок голосів був прозорим.", "uk"),
    ("", None),
])
def test_detect_language(text: str, expected: str | None) -> None:
    assert terms.detect_language(text) == expected
