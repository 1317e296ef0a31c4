"""SQLModel tables of the warehouse.

Natural keys: an election is the site's election id; a report document is its ``url_path``; a
document version is (document, sha256). Every fact row (results, turnout, observers,
recommendations) points at the document version it was read from and carries the page, the
parser version and the run that loaded it (lineage).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

#: Constraint names that are stable across SQLite and PostgreSQL (Alembic needs them to alter).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Country(SQLModel, table=True):
    """An ISO 3166-1 country as the site names it."""

    code: str = Field(primary_key=True, max_length=2, description="ISO 3166-1 alpha-2 code")
    name: str = Field(description="English name as the site prints it")
    slug: str | None = Field(default=None, unique=True, description="The site's country slug")


class Election(SQLModel, table=True):
    """An election (or referendum) page of the site."""

    id: int = Field(primary_key=True, description="The site's election id (last URL segment)")
    url_path: str = Field(unique=True, description="Path of the election page on the site")
    country_code: str = Field(foreign_key="country.code", index=True)
    title: str = Field(description="Title as the site prints it")
    election_type: str = Field(index=True, description="parliamentary, presidential, …")
    early: bool = Field(default=False)
    election_date: date | None = Field(default=None, index=True, description="First voting day")
    election_dates: str = Field(default="", description="Every voting day, ISO, comma-separated")
    mission_type: str | None = Field(default=None)
    first_seen_at: datetime
    last_checked_at: datetime


class ReportDocument(SQLModel, table=True):
    """A report PDF linked from an election page, across all its versions."""

    __tablename__ = "report_document"

    id: int | None = Field(default=None, primary_key=True)
    url_path: str = Field(unique=True, description="Path of the PDF's URL, no host or query")
    url: str = Field(description="Absolute URL the PDF was last fetched from")
    site_document_id: str | None = Field(default=None, description="The site's file id")
    election_id: int = Field(foreign_key="election.id", index=True)
    type_label: str | None = Field(default=None, description="Document type as the site labels it")
    report_type: str = Field(index=True, description="needs_assessment, interim, …, final, other")
    language: str | None = Field(default=None, description="ISO 639-1")
    translation_of: str | None = Field(default=None, description="url_path of the original")
    published_on: date | None = Field(default=None, index=True)
    status: str = Field(default="pending", index=True)
    status_reason: str | None = Field(default=None, sa_column=Column(Text))
    latest_version_id: int | None = Field(default=None, description="Newest version fetched")
    current_version_id: int | None = Field(
        default=None, description="Newest version whose facts are loaded (what the views show)"
    )
    gone_status: int | None = Field(default=None, description="404/410 when the link is dead")
    first_seen_at: datetime
    last_checked_at: datetime


class DocumentVersion(SQLModel, table=True):
    """One set of bytes served under a document's URL (a re-issued PDF is a new version)."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="report_document.id", index=True)
    sha256: str = Field(index=True, max_length=64)
    size: int
    fetched_at: datetime
    etag: str | None = Field(default=None)
    last_modified: str | None = Field(default=None)
    pages: int | None = Field(default=None)
    parser_version: str | None = Field(default=None)
    status: str = Field(default="fetched", description="fetched, loaded, quarantined, skipped")
    status_reason: str | None = Field(default=None, sa_column=Column(Text))
    dq_warnings: str | None = Field(default=None, sa_column=Column(Text))
    facts_digest: str | None = Field(
        default=None,
        description="sha256 of the loaded facts; a reparse that reads the same "
        "facts touches nothing",
    )
    #: What the PDF itself says (cross-checked against the site; disagreements go to dq_warnings).
    pdf_country: str | None = None
    pdf_election_title: str | None = None
    pdf_election_type: str | None = None
    pdf_election_date: date | None = None
    pdf_report_type: str | None = None
    pdf_language: str | None = None
    pdf_published_on: date | None = None
    run_id: int | None = Field(default=None, foreign_key="run.id")
    loaded_at: datetime | None = Field(default=None)


class _Fact(SQLModel):
    """Lineage columns shared by every fact table."""

    version_id: int = Field(foreign_key="document_version.id", index=True)
    page: int | None = Field(default=None, description="1-based PDF page the row was read from")
    parser_version: str
    run_id: int | None = Field(default=None, foreign_key="run.id")


class ContestRecord(_Fact, table=True):
    """A results table: its printed title, kind and printed seat total."""

    __tablename__ = "contest"

    id: int | None = Field(default=None, primary_key=True)
    position: int
    title: str
    kind: str
    seats_total: int | None = None


class ResultRecord(_Fact, table=True):
    """One contestant per round per contest."""

    __tablename__ = "result"

    id: int | None = Field(default=None, primary_key=True)
    contest: str
    contest_kind: str
    round: int
    round_date: date | None = None
    position: int
    contestant: str
    nominated_by: str | None = None
    votes: int | None = None
    vote_share: float | None = None
    seats: int | None = None
    seats_proportional: int | None = None
    seats_majoritarian: int | None = None


class TurnoutRecord(_Fact, table=True):
    """The turnout block of one round of one contest."""

    __tablename__ = "turnout"

    id: int | None = Field(default=None, primary_key=True)
    contest: str
    round: int
    round_date: date | None = None
    registered_voters: int | None = None
    voters_participated: int | None = None
    turnout_pct: float | None = None
    valid_votes: int | None = None
    invalid_ballots: int | None = None


class ObserverRecord(_Fact, table=True):
    """One observer as listed in a report's annex."""

    __tablename__ = "observer"

    id: int | None = Field(default=None, primary_key=True)
    position: int
    given_name: str
    family_name: str
    country: str | None = None
    role: str | None = None
    delegation: str
    delegation_parent: str | None = None


class RecommendationRecord(_Fact, table=True):
    """One numbered recommendation."""

    __tablename__ = "recommendation"

    id: int | None = Field(default=None, primary_key=True)
    number: int
    priority: bool
    section: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    previously_recommended: bool = False


class Run(SQLModel, table=True):
    """One pipeline run (nightly, backfill, reparse, demo)."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    parameters: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    started_at: datetime
    ended_at: datetime | None = None
    outcome: str = Field(default="running", description="running, completed, failed, interrupted")
    counts: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    flow_run_id: str | None = None


class Quarantine(SQLModel, table=True):
    """Why a document (or one of its versions) was held back, for a person to act on."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="report_document.id", index=True)
    version_id: int | None = Field(default=None, foreign_key="document_version.id")
    run_id: int | None = Field(default=None, foreign_key="run.id")
    code: str
    reason: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
