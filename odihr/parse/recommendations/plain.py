"""Recommendations printed without numbers: bullets, or one paragraph each.

Older reports (and some summaries' ``2.1 Recommendations``) list their recommendations as bullets
(``•``, ``–``, ``o``…) or as plain paragraphs. They are numbered here in reading order; the caller
records that the report printed no numbers (``Recommendation.numbered = False``).

- A bullet starts an item; the lines after it continue it while they hang under its text (or
  follow without a paragraph gap). Other paragraphs of a bulleted section are its introduction.
- Without bullets, each paragraph is an item. A paragraph starts after a gap wider than the
  section's line spacing, at an indented first line, or at the top of a page after a finished
  sentence. Paragraphs before the first sub-heading (when there is one), or a first paragraph
  announcing the list (it names recommendations or ends with a colon), introduce the list.
- A line opening with a list marker in series (``a)``, ``(b)``, ``c.``, ``(iv)``, ``ix.``,
  ``1.2``, ``2.1.3``: the first of a series or the next after the last one) starts a paragraph,
  as a bullet does; the lines after it continue it while they hang under its text or follow
  without a gap. When two or more such paragraphs label the list in series, they are its items
  (the others introduce it) and the marker is no part of the text. A marker that reads two ways
  (``(i)``, ``v.``, ``x)``: a letter or a roman numeral) keeps both readings until the series
  decides: ``(i)`` after ``(h)`` and before ``(j)`` is a letter, before ``(ii)`` a numeral.
- Sub-headings are read as in the numbered list: parts naming recommendations, lettered or set
  apart topics. The section ends at a numbered chapter, an annex, or an unnumbered heading set
  like the section's own heading (``ABOUT ODIHR`` after ``RECOMMENDATIONS``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from odihr.parse.document.headings import LETTER, roman_value, split_number
from odihr.parse.document.joining import is_capitalised
from odihr.parse.document.layout import Line, content_lines
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations.lines import find_heading, section_lines, section_size
from odihr.parse.recommendations.section import (
    REC_WORD,
    Item,
    SectionReader,
    ends_chapter,
)
from odihr.parse.recommendations.settings import DEFAULT_SETTINGS, RecommendationSettings

#: A list marker's series and 0-based place in it: ``("", 1)`` for ``b)``, ``(ROMAN_SERIES, 3)``
#: for ``(iv)``, ``("2.1", 2)`` for ``2.1.3``.
Key = tuple[str, int]
#: Bullet glyphs, alone or glued to the first word.
BULLET = re.compile(r"^(?:[•●▪■◦·∙○◆►➢➤✓\uf0b7\uf0a7\uf0d8]|[-–—*o])(?=\s|$)|^[•●▪■◦·∙○◆►➢➤]")


@dataclass
class _Paragraph:
    lines: list[Line] = field(default_factory=list)
    part: int = -1
    section: str | None = None
    bullet: bool = False
    label: tuple[Key, ...] = ()  # its list marker's readings that go on the series (label_keys)


def read_plain(pdf: PdfReport, start: int, heading: str, *, bullets_only: bool = False,
               nth: int = 0, settings: RecommendationSettings = DEFAULT_SETTINGS) -> list[Item]:
    """The unnumbered recommendations under the heading on page ``start`` (see module doc);
    with ``bullets_only``, paragraphs without bullets are no recommendations."""
    first = content_lines(pdf, start)
    index = find_heading(first, heading, nth, settings)
    if index is None:
        return []
    head = first[index]
    reader = SectionReader(section_size(first, index), heading, settings)
    if split_number(heading).style == LETTER:
        reader.sibling = split_number(heading).number
    paragraphs: list[_Paragraph] = []
    headings_seen = False
    for line in section_lines(pdf, start, heading, None, nth, settings):
        text = line.text
        styled = line.bold or line.size >= reader.size + settings.size_step
        if styled and _is_heading(line):
            if ends_chapter(text, reader.letter) or reader._next_sibling(text) or \
                    line.size > head.size + settings.size_step or \
                    _same_style(line, head, settings) and not _lettered(line, reader) and \
                    not re.search(REC_WORD, text.upper()):
                break
            if reader._part(text):
                reader.section = None
            else:
                numbered = split_number(text, reader.letter)
                if numbered.style == LETTER:
                    reader.letter, text = numbered.number, numbered.title
                reader.section = text
            headings_seen = True
            paragraphs.append(_Paragraph(part=-2))  # a heading closes the paragraph
            continue
        _add_line(paragraphs, line, len(reader.parts) - 1, reader.section, headings_seen,
                  settings)
    if bullets_only and not any(p.bullet or p.label for p in paragraphs):
        return []
    items = _items(paragraphs, headings_seen)
    reader.items = items
    return reader.finish()


def _is_heading(line: Line) -> bool:
    text = line.text
    return len(text) < 120 and not (text.endswith((".", ";", ",")) and len(text.split()) > 6)


def _same_style(line: Line, head: Line, settings: RecommendationSettings) -> bool:
    return abs(line.size - head.size) < settings.size_step and line.bold == head.bold and \
        is_capitalised(line.text) == is_capitalised(head.text)


def _lettered(line: Line, reader: SectionReader) -> bool:
    return split_number(line.text, reader.letter).style == LETTER


def _add_line(paragraphs: list[_Paragraph], line: Line, part: int, section: str | None,
              after_heading: bool, settings: RecommendationSettings) -> None:
    """Append a body line to the current paragraph or start a new one."""
    bullet = bool(BULLET.match(line.text))
    current = paragraphs[-1] if paragraphs and paragraphs[-1].part != -2 else None
    keys = () if bullet else label_keys(line.text)
    if keys and current is not None:
        last = next((p.label for p in reversed(paragraphs) if p.label), ())
        keys = _going_on(last, keys)
        if line.x0 > current.lines[0].x0 + settings.indent or not _closed(current, settings):
            keys = ()  # not the next label at the list's edge after a finished line: text
    if current is None or bullet or keys or _starts_paragraph(current, line, settings):
        paragraphs.append(_Paragraph([line], part, section, bullet, keys))
        return
    current.lines.append(line)


def _closed(current: _Paragraph, settings: RecommendationSettings) -> bool:
    """The paragraph's last line ends a sentence or clause, or the paragraph is one short line
    (a topic heading over the item): a list marker may open the next line. A marker at the
    start of a wrapped line (``… paragraph`` / ``1.1 of the law``) is running text."""
    text = current.lines[-1].text
    return text.endswith((".", ":", ";", "!", "?")) or \
        len(current.lines) == 1 and len(text) < settings.topic_max_chars and not text.endswith(",")


def _starts_paragraph(current: _Paragraph, line: Line, settings: RecommendationSettings) \
        -> bool:
    previous = current.lines[-1]
    turned = line.page != previous.page and not (
        previous.text.endswith((".", "!", "?", ":", ";")) and line.text[:1].isupper())
    if current.bullet or current.label:  # lines hanging under its text go on
        bullet_text = current.lines[0].words[1].x0 if len(current.lines[0].words) > 1 \
            else current.lines[0].x0  # a line under the marker goes on over a page break
        return line.x0 < bullet_text - 2 and not turned and _gap(current, line, settings)
    if line.page != previous.page:
        return not turned
    if line.x0 > current.lines[0].x0 + settings.indent and previous.text.endswith((".", ":", ";")):
        return True
    return _gap(current, line, settings)


def _gap(current: _Paragraph, line: Line, settings: RecommendationSettings) -> bool:
    """A gap above ``line`` wider than the paragraph's line spacing."""
    previous = current.lines[-1]
    if line.page != previous.page:
        return True
    gap = line.top - previous.bottom
    gaps = [b.top - a.bottom for a, b in zip(current.lines, current.lines[1:], strict=False)
            if a.page == b.page]
    spacing = median(gaps) if gaps else 0.35 * line.size
    return gap > spacing + settings.paragraph_gap * line.size


def _items(paragraphs: Sequence[_Paragraph], headings_seen: bool) -> list[Item]:
    """Number the recommendations' paragraphs (or bullets) in reading order; a one-line
    paragraph that reads as a heading (short, capitalised, ending no sentence) names the topic
    of the paragraphs after it."""
    texts: list[_Paragraph] = []
    plain: str | None = None
    letter: str | None = None  # the list letter of the last lettered heading
    for paragraph in paragraphs:
        if paragraph.part == -2:
            plain = None
            texts.append(paragraph)
        elif paragraph.lines and _reads_as_heading(paragraph):
            numbered = split_number(paragraph.lines[0].text, letter)
            plain = numbered.title if numbered.style == LETTER else paragraph.lines[0].text
            letter = numbered.number if numbered.style == LETTER else letter
            headings_seen = True
            texts.append(_Paragraph(part=-2))
        elif paragraph.lines:
            if plain is not None:
                paragraph.section = plain
            texts.append(paragraph)
    if headings_seen:
        first_heading = next((i for i, p in enumerate(texts) if p.part == -2), 0)
        texts = texts[first_heading:]
    texts = [p for p in texts if p.lines]
    labelled = [p for p in texts if p.label]
    if any(p.bullet for p in texts):
        texts = [p for p in texts if p.bullet]
    elif len(labelled) > 1 and _enumerated(labelled):
        texts = labelled
    elif not headings_seen and len(texts) > 1 and _introduces(texts[0]):
        texts = texts[1:]
    marked = _enumerated(texts)
    items = []
    for number, paragraph in enumerate(texts, start=1):
        lines = [ln.text for ln in paragraph.lines]
        if paragraph.bullet:
            lines[0] = BULLET.sub("", lines[0], count=1).strip()
        elif marked:
            lines[0] = ENUMERATION.sub("", lines[0], count=1).strip()
        items.append(Item(number, paragraph.part, paragraph.section, paragraph.lines[0].page,
                           [ln for ln in lines if ln]))
    return items


#: A list marker opening a paragraph: a letter or a lower-case roman numeral (``a)``, ``(b)``,
#: ``c.``, ``(iv)``, ``ix.``), an upper-case roman numeral (``I.``, ``(IV)``: capital letters
#: are topic headings' letters, so a capital is read as a numeral only), or a decimal (``1.2``,
#: ``2.1.3``). A space follows it, or it is glued to the text's capital (``a)The``,
#: ``XVII.As``: a text layer that kept no space after the label).
ENUMERATION = re.compile(r"^(?:\(?([a-z]|[ivxlc]{2,7}|[IVXLC]{1,7})\)|"
                         r"([a-z]|[ivxlc]{2,7}|[IVXLC]{1,7})\.|"
                         r"(\d{1,2}(?:\.\d{1,2})*)\.(\d{1,2})\.?)(?:\s+|(?=[A-ZÀ-ÖØ-ÞА-ЯЁ]))")
#: The series of roman numerals in a :data:`Key` (lower case; upper-case numerals are their
#: own series: ``I.`` … ``IV.`` never goes on ``(i)`` … ``(iii)``).
ROMAN_SERIES, UPPER_ROMAN_SERIES = "i", "I"


def label_keys(text: str) -> tuple[Key, ...]:
    """Every reading of the list marker opening ``text`` (see :data:`Key`): one, or two for a
    letter that is a roman numeral too (``(i)``: the ninth letter or the first numeral);
    ``()`` without a marker."""
    match = ENUMERATION.match(text)
    if match is None:
        return ()
    mark = match.group(1) or match.group(2)
    if not mark:
        return ((match.group(3), int(match.group(4)) - 1),)
    upper = mark.isupper()
    keys = [("", ord(mark) - ord("a"))] if len(mark) == 1 and not upper else []
    value = roman_value(mark.upper())
    if value:
        keys.append((UPPER_ROMAN_SERIES if upper else ROMAN_SERIES, value - 1))
    return tuple(keys)


def _going_on(previous: Sequence[Key], keys: Sequence[Key]) -> tuple[Key, ...]:
    """The readings in ``keys`` that start a series or follow one of the ``previous`` marker's
    readings (the one before in the same series)."""
    return tuple(k for k in keys if k[1] == 0 or (k[0], k[1] - 1) in previous)


def _enumerated(paragraphs: Sequence[_Paragraph]) -> bool:
    """Every paragraph opens with a list marker, each the first of its series (``a``, ``i``,
    ``N.1``) or the next after the one before, for one reading of each marker (the series
    decides whether ``(i)`` is a letter or a numeral): the markers label the items, they are
    no part of them."""
    readings: tuple[Key, ...] = ()
    for paragraph in paragraphs:
        keys = label_keys(paragraph.lines[0].text) if paragraph.lines else ()
        readings = () if paragraph.bullet else _going_on(readings, keys)
        if not readings:
            return False
    return len(paragraphs) > 1


def _reads_as_heading(paragraph: _Paragraph) -> bool:
    text = paragraph.lines[0].text
    return len(paragraph.lines) == 1 and not paragraph.bullet and len(text) < 60 and \
        text[:1].isupper() and not text.endswith((".", ",", ";", ":", "!", "?"))


def _introduces(paragraph: _Paragraph) -> bool:
    """A paragraph announcing the list: it names recommendations or ends with a colon."""
    text = " ".join(ln.text for ln in paragraph.lines)
    return text.rstrip().endswith(":") or bool(re.search(REC_WORD, text.upper()))
