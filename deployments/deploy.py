"""``python -m deployments.deploy``: the deployments on a process work pool, for Prefect workers.

Creates (or updates) against ``PREFECT_API_URL``:

* the process work pool ``odihr-process`` (``--pool``),
* its work queue ``warehouse`` (``--queue``) with a concurrency limit of 1: whatever number of
  workers poll the pool, one odihr flow run executes at a time, so nightly, backfill and reparse
  never write the warehouse together,
* the deployments ``ingest/nightly``, ``ingest/backfill``, ``reparse/reparse`` on that queue,
* with ``--site-rate-limit RPS``: the shared request rate ``odihr-site-requests``
  (see :mod:`tasks.politeness`),
* with ``--crash-zombies``: the automation that marks runs whose process died ``Crashed``
  (see :mod:`deployments.zombies`).

Then start workers where the package is installed::

    prefect worker start --pool odihr-process

``deployments/prefect.yaml`` describes the same deployments for ``prefect deploy``; this command
also sets up the pool and the queue limit, which ``prefect deploy`` does not. Running it again is
harmless (the nightly cron is re-read from ``ODIHR_NIGHTLY_CRON``).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from deployments.specs import WORK_POOL, WORK_QUEUE, WORK_QUEUE_CONCURRENCY

WORK_POOL_TYPE = "process"


def ensure_work_pool(client: Any, pool: str = WORK_POOL, queue: str = WORK_QUEUE) -> None:
    """Create the process work pool if missing, and its queue with a concurrency limit of 1."""
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound
    from prefect.workers.process import ProcessWorker

    try:
        existing = client.read_work_pool(pool)
    except ObjectNotFound:
        client.create_work_pool(
            WorkPoolCreate(
                name=pool,
                type=WORK_POOL_TYPE,
                description="odihr-warehouse flow runs (docs/operations.md)",
                base_job_template=ProcessWorker.get_default_base_job_template(),
            )
        )
    else:
        if existing.type != WORK_POOL_TYPE:
            raise ValueError(
                f"work pool {pool!r} exists with type {existing.type!r}; odihr needs a "
                f"{WORK_POOL_TYPE!r} pool (choose another name with --pool)"
            )
    try:
        work_queue = client.read_work_queue_by_name(queue, work_pool_name=pool)
    except ObjectNotFound:
        client.create_work_queue(
            name=queue,
            work_pool_name=pool,
            concurrency_limit=WORK_QUEUE_CONCURRENCY,
            description="One odihr flow run at a time: warehouse writers never overlap",
        )
        return
    if work_queue.concurrency_limit != WORK_QUEUE_CONCURRENCY:
        client.update_work_queue(work_queue.id, concurrency_limit=WORK_QUEUE_CONCURRENCY)


def deploy(
    pool: str = WORK_POOL,
    queue: str = WORK_QUEUE,
    site_rate_limit: float | None = None,
    setup_only: bool = False,
    crash_zombies: bool = False,
) -> list[str]:
    """Set up the pool and queue, then register the deployments; returns their names."""
    from prefect.client.orchestration import get_client

    from deployments.specs import runner_deployments
    from deployments.zombies import ensure_zombie_automation
    from tasks.politeness import ensure_site_rate_limit

    with get_client(sync_client=True) as client:
        ensure_work_pool(client, pool, queue)
        if site_rate_limit is not None:
            ensure_site_rate_limit(site_rate_limit, client=client)
    if crash_zombies:
        ensure_zombie_automation()
    if setup_only:
        return []
    names = []
    for deployment in runner_deployments(work_pool=pool, work_queue=queue):
        deployment.apply()
        names.append(f"{deployment.flow_name}/{deployment.name}")
    return names


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m deployments.deploy",
        description="Register the odihr deployments on a process work pool (PREFECT_API_URL).",
    )
    parser.add_argument("--pool", default=WORK_POOL, help=f"work pool (default {WORK_POOL})")
    parser.add_argument("--queue", default=WORK_QUEUE, help=f"work queue (default {WORK_QUEUE})")
    parser.add_argument(
        "--site-rate-limit",
        type=float,
        metavar="RPS",
        help="create/update the shared rate limit odihr-site-requests at RPS requests/second",
    )
    parser.add_argument(
        "--crash-zombies",
        action="store_true",
        help="create the automation marking runs without heartbeats Crashed "
        "(set PREFECT_FLOWS_HEARTBEAT_FREQUENCY=30 on the workers)",
    )
    parser.add_argument(
        "--setup-only",
        action="store_true",
        help="only create the pool, the queue (and the rate limit); for `prefect deploy`",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        print(
            "python -m deployments.deploy: PREFECT_API_URL is not set; point it at the "
            "Prefect server (http://HOST:4200/api)",
            file=sys.stderr,
        )
        return 2
    try:
        names = deploy(
            args.pool, args.queue, args.site_rate_limit, args.setup_only, args.crash_zombies
        )
    except ValueError as error:  # a bad ODIHR_* setting or a pool of another type
        print(f"python -m deployments.deploy: {error}", file=sys.stderr)
        return 2
    print(f"work pool {args.pool!r}, queue {args.queue!r} (concurrency limit 1): ready")
    for name in names:
        print(f"deployment {name!r} registered")
    if names:
        print(f"start a worker: prefect worker start --pool {args.pool}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
