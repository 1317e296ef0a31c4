"""What each line of a turnout block is, decided from the block's own arithmetic.

A turnout block is a handful of figure lines printed above or under a results table. Each line
(one figure per round, a count or a per cent) may be the registered voters ``R``, the voters who
took part ``P``, the invalid ballots ``I``, the valid votes ``V``, the turnout ``T`` (per cent) or
something else (a share of invalid ballots, postal votes …). Every assignment of fields to lines
is tried and kept only when, in every round, it satisfies:

- ``R ≥ P ≥ V`` and ``P > I``, and invalid ballots fewer than the valid votes;
- ``V`` equals the sum of the contestants' votes (or the printed total of votes);
- ``P`` is at least that sum, and not by more than ``TurnoutSettings.uncounted`` of ``P``
  (invalid ballots are few); ``R`` is more than it;
- ``T ≈ P / R × 100`` at the printed precision — a per cent is the turnout only when the counts
  confirm it, or its label names it when they are not printed;
- ``V + I = P`` when all three are printed (a bonus, not a condition: a few ballots may go
  unaccounted).

Of the consistent assignments the one that explains most lines wins; label words (the
vocabulary) only break ties between equally consistent assignments. A line whose field still
differs between the best assignments is not guessed: like a line no field takes, it is kept as
printed in the round's extra figures (:mod:`rows`). Tolerances and weights are in
:class:`TurnoutSettings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from odihr.parse.results.kinds import label_field, label_text
from odihr.parse.results.layout import Band, Token
from odihr.parse.results.segment import RawTable
from odihr.parse.results.settings import DEFAULT_SEGMENT
from odihr.parse.results.vocab import TOTAL_LABEL
from odihr.parse.text.numbers import int_or_none

COUNT_FIELDS = ("registered_voters", "voters_participated", "invalid_ballots", "valid_votes")
PCT_FIELD = "turnout_pct"


@dataclass(frozen=True)
class TurnoutSettings:
    """Tolerances and weights of the arithmetic that decides a turnout block's lines (validated)."""

    #: A block of more lines than this is not a turnout block (nothing is read from it).
    max_lines: int = DEFAULT_SEGMENT.block_lines
    #: At most this share of the voters who took part cast no valid vote (invalid, unaccounted).
    uncounted: float = 0.3
    #: Weights: a line explained, a label that names the line's field, ``V + I = P``.
    explained: float = 1.0
    label: float = 0.25
    balance: float = 0.5
    #: Of two lines whose labels name one field, the first printed wins by this much.
    order: float = 0.001

    def __post_init__(self) -> None:
        checks = {"max_lines": 1 <= self.max_lines <= 9, "uncounted": 0 < self.uncounted < 1,
                  "explained": self.explained > 0,
                  "label": 0 <= self.label < self.explained,
                  "balance": 0 <= self.balance < self.explained,
                  "order": 0 <= self.order < self.label or self.label == 0}
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f"TurnoutSettings.{name} is out of range: {getattr(self, name)!r}")


DEFAULT_TURNOUT = TurnoutSettings()


@dataclass(frozen=True)
class TurnoutLine:
    """One printed line of a turnout block: its label and one figure per round (or None)."""

    label: str
    values: tuple[int | float | None, ...]
    percent: bool
    #: Decimal places of the per cents as printed (per round), for the rounding tolerance.
    places: tuple[int, ...] = ()


def assign(lines: list[TurnoutLine], vote_sums: list[int | None],
           settings: TurnoutSettings = DEFAULT_TURNOUT) -> dict[str, list[int | float | None]]:
    """Field → value per round, for the lines whose field the arithmetic (or a tie-broken
    label) decides. ``vote_sums`` holds, per round, the contestants' votes summed (or the
    printed total of votes), None when the table prints no votes."""
    return {name: list(lines[index].values)
            for index, name in fields_of(lines, vote_sums, settings).items()}


def fields_of(lines: list[TurnoutLine], vote_sums: list[int | None],
              settings: TurnoutSettings = DEFAULT_TURNOUT) -> dict[int, str]:
    """Line index → field, for the lines whose field the arithmetic (or a tie-broken label)
    decides (see :func:`assign`); the other lines are no turnout field."""
    if not lines or len(lines) > settings.max_lines:
        return {}
    best: list[tuple[str | None, ...]] = []
    top = float("-inf")
    for fields in _assignments(lines):
        score = _score(lines, fields, vote_sums, settings)
        if score is None:
            continue
        if score > top + 1e-9:
            top, best = score, [fields]
        elif abs(score - top) <= 1e-9:
            best.append(fields)
    out: dict[int, str] = {}
    for index in range(len(lines)):
        chosen = {fields[index] for fields in best}
        if len(chosen) == 1 and (name := chosen.pop()) is not None:
            out[index] = name
    return out


def _assignments(lines: list[TurnoutLine]) -> Iterator[tuple[str | None, ...]]:
    """Every way of giving each line a distinct field (or none)."""

    def walk(index: int, used: frozenset[str]) -> Iterator[tuple[str | None, ...]]:
        if index == len(lines):
            yield ()
            return
        options = (PCT_FIELD,) if lines[index].percent else COUNT_FIELDS
        for name in (*[o for o in options if o not in used], None):
            for rest in walk(index + 1, used | {name} if name else used):
                yield (name, *rest)

    yield from walk(0, frozenset())


def _score(lines: list[TurnoutLine], fields: tuple[str | None, ...],
           vote_sums: list[int | None], settings: TurnoutSettings) -> float | None:
    """How well the assignment fits, or None when it breaks an invariant in some round."""
    score = 0.0
    named = {name: lines[i] for i, name in enumerate(fields) if name is not None}
    for i, name in enumerate(fields):
        if name is None:
            continue
        score += settings.explained
        said = label_field(lines[i].label)
        if said is not None:
            # (of two lines whose labels name one field, the first printed wins)
            score += settings.label - settings.order * i if said == name else -settings.label
    pct = named.get(PCT_FIELD)
    if pct is not None and not ({"registered_voters", "voters_participated"} <= named.keys()) \
            and label_field(pct.label) != PCT_FIELD:
        return None  # a per cent nothing confirms is not taken for the turnout
    for number in range(max(len(line.values) for line in lines)):
        value = {name: _at(line, number) for name, line in named.items()}
        places = pct.places[number] if pct is not None and number < len(pct.places) else 2
        named_pct = pct is not None and label_field(pct.label) == PCT_FIELD
        fit = _round_fit(value, vote_sums[number] if number < len(vote_sums) else None, places,
                         settings, named_pct)
        if fit is None:
            return None
        score += fit
    return score


def _at(line: TurnoutLine, number: int) -> int | float | None:
    return line.values[number] if number < len(line.values) else None


def _round_fit(value: dict[str, int | float | None], votes: int | None,
               places: int, settings: TurnoutSettings, named_pct: bool = False) -> float | None:
    """The invariants of one round: None when one is broken, else the bonus earned."""
    reg, took = value.get("registered_voters"), value.get("voters_participated")
    bad, valid = value.get("invalid_ballots"), value.get("valid_votes")
    pct = value.get(PCT_FIELD)
    order = [v for v in (reg, took, valid) if v is not None]
    if any(a < b for a, b in zip(order, order[1:], strict=False)):
        return None  # registered ≥ took part ≥ valid
    if bad is not None and ((took is not None and bad >= took) or
                            (valid is not None and bad >= valid) or
                            (votes is not None and bad >= votes)):
        return None  # invalid ballots are few
    if votes is not None:
        if valid is not None and valid != votes:
            return None
        if took is not None and took < votes or reg is not None and reg <= votes:
            return None
        if took is not None and took - votes > settings.uncounted * took:
            return None  # so many voters who took part cast no valid vote: not who took part
    if pct is not None:
        if not 0 < pct <= 100:
            return None
        if reg and took is not None and abs(pct - 100 * took / reg) > 0.5 * 10 ** -places + 1e-6 \
                and not named_pct:
            return None  # a per cent of something else (a labelled turnout may be the source's own)
    bonus = 0.0
    if took is not None and bad is not None:
        counted = valid if valid is not None else votes
        if counted is not None and counted + bad == took:
            bonus += settings.balance
    return bonus


def is_percent(text: str) -> bool:
    """A per cent as printed: a ``%`` sign, or one or two decimal places."""
    return "%" in text or bool(re.search(r"\d[.,]\d{1,2}\)?$", text))


def peel_turnout(raw: RawTable, settings: TurnoutSettings = DEFAULT_TURNOUT) -> None:
    """Move the trailing lines of a table that are shaped as a turnout block, not as contestant
    rows, to its turnout. Contestant rows print a per cent beside their counts (a contestant out
    of a later round still prints its first round's); the lines after the last such row that
    print counts only or per cents only are a turnout block when
    one of their counts is larger than every figure above it in its column (the voters on the
    lists, or who took part, outnumber any contestant's votes; a row of seats only is small).
    """
    kinds = [[is_percent(t.text) for t in band.figures() if not t.dash] for band in raw.rows]
    mixed = [i for i, k in enumerate(kinds) if any(k) and not all(k)]
    if len(mixed) < 2:
        return  # no per cents beside the counts: no shape to tell by
    start, widest = mixed[-1] + 1, max(len(kinds[i]) for i in mixed)  # (of the rows)
    last = max((b.page, b.top) for b in raw.rows)
    for band in list(raw.totals):  # "Valid votes 1,234" under the rows: a line of the block
        mine = [is_percent(t.text) for t in band.figures() if not t.dash]
        if (band.page, band.top) > last and mine and (all(mine) or not any(mine)) and \
                len(mine) < widest and not TOTAL_LABEL.match(label_text(band)):
            raw.totals.remove(band)
            raw.turnout.append(band)
    start = _past_contestant_rows(raw, start, widest)
    block = kinds[start:]
    if not block or len(block) > settings.max_lines or any(
            not k or (any(k) and not all(k)) for k in block):
        return
    above = raw.rows[:start]
    large = [token for band in raw.rows[start:] for token in band.figures()
             if not is_percent(token.text) and _outnumbers(token, above)]
    if not large:
        return
    # a leading line whose counts stand in none of the large counts' columns is a contestant's
    # row printing seats only (independents), not a line of the block
    while start < len(raw.rows):
        counts = [t for t in raw.rows[start].figures() if not t.dash and not is_percent(t.text)]
        if not counts or any(t.x0 < o.x1 and o.x0 < t.x1 for t in counts for o in large):
            break
        start += 1
    raw.turnout[:0] = raw.rows[start:]
    del raw.rows[start:]


def _past_contestant_rows(raw: RawTable, start: int, widest: int) -> int:
    """The first row from ``start`` that can open a turnout block: a row above the totals row
    is a contestant's (totals close the rows), and so is a row that fills every cell the
    contestants' rows fill, dashes for the figures that do not apply to it (independents
    elected in districts: no votes, no share, their seats)."""
    opened = (raw.rows[start - 1].page, raw.rows[start - 1].top)
    closing = min(((b.page, b.top) for b in raw.totals if (b.page, b.top) > opened),
                  default=None)
    while start < len(raw.rows):
        band = raw.rows[start]
        cells = band.figures()
        if not ((closing is not None and (band.page, band.top) < closing) or
                (any(t.dash for t in cells) and len(cells) >= widest)):
            break
        start += 1
    return start


def _outnumbers(token: Token, above: list[Band]) -> bool:
    """Whether a count is larger than every count printed above it in its column."""
    value = _whole(token.text)
    column = [_whole(t.text) for band in above for t in band.figures()
              if t.x0 < token.x1 and token.x0 < t.x1 and not is_percent(t.text)]
    known = [v for v in column if v is not None]
    return value is not None and len(known) >= 2 and value > max(known)


def _whole(text: str) -> int | None:
    try:
        return int_or_none(text.strip("()"))
    except ValueError:
        return None


def pass_on_turnout(raw: RawTable, following: RawTable, rounds: int) -> None:
    """Lines at the end of a table's turnout that print more figures than the table has rounds
    are the block of the next table, printed above it without a caption between: they go to
    that table when it has no block of its own above its header."""
    if not following.header or any((b.page, b.top) < (following.header[0].page,
                                                       following.header[0].top)
                                   for b in following.turnout):
        return
    cut = len(raw.turnout)
    while cut > 0 and len([t for t in raw.turnout[cut - 1].figures() if not t.dash]) > rounds:
        cut -= 1
    if cut < len(raw.turnout) and cut > 0:
        following.turnout[:0] = raw.turnout[cut:]
        del raw.turnout[cut:]
