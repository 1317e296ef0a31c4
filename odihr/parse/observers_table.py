"""The borderless observer table: cells, columns and rows of one heading's lines on one page.

Cells are runs of words closer than a cell gap; columns are the left edges the block's cells
share; a line with words in the first two columns is an observer's row and any other line is
the wrapped part of a cell, which joins the row it is centred on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from odihr.parse.layout import Line
from odihr.parse.pdf import Word


@dataclass(frozen=True)
class TableSettings:
    """Tuning of the borderless observer table (PDF points and shares of the font size)."""

    #: A gap wider than this share of the font size separates two cells of a line.
    cell_gap: float = 0.45
    #: Left edges closer than this many points are the same column.
    column_tolerance: float = 4.0
    #: A heading is at least this much larger than the table text, unless it is bold.
    heading_size_step: float = 0.5
    #: Two heading lines closer than this share of their size are one wrapped heading.
    heading_wrap_gap: float = 0.5


DEFAULT_SETTINGS = TableSettings()


class RowFields(NamedTuple):
    """One observer's fields as printed in the table."""

    given_name: str
    family_name: str
    country: str | None
    role: str | None
    page: int


@dataclass
class _Row:
    """One observer's line and the wrapped fragments of its cells."""

    line: Line
    cells: dict[int, list[tuple[float, float, str]]] = field(default_factory=dict)


def spans_columns(lines: Sequence[Line], index: int, settings: TableSettings) -> bool:
    """An unstyled heading: one cell at the table's left edge, wider than the first column of
    the next row and apart from it (a wrapped given name would sit close above its row)."""
    line = lines[index]
    for row in lines[index + 1:index + 4]:
        cells = cells_of(row, settings)
        if len(cells) > 1:
            return abs(line.x0 - row.x0) <= settings.column_tolerance and \
                line.x1 > cells[1][0].x0 + settings.column_tolerance and \
                row.top - line.bottom > settings.heading_wrap_gap * row.size
    return False


def cells_of(line: Line, settings: TableSettings) -> list[list[Word]]:
    """Split a line into cells at gaps wider than a word space."""
    cells: list[list[Word]] = []
    for word in line.words:
        if cells and word.x0 - cells[-1][-1].x1 <= settings.cell_gap * word.size:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _columns(block: Sequence[Line], settings: TableSettings) -> list[float]:
    """Left edges of the block's columns: where the cells of its lines start."""
    starts = sorted(cell[0].x0 for line in block for cell in cells_of(line, settings))
    columns: list[float] = []
    for x in starts:
        if not columns or x - columns[-1] > settings.column_tolerance:
            columns.append(x)
    return columns


def table_rows(block: Sequence[Line], settings: TableSettings = DEFAULT_SETTINGS) \
        -> list[RowFields]:
    """The observers of one table block (one heading's lines on one page), field by field.

    A line with words in the first two columns is an observer's row; any other line holds the
    wrapped part of a cell and joins the row nearest to it. Columns map in order to given name,
    family name, country and role (a two-column table: full name and country).
    """
    columns = _columns(block, settings)

    def column(word: Word) -> int:
        return max(i for i, x in enumerate(columns) if x <= word.x0 + settings.column_tolerance)

    rows: list[_Row] = []
    pending: list[Line] = []
    for line in block:
        if {0, 1} <= {column(w) for w in line.words}:
            rows.append(_Row(line))
        else:
            pending.append(line)
    if not rows:
        return []
    for row in rows:
        _add(row, row.line.words, column)
    for line in pending:
        _add(_owner(line, rows, pending), line.words, column)
    return [_fields(row, len(columns)) for row in rows]


def _owner(line: Line, rows: Sequence[_Row], pending: Sequence[Line]) -> _Row:
    """The row a wrapped cell line belongs to: the nearest; on a tie, the one it mirrors.

    A cell wrapped onto three lines is centred on its row, so its first line is as close to the
    row above as to its own; its own row has the cell's last line at the mirror position.
    """
    middle = _middle(line)

    def distance(row: _Row) -> float:
        centre = _middle(row.line)
        mirror = 2 * centre - middle
        mirrored = any(abs(_middle(other) - mirror) < 2.0 and abs(other.x0 - line.x0) < 2.0
                       for other in pending if other is not line)
        return abs(centre - middle) - (1.0 if mirrored else 0.0)

    return min(rows, key=distance)


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _add(row: _Row, words: Sequence[Word], column: Callable[[Word], int]) -> None:
    for word in words:
        row.cells.setdefault(column(word), []).append((word.bottom, word.x0, word.text))


def _fields(row: _Row, width: int) -> RowFields:
    """Map a row's cells, by column, to given name, family name, country and role."""
    text = {c: join_fragments(fragments) for c, fragments in row.cells.items()}
    if width >= 3:
        role = " ".join(text[c] for c in sorted(text) if c >= 3) or None
        return RowFields(text.get(0, ""), text.get(1, ""), text.get(2), role, row.line.page)
    given, family = split_name(text.get(0, ""))
    return RowFields(given, family, text.get(1), None, row.line.page)


def join_fragments(fragments: Sequence[tuple[float, float, str]]) -> str:
    """Join a cell's words ``(baseline, x0, text)`` in reading order; a hyphen at a line's end
    joins the next line's word tight (``Petersen-`` + ``Dahl``)."""
    ordered = [text for _, _, text in sorted(fragments, key=lambda f: (round(f[0]), f[1]))]
    out = ""
    for text in ordered:
        out = out + text if not out or out.endswith("-") else f"{out} {text}"
    return out


def split_name(name: str) -> tuple[str, str]:
    """Split a full name printed in one cell: the last word is the family name."""
    parts = name.split()
    if len(parts) < 2:
        return "", name
    return " ".join(parts[:-1]), parts[-1]
