"""Bring a warehouse to the newest schema with Alembic; every command calls this first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from db.engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    DatabaseUnavailable,
    _sqlite_pragmas,
    get_engine,
    normalise_url,
)
from db.views import grant_select, view_readers

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(database_url: str | None = None) -> Config:
    """An Alembic config pointing at this package's migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        config.set_main_option("sqlalchemy.url", normalise_url(database_url))
    return config


def head_revision() -> str:
    """The newest revision shipped with the code."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _sqlite_autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
    _sqlite_pragmas(dbapi_connection, _record)
    dbapi_connection.isolation_level = None  # the driver no longer commits before DDL by itself


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def migration_engine(database_url: str) -> Engine:
    """An engine whose transactions cover DDL, so a migration is all or nothing.

    PostgreSQL has transactional DDL. SQLite has it too, but Python's ``sqlite3`` driver opens
    transactions only before INSERT/UPDATE/DELETE and runs ``CREATE TABLE`` in autocommit: a
    migration killed 30 ms in left half a schema ("table country already exists" for ever).
    Here the driver's own transaction handling is off and every transaction is an explicit
    ``BEGIN IMMEDIATE``.
    """
    url = normalise_url(database_url)
    if not url.startswith("sqlite"):
        return get_engine(database_url)
    engine = create_engine(
        url, poolclass=NullPool, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    )
    event.listen(engine, "connect", _sqlite_autocommit_driver)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def upgrade(database_url: str, revision: str = "head") -> Engine:
    """Migrate the database to ``revision`` (no-op when already there) and return its engine.

    The whole upgrade — every revision, the version stamp, the views and their grants — is one
    transaction on both engines: a kill at any moment leaves the previous schema or the new one.
    """
    engine = get_engine(database_url)
    try:
        if revision == "head" and current_revision(engine) == head_revision():
            return engine
        config = alembic_config()
        migrator = migration_engine(database_url)
        with migrator.begin() as connection:
            readers = view_readers(connection)  # a view dropped and recreated loses its grants
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            grant_select(connection, readers)
        if migrator is not engine:
            migrator.dispose()
    except OperationalError as error:
        raise DatabaseUnavailable(
            f"cannot reach the warehouse database {engine.url.render_as_string()}: {error.orig}"
        ) from error
    return engine
