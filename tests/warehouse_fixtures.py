"""Session-scoped warehouses holding a real ingest of the bundled sample mirror.

Load with ``pytest_plugins = ["warehouse_fixtures"]`` in a test module. Each engine's warehouse
is ingested once per run (real HTTP against the mirror, a real Prefect flow run), by the first
xdist process that needs it (:mod:`build_once`); every process then reads its own copy (SQLite)
or clone (PostgreSQL), shared read-only by every test of the process that asks for it: tests must
not write to it.
"""

from __future__ import annotations

import importlib
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

import odihr
from db.engine import get_engine
from flows.ingest import ingest
from odihr.site.server import MirrorServer

from build_once import build_once, locked, under_xdist

SAMPLE_SITE = Path(odihr.__file__).parent / "sample_site"
#: DuckDB extension → the wheel package that ships its file.
SCANNERS = {
    "sqlite_scanner": "duckdb_extension_sqlite_scanner",
    "postgres_scanner": "duckdb_extension_postgres_scanner",
}


@dataclass(frozen=True)
class Warehouse:
    """An ingested warehouse: its engine name, URL and the ingest's run summary."""

    engine_name: str
    url: str
    summary: dict[str, Any]


def _ingest(url: str, data_dir: Path) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as patch, MirrorServer(SAMPLE_SITE) as mirror:
        patch.setenv("ODIHR_BACKOFF_SECONDS", "0.001")
        patch.setenv("ODIHR_RETRIES", "2")
        summary = ingest(
            kind="backfill",
            base_url=mirror.base_url,
            database_url=url,
            data_dir=str(data_dir),
            requests_per_second=500.0,
        )
    assert summary["outcome"] == "completed", summary
    return summary


@pytest.fixture(scope="session")
def sqlite_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """The sample mirror ingested into a SQLite file (once per run; each process reads a copy)."""

    def build(folder: Path) -> dict[str, Any]:
        url = f"sqlite:///{folder / 'warehouse.db'}"
        summary = _ingest(url, folder / "data")
        get_engine(url).dispose()
        return summary

    shared, summary = build_once(tmp_path_factory, "sqlite-warehouse", build)
    if not under_xdist():
        return Warehouse("sqlite", f"sqlite:///{shared / 'warehouse.db'}", summary)
    own = tmp_path_factory.mktemp("sqlite-warehouse") / "warehouse.db"
    # The backup API copies a consistent database whatever its journal (WAL) holds.
    with (
        closing(sqlite3.connect(shared / "warehouse.db")) as source,
        closing(sqlite3.connect(own)) as copy,
    ):
        source.backup(copy)
    return Warehouse("sqlite", f"sqlite:///{own}", summary)


def _drop(admin: str, name: str) -> None:
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_warehouse(
    postgres_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    """The sample mirror ingested into a throw-away PostgreSQL database, once per run: each
    xdist process reads its own clone (``CREATE DATABASE … TEMPLATE``); all dropped at the end."""
    admin = postgres_server.replace("+psycopg", "")
    base = postgres_server.rsplit("/", 1)[0]

    def build(folder: Path) -> dict[str, Any]:
        name = f"odihr_test_wh_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        url = f"{base}/{name}"
        try:
            summary = _ingest(url, folder / "data")
        except BaseException:
            get_engine(url).dispose()
            _drop(admin, name)
            raise
        get_engine(url).dispose()  # a template must have no open connection
        return {"pg_database": name, "pg_admin": admin, "summary": summary}

    shared, built = build_once(tmp_path_factory, "pg-warehouse", build)
    name = built["pg_database"]
    if under_xdist():
        template, name = name, f"odihr_test_whc_{uuid.uuid4().hex[:10]}"
        with (
            locked(shared.with_name("pg-warehouse.lock")),
            psycopg.connect(admin, autocommit=True) as connection,
        ):
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    url = f"{base}/{name}"
    try:
        yield Warehouse("postgres", url, built["summary"])
    finally:
        get_engine(url).dispose()
        _drop(admin, name)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def ingested(request: pytest.FixtureRequest) -> Warehouse:
    """The ingested sample on each engine (PostgreSQL skips when unreachable)."""
    return request.getfixturevalue(f"{request.param}_warehouse")


def extension_file(package: str) -> Path:
    """The ``.duckdb_extension`` file an extension wheel ships."""
    root = Path(importlib.import_module(package).__file__ or "").parent
    found = sorted(root.rglob(f"v{duckdb.__version__}/*.duckdb_extension"))
    assert found, f"{package} ships no extension for duckdb {duckdb.__version__}"
    return found[0]


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with both scanners installed from the wheels (no network)."""
    config = {
        "extension_directory": str(tmp_path_factory.mktemp("duckdb-extensions")),
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    connection = duckdb.connect(config=config)
    for name, package in SCANNERS.items():
        connection.execute(f"INSTALL '{extension_file(package)}'")
        connection.execute(f"LOAD {name}")
    yield connection
    connection.close()
