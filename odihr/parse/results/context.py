"""What the report says around its results: the election's name and voting days (running
header, cover page), its text before the results (chamber sizes), for contest titles and round
dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from odihr.parse.document.layout import RUNNING_TOP_LINES, normalize_running
from odihr.parse.pdf import PdfReport
from odihr.parse.results.vocab import ELECTION_WORD, find_dates
from odihr.parse.text.numbers import normalize_spaces

#: A seat number in the report's text: "150-member", "120 deputies", "90 seats".
CHAMBER_SIZE = re.compile(r"\b(\d{2,4})(?:[- ]member\b|\s+(?:members|deputies|seats|mandates|"
                          r"MPs|councillors|депутат\w*|мандат\w*|мест)\b)", re.IGNORECASE)
#: Lines of the cover page searched for the election's name.
COVER_LINES = 25
#: Cover lines naming the mission, the report or the observers rather than the election.
NOT_ELECTION_NAME = re.compile(r"observ|mission|assessment|report|statement|office|institution|"
                               r"наблюд|мисси|отч[её]т|бюро", re.IGNORECASE)
#: A printed date inside a cover line ("30 October and 13 November 2016", "30 MAY 1999").
_DATE_TEXT = re.compile(r"\b\d{1,2}(?:\s+(?:and|и|&)\s+\d{1,2})?\s+[^\W\d_]+\s+\d{4}\b"
                        r"(?:\s*(?:года|г\.))?")


@dataclass(frozen=True)
class ReportContext:
    """What the pages around the results say about the election (running header, dates)."""

    election_title: str
    dates: tuple[date, ...]
    #: The report's text before the section (electoral system, chamber names).
    body: str = ""
    #: The election's name as the cover prints it, without its date ("Early Parliamentary
    #: Elections"): the title of a contest whose table has no caption.
    cover_name: str = ""


def report_context(pdf: PdfReport, page: int, running: frozenset[str]) -> ReportContext:
    """The election's title and voting days from the running header (or the cover page)."""
    body = "\n".join(pdf.text(n) for n in range(1, page))
    candidates = [normalize_spaces(ln) for ln in pdf.text(page).split("\n")[:RUNNING_TOP_LINES]]
    candidates = [ln for ln in candidates if normalize_running(ln) in running]
    cover = [normalize_spaces(ln) for ln in pdf.text(1).split("\n")[:COVER_LINES]]
    name = cover_name(cover) or cover_name(candidates)
    candidates += [" ".join(cover[i:i + 2]) for i in range(len(cover))
                   if ELECTION_WORD.search(cover[i])]
    for line in candidates:
        dates = find_dates(line)
        if dates:
            return ReportContext(line, tuple(dates), body, name or _without_date(line))
    first = next(iter(candidates), "")
    return ReportContext(first, (), body, name or _without_date(first))


def chamber_sizes(body: str) -> frozenset[int]:
    """Seat numbers the report's text gives ("The 150-member Parliament", "120 deputies")."""
    return frozenset(n for n in (int(m.group(1)) for m in CHAMBER_SIZE.finditer(body))
                     if 5 <= n <= 2000)


def cover_name(lines: list[str]) -> str:
    """The election's name on a cover: the first line naming an election (not the mission or the
    report), without a country before a dash and without its date ("Republic of Kazakhstan –
    Early Parliamentary Elections, 20 March 2016" → "Early Parliamentary Elections")."""
    for line in lines:
        if ELECTION_WORD.search(line) and not NOT_ELECTION_NAME.search(line):
            name = _without_date(re.split(r"\s+[–—-]\s+", line, maxsplit=1)[-1])
            if name and re.search(r"[^\W\d_]{3}", name):
                return title_case(name)
    return ""


def _without_date(line: str) -> str:
    """``line`` without the dates printed before or after the name."""
    head = line.split(",")[0] if find_dates(line) or re.search(r",\s*\d", line) else line
    head = re.sub(r"^\s*\d{4}\s+", "", head)  # "2009 PARLIAMENTARY ELECTIONS"
    for found in _DATE_TEXT.finditer(head):
        head = head.replace(found.group(0), " ")
    return " ".join(head.split()).strip(" ,;:–—-")


_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})


def title_case(text: str) -> str:
    """A name printed in capitals as a cover prints it in mixed case
    ("ELECTIONS TO THE STATE DUMA" → "Elections to the State Duma"); mixed case is kept."""
    if text.upper() != text:
        return text
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))
