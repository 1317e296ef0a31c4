"""Dialect upserts (``INSERT … ON CONFLICT``) for SQLite and PostgreSQL, with bound parameters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def upsert(
    connection: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    keys: Iterable[str],
    update: Iterable[str] | None = None,
) -> None:
    """Insert ``rows``; on a conflict on ``keys`` update the ``update`` columns (default: all)."""
    if not rows:
        return
    keys = list(keys)
    insert = (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(
        table
    )
    columns = list(update) if update is not None else [c for c in rows[0] if c not in keys]
    if columns:
        statement = insert.on_conflict_do_update(
            index_elements=keys, set_={c: insert.excluded[c] for c in columns}
        )
    else:
        statement = insert.on_conflict_do_nothing(index_elements=keys)
    connection.execute(statement, list(rows))
