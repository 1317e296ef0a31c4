"""The kinds of line a report's cover, title block or running header is made of.

Each reader takes one cleaned line and says whether it is that kind of line (and what it holds),
from the line's structure: an election line is an election phrase with its voting days around it
(``Republic of Kazakhstan – Early Parliamentary Elections, 20 March 2016``, ``Russian Federation,
State Duma Elections – 4 December 2011``, ``2009 PARLIAMENTARY ELECTIONS``, ``Presidential
Election, Second Round, 5 May 2019``); a place line is a place and a date in either order; a
letterhead line holds an address, a telephone number or an e-mail address; a partner line is the
text of a partner organisation's logo; a code line is a document code with its date
(``EL.97/AL1/ver.1 12-11-1997``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from odihr.parse.metadata.countries import site_country
from odihr.parse.text import terms
from odihr.parse.text.dates import MONTHS, parse_date, parse_dates, parse_month_year
from odihr.parse.text.elections import title_case
from odihr.parse.text.voting_days import (
    VotingDays,
    parse_voting_days,
    split_leading_date,
    split_leading_year,
    split_trailing_days,
)

_FOOTNOTE_MARKER = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
#: A page label; front matter (contents, summary) numbers its pages in lower-case roman
#: (``Page: iii``).
_PAGE = (r"\b(?:(?:page|p\.|страница|стр\.)\s*:?\s*\d+(?:\s*(?:of|/|из)\s*\d+)?|"
         r"(?:page|страница)\s*:?\s*(?=[ivxlc])c?(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})\b)")
#: A page label printed at either end of a header line (``Republic of Kazakhstan    Page: 3``).
_PAGE_LABEL = re.compile(rf"^\s*{_PAGE}\s*[|–—-]?\s*|\s*[|–—-]?\s*{_PAGE}\s*$", re.IGNORECASE)
#: What a stripped line starts with when :data:`_PAGE_LABEL` can match at its start: "p" or
#: "с" in every form the case-insensitive expression takes for them (at its end: a digit).
_LABEL_FIRST = frozenset("pPсС\u1c83")
#: What a line ends with when a roman page label can end it.
_ROMAN_LAST = frozenset("ivxlcIVXLC")
_ROUND = re.compile(
    r"^(?P<head>.*?)[\s,;–—(-]*(?P<round>(?:repeat(?:ed)?\s+)?(?:(?:first|second|third|"
    r"\d(?:st|nd|rd|th))\s+round|run-?off|re-?run))\)?$",
    re.IGNORECASE,
)
_COUNTRY_SEPARATOR = re.compile(r"\s+[–—-]\s+|,\s+")
_LETTERHEAD = re.compile(
    r"\b(?:tel|telephone|phone|fax|e-?mail|mobile)\b\.?\s*:?|@|\bwww\.|https?://|"
    r"\b(?:street|st|str|ul|al|ave|avenue|blvd|boulevard|road|rd|ulica|prospekt|p\.\s*o\.\s*box)"
    r"\b\.?(?:,|\s|$)|"
    # a house number after a street name, before a comma (``Ujazdowskie 19, 00-557 Warsaw``)
    r"^[^\W\d_][^\W\d_.'’-]+\s+\d+[a-z]?(?:/\d+)?,",
    re.IGNORECASE,
)
_PARTNER = re.compile(
    r"\b(?:assembly|assembl[ée]e|parliament|parlement|council\s+of\s+europe|conseil|"
    r"european\s+union|nato|otan|pace|osce\s*pa)\b",
    re.IGNORECASE,
)
_CODE = re.compile(
    r"^(?P<code>[A-Za-z]{1,6}[./]\S*\d\S*)\s+(?P<date>\d{1,2}[./-]\d{1,2}[./-]\d{4})(?:\s+\d+)?$"
)
_PLACE = r"[^\W\d_][^\W\d_'’.-]*(?:[\s-][^\W\d_][^\W\d_'’.-]*){0,2}"
#: How many words a place name may have (``Nur-Sultan``, ``Frankfurt am Main``).
_PLACE_WORDS = 3
_PLACE_ONLY = re.compile(rf"^{_PLACE}$")
_DASH = re.compile(r"\s+[–—-]\s+")
#: What may separate voting days printed before an election phrase from it.
_SEPARATORS = " ,;:–—-"


def clean(line: str) -> str:
    """One printed line with its spaces collapsed, page label and footnote marker removed."""
    line = " ".join(line.replace("\u00a0", " ").split())
    if line[:1] in _LABEL_FIRST or line[-1:].isdigit() or line[-1:] in _ROMAN_LAST:
        # (else the costly expression fails)
        line = _PAGE_LABEL.sub("", line)
    if line[-1:].isdigit():  # a marker is digits at the end (isdigit is wider than \d)
        line = _FOOTNOTE_MARKER.sub("", line)
    return line.strip()


@dataclass(frozen=True)
class ElectionLine:
    """What an election line says: the election's phrase, kind, and what else it prints."""

    phrase: str
    kind: str
    early: bool
    country: str | None = None
    days: VotingDays | None = None
    round: str | None = None

    def title(self) -> str:
        """The election's title as printed: phrase, round, voting days."""
        parts = [self.phrase, *([title_case(self.round)] if self.round else [])]
        if self.days:
            parts.append(self.days.text())
        return ", ".join(parts)


def _round(text: str) -> tuple[str, str | None]:
    """``Presidential Election, Second Round`` -> (``Presidential Election``, ``Second Round``)."""
    found = _ROUND.match(text)
    return (found["head"], found["round"]) if found and found["head"] else (text, None)


def _leading_country(head: str) -> list[tuple[str, str]]:
    """``Georgia Parliamentary Elections``, ``Bosnia and Herzegovina General Elections``: the
    longest run of first words naming a country, with nothing between it and the phrase."""
    words = head.split()
    for end in range(len(words) - 1, 0, -1):
        country = " ".join(words[:end])
        if country[-1] in _SEPARATORS or words[end] in _SEPARATORS:
            continue  # a separated country is the separators' business (below)
        if site_country(country):
            return [(country, " ".join(words[end:]))]
    return []


def _phrase_line(head: str, days: VotingDays | None) -> ElectionLine | None:
    """``[country –|,] phrase [, round]`` or ``phrase [, round], country`` with the voting days
    already taken off."""
    candidates: list[tuple[str | None, str]] = [*_leading_country(head), (None, head)]
    separators = list(_COUNTRY_SEPARATOR.finditer(head))
    if separators:
        first, last = separators[0], separators[-1]
        candidates.append((head[: first.start()], head[first.end():]))
        after = head[last.end():]
        if site_country(after):  # ``Repeat Parliamentary Election, Georgia – 28 March 2004``
            candidates.append((after, head[: last.start()]))
    for country, printed in candidates:
        phrase_text, round_ = _round(printed)
        found_phrase = terms.election_phrase(phrase_text)
        if found_phrase:
            phrase, kind, early, country_after = found_phrase
            return ElectionLine(phrase, kind, early, country or country_after, days, round_)
    return None


def _split_leading_days(line: str) -> tuple[VotingDays, str] | None:
    """``7 NOVEMBER 2004 REFERENDUM`` -> (the voting days, ``REFERENDUM``): the longest head
    of whole words that reads as voting days, then the words after it."""
    words = line.split()
    if not words or not words[0][:1].isdigit():
        return None
    for end in range(len(words) - 1, 0, -1):
        days = voting_days(" ".join(words[:end]).rstrip(_SEPARATORS))
        if days is not None and days.dates:
            return days, " ".join(words[end:]).lstrip(_SEPARATORS)
    return None


def election_line(line: str) -> ElectionLine | None:
    """Read an election line; ``None`` when ``line`` names no election. The voting days may
    follow the phrase, or come before it (``2009 PARLIAMENTARY ELECTIONS``, ``7 NOVEMBER 2004
    REFERENDUM``)."""
    for leading in (split_leading_year(line), _split_leading_days(line)):
        if leading:
            found = _phrase_line(leading[1], leading[0])
            if found:
                return found
    split = split_trailing_days(line)
    if split:
        found = _phrase_line(*split)
        if found:
            return found
    return _phrase_line(line, None)


def voting_days(line: str) -> VotingDays | None:
    """The voting days a line holds and nothing else, or ``None``."""
    try:
        return parse_voting_days(line)
    except ValueError:
        return None


def lone_dates(line: str) -> tuple[date, ...]:
    """The date(s) a line holds and nothing else, or ``()``."""
    try:
        return parse_dates(line)
    except ValueError:
        return ()


def is_letterhead(line: str) -> bool:
    """An address, telephone, fax or e-mail line of a mission's letterhead."""
    return bool(_LETTERHEAD.search(line))


def is_partner(line: str) -> bool:
    """The text of a partner organisation's logo (``NATO Parliamentary Assembly``)."""
    return bool(_PARTNER.search(line))


def tail_mission(line: str) -> str | None:
    """The mission a line ends with (a banner printed after a logo's text), or ``None``."""
    words = line.split()
    for start in range(max(0, len(words) - 7), len(words) - 1):
        found = terms.mission_type(" ".join(words[start:]))
        if found:
            return found
    return None


def code_date(line: str) -> date | None | bool:
    """The date of a document code line (``EL.97/AL1/ver.1 12-11-1997``); ``False`` when the
    line is not a code line, ``None`` when its date is impossible."""
    match = _CODE.match(line)
    if not match:
        return False
    try:
        return parse_date(match["date"])
    except ValueError:
        return None


@dataclass(frozen=True)
class PlaceDate:
    """A place with a date (``Warsaw, 27 June 2016``) or a month (``Warsaw, October 1996``)."""

    on: date | None = None
    month: tuple[int, int] | None = None


def place_and_date(line: str) -> PlaceDate | None:
    """Read ``Warsaw, 27 June 2016``, ``Warsaw 29 January 2009``, ``21 January 2019 Warsaw``,
    ``Warsaw, October 1996`` and the dateline ``Astana, 21 March 2016 – The …``."""
    date_first = split_leading_date(line)
    if date_first and _PLACE_ONLY.match(date_first[1]) and date_first[1].lower() not in MONTHS:
        return PlaceDate(on=date_first[0])
    words = line.split()
    for size in range(1, min(_PLACE_WORDS, len(words) - 1) + 1):
        place = " ".join(words[:size]).rstrip(",")
        if not _PLACE_ONLY.match(place) or any(w.lower() in MONTHS for w in words[:size]) \
                or terms.election_phrase(place):
            continue
        first = _DASH.split(" ".join(words[size:]), maxsplit=1)[0]
        dates = lone_dates(first)
        if len(dates) == 1:
            return PlaceDate(on=dates[0])
        try:
            return PlaceDate(month=parse_month_year(first))
        except ValueError:
            continue
    return None
