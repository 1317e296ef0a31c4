"""What each figures column of a results table means, decided from the table's own arithmetic.

Roles are ``votes``, ``share``, ``seats``, ``seats_pr``, ``seats_majoritarian`` (``seats_smd``)
and ``extra`` (a figure printed beside them, kept with its header). Every assignment of roles to
columns, and every split of the columns into up to three rounds, is scored by the invariants it
satisfies (see :func:`assign`):

- a share column is its votes column times one constant, at the printed precision (+3); an
  assigned votes/share pair that is not (−3, or −10 when the per cents sum to 100);
- shares sum to ~100 (+1); a totals row equals the sum of the rows above it (+1 a column);
- a total column is the sum of two others: votes = the sum of breakdowns (+2), seats = list seats
  + district seats (+2); votes or seats read from a part while the total is not (−2); a split
  of the seats whose one part gives nobody a seat (−1.5);
- seat columns hold small whole numbers whose sum is the printed total or the chamber size the
  report states (+1); the seats are never below a count of elected members of one kind (+1);
- a per-cent column that is a per-row rate of two other columns (turnout by region) is no share
  (−5); rounds of one election poll comparable totals, and a sum never spans two rounds.

Columns are first profiled (per cents, small or large whole numbers) so each can only take the
roles its figures allow. Among equally scored assignments the header words decide, then the
figures' look (decimals are per cents, thousands are votes). When no assignment gives votes or
seats, or shares that sum to 100 are left unexplained beside the votes, the table is unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from odihr.parse.results.figures import (
    DEFAULT_ROLES,
    ColumnFigures,
    Relations,
    RoleSettings,
    relations,
)
from odihr.parse.results.scoring import SEAT_ROLES, Key, Search, add


@dataclass(frozen=True)
class Assignment:
    """The roles and rounds chosen for a table's columns, and why."""

    roles: tuple[str, ...]
    rounds: tuple[int, ...]
    score: float
    #: Why the table cannot be read ("" when it can).
    problem: str = ""
    #: The table is a per-row rate table (turnout by region): not contest results at all.
    not_results: bool = False


def _splits(n: int, most: int) -> list[tuple[tuple[int, ...], ...]]:
    """Every way to cut columns ``0..n-1`` into 1 to ``most`` runs of neighbours."""
    out: list[tuple[tuple[int, ...], ...]] = []
    for k in range(1, min(most, n) + 1):
        for cuts in combinations(range(1, n), k - 1):
            edges = (0, *cuts, n)
            out.append(tuple(tuple(range(a, b)) for a, b in zip(edges, edges[1:], strict=False)))
    return out


def assign(columns: list[ColumnFigures], words: list[str | None], looks: list[str],
           rounds: list[int] | None = None, chamber: frozenset[int] = frozenset(),
           settings: RoleSettings = DEFAULT_ROLES) -> Assignment:
    """The best roles (and rounds) for ``columns`` (see the module docstring).

    Args:
        columns: the table's figures columns, left to right.
        words: the role each column's header words suggest, or None (tie-breaker only).
        looks: the role each column's figures look like (second tie-breaker).
        rounds: each column's round where the header names rounds; otherwise rounds are
            searched as runs of neighbouring columns.
        chamber: seat numbers the report gives for the chamber.
    """
    n = len(columns)
    search = Search(columns, words, looks, chamber, settings, relations(columns, settings))
    if rounds is not None:
        splits = [tuple(tuple(i for i in range(n) if rounds[i] == r)
                        for r in sorted(set(rounds)))]
    else:
        splits = _splits(n, settings.max_rounds)
    best: tuple[Key, int, dict[int, str], list[tuple[int | None, int | None]],
                tuple[tuple[int, ...], ...]] | None = None
    for seat_key, seats in search.seat_options():
        taken = frozenset(seats)
        for split in splits:
            if not _split_allowed(split, search.rel):
                continue
            key: Key = seat_key
            chosen = []
            for members in split:
                group_key, v, s = search.group(members, taken)
                key = add(key, group_key)
                chosen.append((v, s))
            if len(split) > 1 and rounds is None and \
                    not _rounds_plausible(chosen, columns, settings):
                continue
            rank = (*key, -len(split))
            if best is None or rank > (*best[0], -len(best[4])):
                best = (key, len(split), seats, chosen, split)
    assert best is not None  # the one-run split with no roles is always allowed
    key, _, seats, chosen, split = best
    roles = ["extra"] * n
    round_of = [1] * n
    for number, (members, (v, s)) in enumerate(zip(split, chosen, strict=True), 1):
        for i in members:
            round_of[i] = number
        if v is not None:
            roles[v] = "votes"
        if s is not None:
            roles[s] = "share"
    for i, role in seats.items():
        roles[i], round_of[i] = role, 1
    return Assignment(tuple(roles), tuple(round_of), key[0],
                      *_verdict(roles, split, search))


def _split_allowed(split: tuple[tuple[int, ...], ...], rel: Relations) -> bool:
    """A total and its parts stay in one round."""
    if len(split) == 1:
        return True
    where = {i: g for g, members in enumerate(split) for i in members}
    return all(where[t] == where[a] == where[b] for t, a, b in rel.sums)


def _rounds_plausible(chosen: list[tuple[int | None, int | None]],
                      columns: list[ColumnFigures], settings: RoleSettings) -> bool:
    """Every round has votes or shares, each round's shares sum to 100, and the rounds' vote
    totals are comparable."""
    if any(v is None and s is None for v, s in chosen):
        return False
    if any(s is not None and not columns[s].shares_like(settings) for _, s in chosen):
        return False
    totals = [columns[v].sum for v, _ in chosen if v is not None]
    if not totals:
        return True
    if len(totals) != len(chosen):
        return False
    first = totals[0]
    return all(first / settings.round_ratio <= t <= first * settings.round_ratio for t in totals)


def _verdict(roles: list[str], split: tuple[tuple[int, ...], ...],
             search: Search) -> tuple[str, bool]:
    """Why the chosen roles cannot be trusted, if they cannot; and whether the table is a rate
    table rather than results."""
    cols = search.columns
    if search.rel.rates and "share" not in roles and (
            "votes" in roles or not any(r in SEAT_ROLES for r in roles)):
        return "a table of per-row rates (turnout by region), not contest results", True
    for members in split:
        shares = [i for i in members if cols[i].percent and i not in search.rel.rates
                  and cols[i].shares_like(search.settings)]
        counts = [i for i in members if cols[i].whole]
        # the arithmetic can test a share only over min_rows rows: one row of 100 per cent
        # (one party's seats in a composition table) is the share of every count
        testable = [i for i in shares if cols[i].filled >= search.settings.min_rows]
        if testable and counts and not any((v, s) in search.rel.shares
                                         for v in counts for s in shares):
            return (f"per cents summing to 100 (column {testable[0] + 1}) that are not the share "
                    "of any vote column at the printed precision"), False
    if not any(r in ("votes", *SEAT_ROLES) for r in roles):
        return ("no column of votes or seats: no whole-number column whose figures add up as "
                "votes or seats do"), False
    return "", False
