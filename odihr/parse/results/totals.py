"""A table's totals row and sub-total rows told by their arithmetic, whatever their labels say.

A last row that is the sum of the rows above it is the totals row (a random word, a blank,
"Total"). A row inside the table that is the sum of a run of two rows or more just above it (a
coalition's parties, a tier of lists) is a sub-total, not a contestant, when the table's own
arithmetic confirms it: without it, a per-cent column sums to 100 more nearly than with it, or
the totals row is the sum of the other rows.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from odihr.parse.results.columns import overlap
from odihr.parse.results.figures import DEFAULT_ROLES, RoleSettings
from odihr.parse.results.layout import Band, Token
from odihr.parse.results.segment import RawTable
from odihr.parse.text.numbers import infer_format, int_or_none, percent_or_none

_N = TypeVar("_N", int, float)


def detach_total_row(raw: RawTable) -> None:
    """Move a last row that is the sum of the rows above it (in every whole-number column it
    fills, and in one at least) to the table's totals, whatever its label says."""
    if raw.totals or len(raw.rows) < 3:
        return
    if _sum_of(raw.rows[-1], raw.rows[:-1]):
        raw.totals.append(raw.rows.pop())


def detach_subtotal_rows(raw: RawTable, settings: RoleSettings = DEFAULT_ROLES) -> None:
    """Drop the rows that are sub-totals (see the module docstring) from the table's rows."""
    if len(raw.rows) < 4:
        return
    candidates: list[int] = []
    start = 0  # a run starts after the last sub-total
    last = len(raw.rows) - 1
    for i, band in enumerate(raw.rows):
        # (the last row as the sum of every row above is the totals row)
        first = start + 1 if i == last and not raw.totals and start == 0 else start
        if _sums_a_run(band, raw.rows, first, i):
            candidates.append(i)
            start = i + 1
    if not candidates:
        return
    dropped = set(candidates)
    kept = [b for i, b in enumerate(raw.rows) if i not in dropped]
    if raw.totals:  # a labelled totals row: the sum of the kept rows, or of none
        total = raw.totals[0] if _sum_of(raw.totals[0], kept) else None
        body = kept
    else:  # the last row as the sum of the kept rows above it
        total = kept[-1] if len(kept) >= 3 and _sum_of(kept[-1], kept[:-1]) else None
        body = kept[:-1] if total is not None else kept
    if total is None:  # each sub-total on its own: the shares add up better without it
        dropped = {i for i in candidates if _confirmed(body, raw.rows[i], settings)}
    raw.rows[:] = [b for i, b in enumerate(raw.rows) if i not in dropped]


def _sum_of(band: Band, block: Sequence[Band]) -> bool:
    """Whether ``band`` is the sum of ``block`` in every whole-number column it fills (two
    figures at least, one whole number above zero)."""
    figures = band.figures()
    if len(figures) < 2:
        return False
    matched = 0
    for token in figures:
        value = _whole(token.text)
        if value is None:
            continue
        if sum(v for v in _column(token, block, _whole) if v is not None) != value:
            return False
        matched += value > 0
    return matched > 0


def _sums_a_run(band: Band, rows: Sequence[Band], first: int, i: int) -> bool:
    """Whether ``band`` (row ``i``) is the sum of ``rows[j:i]`` for some ``j`` from ``first``,
    two rows at least (``_sum_of`` and ``_covers`` of that run).

    The runs are grown upwards from row ``i`` with one running sum per column, so a table of n
    rows costs O(n²) figure reads at worst, not O(n³); counts are never negative, so a run whose
    sum has passed the band's figure in a column ends the search (a longer run only adds)."""
    figures = band.figures()
    if len(figures) < 2:
        return False
    targets = [(t, v) for t in figures if (v := _whole(t.text)) is not None]
    if not any(v > 0 for _, v in targets):
        return False
    sums = [0] * len(targets)
    growing = True  # no negative figure seen: the sums only grow as the run does
    for j in range(i - 1, first - 1, -1):
        found = rows[j].figures()
        for k, (token, _) in enumerate(targets):
            for f in found:
                if overlap(f.x0, f.x1, token.x0, token.x1) > 0:
                    w = _whole(f.text)
                    if w is not None:
                        sums[k] += w
                        growing = growing and w >= 0
        if growing and any(s > v for s, (_, v) in zip(sums, targets, strict=True)):
            return False
        if i - j >= 2 and all(s == v for s, (_, v) in zip(sums, targets, strict=True)) \
                and _covers(band, rows[j:i]):
            return True
    return False


def _covers(band: Band, block: Sequence[Band]) -> bool:
    """Whether ``band`` has a whole number under every whole number of ``block``: a sub-total
    sums every count column of its rows, not one of them."""
    mine = [t for t in band.figures() if _whole(t.text) is not None]
    return all(any(overlap(t.x0, t.x1, m.x0, m.x1) > 0 for m in mine)
               for b in block for t in b.figures() if _whole(t.text) is not None)


def _confirmed(kept: list[Band], dropped: Band, settings: RoleSettings) -> bool:
    """Whether a per-cent column of the ``kept`` contestant rows sums to 100 without the
    ``dropped`` row, and further from it with it than the rounding of the printed per cents
    can explain (one unit of the last printed place per square root of the rows: a row
    whose share is lost in that rounding is not told from a contestant)."""
    for token in dropped.figures():
        share = _share(token.text)
        if share is None:
            continue
        without = sum(v for v in _column(token, kept, _share) if v is not None)
        with_ = without + share
        places = len(re.sub(r"\D", "", token.text.split(",")[-1].split(".")[-1])) \
            if re.search(r"[.,]\d", token.text) else 0
        noise = math.sqrt(len(kept)) * 10.0 ** -places
        if abs(without - 100) <= settings.share_sum_tolerance and \
                abs(with_ - 100) - abs(without - 100) > noise:
            return True
    return False


def _column(token: Token, bands: Sequence[Band], read: Callable[[str], _N | None]
            ) -> list[_N | None]:
    """The values (as ``read`` reads them) of the figures of ``bands`` under ``token``."""
    return [read(t.text) for b in bands for t in b.figures()
            if overlap(t.x0, t.x1, token.x0, token.x1) > 0]


@functools.lru_cache(maxsize=4096)
def _whole(text: str) -> int | None:
    try:
        return int_or_none(text.strip("()")) if infer_format([text]).decimal is None \
            and "%" not in text else None
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _share(text: str) -> float | None:
    """A per cent (a decimal, or a figure with ``%``), else None."""
    if infer_format([text]).decimal is None and "%" not in text:
        return None
    try:
        return percent_or_none(text.strip("()"))
    except ValueError:
        return None
