"""Read-side queries: document status, status counts, last runs, quarantined reports."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from db.models import Country, Election, ReportDocument, Run


def document_status(engine: Engine, url_path: str) -> str | None:
    """The status of the document at ``url_path`` (None when unknown)."""
    d = ReportDocument.__table__
    with engine.connect() as connection:
        return connection.execute(select(d.c.status).where(d.c.url_path == url_path)).scalar()


def status_counts(engine: Engine) -> dict[str, int]:
    """Number of documents per status."""
    d = ReportDocument.__table__
    with engine.connect() as connection:
        rows = connection.execute(select(d.c.status, func.count()).group_by(d.c.status)).all()
    return {status: count for status, count in rows}


def last_runs(engine: Engine, limit: int = 10, *, failed: bool = False) -> list[dict[str, Any]]:
    """The newest runs, newest first (``failed``: only runs that did not complete)."""
    r = Run.__table__
    query = select(r).order_by(r.c.id.desc()).limit(limit)
    if failed:
        query = query.where(r.c.outcome.not_in(("completed", "running")))
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [dict(row) for row in rows]


def quarantined_documents(engine: Engine, status: str = "quarantined") -> list[tuple[str, str]]:
    """Every document with ``status`` (quarantined, or partial: some parts held back) and why."""
    d = ReportDocument.__table__
    with engine.connect() as connection:
        rows = connection.execute(
            select(d.c.url_path, d.c.status_reason)
            .where(d.c.status == status)
            .order_by(d.c.url_path)
        ).all()
    return [(path, reason or "") for path, reason in rows]


def known_elections(engine: Engine) -> dict[int, tuple[Any, bool]]:
    """``election id → (election date, done)`` for the nightly plan: done when the election has a
    processed final report, no document still ``pending`` (a run killed before processing them
    leaves them so) and none that could never be downloaded."""
    e, d = Election.__table__, ReportDocument.__table__
    has_final = (
        select(func.count())
        .where(d.c.election_id == e.c.id, d.c.report_type == "final", d.c.status != "pending")
        .scalar_subquery()
    )
    # Pending (a run died before processing it) or never downloaded (the site failed): the next
    # nightly must visit the election again, however old it is.
    unfinished = or_(
        d.c.status == "pending", and_(d.c.status == "quarantined", d.c.latest_version_id.is_(None))
    )
    pending = (
        select(func.count()).where(d.c.election_id == e.c.id, unfinished).scalar_subquery()
    )
    with engine.connect() as connection:
        rows = connection.execute(select(e.c.id, e.c.election_date, has_final, pending)).all()
    return {election_id: (day, bool(n) and not p) for election_id, day, n, p in rows}


def country_slugs(engine: Engine) -> set[str]:
    """The site's country slugs the warehouse knows (to check ``--country`` offline)."""
    c = Country.__table__
    with engine.connect() as connection:
        return {s for s in connection.execute(select(c.c.slug)).scalars() if s}
