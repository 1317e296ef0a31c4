"""Shared fixtures: Prefect in embedded mode, warehouses on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from odihr.prefect_env import configure_prefect

from tests_support import (
    PG_ADMIN_URL,
    create_pg_database,
    drop_pg_database,
    postgres_unavailable,
)

pytest_plugins = ["sitefixtures"]
PREFECT_HOME = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Prefect's state for the whole session goes to one fresh home (one ephemeral server start,
    shared by nothing else: concurrent sessions must not share Prefect's SQLite database)."""
    home = Path(tempfile.mkdtemp(prefix="odihr-prefect-home-"))
    config.stash[PREFECT_HOME] = home
    configure_prefect(home)
    # The migrated Prefect database fresh homes start from (odihr.prefect_template): kept with
    # the session's home, not in the user's cache.
    os.environ["XDG_CACHE_HOME"] = str(home / "xdg-cache")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's Prefect home."""
    home = config.stash.get(PREFECT_HOME, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The admin URL of a reachable PostgreSQL server, or a skip with the reason."""
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    yield PG_ADMIN_URL


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty warehouse URL on each engine (PostgreSQL skips when unreachable)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'warehouse.db'}"
        return
    admin = request.getfixturevalue("postgres_server")
    name, url = create_pg_database(admin)
    try:
        yield url
    finally:
        drop_pg_database(admin, name, url)
