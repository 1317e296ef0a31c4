"""Variations of real ODIHR reports (``../shared/REAL-REPORTS.md`` and public copies of reports
not listed there), each written as a real PDF with the test generators and read by the real
parser, or given to the real site parsers.

Already covered elsewhere (not repeated here):

- covers and title blocks — every label of every era, the document code, letterhead interim
  reports, second-round statements, partner logos, ``INTERNATIONAL ELECTION OBSERVATION``, no
  dateline, typos, chamber-named elections, every date form and the date before the place:
  ``tests/cover_pdfs.py`` (Hypothesis, ``test_covers_generated.py``), ``test_real_covers.py``,
  ``test_cover_lines.py``, ``test_dates.py``; the site supplying an unread cover fact:
  ``odihr/crosscheck.py`` (``fill_from_site``) and its tests;
- recommendations — priority/other with or without the letters' dots, lettered topics A–K in
  capitals or title case (never priority), short-/longer-term groups, ``2.1 Recommendations`` in
  the summary, ``RECOMMENDATIONS AND CONCLUSIONS``, bullets, paragraphs, none:
  ``tests/synth_report.py`` (``test_synth_reports.py``);
- observers — every annex wording and case, Annex I without results, 10+ pages, group headings
  known and random, lists grouped by country: ``tests/synth_report.py``,
  ``test_parser_variants.py``, ``test_observers_parser.py``;
- page furniture — ``Page: N`` on the first header line, ``II SUMMARY``, ``III.1``, ``2.1``,
  unnumbered sections, contents without page numbers: ``tests/synth_report.py``,
  ``test_headings.py``, ``test_metadata_parser.py``.

New here: recommendations labelled ``a)``, ``(b)``, ``c.`` or ``1.2``; observer tables without
a header row whose countries are not in the third column; the 1990s spellings of countries;
cover wordings of public reports that REAL-REPORTS.md does not list (a two-line country,
``13 and 27 June 2004``, a month-only visit period, ``REFERENDUM`` alone, a referendum
mission's label); a needs assessment closing with ``CONCLUSION AND RECOMMENDATION`` in prose
and an ``ANNEX: LIST OF MEETINGS``; a body chapter about observers; the site's variations
(report text as a web page, the language in the file name); a results table inside a chapter
about something else, under a sentence introducing it; three rounds (a repeated run-off) in
ruled tables whose captions stand a line under the last rule. The results annexes' other
variations (headings, body chapters, annexes beside the results, footnote markers, rows without
votes) are axes of ``tests/results_annex_gen.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from cover_pdfs import Cover, cover_pdf
from synth_report import SynthPdf, wrap
from test_parser_variants import FOUR, annex, body_pages, closing, observers

from odihr.parse.metadata import read_metadata
from odihr.parse.observers import read_observers
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations import read_recommendations
from odihr.parse.report import parse_report
from odihr.parse.results import read_results
from odihr.site.pages import parse_election_page
from odihr.site.urls import file_language

from results_pdfs import LEFT, Column, ReportPdf

D = date
ODIHR = "Office for Democratic Institutions and Human Rights"
FIELDS = ("country", "election_title", "election_type", "early", "election_dates",
          "mission_type", "report_type", "published_on")

# --- covers of public reports, line by line as their text layers print them -------------------

REAL_COVERS: dict[str, tuple[list[str], list[str], dict[str, object]]] = {
    # https://docslib.org/doc/1299488/the-former-yugoslav-republic-of-macedonia
    "referendum_2018": (
        [ODIHR, "THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "REFERENDUM", "30 September 2018",
         "ODIHR Referendum Observation Mission Final Report", "21 January 2019 Warsaw"],
        ["THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA REFERENDUM", "30 September 2018",
         "ODIHR Referendum Observation Mission Final Report1"],
        {"country": "North Macedonia", "election_title": "Referendum, 30 September 2018",
         "election_type": "referendum", "early": False, "election_dates": (D(2018, 9, 30),),
         "mission_type": "Referendum Observation Mission", "report_type": "final",
         "published_on": D(2019, 1, 21)}),
    # https://docslib.org/download/995535/republic-of-poland
    "assessment_2007": (
        [ODIHR, "REPUBLIC OF POLAND", "PRE-TERM PARLIAMENTARY ELECTIONS", "21 October 2007",
         "OSCE/ODIHR Election Assessment Mission Final Report", "Warsaw", "20 March 2008"], [],
        {"country": "Poland", "election_title": "Pre-term Parliamentary Elections, 21 October 2007",
         "election_type": "parliamentary", "early": True, "election_dates": (D(2007, 10, 21),),
         "mission_type": "Election Assessment Mission", "report_type": "final",
         "published_on": D(2008, 3, 20)}),
    # http://lawsdocbox.com/Politics/66241245-Republic-of-bulgaria.html (a month-only visit
    # period; the title block's typos "PARLIAMENTRY" and "5 October August 2014")
    "needs_assessment_2014": (
        [ODIHR, "REPUBLIC OF BULGARIA", "EARLY PARLIAMENTARY ELECTIONS", "5 October 2014",
         "OSCE/ODIHR NEEDS ASSESSMENT MISSION REPORT", "August 2014", "Warsaw",
         "27 August 2014"],
        ["REPUBLIC OF BULGARIA", "EARLY PARLIAMENTRY ELECTIONS", "5 October August 2014"],
        {"country": "Bulgaria", "election_title": "Early Parliamentary Elections, 5 October 2014",
         "election_type": "parliamentary", "early": True, "election_dates": (D(2014, 10, 5),),
         "mission_type": None, "report_type": "needs_assessment",
         "published_on": D(2014, 8, 27)}),
    # http://www.docstoc.com/docs/49947306/REPUBLIC-OF-SERBIA-SERBIA-AND-MONTENEGRO (the
    # republic and the state union on two lines; two rounds joined by a lower-case "and")
    "two_country_lines_2004": (
        [ODIHR, "REPUBLIC OF SERBIA", "SERBIA AND MONTENEGRO", "PRESIDENTIAL ELECTION",
         "13 and 27 June 2004", "OSCE/ODIHR Election Observation Mission Report", "Warsaw",
         "22 September 2004"], [],
        {"country": "Serbia", "election_title": "Presidential Election, 13 and 27 June 2004",
         "election_type": "presidential", "early": False,
         "election_dates": (D(2004, 6, 13), D(2004, 6, 27)),
         "mission_type": "Election Observation Mission", "report_type": "final",
         "published_on": D(2004, 9, 22)}),
    # https://docslib.org/doc/752488/international-election-observation-mission-russian-
    # federation-presidential-election-18-march-2018 (no dateline)
    "statement_2018": (
        ["INTERNATIONAL ELECTION OBSERVATION MISSION",
         "Russian Federation – Presidential Election, 18 March 2018",
         "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS", "PRELIMINARY CONCLUSIONS",
         "The 18 March presidential election took place in an overly controlled legal and "
         "political environment."], [],
        {"country": "Russian Federation", "election_title": "Presidential Election, 18 March 2018",
         "election_type": "presidential", "early": False, "election_dates": (D(2018, 3, 18),),
         "mission_type": None, "report_type": "preliminary_statement", "published_on": None}),
}


@pytest.mark.parametrize("name", sorted(REAL_COVERS))
def test_covers_of_public_reports(name: str) -> None:
    lines, title_block, expected = REAL_COVERS[name]
    with PdfReport(cover_pdf(Cover(lines, [], title_block, expected))) as pdf:
        meta = read_metadata(pdf)
    assert {k: getattr(meta, k) for k in FIELDS} == expected


@pytest.mark.parametrize(("printed", "country"), [
    ("REPUBLIC OF KAZAKSTAN", "Kazakhstan"), ("AZERBAIDJAN", "Azerbaijan"),
    ("BYELORUSSIA", "Belarus"), ("KIRGIZSTAN", "Kyrgyzstan")])
def test_the_1990s_transliterations_of_country_names(printed: str, country: str) -> None:
    # Reports and observer lists of the 1990s spell the states as the OSCE did then.
    lines = [ODIHR, printed, "PRESIDENTIAL ELECTION", "10 JANUARY 1999", "FINAL REPORT",
             "Warsaw", "5 February 1999"]
    with PdfReport(cover_pdf(Cover(lines, [], [], {}))) as pdf:
        meta = read_metadata(pdf)
    assert (meta.country, meta.election_title, meta.report_type) == \
        (country, "Presidential Election, 10 January 1999", "final")


# --- a needs assessment: conclusions in prose, a list of meetings -----------------------------

TWO = [Column(LEFT, right=False), Column(230, right=False)]
THREE = [Column(LEFT, right=False), Column(200, right=False), Column(380, right=False)]
#: The people a mission met, with their role and the state an embassy represents.
MET = [["Rebecca Smith", "Ambassador", "United Kingdom"],
       ["Jan Kowalski", "Ambassador", "Poland"],
       ["Anna Berg", "Deputy Head of Mission", "Sweden"],
       ["Thomas Muller", "Counsellor", "Germany"]]


def _needs_assessment(meetings: str) -> bytes:
    """A needs assessment laid out as the public Mongolia 2016 and Bulgaria 2014 reports are
    (contents: ``IV. CONCLUSION AND RECOMMENDATION``, ``ANNEX: LIST OF MEETINGS``), with the
    list of meetings as two columns (name | role and institution) or, for the diplomatic
    community alone, three (name | role | the state of an embassy)."""
    pdf = SynthPdf(page_header=False)
    pdf.new_page()
    for line in ("REPUBLIC OF BULGARIA", "EARLY PARLIAMENTARY ELECTIONS", "5 October 2014",
                 "OSCE/ODIHR NEEDS ASSESSMENT MISSION REPORT", "Warsaw", "27 August 2014"):
        pdf.lines([line], size=14, bold=True, gap=6)
    pdf.new_page()
    pdf.heading("TABLE OF CONTENTS")
    for entry in ("I. INTRODUCTION ...... 1", "III. FINDINGS ...... 2",
                  "H. CITIZEN AND INTERNATIONAL ELECTION OBSERVATION ...... 3",
                  "IV. CONCLUSION AND RECOMMENDATION ...... 3",
                  "ANNEX: LIST OF MEETINGS ...... 4"):
        pdf.lines([entry], gap=2)
    pdf.new_page()
    pdf.heading("I. INTRODUCTION")
    pdf.lines(wrap("The NAM met with the authorities, political parties and civil society."))
    pdf.heading("III. FINDINGS")
    pdf.heading("H. CITIZEN AND INTERNATIONAL ELECTION OBSERVATION", size=11)
    pdf.lines(wrap("The law provides for citizen and international observers, who must be "
                   "accredited by the Central Election Commission."))
    pdf.heading("IV. CONCLUSION AND RECOMMENDATION")
    pdf.lines(wrap("All interlocutors welcomed an observation activity. The NAM recommends the "
                   "deployment of an Election Assessment Mission for these elections."))
    pdf.new_page()
    pdf.heading("ANNEX: LIST OF MEETINGS")
    if meetings == "two columns":
        pdf.heading("Central Election Commission", size=11)
        for name, role in (("Ivilina Aleksieva", "Chairperson"), ("Rositsa Mateva", "Secretary")):
            pdf.row(TWO, [name, role], size=10)
    pdf.heading("International Community", size=11)
    for name, role, state in MET:
        if meetings == "three columns":
            pdf.row(THREE, [name, role, state], size=10)
        else:
            pdf.row(TWO, [name, f"{role}, Embassy of {state}"], size=10)
    return pdf.save()


@pytest.mark.parametrize("meetings", ["two columns", "three columns"])
def test_a_needs_assessment_has_no_recommendations_and_no_observers(meetings: str) -> None:
    # The conclusion recommends a mission in prose: no items, and nothing unreadable. The list
    # of meetings names people, with the states of the embassies met: they observed nothing.
    report = parse_report(_needs_assessment(meetings))
    assert report.metadata.report_type == "needs_assessment"
    assert (report.recommendations, report.observers, report.problems) == ((), (), ())


def test_the_report_type_not_the_annex_words_keeps_a_list_of_meetings_out() -> None:
    # Read on its own, an annex titled in words no list holds is a list of observers when its
    # table names people with nationalities (tests/test_synth_reports.py); a needs assessment is
    # written before any observer is deployed, so only an annex naming observers is read there.
    data = _needs_assessment("three columns")
    with PdfReport(data) as pdf:
        names = [(o.given_name, o.family_name, o.country) for o in read_observers(pdf)]
        assert read_observers(pdf, unnamed_annexes=False) == ()
    assert [country for *_, country in names] == [state for *_, state in MET]
    assert parse_report(data).observers == ()


# --- recommendations labelled by letters or decimals ----------------------------------------

SENTENCES = ("The legal framework should be reviewed to bring it in line with OSCE commitments.",
             "The election administration should publish all its decisions in a timely manner.",
             "Independent candidates should be allowed to stand in all elections.",
             "The broadcast regulator should act promptly on violations during the campaign.")


@pytest.mark.parametrize("marker", ["a)", "(a)", "a.", "1.1"])
def test_items_labelled_by_letters_or_decimals_under_topics(marker: str) -> None:
    # Items under lettered topics labelled a), b) (or 1.1, 1.2, restarting under each topic):
    # the labels name no recommendation, they are no part of its text.
    pdf = SynthPdf(page_header=False)
    pdf.new_page()
    pdf.text(180, "REPUBLIC OF TESTLAND", size=20, bold=True)
    pdf.new_page()
    pdf.heading("I. EXECUTIVE SUMMARY")
    pdf.lines(wrap("The mission met with the authorities, political parties and civil society."))
    pdf.heading("XII. RECOMMENDATIONS")
    expected = []
    for t, topic in enumerate(("THE LEGAL FRAMEWORK", "MASS MEDIA")):
        pdf.heading(f"{'AB'[t]}. {topic}", size=11)
        for i, text in enumerate(SENTENCES[2 * t: 2 * t + 2]):
            label = f"{t + 1}.{i + 1}" if marker == "1.1" else marker.replace("a", "ab"[i])
            pdf.lines(wrap(text, 72), x=LEFT + 24, lead=label, gap=6)
            expected.append((len(expected) + 1, False, topic, text))
    pdf.new_page()
    pdf.heading("ABOUT ODIHR")
    pdf.lines(wrap("The Office for Democratic Institutions and Human Rights is an institution."))
    with PdfReport(pdf.save()) as report:
        got = [(r.number, r.priority, r.section, r.text) for r in read_recommendations(report)]
    assert got == expected


# --- observer tables without a header row -----------------------------------------------------

OBSERVERS = [("Geir Jørgen", "Bekkevold", "Norway", "Head of Delegation"),
             ("Marietta", "Tidei", "Italy", "Special Co-ordinator"),
             ("Rouven", "Ertlschweiger", "Austria", "MP")]


@pytest.mark.parametrize("order", [(2, 0, 1, 3), (0, 1, 3, 2)], ids=["country first",
                                                                  "role before country"])
def test_the_column_of_countries_wherever_it_stands(order: tuple[int, ...]) -> None:
    # A list sorted by country prints it first; another prints the role before it. Without a
    # header row, the column whose cells are countries is the country, the others keep their
    # order: given name, family name, role.
    report = annex(body_pages(ReportPdf()))
    for person in OBSERVERS:
        report.row(FOUR, [person[i] for i in order])
    assert observers(closing(report)) == [(*person, "OSCE Parliamentary Assembly")
                                          for person in OBSERVERS]


# --- the site -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><body><main>
<article class="node--type-election node--view-mode-full">
<h1>Presidential Election, 20 January and 3 February 2008</h1>
<div class="election-meta">
 <div class="field field--name-field-country"><div class="field__item">
  <a href="/odihr/elections/serbia">Serbia</a></div></div>
 <div class="field field--name-field-mission-type"><div class="field__item">Limited Election
  Observation Mission</div></div>
 <div class="field field--name-field-election-date"><div class="field__item">
  <time datetime="2008-01-20T12:00:00Z">20 January 2008</time>
  <time datetime="2008-02-03T12:00:00Z">3 February 2008</time></div></div>
</div>
<section class="block-views-blockdocuments-block-1"><h2>Documents</h2><div class="view-content">
{entries}
</div></section></article></main></body></html>"""
ENTRY = """<div class="views-row"><article class="document document--type-{kind}">
<div class="field field--name-field-document-type">{label}</div>
<h3 class="document__title"><a href="{href}">{label}</a></h3>
<div class="field field--name-field-date"><time datetime="2008-05-29T10:00:00Z">29 May 2008</time>
</div>{languages}</article></div>"""


def _page(*entries: str) -> str:
    return PAGE.replace("{entries}", "\n".join(entries))


def test_a_report_published_as_a_web_page_is_listed_as_unread() -> None:
    # odihr.osce.org published some reports' text as HTML pages under the documents path
    # (e.g. https://www.osce.org/files/f/documents/c/d/18793.html): the run names each one.
    html = _page(
        ENTRY.format(kind="final", label="Final Report", languages="",
                     href="/files/f/documents/c/d/18793.html"),
        ENTRY.format(kind="prelim", label="Statement of Preliminary Findings and Conclusions",
                     href="/files/f/documents/1/2/31234.pdf", languages=""))
    election = parse_election_page(html, "http://h/odihr/elections/serbia/31200")
    assert election is not None
    assert [d.url_path for d in election.documents] == ["/files/f/documents/1/2/31234.pdf"]
    assert len(election.unread) == 1
    url, reason = election.unread[0]
    assert url == "http://h/files/f/documents/c/d/18793.html"
    assert reason.startswith("Final Report: published as a web page")
    assert election.election_dates == (D(2008, 1, 20), D(2008, 2, 3))


def test_the_language_in_the_file_name_when_the_link_names_none() -> None:
    # Older addresses carry the language in the file name (/documents/odihr/2006/06/19393_ru.pdf)
    # and newer ones a revision suffix (558318_0.pdf), which names no language.
    languages = ('<div class="field field--name-field-languages">'
                 '<a href="/documents/odihr/2006/06/19393_en.pdf">English</a> '
                 '<a href="/documents/odihr/2006/06/19393_ru.pdf">Русский</a></div>')
    html = _page(ENTRY.format(kind="final", label="Final Report", languages=languages,
                              href="/documents/odihr/2006/06/19393_ru.pdf"),
                 ENTRY.format(kind="interim", label="Interim Report", languages="",
                              href="/files/f/documents/5/5/558318_0.pdf"))
    election = parse_election_page(html, "http://h/odihr/elections/serbia/31200")
    assert election is not None
    got = [(d.pdf_id, d.language, d.translation_of) for d in election.documents]
    assert got == [("19393_ru", "ru", "/documents/odihr/2006/06/19393_en.pdf"),
                   ("19393_en", "en", None), ("558318_0", "en", None)]
    assert election.unread == ()


@pytest.mark.parametrize(("path", "language"), [
    ("/documents/odihr/2006/06/19393_ru.pdf", "ru"), ("/files/f/documents/a/b/558318_0.pdf", None),
    ("/files/f/documents/4/7/250536.pdf", None), ("/documents/odihr/2004/12/3957_EN.PDF", "en"),
])
def test_file_language(path: str, language: str | None) -> None:
    assert file_language(path) == language


# --- a results table inside a chapter about something else ----------------------------------

CANDIDATES = [Column(LEFT, right=False), Column(400), Column(480)]


@pytest.mark.parametrize("intro", [
    ["On 10 March, the CEC announced the final results, as follows:"],
    ["On 10 March, the CEC announced the final results, within the legal deadline, and the",
     "Constitutional Court confirmed them on 15 March."]], ids=["sentence", "paragraph"])
def test_a_results_table_in_another_chapter_takes_no_title_from_its_heading(
        intro: list[str]) -> None:
    # Reports without a results annex print the table in the text, under whatever chapter
    # tells of the count (``XV. POST-ELECTION DEVELOPMENTS``), after a sentence introducing it:
    # the chapter's heading is no caption of the table, so the contest is the cover's election.
    report = ReportPdf(header=("Republic of Testland", "Presidential Election, 3 March 2024",
                               "ODIHR Election Observation Mission Final Report"))
    report.new_page().paragraph("The President is elected for a five-year term.")
    report.new_page().paragraph("XV. POST-ELECTION DEVELOPMENTS", bold=True)
    report.paragraph(*intro)
    report.row(CANDIDATES, ["Candidate", "Votes", "%"], bold=True, ruled=True)
    report.row(CANDIDATES, ["Ana Alpha", "600,000", "60.00"], ruled=True)
    report.row(CANDIDATES, ["Boris Beta", "400,000", "40.00"], ruled=True)
    report.paragraph("Turnout was 61.2 per cent. No complaints were lodged afterwards.")
    report.new_page().paragraph("XVI. RECOMMENDATIONS", bold=True)
    with PdfReport(report.save()) as pdf:
        reading = read_results(pdf)
    (contest,) = reading.contests
    assert (contest.title, contest.kind, reading.problems) == (
        "Presidential Election", "presidential", ())
    assert [(r.contestant, r.votes, r.vote_share) for r in contest.rounds[0].rows] == [
        ("Ana Alpha", 600000, 60.0), ("Boris Beta", 400000, 40.0)]


# --- a repeated run-off, each round its own ruled table ---------------------------------------

ROUNDS = [[("Ana Alpha", "500,000", "50.00"), ("Boris Beta", "300,000", "30.00"),
           ("Cyril Gamma", "200,000", "20.00")],
          [("Ana Alpha", "450,000", "45.00"), ("Boris Beta", "550,000", "55.00")],
          [("Ana Alpha", "520,000", "52.00"), ("Boris Beta", "480,000", "48.00")]]


@pytest.mark.parametrize("third", ["Third round, 26 December 2004",
                                   "Repeat second round, 26 December 2004",
                                   "Repeated second round"])
def test_three_rounds_in_ruled_tables_with_their_captions_close_above(third: str) -> None:
    # Ukraine 2004: a first round, a run-off and the run-off repeated, each its own table whose
    # rules run only under its rows, the next caption a line under the last rule (so it stands
    # between two rules, like a sub-heading inside one table). The repeated run-off, named as
    # the round it repeats, is the third round, on the third voting day.
    report = ReportPdf(header=("Ukraine", "Presidential Election, 31 October, 21 November and "
                               "26 December 2004",
                               "OSCE/ODIHR Election Observation Mission Final Report"))
    report.new_page().paragraph("The President is elected for a five-year term.")
    report.new_page().paragraph("ANNEX: FINAL ELECTION RESULTS", bold=True, size=12)
    captions = ["First round, 31 October 2004", "Second round, 21 November 2004", third]
    for caption, rows in zip(captions, ROUNDS, strict=True):
        report.paragraph(caption, bold=True)
        report.row(CANDIDATES, ["Candidate", "Votes", "%"], bold=True, ruled=True)
        for row in rows:
            report.row(CANDIDATES, list(row), ruled=True)
        report.top += 12
    with PdfReport(report.save()) as pdf:
        reading = read_results(pdf)
    (contest,) = reading.contests
    assert reading.problems == ()
    assert [(r.number, r.date, [row.votes for row in r.rows]) for r in contest.rounds] == [
        (1, D(2004, 10, 31), [500000, 300000, 200000]), (2, D(2004, 11, 21), [450000, 550000]),
        (3, D(2004, 12, 26), [520000, 480000])]
