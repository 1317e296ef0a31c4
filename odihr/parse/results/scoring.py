"""The scores behind the column roles of :mod:`roles`: which roles each column's figures allow,
and how many invariants (shares proportional to votes, sums, totals rows, seat totals) each
choice of seat columns and of a votes and share column per round satisfies, with the header
words' and the figures' look agreement as tie-breakers. The invariants and their weights are
listed in :mod:`roles`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations, permutations

from odihr.parse.results.figures import ColumnFigures, Relations, RoleSettings

SEAT_ROLES = ("seats", "seats_pr", "seats_smd")
#: A score and its tie-breakers: invariants, header-word agreement, figure-look agreement.
Key = tuple[float, int, int]


def add(a: Key, b: Key) -> Key:
    """Two scores added, tie-breakers too."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


@dataclass
class Search:
    """The scores of role choices for one table's columns (memoised per round of columns)."""

    columns: list[ColumnFigures]
    words: list[str | None]
    looks: list[str]
    chamber: frozenset[int]
    settings: RoleSettings
    rel: Relations
    memo: dict[tuple[tuple[int, ...], frozenset[int]],
               tuple[Key, int | None, int | None]] = field(default_factory=dict)

    def allowed(self, index: int) -> set[str]:
        col = self.columns[index]
        out = {"extra"}
        if col.percent:
            if col.largest <= 100.0001:
                out.add("share")
        elif col.whole:
            out.add("votes")
            if self.seat_like(index):
                out.update(SEAT_ROLES)
            if self.words[index] == "share" and col.largest <= 100:
                out.add("share")
        return out

    def seat_like(self, index: int) -> bool:
        """Small whole numbers, or whole numbers far below another column's (seats of many
        councils beside their votes)."""
        col = self.columns[index]
        if not col.whole:
            return False
        biggest = max((c.sum for c in self.columns if c.whole), default=0.0)
        return col.largest <= self.settings.max_seats or \
            col.sum * self.settings.votes_per_seat <= biggest

    def agreement(self, index: int, role: str) -> tuple[int, int]:
        return (int(self.words[index] == role), int(self.looks[index] == role))

    # --- seats ----------------------------------------------------------------------------

    def seat_options(self) -> list[tuple[Key, dict[int, str]]]:
        seatish = [i for i in range(len(self.columns)) if "seats" in self.allowed(i)]
        options: list[tuple[Key, dict[int, str]]] = [((0.0, 0, 0), {})]
        for count in (1, 2, 3):
            for chosen in combinations(seatish, count):
                for roles in _role_orders(count):
                    mapping = dict(zip(chosen, roles, strict=True))
                    options.append((self.seat_score(mapping), mapping))
        return options

    def seat_score(self, mapping: dict[int, str]) -> Key:
        cols = self.columns
        by_role = {r: i for i, r in mapping.items()}
        score = 0.0
        total, pr, smd = (by_role.get(r) for r in SEAT_ROLES)
        if total is not None:
            score += 1 + (1 if cols[total].total_matches() else 0)
        if pr is not None and smd is not None:
            score += 1 + sum(0.5 for i in (pr, smd) if cols[i].total_matches())
            if min(cols[pr].sum, cols[smd].sum) == 0:
                score -= 1.5  # a part that gives nobody a seat splits nothing
        elif pr is not None or smd is not None:
            score -= 1  # one part of a split without the other: only if nothing else fits
        sums = {(t, a, b) for t, a, b in self.rel.sums}
        if None not in (total, pr, smd) and not any(
                t == total and {a, b} == {pr, smd} for t, a, b in sums):
            score -= 3  # a seat total beside a split must be the split's sum
        for t, a, b in sums:
            if t == total and {a, b} == {pr, smd}:
                score += 2
            elif mapping.get(t) is None and (mapping.get(a) or mapping.get(b)):
                score -= 2  # a part read as seats while the total is left aside
        seat_sum = cols[total].sum if total is not None else (
            cols[pr].sum + cols[smd].sum if pr is not None and smd is not None else None)
        if seat_sum is not None and round(seat_sum) in self.chamber:
            score += 2
        if total is not None:
            others = [i for i in range(len(cols)) if i not in mapping and self.seat_like(i)]
            if any((total, i) in self.rel.dominates for i in others):
                score += 0.5
            if any((i, total) in self.rel.dominates for i in others):
                score -= 0.5
        words = sum(self.agreement(i, r)[0] for i, r in mapping.items())
        looks = sum(self.agreement(i, "seats")[1] for i in mapping)
        return (score, words, looks)

    # --- votes and shares of one round ------------------------------------------------------

    def group(self, members: tuple[int, ...], taken: frozenset[int]
              ) -> tuple[Key, int | None, int | None]:
        """The best votes and share columns among ``members`` (``taken`` hold seats)."""
        taken = taken & frozenset(members)
        known = self.memo.get((members, taken))
        if known is not None:
            return known
        free = [i for i in members if i not in taken]
        votes = [None, *(i for i in free if "votes" in self.allowed(i))]
        shares = [None, *(i for i in free if "share" in self.allowed(i))]
        best: tuple[Key, int | None, int | None] | None = None
        for v in votes:
            for s in shares:
                if v is not None and v == s:
                    continue
                key = self.group_score(members, taken, v, s)
                if best is None or key > best[0]:
                    best = (key, v, s)
        assert best is not None
        self.memo[(members, taken)] = best
        return best

    def group_score(self, members: tuple[int, ...], taken: frozenset[int],
                    v: int | None, s: int | None) -> Key:
        cols = self.columns
        score = 0.0
        if v is not None:
            score += 1 + (1 if cols[v].total_matches() else 0)
        if s is not None:
            if cols[s].shares_like(self.settings):
                score += 1
            printed = cols[s].printed_total
            if printed is not None and abs(printed - 100) <= 0.5:
                score += 0.5
            if s in self.rel.rates:
                score -= 5
        if v is not None and s is not None:
            if (v, s) in self.rel.shares:
                score += 3
            else:
                score -= 10 if cols[s].shares_like(self.settings) else 3
        inside = set(members)
        for t, a, b in self.rel.sums:
            if {t, a, b} <= inside:
                if t == v and a not in taken and b not in taken:
                    score += 2
                elif v in (a, b):
                    score -= 2
        words = looks = 0
        for i in members:
            if i in taken:
                continue
            role = "votes" if i == v else "share" if i == s else "extra"
            w, lk = self.agreement(i, role)
            words, looks = words + w, looks + lk
        return (score, words, looks)


def _role_orders(count: int) -> list[tuple[str, ...]]:
    """Seat roles for ``count`` chosen columns, each role at most once."""
    return list(permutations(SEAT_ROLES, count))
