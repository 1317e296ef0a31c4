"""Finding the pages that hold results tables, from the cheap pypdfium2 text of every page.

A results section starts at an annex heading about results ("ANNEX I: FINAL ELECTION RESULTS",
"ANNEX: OFFICIAL RESULTS OF THE PRESIDENTIAL ELECTION", "ПРИЛОЖЕНИЕ I: ОКОНЧАТЕЛЬНЫЕ РЕЗУЛЬТАТЫ
ВЫБОРОВ"), never at its line in the table of contents, and runs on over the following pages while
they continue the table. Without such an annex, a body page whose lines look like a results table
(a header naming contestants and votes, then rows of figures) is a section of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from odihr.parse.document.layout import (
    PAGE_NUMBER,
    RUNNING_BOTTOM_LINES,
    RUNNING_TOP_LINES,
    normalize_running,
)
from odihr.parse.pdf import PdfReport
from odihr.parse.results.bands import read_page
from odihr.parse.results.settings import DEFAULT_LOCATE, LocateSettings
from odihr.parse.results.vocab import (
    ANNEX_HEADING,
    NAME_HEADER,
    NOT_ELECTION_RESULTS,
    RESULTS_WORD,
    TOC_LEADER,
    VOTES_HEADER,
)
from odihr.parse.text.numbers import NUMBER_TOKEN, normalize_spaces

#: A numbered chapter heading: a Roman or Arabic numeral or a letter, a dot, the title.
CHAPTER_HEADING = re.compile(r"^\s*(?:[IVXLC]{1,6}|\d{1,2}|[A-Z])\.\s+(?P<rest>[^\W\d_].*)$")
#: A line that could be a table row: some words, then a figure or a dash at its end.
#: A table-of-contents entry without dot leaders ends with its page number.
TOC_PAGE = re.compile(r"[^\W\d_]\s+\d{1,3}$")
#: A figure as the page's plain text prints it: a footnote marker raised after a per cent is
#: run into it ("56,09%57"; after a count it reads as more digits). A figure may stand in
#: parentheses ("(12.5%)", a share printed beside its votes).
_FIGURE = rf"(?:\((?:{NUMBER_TOKEN.pattern})\)|(?:{NUMBER_TOKEN.pattern}))(?:(?<=[%)])\d{{1,3}})?"
_TWO_FIGURES_END = re.compile(rf"{_FIGURE}\s+{_FIGURE}\s*$")
_FIGURE_OR_DASH = rf"(?:{_FIGURE}|[-–—])"
#: The last row of a table left alone at the top of a page: words, then two cells or more.
_TWO_CELLS_END = re.compile(rf".*?[^\W\d_].*?\s{_FIGURE_OR_DASH}\s+{_FIGURE_OR_DASH}\s*$")
_ROW_LIKE = re.compile(rf".*?[^\W\d_].*?\s{_FIGURE_OR_DASH}\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_ROW_END = re.compile(rf"\s{_FIGURE_OR_DASH}\s*$")


def row_like(line: str) -> bool:
    """Whether ``_ROW_LIKE`` matches the line: words, then a figure or a dash ending it.

    The same answer without the expression's backtracking (its two lazy ``.*?`` try every
    split of the line): a row's end (a space, a figure or dash, spaces) must start after the
    line's first letter. A line with a line break (never a page's line) is left to the
    expression, whose ``.`` does not cross one."""
    if "\n" in line:
        return _ROW_LIKE.match(line) is not None
    letter = _LETTER.search(line)
    return letter is not None and _ROW_END.search(line, letter.end()) is not None


#: A line of a table's body: it ends with a figure or a dash (a round one did not run in).
_BODY_ROW_END = re.compile(rf"(?:^|\s){_FIGURE_OR_DASH}\s*$")


@dataclass(frozen=True)
class ResultsSection:
    """Pages holding one results annex (or one body table)."""

    pages: tuple[int, ...]
    heading: str
    heading_page: int
    #: An annex (or appendix) about results; False for a body chapter or a bare table, which may
    #: hold only prose (no table there is no problem).
    annex: bool = True


def is_running(line: str, running: frozenset[str], *, foot: bool = False) -> bool:
    """A running header or footer line, or a printed page number (``Page: 28``, ``- 4 -``).

    A number with a word before it is a page number when it repeats on the pages or stands
    at the ``foot`` of the page: a lone "Round 2" at the top of a page is a caption."""
    key = normalize_running(line)
    if PAGE_NUMBER.match(key) and (foot or key in running or not re.search(r"[^\W\d_]", key)):
        return True
    # a table row that starts every page ("District 1 … 1,234 12.3") repeats like a running
    # header once its digits are masked: two figures at its end say it is a row
    return key in running and not _TWO_FIGURES_END.search(normalize_spaces(line))


def content_lines(pdf: PdfReport, number: int, running: frozenset[str]) -> list[str]:
    """The page's lines without running headers, footers and page numbers (read once per page:
    the locator's passes come back to a page; callers do not change the list)."""
    cache = _content_cache.setdefault(pdf, {})
    if (number, running) in cache:
        return cache[number, running]
    lines = [normalize_spaces(ln) for ln in pdf.text(number).split("\n")]
    lines = [ln for ln in lines if ln]
    edge = len(lines) - RUNNING_BOTTOM_LINES
    cache[number, running] = kept = [
        ln for i, ln in enumerate(lines)
        if not ((i < RUNNING_TOP_LINES or i >= edge) and is_running(ln, running, foot=i >= edge))]
    return kept


_content_cache: WeakKeyDictionary[PdfReport, dict[tuple[int, frozenset[str]], list[str]]] = \
    WeakKeyDictionary()


def is_annex_heading(line: str) -> bool:
    """An annex heading ("ANNEX II: LIST OF OBSERVERS"), not its table-of-contents entry and not
    prose that starts with the word ("Annex I for the results …")."""
    match = ANNEX_HEADING.match(line)
    if not match or TOC_LEADER.search(line) or TOC_PAGE.search(line) or len(line) > 160:
        return False
    rest = match.group("rest")
    return bool(match.group("sep")) or rest.upper() == rest


def is_results_chapter(line: str) -> bool:
    """A numbered body chapter about results ("XVII. ELECTION RESULTS", "VIII. FINAL RESULTS",
    "A. Publication of Final Results"), not its table-of-contents entry and not prose."""
    match = CHAPTER_HEADING.match(line)
    if not match or TOC_LEADER.search(line) or TOC_PAGE.search(line):
        return False
    rest = match.group("rest")
    short = len(rest.split()) <= 8 and not rest.rstrip().endswith((".", ":", ";", ","))
    return short and (rest.upper() == rest or rest.istitle() or rest[:1].isupper()) and \
        bool(RESULTS_WORD.search(rest)) and not NOT_ELECTION_RESULTS.search(rest)


def annex_heading(lines: list[str], index: int) -> str | None:
    """The results-annex heading starting at ``lines[index]`` (joined with its wrapped line)."""
    line = lines[index]
    if not is_annex_heading(line):
        return None
    heading = line
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if TOC_LEADER.search(following):
        return None  # a wrapped table-of-contents entry
    if following and following.upper() == following and not TOC_LEADER.search(following) \
            and len(following) < 80 and re.search(r"[^\W\d_]", following):
        heading = f"{line} {following}"
    if not RESULTS_WORD.search(heading) or NOT_ELECTION_RESULTS.search(heading):
        return None
    return heading


def find_sections(pdf: PdfReport, running: frozenset[str],
                  settings: LocateSettings = DEFAULT_LOCATE) -> list[ResultsSection]:
    """Results annexes (or, failing those, body pages that look like results tables)."""
    sections: list[ResultsSection] = []
    number = 1
    while number <= pdf.page_count:
        lines = content_lines(pdf, number, running)
        for index in range(len(lines)):
            heading = annex_heading(lines, index)
            if heading:
                pages = (number, *_continuation(pdf, number, running, settings))
                sections.append(ResultsSection(pages, heading, number))
                number = pages[-1]
                break
        number += 1
    if sections:
        return sections
    covered: set[int] = set()
    for number in range(1, pdf.page_count + 1):
        if number in covered:
            continue
        heading = next((ln for ln in content_lines(pdf, number, running)
                        if is_results_chapter(ln)), None)
        if heading:
            pages = (number, *_continuation(pdf, number, running, settings))
            covered.update(pages)
            sections.append(ResultsSection(pages, heading, number, annex=False))
    for number in range(1, pdf.page_count + 1):
        if number not in covered and (
                _looks_like_results_page(content_lines(pdf, number, running), settings)
                or _opens_at_foot(pdf, number, running, settings)):
            pages = (number, *_continuation(pdf, number, running, settings))
            covered.update(pages)
            sections.append(ResultsSection(pages, "", number, annex=False))
    return sections


def _continuation(pdf: PdfReport, start: int, running: frozenset[str],
                  settings: LocateSettings) -> list[int]:
    """Pages after ``start`` that carry on its table (before any new heading): rows at the top,
    or under a repeated header (any words, however many lines its cells wrap over)."""
    pages: list[int] = []
    previous = set(content_lines(pdf, start, running))
    for number in range(start + 1, pdf.page_count + 1):  # no page limit: while rows go on
        lines = content_lines(pdf, number, running)
        if not _continues(lines, previous, settings):
            if not _turned(pdf, number):
                break
            # PDFium's text of a turned page may run rows together: ask the word boxes
            lines = positioned_lines(pdf, number, running)
            if not _continues(lines, previous, settings):
                break
        pages.append(number)
        previous = set(lines)
    return pages


def _turned(pdf: PdfReport, number: int) -> bool:
    """Whether page ``number`` is shown turned by its ``/Rotate``."""
    return pdf.pdfium_document is not None and pdf.turn(number) != 0


def positioned_lines(pdf: PdfReport, number: int, running: frozenset[str]) -> list[str]:
    """The page's lines as grouped from the word boxes (upright on turned pages), without
    running headers, footers and page numbers."""
    lines = [normalize_spaces(ln.text) for ln in read_page(pdf, number).lines]
    edge = len(lines) - RUNNING_BOTTOM_LINES
    return [ln for i, ln in enumerate(lines)
            if not ((i < RUNNING_TOP_LINES or i >= edge) and is_running(ln, running,
                                                                   foot=i >= edge))]


def _continues(lines: list[str], previous: set[str], settings: LocateSettings) -> bool:
    """Whether a page of these lines carries on the table of the page before (``previous``:
    its lines): rows at the top, or under a repeated header."""
    rows = [i for i, ln in enumerate(lines[:settings.opening_lines]) if row_like(ln)]
    if not rows or any(is_annex_heading(ln) or is_results_chapter(ln) for ln in lines[:rows[0]]):
        return False
    repeated = all(ln in previous for ln in lines[:rows[0]])  # the header printed again
    short = all(len(ln) < settings.prose_line for ln in lines[:rows[0]])
    if rows[0] > settings.header_lines and not (
            repeated or NAME_HEADER.search(" ".join(lines[:3])) or short):
        return False  # prose before the first figures: not the table going on
    # a lone row goes on only at the very top or under the repeated header, with two figures
    # (or dashes)
    return len(rows) >= 2 or (rows[0] == 0 or repeated) and bool(
        _TWO_CELLS_END.match(lines[rows[0]]))


def _opens_at_foot(pdf: PdfReport, number: int, running: frozenset[str],
                   settings: LocateSettings) -> bool:
    """Whether a table header is left alone at the foot of page ``number`` (its rows, under
    the header printed again or not, start the next page): the page starts the table."""
    lines = content_lines(pdf, number, running)
    if number >= pdf.page_count or not _header_at_foot(lines, settings):
        return False
    return _continues(content_lines(pdf, number + 1, running), set(lines), settings)


def _header_at_foot(lines: list[str], settings: LocateSettings) -> bool:
    """The page ends with a table header naming contestants and votes, and no row under it."""
    tail = lines[-settings.header_lines:]
    start = next((i for i, ln in enumerate(tail) if NAME_HEADER.search(ln)
                  and len(ln) < settings.prose_line), None)
    if start is None:
        return False
    rest = tail[start:]
    return bool(VOTES_HEADER.search(" ".join(rest))) and \
        not any(_BODY_ROW_END.search(ln) for ln in rest)


def _looks_like_results_page(lines: list[str],
                             settings: LocateSettings = DEFAULT_LOCATE) -> bool:
    """A table header naming contestants and votes, followed by rows of figures.

    The header runs from the line naming the contestants to the first line of figures
    (PDFium's text puts each wrapped header cell on a line of its own)."""
    for index, line in enumerate(lines):
        if not NAME_HEADER.search(line) or len(line) >= 100:
            continue
        end = next((i for i in range(index + 1, min(len(lines), index + settings.opening_lines))
                    if _BODY_ROW_END.search(lines[i])), index + 1)
        window = " ".join(lines[index:max(end, index + 3)])
        if VOTES_HEADER.search(window):
            rows = [ln for ln in lines[end:end + 20] if _BODY_ROW_END.search(ln)]
            if len(rows) >= 2 and any(len(NUMBER_TOKEN.findall(r)) >= 2 for r in rows):
                return True
    return False
