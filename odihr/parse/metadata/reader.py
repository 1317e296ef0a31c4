"""What a report says about itself: its cover, the title block over its body, its running header.

Thirty years of ODIHR covers are made of the same kinds of lines in changing orders: an
organisation or partner-logo line, a banner or letterhead (mission name, street address,
telephone), the country, the election line (phrase and voting days on one line or two, or
``Country – Election, date``, or a year only), the label naming the report kind (``Final Report``,
``OSCE/ODIHR Election Observation Mission Report``, ``INTERIM REPORT No. 3``, ``Statement of
Preliminary Findings and Conclusions``…) with its mission, a visit or reporting period, a place
and publication date in either order, the dateline opening a statement's first paragraph, or a
document code with its date instead of a label. Each line is classified by what it is
(:mod:`.cover_lines`, :mod:`odihr.parse.text.terms`), never by its position or by the file;
a phrase or label wrapped over two lines is joined. The cover is read first; the title block
over the body (:mod:`.title_blocks`) and the running header fill what it leaves out,
and outvote a wrong year printed on the cover. A field no page prints stays ``None``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from odihr.parse.metadata.countries import fallback_country, site_country
from odihr.parse.metadata.cover_lines import (
    ElectionLine,
    clean,
    code_date,
    election_line,
    is_letterhead,
    is_partner,
    lone_dates,
    place_and_date,
    tail_mission,
    voting_days,
)
from odihr.parse.metadata.settings import DEFAULT_SETTINGS, MetadataSettings
from odihr.parse.metadata.title_blocks import (
    PROSE,
    TOC,
    body_title_block,
    is_section_heading,
    running_header,
)
from odihr.parse.pdf import PdfReport
from odihr.parse.text import terms
from odihr.parse.text.dates import is_period, leading_ymd
from odihr.parse.text.voting_days import VotingDays, split_trailing_days
from odihr.records import ReportMetadata

__all__ = ["body_title_block", "read_metadata", "running_header"]

_NOISE = re.compile(
    r"organization\s+for\s+security|office\s+for\s+democratic\s+institutions|"
    r"бюро\s+по\s+демократическим|^(?:page|страница)\s*:?\s*\d+$|^\d+$",
    re.IGNORECASE,
)


@dataclass
class _Reading:
    """Fields found so far; the first value found for a field wins."""

    country: str | None = None
    country_fallback: str | None = None
    election: ElectionLine | None = None
    mission_type: str | None = None
    report_type: str | None = None
    published_on: date | None = None
    published_month: tuple[int, int] | None = None
    #: Every election's voting days printed (cover, title block, header), in reading order.
    printed_days: list[VotingDays] = field(default_factory=list)

    def offer(self, name: str, value: object) -> None:
        if value is not None and getattr(self, name) in (None, ()):
            setattr(self, name, value)

    def offer_mission(self, mission: str | None) -> None:
        if mission != terms.JOINT_MISSION:
            self.offer("mission_type", mission)

    def offer_election(self, found: ElectionLine) -> None:
        self.offer("country", site_country(found.country) if found.country else None)
        if found.days:
            self.printed_days.append(found.days)
        if self.election is None:
            self.election = found
        elif self.election.days is None and found.days is not None:
            self.election = replace(self.election, days=found.days)


def _read(lines: list[str], reading: _Reading, *, title_block: bool,
          settings: MetadataSettings = DEFAULT_SETTINGS) -> None:
    """Classify ``lines`` one by one into ``reading``; in a title block, stop at the body."""
    awaiting_dates = False
    opening = ""  # an unclassified line that may open a phrase or label wrapped over two lines
    previous = ""
    for raw in lines[:settings.title_block_max_lines] if title_block else lines:
        line = clean(raw)
        if not line or _NOISE.search(line):
            continue
        if title_block and (is_section_heading(line) or TOC.match(line)):
            break
        expecting, awaiting_dates = awaiting_dates, False
        election = election_line(line)
        if opening and reading.election is None \
                and (election is None or len(election.phrase.split()) == 1):
            # a phrase wrapped over two lines: ``EARLY PRESIDENTIAL`` / ``ELECTION``
            election = election_line(f"{opening} {line}") or election
        if previous and terms.report_type(line) is None and (
                line.lower() == "report" or _mission_named(previous)) and \
                terms.report_type(f"{previous} {line}"):
            # a label wrapped after its mission's words: ``OSCE/ODIHR Election Observation
            # Mission`` / ``Report``, ``OSCE/ODIHR ELECTION OBSERVATION`` / ``MISSION REPORT``
            line = f"{previous} {line}"
        if opening and election is None and site_country(f"{opening} {line}") \
                and not site_country(line):
            # a country's name wrapped over two lines: ``UNITED KINGDOM OF GREAT BRITAIN`` /
            # ``AND NORTHERN IRELAND``, ``THE FORMER YUGOSLAV REPUBLIC`` / ``OF MACEDONIA``
            line = f"{opening} {line}"
            if reading.country_fallback == opening:
                reading.country_fallback = None
        joined_mission = _mission_named(f"{opening} {line}") if opening else None
        if election is None and joined_mission and joined_mission != _mission_named(line):
            # a label wrapped inside its mission: ``ODIHR Limited Election`` / ``Observation
            # Mission Final Report``
            line = f"{opening} {line}"
            if reading.country_fallback == opening:
                reading.country_fallback = None
        opening, previous = "", line
        if election:
            reading.offer_election(election)
            awaiting_dates = election.days is None
            continue
        days = voting_days(line)
        if days and expecting and reading.election and reading.election.days is None:
            reading.election = replace(reading.election, days=days)
            reading.printed_days.append(days)
            continue
        country_days = split_trailing_days(line)
        if country_days and expecting and reading.election and reading.election.days is None \
                and site_country(country_days[0]):
            # the country with the voting days under the phrase (``Kyrgyz Republic 2010``)
            reading.offer("country", site_country(country_days[0]))
            reading.election = replace(reading.election, days=country_days[1])
            reading.printed_days.append(country_days[1])
            continue
        kind = _line_without_election(line, reading, title_block=title_block)
        if kind == _BODY:
            break
        if kind == _UNCLASSIFIED:
            opening = line


def _mission_named(line: str) -> str | None:
    """The mission ``line`` names, alone or as a label's qualifier."""
    label = terms.report_type(line)
    return terms.mission_type(label[1] if label else line)


_BODY, _CLASSIFIED, _UNCLASSIFIED = "body", "classified", "unclassified"


def _line_without_election(line: str, reading: _Reading, *, title_block: bool) -> str:
    """Classify a line that is not an election line: :data:`_BODY` when it opens the body,
    :data:`_UNCLASSIFIED` when it is none of the title block's kinds of line."""
    dates = lone_dates(line)
    if dates:
        if title_block and len(dates) == 1:
            reading.published_on = dates[0]  # the last lone date of the block is the issue date
        return _CLASSIFIED
    if is_period(line):
        return _CLASSIFIED  # the visit or reporting period
    code = code_date(line)
    if code is not False:
        if title_block:
            reading.offer("published_on", code)
        return _CLASSIFIED
    found_type = terms.report_type(line)
    if found_type:
        code_, rest = found_type
        reading.offer("report_type", code_)
        if rest:
            reading.offer_mission(terms.mission_type(rest))
        return _CLASSIFIED
    if title_block:
        place = place_and_date(line)
        if place:
            reading.published_on = place.on or reading.published_on
            reading.published_month = place.month or reading.published_month
            # "Astana, 21 March 2016 – The ..." opens the body
            return _BODY if PROSE.search(line) else _CLASSIFIED
    if is_letterhead(line):
        return _CLASSIFIED  # the mission's address, telephone, e-mail
    mission = terms.mission_type(line)
    if mission:
        reading.offer_mission(mission)
        return _CLASSIFIED
    if is_partner(line):
        reading.offer_mission(tail_mission(line))
        return _CLASSIFIED
    country = site_country(line)
    if country:
        reading.offer("country", country)
        return _CLASSIFIED
    if title_block and PROSE.search(line):
        return _BODY
    if title_block and line.isupper() and reading.election is None:
        reading.offer("country_fallback", line)
    return _UNCLASSIFIED


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


def _plausible(days: VotingDays, report_type: str | None, published: date | None) -> bool:
    """Whether the voting days fit the publication date: a final report or a statement comes
    after the election, a needs assessment or an interim report before its last day."""
    if published is None:
        return True
    if report_type in ("final", "preliminary_statement"):
        return days.dates[0] <= published
    if report_type in ("needs_assessment", "interim"):
        return published <= days.dates[-1]
    return True


def _election(reading: _Reading, published: date | None) -> ElectionLine | None:
    """The first election line read, with the voting days the report prints most plausibly.

    Covers carry typos: a wrong year on the cover is outvoted by the title block and the
    running header, or set aside when it puts a final report before its election. A cover
    printing the year only takes the full dates printed elsewhere for that year.
    """
    election = reading.election
    dated = [days for days in reading.printed_days if days.dates]
    if election is None or not dated:
        return election
    counts = Counter(days.dates for days in dated)
    best = max(dated, key=lambda days: (_plausible(days, reading.report_type, published),
                                        counts[days.dates]))
    if election.days and not election.days.dates and election.days.year != best.year:
        return election
    return replace(election, days=best)


def read_metadata(pdf: PdfReport, settings: MetadataSettings = DEFAULT_SETTINGS) \
        -> ReportMetadata:
    """Read the report's metadata from its cover, the title block over its body and its running
    header, in that order: the first value found for a field wins.

    Fields the report does not print are ``None``. ``report_type`` is ``"other"`` when no
    known report title is found (e.g. a handbook).
    """
    reading = _Reading()
    _read(pdf.text(1).splitlines(), reading, title_block=True, settings=settings)
    _read(body_title_block(pdf, settings), reading, title_block=False)
    _read(running_header(pdf, settings), reading, title_block=False)
    pages = range(1, min(pdf.page_count, settings.sample_pages) + 1)
    sample = "\n".join(pdf.text(n) for n in pages)
    reading.offer("mission_type", terms.mission_from_text(sample))
    published = _published_on(pdf, reading)
    election = _election(reading, published)
    dates = election.days.dates if election and election.days else ()
    return ReportMetadata(
        pages=pdf.page_count,
        # an unknown country's printed name, only on a report about an election
        country=reading.country or (fallback_country(reading.country_fallback)
                                    if reading.election else None),
        election_title=election.title() if election else None,
        election_type=election.kind if election else None,
        early=election.early if election else None,
        election_date=dates[0] if dates else None,
        election_dates=dates,
        mission_type=reading.mission_type,
        report_type=reading.report_type or "other",
        language=terms.detect_language(sample),
        published_on=published,
    )
