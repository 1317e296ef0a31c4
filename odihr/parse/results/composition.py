"""Seats-only tables that restate contests read before them: the composition of the new parliament.

Reports often follow the results with a table of the seats each party holds in the new chamber
("Composition of the new parliament", "Distribution of seats"), under a caption with or without
an annex word. It has no votes: its one count per row is a seat count (beside, perhaps, a per
cent of the seats, which makes the counts look like votes with their shares). Such a table is
not a contest when its arithmetic says it restates contests already read: every row names a
contestant of the contests before it and its count is exactly the seats that contestant won
there (in one contest, or over all of them: list and district seats of a mixed election). A
seats-only table that restates nothing (a report that prints seats but no votes anywhere, or a
district tier of seats won) stays a contest.
"""

from __future__ import annotations

from collections.abc import Sequence

from odihr.records import Contest, ResultRow


def _won(row: ResultRow) -> int | None:
    """The seats a row gives its contestant: its total, else list seats plus district seats."""
    if row.seats is not None:
        return row.seats
    if row.seats_proportional is None and row.seats_majoritarian is None:
        return None
    return (row.seats_proportional or 0) + (row.seats_majoritarian or 0)


def _seats_by_name(contests: Sequence[Contest]) -> dict[str, int]:
    """Seats won per contestant over ``contests`` (the last round that gives seats)."""
    out: dict[str, int] = {}
    for contest in contests:
        rounds = [r for r in contest.rounds if any(_won(row) is not None for row in r.rows)]
        for row in rounds[-1].rows if rounds else ():
            won = _won(row)
            if won is not None:
                out[row.contestant] = out.get(row.contestant, 0) + won
    return out


def _count(row: ResultRow) -> int | None:
    """A row's one count: its seats, or (a seat count read as votes) its votes."""
    won = _won(row)
    if won is not None:
        return None if row.votes is not None else won
    return row.votes


def restates(contest: Contest, before: Sequence[Contest]) -> bool:
    """Whether ``contest`` is a seats-only table restating the seats of ``before``."""
    if len(contest.rounds) != 1:
        return False
    rows = contest.rounds[0].rows
    counts = [_count(r) for r in rows]
    if not rows or None in counts or not any(counts):
        return False
    candidates = [_seats_by_name([c]) for c in before] + [_seats_by_name(before)]
    return any(all(table.get(r.contestant) == n for r, n in zip(rows, counts, strict=True))
               for table in candidates if table)


def without_restatements(contests: Sequence[Contest]) -> list[Contest]:
    """``contests`` without the seats-only tables that restate the contests before them."""
    out: list[Contest] = []
    for contest in contests:
        if not restates(contest, out):
            out.append(contest)
    return out
