"""``odihr reparse --force`` with 1 and 2 Dask workers on a scaled mirror's warehouse (issue 13).

    python bench/reparse_bench.py --elections 500 [--modes embedded,server] [--workers 1,2]
        [--repeat 1] [--workdir /tmp/odihr-reparse-bench] [--json out.json]

Builds (or reuses) the scaled mirror and, once per work folder, its warehouse (an unthrottled
backfill, as ``scale_bench.py`` runs it), then reparses everything, each run a separate
``python -m odihr.cli reparse --force`` process:

- ``embedded``: the CLI's default — its embedded Prefect server and a local Dask cluster of
  ``ODIHR_PARSE_WORKERS`` worker processes;
- ``server``: a separately started ``prefect server`` and ``dask scheduler`` + N ``dask worker``
  processes (``ODIHR_DASK_ADDRESS``), the deployment's situation.

For each run: the flow's time, CPU seconds per kind of process (CLI = the flow's serial part;
Dask workers = the parallel part; the Prefect server; the scheduler), per report, and a digest of
every ``bi_*`` view, which must equal the backfill's. The speedup is the 1-worker flow time ÷ the
2-worker one. Wall times depend on the machine's other load (printed); CPU seconds much less.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from _scale_runs import CliRun, run_cli, view_digest  # noqa: E402
from _services import clean_env, dask_cluster, prefect_server  # noqa: E402
from scaled_mirror import build, default_out  # noqa: E402

from odihr.site.server import MirrorServer  # noqa: E402

MODES = ("embedded", "server")
#: Process kinds whose CPU the table shows (labels of ``_procwatch.label``).
KINDS = ("cli", "python-child", "dask-worker", "dask-scheduler", "prefect-server")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _warehouse(args: argparse.Namespace, work: Path) -> Path:
    """The backfilled warehouse's folder (made once per work folder)."""
    main = work / "main"
    if (main / "warehouse.db").exists():
        return main
    mirror = default_out(args.elections, args.seed, args.mirrors)
    build(mirror, args.elections, args.seed)
    with MirrorServer(mirror) as server:
        run = run_cli("backfill", server=server, work=main, rate=100_000.0, timeout=args.timeout)
    if run.code != 0:
        raise SystemExit(f"backfill failed ({run.code}):\n{run.stderr[-2000:]}")
    return main


def _figures(run: CliRun, reports: int, load_before: str) -> dict[str, Any]:
    cpu = {kind: round(run.watch.cpu(kind), 2) for kind in KINDS}
    return {
        "exit": run.code,
        "load": f"{load_before} → {_load()}",
        "flow_s": run.flow_seconds,
        "wall_s": round(run.wall, 2),
        "cpu_s": cpu,
        "cpu_all_s": round(run.watch.cpu(), 2),
        "cpu_ms_per_report": {k: round(1000 * v / max(reports, 1), 1) for k, v in cpu.items()},
        "worker_peaks_mb": run.watch.peaks("dask-worker") or run.watch.peaks("python-child"),
        "stderr_tail": run.stderr[-800:] if run.code else "",
    }


def _reparse(args: argparse.Namespace, main: Path, mode: str, workers: int) -> CliRun:
    env = {"ODIHR_TASK_RUNNER": "dask", "ODIHR_PARSE_WORKERS": str(workers)}
    if mode == "embedded":
        return run_cli(
            "reparse", server=None, work=main, rate=1.0, timeout=args.timeout,
            extra=["--force"], env=env,
        )
    with prefect_server(args.workdir / f"prefect-server-{workers}") as (url, proc):
        cluster_env = clean_env(PYTHONPATH=str(ROOT), PREFECT_API_URL=url)
        folder = args.workdir / f"dask-{workers}"
        with dask_cluster(workers, folder, cluster_env) as (address, procs):
            return run_cli(
                "reparse", server=None, work=main, rate=1.0, timeout=args.timeout,
                extra=["--force"],
                env={**env, "ODIHR_DASK_ADDRESS": address, "PREFECT_API_URL": url},
                watch_pids=[proc.pid, *(p.pid for p in procs)],
            )


def main(argv: list[str] | None = None) -> int:
    """Run the reparses and print one line per run and the speedups; 1 if a digest differs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elections", type=int, default=500)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--modes", default="embedded,server", help=", ".join(MODES))
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--repeat", type=int, default=1, help="alternating rounds")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/odihr-reparse-bench"))
    parser.add_argument("--mirrors", type=Path, help="where mirrors are built (bench/_scaled)")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if set(modes) - set(MODES):
        parser.error(f"--modes: of {', '.join(MODES)}")
    counts = [int(n) for n in args.workers.split(",")]
    args.workdir = args.workdir / f"e{args.elections}-s{args.seed}"
    main_dir = _warehouse(args, args.workdir)
    database = f"sqlite:///{main_dir / 'warehouse.db'}"
    backfill = view_digest(database)
    out: dict[str, Any] = {"elections": args.elections, "digest_backfill": backfill, "runs": []}
    same = True
    for round_ in range(args.repeat):
        for mode in modes:
            for workers in counts:
                load_before = _load()
                run = _reparse(args, main_dir, mode, workers)
                reports = sum(run.count(k) or 0 for k in ("loaded", "quarantined", "partial"))
                reports = reports or (run.count("discovered") or 0)
                digest = view_digest(database)
                same &= digest == backfill
                row = {"round": round_, "mode": mode, "workers": workers, "reports": reports,
                       "digest": digest, **_figures(run, reports, load_before)}
                out["runs"].append(row)
                cpu = ", ".join(f"{k} {v}" for k, v in row["cpu_s"].items() if v)
                print(f"{mode:8} {workers} worker(s): flow {row['flow_s']} s, process "
                      f"{row['wall_s']} s, {reports} reports; CPU s {cpu}; digest {digest}"
                      f"{'' if digest == backfill else ' DIFFERS'}; load {row['load']}",
                      flush=True)
    for mode in modes:
        for round_ in range(args.repeat):
            rows = {r["workers"]: r for r in out["runs"] if r["mode"] == mode
                    and r["round"] == round_}
            if 1 in rows and 2 in rows and rows[1]["flow_s"] and rows[2]["flow_s"]:
                ratio = rows[1]["flow_s"] / rows[2]["flow_s"]
                out.setdefault("speedup", {}).setdefault(mode, []).append(round(ratio, 2))
                print(f"{mode}: 2 workers ÷ 1 worker = {ratio:.2f}× (flow time, round {round_})")
    print(f"digest of the backfill {backfill}: {'identical' if same else 'DIFFERS'}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
