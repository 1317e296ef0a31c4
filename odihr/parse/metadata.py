"""What a report says about itself: its title block (page 1) and its running headers.

ODIHR reports open with one of a few title blocks, all made of the same kinds of lines:

* a cover (needs-assessment and final reports, translations): country / election phrase / dates /
  mission / report type / [visit period] / place / publication date, in that order;
* the 1996 legacy cover: country / ``PRESIDENTIAL ELECTION, 22 September 1996`` / report type /
  ``Warsaw, October 1996``;
* an interim report heading: mission / country / ``Early Parliamentary Elections, 20 March 2016`` /
  report type / reporting period / publication date;
* a statement of preliminary findings: mission / ``Country – Election, date`` / report type /
  ``Astana, 21 March 2016 – The ...`` (place and date open the first paragraph).

So each line is classified by what it is (an election phrase, a date, a mission, a report type, a
country), never by its position or by the file. The running header (lines repeated at the top of
later pages) fills whatever the title block leaves out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from odihr.parse import terms
from odihr.parse.countries import site_country
from odihr.parse.dates import format_dates, is_period, leading_ymd, parse_dates, parse_month_year
from odihr.parse.pdf import PdfReport
from odihr.records import ReportMetadata

#: The title block ends at its first section heading; it is never longer than this.
TITLE_BLOCK_MAX_LINES = 24
#: Pages (from page 2) whose top lines are compared to find the running header.
HEADER_PAGES = 8
#: How many top lines of a page may belong to the running header.
HEADER_DEPTH = 4
#: Pages read to detect the language and, failing the title block, the mission.
SAMPLE_PAGES = 4

_FOOTNOTE_MARKER = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
#: A page label printed at the end of a header line (``Republic of Kazakhstan    Page: 3``).
_PAGE_LABEL = re.compile(r"\s*\b(?:page|страница)\s*:?\s*\d+(?:\s*(?:of|из)\s*\d+)?$",
                         re.IGNORECASE)
#: Words that open an election phrase broken over two lines (``EARLY PRESIDENTIAL`` / ``ELECTION``).
_PHRASE_START = re.compile(
    r"\b(?:early|snap|pre-term|extraordinary|presidential|parliamentary|local|municipal|"
    r"general|constitutional|regional)\b", re.IGNORECASE,
)
_HEADING = re.compile(r"^(?:[IVXLC]+|\d{1,2}|[A-H])\.\s+\S")
_TOC = re.compile(r"^(?:table\s+of\s+)?contents$|^содержание$", re.IGNORECASE)
_NOISE = re.compile(
    r"organization\s+for\s+security|office\s+for\s+democratic\s+institutions|"
    r"бюро\s+по\s+демократическим|^(?:page|страница)\s*:?\s*\d+$|^\d+$",
    re.IGNORECASE,
)
_DATES_TAIL = re.compile(r"^(?P<head>.*?),\s*(?P<dates>\d.*)$")
_COUNTRY_DASH = re.compile(r"\s+[–—]\s+")
_PLACE_DATE = re.compile(r"^(?P<place>[^\W\d_][^,\d]{0,40}),\s*(?P<rest>\S.*)$")
_PROSE = re.compile(r"[a-zа-я]{3,}\s+[a-zа-я]{3,}\s+[a-zа-я]{3,}.{40,}")


@dataclass
class _Reading:
    """Fields found so far; the first value found for a field wins."""

    country: str | None = None
    country_fallback: str | None = None
    phrase: str | None = None
    election_type: str | None = None
    early: bool | None = None
    dates: tuple[date, ...] = ()
    mission_type: str | None = None
    report_type: str | None = None
    published_on: date | None = None
    published_month: tuple[int, int] | None = None

    def offer(self, name: str, value: object) -> None:
        if value is not None and getattr(self, name) in (None, ()):
            setattr(self, name, value)


def _clean(line: str) -> str:
    line = " ".join(line.replace("\u00a0", " ").split())
    return _FOOTNOTE_MARKER.sub("", _PAGE_LABEL.sub("", line))


def _election_line(line: str) -> tuple[str | None, tuple[str, str, bool], tuple[date, ...]] | None:
    """``(printed country or None, (phrase, type, early), dates)`` for an election title line."""
    head = line
    dates: tuple[date, ...] = ()
    tail = _DATES_TAIL.match(line)
    if tail:
        try:
            dates = parse_dates(tail["dates"])
        except ValueError:
            return None
        head = tail["head"]
    country, *rest = _COUNTRY_DASH.split(head, maxsplit=1)
    if rest:
        head = rest[0]
    else:
        country = None
    found = terms.election_phrase(head)
    if found is None:
        return None
    phrase, kind, early, country_after = found
    return country or country_after, (phrase, kind, early), dates


def _only_dates(line: str) -> tuple[date, ...]:
    try:
        return parse_dates(line)
    except ValueError:
        return ()


def _place_and_date(line: str, reading: _Reading) -> bool:
    """Read ``Warsaw, 27 June 2016``, ``Warsaw, October 1996``, ``Astana, 21 March 2016 – The``."""
    match = _PLACE_DATE.match(line)
    if not match:
        return False
    rest = match["rest"]
    first = _COUNTRY_DASH.split(rest, maxsplit=1)[0]
    dates = _only_dates(first)
    if len(dates) == 1:
        reading.published_on = dates[0]
        return True
    try:
        reading.published_month = parse_month_year(first)
    except ValueError:
        return False
    return True


def _read(lines: list[str], reading: _Reading, *, title_block: bool) -> None:
    """Classify ``lines`` one by one into ``reading``; in a title block, stop at the body."""
    awaiting_dates = False
    opening = ""  # an unclassified line that may open an election phrase split over two lines
    for raw in lines[:TITLE_BLOCK_MAX_LINES] if title_block else lines:
        line = _clean(raw)
        if not line or _NOISE.search(line):
            continue
        if title_block and (_HEADING.match(line) or _TOC.match(line)):
            break
        expecting, awaiting_dates = awaiting_dates, False
        election = (opening and _election_line(f"{opening} {line}")) or _election_line(line)
        opening = ""
        if election:
            country, (phrase, kind, early), dates = election
            reading.offer("country", site_country(country) if country else None)
            if reading.phrase is None:
                reading.phrase, reading.election_type, reading.early = phrase, kind, early
            reading.offer("dates", dates or None)
            awaiting_dates = not dates
            continue
        dates = _only_dates(line)
        if dates:
            if expecting and not reading.dates:
                reading.dates = dates
            elif title_block and len(dates) == 1:
                reading.published_on = dates[0]  # the last lone date of the block is the issue date
            continue
        if is_period(line):
            continue  # the visit or reporting period
        if title_block and _place_and_date(line, reading):
            if _PROSE.search(line):
                break  # "Astana, 21 March 2016 – The ..." opens the body
            continue
        found_type = terms.report_type(line)
        if found_type:
            code, rest = found_type
            reading.offer("report_type", code)
            mission = terms.mission_type(rest) if rest else None
            if mission != terms.JOINT_MISSION:
                reading.offer("mission_type", mission)
            continue
        mission = terms.mission_type(line)
        if mission:
            if mission != terms.JOINT_MISSION:
                reading.offer("mission_type", mission)
            continue
        country = site_country(line)
        if country:
            reading.offer("country", country)
            continue
        if title_block and _PROSE.search(line):
            break
        if reading.phrase is None and _PHRASE_START.search(line):
            opening = line
        elif title_block and line.isupper() and reading.phrase is None:
            reading.offer("country_fallback", line)


def running_header(pdf: PdfReport) -> list[str]:
    """Lines repeated at the top of at least two pages after the first, in printed order."""
    tops: list[list[str]] = []
    for number in range(2, min(pdf.page_count, HEADER_PAGES) + 1):
        lines = [clean for clean in map(_clean, pdf.text(number).splitlines()) if clean]
        tops.append(lines[:HEADER_DEPTH])
    counts = Counter(line for top in tops for line in set(top))
    header: list[str] = []
    for top in tops:
        for line in top:
            if counts[line] >= 2 and line not in header:
                header.append(line)
    return header


def _creation_date(pdf: PdfReport) -> date | None:
    return leading_ymd(pdf.info().get("CreationDate"))


def _published_on(pdf: PdfReport, reading: _Reading) -> date | None:
    """The printed publication date.

    Legacy covers print only the month (``Warsaw, October 1996``); then the PDF's own creation
    date is taken when it falls in that printed month, and nothing otherwise.
    """
    if reading.published_on is not None:
        return reading.published_on
    if reading.published_month is None:
        return None
    created = _creation_date(pdf)
    if created and (created.year, created.month) == reading.published_month:
        return created
    return None


def _fallback_country(printed: str | None) -> str | None:
    """A country the table does not know: its printed name without the formal prefix."""
    if not printed:
        return None
    bare = re.sub(r"^(?:the\s+)?(?:republic|kingdom|principality)\s+of\s+", "", printed,
                  flags=re.IGNORECASE)
    return " ".join(w if w.lower() == "and" else w.capitalize() for w in bare.lower().split())


def read_metadata(pdf: PdfReport) -> ReportMetadata:
    """Read the report's metadata from its title block and running header.

    Fields the report does not print are ``None``. ``report_type`` is ``"other"`` when no
    known report title is found (e.g. a handbook).
    """
    reading = _Reading()
    _read(pdf.text(1).splitlines(), reading, title_block=True)
    _read(running_header(pdf), reading, title_block=False)
    sample = "\n".join(pdf.text(n) for n in range(1, min(pdf.page_count, SAMPLE_PAGES) + 1))
    reading.offer("mission_type", terms.mission_from_text(sample))
    title = None
    if reading.phrase:
        title = f"{reading.phrase}, {format_dates(reading.dates)}" if reading.dates \
            else reading.phrase
    return ReportMetadata(
        pages=pdf.page_count,
        country=reading.country or _fallback_country(reading.country_fallback),
        election_title=title,
        election_type=reading.election_type,
        early=reading.early,
        election_date=reading.dates[0] if reading.dates else None,
        election_dates=reading.dates,
        mission_type=reading.mission_type,
        report_type=reading.report_type or "other",
        language=terms.detect_language(sample),
        published_on=_published_on(pdf, reading),
    )
