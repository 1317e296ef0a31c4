"""Writing to the warehouse: one short transaction per step, one transaction per report load.

Every write goes through SQLAlchemy Core with bound parameters; facts are bulk-inserted
(executemany), never added one ORM object at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from db.models import (
    ContestRecord,
    Country,
    DocumentVersion,
    Election,
    ObserverRecord,
    RecommendationRecord,
    ReportDocument,
    ResultRecord,
    Run,
    TurnoutRecord,
)
from db.upsert import upsert
from odihr.outcomes import KnownVersion

FACT_TABLES = (ResultRecord, TurnoutRecord, ObserverRecord, RecommendationRecord, ContestRecord)


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


# --- runs ---------------------------------------------------------------------------------------


def start_run(
    engine: Engine, kind: str, parameters: Mapping[str, Any], flow_run_id: str | None = None
) -> int:
    """Record the start of a run (and the Prefect flow run it belongs to); return its id."""
    with engine.begin() as connection:
        result = connection.execute(
            insert(Run.__table__).values(
                kind=kind,
                flow_run_id=flow_run_id,
                parameters=json.dumps(parameters, default=str, sort_keys=True),
                started_at=utcnow(),
                outcome="running",
                counts="{}",
            )
        )
        return int(result.inserted_primary_key[0])


def finish_run(engine: Engine, run_id: int, outcome: str, counts: Mapping[str, Any]) -> None:
    """Record how a run ended."""
    with engine.begin() as connection:
        connection.execute(
            update(Run.__table__)
            .where(Run.__table__.c.id == run_id)
            .values(ended_at=utcnow(), outcome=outcome, counts=json.dumps(counts, default=str))
        )


# --- elections and documents ------------------------------------------------------------------


def upsert_elections(engine: Engine, elections: Iterable[Mapping[str, Any]]) -> None:
    """Insert or refresh countries and elections (dicts with the Election/Country columns)."""
    now = utcnow()
    elections = list(elections)
    countries = {e["country_code"]: e for e in elections}
    with engine.begin() as connection:
        upsert(
            connection,
            Country.__table__,
            [
                {"code": code, "name": e["country"], "slug": e.get("country_slug")}
                for code, e in sorted(countries.items())
            ],
            keys=["code"],
        )
        upsert(
            connection,
            Election.__table__,
            [
                {
                    "id": e["id"],
                    "url_path": e["url_path"],
                    "country_code": e["country_code"],
                    "title": e["title"],
                    "election_type": e["election_type"],
                    "early": e["early"],
                    "election_date": e["election_date"],
                    "election_dates": ",".join(d.isoformat() for d in e["election_dates"]),
                    "mission_type": e.get("mission_type"),
                    "first_seen_at": now,
                    "last_checked_at": now,
                }
                for e in elections
            ],
            keys=["id"],
            update=[
                "url_path",
                "country_code",
                "title",
                "election_type",
                "early",
                "election_date",
                "election_dates",
                "mission_type",
                "last_checked_at",
            ],
        )


def upsert_documents(engine: Engine, documents: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Insert or refresh report documents; return ``url_path → document id``."""
    now = utcnow()
    rows = [
        {
            "url_path": d["url_path"],
            "url": d["url"],
            "site_document_id": d.get("site_document_id"),
            "election_id": d["election_id"],
            "type_label": d.get("type_label"),
            "report_type": d["report_type"],
            "language": d.get("language"),
            "translation_of": d.get("translation_of"),
            "published_on": d.get("published_on"),
            "status": "pending",
            "first_seen_at": now,
            "last_checked_at": now,
        }
        for d in documents
    ]
    with engine.begin() as connection:
        upsert(
            connection,
            ReportDocument.__table__,
            rows,
            keys=["url_path"],
            update=[
                "url",
                "site_document_id",
                "election_id",
                "type_label",
                "report_type",
                "language",
                "translation_of",
                "published_on",
                "last_checked_at",
            ],
        )
        table = ReportDocument.__table__
        paths = [r["url_path"] for r in rows]
        found = (
            connection.execute(
                select(table.c.url_path, table.c.id).where(table.c.url_path.in_(paths))
            ).all()
            if paths
            else []
        )
    return {path: doc_id for path, doc_id in found}


def known_versions(engine: Engine) -> dict[str, KnownVersion]:
    """``url_path → newest fetched version`` of every fetched document (for conditional GET and
    skip decisions)."""
    d = ReportDocument.__table__
    v = DocumentVersion.__table__
    query = select(
        d.c.url_path,
        v.c.id,
        v.c.sha256,
        v.c.etag,
        v.c.last_modified,
        v.c.parser_version,
        v.c.status,
    ).select_from(d.join(v, v.c.id == d.c.latest_version_id))
    with engine.connect() as connection:
        return {path: KnownVersion(*rest) for path, *rest in connection.execute(query).all()}


def record_version(
    engine: Engine,
    document_id: int,
    *,
    sha256: str,
    size: int,
    etag: str | None,
    last_modified: str | None,
    run_id: int | None,
) -> tuple[int, bool]:
    """Record fetched bytes as a version of the document; return (version id, is it new)."""
    v = DocumentVersion.__table__
    with engine.begin() as connection:
        existing = connection.execute(
            select(v.c.id).where(v.c.document_id == document_id, v.c.sha256 == sha256)
        ).scalar()
        if existing is not None:
            connection.execute(
                update(v).where(v.c.id == existing).values(etag=etag, last_modified=last_modified)
            )
            version_id, is_new = int(existing), False
        else:
            result = connection.execute(
                insert(v).values(
                    document_id=document_id,
                    sha256=sha256,
                    size=size,
                    fetched_at=utcnow(),
                    etag=etag,
                    last_modified=last_modified,
                    status="fetched",
                    run_id=run_id,
                )
            )
            version_id, is_new = int(result.inserted_primary_key[0]), True
        connection.execute(
            update(ReportDocument.__table__)
            .where(ReportDocument.__table__.c.id == document_id)
            .values(latest_version_id=version_id, gone_status=None, last_checked_at=utcnow())
        )
    return version_id, is_new
