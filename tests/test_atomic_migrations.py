"""A migration killed at any statement leaves the previous schema or the new one (issue 11).

Today: kill -9 ~30 ms into the first SQLite migration leaves a partial schema, and every later
command fails "table country already exists". Here a child process runs ``db.migrate.upgrade``
and kills itself with SIGKILL just before its N-th SQL statement, for N across the whole
migration; the parent then finds either an empty database or one at head, and upgrades it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, inspect

from db.engine import get_engine
from db.migrate import current_revision, head_revision, upgrade

from tests_support import PG_ADMIN_URL, create_pg_database, drop_pg_database

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
stop_at = int(sys.argv[2])
seen = [0]

@event.listens_for(Engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany):
    seen[0] += 1
    if seen[0] == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)

from db.migrate import upgrade
upgrade(sys.argv[1])
print(seen[0])
"""


def _migrate_until(url: str, statement: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    return subprocess.run([sys.executable, "-c", CHILD, url, str(statement)], env=env,
                          capture_output=True, text=True, timeout=120)


def _state(url: str) -> str:
    engine = create_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        revision = current_revision(engine)
    finally:
        engine.dispose()
    if revision == head_revision():
        return "head"
    # Before the first revision: nothing at all (an alembic_version table without a row is
    # "nothing" too, though the single transaction never leaves one behind).
    assert tables <= {"alembic_version"}, (revision, sorted(tables))
    return "empty"


def test_a_migration_killed_at_any_statement_is_all_or_nothing(database_url: str) -> None:
    full = _migrate_until(database_url, 10**9)  # a run to the end counts the statements
    assert full.returncode == 0, full.stderr
    total = int(full.stdout.strip().splitlines()[-1])
    assert total > 20
    points = sorted({2, 3, total // 4, total // 2, 3 * total // 4, total - 1, total})
    for n, point in enumerate(points):
        with _fresh(database_url, n) as url:
            result = _migrate_until(url, point)
            assert result.returncode == -signal.SIGKILL, (point, result.stderr[-2000:])
            assert _state(url) in ("empty", "head"), point
            upgrade(url)  # and the next command goes on from there
            assert _state(url) == "head"


@contextmanager
def _fresh(database_url: str, n: int) -> Iterator[str]:
    """Another empty database beside ``database_url`` (a file, or a database on PostgreSQL)."""
    if database_url.startswith("sqlite"):
        yield database_url.replace(".db", f"-{n}.db")
        return
    name, url = create_pg_database(PG_ADMIN_URL)
    try:
        yield url
    finally:
        get_engine(url).dispose()
        drop_pg_database(PG_ADMIN_URL, name, url)
