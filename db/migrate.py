"""Bring a warehouse to the newest schema with Alembic; every command calls this first."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from db.engine import DatabaseUnavailable, get_engine, normalise_url
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


def upgrade(database_url: str, revision: str = "head") -> Engine:
    """Migrate the database to ``revision`` (no-op when already there) and return its engine."""
    engine = get_engine(database_url)
    try:
        if revision == "head" and current_revision(engine) == head_revision():
            return engine
        config = alembic_config()
        with engine.begin() as connection:
            readers = view_readers(connection)  # a view dropped and recreated loses its grants
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            grant_select(connection, readers)
    except OperationalError as error:
        raise DatabaseUnavailable(
            f"cannot reach the warehouse database {engine.url.render_as_string()}: {error.orig}"
        ) from error
    return engine
