"""Positioned lines of a page, and the page furniture every parser skips.

The observer and recommendation parsers need word positions, font sizes and boldness on a few
pages. pdfplumber costs ~80 ms a page; PDFium's text page already knows every character's box, so
:func:`page_lines` reads them straight from PDFium (~5 ms a page) and falls back to
:meth:`PdfReport.words` (pdfplumber) when the report object has no PDFium document.

Running headers and footers are found by repetition (:func:`running_lines`): a line that opens or
closes many pages (digits ignored, so ``Page: 29`` and ``Page: 30`` are one line) is furniture.
Footnotes are smaller than the body text (:func:`body_size`); footnote reference markers are small
raised words, kept apart from a line's words in :attr:`Line.marks`.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from odihr.parse.headings import page_label
from odihr.parse.pdf import PdfReport, Word

#: A line of a table of contents: dot leaders and a page number.
TOC_LINE = re.compile(r"(\.\s?){4,}\s*\d+\s*$")
#: Lines opening or closing at least this share of pages (and at least three, two in a report of
#: three pages or fewer) are running lines.
RUNNING_SHARE = 0.3
#: How many lines at the top and at the bottom of a page can be running headers or footers.
RUNNING_TOP_LINES = 4
RUNNING_BOTTOM_LINES = 3
#: A word smaller than this share of its line's size, raised above its baseline, is a marker.
MARK_SIZE_RATIO = 0.8
#: A page-number footer: ``3``, ``- 3 -``, ``Page: 3``, ``Страница 3 из 20``.
PAGE_NUMBER = re.compile(r"^[\s\-–—]*(?:[^\W\d_]+\.?:?\s*)?#(?:\s*(?:/|of|из|z|de|von)\s*#)?"
                         r"[\s\-–—]*$", re.IGNORECASE)
#: How far a printed page label may be from the PDF's page index (unnumbered front pages).
PAGE_LABEL_OFFSET = 4
#: How PDFium reports a hyphen that ends a line: U+0002 per character, U+FFFE in bulk text.
_LINE_END_HYPHENS = frozenset((0x02, 0xFFFE))
#: Space characters beyond ASCII (no-break, thin, ideographic…) that separate words.
_SPACES = frozenset((0x85, 0xA0, 0x1680, *range(0x2000, 0x200C), 0x2028, 0x2029, 0x202F, 0x205F,
                     0x3000, 0xFEFF))


@dataclass(frozen=True)
class Line:
    """Words sharing a baseline on one page, left to right; ``marks``: raised footnote markers."""

    page: int
    words: tuple[Word, ...]
    marks: tuple[Word, ...] = ()

    @property
    def text(self) -> str:
        """The words joined by single spaces (markers left out)."""
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        """The font size most of the line's characters are set in."""
        sizes: Counter[float] = Counter()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.text)
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        """True when every word of the line is set in a bold font."""
        return all(w.bold for w in self.words)


_lines_cache: WeakKeyDictionary[PdfReport, dict[int, tuple[Line, ...]]] = WeakKeyDictionary()
_running_cache: WeakKeyDictionary[PdfReport, frozenset[str]] = WeakKeyDictionary()
_edges_cache: WeakKeyDictionary[PdfReport, tuple[dict[str, dict[int, int]],
                                                 dict[str, dict[int, int]]]] = WeakKeyDictionary()


def page_lines(pdf: PdfReport, number: int) -> tuple[Line, ...]:
    """The lines of page ``number`` (1-based), top to bottom, with boxes, sizes and boldness."""
    cache = _lines_cache.setdefault(pdf, {})
    if number not in cache:
        doc = getattr(pdf, "pdfium_document", None)
        words = _pdfium_words(doc, number) if isinstance(doc, pdfium.PdfDocument) \
            else pdf.words(number)
        cache[number] = group_lines(words, number)
    return cache[number]


def group_lines(words: Iterable[Word], page: int) -> tuple[Line, ...]:
    """Group words into lines by baseline; small raised words join the line they sit on as marks."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.bottom, 1), w.x0)):
        if rows and abs(rows[-1][0].bottom - word.bottom) <= 0.2 * max(word.size, 1.0):
            rows[-1].append(word)
        else:
            rows.append([word])
    hosts = [_host_row(i, rows) for i in range(len(rows))]
    marks: dict[int, list[Word]] = {}
    for i, host in enumerate(hosts):
        if host is not None:
            marks.setdefault(host, []).extend(rows[i])
    return tuple(
        Line(page, tuple(sorted(row, key=_x0)), tuple(sorted(marks.get(i, []), key=_x0)))
        for i, row in enumerate(rows) if hosts[i] is None
    )


def _x0(word: Word) -> float:
    return word.x0


def _host_row(index: int, rows: Sequence[Sequence[Word]]) -> int | None:
    """The larger-type row a row of small raised words (footnote markers) sits on, if any."""
    row = rows[index]
    size = max(w.size for w in row)
    low = max(w.bottom for w in row)
    middle = (min(w.top for w in row) + low) / 2
    for j in range(max(0, index - 2), min(len(rows), index + 3)):  # rows are sorted by baseline
        other = rows[j]
        if j == index or size >= MARK_SIZE_RATIO * max(w.size for w in other):
            continue
        if min(w.top for w in other) <= middle <= max(w.bottom for w in other) and \
                low < max(w.bottom for w in other):
            return j
    return None


def _pdfium_words(doc: pdfium.PdfDocument, number: int) -> list[Word]:
    """Words of one page built from PDFium's character boxes (top-left origin, like pdfplumber)."""
    page = doc[number - 1]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            return _words_of_textpage(textpage.raw, height)
        finally:
            textpage.close()
    finally:
        page.close()


def _words_of_textpage(tp: object, height: float) -> list[Word]:
    """Split PDFium's characters into words at spaces and line changes.

    One call per character (its origin) and two per word (size, font name): the ctypes calls
    are what this costs. A raised footnote marker changes the baseline, so it starts a word.
    """
    raw = pdfium_raw
    origin, font_size, font_info = (raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize,
                                    raw.FPDFText_GetFontInfo)
    rect = raw.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    ref_x, ref_y = ctypes.byref(origin_x), ctypes.byref(origin_y)
    name = ctypes.create_string_buffer(128)
    flags = ctypes.byref(ctypes.c_int())
    words: list[Word] = []
    chars: list[str] = []
    box: list[float] = []  # x0, last char's x, top, baseline, size, bold
    last = -1

    def flush() -> None:
        if chars:
            raw.FPDFText_GetLooseCharBox(tp, last, rect)
            words.append(Word("".join(chars), box[0], max(rect.right, box[1]), box[2], box[3],
                              box[4], bool(box[5])))
            chars.clear()

    for i, code in enumerate(_codes(tp)):
        if code in _LINE_END_HYPHENS:
            code = 45
        elif code <= 32 or code in _SPACES:
            flush()
            continue
        origin(tp, i, ref_x, ref_y)
        x, baseline = origin_x.value, height - origin_y.value
        if chars and (x < box[1] - 0.5 or x - box[1] > 1.5 * box[4]
                      or abs(baseline - box[3]) > 0.2 * box[4]):
            flush()
        if not chars:
            size = font_size(tp, i)
            font_info(tp, i, name, 128, flags)
            font = name.value.lower()
            bold = b"bold" in font or b"black" in font or b"heavy" in font
            box[:] = [x, x, baseline - size, baseline, size, float(bold)]
        box[1] = x
        chars.append(chr(code))
        last = i
    flush()
    return words


def _codes(tp: object) -> list[int]:
    """Every character's code, read in one call (one UTF-16 unit per character index)."""
    raw = pdfium_raw
    count = raw.FPDFText_CountChars(tp)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(tp, 0, count, buffer)
    if written - 1 == count:
        return list(buffer[:count])
    return [raw.FPDFText_GetUnicode(tp, i) for i in range(count)]


# --- running headers, footers, footnotes ---------------------------------------------------------


def normalize_running(text: str) -> str:
    """The key two running lines share: whitespace collapsed, every digit run replaced by ``#``."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


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
    for number, text in enumerate(pdf.texts, start=1):
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        for index, line in enumerate(lines[:RUNNING_TOP_LINES]):
            tops.setdefault(normalize_running(line), {}).setdefault(number, index)
        tail = lines[max(RUNNING_TOP_LINES, len(lines) - RUNNING_BOTTOM_LINES):]
        for line in tail:  # (a short page's top lines are not its bottom lines)
            bottoms.setdefault(normalize_running(line), {}).setdefault(number, 0)
    _edges_cache[pdf] = tops, bottoms
    return tops, bottoms


def _inside_counts(pdf: PdfReport) -> Counter[str]:
    """How often each normalized line is printed between the edge lines of pages: a wrapped
    table cell ("Commission Staff") that also happens to close many pages is printed inside
    pages more often still, a running header or footer almost never."""
    inside: Counter[str] = Counter()
    for text in pdf.texts:
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        middle = lines[RUNNING_TOP_LINES:max(RUNNING_TOP_LINES, len(lines) - RUNNING_BOTTOM_LINES)]
        inside.update(normalize_running(ln) for ln in middle)
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
    sizes: Counter[float] = Counter()
    for line in lines:
        for w in line.words:
            sizes[round(w.size, 1)] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


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
