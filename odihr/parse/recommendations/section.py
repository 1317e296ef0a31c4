"""Walking a recommendations section: its numbered items, parts and topics.

The section starts at a heading line (found by :mod:`.reader`) and is read
line by line with positions and font sizes (:mod:`.lines`); see :mod:`.reader`'s doc
for the rules. :func:`read_section` gives the numbered items; the unnumbered reader
(:mod:`odihr.parse.recommendations.plain`) reuses the section's lines and sub-heading rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from odihr.parse.document.headings import LETTER, NONE, annex_heading, split_number
from odihr.parse.document.joining import is_capitalised
from odihr.parse.document.layout import Line, content_lines
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations.lines import (
    Lookahead,
    find_heading,
    section_lines,
    section_size,
)
from odihr.parse.recommendations.settings import DEFAULT_SETTINGS, RecommendationSettings

#: The word of the section heading, in the languages ODIHR publishes in.
REC_WORD = (r"RECOMMENDATIONS|РЕКОМЕНДАЦИИ|РЕКОМЕНДАЦІЇ|RECOMMANDATIONS|EMPFEHLUNGEN|"
             r"RECOMENDACIONES|RACCOMANDAZIONI|REKOMANDIME|PREPORUKE|ПРЕПОРУКЕ|ҰСЫНЫСТАР")
PRIORITY_WORD = re.compile(r"PRIORIT|ПРИОРИТЕТ|ПРІОРИТЕТ|KRYESOR", re.IGNORECASE)
#: An item's opening: ``12.``, ``12)``, ``12 .``; the text may follow.
ITEM = re.compile(r"^(\d{1,3}) ?[.)](?!\d)\s*(.*)$")
#: A short sub-heading naming recommendations (``Other Recommendations``), in any case.
PART_HEADING = re.compile(rf"^(?:[^\W\d_]+\s+){{0,2}}(?:{REC_WORD})\s*$", re.IGNORECASE)

@dataclass
class Item:
    """A recommendation being read: ``part`` is the index of its sub-section (group) or -1."""

    number: int
    part: int
    section: str | None
    page: int
    lines: list[str] = field(default_factory=list)
    priority: bool = False


@dataclass(frozen=True)
class Part:
    """A sub-section of the recommendations: ``A. PRIORITY RECOMMENDATIONS``, ``Short-term
    recommendations``; ``letter`` is its list letter or ``""``."""

    letter: str
    title: str
    priority: bool

def read_section(pdf: PdfReport, start: int, heading: str, nth: int = 0,
                 settings: RecommendationSettings = DEFAULT_SETTINGS) -> tuple[list[Item], bool]:
    """Walk the section's lines from its heading on page ``start``: its numbered items, and
    whether the heading was found set apart as a heading on the page."""
    first = content_lines(pdf, start)
    reader = SectionReader(section_size(first, find_heading(first, heading, nth, settings)),
                           heading, settings)
    if PRIORITY_WORD.search(heading):  # the list opens directly with its priority part
        reader.parts.append(Part("", heading, True))
    elif split_number(heading).style == LETTER:  # ``B. Recommendations``: ``C.`` ends it
        reader.sibling = split_number(heading).number
    confirmed: list[Line] = []
    lines = Lookahead(section_lines(pdf, start, heading, confirmed, nth, settings))
    for line in lines:
        reader.head = confirmed[0] if confirmed else None
        if not reader.feed(line, lines.rest()):
            break
    return reader.finish(), bool(confirmed)


def ends_chapter(text: str, letter: str | None) -> bool:
    """A heading that closes a chapter's sub-sections: a numbered chapter (``XVI.``, ``9.``,
    ``2.2``: not a letter following ``letter``) or an annex."""
    if annex_heading(text):
        return True
    style = split_number(text, letter).style
    return style not in (NONE, LETTER)


class SectionReader:
    """The state of one walk through a recommendations section."""

    def __init__(self, size: float, heading: str = "",
                 settings: RecommendationSettings = DEFAULT_SETTINGS) -> None:
        self.size = size
        self.settings = settings
        self.heading = heading
        self.items: list[Item] = []
        self.parts: list[Part] = []  # sub-sections: priority/other or groups
        self.section: str | None = None
        self.letter: str | None = None  # the last list letter seen (parts and topics)
        self.number_x: float | None = None  # left edge of the items' numbers
        self.text_x: float | None = None  # left edge of the items' text
        self.last_heading: Line | None = None
        self.restart = False  # a sub-heading may restart the numbering at 1
        self.head: Line | None = None  # the section's heading line
        self.sibling: str | None = None  # the letter of a lettered section heading
        self.hanging: bool | None = None  # items' wrapped lines hang under their text

    def feed(self, line: Line, rest: Sequence[Line]) -> bool:
        """Take one line; ``False`` when it ends the section."""
        text = line.text
        styled = line.bold or line.size >= self.size + self.settings.size_step
        capital = styled and is_capitalised(text)
        heading = None
        if not capital and self._item(line):
            pass
        elif (styled or self._plain_part(line, rest)) and self._part(text):
            self.section, self.restart = None, True
        elif capital and _ends_section(text, rest, self._expected(), self.letter,
                                       self._may_restart()) or styled and \
                (ends_chapter(text, self.letter) or self._like_head(line, rest)
                 or self._next_sibling(text)):
            return False  # the next section, capitalised or numbered, or an annex
        elif (styled and (self.text_x is None or line.x0 < self.text_x - 2)) or \
                _looks_like_topic(line, rest, self.items, self.number_x, self._expected(),
                                  self.letter, self._may_restart(), self.settings):
            previous = self.last_heading
            wrapped = previous is not None and previous.bold == line.bold and \
                line.top - previous.bottom < self.settings.heading_wrap_gap * line.size
            numbered = split_number(text, self.letter)
            if numbered.style == LETTER and not wrapped:
                self.letter, text = numbered.number, numbered.title
            self.section = f"{self.section} {text}" if wrapped and self.section else text
            self.restart = self.restart or self._may_restart()
            heading = line
        elif self.items:
            if self._left_of_hanging_text(line):
                return False  # prose at the numbers' edge after hanging items: ``About ODIHR``
            self._note_hanging(line)
            self.items[-1].lines.append(text)
        self.last_heading = heading
        return True

    def _next_sibling(self, text: str) -> bool:
        """The next lettered heading after a lettered section heading (``C.`` after ``B.
        Recommendations``)."""
        numbered = split_number(text, self.sibling)
        return self.sibling is not None and numbered.style == LETTER and \
            _next_letter(self.sibling, numbered.number or "")

    def _like_head(self, line: Line, rest: Sequence[Line]) -> bool:
        """An unnumbered heading set like the section's own heading (``About ODIHR`` after
        ``Recommendations``), not followed by the next item: the next chapter."""
        head = self.head
        if head is None or split_number(line.text, self.letter).style == LETTER:
            return False
        same = abs(line.size - head.size) < self.settings.size_step and line.bold == head.bold and \
            is_capitalised(line.text) == is_capitalised(head.text)
        item = item_match(rest[0], self.settings) if rest else None
        return same and not (item and item[0] == self._expected())

    def _note_hanging(self, line: Line) -> None:
        """Record whether the items' wrapped lines hang under their text (right of the numbers)
        or run under the numbers."""
        if self.text_x is None or self.number_x is None or \
                self.text_x - self.number_x <= self.settings.number_alignment:
            return
        if abs(line.x0 - self.text_x) <= self.settings.number_alignment:
            self.hanging = True if self.hanging is None else self.hanging
        elif line.x0 < self.text_x - self.settings.number_alignment:
            self.hanging = False

    def _left_of_hanging_text(self, line: Line) -> bool:
        """A line at the numbers' edge, no item, after a finished item whose lines hang under
        its text: the list is over (an untitled closing page, ``About ODIHR``, follows)."""
        return bool(self.hanging) and self.text_x is not None and self.number_x is not None \
            and line.x0 < self.text_x - self.settings.number_alignment and \
            abs(line.x0 - self.number_x) <= self.settings.number_alignment and \
            self._may_restart()

    def _expected(self) -> int:
        return self.items[-1].number + 1 if self.items else 1

    def _may_restart(self) -> bool:
        """A heading here may restart the numbering at 1: the last item is finished (its text
        ends a sentence). Topic headings of 1999–2012 lists sometimes number each topic's items
        from 1."""
        last = self.items[-1].lines[-1] if self.items and self.items[-1].lines else ""
        return last.endswith((".", ";"))

    def _item(self, line: Line) -> bool:
        """Start an item when the line opens with the next number at the numbers' edge."""
        match = item_match(line, self.settings)
        if not match:
            return False
        number, body, text_word = match
        if number != self._expected() and not (self.restart and number == 1):
            return False
        if self.number_x is not None and abs(line.x0 - self.number_x) > \
                self.settings.number_alignment:
            return False
        if self.number_x is None:
            self.number_x = line.x0
            if text_word < len(line.words):
                self.text_x = line.words[text_word].x0
        self.restart = False
        self.items.append(Item(number, len(self.parts) - 1, self.section, line.page,
                                [body] if body else []))
        return True

    def _plain_part(self, line: Line, rest: Sequence[Line]) -> bool:
        """A sub-heading in body type: a short line naming recommendations, naming priority or
        after another sub-heading, right before an item or a bold topic heading."""
        item = item_match(rest[0], self.settings) if rest else None
        before = rest[0].bold if rest else False
        return bool(PART_HEADING.match(line.text)) and line.text[:1].isupper() and \
            (before or item is not None and item[0] in (1, self._expected())) and \
            bool(PRIORITY_WORD.search(line.text) or self.parts)

    def _part(self, text: str) -> bool:
        """Open a sub-section at a heading naming recommendations: ``A. PRIORITY
        RECOMMENDATIONS``, ``B OTHER RECOMMENDATIONS``, ``Short-term recommendations`` (lettered
        or capitalised, or a short line naming them). A lettered heading naming a topic (``A.
        THE LEGAL FRAMEWORK``) is no sub-section but a topic."""
        numbered = split_number(text, self.letter)
        lettered = numbered.style == LETTER
        title = numbered.title if lettered else text
        if not re.search(REC_WORD, title.upper()) or split_number(text).style not in \
                (NONE, LETTER):
            return False
        if lettered and numbered.number and _next_letter(self.letter, numbered.number) or \
                not lettered and (is_capitalised(text) or PRIORITY_WORD.search(text)
                                  or PART_HEADING.match(text)):
            self.letter = numbered.number if lettered else self.letter
            self.parts.append(Part(numbered.number or "" if lettered else "", title,
                                   bool(PRIORITY_WORD.search(title))))
            return True
        return False

    def finish(self) -> list[Item]:
        """The items, with priority set where the report says so: under a sub-heading naming
        priority. Without one, the sub-headings are groups (``Short-term recommendations``) and
        name the section of the items under them that have no topic of their own.

        Where the numbering starts again under a heading, a printed number names no single
        recommendation: the items are numbered 1..n in reading order instead."""
        if any(b.number <= a.number for a, b in zip(self.items, self.items[1:], strict=False)):
            for number, item in enumerate(self.items, start=1):
                item.number = number
        priority = any(p.priority for p in self.parts)
        for item in self.items:
            part = self.parts[item.part] if item.part >= 0 else None
            item.priority = part is not None and part.priority
            if part is not None and not priority and item.section is None:
                item.section = part.title
        return self.items


def item_match(line: Line, settings: RecommendationSettings = DEFAULT_SETTINGS) \
        -> tuple[int, str, int] | None:
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
            words[1].x0 - words[0].x1 >= settings.number_column_gap * line.size:
        return int(words[0].text), " ".join(w.text for w in words[1:]), 1
    return None


def _next_letter(previous: str | None, letter: str) -> bool:
    """True when ``letter`` is the first letter of an alphabet or follows ``previous``."""
    if previous is None:
        return letter in ("A", "А")
    return ord(letter) == ord(previous) + 1


def _ends_section(text: str, rest: Sequence[Line], expected: int, letter: str | None,
                  restart: bool = False) -> bool:
    """A capitalised heading ends the list unless an item (the next, or 1 where the numbering
    may ``restart``) or a topic heading follows it."""
    if ends_chapter(text, letter):
        return True
    nxt = rest[0] if rest else None
    if nxt is None:
        return True
    item = item_match(nxt)
    return not (item and (item[0] == expected or restart and item[0] == 1)) and \
        len(text.split()) > 1


def _looks_like_topic(line: Line, rest: Sequence[Line], items: Sequence[Item],
                      number_x: float | None, expected: int, letter: str | None,
                      restart: bool = False, settings: RecommendationSettings = DEFAULT_SETTINGS
                      ) -> bool:
    """An unstyled topic heading: a short capitalised line left of the item text, ending no
    sentence, after a finished item (or lettered, before the first) and right before the next
    item (or item 1 where the numbering may ``restart``)."""
    if not rest:
        return False
    item = item_match(rest[0], settings)
    if item is None or item[0] != expected and not (restart and item[0] == 1) or \
            len(line.text) >= settings.topic_max_chars or \
            not line.text[:1].isupper() or line.text.endswith((".", ",", ";", ":")):
        return False
    if not items or number_x is None:
        return split_number(line.text, letter).style == LETTER and \
            (letter is None or _next_letter(letter, split_number(line.text, letter).number or ""))
    last = items[-1].lines[-1] if items[-1].lines else ""
    return line.x0 <= number_x + settings.number_alignment and last.endswith((".", ";"))

