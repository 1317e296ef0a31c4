"""The lines of a recommendations section, page after page from its heading.

:func:`find_heading` finds the section's heading line set apart on its page (bold, larger,
capitals or standing alone); :func:`section_lines` gives the body lines after it, lazily, without
running lines and footnotes; :class:`Lookahead` lets a reader peek at the lines after the
current one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from odihr.parse.document.headings import NONE, split_number
from odihr.parse.document.joining import is_capitalised
from odihr.parse.document.layout import Line, body_size, content_lines
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations.settings import DEFAULT_SETTINGS, RecommendationSettings


def section_lines(pdf: PdfReport, start: int, heading: str,
                  confirmed: list[Line] | None = None, nth: int = 0,
                  settings: RecommendationSettings = DEFAULT_SETTINGS) -> Iterator[Line]:
    """Body lines after the heading, page by page (lazily): no running lines or footnotes.
    ``confirmed`` gets the heading's line when it is found set apart as a heading."""
    for number in range(start, pdf.page_count + 1):
        lines = content_lines(pdf, number)
        if number == start:
            first = find_heading(lines, heading, nth, settings)
            if first is None:
                return
            if confirmed is not None:
                confirmed.append(lines[first])
            lines = lines[first + 1:]
        size = body_size(lines)
        for line in lines:
            if line.marks and line.marks[0].x0 < line.x0:
                break  # a footnote (its number comes first): the rest of the page is notes
            if line.size >= size - settings.size_step:
                yield line


def section_size(lines: Sequence[Line], index: int | None) -> float:
    """The section's body size: that of its lines after its heading (``index``) on the first
    page, or of the whole page when none follows. A contents list in smaller type above the
    heading (on the page the first chapter shares) is no part of the section's body."""
    after = body_size(lines[index + 1:]) if index is not None else 0.0
    return after or body_size(lines)


def find_heading(lines: Sequence[Line], heading: str, nth: int = 0,
                 settings: RecommendationSettings = DEFAULT_SETTINGS) -> int | None:
    """Index of the ``nth`` line printing ``heading`` set apart as a heading (bold, larger,
    capitals or standing alone), or ``None``."""
    key = re.sub(r"\d+$|\s", "", heading)  # no spaces, no footnote number
    size = body_size(lines)
    found = [i for i, ln in enumerate(lines) if re.sub(r"\s", "", ln.text) == key
             and (ln.bold or ln.size > size or is_capitalised(ln.text)
                  or _alone(lines, i, settings))]
    return found[nth] if nth < len(found) else None


def _alone(lines: Sequence[Line], index: int, settings: RecommendationSettings) -> bool:
    """A heading in body type: a numbered title-case line standing apart from the lines around
    it (a gap above and below wider than the line spacing)."""
    line = lines[index]
    if split_number(line.text).style == NONE:
        return False
    above = line.top - lines[index - 1].bottom if index > 0 else line.size
    below = lines[index + 1].top - line.bottom if index + 1 < len(lines) else line.size
    return min(above, below) > settings.alone_gap * line.size


class Lookahead:
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
