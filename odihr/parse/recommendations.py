"""The numbered recommendations at the end of a final report.

The section is found on the fast PDFium text by its heading (``XV. RECOMMENDATIONS``,
``8. RECOMMENDATIONS``, ``XIV. РЕКОМЕНДАЦИИ``, ``5. Conclusions and Recommendations``); its pages
are then read line by line with positions and font sizes (:mod:`odihr.parse.layout`):

- ``A. PRIORITY RECOMMENDATIONS`` / ``B. OTHER RECOMMENDATIONS`` (or short unlettered lines such
  as ``Priority Recommendations``, bold or plain) are sub-headings; the one naming priority (or,
  unnamed, the first of several) holds the priority recommendations;
- a heading in bold (or set apart like one) inside a sub-section is the topic (``Voter
  Registration``) of the recommendations under it;
- an item starts with the next number (``12.``, ``12)``, ``12 .``, or bare in a column of its
  own) at the numbers' left edge; everything else until the next item or heading continues its
  text, across pages;
- running headers and footers, footnotes (smaller type) and footnote markers (small raised
  words) are left out; a line-end hyphen is repaired (:mod:`odihr.parse.joining`);
- the section ends at the next capitalised heading that is not a sub-heading: a numbered section,
  an annex, or a heading followed by something other than the next item (``ABOUT ODIHR``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from odihr.parse.joining import is_capitalised, join_lines, report_vocabulary
from odihr.parse.layout import ANNEX_WORD, TOC_LINE, Line, body_size, content_lines
from odihr.parse.pdf import PdfReport
from odihr.records import Recommendation

#: The word of the section heading, in the languages ODIHR publishes in.
_REC_WORD = (r"RECOMMENDATIONS|РЕКОМЕНДАЦИИ|РЕКОМЕНДАЦІЇ|RECOMMANDATIONS|EMPFEHLUNGEN|"
             r"RECOMENDACIONES|RACCOMANDAZIONI|REKOMANDIME|PREPORUKE|ПРЕПОРУКЕ|ҰСЫНЫСТАР")
#: The section heading: capitalised (``XV. RECOMMENDATIONS``), or numbered in any case
#: (``5. Recommendations``); a footnote number may follow.
SECTION_HEADING = re.compile(rf"^(?:(?:[IVXLC]+|\d{{1,2}})[.)]?\s+)?(?:[^\W\d_]+\s+){{0,3}}"
                             rf"(?:{_REC_WORD})\s*\d{{0,3}}\s*$")
NUMBERED_SECTION_HEADING = re.compile(rf"^(?:[IVXLC]+|\d{{1,2}})[.)]\s+(?:[^\W\d_]+\s+){{0,3}}"
                                      rf"(?:{_REC_WORD})\s*\d{{0,3}}\s*$", re.IGNORECASE)
#: ``A. PRIORITY RECOMMENDATIONS``, ``Б. ДРУГИЕ РЕКОМЕНДАЦИИ``: one capital letter and a dot.
LETTERED = re.compile(r"^([^\W\d_a-zа-я])[.)]\s+\S")
PRIORITY_WORD = re.compile(r"PRIORIT|ПРИОРИТЕТ|ПРІОРИТЕТ|KRYESOR", re.IGNORECASE)
#: An item's opening: ``12.``, ``12)``, ``12 .``; the text may follow.
ITEM = re.compile(r"^(\d{1,3}) ?[.)]\s*(.*)$")
#: A bare number in a column of its own: the gap to the text is at least this share of the size.
NUMBER_COLUMN_GAP = 1.0
#: A short sub-heading naming recommendations (``Other Recommendations``), in any case.
PART_HEADING = re.compile(rf"^(?:[^\W\d_]+\s+){{0,2}}(?:{_REC_WORD})\s*$", re.IGNORECASE)
NUMBERED_HEADING = re.compile(r"^(?:[IVXLC]+|\d{1,2})[.)]\s")
#: Phrases saying a recommendation repeats an earlier one (see :func:`previously_recommended`).
PREVIOUSLY = re.compile(
    r"previously recommended|recommended previously|as (?:was |had been )?recommended "
    r"(?:earlier|before|in (?:the |its )?(?:previous|prior|earlier|past))|"
    r"(?:previous|prior|earlier|past) (?:\S+ ){0,2}recommendations? (?:remains?|ha(?:s|ve) not)|"
    r"\b(?:previous|prior|earlier) (?:ODIHR |OSCE/ODIHR )?recommendations?\b|reiterat|"
    r"ранее рекомендова|рекомендовалось ранее|предыдущ\w* рекомендаци|прежн\w* рекомендаци|"
    r"повторно рекоменду|вновь рекоменду|précédemment recommandé|bereits empfohlen",
    re.IGNORECASE)
#: An item's number sits within this many points of the first item's number.
NUMBER_ALIGNMENT = 8.0


@dataclass
class _Item:
    """A recommendation being read: ``part`` is the index of its lettered sub-section or -1."""

    number: int
    part: int
    section: str | None
    page: int
    lines: list[str] = field(default_factory=list)
    priority: bool = False


def read_recommendations(pdf: PdfReport) -> tuple[Recommendation, ...]:
    """The report's numbered recommendations in order; ``()`` when it has no such section."""
    for page, text in _section_starts(pdf):
        items = _read_section(pdf, page, text)
        if items:
            vocabulary = report_vocabulary(pdf)
            out = []
            for item in items:
                body = join_lines(item.lines, vocabulary)
                out.append(Recommendation(number=item.number, priority=item.priority,
                                          section=item.section, text=body,
                                          previously_recommended=previously_recommended(body),
                                          page=item.page))
            return tuple(out)
    return ()


def previously_recommended(text: str) -> bool:
    """True when the text says it repeats an earlier recommendation.

    The rule: the text contains one of the phrases of :data:`PREVIOUSLY` — "as previously
    recommended", "prior recommendation", "reiterates", "ранее рекомендовалось"… A mere mention of
    past recommendations being addressed ("to address past and present … recommendations") is not.
    """
    return bool(PREVIOUSLY.search(text))


def _section_starts(pdf: PdfReport) -> list[tuple[int, str]]:
    """Pages and heading texts of the capitalised recommendation headings outside the contents."""
    starts = []
    for number, text in enumerate(pdf.texts, start=1):
        lines = [" ".join(ln.split()) for ln in text.split("\n")]
        if sum(1 for ln in lines if TOC_LINE.search(ln)) >= 3:
            continue
        starts += [(number, ln) for ln in lines
                   if SECTION_HEADING.match(ln) or NUMBERED_SECTION_HEADING.match(ln)]
    return starts


def _read_section(pdf: PdfReport, start: int, heading: str) -> list[_Item]:
    """Walk the section's lines from its heading on page ``start``."""
    reader = _SectionReader(body_size(content_lines(pdf, start)))
    if PRIORITY_WORD.search(heading):  # the list opens directly with its priority part
        reader.parts.append(("", True))
    lines = _Lookahead(_section_lines(pdf, start, heading))
    for line in lines:
        if not reader.feed(line, lines.rest()):
            break
    return reader.finish()


class _SectionReader:
    """The state of one walk through a recommendations section."""

    def __init__(self, size: float) -> None:
        self.size = size
        self.items: list[_Item] = []
        self.parts: list[tuple[str, bool]] = []  # sub-headings: (letter or "", names priority)
        self.section: str | None = None
        self.number_x: float | None = None  # left edge of the items' numbers
        self.text_x: float | None = None  # left edge of the items' text
        self.last_heading: Line | None = None
        self.restart = False  # a sub-heading may restart the numbering at 1

    def feed(self, line: Line, rest: Sequence[Line]) -> bool:
        """Take one line; ``False`` when it ends the section."""
        text = line.text
        styled = line.bold or line.size >= self.size + 0.5
        capital = styled and is_capitalised(text)
        heading = None
        if not capital and self._item(line):
            pass
        elif (styled or self._plain_part(line, rest)) and self._part(text):
            self.section, self.restart = None, True
        elif capital and _ends_section(text, rest, self._expected()) or styled and (
                ANNEX_WORD.match(text.upper()) or NUMBERED_HEADING.match(text)):
            return False  # the next section, capitalised or numbered, or an annex
        elif (styled and (self.text_x is None or line.x0 < self.text_x - 2)) or \
                _looks_like_topic(line, rest, self.items, self.number_x, self._expected()):
            previous = self.last_heading
            wrapped = previous is not None and previous.bold == line.bold and \
                line.top - previous.bottom < 0.5 * line.size
            self.section = f"{self.section} {text}" if wrapped and self.section else text
            heading = line
        elif self.items:
            self.items[-1].lines.append(text)
        self.last_heading = heading
        return True

    def _expected(self) -> int:
        return self.items[-1].number + 1 if self.items else 1

    def _item(self, line: Line) -> bool:
        """Start an item when the line opens with the next number at the numbers' edge."""
        match = item_match(line)
        if not match:
            return False
        number, body, text_word = match
        if number != self._expected() and not (self.restart and number == 1):
            return False
        if self.number_x is not None and abs(line.x0 - self.number_x) > NUMBER_ALIGNMENT:
            return False
        if self.number_x is None:
            self.number_x = line.x0
            if text_word < len(line.words):
                self.text_x = line.words[text_word].x0
        self.restart = False
        self.items.append(_Item(number, len(self.parts) - 1, self.section, line.page,
                                [body] if body else []))
        return True

    def _plain_part(self, line: Line, rest: Sequence[Line]) -> bool:
        """A sub-heading in body type: a short line naming recommendations, naming priority or
        after another sub-heading, right before an item or a bold topic heading."""
        item = item_match(rest[0]) if rest else None
        before = rest[0].bold if rest else False
        return bool(PART_HEADING.match(line.text)) and line.text[:1].isupper() and \
            (before or item is not None and item[0] in (1, self._expected())) and \
            bool(PRIORITY_WORD.search(line.text) or self.parts)

    def _part(self, text: str) -> bool:
        """Open a sub-section at ``A. PRIORITY RECOMMENDATIONS``-like headings (a lettered
        heading in any case, or a capitalised or priority heading naming recommendations)."""
        letter = LETTERED.match(text)
        if letter and _next_letter(self.parts, letter.group(1)):
            self.parts.append((letter.group(1), bool(PRIORITY_WORD.search(text))))
            return True
        named = re.search(_REC_WORD, text.upper()) and not NUMBERED_HEADING.match(text)
        if named and (is_capitalised(text) or PRIORITY_WORD.search(text)
                      or PART_HEADING.match(text)):
            self.parts.append(("", bool(PRIORITY_WORD.search(text))))
            return True
        return False

    def finish(self) -> list[_Item]:
        """The items, with priority set: the sub-section naming priority, or unnamed the first
        of several sub-sections."""
        named = [n for _, n in self.parts]
        for item in self.items:
            if item.part < 0:
                item.priority = False
            elif any(named):
                item.priority = named[item.part]
            else:
                item.priority = len(self.parts) > 1 and item.part == 0
        return self.items


def _section_lines(pdf: PdfReport, start: int, heading: str) -> Iterator[Line]:
    """Body lines after the heading, page by page (lazily): no running lines or footnotes."""
    for number in range(start, pdf.page_count + 1):
        lines = content_lines(pdf, number)
        if number == start:
            key = re.sub(r"\d+$|\s", "", heading)  # no spaces, no footnote number
            size = body_size(lines)
            first = next((i for i, ln in enumerate(lines) if re.sub(r"\s", "", ln.text) == key
                          and (ln.bold or ln.size > size or is_capitalised(ln.text))), None)
            if first is None:
                return
            lines = lines[first + 1:]
        size = body_size(lines)
        for line in lines:
            if line.marks and line.marks[0].x0 < line.x0:
                break  # a footnote (its number comes first): the rest of the page is notes
            if line.size >= size - 0.5:
                yield line


class _Lookahead:
    """Iterate lines while peeking at the ones after the current line (read on demand)."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self._ahead: list[Line] = []

    def __iter__(self) -> Iterator[Line]:
        return self

    def __next__(self) -> Line:
        return self._ahead.pop(0) if self._ahead else next(self._lines)

    def rest(self, count: int = 1) -> list[Line]:
        """The next ``count`` lines, without consuming them."""
        while len(self._ahead) < count:
            line = next(self._lines, None)
            if line is None:
                break
            self._ahead.append(line)
        return self._ahead[:count]


def item_match(line: Line) -> tuple[int, str, int] | None:
    """An item's opening: its number, the text after it, and the index of the text's first word.

    The number ends with a dot or a parenthesis (``12.``, ``12)``, ``12 .``), or stands alone in
    a column of its own, a wide gap left of the text.
    """
    match = ITEM.match(line.text)
    if match:
        marker = len(line.text) - len(match.group(2))
        used = len(line.text[:marker].split())
        return int(match.group(1)), match.group(2), used
    words = line.words
    if len(words) > 1 and re.fullmatch(r"\d{1,3}", words[0].text) and \
            words[1].x0 - words[0].x1 >= NUMBER_COLUMN_GAP * line.size:
        return int(words[0].text), " ".join(w.text for w in words[1:]), 1
    return None


def _next_letter(letters: Sequence[tuple[str, bool]], letter: str) -> bool:
    """True when ``letter`` is the first letter of an alphabet or follows the last one seen."""
    lettered = [x for x, _ in letters if x]
    if not lettered:
        return letter in ("A", "А")
    return ord(letter) == ord(lettered[-1]) + 1


def _ends_section(text: str, rest: Sequence[Line], expected: int) -> bool:
    """A capitalised heading ends the list unless an item or a topic heading follows it."""
    if ANNEX_WORD.match(text) or NUMBERED_HEADING.match(text):
        return True
    nxt = rest[0] if rest else None
    if nxt is None:
        return True
    item = item_match(nxt)
    return not (item and item[0] == expected) and len(text.split()) > 1


def _looks_like_topic(line: Line, rest: Sequence[Line], items: Sequence[_Item],
                      number_x: float | None, expected: int) -> bool:
    """An unstyled topic heading: a short capitalised line left of the item text, ending no
    sentence, after a finished item and right before the next item."""
    if not items or number_x is None or not rest or line.x0 > number_x + NUMBER_ALIGNMENT:
        return False
    item = item_match(rest[0])
    last = items[-1].lines[-1] if items[-1].lines else ""
    return item is not None and item[0] == expected and line.text[:1].isupper() and \
        not line.text.endswith((".", ",", ";", ":")) and last.endswith((".", ";")) and \
        len(line.text) < 60
