"""The deployments against a real Prefect server: ``serve``, work pool + worker, ``prefect.yaml``.

A ``prefect server start`` runs on a free loopback port with its own ``PREFECT_HOME`` (scheduler
off, so the nightly schedule never fires during the test). Then:

* ``python -m deployments.serve`` serves the three deployments; the contract's command
  ``prefect deployment run 'ingest/backfill' --param date_from=... --param countries=[...]``
  ingests Kazakhstan from the sample mirror into a fresh SQLite warehouse; the nightly deployment
  carries the cron of ``ODIHR_NIGHTLY_CRON``.
* ``python -m deployments.deploy`` and ``prefect deploy --prefect-file deployments/prefect.yaml``
  register the same deployments on the ``odihr-process`` pool; a ``prefect worker`` runs a backfill
  and a reparse triggered together, one after the other (the ``warehouse`` queue's limit of 1).
* the shared request rate (:mod:`tasks.politeness`) spaces the requests of two clients.

Every process is started in its own session and its group is killed at the end. Skipped, with the
server's output, only when the Prefect server cannot start.
"""

from __future__ import annotations

import contextvars
import json
import shlex
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import text

from db.engine import get_engine
from odihr.site.server import MirrorServer

if TYPE_CHECKING:
    from prefectserver import PrefectApi

pytest_plugins = ["prefectserver"]

TRUTH = Path(__file__).with_name("truth")
REGISTER_SECONDS = 30.0
NAMES = ("ingest/nightly", "ingest/backfill", "reparse/reparse")
YAML = "deployments/prefect.yaml"
#: The command the contract promises works, as an operator types it.
CONTRACT_BACKFILL = shlex.split(
    "prefect deployment run 'ingest/backfill' "
    """--param date_from=2015-01-01 --param countries='["kazakhstan"]'"""
)


def wait_for_deployments(client: Any, *, work_pool: str | None, log: Path) -> dict[str, Any]:
    """The three deployments once registered (for ``work_pool``, or for ``serve`` when None)."""
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + REGISTER_SECONDS
    while True:
        found = {}
        for name in NAMES:
            with suppress(ObjectNotFound):
                found[name] = client.read_deployment_by_name(name)
        if len(found) == len(NAMES) and all(d.work_pool_name == work_pool for d in found.values()):
            return found
        output = log.read_text() if log.exists() else ""
        assert time.monotonic() < deadline, f"deployments not registered:\n{output}"
        time.sleep(0.5)


def odihr_env(api: PrefectApi, mirror: MirrorServer, root: Path, **extra: str) -> dict[str, str]:
    """Environment of the serving process / worker: the mirror, a fresh SQLite warehouse."""
    return {
        **api.env,
        "ODIHR_BASE_URL": mirror.base_url,
        "ODIHR_DATABASE_URL": f"sqlite:///{root / 'warehouse.db'}",
        "ODIHR_DATA_DIR": str(root / "data"),
        "ODIHR_REQUESTS_PER_SECOND": "200",
        "ODIHR_RETRIES": "2",
        "ODIHR_BACKOFF_SECONDS": "0.001",
        "ODIHR_READ_TIMEOUT": "5",
        **extra,
    }


def reports(env: dict[str, str]) -> list[dict[str, Any]]:
    """``bi_reports`` of the warehouse ``env`` names."""
    with get_engine(env["ODIHR_DATABASE_URL"]).connect() as connection:
        return [dict(r) for r in connection.execute(text("SELECT * FROM bi_reports")).mappings()]


def truth_paths(country: str) -> set[str]:
    """``url_path`` of every sample PDF of ``country`` the pipeline should load."""
    paths = set()
    for path in TRUTH.glob("*.json"):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if path.name != "site.json" and truth["country"] == country:
            paths.add(truth["url_path"])
    return paths


@pytest.mark.slow
def test_served_backfill_triggered_by_the_cli_loads_kazakhstan(
    prefect_api: PrefectApi, mirror: MirrorServer, tmp_path: Path
) -> None:
    extra = {"ODIHR_NIGHTLY_CRON": "30 3 * * *", "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    env = odihr_env(prefect_api, mirror, tmp_path, **extra)
    log = tmp_path / "serve.log"
    with (
        prefect_api.background([sys.executable, "-m", "deployments.serve"], env, log),
        prefect_api.client() as client,
    ):
        deployments = wait_for_deployments(client, work_pool=None, log=log)
        out = prefect_api.cli(*CONTRACT_BACKFILL)
        run = prefect_api.wait_for_run(client, prefect_api.flow_run_id(out), log)

    assert run.state.is_completed(), (run.state, prefect_api.tail(log))
    sent = {"date_from": "2015-01-01", "countries": ["kazakhstan"]}
    assert run.parameters == {"kind": "backfill", **sent}
    rows = reports(env)
    assert {r["country"] for r in rows} == {"Kazakhstan"}
    assert {r["url_path"] for r in rows} == truth_paths("Kazakhstan")
    assert {r["status"] for r in rows} == {"loaded"}, [r["status_reason"] for r in rows]

    nightly = deployments["ingest/nightly"]
    assert [(s.schedule.cron, s.schedule.timezone) for s in nightly.schedules] == [
        ("30 3 * * *", "UTC")
    ]
    assert nightly.parameters == {"kind": "nightly"}
    assert nightly.entrypoint == "deployments.entrypoints.ingest"
    assert deployments["ingest/backfill"].schedules == []
    assert deployments["reparse/reparse"].entrypoint == "deployments.entrypoints.reparse"
    for deployment in deployments.values():
        assert deployment.global_concurrency_limit.limit == 1


def _registration(deployment: Any) -> dict[str, Any]:
    return {
        "entrypoint": deployment.entrypoint,
        "parameters": deployment.parameters,
        "schedules": [(s.schedule.cron, s.schedule.timezone) for s in deployment.schedules],
        "pool": (deployment.work_pool_name, deployment.work_queue_name),
        "limit": deployment.global_concurrency_limit.limit,
        "collision": deployment.concurrency_options.collision_strategy,
        "tags": sorted(deployment.tags),
        "pull_steps": deployment.pull_steps or [],
    }


@pytest.mark.slow
def test_worker_runs_pool_deployments_one_at_a_time(
    prefect_api: PrefectApi, mirror: MirrorServer, tmp_path: Path
) -> None:
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from deployments.specs import WORK_POOL, WORK_QUEUE
    from deployments.zombies import AUTOMATION_NAME

    env = odihr_env(prefect_api, mirror, tmp_path, PREFECT_WORKER_QUERY_SECONDS="1")
    log = tmp_path / "worker.log"
    prefect_api.cli("deployments.deploy", "--crash-zombies", env=env)
    prefect_api.cli("deployments.deploy", "--setup-only", "--crash-zombies", env=env)
    with prefect_api.client() as client:
        by_python = wait_for_deployments(client, work_pool=WORK_POOL, log=log)
        assert len(client.read_automations_by_name(AUTOMATION_NAME)) == 1
    prefect_api.cli(
        *shlex.split(f"prefect --no-prompt deploy --all --prefect-file {YAML}"),
        env=env,
    )
    with prefect_api.client() as client:
        by_yaml = wait_for_deployments(client, work_pool=WORK_POOL, log=log)
        queue = client.read_work_queue_by_name(WORK_QUEUE, work_pool_name=WORK_POOL)
    assert queue.concurrency_limit == 1
    assert {n: _registration(d) for n, d in by_yaml.items()} == {
        n: _registration(d) for n, d in by_python.items()
    }
    assert _registration(by_yaml["ingest/nightly"])["schedules"] == [("0 2 * * *", "UTC")]
    assert _registration(by_yaml["ingest/backfill"])["pool"] == (WORK_POOL, WORK_QUEUE)

    worker = [sys.executable, "-m", "prefect", "worker", "start", "--pool", WORK_POOL]
    api_settings = temporary_settings(updates={PREFECT_API_URL: prefect_api.url})
    with prefect_api.background(worker, env, log), api_settings:
        backfill = run_deployment(
            "ingest/backfill", parameters={"countries": ["armenia"]}, timeout=0
        )
        reparse = run_deployment("reparse/reparse", parameters={"force": True}, timeout=0)
        with prefect_api.client() as client:
            backfill = prefect_api.wait_for_run(client, backfill.id, log)
            reparse = prefect_api.wait_for_run(client, reparse.id, log)

    assert backfill.state.is_completed(), (backfill.state, prefect_api.tail(log))
    assert reparse.state.is_completed(), (reparse.state, prefect_api.tail(log))
    first, second = sorted([backfill, reparse], key=lambda r: r.start_time)
    assert first.end_time <= second.start_time, "two warehouse writers ran at the same time"
    rows = reports(env)
    assert {r["url_path"] for r in rows} == truth_paths("Armenia")
    assert {r["status"] for r in rows} == {"loaded"}
    with get_engine(env["ODIHR_DATABASE_URL"]).connect() as connection:
        runs = connection.execute(text("SELECT kind, outcome FROM run ORDER BY id")).all()
    assert sorted(runs) == [("backfill", "completed"), ("reparse", "completed")]


def test_shared_rate_limit_spaces_requests_of_every_client(prefect_api: PrefectApi) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from tasks.politeness import SITE_RATE_LIMIT, ensure_site_rate_limit, site_throttle

    per_client, rate = 4, 10.0
    with temporary_settings(updates={PREFECT_API_URL: prefect_api.url}):
        ensure_site_rate_limit(rate)
        ensure_site_rate_limit(rate)  # a second setup updates, never duplicates
        throttle = site_throttle(SITE_RATE_LIMIT)
        assert throttle is not None

        def client_requests(context: contextvars.Context) -> None:
            for _ in range(per_client):
                context.run(throttle)  # the thread sees the test server's settings

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(client_requests, [contextvars.copy_context() for _ in range(2)]))
        elapsed = time.monotonic() - started
        with pytest.raises(Exception, match="must be created"):
            site_throttle("odihr-no-such-limit")()
    # 8 requests at 10/s between two clients: the first at once, then one every 0.1 s
    assert elapsed >= (2 * per_client - 1) / rate * 0.9, elapsed


@pytest.mark.slow
def test_a_bad_date_is_refused_when_the_run_is_created(
    prefect_api: PrefectApi, mirror: MirrorServer, tmp_path: Path
) -> None:
    import subprocess

    from prefect.exceptions import PrefectHTTPStatusError

    from deployments.specs import WORK_POOL

    env = odihr_env(prefect_api, mirror, tmp_path)
    prefect_api.cli("deployments.deploy", env=env)
    with prefect_api.client() as client:
        found = wait_for_deployments(client, work_pool=WORK_POOL, log=tmp_path / "deploy.log")
        for name in ("ingest/backfill", "reparse/reparse"):
            deployment = found[name]
            assert deployment.enforce_parameter_schema
            for bad in ("2015-13-01", "2015-02-30", "2015-1-1"):
                with pytest.raises(PrefectHTTPStatusError, match="409") as refused:
                    client.create_flow_run_from_deployment(
                        deployment.id, parameters={"date_from": bad})
                assert "date_from" in str(refused.value.response.text), refused.value
            good = {"date_from": "2015-01-01", "date_to": "2016-02-29"}
            run = client.create_flow_run_from_deployment(deployment.id, parameters=good)
            assert good.items() <= run.parameters.items()
            client.delete_flow_run(run.id)  # no worker here; no later test's worker runs it
    # What the operator typed: refused at once, with the reason.
    done = subprocess.run(
        [sys.executable, "-m", "prefect", "deployment", "run", "ingest/backfill",
         "--param", "date_from=2015-13-01"],
        env=env, capture_output=True, text=True, timeout=90,
    )
    assert done.returncode != 0
    assert "2015-13-01" in done.stdout + done.stderr, (done.stdout, done.stderr)
