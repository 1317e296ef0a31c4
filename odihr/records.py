"""Typed records that flow between the pipeline's stages.

Parsers return these frozen dataclasses; validation reads them; the loader writes them. They
never carry database ids or Prefect objects, so every parser stays a pure function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: Contract ``report_type`` codes.
REPORT_TYPES = ("needs_assessment", "interim", "preliminary_statement", "final", "other")
#: Contract ``contest_kind`` codes.
CONTEST_KINDS = ("party_list", "mixed", "presidential", "referendum", "local", "majoritarian")
#: Contract ``delegation_kind`` codes.
DELEGATION_KINDS = (
    "core_team", "long_term", "short_term", "osce_pa", "pace", "european_parliament", "nato_pa",
    "other",
)
#: The parts of a report that load or are quarantined on their own (``bi_report_parts.part``;
#: a contest's part is ``results:<contest title>``).
PARTS = ("metadata", "results", "observers", "recommendations")
#: ``bi_report_parts.status`` codes.
PART_STATUSES = ("loaded", "quarantined", "absent")


@dataclass(frozen=True)
class ReportMetadata:
    """What the report itself says about the election and the document (cover, headers)."""

    pages: int
    country: str | None = None
    election_title: str | None = None
    election_type: str | None = None
    early: bool | None = None
    election_date: date | None = None
    election_dates: tuple[date, ...] = ()
    mission_type: str | None = None
    report_type: str | None = None
    language: str | None = None
    published_on: date | None = None


@dataclass(frozen=True)
class ResultRow:
    """One contestant (party, candidate, referendum option) in one round of one contest."""

    contestant: str
    votes: int | None
    vote_share: float | None
    page: int
    seats: int | None = None
    seats_proportional: int | None = None
    seats_majoritarian: int | None = None
    nominated_by: str | None = None
    #: Figures printed beside votes, share and seats (breakdowns, sub-totals, member counts…),
    #: as ``(printed column header, value)`` pairs in column order; nothing printed is dropped.
    extra_figures: tuple[tuple[str, int | float | str | None], ...] = ()


@dataclass(frozen=True)
class ResultRound:
    """One round of a contest: its turnout block and its contestant rows."""

    number: int
    rows: tuple[ResultRow, ...]
    page: int
    date: date | None = None
    registered_voters: int | None = None
    voters_participated: int | None = None
    turnout_pct: float | None = None
    valid_votes: int | None = None
    invalid_ballots: int | None = None
    #: Printed totals, when the table has a totals row (used by validation, never loaded as rows).
    printed_votes_total: int | None = None
    printed_share_total: float | None = None
    printed_seats_total: int | None = None
    #: Lines of the turnout block that are no turnout field (a share of invalid ballots, postal
    #: votes …), as ``(printed label, value)`` pairs in printed order: kept, not dropped.
    extra_figures: tuple[tuple[str, int | float], ...] = ()


@dataclass(frozen=True)
class Contest:
    """One results table: its printed title, what kind of contest it is, and its rounds."""

    title: str
    kind: str
    rounds: tuple[ResultRound, ...]
    seats_total: int | None = None


@dataclass(frozen=True)
class Observer:
    """One observer as listed in the annex, in listed order (``position`` is 1-based)."""

    position: int
    given_name: str
    family_name: str
    country: str | None
    role: str | None
    delegation: str
    delegation_parent: str | None
    page: int
    #: ISO 3166-1 alpha-2 of ``country`` (the nationality), None where it cannot be told.
    country_code: str | None = None
    #: Normalised kind of the delegation: one of :data:`DELEGATION_KINDS`.
    delegation_kind: str = "other"


@dataclass(frozen=True)
class Recommendation:
    """One numbered recommendation, its text joined across lines and pages."""

    number: int
    priority: bool
    section: str | None
    text: str
    previously_recommended: bool
    page: int
    #: False where the report printed no numbers and ``number`` is the reading order.
    numbered: bool = True


@dataclass(frozen=True)
class PartProblem:
    """A part of a report that cannot be loaded: found but unreadable, or not found at all.

    ``part`` is ``metadata``, ``observers``, ``recommendations``, ``results`` (the results as a
    whole: no table found, or a section that holds none) or ``results:<contest>`` (one table).
    ``status`` is ``quarantined`` (found, not readable: ``reason`` says what was found where and
    what was expected) or ``absent`` (the parser found no such part in the report).
    """

    part: str
    status: str
    reason: str
    page: int | None = None
    code: str = "unknown_layout"


@dataclass(frozen=True)
class ResultsReading:
    """What the results reader made of a report: the contests it read, and the tables it could
    not read (each a ``results:<contest>`` or ``results`` :class:`PartProblem`)."""

    contests: tuple[Contest, ...] = ()
    problems: tuple[PartProblem, ...] = ()


@dataclass(frozen=True)
class ParsedReport:
    """Everything the parser read from one PDF."""

    parser_version: str
    metadata: ReportMetadata
    contests: tuple[Contest, ...] = ()
    observers: tuple[Observer, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    #: Facts where the report disagrees with itself or needs a person's attention (not errors).
    notes: tuple[str, ...] = field(default=())
    #: Parts found but unreadable, or absent: each is quarantined or reported on its own.
    problems: tuple[PartProblem, ...] = field(default=())
    #: Where the text was read from: ``pdf`` (the text layer) or ``ocr``.
    text_source: str = "pdf"
