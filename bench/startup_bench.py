"""Start-up cost of a run command: where the seconds of a no-op run go.

    .venv/bin/python bench/startup_bench.py [--repeat N] [--api-url URL]

A no-op run is ``odihr backfill --from 2100-01-01`` against the bundled sample mirror on
loopback: it crawls the listing, nothing matches, nothing is downloaded. Prints, each the best of
N repetitions:

- the import time of the run's modules (``odihr.commands``, ``flows.ingest``, ``prefect``,
  ``great_expectations``) in a fresh interpreter;
- the seconds to the first line on standard error (the crawl progress) and the wall time of the
  whole no-op run, with a fresh ``PREFECT_HOME`` (first run) and with the one the first run left
  (every later run). With ``--api-url`` the runs use that Prefect server, not an embedded one.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from odihr.site.server import MirrorServer  # noqa: E402

SAMPLE_SITE = ROOT / "odihr" / "sample_site"
IMPORTS = ("odihr.commands", "flows.ingest", "prefect", "great_expectations")


def _import_seconds(module: str, root: Path) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    return float(done.stdout.strip().splitlines()[-1])


def _noop_run(
    data_dir: Path, base_url: str, api_url: str | None, root: Path
) -> tuple[float, float]:
    """(seconds to the first stderr line, seconds of the whole run) of one no-op backfill."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ODIHR_", "PREFECT_"))}
    env.update(PYTHONPATH=str(root), ODIHR_BASE_URL=base_url, ODIHR_DATA_DIR=str(data_dir),
               ODIHR_DATABASE_URL=f"sqlite:///{data_dir / 'w.db'}",
               ODIHR_REQUESTS_PER_SECOND="200", ODIHR_PROGRESS="lines")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "odihr.cli", "backfill", "--from", "2100-01-01"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root,
    )
    assert process.stderr is not None
    first_line = process.stderr.readline()
    first = time.perf_counter() - started
    rest = process.stderr.read()
    process.wait()
    total = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"the no-op run failed ({process.returncode}): {first_line}{rest}")
    return first, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--api-url", help="a running Prefect server (PREFECT_API_URL)")
    parser.add_argument("--no-imports", action="store_true", help="skip the import timings")
    parser.add_argument("--no-warm", action="store_true", help="only runs on a fresh home")
    parser.add_argument(
        "--compare", type=Path, metavar="CHECKOUT",
        help="also time another checkout (e.g. /work/main), interleaved run by run with this one "
        "so both see the same machine load",
    )
    args = parser.parse_args()
    roots = [ROOT] + ([args.compare.resolve()] if args.compare else [])
    if not args.no_imports:
        for module in IMPORTS:
            best = min(_import_seconds(module, ROOT) for _ in range(args.repeat))
            print(f"import {module:<20} {best:6.2f} s")
    mode = f"Prefect server {args.api_url}" if args.api_url else "embedded Prefect"
    with MirrorServer(SAMPLE_SITE) as server, tempfile.TemporaryDirectory() as tmp:
        fresh: dict[Path, list[tuple[float, float]]] = {root: [] for root in roots}
        warm: dict[Path, list[tuple[float, float]]] = {root: [] for root in roots}
        for i in range(args.repeat):
            for n, root in enumerate(roots):
                fresh[root].append(
                    _noop_run(Path(tmp) / f"{n}-fresh{i}", server.base_url, args.api_url, root))
        for _ in range(0 if args.no_warm else args.repeat):
            for n, root in enumerate(roots):
                warm[root].append(
                    _noop_run(Path(tmp) / f"{n}-fresh0", server.base_url, args.api_url, root))
    for root in roots:
        for name, runs in (("fresh PREFECT_HOME", fresh[root]), ("warm PREFECT_HOME ", warm[root])):
            if not runs:
                continue
            first = min(r[0] for r in runs)
            total = min(r[1] for r in runs)
            print(f"{root.name}: no-op run, {name} ({mode}): first line after {first:5.2f} s, "
                  f"exit after {total:5.2f} s (best of {len(runs)})")


if __name__ == "__main__":
    main()
