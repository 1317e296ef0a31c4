"""Stored document versions selected by backfill filters (input of a reparse)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from db.models import Country, DocumentVersion, Election, ReportDocument
from odihr.filters import Filters


def stored_versions(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    """The newest stored version of every document matching ``filters``, originals first."""
    d, v = ReportDocument.__table__, DocumentVersion.__table__
    e, c = Election.__table__, Country.__table__
    query = (
        select(
            d.c.id.label("document_id"),
            d.c.url_path,
            d.c.translation_of,
            d.c.report_type,
            d.c.language,
            v.c.id.label("version_id"),
            v.c.sha256,
            v.c.facts_digest,
            c.c.name.label("country"),
            c.c.slug,
            e.c.election_date,
            e.c.election_dates,
            e.c.election_type,
        )
        .select_from(
            d.join(v, v.c.id == d.c.latest_version_id)
            .join(e, e.c.id == d.c.election_id)
            .join(c, c.c.code == e.c.country_code)
        )
        .order_by(d.c.translation_of.is_not(None), d.c.id)
    )
    if filters.date_from:
        query = query.where(e.c.election_date >= filters.date_from)
    if filters.date_to:
        query = query.where(e.c.election_date <= filters.date_to)
    if filters.countries:
        query = query.where(c.c.slug.in_(sorted(filters.countries)))
    if filters.report_types:
        query = query.where(d.c.report_type.in_(sorted(filters.report_types)))
    with engine.connect() as connection:
        rows = [dict(r) for r in connection.execute(query).mappings().all()]
    for row in rows:
        row["election_dates"] = tuple(
            date.fromisoformat(x) for x in (row["election_dates"] or "").split(",") if x
        )
    return rows
