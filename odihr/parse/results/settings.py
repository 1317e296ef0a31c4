"""Tuning counts of cutting a results section into tables (validated, frozen).

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
