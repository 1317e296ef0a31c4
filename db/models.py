"""SQLModel tables of the warehouse.

Natural keys: an election is the site's election id; a report document is its ``url_path``; a
document version is (document, sha256). Every fact row (results, turnout, observers,
recommendations) points at the document version it was read from and carries the page, the
parser version and the run that loaded it (lineage).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Column, MetaData, String, Text, UniqueConstraint, true
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
    country_code: str = Field(
        foreign_key="country.code", index=True, description="ISO 3166-1 alpha-2 code (XX: unknown)"
    )
    title: str = Field(description="Title as the site prints it")
    election_type: str = Field(index=True, description="parliamentary, presidential, …")
    early: bool = Field(default=False, description="True for an early (snap) election")
    election_date: date | None = Field(default=None, index=True, description="First voting day")
    election_dates: str = Field(default="", description="Every voting day, ISO, comma-separated")
    mission_type: str | None = Field(
        default=None, description="Kind of ODIHR mission (Election Observation Mission, …)"
    )
    first_seen_at: datetime = Field(description="When a crawl first saw the page (UTC)")
    last_checked_at: datetime = Field(description="When a crawl last saw the page (UTC)")


class ReportDocument(SQLModel, table=True):
    """A report PDF linked from an election page, across all its versions."""

    __tablename__ = "report_document"

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key (report_id)")
    url_path: str = Field(unique=True, description="Path of the PDF's URL, no host or query")
    url: str = Field(description="Absolute URL the PDF was last fetched from")
    site_document_id: str | None = Field(default=None, description="The site's file id")
    election_id: int = Field(
        foreign_key="election.id", index=True, description="The election the report belongs to"
    )
    type_label: str | None = Field(default=None, description="Document type as the site labels it")
    report_type: str = Field(index=True, description="needs_assessment, interim, …, final, other")
    language: str | None = Field(default=None, description="ISO 639-1")
    translation_of: str | None = Field(default=None, description="url_path of the original")
    published_on: date | None = Field(
        default=None, index=True, description="Publication date the site lists"
    )
    status: str = Field(
        default="pending",
        index=True,
        description="pending, loaded, partial, quarantined, skipped",
    )
    status_reason: str | None = Field(
        default=None,
        sa_column=Column(Text),
        description="Why quarantined or skipped; for a partial report, each quarantined part",
    )
    latest_version_id: int | None = Field(default=None, description="Newest version fetched")
    current_version_id: int | None = Field(
        default=None, description="Newest version whose facts are loaded (what the views show)"
    )
    gone_status: int | None = Field(default=None, description="404/410 when the link is dead")
    first_seen_at: datetime = Field(description="When a crawl first saw the link (UTC)")
    last_checked_at: datetime = Field(description="When a crawl last saw the link (UTC)")


class DocumentVersion(SQLModel, table=True):
    """One set of bytes served under a document's URL (a re-issued PDF is a new version)."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    document_id: int = Field(
        foreign_key="report_document.id", index=True, description="The document of this version"
    )
    sha256: str = Field(index=True, max_length=64, description="sha256 of the PDF bytes (hex)")
    size: int = Field(description="Size of the PDF in bytes")
    fetched_at: datetime = Field(description="When these bytes were first downloaded (UTC)")
    etag: str | None = Field(default=None, description="ETag the site sent (conditional GET)")
    last_modified: str | None = Field(
        default=None, description="Last-Modified header the site sent (conditional GET)"
    )
    pages: int | None = Field(default=None, description="Number of PDF pages")
    parser_version: str | None = Field(default=None, description="Parser that last read it")
    status: str = Field(default="fetched", description="fetched, loaded, quarantined, skipped")
    status_reason: str | None = Field(
        default=None, sa_column=Column(Text), description="Why quarantined or skipped"
    )
    dq_warnings: str | None = Field(
        default=None, sa_column=Column(Text), description="Data-quality warnings, `; `-separated"
    )
    facts_digest: str | None = Field(
        default=None,
        description="sha256 of the loaded facts; a reparse that reads the same "
        "facts touches nothing",
    )
    #: What the PDF itself says (cross-checked against the site; disagreements go to dq_warnings).
    pdf_country: str | None = Field(default=None, description="Country the PDF names")
    pdf_election_title: str | None = Field(default=None, description="Election the PDF names")
    pdf_election_type: str | None = Field(default=None, description="Election type per the PDF")
    pdf_election_date: date | None = Field(default=None, description="Voting day per the PDF")
    pdf_report_type: str | None = Field(default=None, description="Report type per the PDF")
    pdf_language: str | None = Field(default=None, description="ISO 639-1 language of the text")
    pdf_published_on: date | None = Field(default=None, description="Date printed on the PDF")
    run_id: int | None = Field(
        default=None, foreign_key="run.id", description="Run that last loaded or held it back"
    )
    loaded_at: datetime | None = Field(default=None, description="When its facts were loaded (UTC)")
    text_source: str = Field(
        default="pdf",
        sa_column=Column(String, nullable=False, server_default="pdf"),
        description="Where the text was read from: pdf (its text layer) or ocr",
    )


class _Fact(SQLModel):
    """Lineage columns shared by every fact table."""

    version_id: int = Field(
        foreign_key="document_version.id", index=True, description="Version the row was read from"
    )
    page: int | None = Field(default=None, description="1-based PDF page the row was read from")
    parser_version: str = Field(description="Version of the parser that read the row")
    run_id: int | None = Field(
        default=None, foreign_key="run.id", description="Run that loaded the row"
    )


class ContestRecord(_Fact, table=True):
    """A results table: its printed title, kind and printed seat total."""

    __tablename__ = "contest"

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    position: int = Field(description="1-based order of the table in the report")
    title: str = Field(description="The table's own title as printed")
    kind: str = Field(description="party_list, mixed, presidential, referendum, local, …")
    seats_total: int | None = Field(default=None, description="Seat total the table prints")


class ResultRecord(_Fact, table=True):
    """One contestant per round per contest."""

    __tablename__ = "result"

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    contest: str = Field(description="Title of the results table as printed")
    contest_kind: str = Field(description="party_list, mixed, presidential, referendum, …")
    round: int = Field(description="1-based round number")
    round_date: date | None = Field(default=None, description="Voting day of the round")
    position: int = Field(description="1-based order of the row in the printed table")
    contestant: str = Field(description="Party, candidate or referendum option as printed")
    nominated_by: str | None = Field(default=None, description="A candidate's nominating party")
    votes: int | None = Field(default=None, description="Votes received")
    vote_share: float | None = Field(default=None, description="Per cent as printed (0-100)")
    seats: int | None = Field(default=None, description="Seats won in total")
    seats_proportional: int | None = Field(default=None, description="Seats from the list vote")
    seats_majoritarian: int | None = Field(default=None, description="Seats from constituencies")
    extra_figures: str | None = Field(
        default=None,
        sa_column=Column(Text),
        description="Other printed figures of the row: JSON object, column header → value",
    )


class TurnoutRecord(_Fact, table=True):
    """The turnout block of one round of one contest."""

    __tablename__ = "turnout"

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    contest: str = Field(description="Title of the results table as printed")
    round: int = Field(description="1-based round number")
    round_date: date | None = Field(default=None, description="Voting day of the round")
    registered_voters: int | None = Field(default=None, description="Voters on the register")
    voters_participated: int | None = Field(default=None, description="Voters who voted")
    turnout_pct: float | None = Field(default=None, description="Turnout, per cent as printed")
    valid_votes: int | None = Field(default=None, description="Valid ballots or votes")
    invalid_ballots: int | None = Field(default=None, description="Invalid (spoilt) ballots")


class ObserverRecord(_Fact, table=True):
    """One observer as listed in a report's annex."""

    __tablename__ = "observer"

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    position: int = Field(description="1-based order in the report's list")
    given_name: str = Field(description="Given name(s) as printed")
    family_name: str = Field(description="Family name as printed")
    country: str | None = Field(default=None, description="The observer's country as printed")
    role: str | None = Field(default=None, description="Role as printed (Head of Mission, …)")
    delegation: str = Field(description="Heading the observer is listed under")
    delegation_parent: str | None = Field(default=None, description="Heading enclosing that one")
    country_code: str | None = Field(
        default=None, description="ISO 3166-1 alpha-2 of the observer's country"
    )
    delegation_kind: str = Field(
        default="other",
        sa_column=Column(String, nullable=False, server_default="other"),
        description="core_team, long_term, short_term, osce_pa, pace, european_parliament, "
        "nato_pa or other",
    )


class RecommendationRecord(_Fact, table=True):
    """One numbered recommendation."""

    __tablename__ = "recommendation"

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    number: int = Field(description="The recommendation's number as printed")
    priority: bool = Field(description="True for the report's priority recommendations")
    section: str | None = Field(default=None, description="Topic heading it is listed under")
    text: str = Field(sa_column=Column(Text, nullable=False), description="Full text")
    previously_recommended: bool = Field(
        default=False, description="The text says it repeats an earlier recommendation"
    )
    numbered: bool = Field(
        default=True,
        sa_column=Column(Boolean, nullable=False, server_default=true()),
        description="False where the report printed no numbers (numbered in reading order)",
    )


class ReportPart(SQLModel, table=True):
    """What became of one part of a report version: loaded, quarantined (why) or absent."""

    __tablename__ = "report_part"
    __table_args__ = (UniqueConstraint("version_id", "part"),)

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    version_id: int = Field(
        foreign_key="document_version.id", index=True, description="Version the part belongs to"
    )
    position: int = Field(description="Order of the part in the report (metadata first)")
    part: str = Field(
        description="metadata, results:<contest>, results, observers or recommendations"
    )
    status: str = Field(description="loaded, quarantined or absent")
    reason: str | None = Field(
        default=None, sa_column=Column(Text), description="Why quarantined or absent"
    )
    rows: int = Field(default=0, description="Rows the part put into its BI view")
    page: int | None = Field(default=None, description="1-based page where the part was found")
    parser_version: str | None = Field(default=None, description="Parser that read the part")
    run_id: int | None = Field(
        default=None, foreign_key="run.id", description="Run that loaded or held it back"
    )


class Run(SQLModel, table=True):
    """One pipeline run (nightly, backfill, reparse, demo)."""

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key (run_id)")
    kind: str = Field(index=True, description="nightly, backfill, reparse, demo")
    parameters: str = Field(
        default="{}", sa_column=Column(Text, nullable=False), description="Filters, as JSON"
    )
    started_at: datetime = Field(description="When the run started (UTC)")
    ended_at: datetime | None = Field(default=None, description="When the run ended (UTC)")
    outcome: str = Field(default="running", description="running, completed, failed, interrupted")
    counts: str = Field(
        default="{}", sa_column=Column(Text, nullable=False), description="Summary counts, JSON"
    )
    flow_run_id: str | None = Field(default=None, description="Prefect flow run id")


class Quarantine(SQLModel, table=True):
    """Why a document (or one of its versions) was held back, for a person to act on."""

    id: int | None = Field(default=None, primary_key=True, description="Surrogate key")
    document_id: int = Field(
        foreign_key="report_document.id", index=True, description="The document held back"
    )
    version_id: int | None = Field(
        default=None, foreign_key="document_version.id", description="The version, if fetched"
    )
    run_id: int | None = Field(
        default=None, foreign_key="run.id", description="Run that held it back"
    )
    code: str = Field(description="Error code (not_a_pdf, truncated_pdf, gone, …)")
    reason: str = Field(
        sa_column=Column(Text, nullable=False), description="Why, in words a person can act on"
    )
    created_at: datetime = Field(description="When it was held back (UTC)")
