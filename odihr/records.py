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


@dataclass(frozen=True)
class Recommendation:
    """One numbered recommendation, its text joined across lines and pages."""

    number: int
    priority: bool
    section: str | None
    text: str
    previously_recommended: bool
    page: int


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
