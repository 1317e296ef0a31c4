"""Headings of ODIHR reports: chapters, annexes, appendices and lists, in every era's style.

Reports number their chapters ``I.``, ``II``, ``III.1``, ``2.``, ``2.1``, letter their sub-sections
``A.`` or ``A`` and leave some headings unnumbered; they set them in capitals or in title case,
with or without the dot, with a colon, a dash or nothing between an annex's number and its title
(``ANNEX I: FINAL RESULTS``, ``Annex II – List of Observers``, ``ANNEX 4 RESULTS``). Everything here
is a pure function over text (and, for :func:`is_heading_line`, a line's size and weight), so the
part readers agree on what a heading is:

- :func:`split_number` separates a heading's number from its title and names its style;
- :func:`heading_key` is the case-, spacing- and punctuation-free form two headings are compared in;
- :func:`annex_heading` recognises annex, appendix and list headings;
- :func:`is_toc_line` and :func:`toc_pages` find the table of contents, with or without dot
  leaders and page numbers, so its lines are never taken for the headings they name;
- :func:`page_label` reads a ``Page: N`` label wherever it sits on a running-header line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: Numbering styles of :class:`Numbered`.
ROMAN, ARABIC, DECIMAL, LETTER, NONE = "roman", "arabic", "decimal", "letter", "none"

_ROMAN = r"[IVXLC]{1,7}"
#: ``III.1``, ``2.1``, ``2.1.3`` (a trailing dot allowed).
_DECIMAL = rf"(?:\d{{1,2}}|{_ROMAN})(?:\.\d{{1,2}}){{1,3}}\.?"
#: A number at the start of a heading, and what separates it from the title.
_NUMBER = re.compile(
    rf"^\s*(?P<num>{_DECIMAL}|{_ROMAN}\b\.?|\d{{1,2}}\b\.?|[A-ZА-Я]\b\.?|[A-ZА-Я]\))"
    r"(?P<sep>\s*[:.)\-–—]?\s+|\s*[:.)\-–—]\s*)(?P<title>\S.*)$")
#: The word an annex heading starts with, in the languages ODIHR publishes in.
ANNEX_WORDS = (r"ANNEXE?S?|APPENDIX|APPENDICES|ATTACHMENT|ПРИЛОЖЕНИЕ|ДОДАТОК|ANEXO|ANHANG|"
               r"ALLEGATO|SHTOJCA|ANEKS|PRILOG|ДАДАТАК|ҚОСЫМША|ПРИЛОГ")
_ANNEX = re.compile(
    rf"^\s*(?P<word>{ANNEX_WORDS})\b\.?\s*(?P<num>{_ROMAN}\b|\d{{1,2}}\b|[A-Z]\b)?\.?"
    r"\s*[:.\-–—]?\s*(?P<title>.*)$", re.IGNORECASE)
#: A list heading outside an annex: ``LIST OF OBSERVERS``, ``СПИСОК НАБЛЮДАТЕЛЕЙ``.
_LIST = re.compile(r"^\s*(?:LIST OF|LISTE DES|СПИСОК|СОСТАВ|COMPOSITION OF)\b", re.IGNORECASE)
#: Dot leaders (or an ellipsis) before a page number: a table-of-contents line.
_LEADERS = re.compile(r"(?:(?:\.\s?){3,}|…+|_{3,})\s*\d{1,3}\s*$")
#: A heading-shaped line ending in a page number after a gap: ``I. INTRODUCTION 1``.
_TRAILING_PAGE = re.compile(r"^(?P<title>.*\D)\s+(?P<page>\d{1,3})\s*$")
#: The title of a table of contents.
_TOC_TITLE = re.compile(r"^\s*(?:TABLE OF CONTENTS|CONTENTS|СОДЕРЖАНИЕ|ОГЛАВЛЕНИЕ|ЗМІСТ|"
                        r"TABLE DES MATIÈRES|SOMMAIRE|INHALT(?:SVERZEICHNIS)?|ÍNDICE|INDICE)\s*$",
                        re.IGNORECASE)
#: ``Page: 3``, ``Page 3 of 20``, ``Страница 3``: a page label on a running line.
_PAGE_LABEL = re.compile(r"(?:^|\s)(?:Page|Страница|Стр\.|Seite|Página)\s*:?\s*(\d{1,4})"
                         r"(?:\s*(?:/|of|из)\s*\d{1,4})?(?=\s|$)", re.IGNORECASE)
#: TOC lines on a page that make it a table of contents even without a title.
TOC_MIN_LINES = 3


@dataclass(frozen=True)
class Numbered:
    """A heading split into its number (``"IV"``, ``"2.1"``, ``"B"``, ``None``), the number's
    style (:data:`ROMAN`, :data:`ARABIC`, :data:`DECIMAL`, :data:`LETTER`, :data:`NONE`) and its
    title."""

    number: str | None
    style: str
    title: str

    @property
    def depth(self) -> int:
        """``2.1`` and ``III.1`` are one level below ``2`` and ``III``."""
        return self.number.count(".") if self.number and self.style == DECIMAL else 0


def heading_key(text: str) -> str:
    """Upper-case letters and digits separated by single spaces: the form in which two headings
    (or a heading and a word) are compared (``Annex II – List of Observers`` and ``ANNEX II: LIST
    OF OBSERVERS`` agree)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return " ".join(re.sub(r"[^\w]+|_", " ", text).upper().split())


def split_number(text: str, previous_letter: str | None = None) -> Numbered:
    """Split a heading's number from its title.

    ``I.``, ``II``, ``XIV.`` are roman; ``2.``, ``2`` arabic; ``2.1``, ``III.1`` decimal; ``A.``,
    ``A``, ``Б.`` letters. ``C``, ``D``, ``I``, ``V``, ``X``, ``L`` are both: such a letter is a
    letter when it follows ``previous_letter`` (``I.`` after ``H.``) or is ``A``-like, else roman.
    A bare capital letter without a dot must be followed by a word in capitals or title case.
    """
    match = _NUMBER.match(" ".join(text.split()))
    if not match:
        return Numbered(None, NONE, " ".join(text.split()))
    raw, title = match.group("num"), match.group("title").strip()
    number = raw.rstrip(".)")
    dotted = raw != number or match.group("sep").strip() != ""
    if not dotted and not title[:1].isupper():
        return Numbered(None, NONE, " ".join(text.split()))
    if "." in number:
        return Numbered(number, DECIMAL, title)
    if number.isdigit():
        return Numbered(number, ARABIC, title)
    if len(number) == 1 and (not re.fullmatch(_ROMAN, number)
                             or _follows(previous_letter, number)):
        return Numbered(number, LETTER, title)
    if re.fullmatch(_ROMAN, number) and _is_roman(number):
        return Numbered(number, ROMAN, title)
    if len(number) == 1:
        return Numbered(number, LETTER, title)
    return Numbered(None, NONE, " ".join(text.split()))


def _follows(previous: str | None, letter: str) -> bool:
    if previous is None:
        return False
    return ord(letter) == ord(previous) + 1


def _is_roman(number: str) -> bool:
    """True for a well-formed roman numeral up to 199."""
    return bool(re.fullmatch(r"C?(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", number)) and bool(number)


def roman_value(number: str) -> int | None:
    """The value of a roman numeral, or ``None``."""
    if not _is_roman(number):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(number):
        value = values[ch]
        total += -value if i + 1 < len(number) and values[number[i + 1]] > value else value
    return total


@dataclass(frozen=True)
class AnnexHeading:
    """``ANNEX II: LIST OF OBSERVERS`` → word ``ANNEX``, number ``II``, title ``LIST OF
    OBSERVERS``; a list heading outside an annex has word ``""``."""

    word: str
    number: str | None
    title: str


def annex_heading(text: str) -> AnnexHeading | None:
    """An annex, appendix or list heading in any case and punctuation; ``None`` for other text.

    ``ANNEX``, ``Annex II: List of Observers``, ``ANNEX 1 – Election Commissions``, ``APPENDIX:
    SUMMARY OF OFFICIAL RESULTS``, ``LIST OF OBSERVERS …``. Running text that starts with the word
    (``Annex II lists the observers.``) is not a heading: after the word and its number comes a
    separator or a title in capitals or title case, and the line ends no sentence.
    """
    clean = " ".join(text.split())
    if _LIST.match(clean):
        return AnnexHeading("", None, clean) if _headline(clean) else None
    match = _ANNEX.match(clean)
    if not match:
        return None
    title = match.group("title").strip()
    rest = clean[match.end("word"):]
    if title and not (re.match(r"^\.?\s*(?:\S+\s*)?[:\-–—.]", rest) or _headline(title)):
        return None
    if title.endswith((".", ";", ",")) and len(title.split()) > 3:
        return None
    return AnnexHeading(match.group("word").upper(), match.group("num"), title)


def _headline(text: str) -> bool:
    """Capitals, or title case: most words of four letters or more start with a capital."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)]
    if not words:
        return False
    if all(not c.isalpha() or c.isupper() for c in "".join(words)):
        return True
    long = [w for w in words if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) * 2 >= len(long) and \
        words[0][0].isupper()


def is_toc_line(text: str) -> bool:
    """A table-of-contents line: a title, dot leaders (or an ellipsis) and a page number."""
    return bool(_LEADERS.search(text))


def toc_entry(text: str) -> str | None:
    """The heading a table-of-contents line names (dot leaders and page number removed), or
    ``None`` when the line does not end with a page number after a heading-shaped title."""
    clean = " ".join(text.split())
    if not clean[-1:].isdigit():  # both forms end in a page number (isdigit is wider than \d)
        return None
    if _LEADERS.search(clean):
        return _LEADERS.sub("", clean).strip(" .…_")
    match = _TRAILING_PAGE.match(clean)
    if match and (split_number(match.group("title")).style != NONE
                  or annex_heading(match.group("title"))):
        return match.group("title").strip()
    return None


def toc_pages(texts: Sequence[str]) -> frozenset[int]:
    """Pages (1-based) holding a table of contents (see :func:`toc_extents`)."""
    return frozenset(toc_extents(texts))


def toc_extents(texts: Sequence[str]) -> dict[int, range]:
    """The table of contents: for each page holding part of it, the range of its text lines
    (``text.split("\\n")`` indexes) that belong to it.

    A page holds one when it has a contents title (``TABLE OF CONTENTS``) and lists headings, with
    or without page numbers, or when at least :data:`TOC_MIN_LINES` lines end in dot leaders or
    page numbers after numbered headings; a page right after one continues it while it still
    lists such lines. The contents run from the title (or the first entry) to the line before
    the first that repeats an entry (the first chapter's heading, when a short contents list
    shares its page with the first chapter) or reads as running text.
    """
    found: dict[int, range] = {}
    for number, text in enumerate(texts, start=1):
        raw = [" ".join(ln.split()) for ln in text.split("\n")]
        lines = [ln for ln in raw if ln]
        entries = _entries(lines)
        title = next((i for i, ln in enumerate(raw[:12]) if _TOC_TITLE.match(ln)), None)
        listed = title is not None and (entries or _headings_only(lines) or
                                        sum(1 for ln in lines if _listed(ln)) >= TOC_MIN_LINES)
        leaders = entries >= TOC_MIN_LINES and entries * 3 >= len(lines)
        continued = number - 1 in found and entries >= 1 and entries * 2 >= len(lines)
        if listed or leaders or continued:
            start = title if title is not None else \
                next((i for i, ln in enumerate(raw) if toc_entry(ln)), 0)
            found[number] = range(start, _contents_end(raw, start, title is not None))
    return found


def _contents_end(raw: Sequence[str], start: int, titled: bool) -> int:
    seen: set[str] = set()
    end = start + 1
    for i in range(start + (1 if titled else 0), len(raw)):
        line = raw[i]
        if not line:
            continue
        entry = toc_entry(line)
        key = heading_key(entry or line)
        if entry is None and (key in seen or len(line) > 60 and not _headline(line)):
            break
        seen.add(key)
        end = i + 1
    return end


def _entries(lines: Sequence[str]) -> int:
    """How many lines are contents entries: dot leaders, or numbered headings whose trailing
    page numbers never decrease (a table of numbered rows and counts is no contents page)."""
    # both forms end in a page number: most lines are ruled out without a regular expression
    numbered = [ln for ln in lines if ln.rstrip()[-1:].isdigit()]
    leaders = sum(1 for ln in numbered if _LEADERS.search(ln))
    pages = [int(m.group("page")) for ln in numbered if not _LEADERS.search(ln) and toc_entry(ln)
             for m in [_TRAILING_PAGE.match(ln)] if m]
    ordered = all(a <= b for a, b in zip(pages, pages[1:], strict=False))
    return leaders + (len(pages) if ordered else 0)


def _headings_only(lines: Sequence[str]) -> bool:
    """A contents page without numbers: after its title, lines that end no sentence."""
    rest = [ln for ln in lines if not _TOC_TITLE.match(ln)]
    return len(rest) >= TOC_MIN_LINES and \
        sum(1 for ln in rest if not ln.endswith((".", ",", ";"))) * 3 >= 2 * len(rest)


def _listed(line: str) -> bool:
    """A line a contents page without page numbers lists: a numbered or annex heading."""
    return split_number(line).style != NONE or annex_heading(line) is not None


def page_label(text: str) -> int | None:
    """The page number of a ``Page: N`` label anywhere on a running line, else ``None``."""
    match = _PAGE_LABEL.search(" ".join(text.split()))
    return int(match.group(1)) if match else None


def title_words(text: str) -> set[str]:
    """The words of a heading's title (number removed), upper-cased."""
    return set(heading_key(split_number(text).title).split())


def is_heading_line(text: str, size: float, bold: bool, body: float) -> bool:
    """A line set apart as a heading: bold, larger than the body text, or all capitals, and
    short of a sentence (no final full stop after many words)."""
    clean = " ".join(text.split())
    if not clean or len(clean) > 160:
        return False
    letters = [c for c in clean if c.isalpha()]
    capital = len(letters) >= 2 and all(c.isupper() for c in letters)
    styled = bold or size >= body + 0.5 or capital
    return styled and not (clean.endswith((".", ";", ",")) and len(clean.split()) > 6)
