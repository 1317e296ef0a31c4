"""Heading recognition: numbering styles, annex and list headings, contents pages, page labels."""

from __future__ import annotations

import pytest

from odihr.parse.document.contents import contents_extents
from odihr.parse.document.headings import (
    ARABIC,
    DECIMAL,
    LETTER,
    NONE,
    ROMAN,
    annex_heading,
    heading_key,
    page_label,
    roman_value,
    split_number,
    toc_entry,
    toc_extents,
    toc_pages,
)


@pytest.mark.parametrize(("text", "previous", "expected"), [
    ("I. INTRODUCTION", None, ("I", ROMAN, "INTRODUCTION")),
    ("II SUMMARY", None, ("II", ROMAN, "SUMMARY")),
    ("XIV. ELECTION DAY", None, ("XIV", ROMAN, "ELECTION DAY")),
    ("III.1 General", None, ("III.1", DECIMAL, "General")),
    ("2.1 Recommendations", None, ("2.1", DECIMAL, "Recommendations")),
    ("2.1. Recommendations", None, ("2.1", DECIMAL, "Recommendations")),
    ("8. RECOMMENDATIONS", None, ("8", ARABIC, "RECOMMENDATIONS")),
    ("8 Recommendations", None, ("8", ARABIC, "Recommendations")),
    ("A. PRIORITY RECOMMENDATIONS", None, ("A", LETTER, "PRIORITY RECOMMENDATIONS")),
    ("A PRIORITY RECOMMENDATIONS", None, ("A", LETTER, "PRIORITY RECOMMENDATIONS")),
    ("B) Other recommendations", None, ("B", LETTER, "Other recommendations")),
    ("Б. ДРУГИЕ РЕКОМЕНДАЦИИ", None, ("Б", LETTER, "ДРУГИЕ РЕКОМЕНДАЦИИ")),
    # C, D, I, V, X, L are letters after the letter before them, roman numerals otherwise.
    ("C. MEDIA", "B", ("C", LETTER, "MEDIA")),
    ("C. MEDIA", None, ("C", ROMAN, "MEDIA")),
    ("I. ELECTION DAY", "H", ("I", LETTER, "ELECTION DAY")),
    ("K. ELECTION OBSERVATION (GENERAL)", "J", ("K", LETTER, "ELECTION OBSERVATION (GENERAL)")),
    ("CIVIL SOCIETY", None, (None, NONE, "CIVIL SOCIETY")),
    ("Recommendations", None, (None, NONE, "Recommendations")),
    ("25 per cent of the votes", None, (None, NONE, "25 per cent of the votes")),
    ("A new law was adopted", None, (None, NONE, "A new law was adopted")),
])
def test_split_number(text: str, previous: str | None,
                      expected: tuple[str | None, str, str]) -> None:
    numbered = split_number(text, previous)
    assert (numbered.number, numbered.style, numbered.title) == expected


def test_roman_values_and_depth() -> None:
    assert [roman_value(n) for n in ("I", "IV", "IX", "XIV", "XL", "IIII")] == \
        [1, 4, 9, 14, 40, None]
    assert split_number("III.1 General").depth == 1
    assert split_number("2.1.3 Detail").depth == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("ANNEX II: LIST OF OBSERVERS", ("ANNEX", "II", "LIST OF OBSERVERS")),
    ("Annex II: List of Observers", ("ANNEX", "II", "List of Observers")),
    ("ANNEX I : FINAL RESULTS", ("ANNEX", "I", "FINAL RESULTS")),
    ("ANNEX I – FINAL RESULTS", ("ANNEX", "I", "FINAL RESULTS")),
    ("ANNEX: OFFICIAL ELECTION RESULTS", ("ANNEX", None, "OFFICIAL ELECTION RESULTS")),
    ("ANNEX 4 RESULTS OF THE 5 NOVEMBER VOTE", ("ANNEX", "4", "RESULTS OF THE 5 NOVEMBER VOTE")),
    ("APPENDIX: SUMMARY OF OFFICIAL RESULTS", ("APPENDIX", None, "SUMMARY OF OFFICIAL RESULTS")),
    ("Annex 2. List of observers", ("ANNEX", "2", "List of observers")),
    ("ANNEX", ("ANNEX", None, "")),
    ("LIST OF OBSERVERS IN THE INTERNATIONAL ELECTION OBSERVATION MISSION",
     ("", None, "LIST OF OBSERVERS IN THE INTERNATIONAL ELECTION OBSERVATION MISSION")),
    ("List of Observers", ("", None, "List of Observers")),
    ("ПРИЛОЖЕНИЕ II: СПИСОК НАБЛЮДАТЕЛЕЙ", ("ПРИЛОЖЕНИЕ", "II", "СПИСОК НАБЛЮДАТЕЛЕЙ")),
    ("Annex II lists the observers of the mission.", None),
    ("Annexes to this report contain the results.", None),
    ("list of observers was long", None),
])
def test_annex_headings(text: str, expected: tuple[str, str | None, str] | None) -> None:
    found = annex_heading(text)
    assert (None if found is None else (found.word, found.number, found.title)) == expected


def test_heading_key_ignores_case_spacing_and_punctuation() -> None:
    assert heading_key("Annex II – List of  Observers") == \
        heading_key("ANNEX II: LIST OF OBSERVERS")


@pytest.mark.parametrize(("line", "entry"), [
    ("I. INTRODUCTION.......................1", "I. INTRODUCTION"),
    ("IV. ELECTORAL SYSTEM … 5", "IV. ELECTORAL SYSTEM"),
    ("XV. RECOMMENDATIONS 23", "XV. RECOMMENDATIONS"),
    ("ANNEX II: LIST OF OBSERVERS 27", "ANNEX II: LIST OF OBSERVERS"),
    ("XV. RECOMMENDATIONS", None),
    ("Party of Progress 1 234 567", None),
])
def test_toc_entries(line: str, entry: str | None) -> None:
    assert toc_entry(line) == entry


HEADER = "Republic of Testland\nParliamentary Elections\n"


def test_contents_with_leaders_without_a_title() -> None:
    page = HEADER + "I. SUMMARY......1\nII. BACKGROUND......2\nIII. MEDIA......4\nPage: 2"
    body = HEADER + "I. SUMMARY\nThe elections were held on 12 May.\nPage: 3"
    assert toc_pages([page, body]) == frozenset({1})


def test_contents_without_page_numbers_under_a_title() -> None:
    page = HEADER + "TABLE OF CONTENTS\nI SUMMARY\nII BACKGROUND\nIII RECOMMENDATIONS\n" \
        "ANNEX: LIST OF OBSERVERS"
    assert toc_extents([page]) == {1: range(2, 7)}


def test_a_short_contents_list_sharing_its_page_with_the_first_chapter() -> None:
    page = HEADER + ("CONTENTS\n1. Summary\n2. Recommendations\n1. Summary\nThe elections were "
                     "held in a calm atmosphere, and the results were announced on time.\n"
                     "2. Recommendations\n1. The law should be amended.")
    extent = toc_extents([page])[1]
    lines = page.split("\n")
    assert [lines[i] for i in extent] == ["CONTENTS", "1. Summary", "2. Recommendations"]


def test_a_numbered_results_table_is_no_contents_page() -> None:
    table = HEADER + "1. Nur Otan 84\n2. Ak Zhol 7\n3. Communist Party 7\n4. Others 0"
    assert toc_pages([table]) == frozenset()


@pytest.mark.parametrize(("line", "number"), [
    ("Page: 12", 12), ("Republic of Testland Page: 12", 12), ("Page 3 of 20", 3),
    ("Страница 4", 4), ("Parliamentary Elections, 12 May 2024", None),
])
def test_page_labels(line: str, number: int | None) -> None:
    assert page_label(line) == number


CHAPTERS = ("Executive Summary", "Background", "Legal Framework", "Election Administration",
            "Media")


def test_untitled_unnumbered_contents_listed_in_the_body_order() -> None:
    # Neither a title, page numbers nor chapter numbers: the chapters printed in the order listed,
    # each with its text, make the list the contents (the annex line, worded shorter, with them).
    contents = HEADER + "\n".join(CHAPTERS) + "\nANNEX I: LIST OF OBSERVERS IN THE\nPage: 2"
    body = [HEADER + f"{c}\nThe mission met the {c.lower()} bodies." for c in CHAPTERS]
    annex = HEADER + "ANNEX I: LIST OF OBSERVERS IN THE MISSION\nAnna Berg Austria\nPage: 4"
    assert contents_extents([contents, *body, annex]) == {1: range(2, 8)}


@pytest.mark.parametrize("numbered", [True, False])
def test_untitled_contents_with_an_entry_worded_apart_from_its_chapter(numbered: bool) -> None:
    # "Recommendations" lists the chapter the body heads "Recommendations and Conclusions": one
    # entry between two repeated ones is still the contents (not a recommendations heading).
    titles = [*CHAPTERS[:3], "Recommendations and Conclusions", *CHAPTERS[3:]]
    heads = [f"{i}. {t}" if numbered else t for i, t in enumerate(titles, start=1)]
    entries = [h.replace(" and Conclusions", "") for h in heads]
    contents = HEADER + "\n".join(entries) + "\nPage: 2"
    body = [HEADER + f"{h}\nThe mission met the {h.lower()} bodies." for h in heads]
    assert contents_extents([contents, *body]) == {1: range(2, 8)}


@pytest.mark.parametrize("shuffled", [True, False])
def test_no_contents_from_a_cover_printed_again_or_headings_out_of_order(shuffled: bool) -> None:
    cover = HEADER + "\n".join(CHAPTERS)
    if shuffled:  # the chapters, each with its text, but not in the order of the list
        body = HEADER + "\n".join(f"{c}\nThe mission met the {c.lower()} bodies."
                                  for c in reversed(CHAPTERS))
    else:  # the same lines again, one after another: a title page, not chapters
        body = cover + "\nThe mission met the authorities."
    assert contents_extents([cover, body]) == {}
