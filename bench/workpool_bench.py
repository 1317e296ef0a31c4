"""The reparse on a Prefect process work pool with two workers vs one serial CLI run.

    PYTHONPATH=. python bench/workpool_bench.py [--elections 50] [--shards 4] [--json out.json]

Starts a real ``prefect server start``, backfills a warehouse from a mirror (the sample mirror,
or a scaled one with ``--elections``), reparses it once with ``odihr reparse --force`` (serial),
then registers the project's deployments on a process work pool (``deployments.deploy``: the
pool, its ``warehouse`` queue and ``reparse/reparse``), starts two ``prefect worker start --type
process`` workers, and creates one ``reparse`` flow run per shard (the warehouse's countries dealt
round-robin: one flow run executes on one worker). Prints the wall times, which worker ran each
shard, and the digest of every ``bi_*`` view after the serial run and after the shards.

What to expect: the queue (concurrency 1), the deployment's own limit (1) and the warehouse lock
each let one odihr run write the warehouse at a time, so the shards run one after another,
spread over the two workers; the pool buys availability (a worker may die), not speed. Speed
within a run comes from the task runner (Dask workers).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scale_runs import run_cli, view_digest  # noqa: E402
from _services import BIN, clean_env, prefect_server, started  # noqa: E402
from scaled_mirror import build, default_out  # noqa: E402

from odihr.site.server import MirrorServer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "odihr" / "sample_site"
POOL = "odihr-bench-pool"


def shards(countries: list[str], count: int) -> list[list[str]]:
    """The countries dealt round-robin into ``count`` non-empty shards (sorted, stable)."""
    dealt: list[list[str]] = [[] for _ in range(count)]
    for n, country in enumerate(sorted(countries)):
        dealt[n % count].append(country)
    return [shard for shard in dealt if shard]


def _countries(database_url: str) -> list[str]:
    from sqlalchemy import create_engine

    from db.status import country_slugs

    engine = create_engine(database_url)
    try:
        return sorted(country_slugs(engine))
    finally:
        engine.dispose()


def _run_shards(api: str, parameters: list[dict[str, Any]], timeout: float) -> list[Any]:
    """Create one flow run of ``reparse/reparse`` per parameter set; wait for them all."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    runs = [run_deployment("reparse/reparse", parameters=p, timeout=0) for p in parameters]
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            states = [client.read_flow_run(r.id) for r in runs]
            if all(s.state and s.state.is_final() for s in states):
                return states
            if time.monotonic() > deadline:
                raise TimeoutError(f"shards not finished after {timeout} s")
            time.sleep(1.0)


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print its figures; 0 when the digests are identical."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elections", type=int, help="a scaled mirror (default: the sample)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/odihr-workpool-bench"))
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    work = args.workdir / f"run-{int(time.time())}"
    mirror = SAMPLE
    if args.elections:
        mirror = default_out(args.elections, args.seed)
        build(mirror, args.elections, args.seed)
    db = f"sqlite:///{work / 'main' / 'warehouse.db'}"
    data = work / "main" / "data"
    out: dict[str, Any] = {"mirror": str(mirror), "shards": args.shards}
    with prefect_server(work / "prefect-server") as (api, _server):
        os.environ["PREFECT_API_URL"] = api
        env = {"PREFECT_API_URL": api}
        with MirrorServer(mirror) as site:
            backfill = run_cli("backfill", server=site, work=work / "main", rate=1000.0,
                               timeout=args.timeout, env=env)  # fmt: skip
        out["backfill"] = {"exit": backfill.code, "wall_s": round(backfill.wall, 1),
                           "digest": view_digest(db)}  # fmt: skip
        serial = run_cli("reparse", server=None, work=work / "main", rate=1.0,
                         timeout=args.timeout, extra=["--force"], env=env)  # fmt: skip
        out["serial"] = {"exit": serial.code, "wall_s": round(serial.wall, 1),
                         "flow_s": serial.flow_seconds, "digest": view_digest(db)}  # fmt: skip
        workers_env = clean_env(PYTHONPATH=str(ROOT), PREFECT_API_URL=api, DO_NOT_TRACK="1",
                                PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")  # fmt: skip
        from deployments.deploy import deploy

        deploy(pool=POOL)
        groups = shards(_countries(db), args.shards)
        parameters = [{"countries": g, "force": True, "database_url": db, "data_dir": str(data)}
                      for g in groups]  # fmt: skip
        logs = [work / f"worker-{n}.log" for n in (1, 2)]
        worker = [str(BIN / "prefect"), "worker", "start", "--pool", POOL, "--type", "process"]
        with started([*worker, "--name", "bench-1"], workers_env, logs[0]), \
                started([*worker, "--name", "bench-2"], workers_env, logs[1]):  # fmt: skip
            began = time.perf_counter()
            states = _run_shards(api, parameters, args.timeout)
            pool_wall = time.perf_counter() - began
        by_worker = {}
        for n, log in enumerate(logs, 1):
            text = log.read_text(errors="replace")
            by_worker[f"bench-{n}"] = sorted(
                {r.name for r in states if re.search(re.escape(str(r.id)), text)}
            )
        out["pool"] = {
            "wall_s": round(pool_wall, 1),
            "states": [s.state.type.value for s in states],
            "shard_s": [round(s.total_run_time.total_seconds(), 1) for s in states],
            "runs_by_worker": by_worker,
            "digest": view_digest(db),
        }
    same = out["serial"]["digest"] == out["pool"]["digest"] == out["backfill"]["digest"]
    out["identical"] = same
    print(json.dumps(out, indent=1))
    print(
        f"serial reparse {out['serial']['wall_s']} s (flow {out['serial']['flow_s']} s); "
        f"{len(groups)} shards on 2 process workers {out['pool']['wall_s']} s "
        f"(shard flow runs {out['pool']['shard_s']} s); bi_* digest "
        f"{'identical' if same else 'DIFFERENT'}: {out['pool']['digest']}"
    )
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
