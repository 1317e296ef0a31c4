"""Whole synthetic reports (tests/synth_report.py): every axis of heading, contents, running
header, recommendation and observer structure, on its own and combined by Hypothesis; the parsed
recommendations and observers must equal what the report prints, exactly.

The default run uses a fast profile; ``bench/reports_fuzz.py`` runs the long one."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from synth_report import (
    ABOUT_FORMS,
    ANNEX_FORMS,
    ANNEX_WORDINGS,
    HEADER_WORDINGS,
    LABELS,
    LETTERED_CAPS,
    LETTERED_TITLE,
    NUMBERINGS,
    REC_STRUCTURES,
    SENTENCES,
    Expected,
    ObsSpec,
    RecSpec,
    ReportSpec,
    SynthPdf,
    build_report,
    report_specs,
    wrap,
)

from odihr.errors import UnknownLayout
from odihr.parse.observers.reader import read_observers
from odihr.parse.observers.table import TableSettings
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations.plain import label_keys
from odihr.parse.recommendations.reader import read_recommendations
from odihr.parse.report import parse_report

from results_pdfs import LEFT

#: A fixed set of examples, the same on every run: a newly drawn failure cannot fail CI. The
#: random exploration is ``bench/reports_fuzz.py``'s long profile.
FAST = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def parsed(data: bytes) -> Expected:
    with PdfReport(data) as pdf:
        recs = read_recommendations(pdf)
        obs = read_observers(pdf)
    return Expected(
        [(r.number, r.priority, r.section, r.text, r.numbered) for r in recs],
        [(o.given_name, o.family_name, o.country, o.role, o.delegation, o.delegation_parent,
          o.country_code, o.delegation_kind) for o in obs])


def check(spec: ReportSpec) -> Expected:
    data, expected = build_report(spec)
    got = parsed(data)
    assert got.recommendations == expected.recommendations
    assert got.observers == expected.observers
    return expected


@pytest.mark.parametrize("structure", REC_STRUCTURES)
@pytest.mark.parametrize("upper", [True, False])
def test_each_recommendation_structure(structure: str, upper: bool) -> None:
    expected = check(ReportSpec(upper=upper, recs=RecSpec(structure, groups=(2, 3, 2, 1))))
    recs = expected.recommendations
    assert bool(recs) is (structure != "none")
    assert any(r[1] for r in recs) is (structure == "priority_other")  # priority only if named
    unnumbered = ("bullets", "paragraphs", "summary_bullets")
    assert all(r[4] for r in recs) is (structure not in unnumbered)


@pytest.mark.parametrize("numbering", NUMBERINGS)
@pytest.mark.parametrize("structure", ["priority_other", "lettered_topics", "summary"])
def test_each_numbering_style(numbering: str, structure: str) -> None:
    check(ReportSpec(numbering=numbering, recs=RecSpec(structure, dotted=False)))


@pytest.mark.parametrize("caps", [True, False])
def test_lettered_topics_through_k_are_sections_not_priority(caps: bool) -> None:
    expected = check(ReportSpec(recs=RecSpec("lettered_topics", groups=(1,) * 11,
                                             caps_topics=caps)))
    assert not any(r[1] for r in expected.recommendations)
    if caps:  # C, D, I, K are letters here, not roman numerals
        assert expected.recommendations[-1][2] == "ELECTION OBSERVATION (GENERAL)"


@pytest.mark.parametrize("toc", ["leaders", "plain", "none"])
@pytest.mark.parametrize("page_header", [True, False])
def test_contents_and_running_header_forms(toc: str, page_header: bool) -> None:
    check(ReportSpec(toc=toc, page_header=page_header, upper=False))


@pytest.mark.parametrize("wording", range(len(ANNEX_WORDINGS)))
@pytest.mark.parametrize("form", range(len(ANNEX_FORMS)))
def test_each_observer_annex_wording(wording: int, form: int) -> None:
    check(ReportSpec(observers=ObsSpec(wording=wording, form=form, title_case=form % 2 == 1),
                     results_annex=wording % 2 == 0))


@pytest.mark.parametrize("grouping", ["flat", "nested", "country", "none"])
def test_each_observer_grouping(grouping: str) -> None:
    expected = check(ReportSpec(observers=ObsSpec(grouping=grouping, groups=(3, 2, 4))))
    assert all(o[6] for o in expected.observers)  # every nationality has its ISO code


def test_an_observer_list_of_more_than_ten_pages() -> None:
    spec = ReportSpec(observers=ObsSpec(grouping="nested", groups=(40, 300, 250)),
                      recs=RecSpec("none"))
    data, expected = build_report(spec)
    got = parsed(data)
    assert len(got.observers) == 590
    assert got.observers == expected.observers
    with PdfReport(data) as pdf:
        pages = {o.page for o in read_observers(pdf)}
    assert len(pages) >= 10


TOPICS_NEVER_SEEN = ("Vorbel Quintan", "Hadrosk and Plimet", "Tuvesk", "Oprand Salk Yeverin")


@pytest.mark.parametrize("structure", ["priority_other", "lettered_topics", "paragraphs"])
@pytest.mark.parametrize("caps", [True, False])
def test_topic_headings_of_words_never_seen(structure: str, caps: bool) -> None:
    recs = RecSpec(structure, groups=(2, 1, 2, 1), caps_topics=caps, topics=TOPICS_NEVER_SEEN,
                   bold_topics=caps)
    expected = check(ReportSpec(recs=recs))
    sections = {r[2] for r in expected.recommendations} - {None}
    assert sections and all(s.upper() in map(str.upper, TOPICS_NEVER_SEEN) for s in sections)


@pytest.mark.parametrize("structure", ["lettered_topics", "terms"])
@pytest.mark.parametrize("bold", [True, False])
def test_numbering_that_starts_again_under_each_topic(structure: str, bold: bool) -> None:
    # Printed 1, 2 | 1, 2, 3 | 1, 2: read in full, numbered 1..n in reading order.
    expected = check(ReportSpec(recs=RecSpec(structure, groups=(2, 3, 2), restart=True,
                                             bold_topics=bold)))
    assert [r[0] for r in expected.recommendations] == \
        list(range(1, len(expected.recommendations) + 1))


@pytest.mark.parametrize("structure", ["priority_other", "flat", "summary", "lettered_topics"])
def test_items_with_sub_points_and_footnotes(structure: str) -> None:
    expected = check(ReportSpec(recs=RecSpec(structure, groups=(3, 3, 2), sub_points=True,
                                             footnotes=True, seed=2)))
    assert any(" a) " in r[3] and " b) " in r[3] for r in expected.recommendations)


@pytest.mark.parametrize("grouping", ["flat", "nested", "country"])
def test_observer_group_headings_in_the_table_type(grouping: str) -> None:
    # Not bold, not larger, narrower than the first column: set apart by white space only.
    check(ReportSpec(observers=ObsSpec(grouping=grouping, groups=(3, 2, 4), plain_headings=True,
                                       long_roles=True)))


@pytest.mark.parametrize("columns", ["numbered", "family_first"])
def test_observer_columns_numbered_or_family_name_first(columns: str) -> None:
    check(ReportSpec(observers=ObsSpec(groups=(3, 4), columns=columns, header_row=False)))


@pytest.mark.parametrize("labels", LABELS[1:])
@pytest.mark.parametrize("structure", ["priority_other", "lettered_topics", "conclusions",
                                       "summary"])
def test_items_labelled_in_series_instead_of_numbered(labels: str, structure: str) -> None:
    # a) b) | a) b) c), or 1.1 1.2 | 2.1 …, or 2.1.1 …: the labels leave the text; the report
    # printed no numbers, so the items are numbered in reading order (numbered=False). Topic
    # headings in body type (lettered topics) sit right over their first item.
    expected = check(ReportSpec(recs=RecSpec(structure, groups=(2, 3, 2), labels=labels,
                                             bold_topics=structure != "lettered_topics")))
    assert expected.recommendations and not any(r[4] for r in expected.recommendations)


@pytest.mark.parametrize("labels", ["(a)", "a)", "(i)", "i."])
@pytest.mark.parametrize("hanging", [True, False])
def test_a_long_series_through_letters_that_are_numerals(labels: str, hanging: bool) -> None:
    # (h) (i) (j) … (v) … (x): letters, each the next after the one before; (i) (ii) … (iv) (v)
    # (vi) … (ix) (x) (xi): numerals. The series decides, not the label alone.
    expected = check(ReportSpec(recs=RecSpec("flat", groups=(5, 4, 4, 4, 4, 4), labels=labels,
                                             hanging=hanging), observers=None))
    assert len(expected.recommendations) == 25


@pytest.mark.parametrize("labels", ["a)", "(a)", "a.", ""])
@pytest.mark.parametrize("structure", ["flat", "lettered_topics", "priority_other"])
def test_a_roman_sub_list_under_an_item(labels: str, structure: str) -> None:
    # a) … in particular: (i) …; (ii) …. b) …: the numerals are the item's own sub-list, not
    # items of a series (they sit right of the list's edge, under a lead-in that ends in ":").
    expected = check(ReportSpec(recs=RecSpec(structure, groups=(3, 3, 3), labels=labels,
                                             sub_points=True, roman_sub=True, seed=2),
                                observers=None))
    assert any(" (i) " in r[3] and " (ii) " in r[3] for r in expected.recommendations)


@pytest.mark.parametrize("structure", ["flat", "priority_other", "bullets", "paragraphs"])
def test_an_item_running_over_a_page_break_past_a_footnote(structure: str) -> None:
    expected = check(ReportSpec(recs=RecSpec(structure, groups=(9, 9, 9), break_notes=True),
                                observers=None))
    assert len(expected.recommendations) >= 18


@pytest.mark.parametrize("header_words", range(len(HEADER_WORDINGS)))
@pytest.mark.parametrize("grouping", ["flat", "countries"])
def test_a_long_list_with_its_header_row_on_every_page(header_words: int, grouping: str) \
        -> None:
    # Header rows (some labels never seen: "Mission function") at each group and page top; a
    # list grouped by country headings under no team heading.
    spec = ReportSpec(recs=RecSpec("none"), observers=ObsSpec(
        grouping=grouping, groups=(60, 70, 50), page_headers=True, header_words=header_words))
    data, expected = build_report(spec)
    assert parsed(data) == expected
    assert not any(o[0] in ("Name", "Given name", "First Name") for o in expected.observers)


@pytest.mark.parametrize("grouping", ["flat", "country", "countries", "none", "nested"])
def test_family_name_first_told_by_the_lists_alphabetical_order(grouping: str) -> None:
    # Berg | Anna | Austria, no header row, no capitals, no comma: each country's observers are
    # listed by family name (as real lists are), so the sorted column is the family name.
    spec = ReportSpec(recs=RecSpec("none"), observers=ObsSpec(
        grouping=grouping, groups=(12, 15), columns="family_first", sorted_rows=True))
    data, expected = build_report(spec)
    assert parsed(data) == expected
    with PdfReport(data) as pdf:
        assert "Surname" not in "".join(pdf.texts)  # no header row names the columns
        by_position = read_observers(pdf, TableSettings(order_pairs=10**6))
    assert [(o.given_name, o.family_name) for o in by_position] == \
        [(o[1], o[0]) for o in expected.observers]  # the order unused: given name first


@pytest.mark.parametrize("country_at", ["first", "last"])
@pytest.mark.parametrize("columns", ["standard", "numbered", "family_first"])
def test_observer_tables_without_a_header_row(country_at: str, columns: str) -> None:
    # The country column first or last; family name first where capitals mark it (BERG | Anna).
    expected = check(ReportSpec(observers=ObsSpec(
        groups=(3, 4), country_at=country_at, columns=columns, header_row=False,
        family_caps=columns == "family_first")))
    assert all(o[1].isupper() for o in expected.observers) is (columns == "family_first")


@pytest.mark.parametrize("grouping", ["flat", "country"])
@pytest.mark.parametrize("caps", [True, False])
def test_family_name_first_marked_by_a_comma_without_a_header_row(grouping: str,
                                                                   caps: bool) -> None:
    # Berg, | Anna | Austria | MP (or Berg, | Anna | MP under a country heading): the comma
    # after the first name column marks the family name, and is no part of it.
    expected = check(ReportSpec(recs=RecSpec("none"), observers=ObsSpec(
        grouping=grouping, groups=(3, 4), columns="family_first", header_row=False,
        family_comma=True, family_caps=caps)))
    assert not any("," in o[1] for o in expected.observers)


def test_a_header_row_names_the_columns_of_later_pages_by_position() -> None:
    # Surname | First name on the first page only; on a later page no observer has a role, so
    # that page's table has a column fewer than the header.
    spec = ReportSpec(recs=RecSpec("none"), observers=ObsSpec(
        grouping="nested", groups=(39, 11), seed=33, prefix="OSCE/ODIHR ", columns="family_first"))
    expected = check(spec)
    assert len(expected.observers) == 50


def test_observer_group_headings_of_words_never_seen() -> None:
    names = ("Quintal Brevan Group", "Oskelt", "Marrow and Tessin", "Plovdrek Ulm", "Varsk")
    expected = check(ReportSpec(observers=ObsSpec(groups=(2, 3, 1), names=names)))
    assert {o[4] for o in expected.observers} == set(names[:3])
    assert {o[7] for o in expected.observers} == {"other"}


#: Drawn by the random profile: untitled, unnumbered contents (not taken for contents) whose last
#: line names the observer annex; read from there, the first priority recommendation made a
#: "row" (``1.`` | its text) under ``A PRIORITY RECOMMENDATIONS`` and was returned as the
#: observer list in place of the annex itself.
CONTENTS_LINE_READ_AS_ANNEX = ReportSpec(
    upper=False, numbering="none", toc="plain", toc_shares_page=False, toc_title="",
    page_header=False, results_annex=False,
    recs=RecSpec("priority_other", groups=(1, 1), dotted=False, caps_topics=False,
                 bold_topics=False),
    observers=ObsSpec(grouping="flat", groups=(1,)))


#: Drawn by the random profile: items labelled a), b) … with their text running on under the
#: label; an item broken over a page lost its lines on the next page (they start left of the
#: label's text, which had started a new paragraph there).
LABELLED_ITEM_OVER_A_PAGE_BREAK = ReportSpec(
    upper=True, numbering="arabic", toc="none", results_annex=True,
    recs=RecSpec("flat", groups=(5, 1, 4, 5, 5, 1), dotted=False, marker=")", seed=3,
                 bold_topics=False, footnotes=True, labels="a)", hanging=False),
    observers=None)


#: Drawn by the random profile: an untitled contents list of 15 entries with dot leaders (set
#: in 10 pt) shares its page with the summary, whose ``Recommendations`` follow it in 11 pt: the
#: page's most common size was the contents', so every line of the section read as a heading.
CONTENTS_IN_SMALLER_TYPE_ABOVE_THE_SECTION = ReportSpec(
    upper=False, numbering="none", toc="leaders", toc_shares_page=True, toc_title="",
    results_annex=True, more_chapters=8, about="none", observers=None,
    recs=RecSpec("summary_bullets", groups=(4, 4, 4, 3, 4, 4, 2, 5, 1, 3, 3), dotted=False,
                 seed=11, sub_points=True, parts="bare", bullet="*", hanging=False,
                 roman_sub=True))


@FAST
@given(report_specs())
@example(spec=CONTENTS_IN_SMALLER_TYPE_ABOVE_THE_SECTION)
@example(spec=CONTENTS_LINE_READ_AS_ANNEX)
@example(spec=LABELLED_ITEM_OVER_A_PAGE_BREAK)
def test_generated_reports_parse_exactly(spec: ReportSpec) -> None:
    check(spec)


# --- unknown is loud --------------------------------------------------------------------------


def _report_with(lines_after_heading: list[tuple[str, float, bool]], heading: str) -> bytes:
    pdf = SynthPdf(page_header=False)
    pdf.new_page()
    pdf.text(180, "REPUBLIC OF TESTLAND", size=20, bold=True)
    pdf.new_page()
    pdf.heading("I. INTRODUCTION")
    pdf.lines(wrap("The mission met with the authorities and the media in the capital."))
    pdf.new_page()
    pdf.heading(heading)
    for text, size, bold in lines_after_heading:
        pdf.room(size + 4)
        pdf.text(LEFT, text, size=size, bold=bold)
        pdf.top += size + 4
    pdf.new_page()
    pdf.heading("ABOUT ODIHR")
    pdf.lines(wrap("The Office for Democratic Institutions and Human Rights is the principal "
                   "institution of the OSCE."))
    return pdf.save()


def test_a_recommendations_heading_with_nothing_under_it_is_an_unknown_layout() -> None:
    data = _report_with([("ANNEX I: FINAL RESULTS", 12, True)], "XII. RECOMMENDATIONS")
    with PdfReport(data) as pdf, pytest.raises(UnknownLayout) as raised:
        read_recommendations(pdf)
    assert raised.value.page == 3
    assert "RECOMMENDATIONS" in str(raised.value)


def test_an_observer_annex_without_a_table_is_an_unknown_layout() -> None:
    prose = [("The list of observers is available from the ODIHR on request only.", 11, False)]
    data = _report_with(prose, "ANNEX II: LIST OF OBSERVERS")
    with PdfReport(data) as pdf, pytest.raises(UnknownLayout) as raised:
        read_observers(pdf)
    assert raised.value.page == 3
    assert "observers" in str(raised.value)


@pytest.mark.parametrize("results_annex", [True, False])
def test_an_unreadable_part_is_quarantined_and_the_others_still_load(results_annex: bool) -> None:
    spec = ReportSpec(recs=RecSpec("empty"), results_annex=results_annex)
    data, expected = build_report(spec)
    report = parse_report(data)
    problems = {p.part: p for p in report.problems}
    assert problems["recommendations"].status == "quarantined"
    assert problems["recommendations"].page is not None
    assert report.recommendations == ()
    assert [(o.given_name, o.family_name) for o in report.observers] == \
        [o[:2] for o in expected.observers]
    assert "observers" not in problems


def test_a_final_report_without_recommendations_or_observers_reads_none() -> None:
    data, _ = build_report(ReportSpec(recs=RecSpec("none"), observers=None))
    assert parsed(data) == Expected([], [])


def test_a_conclusions_chapter_in_prose_holds_no_recommendations() -> None:
    # A needs assessment closes with "CONCLUSIONS AND RECOMMENDATIONS" in prose: no items, and
    # no unreadable part either.
    prose = [("The NAM recommends the deployment of an Election Observation Mission.", 11, False),
             ("It requests 20 long-term and 200 short-term observers.", 11, False)]
    data = _report_with(prose, "IV. CONCLUSIONS AND RECOMMENDATIONS")
    with PdfReport(data) as pdf:
        assert read_recommendations(pdf) == ()


def test_a_recommendations_chapter_in_prose_gives_unnumbered_paragraphs() -> None:
    prose = [("The following recommendations are offered to the authorities:", 11, False),
             ("", 11, False),
             ("The election law should be amended well before the next elections.", 11, False),
             ("", 11, False),
             ("The media regulator should act on complaints promptly.", 11, False)]
    data = _report_with(prose, "IV. RECOMMENDATIONS")
    with PdfReport(data) as pdf:
        got = [(r.number, r.text, r.numbered, r.priority) for r in read_recommendations(pdf)]
    assert got == [
        (1, "The election law should be amended well before the next elections.", False, False),
        (2, "The media regulator should act on complaints promptly.", False, False)]


def test_a_page_label_on_a_header_line_that_changes_from_page_to_page() -> None:
    # The header names each chapter, so no header line repeats; "Page: N" still marks it.
    pdf = SynthPdf(page_header=False)
    pdf.new_page()
    pdf.text(180, "REPUBLIC OF TESTLAND", size=20, bold=True)
    chapters = ("Summary", "Background", "Framework", "Campaign", "Media", "Results")
    texts = [f"{chapter} of the report and its findings." for chapter in chapters]
    for page, (chapter, text) in enumerate(zip(chapters, texts, strict=True), start=2):
        pdf.new_page()
        pdf.text(LEFT, f"{chapter} – Page: {page}", size=11)  # body size: not small print
        pdf.top += 20
        if page == 5:
            pdf.heading("XII. RECOMMENDATIONS")
            pdf.lines(["1. " + text], gap=4)
        else:
            pdf.lines([text])
    with PdfReport(pdf.save()) as report:
        got = [(r.number, r.text) for r in read_recommendations(report)]
    # The item runs on over the next pages' text, without their header lines.
    assert got == [(1, " ".join(texts[3:]))]


def test_items_numbered_out_of_order_are_an_unknown_layout_not_paragraphs() -> None:
    items = [("5. The election law should be amended well before the next elections.", 11, False),
             ("", 11, False),
             ("6. The media regulator should act on complaints promptly.", 11, False)]
    data = _report_with(items, "IV. RECOMMENDATIONS")
    with PdfReport(data) as pdf, pytest.raises(UnknownLayout) as raised:
        read_recommendations(pdf)
    assert "numbered 5" in str(raised.value)


@pytest.mark.parametrize("grouping", ["flat", "none", "country"])
@pytest.mark.parametrize("results_annex", [True, False])
def test_an_observer_annex_titled_in_words_never_seen(grouping: str, results_annex: bool) -> None:
    # "ANNEX II: Vorbel Quintan Hadrosk": no word names observers; the table of names with
    # nationalities does. The results annex before it is no list of people.
    expected = check(ReportSpec(results_annex=results_annex, observers=ObsSpec(
        grouping=grouping, groups=(3, 2), title_words="Vorbel Quintan Hadrosk", title_case=True)))
    assert len(expected.observers) == 5


@pytest.mark.parametrize("upper", [True, False])
@pytest.mark.parametrize("shares_page", [True, False])
@pytest.mark.parametrize("structure", ["priority_other", "summary", "bullets"])
def test_contents_without_a_title_or_page_numbers(upper: bool, shares_page: bool,
                                                  structure: str) -> None:
    # Only a list of headings, each printed again as its chapter: no contents line is taken for
    # the recommendations heading or the observer annex it names.
    check(ReportSpec(upper=upper, toc="plain", toc_title="", toc_shares_page=shares_page,
                     recs=RecSpec(structure, groups=(2, 3, 2)),
                     observers=ObsSpec(groups=(3, 2, 4))))


@pytest.mark.parametrize("upper", [True, False])
@pytest.mark.parametrize("structure", ["conclusions", "priority_other", "paragraphs"])
def test_untitled_contents_worded_shorter_than_the_body(upper: bool, structure: str) -> None:
    # "RECOMMENDATIONS" lists "RECOMMENDATIONS AND CONCLUSIONS", "LEGAL FRAMEWORK" its chapter
    # "… AND ELECTORAL SYSTEM": the contents line is no recommendations heading.
    check(ReportSpec(upper=upper, toc="plain", toc_title="", toc_short=True,
                     recs=RecSpec(structure, groups=(2, 3, 2)),
                     observers=ObsSpec(groups=(3, 2))))


def test_a_wrapped_line_opening_with_a_decimal_is_no_labelled_item() -> None:
    # "… paragraph" / "1.1 of the Constitution …": a marker-like start of a wrapped line, after
    # an unfinished line, is running text, not the first item of a labelled list.
    prose = [("The election law should be amended in line with Article 12, paragraph", 11, False),
             ("1.1 of the Constitution well before the next elections.", 11, False),
             ("", 11, False),
             ("The media regulator should act on complaints promptly.", 11, False)]
    data = _report_with(prose, "IV. RECOMMENDATIONS")
    with PdfReport(data) as pdf:
        got = [(r.number, r.text, r.numbered) for r in read_recommendations(pdf)]
    assert got == [
        (1, "The election law should be amended in line with Article 12, paragraph 1.1 of the "
            "Constitution well before the next elections.", False),
        (2, "The media regulator should act on complaints promptly.", False)]


def test_the_next_label_decides_whether_i_is_a_letter_or_a_numeral() -> None:
    # (a) … (h) under one topic, then (i) (ii) (iii) under the next: after (h), (i) could go on
    # the letters; (ii) after it says it opens a series of numerals. Read by the label before
    # alone, (i) would be the ninth letter and (ii) no label of the series: text.
    topics = ("Voter Registration", "Election Day")
    lines: list[tuple[str, float, bool]] = [(topics[0], 11, True)]
    texts = [s.split(",")[0].rstrip(".") + "." for s in (*SENTENCES, *SENTENCES)]
    for n, text in enumerate(texts[:8]):
        lines += [(f"({'abcdefgh'[n]}) {text}", 11, False), ("", 11, False)]
    lines.append((topics[1], 11, True))
    for n, text in enumerate(texts[8:11]):
        lines += [(f"({'i' * (n + 1)}) {text}", 11, False), ("", 11, False)]
    data = _report_with(lines, "IV. RECOMMENDATIONS")
    with PdfReport(data) as pdf:
        got = [(r.number, r.section, r.text, r.numbered) for r in read_recommendations(pdf)]
    assert got == [(n, topics[n > 8], text, False) for n, text in enumerate(texts[:11], start=1)]


# --- the report's closing prose, glued labels, late chapter numbers ------------------------------


@pytest.mark.parametrize("about", ABOUT_FORMS)
@pytest.mark.parametrize("last", ["observers", "results", "recommendations"])
@pytest.mark.parametrize("structure", ["priority_other", "flat", "bullets", "paragraphs"])
def test_the_closing_about_odihr_prose_is_no_part(about: str, last: str, structure: str) -> None:
    # ``ABOUT ODIHR`` (or untitled) prose right after the observer list, the results annex or,
    # with no annex, the last recommendation: neither reader takes it in.
    spec = ReportSpec(about=about, results_annex=last != "recommendations",
                      observers=ObsSpec(groups=(3, 2)) if last == "observers" else None,
                      recs=RecSpec(structure, groups=(2, 3), seed=1))
    data, expected = build_report(spec)
    assert parsed(data) == expected
    texts = " ".join(r[3] for r in expected.recommendations)
    assert "Human Rights" not in texts


@pytest.mark.parametrize("labels", LABELS)
@pytest.mark.parametrize("structure", ["priority_other", "lettered_topics", "flat", "summary"])
def test_labels_glued_to_their_text(labels: str, structure: str) -> None:
    # ``1.The``, ``a)The``, ``(ii)The``, ``XVII.As``, ``2.1.3The``: a text layer that kept no
    # space after the label; the label is still a label and no part of the text.
    expected = check(ReportSpec(recs=RecSpec(structure, groups=(5, 4, 4, 4), labels=labels,
                                             glued=True, sub_points=True, seed=2),
                                observers=None))
    assert len(expected.recommendations) >= 9


@pytest.mark.parametrize(("text", "keys"), [
    ("a)The law", (("", 0),)), ("(b)The law", (("", 1),)), ("XVII.As noted", (("I", 16),)),
    ("(ii)Publish", (("i", 1),)), ("2.1.3The law", (("2.1", 2),)), ("b. the law", (("", 1),)),
    ("e.g. the law", ()), ("i.e. the law", ()), ("a)the", ()), ("v.important", ())])
def test_a_label_glued_to_a_capital_is_a_label(text: str, keys: tuple[tuple[str, int], ...]) \
        -> None:
    assert label_keys(text) == keys


@pytest.mark.parametrize(("more", "topics"), [(10, 11), (8, 5)])
@pytest.mark.parametrize("caps", [True, False])
def test_lettered_topics_under_a_late_roman_chapter(more: int, topics: int, caps: bool) -> None:
    # Albania 2005: ``XVII. RECOMMENDATIONS``, topics ``A.`` … ``K.``; fYRoM 2004: ``XV.``, ``A.``
    # … ``E.``; items numbered through the topics. No topic is a priority part, none a chapter.
    spec = ReportSpec(more_chapters=more, recs=RecSpec(
        "lettered_topics", groups=(2, 1, 3, 1, 2, 1, 1, 2, 1, 1, 2)[:topics], caps_topics=caps))
    data, expected = build_report(spec)
    with PdfReport(data) as pdf:
        assert f"{'XVII' if more == 10 else 'XV'}. RECOMMENDATIONS" in "".join(pdf.texts)
    assert parsed(data) == expected
    names = LETTERED_CAPS if caps else LETTERED_TITLE
    assert [r[2] for r in expected.recommendations][-1] == names[min(topics, len(names)) - 1]
    assert not any(r[1] for r in expected.recommendations)
    assert [r[0] for r in expected.recommendations] == \
        list(range(1, len(expected.recommendations) + 1))


@pytest.mark.parametrize("about", ["page_untitled", "page", "same_page"])
@pytest.mark.parametrize("grouping", ["country", "countries", "flat"])
def test_the_closing_prose_after_an_observer_list_is_no_observer(about: str, grouping: str) \
        -> None:
    # Under country headings a one-column block reads one full name a line: an untitled page of
    # running text after the list is no list of names (its lines are longer than names).
    spec = ReportSpec(about=about, results_annex=False, recs=RecSpec("none"),
                      observers=ObsSpec(grouping=grouping, groups=(2, 3)))
    data, expected = build_report(spec)
    assert parsed(data) == expected
    if about == "page_untitled" and grouping != "flat":
        with PdfReport(data) as pdf:  # the words-per-name bound is the one read with
            assert len(read_observers(pdf, TableSettings(name_words=40))) > \
                len(expected.observers)
