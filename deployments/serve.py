"""``python -m deployments.serve``: serve the three deployments from one long-running process.

For small installs: no work pool and no worker, just a Prefect server (``PREFECT_API_URL``) and
this process, which registers ``ingest/nightly``, ``ingest/backfill`` and ``reparse/reparse``,
then polls for their scheduled and triggered runs and runs each in a subprocess. It runs at most
one flow run at a time (``limit=1``), so a nightly never overlaps a backfill or a reparse; runs
that arrive meanwhile wait their turn. Stop it with Ctrl-C or SIGTERM (the nightly schedule is
paused on shutdown and resumed by the next start).

The flow runs inherit this process's environment: set ``ODIHR_DATABASE_URL``,
``ODIHR_DATA_DIR``, ``ODIHR_BASE_URL``, ``ODIHR_TASK_RUNNER``... here.
"""

from __future__ import annotations

import argparse
import os
import sys

#: Flow runs at the same time in one serving process: one writer at a time.
SERVE_LIMIT = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m deployments.serve",
        description=(
            "Serve ingest/nightly, ingest/backfill and reparse/reparse from this process "
            "(one flow run at a time). Needs PREFECT_API_URL pointing at a Prefect server."
        ),
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="print the deployments that would be served and exit",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Register the deployments and serve them until interrupted."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("DO_NOT_TRACK", "1")  # before prefect is imported
    from prefect import serve
    from prefect.settings import PREFECT_API_URL

    from deployments.specs import describe, runner_deployments

    try:
        deployments = runner_deployments()
    except ValueError as error:  # a bad ODIHR_* setting: the message names the variable
        print(f"python -m deployments.serve: {error}", file=sys.stderr)
        return 2
    if args.check:
        for item in describe():
            print(f"{item['deployment']}: cron={item['cron']} parameters={item['parameters']}")
        return 0
    if not PREFECT_API_URL.value():
        print(
            "python -m deployments.serve: PREFECT_API_URL is not set; start a Prefect server "
            "(`prefect server start`) and point PREFECT_API_URL at it (http://HOST:4200/api)",
            file=sys.stderr,
        )
        return 2
    serve(*deployments, limit=SERVE_LIMIT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
