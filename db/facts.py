"""Loading one parsed report version into the fact tables, atomically."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from db.bulk import insert_rows
from db.load import FACT_TABLES, utcnow
from db.models import (
    ContestRecord,
    DocumentVersion,
    ObserverRecord,
    Quarantine,
    RecommendationRecord,
    ReportDocument,
    ReportPart,
    ResultRecord,
    TurnoutRecord,
)
from db.parts import extra_figures_json, part_rows
from odihr.countries import country_code
from odihr.outcomes import LOADED_STATUSES, PartStatus
from odihr.records import ParsedReport


def fact_rows(parsed: ParsedReport, version_id: int, run_id: int | None) -> dict[Any, list[dict]]:
    """Flatten a parsed report into rows per fact table (with lineage columns)."""
    lineage = {"version_id": version_id, "parser_version": parsed.parser_version, "run_id": run_id}
    rows: dict[Any, list[dict]] = {table: [] for table in FACT_TABLES}
    for position, contest in enumerate(parsed.contests, start=1):
        first_page = contest.rounds[0].page if contest.rounds else None
        rows[ContestRecord].append(
            {
                **lineage,
                "position": position,
                "title": contest.title,
                "kind": contest.kind,
                "seats_total": contest.seats_total,
                "page": first_page,
            }
        )
        for rnd in contest.rounds:
            rows[TurnoutRecord].append(
                {
                    **lineage,
                    "contest": contest.title,
                    "round": rnd.number,
                    "round_date": rnd.date,
                    "registered_voters": rnd.registered_voters,
                    "voters_participated": rnd.voters_participated,
                    "turnout_pct": rnd.turnout_pct,
                    "valid_votes": rnd.valid_votes,
                    "invalid_ballots": rnd.invalid_ballots,
                    "page": rnd.page,
                }
            )
            for row_position, row in enumerate(rnd.rows, start=1):
                rows[ResultRecord].append(
                    {
                        **lineage,
                        "contest": contest.title,
                        "contest_kind": contest.kind,
                        "round": rnd.number,
                        "round_date": rnd.date,
                        "position": row_position,
                        "contestant": row.contestant,
                        "nominated_by": row.nominated_by,
                        "votes": row.votes,
                        "vote_share": row.vote_share,
                        "seats": row.seats,
                        "seats_proportional": row.seats_proportional,
                        "seats_majoritarian": row.seats_majoritarian,
                        "page": row.page,
                        "extra_figures": extra_figures_json(row.extra_figures),
                    }
                )
    for observer in parsed.observers:
        rows[ObserverRecord].append(
            {
                **lineage,
                "position": observer.position,
                "given_name": observer.given_name,
                "family_name": observer.family_name,
                "country": observer.country,
                "role": observer.role,
                "delegation": observer.delegation,
                "delegation_parent": observer.delegation_parent,
                "page": observer.page,
                # The parser's code; else the printed country's (the same table validation uses).
                "country_code": observer.country_code or country_code(observer.country),
                "delegation_kind": observer.delegation_kind,
            }
        )
    for rec in parsed.recommendations:
        rows[RecommendationRecord].append(
            {
                **lineage,
                "number": rec.number,
                "priority": rec.priority,
                "section": rec.section,
                "text": rec.text,
                "previously_recommended": rec.previously_recommended,
                "page": rec.page,
                "numbered": rec.numbered,
            }
        )
    return rows


#: Columns that say where a fact came from rather than what it says: not part of the digest.
LINEAGE_COLUMNS = ("version_id", "parser_version", "run_id")


def facts_digest(
    parsed: ParsedReport,
    dq_warnings: Sequence[str] = (),
    parts: Sequence[PartStatus] = (),
    status_reason: str | None = None,
) -> str:
    """A digest of what loading ``parsed`` would write, lineage columns left out."""
    return _digest(
        fact_rows(parsed, 0, None),
        dq_warnings,
        parsed.metadata.pages,
        parts,
        status_reason,
        parsed.text_source,
    )


def _digest(
    rows: dict[Any, list[dict]],
    dq_warnings: Sequence[str],
    pages: int,
    parts: Sequence[PartStatus] = (),
    status_reason: str | None = None,
    text_source: str = "pdf",
) -> str:
    """:func:`facts_digest` of rows already flattened.

    Rows are hashed as the ``repr`` of their value tuples, table by table in a fixed order, with
    each table's column names first: cheap (no JSON, no per-row dicts) and stable across runs.
    Stored versions carry this digest, so changing the format makes the next reparse reload every
    report once.
    """
    digest = hashlib.sha256()
    for table in sorted(rows, key=lambda t: t.__tablename__):
        table_rows = rows[table]
        keys = [k for k in table_rows[0] if k not in LINEAGE_COLUMNS] if table_rows else []
        digest.update(f"{table.__tablename__}{keys!r}".encode())
        for row in table_rows:
            digest.update(repr(tuple(row[k] for k in keys)).encode())
    digest.update(repr((tuple(dq_warnings), pages)).encode())
    digest.update(repr(([tuple(vars(p).values()) for p in parts], status_reason)).encode())
    digest.update(text_source.encode())
    return digest.hexdigest()


def load_status(parts: Sequence[PartStatus], status_reason: str | None) -> tuple[str, str | None]:
    """The status a load gives a version, and the reason it keeps: ``partial`` (with the
    reason) when a part is quarantined, else ``loaded`` (no reason)."""
    if any(p.status == "quarantined" for p in parts):
        return "partial", status_reason
    return "loaded", None


def _delete_facts(connection: Connection, version_id: int) -> None:
    for table in (*FACT_TABLES, ReportPart):
        connection.execute(
            delete(table.__table__).where(table.__table__.c.version_id == version_id)
        )


def _newest_loaded_version(connection: Connection, document_id: int) -> int | None:
    v = DocumentVersion.__table__
    return connection.execute(
        select(v.c.id)
        .where(v.c.document_id == document_id, v.c.status.in_(LOADED_STATUSES))
        .order_by(v.c.id.desc())
        .limit(1)
    ).scalar()


def load_report(
    engine: Engine,
    *,
    document_id: int,
    version_id: int,
    parsed: ParsedReport,
    run_id: int | None,
    dq_warnings: Sequence[str] = (),
    parts: Sequence[PartStatus] = (),
    status_reason: str | None = None,
    digest: str | None = None,
) -> int:
    """Replace the version's facts with ``parsed`` and make it current, in one transaction.

    ``parsed`` holds only the parts to load (quarantined ones already taken out); ``parts`` says
    what became of every part. The status is ``partial`` when a part is quarantined (then
    ``status_reason`` names each one), else ``loaded`` (:func:`load_status`). ``digest`` is
    :func:`facts_digest` of the same arguments when the caller has it already (it is stored as
    it is). Returns the number of fact rows written.
    """
    rows = fact_rows(parsed, version_id, run_id)
    meta = parsed.metadata
    now = utcnow()
    status, reason = load_status(parts, status_reason)
    if digest is None:  # before the transaction: no lock is held while it is computed
        digest = _digest(rows, dq_warnings, meta.pages, parts, reason, parsed.text_source)
    with engine.begin() as connection:
        _delete_facts(connection, version_id)
        for table, table_rows in rows.items():
            insert_rows(connection, table.__table__, table_rows)
        insert_rows(
            connection,
            ReportPart.__table__,
            part_rows(parts, version_id, parsed.parser_version, run_id),
        )
        connection.execute(
            update(DocumentVersion.__table__)
            .where(DocumentVersion.__table__.c.id == version_id)
            .values(
                status=status,
                status_reason=reason,
                pages=meta.pages,
                parser_version=parsed.parser_version,
                dq_warnings="; ".join(dq_warnings) if dq_warnings else None,
                facts_digest=digest,
                text_source=parsed.text_source,
                pdf_country=meta.country,
                pdf_election_title=meta.election_title,
                pdf_election_type=meta.election_type,
                pdf_election_date=meta.election_date,
                pdf_report_type=meta.report_type,
                pdf_language=meta.language,
                pdf_published_on=meta.published_on,
                run_id=run_id,
                loaded_at=now,
            )
        )
        connection.execute(
            update(ReportDocument.__table__)
            .where(ReportDocument.__table__.c.id == document_id)
            .values(status=status, status_reason=reason, current_version_id=version_id)
        )
    return sum(len(r) for r in rows.values())


def quarantine_report(
    engine: Engine,
    *,
    document_id: int,
    version_id: int | None,
    code: str,
    reason: str,
    run_id: int | None,
    pages: int | None = None,
    parser_version: str | None = None,
    parts: Sequence[PartStatus] = (),
) -> None:
    """Hold a document (version) back with a reason; its facts leave the BI views.

    ``parts`` (``bi_report_parts``) says which part stopped it (default: the metadata, with
    ``reason``).
    """
    now = utcnow()
    with engine.begin() as connection:
        if version_id is not None:
            _delete_facts(connection, version_id)
            insert_rows(
                connection,
                ReportPart.__table__,
                part_rows(
                    parts or (PartStatus("metadata", "quarantined", reason),),
                    version_id,
                    parser_version,
                    run_id,
                ),
            )
            values: dict[str, Any] = {
                "status": "quarantined",
                "status_reason": reason,
                "run_id": run_id,
                "loaded_at": None,
                "dq_warnings": None,
            }
            if pages is not None:
                values["pages"] = pages
            if parser_version is not None:
                values["parser_version"] = parser_version
            connection.execute(
                update(DocumentVersion.__table__)
                .where(DocumentVersion.__table__.c.id == version_id)
                .values(**values)
            )
        connection.execute(
            update(ReportDocument.__table__)
            .where(ReportDocument.__table__.c.id == document_id)
            .values(
                status="quarantined",
                status_reason=reason,
                current_version_id=_newest_loaded_version(connection, document_id),
            )
        )
        connection.execute(
            insert(Quarantine.__table__).values(
                document_id=document_id,
                version_id=version_id,
                run_id=run_id,
                code=code,
                reason=reason,
                created_at=now,
            )
        )


def skip_report(
    engine: Engine,
    *,
    document_id: int,
    version_id: int | None,
    reason: str,
    pages: int | None,
    run_id: int | None,
) -> None:
    """Mark a document deliberately not parsed (a translation whose original is loaded)."""
    with engine.begin() as connection:
        if version_id is not None:
            connection.execute(
                update(DocumentVersion.__table__)
                .where(DocumentVersion.__table__.c.id == version_id)
                .values(status="skipped", status_reason=reason, pages=pages, run_id=run_id)
            )
        connection.execute(
            update(ReportDocument.__table__)
            .where(ReportDocument.__table__.c.id == document_id)
            .values(status="skipped", status_reason=reason)
        )


def mark_gone(engine: Engine, *, document_id: int, http_status: int, reason: str) -> None:
    """Record a dead link. A document that was loaded keeps its facts and its status."""
    d = ReportDocument.__table__
    with engine.begin() as connection:
        connection.execute(update(d).where(d.c.id == document_id).values(gone_status=http_status))
        connection.execute(
            update(d)
            .where(d.c.id == document_id, d.c.current_version_id.is_(None))
            .values(status="quarantined", status_reason=reason)
        )
