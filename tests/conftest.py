"""Shared fixtures: Prefect in embedded mode, warehouses on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from odihr.prefect_env import configure_prefect

from build_once import shared_results, under_xdist
from tests_support import (
    PG_ADMIN_URL,
    create_pg_database,
    drop_pg_database,
    postgres_unavailable,
)

pytest_plugins = ["sitefixtures"]
PREFECT_HOME = pytest.StashKey[Path]()


#: The longest test files, longest first (seconds summed from ``pytest --durations=80``, load 8):
#: they start first, so that the run never ends on one process while the other waits (xdist's
#: ``--dist loadfile`` hands out files in collection order with ``--no-loadscope-reorder``).
LONGEST_FIRST = (
    "test_deployments.py",  # 300 s: a Prefect server, serve, a worker, three deploys
    "test_ocr_scans.py",  # 266 s: Tesseract on whole reports
    "test_bench_smoke_runs.py",  # 166 s
    "test_interrupt.py",  # 131 s
    "test_fault_schedules.py",  # 105 s
    "test_prefect_run.py",  # 105 s
    "test_hostile_fuzz.py",  # 100 s
    "test_dask.py",  # 96 s
    "test_convergence.py",  # 89 s
    "test_cli_runs.py",  # 80 s
    "test_truth_views.py",  # the session warehouses' first user (their ingest)
)


def pytest_configure(config: pytest.Config) -> None:
    """Prefect's state for the run goes to one fresh home (shared by nothing else: concurrent
    runs must not share Prefect's SQLite database). xdist workers inherit the controller's
    environment, so the processes of one run share its home (and each its own API server over
    it): a flow run recorded by one process is read back by another."""
    home = None
    if "PREFECT_HOME" not in os.environ:
        home = Path(tempfile.mkdtemp(prefix="odihr-prefect-home-"))
        config.stash[PREFECT_HOME] = home
    configure_prefect(home)
    # The migrated Prefect database fresh homes start from (odihr.prefect_template): kept with
    # the session's home, not in the user's cache. xdist workers find PREFECT_HOME set by the
    # controller (home is None here) and inherit its XDG_CACHE_HOME with it.
    if home is not None:
        os.environ["XDG_CACHE_HOME"] = str(home / "xdg-cache")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The :data:`LONGEST_FIRST` files first, in that order; the rest keep theirs."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's Prefect home."""
    home = config.stash.get(PREFECT_HOME, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


def stop_prefect_servers() -> None:
    """Stop the Prefect API servers this process started (Prefect's ephemeral one and the CLI's
    embedded one), after sending Prefect's last events and logs to them.

    Their ``atexit`` hooks would do it at interpreter exit, but an xdist worker that is not gone
    10 s after the run is killed by the controller (``EXIT_TIMEOUT``): under load the exit hooks
    (drain, then terminate and wait) took longer, the kill skipped them, and the ``uvicorn``
    child outlived the suite. Here it runs before the worker reports that it has finished.
    """
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.server.api.server import SubprocessASGIServer

    for worker in (APILogWorker, EventsWorker):
        with suppress(Exception):  # best effort, as at exit
            worker.drain_all(timeout=5)
    for server in list(SubprocessASGIServer._instances.values()):
        server.stop()
    embedded = sys.modules.get("odihr.embedded_server")
    if embedded is not None and embedded._SERVER is not None:
        embedded._SERVER.stop()


@pytest.hookimpl(trylast=True)  # after the session fixtures' teardown
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop this process's Prefect servers; the controller (or a ``-n0`` run) then drops the
    PostgreSQL databases built once for the run's processes (``build_once``): no process of its
    own knows it is the last to use them."""
    stop_prefect_servers()
    factory = getattr(session.config, "_tmp_path_factory", None)
    if under_xdist() or factory is None:
        return
    import psycopg

    for result in shared_results(factory.getbasetemp()):
        name = result.get("pg_database")
        if name:
            with psycopg.connect(result["pg_admin"], autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
