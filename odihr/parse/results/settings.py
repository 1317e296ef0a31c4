"""Tuning counts of finding results pages and cutting them into tables (validated, frozen).

Like the other part readers' settings objects (:class:`~odihr.parse.results.layout.LayoutSettings`,
:class:`~odihr.parse.results.figures.RoleSettings`), the defaults are the values the parser is
tested with; :func:`~odihr.parse.results.reader.read_results` passes them down.
"""

from __future__ import annotations

from dataclasses import dataclass

from odihr.parse.tuning import require_positive


@dataclass(frozen=True)
class SegmentSettings:
    """Counts that decide where one results table ends and the next begins."""

    #: A one-line caption has at most this many words (more is a sentence of prose).
    caption_words: int = 8
    #: Caption lines that may follow one another over a turnout block ("B. Election", "Round 1").
    caption_lines: int = 2
    #: A turnout block has at most this many lines (more figure lines are a table's rows).
    block_lines: int = 7

    def __post_init__(self) -> None:
        require_positive(self, whole=True)


DEFAULT_SEGMENT = SegmentSettings()


@dataclass(frozen=True)
class LocateSettings:
    """Counts that decide whether a page carries on the results table of the page before."""

    #: A line this long (characters) or longer is prose, not a caption or header cells.
    prose_line: int = 70
    #: Lines a repeated table header may take at the top of a continuation page.
    header_lines: int = 4
    #: Text lines a caption and a table header may take at the top of a page whose table
    #: starts there (PDFium's text puts each wrapped header cell on a line of its own).
    opening_lines: int = 40

    def __post_init__(self) -> None:
        require_positive(self, whole=True)


DEFAULT_LOCATE = LocateSettings()
