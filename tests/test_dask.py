"""Parsing on a Dask cluster (two worker processes) builds exactly the warehouse threads build.

Both runs go through :func:`odihr.commands.run_flow`, as ``odihr backfill`` does; only the task
runner settings differ (``ODIHR_TASK_RUNNER=dask``). The Dask run uses a 2-worker, process-based
``LocalCluster`` started here and reached through ``ODIHR_DASK_ADDRESS`` -- the same
``DaskTaskRunner`` the default (in-run local cluster) uses, but one the test can ask afterwards how
many tasks its worker processes executed. Everything parse produces crosses a process boundary
(pickled ``ParseOutcome`` / ``ParsedReport``), so this is also the check that the parse path
pickles.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from db.engine import get_engine
from flows.steps import PARSE_BATCH_SIZE
from odihr.commands import run_flow, task_runner
from odihr.filters import Filters
from odihr.settings import Settings
from odihr.site.server import MirrorServer

pytest.importorskip("prefect_dask", reason="prefect-dask is not installed (pip install .[dask])")

#: Columns that name a run or a moment, not a fact: they legitimately differ between runs.
RUN_COLUMNS = frozenset({"report_id", "run_id", "loaded_at"})
CONTRACT_VIEWS = {"bi_reports", "bi_results", "bi_turnout", "bi_observers", "bi_recommendations"}


def settings_for(
    mirror: MirrorServer, root: Path, runner: str, dask_address: str | None = None
) -> Settings:
    """Fast, local settings for one run; its own warehouse and raw store under ``root``."""
    return Settings(
        base_url=mirror.base_url,
        database_url=f"sqlite:///{root / 'warehouse.db'}",
        data_dir=root / "data",
        requests_per_second=500.0,
        connect_timeout=3.0,
        read_timeout=5.0,
        retries=2,
        backoff_seconds=0.001,
        task_runner=runner,
        dask_address=dask_address,
    )


def _normal(value: Any) -> Any:
    if isinstance(value, float | Decimal):
        return round(float(value), 9)
    return value


def warehouse(database_url: str) -> dict[str, list[tuple]]:
    """Every ``bi_*`` view: its rows, without run columns, as sorted tuples."""
    engine = get_engine(database_url)
    views = sorted(v for v in inspect(engine).get_view_names() if v.startswith("bi_"))
    content: dict[str, list[tuple]] = {}
    with engine.connect() as connection:
        for view in views:
            result = connection.execute(text(f"SELECT * FROM {view}"))
            keep = [i for i, c in enumerate(result.keys()) if c not in RUN_COLUMNS]
            columns = tuple(c for i, c in enumerate(result.keys()) if i in keep)
            rows = [tuple(_normal(row[i]) for i in keep) for row in result]
            content[view] = [columns, *sorted(rows, key=repr)]
    return content


@pytest.fixture
def dask_cluster() -> Iterator[Any]:
    """A local Dask cluster: two single-threaded worker processes, no dashboard."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


def executed_tasks(address: str) -> dict[int, int]:
    """Tasks each worker process of the cluster at ``address`` has executed, by process id."""
    from distributed import Client

    with Client(address) as client:
        counts = client.run(lambda dask_worker: (os.getpid(), dask_worker.state.executed_count))
    return dict(counts.values())


def test_dask_task_runner_is_what_odihr_task_runner_dask_selects() -> None:
    from prefect_dask import DaskTaskRunner

    runner = task_runner(Settings(task_runner="dask"))
    assert isinstance(runner, DaskTaskRunner)
    assert runner.cluster_kwargs["n_workers"] == 2 and runner.cluster_kwargs["processes"] is True
    remote = task_runner(Settings(task_runner="dask", dask_address="tcp://10.0.0.1:8786"))
    assert isinstance(remote, DaskTaskRunner)
    assert remote.address == "tcp://10.0.0.1:8786"


@pytest.mark.slow
def test_dask_ingest_builds_the_same_warehouse_as_threads(
    mirror: MirrorServer, tmp_path: Path, dask_cluster: Any
) -> None:
    everything = Filters.build(None, None, None, None)
    threads = settings_for(mirror, tmp_path / "threads", "thread")
    dask = settings_for(mirror, tmp_path / "dask", "dask", dask_cluster.scheduler_address)

    by_threads = run_flow("backfill", threads, everything, force=False)
    by_dask = run_flow("backfill", dask, everything, force=False)

    assert by_threads["outcome"] == by_dask["outcome"] == "completed"
    executed = executed_tasks(dask_cluster.scheduler_address)
    assert len(executed) == 2 and os.getpid() not in executed
    # every report parsed (loaded or quarantined) was parsed by a worker process, in parse
    # batches of PARSE_BATCH_SIZE reports (one task each)
    parsed = by_dask.get("loaded", 0) + by_dask.get("quarantined", 0)
    batches = -(-parsed // PARSE_BATCH_SIZE)
    assert parsed > 0 and sum(executed.values()) >= batches, (executed, by_dask)
    expected, got = warehouse(threads.database_url), warehouse(dask.database_url)
    assert set(expected) >= CONTRACT_VIEWS
    assert set(got) == set(expected)
    assert len(expected["bi_reports"]) > 1 and len(expected["bi_results"]) > 1
    for view in expected:
        assert got[view][0] == expected[view][0], f"{view}: columns differ"
        missing = sorted(set(expected[view][1:]) - set(got[view][1:]), key=repr)
        extra = sorted(set(got[view][1:]) - set(expected[view][1:]), key=repr)
        assert not missing and not extra, (view, missing[:3], extra[:3])
        assert got[view] == expected[view], f"{view}: duplicate rows differ"
    ignore = {"wall_seconds", "validation_report", "text"}
    assert {k: v for k, v in by_dask.items() if k not in ignore} == {
        k: v for k, v in by_threads.items() if k not in ignore
    }
