"""Group headings inside an observer table: which single-cell lines head the rows under them.

A heading is a line set apart typographically (bold, or larger than the table text by
:attr:`~odihr.parse.observers.table.TableSettings.heading_size_step`), or, in the table's own
type, one cell at the table's left edge that spans columns (:func:`spans_columns`), stands as far
from its neighbours as rows do (:func:`stands_apart`), or names a country right above the rows
of a list grouped by country. A wrapped cell (``US Helsinki`` / ``Commission Staff``) is none of
these: it sits closer to its row than rows sit to each other.
"""

from __future__ import annotations

from collections.abc import Sequence

from odihr.countries import country_code
from odihr.parse.document.layout import Line
from odihr.parse.observers.table import TableSettings, cells_of


def mark_headings(lines: Sequence[Line], size: float, settings: TableSettings) \
        -> list[tuple[Line, tuple[float, bool] | None]]:
    """Pair each line with its heading level ``(size, bold)``, or ``None`` for table lines.

    A heading wrapped over two lines is merged into one.
    """
    marked: list[tuple[Line, tuple[float, bool] | None]] = []
    usual_gap = row_gap(lines, settings)
    for i, line in enumerate(lines):
        styled = line.bold or line.size >= size + settings.heading_size_step
        if len(cells_of(line, settings)) > 1 or not (
                styled or spans_columns(lines, i, settings) or
                stands_apart(lines, i, settings, usual_gap) or
                country_heading(lines, i, settings)):
            marked.append((line, None))
            continue
        level = (line.size, line.bold)
        if marked and marked[-1][1] == level and marked[-1][0].page == line.page and \
                line.top - marked[-1][0].bottom < settings.heading_wrap_gap * line.size:
            prev = marked[-1][0]
            marked[-1] = (Line(prev.page, prev.words + line.words), level)
            continue
        marked.append((line, level))
    return marked


def country_heading(lines: Sequence[Line], index: int, settings: TableSettings) -> bool:
    """An unstyled country heading of a list grouped by country: a line that is only a
    country's name, at the left edge of the table row that follows it."""
    line = lines[index]
    if country_code(line.text) is None:
        return False
    for row in lines[index + 1:index + 3]:
        if len(cells_of(row, settings)) > 1:
            return abs(line.x0 - row.x0) <= settings.column_tolerance
    return False


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


def row_gap(lines: Sequence[Line], settings: TableSettings) -> float:
    """The usual white space between two table rows (lines of two cells or more) on a page."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)
                  if a.page == b.page and len(cells_of(a, settings)) > 1
                  and len(cells_of(b, settings)) > 1)
    return gaps[len(gaps) // 2] if gaps else 0.0


def stands_apart(lines: Sequence[Line], index: int, settings: TableSettings,
                 usual_gap: float) -> bool:
    """An unstyled heading narrower than the first column: one cell at the table's left edge,
    at least as far from the line above and the row below as rows are from each other
    (``usual_gap``). A wrapped cell sits closer to its row: above it when centred, below it when
    top-aligned; a single cell as far from its neighbours as whole rows is no part of them."""
    line = lines[index]
    gap = max(0.8 * usual_gap, 0.3 * line.size)
    if index > 0 and lines[index - 1].page == line.page and \
            line.top - lines[index - 1].bottom < gap:
        return False
    nxt = lines[index + 1] if index + 1 < len(lines) else None
    if nxt is None or nxt.page != line.page or abs(line.x0 - nxt.x0) > settings.column_tolerance:
        return False
    if len(cells_of(nxt, settings)) == 1:  # a heading over a heading (``Long-Term Observers``)
        return stands_apart(lines, index + 1, settings, usual_gap)
    return nxt.top - line.bottom >= gap
