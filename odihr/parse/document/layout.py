"""Positioned lines of a page, and the page furniture every parser skips.

The observer and recommendation parsers need word positions, font sizes and boldness on a few
pages. The page model (:mod:`odihr.parse.page`) builds them: :func:`page_lines` reads words
from PDFium (~5 ms a page, pages turned by ``/Rotate`` as shown) and groups them by baseline
into :class:`~odihr.parse.page.lines.Line` objects; it falls back to :meth:`PdfReport.words`
(pdfplumber) when the report object has no PDFium document.

Running headers and footers are found by repetition (:func:`running_lines`): a line that opens or
closes many pages (digits ignored, so ``Page: 29`` and ``Page: 30`` are one line) is furniture.
Footnotes are smaller than the body text (:func:`body_size`); footnote reference markers are small
raised words, kept apart from a line's words in :attr:`Line.marks`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from weakref import WeakKeyDictionary

import pypdfium2 as pdfium

from odihr.parse.document.headings import page_label
from odihr.parse.page import lines as page_model
from odihr.parse.page.lines import BASELINE_LINES
from odihr.parse.page.words import report_words
from odihr.parse.pdf import PdfReport, Word

#: A line of running text: the page model's line, grouped by baseline.
Line = page_model.Line[Word]
#: A line of a table of contents: dot leaders and a page number.
TOC_LINE = re.compile(r"(\.\s?){4,}\s*\d+\s*$")
#: Lines opening or closing at least this share of pages (and at least three, two in a report of
#: three pages or fewer) are running lines.
RUNNING_SHARE = 0.3
#: How many lines at the top and at the bottom of a page can be running headers or footers.
RUNNING_TOP_LINES = 4
RUNNING_BOTTOM_LINES = 3
#: A page-number footer: ``3``, ``- 3 -``, ``Page: 3``, ``Страница 3 из 20``.
PAGE_NUMBER = re.compile(r"^[\s\-–—]*(?:[^\W\d_]+\.?:?\s*)?#(?:\s*(?:/|of|из|z|de|von)\s*#)?"
                         r"[\s\-–—]*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
#: How far a printed page label may be from the PDF's page index (unnumbered front pages).
PAGE_LABEL_OFFSET = 4


_lines_cache: WeakKeyDictionary[PdfReport, dict[int, tuple[Line, ...]]] = WeakKeyDictionary()
_running_cache: WeakKeyDictionary[PdfReport, frozenset[str]] = WeakKeyDictionary()
_normalized_cache: WeakKeyDictionary[PdfReport, list[list[str]]] = WeakKeyDictionary()
_edges_cache: WeakKeyDictionary[PdfReport, tuple[dict[str, dict[int, int]],
                                                 dict[str, dict[int, int]]]] = WeakKeyDictionary()


def page_lines(pdf: PdfReport, number: int) -> tuple[Line, ...]:
    """The lines of page ``number`` (1-based), top to bottom, with boxes, sizes and boldness."""
    cache = _lines_cache.setdefault(pdf, {})
    if number not in cache:
        doc = getattr(pdf, "pdfium_document", None)
        words = report_words(pdf, number) if isinstance(doc, pdfium.PdfDocument) \
            else pdf.words(number)
        cache[number] = group_lines(words, number)
    return cache[number]


def group_lines(words: Iterable[Word], page: int) -> tuple[Line, ...]:
    """Group words into lines by baseline; small raised words join the line they sit on as marks."""
    return page_model.group_lines(words, page, BASELINE_LINES)


# --- running headers, footers, footnotes ---------------------------------------------------------


def normalize_running(text: str) -> str:
    """The key two running lines share: whitespace collapsed, every digit run replaced by ``#``."""
    return _DIGITS.sub("#", " ".join(text.split()))


def running_lines(pdf: PdfReport) -> frozenset[str]:
    """Normalized texts of the lines that open or close many pages: running headers and footers.

    Headers are counted among the lines opening pages and footers among those closing them (a
    heading that closes the contents page and opens its chapter's page is neither). A line
    ending a sentence (a full stop after a word) is text, even when the same short last line of
    a paragraph happens to close several pages."""
    if pdf not in _running_cache:
        tops, bottoms = _page_edges(pdf)
        inside = _inside_counts(pdf)
        need = max(min(3.0, pdf.page_count - 1.0), 2.0, RUNNING_SHARE * pdf.page_count)
        edges = {k: max(len(tops.get(k, ())), len(bottoms.get(k, ())))
                 for k in tops.keys() | bottoms.keys()}
        _running_cache[pdf] = frozenset(
            k for k, count in edges.items()
            if count >= need and not re.search(r"[^\W\d_]{2}\.$", k)
            and inside[k] <= count)  # a line printed inside pages as often is text, not furniture
    return _running_cache[pdf]


def _page_edges(pdf: PdfReport) -> tuple[dict[str, dict[int, int]], dict[str, dict[int, int]]]:
    """For each normalized line among the first lines of pages: page → its index there; the
    same for the last lines."""
    if pdf in _edges_cache:
        return _edges_cache[pdf]
    tops: dict[str, dict[int, int]] = {}
    bottoms: dict[str, dict[int, int]] = {}
    for number, lines in enumerate(_normalized_pages(pdf), start=1):
        for index, line in enumerate(lines[:RUNNING_TOP_LINES]):
            tops.setdefault(line, {}).setdefault(number, index)
        tail = lines[max(RUNNING_TOP_LINES, len(lines) - RUNNING_BOTTOM_LINES):]
        for line in tail:  # (a short page's top lines are not its bottom lines)
            bottoms.setdefault(line, {}).setdefault(number, 0)
    _edges_cache[pdf] = tops, bottoms
    return tops, bottoms


def _normalized_pages(pdf: PdfReport) -> list[list[str]]:
    """Each page's non-blank text lines, top to bottom, as :func:`normalize_running` gives them.

    The digits of a whole page are replaced at once: a run of digits holds no whitespace, so
    replacing them before the whitespace is collapsed line by line gives the same keys."""
    if pdf not in _normalized_cache:
        _normalized_cache[pdf] = [[" ".join(words) for line in _DIGITS.sub("#", text).split("\n")
                                   if (words := line.split())] for text in pdf.texts]
    return _normalized_cache[pdf]


def _inside_counts(pdf: PdfReport) -> Counter[str]:
    """How often each normalized line is printed between the edge lines of pages: a wrapped
    table cell ("Commission Staff") that also happens to close many pages is printed inside
    pages more often still, a running header or footer almost never."""
    inside: Counter[str] = Counter()
    for lines in _normalized_pages(pdf):
        inside.update(lines[RUNNING_TOP_LINES:max(RUNNING_TOP_LINES,
                                                  len(lines) - RUNNING_BOTTOM_LINES)])
    return inside


def repeated_table_lines(pdf: PdfReport) -> frozenset[str]:
    """Running lines that are a table's, not the page's: a header or caption printed again at
    the top of each page a table continues on ("Round 3", "First round Second round").

    Such a line opens only some of the pages that a running line printed above it opens (the
    table's pages), always under that line; the page's own running lines open the same pages
    as one another (or pages of their own, odd and even)."""
    tops, _ = _page_edges(pdf)
    running = running_lines(pdf)
    lines = {k: v for k, v in tops.items() if k in running}
    return frozenset(
        key for key, pages in lines.items()
        if any(pages.keys() < above.keys() and all(above[p] < i for p, i in pages.items())
               for other, above in lines.items() if other != key))


def is_furniture(line: Line, running: frozenset[str], *, at_edge: bool = True) -> bool:
    """True for a running header or footer line, or a page number at the top or bottom of the
    page (``at_edge``: elsewhere ``Article 5`` alone on a line is text)."""
    key = normalize_running(line.text)
    return key in running or at_edge and bool(PAGE_NUMBER.match(key))


def body_size(lines: Iterable[Line]) -> float:
    """The font size most characters of these lines are set in (the running text's size)."""
    sizes: dict[float, int] = {}  # (in first-seen order: a tie goes to the first size, as before)
    for line in lines:
        for w in line.words:
            size = round(w.size, 1)
            sizes[size] = sizes.get(size, 0) + len(w.text)
    return max(sizes, key=sizes.__getitem__) if sizes else 0.0


def content_lines(pdf: PdfReport, number: int) -> list[Line]:
    """Page lines without running headers, footers and page numbers (looked for among the
    lines at the top and the bottom of the page only)."""
    running = running_lines(pdf)
    lines = page_lines(pdf, number)
    edge = len(lines) - RUNNING_BOTTOM_LINES
    out = []
    for i, line in enumerate(lines):
        at_edge = i < RUNNING_TOP_LINES or i >= edge
        if is_furniture(line, running if at_edge else frozenset(), at_edge=at_edge) or \
                at_edge and _labels_page(line, number):
            continue
        out.append(line)
    return out


def _labels_page(line: Line, number: int) -> bool:
    """A running line carrying this page's ``Page: N`` label (the printed number may be offset
    from the PDF's page index by an unnumbered cover or contents)."""
    label = page_label(line.text)
    return label is not None and abs(label - number) <= PAGE_LABEL_OFFSET and \
        not line.text.rstrip().endswith(".")
