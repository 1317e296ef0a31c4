"""Dates as ODIHR reports and pages print them, in English and Russian: the one date module.

Handles single dates (``20 March 2016``, ``30 MAY 1999``, ``20 марта 2016 года``, ``2016-03-20``,
``20.03.2016``, a document code's ``12-11-1997``, US order ``JUNE 29, 1997``, a cover's glued
``21June 2015``), lists of voting days that share a trailing month or year (``30 October and 13
November 2016``, ``25 AND 26 SEPTEMBER 1998``, ``31 October, 21 November and 26 December 2004``,
``5 November 2000 & 7 January 2001``), periods (``17 February – 2 March 2016``, ``from 18 April to
2 May 2007``) and month-only dates (``October 1996``); the voting days of an election line (a
list, a span of weeks or a year only) are :mod:`odihr.parse.text.voting_days`. A footnote marker
glued to the year (``20161`` for ``2016`` + note 1) is tolerated, because PDF text layers print
superscripts inline.
"""

from __future__ import annotations

import re
from datetime import date

_EN_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
#: Russian month forms: nominative (``март``), genitive (``марта``), prepositional (``марте``).
_RU_MONTHS = (
    ("январь", "января", "январе"), ("февраль", "февраля", "феврале"), ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"), ("май", "мая", "мае"), ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"), ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
)


#: French month names (results tables of francophone missions print them).
_FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, name in enumerate(_EN_MONTHS, start=1):
        table[name] = number
        table[name[:3]] = number
        table[name[:3] + "."] = number
    table["sept"] = table["sept."] = 9
    for number, forms in enumerate(_RU_MONTHS, start=1):
        table.update(dict.fromkeys(forms, number))
    for number, name in enumerate(_FR_MONTHS, start=1):
        table[name] = number
    return table


#: Lower-case month word (English full and abbreviated, Russian in any case form, French) -> number.
MONTHS: dict[str, int] = _month_table()

_MONTH = (
    "(?:" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")(?!\w)"
)
#: A year, optionally followed by a footnote marker of one or two digits printed inline.
_YEAR = r"(?:1[89]|20)\d{2}(?:\d{1,2})?(?!\d)"
_YEAR_SUFFIX = r"(?:\s*(?:года|год|г\.?)(?!\w))?"
_DAY = r"(?<!\d)(?:3[01]|[012]?\d)(?!\d)(?:st|nd|rd|th)?"
#: Between a day and its month: a space, or nothing where a cover glued them (``21June 2015``).
_GAP = r"\s*"
_ITEM = rf"{_DAY}(?:{_GAP}{_MONTH}(?:\s+{_YEAR}{_YEAR_SUFFIX})?)?"
_JOIN = r"\s*(?:,\s*(?:and\s+|и\s+)?|\s(?:and|и|&)\s)\s*"
_DASH = r"(?:\s*[–—-]\s*|\s+(?:to|until|по|до)\s+)"

_ITEM_RE = re.compile(
    rf"(?P<day>{_DAY})(?:{_GAP}(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}){_YEAR_SUFFIX})?)?",
    re.IGNORECASE,
)
#: One date or a list of dates, the last of which carries month and year.
DATE_LIST_RE = re.compile(
    rf"{_ITEM}(?:{_JOIN}{_ITEM})*(?<=\d)(?:{_YEAR_SUFFIX})", re.IGNORECASE
)
#: Dates joined by lists and dashes alike, for finding every date in running text.
_ANY_DATES_RE = re.compile(
    rf"{_ITEM}(?:(?:{_JOIN}|{_DASH}){_ITEM})*(?<=\d)(?:{_YEAR_SUFFIX})", re.IGNORECASE
)
#: A month name anywhere (``First round, 30 October 2016``).
MONTH_WORD = re.compile(rf"\b{_MONTH}", re.IGNORECASE)
_PERIOD_RE = re.compile(rf"^(?:from\s+|с\s+)?(?P<start>{_ITEM}){_DASH}(?P<end>{_ITEM})$",
                        re.IGNORECASE)
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: ``20.03.2016``, ``20.03.2016 г.`` and a document code's ``12-11-1997`` (day first).
_NUMERIC_RE = re.compile(rf"^(\d{{1,2}})([./-])(\d{{1,2}})\2(\d{{4}}){_YEAR_SUFFIX}$")
#: US order, ``JUNE 29, 1997``: a month word directly followed by its day.
US_ITEM = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?!\s*[./:-]?\d)", re.IGNORECASE)
_US_YEAR = re.compile(rf",\s*(?P<year>{_YEAR})$")
_US_FULL = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})",
                      re.IGNORECASE)
_MONTH_YEAR_RE = re.compile(rf"^(?P<month>{_MONTH})\s+(?P<year>{_YEAR}){_YEAR_SUFFIX}$",
                            re.IGNORECASE)


def clean_text(text: str) -> str:
    """``text`` with its spaces folded (no-break ones too) and edge punctuation dropped."""
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .;:")


def _year(raw: str) -> int:
    """The year of a matched year token, dropping a glued footnote marker (``20161`` -> 2016)."""
    return int(raw[:4])


def _items(text: str) -> list[tuple[int, int | None, int | None]]:
    """Split a date list into (day, month, year) items, each possibly missing month or year."""
    found = []
    for match in _ITEM_RE.finditer(text):
        day = int(re.sub(r"\D", "", match["day"]))  # "1st" -> 1
        month = MONTHS[match["month"].lower()] if match["month"] else None
        year = _year(match["year"]) if match["year"] else None
        found.append((day, month, year))
    return found


def _resolve(items: list[tuple[int, int | None, int | None]]) -> tuple[date, ...]:
    """Carry month and year backwards: ``30 October and 13 November 2016``.

    A carried year that would put a date after the next one belongs to the year before
    (``31 December and 5 January 2020``).
    """
    dates: list[date] = []
    month: int | None = None
    year: int | None = None
    for day, item_month, item_year in reversed(items):
        month = item_month or month
        year = item_year or year
        if month is None or year is None:
            raise ValueError("a date without month or year")
        if item_year is None and item_month is not None and dates \
                and (month, day) > (dates[-1].month, dates[-1].day):
            year -= 1
        try:
            dates.append(date(year, month, day))
        except ValueError:
            raise ValueError(f"no such day: {day}.{month}.{year}") from None
    return tuple(reversed(dates))


def day_first(text: str) -> str:
    """US order to day-first: ``June 29, 1997`` -> ``29 June 1997``; other text unchanged."""
    if not US_ITEM.search(text) or not _US_YEAR.search(text):
        return text
    swapped = US_ITEM.sub(lambda m: f"{m['day']} {m['month']}", text)
    return _US_YEAR.sub(lambda m: f" {m['year']}", swapped)


def parse_dates(text: str) -> tuple[date, ...]:
    """Parse one date or a list of dates that makes up all of ``text``.

    Args:
        text: e.g. ``"18 May and 1 June 2025"``, ``"30 октября и 13 ноября 2016 года"``,
            ``"2016-03-20"``.

    Returns:
        The dates in printed order.

    Raises:
        ValueError: ``text`` is not (only) a date or list of dates.
    """
    cleaned = clean_text(text)
    iso = _ISO_RE.match(cleaned)
    if iso:
        return (date(int(iso[1]), int(iso[2]), int(iso[3])),)
    numeric = _NUMERIC_RE.match(cleaned)
    if numeric:
        try:
            return (date(int(numeric[4]), int(numeric[3]), int(numeric[1])),)
        except ValueError:
            raise ValueError(f"no such day: {text!r}") from None
    cleaned = day_first(cleaned)
    match = DATE_LIST_RE.fullmatch(cleaned)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    return _resolve(_items(cleaned))


def parse_date(text: str) -> date:
    """Parse exactly one date (``"27 June 2016"``); raise ``ValueError`` otherwise."""
    dates = parse_dates(text)
    if len(dates) != 1:
        raise ValueError(f"expected one date, found {len(dates)}: {text!r}")
    return dates[0]


def parse_period(text: str) -> tuple[date, date]:
    """Parse a period such as ``"17 February – 2 March 2016"`` or ``"2 – 4 June 2020"``."""
    match = _PERIOD_RE.match(clean_text(text))
    if not match:
        raise ValueError(f"not a period: {text!r}")
    start, end = _resolve(_items(match["start"]) + _items(match["end"]))
    if end < start:
        raise ValueError(f"period ends before it starts: {text!r}")
    return start, end


def is_period(text: str) -> bool:
    """Whether ``text`` is a period (two dates joined by a dash)."""
    try:
        parse_period(text)
    except ValueError:
        return False
    return True


def parse_month_year(text: str) -> tuple[int, int]:
    """Parse a month-only date such as ``"October 1996"`` into ``(year, month)``."""
    match = _MONTH_YEAR_RE.match(clean_text(text))
    if not match:
        raise ValueError(f"not a month and year: {text!r}")
    return _year(match["year"]), MONTHS[match["month"].lower()]


def search_dates(text: str) -> tuple[date, ...]:
    """The first date or date list found anywhere in ``text``, or ``()``."""
    found = find_dates(text, first_only=True)
    return tuple(found)


def find_dates(text: str, *, first_only: bool = False) -> list[date]:
    """Every date in ``text``, in printed order: ``First round, 30 October and 13 November
    2016`` and ``8 – 22 May 2016`` give two each (a day takes the month and year of the date it
    is joined to by a list or a dash); days without a month and year after them are skipped."""
    found: list[date] = []
    text = _US_FULL.sub(lambda m: f"{m['day']} {m['month']} {m['year']}", " ".join(text.split()))
    for match in _ANY_DATES_RE.finditer(day_first(text)):
        try:
            found.extend(_resolve(_items(match.group())))
        except ValueError:
            continue
        if first_only:
            break
    return found


def format_dates(dates: tuple[date, ...] | list[date]) -> str:
    """Format dates the way the ODIHR site titles elections.

    ``(2016-10-30, 2016-11-13)`` -> ``"30 October and 13 November 2016"``;
    ``(2020-03-22, 2020-03-29)`` -> ``"22 and 29 March 2020"``.
    """
    if not dates:
        raise ValueError("no dates to format")
    parts: list[str] = []
    for index, day in enumerate(dates):
        following = dates[index + 1] if index + 1 < len(dates) else None
        text = str(day.day)
        if following is None or (following.month, following.year) != (day.month, day.year):
            text += " " + _EN_MONTHS[day.month - 1].capitalize()
        if following is None or following.year != day.year:
            text += f" {day.year}"
        parts.append(text)
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


_LEADING_YMD = re.compile(r"(?:D:)?(\d{4})-?(\d{2})-?(\d{2})")


def leading_ymd(value: object) -> date | None:
    """The date a machine-written stamp starts with, or None.

    ISO ``2016-03-20T12:00:00Z`` (an HTML ``<time datetime>``) and PDF ``D:20161021…`` (a PDF's
    ``CreationDate``) both qualify; an impossible date gives None.
    """
    match = _LEADING_YMD.match(str(value or ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
