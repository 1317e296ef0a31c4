"""Understanding a results table's columns from the x-positions of its figures and header words.

Figure columns are found from the data: the numbers that end each row are clustered by their
horizontal extent. Header cells are then laid over those columns: a cell over one column labels
it ("Votes", "%", "PR"); a cell over several is a merged group label ("First round, 30 October
2016", "Mandates"). A column's role (votes, share, seats, seats won by list or in districts, or
an extra figure) and its round are decided from the table's arithmetic by :mod:`roles`; the
labels only break ties, and name the rounds where the header names them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from odihr.parse.results.figures import DEFAULT_ROLES, ColumnFigures, RoleSettings
from odihr.parse.results.layout import Band, Token, cells
from odihr.parse.results.roles import assign
from odihr.parse.results.segment import RawTable
from odihr.parse.results.vocab import (
    NOMINATOR_HEADER,
    PR_HEADER,
    ROUND_HEADER,
    SEATS_HEADER,
    SHARE_HEADER,
    SMD_HEADER,
    VOTES_HEADER,
    find_dates,
    round_number,
)
from odihr.parse.text.numbers import infer_format


@dataclass(frozen=True)
class HeaderCell:
    """Words of one header line that belong together."""

    text: str
    x0: float
    x1: float
    top: float


@dataclass(frozen=True)
class Column:
    """One figures column: where its numbers are, what they mean, which round they belong to.

    ``role`` is ``votes``, ``share``, ``seats``, ``seats_pr`` or ``seats_smd`` (the ResultRow
    fields ``votes``, ``vote_share``, ``seats``, ``seats_proportional``, ``seats_majoritarian``).
    """

    x0: float
    x1: float
    role: str
    round: int
    label: str = ""
    decimal: str | None = None


@dataclass(frozen=True)
class TableModel:
    """The columns of a table and where its text columns are."""

    columns: tuple[Column, ...]
    text_right: float
    nominator_x: float | None = None
    round_dates: tuple[tuple[int, date], ...] = ()
    name_label: str = ""
    #: Why the columns cannot be read from the table's arithmetic ("" when they can).
    problem: str = ""
    #: A rate table (turnout by region) rather than contest results.
    not_results: bool = False

    def rounds(self) -> tuple[int, ...]:
        """Round numbers, in order."""
        return tuple(sorted({c.round for c in self.columns}))

    def column_of(self, token: Token) -> Column | None:
        """The column a figure token sits in (the most overlap, else the nearest)."""
        if token.x1 <= self.text_right:
            return None
        best = max(self.columns, key=lambda c: overlap(token.x0, token.x1, c.x0, c.x1))
        if overlap(token.x0, token.x1, best.x0, best.x1) > 0:
            return best
        return min(self.columns, key=lambda c: abs((c.x0 + c.x1) / 2 - token.center))

    def round_of(self, token: Token) -> int:
        """The round whose votes and per cent columns are nearest a turnout figure."""
        figures = [c for c in self.columns if c.role in ("votes", "share")] or self.columns
        spans = {r: (min(c.x0 for c in figures if c.round == r),
                     max(c.x1 for c in figures if c.round == r))
                 for r in sorted({c.round for c in figures})}
        inside = [r for r, (a, b) in spans.items() if a - 1 <= token.center <= b + 1]
        if inside:
            return inside[0]
        return min(spans, key=lambda r: min(abs(spans[r][0] - token.center),
                                            abs(spans[r][1] - token.center)))


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How far two horizontal extents overlap (0 when they do not)."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def header_cells(bands: list[Band]) -> list[HeaderCell]:
    """The header's words grouped into cells, line by line."""
    out: list[HeaderCell] = []
    for band in bands:
        for line in band.lines:
            for cell in cells(line):
                out.append(HeaderCell(" ".join(t.text for t in cell), cell[0].x0, cell[-1].x1,
                                      line.top))
    return out


def _clusters(tokens: list[tuple[int, Token]]) -> list[tuple[float, float, set[int]]]:
    """Figure tokens grouped by overlapping x-extent: (x0, x1, rows having a figure there)."""
    groups: list[list] = []
    for row, token in sorted(tokens, key=lambda rt: rt[1].x0):
        if groups and token.x0 <= groups[-1][1] + 0.5:
            groups[-1][1] = max(groups[-1][1], token.x1)
            groups[-1][2].add(row)
        else:
            groups.append([token.x0, token.x1, {row}])
    return [(g[0], g[1], g[2]) for g in groups]


def build_model(raw: RawTable, previous: TableModel | None = None,
                chamber: frozenset[int] = frozenset(),
                settings: RoleSettings = DEFAULT_ROLES) -> TableModel:
    """Find the figure columns of ``raw``, and their roles from the table's arithmetic."""
    figures = [(i, t) for i, band in enumerate(raw.rows) for t in band.figures()]
    heads = header_cells(raw.header)
    found = _clusters(figures)
    support = 2 if len(raw.rows) >= 4 else 1
    spans = [(a, b) for a, b, rows in found if len(rows) >= support or any(
        overlap(h.x0, h.x1, a, b) > 0 for h in heads)]
    if not spans:
        if previous is not None:
            return previous
        return TableModel((), math.inf)
    first = spans[0][0]
    text_tokens = [t for band in raw.rows for t in band.tokens if t.x1 < first]
    text_right = max((t.x1 for t in text_tokens), default=first - 2)
    text_right = (text_right + first) / 2
    leafs: list[list[HeaderCell]] = [[] for _ in spans]
    groups: list[list[HeaderCell]] = [[] for _ in spans]
    text_heads: list[HeaderCell] = []
    for cell in heads:
        over = [i for i, (a, b) in enumerate(spans) if overlap(cell.x0, cell.x1, a, b) >=
                settings.span_overlap * min(cell.x1 - cell.x0, b - a)]
        if len(over) >= 2:
            for i in over:
                groups[i].append(cell)
        elif over:
            leafs[over[0]].append(cell)
        elif (cell.x0 + cell.x1) / 2 < text_right:
            text_heads.append(cell)
        else:
            nearest = min(range(len(spans)), key=lambda i: _distance(cell, spans[i]))
            leafs[nearest].append(cell)
    values = [[t.text for i, t in figures if spans[c][0] <= t.center <= spans[c][1]]
              for c in range(len(spans))]
    cols = _figures(raw, figures, spans)
    words = [_word_role(_text(leafs[c]), _text(groups[c])) for c in range(len(spans))]
    looks = [_role_from_values(values[c]) for c in range(len(spans))]
    labelled = _labelled_rounds([g + leaf for g, leaf in zip(groups, leafs, strict=True)])
    chosen = assign(cols, words, looks, labelled, chamber, settings)
    roles, rounds = list(chosen.roles), list(chosen.rounds)
    columns = tuple(Column(a, b, roles[c], rounds[c], _text(groups[c] + leafs[c]),
                           cols[c].decimal)
                    for c, (a, b) in enumerate(spans))
    dates = []
    for number in sorted(set(rounds)):
        cells_of_round = [h for c in range(len(spans)) if rounds[c] == number
                          for h in groups[c] + leafs[c]]
        found_dates = find_dates(_text(list(dict.fromkeys(cells_of_round))))
        if found_dates:
            dates.append((number, found_dates[0]))
    text_heads.sort(key=lambda h: h.x0)
    nominator = _nominator_x(raw.rows, text_right, text_heads)
    name_label = text_heads[0].text if text_heads else ""
    return TableModel(columns, text_right, nominator, tuple(dates), name_label, chosen.problem,
                      chosen.not_results)


def _distance(cell: HeaderCell, span: tuple[float, float]) -> float:
    return abs((cell.x0 + cell.x1) / 2 - (span[0] + span[1]) / 2)


def _text(cells_: list[HeaderCell]) -> str:
    return " ".join(h.text for h in sorted(cells_, key=lambda h: (round(h.top), h.x0)))


def _word_role(leaf: str, group: str) -> str | None:
    """The role a column's own label, then its group label, names; None when they name none.
    Only a tie-breaker: the figures decide (see :mod:`roles`)."""
    both = f"{group} {leaf}"
    if SHARE_HEADER.search(leaf):
        return "share"
    if VOTES_HEADER.search(leaf) and not SEATS_HEADER.search(leaf):
        return "votes"
    seats = SEATS_HEADER.search(both)
    if PR_HEADER.search(leaf) and (seats or not VOTES_HEADER.search(both)):
        return "seats_pr"
    if SMD_HEADER.search(leaf) and (seats or not VOTES_HEADER.search(both)):
        return "seats_smd"
    if seats:
        return "seats"
    if SHARE_HEADER.search(group):
        return "share"
    if VOTES_HEADER.search(group):
        return "votes"
    return None


def _role_from_values(values: list[str]) -> str:
    """Per cents have decimals or a % sign; among whole numbers, votes run into thousands."""
    texts = [v for v in values if any(ch.isdigit() for ch in v)]
    if any("%" in v for v in texts) or infer_format(texts).decimal is not None:
        return "share"
    biggest = max((len("".join(ch for ch in v if ch.isdigit())) for v in texts), default=0)
    return "votes" if biggest >= 4 else "seats"


def _labelled_rounds(labels: list[list[HeaderCell]]) -> list[int] | None:
    """Round of each column where the header names rounds ("First round, 30 October 2016"),
    else None (rounds are then searched from the figures)."""
    texts = [_text([h for h in cells_ if ROUND_HEADER.search(h.text)]) for cells_ in labels]
    if not any(texts):
        return None
    order = list(dict.fromkeys(t for t in texts if t))
    named = [(round_number(t) or order.index(t) + 1) if t else None for t in texts]
    # a merged round label may sit over only the first of its columns: the others take
    # the round of the nearest labelled column on their left (or right)
    return [n if n is not None else next(
        (m for m in [*reversed(named[:i]), *named[i + 1:]] if m is not None), 1)
        for i, n in enumerate(named)]


def _figures(raw: RawTable, figures: list[tuple[int, Token]],
             spans: list[tuple[float, float]]) -> list[ColumnFigures]:
    """Each column's cells row by row, with the totals row's figure."""
    cells_: list[list[str | None]] = [[None] * len(raw.rows) for _ in spans]
    for row, token in figures:
        for c, (a, b) in enumerate(spans):
            if a <= token.center <= b and cells_[c][row] is None:
                cells_[c][row] = token.text
                break
    totals: list[str | None] = [None] * len(spans)
    for band in raw.totals[:1]:
        for token in band.figures():
            for c, (a, b) in enumerate(spans):
                if overlap(token.x0, token.x1, a, b) > 0 and totals[c] is None:
                    totals[c] = token.text
                    break
    return [ColumnFigures(c, tuple(cells_[c]), totals[c]) for c in range(len(spans))]


def _nominator_x(rows: list[Band], text_right: float, heads: list[HeaderCell]) -> float | None:
    """Where a "nominated by" text column starts: the widest empty gutter in the text area."""
    if len(heads) < 2 or not NOMINATOR_HEADER.search(" ".join(h.text for h in heads[1:])):
        return None
    spans = sorted((t.x0, t.x1) for band in rows for t in band.tokens if t.x1 <= text_right)
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    gaps = [(b[0] - a[1], b[0]) for a, b in zip(merged, merged[1:], strict=False)]
    if not gaps:
        return None
    width, start = max(gaps)
    return start - 0.5 if width > 5 else None
