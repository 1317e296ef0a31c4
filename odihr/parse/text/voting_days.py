"""The voting days an election line prints: a list of days, a span of weeks or a year only.

``Parliamentary Elections, 25 AND 26 SEPTEMBER 1998``, ``… – 24 June - 19 August 2001``,
``2009 PARLIAMENTARY ELECTIONS``: :func:`split_trailing_days` and :func:`split_leading_year`
separate an election phrase from its days, :class:`VotingDays` holds them and writes them as the
site titles elections. The dates themselves are read by :mod:`odihr.parse.text.dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from odihr.parse.text.dates import (
    MONTHS,
    US_ITEM,
    clean_text,
    day_first,
    format_dates,
    parse_date,
    parse_dates,
    parse_period,
)

_YEAR_ONLY = re.compile(r"^(?:1[89]|20)\d{2}$")
_LEADING_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})\s+(?P<rest>[^\W\d_].*)$")
#: What may separate an election phrase from its dates: ``, `` ``–`` ``-`` ``:`` or a space.
_SEPARATORS = " ,;:–—-"


@dataclass(frozen=True)
class VotingDays:
    """The voting days a cover prints: a list of days, a span (first and last day of an
    election held over weeks, ``24 June - 19 August 2001``), or a year only (``2009``)."""

    dates: tuple[date, ...]
    year: int
    span: bool = False

    def text(self) -> str:
        """As the site titles elections: ``30 October and 13 November 2016``,
        ``24 June – 19 August 2001``, ``2009``."""
        if not self.dates:
            return str(self.year)
        if self.span:
            start, end = self.dates
            first = format_dates((start,))
            if start.year == end.year:
                first = first.rsplit(" ", 1)[0]
                if start.month == end.month:
                    first = first.split(" ", 1)[0]
            return f"{first} – {format_dates((end,))}"
        return format_dates(self.dates)


def parse_voting_days(text: str) -> VotingDays:
    """Read the voting days of an election line: a date or list (:func:`parse_dates`), a span
    (:func:`parse_period`) or a bare year.

    Raises:
        ValueError: ``text`` is none of these.
    """
    cleaned = clean_text(text)
    if _YEAR_ONLY.match(cleaned):
        return VotingDays((), int(cleaned))
    try:
        dates = parse_dates(cleaned)
    except ValueError:
        start, end = parse_period(day_first(cleaned))
        return VotingDays((start, end), end.year, span=True)
    return VotingDays(dates, dates[-1].year)


def split_trailing_days(line: str) -> tuple[str, VotingDays] | None:
    """Split ``Parliamentary Elections, 25 AND 26 SEPTEMBER 1998`` (or ``… – 4 December 2011``,
    ``… JUNE 29, 1997``, ``… 2007``) into the words before the dates and the dates.

    The longest tail of whole words that reads as voting days wins; ``None`` when the line does
    not end with voting days or has nothing before them.
    """
    words = line.split()
    for start in range(1, len(words)):
        head = " ".join(words[:start]).rstrip(_SEPARATORS)
        tail = " ".join(words[start:]).lstrip(_SEPARATORS)
        if not head or not tail or not tail[0].isdigit() and not US_ITEM.match(tail):
            continue
        try:
            days = parse_voting_days(tail)
        except ValueError:
            continue
        last = head.split()[-1].lower().rstrip(".,")
        if not days.dates and (last in MONTHS or last[-1:].isdigit()):
            return None  # the year of a date ("20 March 2016"), not a year on its own
        return head, days
    return None


def split_leading_year(line: str) -> tuple[VotingDays, str] | None:
    """``2009 PARLIAMENTARY ELECTIONS`` -> (the year 2009, ``PARLIAMENTARY ELECTIONS``)."""
    match = _LEADING_YEAR.match(" ".join(line.split()))
    return (VotingDays((), int(match["year"])), match["rest"]) if match else None


def split_leading_date(line: str) -> tuple[date, str] | None:
    """``21 January 2019 Warsaw`` -> (2019-01-21, ``Warsaw``): one date, then other words."""
    words = line.split()
    for end in range(len(words) - 1, 0, -1):
        try:
            found = parse_date(" ".join(words[:end]).rstrip(_SEPARATORS))
        except ValueError:
            continue
        return found, " ".join(words[end:]).lstrip(_SEPARATORS)
    return None
