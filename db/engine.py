"""Engines for the warehouse: SQLite (WAL, busy timeout, foreign keys) and PostgreSQL."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from odihr.errors import OdihrError

#: How long a SQLite writer waits for a lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000


class DatabaseUnavailable(OdihrError):
    """The warehouse database cannot be reached or opened."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL lets BI readers read while the nightly run writes; foreign keys are off by default.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def normalise_url(database_url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` for psycopg 3, and create SQLite's folder."""
    url = make_url(database_url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    return url.render_as_string(hide_password=False)


@lru_cache(maxsize=8)
def get_engine(database_url: str) -> Engine:
    """One engine per URL per process (engines own connection pools)."""
    url = normalise_url(database_url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    return engine


def checkpoint(database_url: str) -> None:
    """SQLite: fold the write-ahead log into the database file (``PRAGMA wal_checkpoint``), so
    that the ``.db`` file alone is the whole warehouse after a run; PostgreSQL: nothing."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    if not Path(url.database).expanduser().exists():
        return
    try:
        with get_engine(database_url).connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:  # noqa: BLE001 - a busy reader only delays the checkpoint to the next run
        return
