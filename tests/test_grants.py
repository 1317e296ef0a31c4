"""``odihr db grant-readonly ROLE``: a BI login reads the bi_* views and nothing else."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import duckdb
import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

import db.migrate
from db.views import VIEWS, create_views
from odihr.cli import main

pytest_plugins = ["warehouse_fixtures"]

#: Internal tables a BI role must not read (a sample; the test also tries every write).
INTERNAL = ("result", "run", "document_version", "quarantine", "alembic_version")


def _admin(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("+psycopg", ""), autocommit=True)


def _as_role(url: str, role: str) -> psycopg.Connection:
    """A connection to the warehouse logged in as ``role`` (the server trusts 127.0.0.1)."""
    parts = make_url(url)
    return psycopg.connect(
        host=parts.host,
        port=parts.port or 5432,
        dbname=parts.database,
        user=role,
        password="reader-password",
        autocommit=True,
    )


@pytest.fixture
def make_role() -> Iterator[Callable[[str], str]]:
    """Factory: ``make_role(url)`` creates a LOGIN role (dropped afterwards) and returns its name.

    The name has a space and capitals, so every statement must quote it.
    """
    made: list[tuple[str, str]] = []

    def make(url: str) -> str:
        role = f"BI reader {uuid.uuid4().hex[:8]}"
        with _admin(url) as connection:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'reader-password'").format(
                    sql.Identifier(role)
                )
            )
        made.append((url, role))
        return role

    yield make
    for url, role in made:
        with _admin(url) as connection:
            connection.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


#: A write on a join view fails as "not updatable" before privileges are even checked.
NOT_UPDATABLE = psycopg.errors.ObjectNotInPrerequisiteState


def _denied(
    connection: psycopg.Connection,
    statement: str,
    errors: tuple[type[psycopg.Error], ...] = (psycopg.errors.InsufficientPrivilege,),
) -> bool:
    try:
        connection.execute(statement)
    except errors:
        return True
    return False


def test_role_reads_every_view_and_nothing_else(
    postgres_warehouse: Any, make_role: Callable[[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres_warehouse.url
    role = make_role(url)
    with _admin(url) as admin:  # privileges it had before must go
        for grant in ("SELECT, INSERT ON result", "CREATE ON SCHEMA public"):
            admin.execute(sql.SQL(f"GRANT {grant} TO {{}}").format(sql.Identifier(role)))
        counts = {v: admin.execute(f"SELECT count(*) FROM {v}").fetchone() for v in VIEWS}

    assert main(["db", "grant-readonly", role, "--db", url]) == 0
    assert "can now read the BI views" in capsys.readouterr().out

    with _as_role(url, role) as reader:
        for view, count in counts.items():
            assert reader.execute(f"SELECT count(*) FROM {view}").fetchone() == count, view
            assert count is not None and count[0] > 0, view
        for table in INTERNAL:
            assert _denied(reader, f"SELECT * FROM {table} LIMIT 1"), table
        for write in (
            "INSERT INTO run (kind, parameters, started_at, outcome, counts) "
            "VALUES ('x', '{}', now(), 'running', '{}')",
            "UPDATE report_document SET status = 'loaded'",
            "DELETE FROM result",
            "CREATE TABLE public.scratch (x int)",
            "DROP VIEW bi_reports",
        ):
            assert _denied(reader, write), write
        for write in ("UPDATE bi_reports SET status = 'loaded'", "DELETE FROM bi_results"):
            assert _denied(reader, write, (psycopg.errors.InsufficientPrivilege, NOT_UPDATABLE))


def test_a_bi_tool_logged_in_as_the_role_reads_the_views(
    postgres_warehouse: Any, make_role: Callable[[str], str], duck: duckdb.DuckDBPyConnection
) -> None:
    url = postgres_warehouse.url
    role = make_role(url)
    assert main(["db", "grant-readonly", role, "--db", url]) == 0
    parts = make_url(url)
    conninfo = (
        f"host={parts.host} port={parts.port or 5432} dbname={parts.database} "
        f"user='{role}' password=reader-password"
    )
    quoted = conninfo.replace("'", "''")  # a SQL string literal
    duck.execute(f"ATTACH '{quoted}' AS ro (TYPE postgres, READ_ONLY)")
    try:
        for view in VIEWS:
            assert duck.sql(f"SELECT count(*) FROM ro.{view}").fetchone()[0] > 0, view
        with pytest.raises(duckdb.Error, match="(?i)permission denied"):
            duck.sql("SELECT * FROM ro.result").fetchall()
    finally:
        duck.execute("DETACH ro")


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_grants_survive_a_migration_that_recreates_the_views(
    database_url: str, make_role: Callable[[str], str]
) -> None:
    db.migrate.upgrade(database_url)
    role = make_role(database_url)
    assert main(["db", "grant-readonly", role, "--db", database_url]) == 0

    def next_revision(config: Any, revision: str) -> None:
        """What a future revision changing a view does: drop and recreate every view."""
        create_views(config.attributes["connection"])

    with (
        mock.patch.object(db.migrate, "head_revision", return_value="next"),
        mock.patch.object(db.migrate.command, "upgrade", side_effect=next_revision) as upgrade,
    ):
        db.migrate.upgrade(database_url)
    assert upgrade.called
    with _as_role(database_url, role) as reader:
        for view in VIEWS:
            reader.execute(f"SELECT count(*) FROM {view}")
        assert _denied(reader, "SELECT * FROM result")


def test_unknown_role_is_a_clear_failure(
    postgres_warehouse: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "grant-readonly", "no_such_role_x", "--db", postgres_warehouse.url]) == 1
    assert "role 'no_such_role_x' does not exist" in capsys.readouterr().err


def test_sqlite_is_refused_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sub" / "warehouse.db"
    assert main(["db", "grant-readonly", "reader", "--db", f"sqlite:///{path}"]) == 1
    error = capsys.readouterr().err
    assert "grant-readonly needs PostgreSQL" in error and "read-only" in error
    assert not path.parent.exists()  # refused before anything was created
