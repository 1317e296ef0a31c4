"""The page model's one line type, and the two ways words are grouped into lines.

A :class:`Line` is the words of one page sharing a text line, left to right, with the small
raised words on it (footnote markers) kept apart in :attr:`Line.marks`. How words are grouped
is a :class:`LineSettings` choice, validated like pdfplumber's ``TableSettings``:

* ``"baseline"`` (running text: observers, recommendations, metadata, headings): words whose
  baselines are within a share of the font size form a row; a row of small raised words that
  sits on a larger-type row is that row's markers. A line's size is the size most of its
  characters are set in.
* ``"overlap"`` (tables: results): words overlapping vertically by a share of the smaller
  height form a row, looked for among the last few rows (table cells on one row may sit at
  slightly different heights); within a row, words smaller than a share of its median size are
  markers. A line's size is the median size of its words.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import Generic, Literal, TypeVar

from odihr.parse.pdf import Word

__all__ = ["BASELINE_LINES", "OVERLAP_LINES", "Line", "LineSettings", "group_lines",
           "word_rows"]

W = TypeVar("W", bound=Word)


@dataclass(frozen=True)
class LineSettings:
    """How words are grouped into lines, and how a line's font size is measured."""

    #: ``"baseline"``: by baseline; ``"overlap"``: by vertical overlap (see the module doc).
    grouping: Literal["baseline", "overlap"] = "baseline"
    #: Baselines within this share of the font size are one line (``"baseline"``).
    baseline_tolerance: float = 0.2
    #: Words overlapping vertically by this share of the smaller height share a line
    #: (``"overlap"``).
    line_overlap: float = 0.5
    #: How many of the latest rows a word may join (``"overlap"``).
    lookback: int = 3
    #: A word smaller than this share of its line's size is a footnote marker.
    mark_size_ratio: float = 0.8
    #: A line's size: ``"mode"`` (the size most characters are set in) or ``"median"`` (of
    #: its words' sizes).
    size_measure: Literal["mode", "median"] = "mode"

    def __post_init__(self) -> None:
        if self.grouping not in ("baseline", "overlap"):
            raise ValueError(f"LineSettings.grouping must be 'baseline' or 'overlap', got "
                             f"{self.grouping!r}")
        if self.size_measure not in ("mode", "median"):
            raise ValueError(f"LineSettings.size_measure must be 'mode' or 'median', got "
                             f"{self.size_measure!r}")
        for name in ("baseline_tolerance", "line_overlap", "mark_size_ratio"):
            if not 0 < getattr(self, name) < 5:
                raise ValueError(f"LineSettings.{name} must be a positive share, got "
                                 f"{getattr(self, name)!r}")
        if self.lookback < 1:
            raise ValueError(f"LineSettings.lookback must be at least 1, got {self.lookback!r}")


#: Running text: observers, recommendations, metadata, headings.
BASELINE_LINES = LineSettings()
#: Tables: results.
OVERLAP_LINES = LineSettings(grouping="overlap", size_measure="median")


@dataclass(frozen=True)
class Line(Generic[W]):
    """Words sharing a text line on one page, left to right; ``marks``: raised footnote
    markers on it, left to right."""

    page: int
    words: tuple[W, ...]
    marks: tuple[W, ...] = ()
    settings: LineSettings = BASELINE_LINES

    @property
    def body(self) -> tuple[W, ...]:
        """The words that are not footnote markers (:attr:`words`)."""
        return self.words

    @cached_property
    def tokens(self) -> tuple[W, ...]:
        """Every word, markers included, left to right."""
        if not self.marks:
            return self.words
        return tuple(sorted((*self.words, *self.marks), key=_x0))

    @cached_property
    def text(self) -> str:
        """The words joined by single spaces (markers left out)."""
        return " ".join([w.text for w in self.words])

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words or self.marks)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words or self.marks)

    @cached_property
    def x0(self) -> float:
        """Left edge of the words; of the markers too when one is printed further left
        (``"overlap"`` lines: a table row's left edge)."""
        if self.settings.grouping == "overlap":
            return min(w.x0 for w in self.tokens)
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def size(self) -> float:
        """The line's font size, measured as its settings say."""
        if self.settings.size_measure == "median":
            return statistics.median(w.size for w in self.words or self.marks)
        sizes: Counter[float] = Counter()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.text)
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        """True when every word of the line (markers aside) is set in a bold font."""
        return all(w.bold for w in self.words)


def group_lines(words: Iterable[W], page: int, settings: LineSettings = BASELINE_LINES
                ) -> tuple[Line[W], ...]:
    """Group words into lines, top to bottom, as ``settings`` say."""
    return tuple(Line(page, body, marks, settings)
                 for body, marks in word_rows(words, settings))


def word_rows(words: Iterable[W], settings: LineSettings = BASELINE_LINES
              ) -> list[tuple[tuple[W, ...], tuple[W, ...]]]:
    """The rows of words (each left to right) and their markers, top to bottom."""
    if settings.grouping == "overlap":
        return [_split_marks(row, settings) for row in _overlap_rows(words, settings)]
    rows = _baseline_rows(words, settings)
    boxes = [_row_box(row) for row in rows]
    hosts = [_host_row(i, boxes, settings) for i in range(len(rows))]
    marks: dict[int, list[W]] = {}
    for i, host in enumerate(hosts):
        if host is not None:
            marks.setdefault(host, []).extend(rows[i])
    return [(tuple(sorted(row, key=_x0)), tuple(sorted(marks[i], key=_x0)) if i in marks else ())
            for i, row in enumerate(rows) if hosts[i] is None]


#: A word's left edge, the sort key of a line's words (``attrgetter``: no Python call per word).
_x0: Callable[[Word], float] = attrgetter("x0")


def _baseline_rows(words: Iterable[W], settings: LineSettings) -> list[list[W]]:
    rows: list[list[W]] = []
    tolerance = settings.baseline_tolerance
    row: list[W] = []
    for word in sorted(words, key=_baseline_key):
        if rows and abs(row[0].bottom - word.bottom) <= tolerance * max(word.size, 1.0):
            row.append(word)
        else:
            row = [word]
            rows.append(row)
    return rows


def _baseline_key(word: Word) -> tuple[float, float]:
    return round(word.bottom, 1), word.x0


#: A row's largest font size, its top and its lowest bottom.
_RowBox = tuple[float, float, float]


def _row_box(row: Sequence[Word]) -> _RowBox:
    return max(w.size for w in row), min(w.top for w in row), max(w.bottom for w in row)


def _host_row(index: int, boxes: Sequence[_RowBox], settings: LineSettings) -> int | None:
    """The larger-type row a row of small raised words (footnote markers) sits on, if any
    (rows given by their :func:`_row_box`)."""
    size, top, low = boxes[index]
    middle = (top + low) / 2
    for j in range(max(0, index - 2), min(len(boxes), index + 3)):  # rows are sorted by baseline
        other_size, other_top, other_bottom = boxes[j]
        if j == index or size >= settings.mark_size_ratio * other_size:
            continue
        if other_top <= middle <= other_bottom and low < other_bottom:
            return j
    return None


def _overlap_rows(words: Iterable[W], settings: LineSettings) -> list[list[W]]:
    rows: list[list[W]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for row in reversed(rows[-settings.lookback:]):
            top, bottom = min(w.top for w in row), max(w.bottom for w in row)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= settings.line_overlap * min(word.bottom - word.top, bottom - top):
                row.append(word)
                break
        else:
            rows.append([word])
    return [sorted(row, key=_x0) for row in rows]


def _split_marks(row: list[W], settings: LineSettings) -> tuple[tuple[W, ...], tuple[W, ...]]:
    """A row's regular words and its markers (words smaller than the share of its median)."""
    size = max(statistics.median(w.size for w in row), 0.1)
    small = [w.size < settings.mark_size_ratio * size for w in row]
    return (tuple(w for w, s in zip(row, small, strict=True) if not s),
            tuple(w for w, s in zip(row, small, strict=True) if s))
