"""Warehouse queries and writes that make runs converge whatever faults came before.

* runs left ``running`` by a process that died (kill -9, power loss) are marked ``abandoned``
  by the next run, which holds the warehouse lock and so knows no other run is alive;
* translations whose state disagrees with their original's (loaded while the original is loaded:
  counted twice; skipped while the original is not loaded: counted never) are found and fixed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, delete, func, select, update
from sqlalchemy.orm import aliased

from db.load import FACT_TABLES, utcnow
from db.models import DocumentVersion, ReportDocument, Run
from odihr.outcomes import LOADED_STATUSES

#: The original's status under which its translations are skipped (see flows/steps.process):
#: a partial original is shown too.
ORIGINAL_SHOWN = LOADED_STATUSES
#: A translation in one of these states while its original is shown is counted twice.
TRANSLATION_SHOWN = ("loaded", "partial", "quarantined")


def abandon_dead_runs(engine: Engine) -> list[int]:
    """Mark every run still ``running`` as ``abandoned``; call it holding the warehouse lock."""
    r = Run.__table__
    with engine.begin() as connection:
        ids = [row[0] for row in connection.execute(select(r.c.id).where(r.c.outcome == "running"))]
        if ids:
            connection.execute(
                update(r).where(r.c.id.in_(ids)).values(outcome="abandoned", ended_at=utcnow())
            )
    return ids


def translations_out_of_step(engine: Engine) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(to_skip, to_parse)``: translations shown beside a shown original, and translations
    skipped although their original is not shown (each with its latest version)."""
    t = ReportDocument.__table__
    o = aliased(ReportDocument.__table__)
    columns = (t.c.id, t.c.url_path, t.c.latest_version_id, t.c.translation_of, o.c.status)
    query = select(*columns, t.c.status.label("translation_status")).select_from(
        t.join(o, o.c.url_path == t.c.translation_of)
    )
    with engine.connect() as connection:
        rows = [dict(r) for r in connection.execute(query).mappings().all()]
    to_skip = [
        r for r in rows
        if r["status"] in ORIGINAL_SHOWN and r["translation_status"] in TRANSLATION_SHOWN
    ]
    to_parse = [
        r for r in rows
        if r["status"] not in ORIGINAL_SHOWN and r["translation_status"] == "skipped"
        and r["latest_version_id"] is not None
    ]
    return to_skip, to_parse


def skip_translation(
    engine: Engine, *, document_id: int, reason: str, run_id: int | None
) -> None:
    """Take a translation out of the views (its original is loaded) in one transaction."""
    v = DocumentVersion.__table__
    with engine.begin() as connection:
        versions = [row[0] for row in connection.execute(
            select(v.c.id).where(v.c.document_id == document_id))]
        for table in FACT_TABLES:
            connection.execute(
                delete(table.__table__).where(table.__table__.c.version_id.in_(versions))
            )
        connection.execute(
            update(v)
            .where(and_(v.c.document_id == document_id, v.c.status != "fetched"))
            .values(
                status="skipped", status_reason=reason, run_id=run_id, loaded_at=None,
                # as if never parsed: the same row a clean run writes for a skipped translation
                parser_version=None, dq_warnings=None, facts_digest=None,
            )
        )
        connection.execute(
            update(ReportDocument.__table__)
            .where(ReportDocument.__table__.c.id == document_id)
            .values(status="skipped", status_reason=reason, current_version_id=None)
        )


def known_document_counts(engine: Engine) -> dict[int, int]:
    """``election id → documents the warehouse holds for it`` (dead links left out)."""
    d = ReportDocument.__table__
    with engine.connect() as connection:
        rows = connection.execute(
            select(d.c.election_id, func.count())
            .where(d.c.gone_status.is_(None))
            .group_by(d.c.election_id)
        ).all()
    return {election_id: int(n) for election_id, n in rows}
