"""A table's totals row told by its arithmetic: a last row that is the sum of the rows above
it is the totals row, whatever its label says (a random word, a blank, "Total")."""

from __future__ import annotations

from odihr.parse.results.columns import overlap
from odihr.parse.results.segment import RawTable
from odihr.parse.text.numbers import infer_format, int_or_none


def detach_total_row(raw: RawTable) -> None:
    """Move a last row that is the sum of the rows above it (in every whole-number column it
    fills, and in one at least) to the table's totals, whatever its label says."""
    if raw.totals or len(raw.rows) < 3:
        return
    last, above = raw.rows[-1], raw.rows[:-1]
    figures = last.figures()
    if len(figures) < 2:
        return
    matched = 0
    for token in figures:
        value = _whole(token.text)
        if value is None:
            continue
        column = [_whole(t.text) for band in above for t in band.figures()
                  if overlap(t.x0, t.x1, token.x0, token.x1) > 0]
        if sum(v for v in column if v is not None) != value:
            return
        matched += value > 0
    if matched:
        raw.totals.append(raw.rows.pop())


def _whole(text: str) -> int | None:
    try:
        return int_or_none(text.strip("()")) if infer_format([text]).decimal is None else None
    except ValueError:
        return None
