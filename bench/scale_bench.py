"""The scale benchmark of issue 13: the real ``odihr`` CLI against a scaled mirror, one table.

    python bench/scale_bench.py --elections 500 [--throttled-elections 20] [--rate 1]
        [--workdir /tmp/odihr-scale-bench] [--skip server,load,...] [--profile out.txt]

Builds (or reuses) the scaled mirror (``scaled_mirror.py``), serves it with the project's mirror
server in this process, and runs, each as a separate ``python -m odihr.cli`` process with a
fresh SQLite warehouse where it matters:

1. ``throttled``: a full backfill of a ``--throttled-elections`` mirror at ``--rate`` requests/s
   (the production politeness; the full 500-election site at 1 request/s takes ~45 min): flow
   and process time against the politeness floor (requests ÷ rate);
2. ``unthrottled``: a full backfill of the ``--elections`` mirror with no politeness delay (the
   pipeline's own cost: PDF pages/s end to end, crawl, parse, validate and load included), its
   Prefect task runs and the embedded Prefect server's share of the CPU; ``--profile FILE``
   runs it under py-spy (all threads and subprocesses) and writes the hottest functions to FILE;
3. ``nightly``: a no-op nightly right after it at ``--rate`` (embedded Prefect), and ``server``:
   the same against a separately started ``prefect server`` (the deployment's situation);
4. ``reparse``: ``odihr reparse --force`` on a Dask cluster started separately (``dask
   scheduler`` + 1, then 2 ``dask worker`` processes, ``ODIHR_DASK_ADDRESS``), CLI and workers
   reporting to that Prefect server, the speedup, each worker's peak RSS, and a digest of every
   ``bi_*`` view (without ``run_id``, ``loaded_at``) that must equal the backfill's;
5. ``load``: ``load_bench.py`` (rows/s, SQLite and PostgreSQL); ``extract``: ``parse_bench.py``
   on the sample mirror the copies come from (pages/s ÷ ``pdftotext -layout`` pages/s).

Every run has a timeout (``--timeout``). The machine's other load is not controlled: on a
shared machine, run it several times and report the spread.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from _scale_report import PHASES, render_table  # noqa: E402
from _scale_runs import (  # noqa: E402
    CliRun,
    nightly_expected,
    prefect_task_runs,
    run_cli,
    view_digest,
)
from _services import clean_env, dask_cluster, prefect_server  # noqa: E402
from scaled_mirror import build, default_out  # noqa: E402

from odihr.site.server import MirrorServer  # noqa: E402

UNTHROTTLED_RATE = 100_000.0


def _figure(pattern: str, text: str) -> float | None:
    found = re.search(pattern, text)
    return float(found.group(1).replace(",", "")) if found else None


def _bench_script(name: str, *args: str, timeout: float) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / name), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    return done.stdout + done.stderr


def _throttled(args: argparse.Namespace, work: Path, out: dict[str, Any]) -> None:
    small = build(
        default_out(args.throttled_elections, args.seed, args.mirrors),
        args.throttled_elections,
        args.seed,
        args.jobs,
    )
    with MirrorServer(default_out(args.throttled_elections, args.seed, args.mirrors)) as server:
        run = run_cli(
            "backfill", server=server, work=work / "throttled", rate=args.rate, timeout=args.timeout
        )
    out["throttled"] = {
        **run.figures(),
        "elections": small["elections"],
        "pdfs": small["pdfs"],
        "rate": args.rate,
    }


def _unthrottled(
    args: argparse.Namespace, server: MirrorServer, work: Path, manifest: dict, out: dict[str, Any]
) -> CliRun:
    run = run_cli(
        "backfill",
        server=server,
        work=work / "main",
        rate=UNTHROTTLED_RATE,
        timeout=args.timeout,
        profile=args.profile,
    )
    figures = run.figures()
    figures["pages"] = manifest["pdf_pages"]
    figures["pages_per_s"] = manifest["pdf_pages"] / run.wall
    figures["task_runs"] = prefect_task_runs(work / "main" / "data" / "prefect")
    out["unthrottled"] = figures
    return run


def _nightly(
    args: argparse.Namespace,
    server: MirrorServer,
    work: Path,
    manifest: dict,
    out: dict[str, Any],
    api: tuple[str, int] | None = None,
) -> None:
    env = {"PREFECT_API_URL": api[0]} if api else {}
    run = run_cli(
        "nightly",
        server=server,
        work=work / "main",
        rate=args.rate,
        timeout=args.timeout,
        env=env,
        watch_pids=[api[1]] if api else None,
    )
    out["server" if api else "nightly"] = {
        **run.figures(),
        "rate": args.rate,
        "expected": nightly_expected(manifest),
    }


def _reparse(
    args: argparse.Namespace, work: Path, out: dict[str, Any], api: tuple[str, int]
) -> None:
    """Reparse on a separately started Dask cluster whose workers report to the Prefect server.

    Without ``PREFECT_API_URL`` every Dask worker starts its own temporary Prefect server on its
    first task (~30 s here): the cluster and the CLI are pointed at the running server instead.
    """
    db = f"sqlite:///{work / 'main' / 'warehouse.db'}"
    out["digest_backfill"] = view_digest(db)
    results = {}
    for workers in (1, 2):
        env = clean_env(PYTHONPATH=str(ROOT), PREFECT_API_URL=api[0])
        with dask_cluster(workers, work / f"dask-{workers}", env) as (address, procs):
            run = run_cli(
                "reparse",
                server=None,
                work=work / "main",
                rate=1.0,
                timeout=args.timeout,
                extra=["--force"],
                env={
                    "ODIHR_TASK_RUNNER": "dask",
                    "ODIHR_DASK_ADDRESS": address,
                    "PREFECT_API_URL": api[0],
                },
                watch_pids=[api[1], *(p.pid for p in procs)],
            )
        results[workers] = {
            **run.figures(),
            "worker_peaks_mb": run.watch.peaks("dask-worker"),
            "digest": view_digest(db),
        }
    out["reparse"] = results


def main(argv: list[str] | None = None) -> int:
    """Run the phases not skipped and print one table; returns 0 (the table says the rest)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elections", type=int, default=500)
    parser.add_argument("--throttled-elections", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rate", type=float, default=1.0, help="politeness, requests/s")
    parser.add_argument("--jobs", type=int, default=2, help="processes building the mirror")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/odihr-scale-bench"))
    parser.add_argument("--mirrors", type=Path, help="where mirrors are built (bench/_scaled)")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    parser.add_argument("--skip", default="", help=f"comma-separated, of: {', '.join(PHASES)}")
    parser.add_argument("--profile", type=Path, help="py-spy the unthrottled backfill into FILE")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(PHASES)
    if unknown:
        parser.error(f"unknown phase(s) in --skip: {', '.join(sorted(unknown))}")
    work = args.workdir / f"e{args.elections}-s{args.seed}-{int(time.time())}"
    work.mkdir(parents=True)
    started = time.perf_counter()
    manifest = build(
        default_out(args.elections, args.seed, args.mirrors), args.elections, args.seed, args.jobs
    )
    out: dict[str, Any] = {
        "mirror": {
            k: manifest[k]
            for k in (
                "elections",
                "pdfs",
                "pdf_pages",
                "translations",
                "listing_pages",
                "countries",
            )
        },
        "mirror_seconds": time.perf_counter() - started,
        "machine": f"{platform.node()} {platform.machine()}, "
        f"{len(__import__('os').sched_getaffinity(0))} cores, Python {platform.python_version()}",
        "skipped": sorted(skip),
    }
    if "throttled" not in skip:
        _throttled(args, work, out)
    if "unthrottled" in skip:  # the later phases work on its warehouse
        skip |= {"nightly", "server", "reparse"}
    with MirrorServer(default_out(args.elections, args.seed, args.mirrors)) as server:
        if "unthrottled" not in skip:
            _unthrottled(args, server, work, manifest, out)
        if "nightly" not in skip:
            _nightly(args, server, work, manifest, out)
        if not {"server", "reparse"} <= skip:
            with prefect_server(work / "prefect-server") as (url, proc):
                if "server" not in skip:
                    _nightly(args, server, work, manifest, out, api=(url, proc.pid))
                if "reparse" not in skip:
                    _reparse(args, work, out, api=(url, proc.pid))
    if "load" not in skip:
        out["load"] = {
            engine: _figure(engine + r"\s+[\d,]+ rows/load.*?median\s+([\d,]+) rows/s", text)
            for text in [_bench_script("load_bench.py", "--repeat", "3", timeout=args.timeout)]
            for engine in ("sqlite", "postgres")
        }
    if "extract" not in skip:
        text = _bench_script("parse_bench.py", "--repeat", "2", timeout=args.timeout)
        out["extract"] = {
            "parse": _figure(r"parse_report:.*?=\s+([\d.]+) pages/s", text),
            "pdftotext": _figure(r"pdftotext -layout:.*?=\s+([\d.]+) pages/s", text),
            "ratio": _figure(r"ratio parse/pdftotext: ([\d.]+)", text),
        }
    out["total_seconds"] = time.perf_counter() - started
    print(render_table(out))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    print(f"work folder: {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
