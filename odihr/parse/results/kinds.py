"""What each band of a results section is: a header, a row, a totals row, a turnout line or text.

A header band names the columns (a contestant column and a figures column, laid out over
columns, without figures of its own). A band whose label names a turnout field
("Registered voters", "Явка") is a turnout line; "Total" or "Total valid votes" is a totals row;
any other band ending in figures is a contestant row; the rest is text. Labels are only a hint
here: figure lines outside a table, and trailing lines shaped as a turnout block, are turnout
lines whatever their words (:mod:`segment`, :mod:`turnout`), and which field each line holds is
decided from the block's arithmetic (:mod:`turnout`).
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from odihr.parse.results.layout import Band, cells
from odihr.parse.results.vocab import (
    MONTH_WORD,
    NAME_HEADER,
    ROUND_HEADER,
    SEATS_HEADER,
    SHARE_HEADER,
    TOTAL_LABEL,
    TURNOUT_LABELS,
    VALID_LABEL,
    VOTES_HEADER,
)

#: A wrapped cell line sits closer than this share of the font size to its row.
WRAP_GAP = 0.75
#: Small whole numbers (days, years) may stand in a header; other figures may not.
PLAIN_INT = re.compile(r"\d{1,4}")


class BandKind(Enum):
    """What a band holds."""

    HEADER = "header"
    ROW = "row"
    TOTAL = "total"
    TURNOUT = "turnout"
    TEXT = "text"


def label_text(band: Band) -> str:
    """The band's words that are not its figures."""
    return " ".join(t.text for t in band.label_tokens())


def turnout_field(band: Band) -> str | None:
    """The turnout-block field a band's label names, if any."""
    return label_field(label_text(band))


@lru_cache(maxsize=4096)  # a pure function of the text: candidate bands repeat their labels
def label_field(label: str) -> str | None:
    """The turnout-block field a label's words name, if any: a hint that a line is a turnout
    line, and a tie-breaker for its field (:mod:`odihr.parse.results.turnout` decides it)."""
    for name, pattern in TURNOUT_LABELS:
        if pattern.search(label):
            return name
    return "valid_votes" if VALID_LABEL.search(label) and not TOTAL_LABEL.match(label) else None


def is_header(band: Band) -> bool:
    """Column labels: names a contestant column and a figures column, with no figures itself."""
    text = band.text
    kinds = [p for p in (VOTES_HEADER, SHARE_HEADER, SEATS_HEADER) if p.search(text)]
    if not kinds or not (NAME_HEADER.search(text) or all(ln.bold for ln in band.lines) or
                         len(kinds) >= 2):
        return False
    if max(len(cells(line)) for line in band.lines) < 2:
        return False  # a sentence, not labels laid out over columns
    if band.numbers() and any(p.search(label_text(band)) for _, p in TURNOUT_LABELS):
        return False  # "Voters on the voter lists 5,300": a turnout line with its figure
    numbers = [t for t in band.tokens if t.numeric]
    return all(PLAIN_INT.fullmatch(t.text) for t in numbers) and \
        len(numbers) <= 2 * len(band.tokens) // 3


def classify(band: Band) -> BandKind:
    """What ``band`` is."""
    if is_header(band):
        return BandKind.HEADER
    figures = band.numbers()
    if not figures:
        return BandKind.TEXT
    label = label_text(band)
    if all(PLAIN_INT.fullmatch(t.text) for t in figures) and (
            ROUND_HEADER.search(label) or MONTH_WORD.search(label)):
        return BandKind.TEXT  # "First round, 30 October 2016": a header line, not a row
    turnout = turnout_field(band)
    if turnout and turnout != "valid_votes":
        return BandKind.TURNOUT
    if TOTAL_LABEL.match(label) or VALID_LABEL.search(label):
        return BandKind.TOTAL  # "Total", "Total valid votes", "Valid votes"
    return BandKind.ROW  # a row, or the figures line of a row whose name wraps around it


def adjacent(first: Band, second: Band) -> bool:
    """Whether ``second`` follows ``first`` on its page with no more than a line's leading."""
    if first.page != second.page:
        return False
    size = max(ln.size for ln in (*first.lines, *second.lines))
    return second.top - first.bottom <= WRAP_GAP * size
