"""Reading a table's bands as records: contestant rows, printed totals and the turnout block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from odihr.errors import UnknownLayout
from odihr.parse.results.columns import Column, TableModel
from odihr.parse.results.kinds import label_text
from odihr.parse.results.layout import Band, Token
from odihr.parse.results.segment import RawTable
from odihr.parse.results.turnout import (
    DEFAULT_TURNOUT,
    TurnoutLine,
    TurnoutSettings,
    fields_of,
    is_percent,
)
from odihr.parse.text.numbers import int_or_none, percent_or_none
from odihr.records import ResultRound, ResultRow

_MARKERS = re.compile(r"[¹²³⁰⁴-⁹]+|(?<=[^\W\d])[*†‡]+|(?<=[)\]])\d{1,3}$")
_ORDINAL = re.compile(r"^\d{1,3}[.)]\s+")


@dataclass
class RoundFigures:
    """What one round of a table says, gathered before it is frozen into a ResultRound."""

    rows: list[ResultRow] = field(default_factory=list)
    turnout: dict[str, float | int] = field(default_factory=dict)
    totals: dict[str, float | int] = field(default_factory=dict)
    #: Turnout-block lines no field takes (a share of invalid ballots, postal votes …), kept
    #: as printed: (label, value) in printed order.
    extra: list[tuple[str, float | int]] = field(default_factory=list)


def clean_name(text: str) -> str:
    """A contestant's name as printed, without footnote markers and numbering."""
    name = _MARKERS.sub("", " ".join(text.split()))
    name = _ORDINAL.sub("", name)
    return " ".join(name.split()).strip(" ,;:")


def join_lines(tokens: list[Token]) -> str:
    """Words of a (possibly wrapped) cell in reading order; a line ending in a hyphen joins up."""
    text = ""
    for token in sorted(tokens, key=lambda t: (round(t.top), t.x0)):
        if text and not (text.endswith("-") and text[-2:-1].isalpha()):
            text += " "
        text += token.text
    return text


def _assign(band: Band, model: TableModel) -> tuple[dict[Column, Token], list[Token]]:
    """The band's figures by column, and the tokens that are left as text."""
    assigned: dict[Column, Token] = {}
    for token in band.figures():
        column = model.column_of(token)
        if column is not None and column not in assigned:
            assigned[column] = token
    used = {id(t) for t in assigned.values()}
    return assigned, [t for t in band.tokens if id(t) not in used and t.x0 < model.text_right]


def _ordinal(text: list[Token]) -> bool:
    """Whether the row's text starts with a row number (``1``, ``2.``) left of the name."""
    first = min(text, key=lambda t: (round(t.top), t.x0), default=None)
    return first is not None and bool(re.fullmatch(r"\d{1,3}[.)]?", first.text)) and \
        len(text) > 1


def _value(column: Column, token: Token, page: int) -> int | float | None:
    """The figure in a cell, as its column's role says to read it."""
    text = token.text.strip("()")
    try:
        if column.role == "share":
            return percent_or_none(text, column.decimal)
        return int_or_none(text)
    except ValueError as error:
        what = f"a {'per cent' if column.role == 'share' else 'whole number'} in the column " \
            f"{column.label or column.role!r}"
        raise UnknownLayout(page, what, f"{token.text!r} ({error})") from None


def read_rounds(raw: RawTable, model: TableModel,
                turnout: TurnoutSettings = DEFAULT_TURNOUT) -> dict[int, RoundFigures]:
    """Rows, totals and turnout of every round of the table."""
    rounds = {number: RoundFigures() for number in model.rounds()}
    texts = [_assign(band, model) for band in raw.rows]
    numbered = sum(1 for _, text in texts if _ordinal(text)) >= 0.6 * len(texts)
    for band, (assigned, text) in zip(raw.rows, texts, strict=True):
        if numbered and _ordinal(text):  # a "No." column numbering the rows
            first = min(text, key=lambda t: (round(t.top), t.x0))
            text = [t for t in text if t is not first]
        split = model.nominator_x
        name = clean_name(join_lines([t for t in text if split is None or t.x0 < split]))
        nominator = clean_name(join_lines([t for t in text if split is not None and
                                           t.x0 >= split])) or None
        if not name:
            continue
        for number, figures in rounds.items():
            values = {c.role: _value(c, t, band.page) for c, t in assigned.items()
                      if c.round == number and c.role != "extra"}
            if number > 1 and all(v is None for v in values.values()):
                continue  # eliminated before this round: dashes or blanks
            extras = tuple((c.label, _extra(c, assigned.get(c))) for c in model.columns
                           if c.role == "extra" and c.round == number)
            figures.rows.append(ResultRow(
                contestant=name, votes=_int(values.get("votes")), vote_share=values.get("share"),
                page=band.page, seats=_int(values.get("seats")),
                seats_proportional=_int(values.get("seats_pr")),
                seats_majoritarian=_int(values.get("seats_smd")), nominated_by=nominator,
                extra_figures=extras,
            ))
    for band in raw.totals:
        assigned, _ = _assign(band, model)
        for column, token in assigned.items():
            if column.role == "extra":
                continue
            value = _value(column, token, band.page)
            if value is not None:
                rounds[column.round].totals.setdefault(column.role, value)
    _read_turnout(raw.turnout, model, rounds, turnout)
    return rounds


def _read_turnout(bands: list[Band], model: TableModel, rounds: dict[int, RoundFigures],
                  settings: TurnoutSettings) -> None:
    """The turnout block: its lines' figures placed by round, their fields decided from the
    block's arithmetic against the rounds' votes (:mod:`turnout`). A line no field takes is
    kept as printed in the round's extra figures: nothing printed is dropped."""
    numbers = sorted(rounds)
    lines = [line for band in bands for line in _turnout_lines(band, model, numbers)]
    sums = [_vote_sum(rounds[n]) for n in numbers]
    fields = fields_of(lines, sums, settings)
    for index, line in enumerate(lines):
        for number, value in zip(numbers, line.values, strict=False):
            if value is None:
                continue
            if index in fields:
                rounds[number].turnout.setdefault(fields[index], value)
            else:
                rounds[number].extra.append((line.label, value))


def _turnout_lines(band: Band, model: TableModel, numbers: list[int]) -> list[TurnoutLine]:
    """A band's counts as one line and its per cents as another, one figure per round."""
    label = label_text(band)
    figures = [t for t in band.numbers() if not t.dash]
    out = []
    for percent in (False, True):
        parse = _percent if percent else _count
        mine = [t for t in figures if is_percent(t.text) == percent and
                parse(t.text) is not None]
        if not mine:
            continue
        if len(mine) == len(numbers):
            placed = list(zip(numbers, mine, strict=True))
        else:
            placed = [(model.round_of(t) if len(numbers) > 1 else numbers[0], t) for t in mine]
        by_round: dict[int, Token] = {}
        for number, token in placed:
            by_round.setdefault(number, token)
        values = tuple(parse(by_round[n].text) if n in by_round else None for n in numbers)
        places = tuple(_places(by_round[n].text) if n in by_round else 2 for n in numbers)
        out.append(TurnoutLine(label, values, percent, places))
    return out


def _places(text: str) -> int:
    found = re.search(r"[.,](\d+)\D*$", text)
    return len(found.group(1)) if found else 0


def _vote_sum(figures: RoundFigures) -> int | None:
    """The round's valid votes as its table prints them: the totals row, else the rows' sum."""
    if "votes" in figures.totals:
        return int(figures.totals["votes"])
    votes = [r.votes for r in figures.rows if r.votes is not None]
    return sum(votes) if votes else None


def _extra(column: Column, token: Token | None) -> int | float | str | None:
    """A figure of a column that is neither votes, share nor seats: a whole number, a number
    with decimals, or the text as printed."""
    if token is None or token.dash:
        return None
    text = token.text.strip("()")
    try:
        if column.decimal is None and "%" not in text:
            return int_or_none(text)
        return percent_or_none(text, column.decimal)
    except ValueError:
        return token.text


def _percent(text: str) -> float | None:
    try:
        return percent_or_none(text.strip("()"))
    except ValueError:
        return None


def _count(text: str) -> int | None:
    try:
        return int_or_none(text.strip("()"))
    except ValueError:
        return None  # a per cent printed next to a count ("29,416 (2.1%)")


def freeze_round(number: int, figures: RoundFigures, page: int,
                 when: date | None) -> ResultRound:
    """The round as a record; valid votes fall back to the printed total of votes."""
    turnout, totals = figures.turnout, figures.totals
    valid = turnout.get("valid_votes", totals.get("votes"))
    return ResultRound(
        number=number, rows=tuple(figures.rows), page=page, date=when,
        registered_voters=_int(turnout.get("registered_voters")),
        voters_participated=_int(turnout.get("voters_participated")),
        turnout_pct=_float(turnout.get("turnout_pct")),
        valid_votes=_int(valid), invalid_ballots=_int(turnout.get("invalid_ballots")),
        printed_votes_total=_int(totals.get("votes")),
        printed_share_total=_float(totals.get("share")),
        printed_seats_total=_int(totals.get("seats")),
        extra_figures=tuple(figures.extra),
    )


def _int(value: float | int | None) -> int | None:
    return None if value is None else int(value)


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)
