"""The figures of a table's columns as numbers, and the arithmetic relations between columns.

What a column means is decided from these (see :mod:`roles`): which columns are whole numbers
and which are per cents, which per-cent column is a vote column's share (``share ≈ votes × k``
for one ``k`` at the printed precision), which column is the sum of two others, which column
is a per-row rate of two others (a turnout table, not contest results), which column's values
never exceed another's (elected members of one kind never exceed the seats).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import permutations

from odihr.parse.text.numbers import infer_format, is_dash, parse_int, parse_percent


@dataclass(frozen=True)
class RoleSettings:
    """Tolerances of the arithmetic that decides column roles (validated)."""

    #: A printed share may differ from ``votes × k`` by half a printed unit plus this much.
    share_slack: float = 0.011
    #: Shares of all contestants sum to 100 within this many points (rounding, omitted rows).
    share_sum_tolerance: float = 1.6
    #: A seat column holds whole numbers no larger than this (the largest chambers seat ~650).
    max_seats: int = 1000
    #: ...or far fewer than another column's figures: seats are at most this share of votes.
    votes_per_seat: float = 20.0
    #: Rows needed before a relation between columns counts as evidence.
    min_rows: int = 2
    #: From this many rows on, one row may break a share relation (a misprint in the source).
    misprint_rows: int = 5
    #: The total votes of a later round lie within this factor of the first round's.
    round_ratio: float = 5.0
    #: At most this many rounds are read from one table's column groups.
    max_rounds: int = 3
    #: A header cell is over a figure column when they overlap by this share of the narrower.
    span_overlap: float = 0.5

    def __post_init__(self) -> None:
        checks = {"share_slack": 0 <= self.share_slack < 1,
                  "share_sum_tolerance": 0 < self.share_sum_tolerance < 10,
                  "max_seats": self.max_seats > 0,
                  "votes_per_seat": self.votes_per_seat >= 1, "min_rows": self.min_rows >= 1,
                  "misprint_rows": self.misprint_rows >= 2, "round_ratio": self.round_ratio > 1,
                  "max_rounds": 1 <= self.max_rounds <= 5,
                  "span_overlap": 0 < self.span_overlap <= 1}
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f"RoleSettings.{name} is out of range: {getattr(self, name)!r}")


DEFAULT_ROLES = RoleSettings()


@dataclass(frozen=True)
class ColumnFigures:
    """One column's cells, row by row, read both as whole numbers and as per cents."""

    index: int
    texts: tuple[str | None, ...]
    #: The printed totals-row figure, if the table has one.
    total_text: str | None = None

    @cached_property
    def decimal(self) -> str | None:
        """The column's decimal mark, if its numbers have decimals."""
        return infer_format([t for t in (*self.texts, self.total_text) if t]).decimal

    @cached_property
    def percent(self) -> bool:
        """Per cents: decimals or a per-cent sign."""
        return self.decimal is not None or any("%" in t for t in self.texts if t)

    @cached_property
    def ints(self) -> tuple[int | None, ...]:
        """Each cell as a whole number (None: blank, dash, or not a whole number)."""
        return tuple(_int(t) for t in self.texts) if not self.percent else \
            tuple(None for _ in self.texts)

    @cached_property
    def floats(self) -> tuple[float | None, ...]:
        """Each cell as a number with its decimals."""
        if not self.percent:
            return tuple(None if i is None else float(i) for i in self.ints)
        return tuple(_float(t, self.decimal) for t in self.texts)

    @cached_property
    def places(self) -> tuple[int, ...]:
        """Decimal places printed in each cell."""
        out = []
        for text in self.texts:
            digits = re.sub(r"[^\d.,]", "", text or "")
            mark = self.decimal
            out.append(len(digits.rsplit(mark, 1)[1]) if mark and mark in digits else 0)
        return tuple(out)

    @cached_property
    def filled(self) -> int:
        """Rows with a figure."""
        return sum(1 for v in self.floats if v is not None)

    @cached_property
    def whole(self) -> bool:
        """Whole numbers in every filled cell."""
        return not self.percent and self.filled > 0 and \
            all(i is not None for i, t in zip(self.ints, self.texts, strict=True)
                if t and not is_dash(t))

    @cached_property
    def sum(self) -> float:
        """Sum of the filled cells."""
        return sum(v for v in self.floats if v is not None)

    @cached_property
    def largest(self) -> float:
        """The largest figure."""
        return max((v for v in self.floats if v is not None), default=0.0)

    @cached_property
    def printed_total(self) -> float | None:
        """The totals row's figure as a number."""
        if not self.percent:
            value = _int(self.total_text)
            return None if value is None else float(value)
        return _float(self.total_text, self.decimal)

    def total_matches(self) -> bool:
        """The totals row equals the sum of the rows above it."""
        total = self.printed_total
        if total is None:
            return False
        if self.whole:
            return round(total) == round(self.sum)
        return abs(total - self.sum) <= 0.05 * max(1, self.filled)

    def shares_like(self, settings: RoleSettings) -> bool:
        """Per cents that sum to about 100."""
        return self.percent and self.largest <= 100.0001 and \
            abs(self.sum - 100) <= settings.share_sum_tolerance


def _int(text: str | None) -> int | None:
    if not text or is_dash(text):
        return None
    try:
        return parse_int(text.strip("()"))
    except ValueError:
        return None


def _float(text: str | None, decimal: str | None) -> float | None:
    if not text or is_dash(text):
        return None
    try:
        return parse_percent(text.strip("()"), decimal)
    except ValueError:
        return None


@dataclass(frozen=True)
class Relations:
    """The arithmetic between the columns of one table."""

    #: (votes column, share column) pairs where the share is the votes times one constant.
    shares: frozenset[tuple[int, int]]
    #: (total, part, part) triples: the total column is the sum of the two parts in every row.
    sums: frozenset[tuple[int, int, int]]
    #: Per-cent columns that are a per-row rate of two other columns (turnout by region).
    rates: frozenset[int]
    #: (larger, smaller) pairs of whole-number columns: the larger is never below the smaller.
    dominates: frozenset[tuple[int, int]]


def relations(columns: list[ColumnFigures], settings: RoleSettings = DEFAULT_ROLES) -> Relations:
    """Every relation between the columns (see :class:`Relations`)."""
    whole = [c for c in columns if c.whole]
    percent = [c for c in columns if c.percent or (c.whole and c.largest <= 100)]
    shares = frozenset((v.index, s.index) for v in whole for s in percent
                       if v.index != s.index and _proportional(v, s, settings))
    sums = frozenset((t.index, a.index, b.index) for t in whole for a in whole for b in whole
                     if a.index < b.index and t.index not in (a.index, b.index)
                     and _sum_of(t, a, b, settings))
    rates = frozenset(s.index for s in percent if s.percent for a, b in permutations(whole, 2)
                      if (a.index, s.index) not in shares and _rate(s, a, b, settings))
    dominates = frozenset((a.index, b.index) for a, b in permutations(whole, 2)
                          if _dominates(a, b, settings))
    return Relations(shares, sums, rates, dominates)


def _pairs(*columns: ColumnFigures) -> list[tuple[float, ...]]:
    """Rows where every given column has a figure."""
    rows = zip(*(c.floats for c in columns), strict=True)
    return [tuple(r) for r in rows if all(v is not None for v in r)]  # type: ignore[misc]


def _proportional(votes: ColumnFigures, share: ColumnFigures, settings: RoleSettings) -> bool:
    """``share ≈ votes × k`` in every row (one misprint allowed in long tables), at the
    printed precision of each share; ``k`` is estimated from the largest vote."""
    rows = [(v, s, p) for v, s, p in zip(votes.floats, share.floats, share.places, strict=True)
            if v is not None and s is not None]
    if len(rows) < settings.min_rows or share.largest > 100.0001:
        return False
    big = max(rows, key=lambda r: r[0])
    if big[0] <= 0:
        return False
    ks = [big[1] / big[0]]
    if votes.sum > 0:
        ks.append(100.0 / votes.sum)
    if votes.printed_total:
        ks.append(100.0 / votes.printed_total)
    allowed = 1 if len(rows) >= settings.misprint_rows else 0
    for k in ks:
        misses = sum(1 for v, s, p in rows
                     if abs(v * k - s) > 0.5 * 10 ** -p + settings.share_slack)
        if misses <= allowed and k > 0:
            return True
    return False


def _sum_of(total: ColumnFigures, a: ColumnFigures, b: ColumnFigures,
            settings: RoleSettings) -> bool:
    rows = list(zip(total.ints, a.ints, b.ints, strict=True))
    filled = [(t, x or 0, y or 0) for t, x, y in rows if t is not None and (x, y) != (None, None)]
    if len(filled) < settings.min_rows or any(t is None and (x or y) for t, x, y in rows):
        return False
    if not any(x for _, x, _ in filled) or not any(y for _, _, y in filled):
        return False  # a column of zeros is no part of a sum
    return all(t == x + y for t, x, y in filled)


def _rate(share: ColumnFigures, a: ColumnFigures, b: ColumnFigures,
          settings: RoleSettings) -> bool:
    rows = [(s, x, y, p) for s, x, y, p in zip(share.floats, a.floats, b.floats, share.places,
                                                strict=True)
            if s is not None and x is not None and y]
    if len(rows) < max(3, settings.min_rows):
        return False
    return all(abs(100.0 * x / y - s) <= 0.5 * 10 ** -p + settings.share_slack
               for s, x, y, p in rows)


def _dominates(larger: ColumnFigures, smaller: ColumnFigures, settings: RoleSettings) -> bool:
    rows = [(x, y) for x, y in zip(larger.ints, smaller.ints, strict=True) if y is not None]
    return len(rows) >= settings.min_rows and all(x is not None and x >= y for x, y in rows) \
        and any(x is not None and x > y for x, y in rows)
