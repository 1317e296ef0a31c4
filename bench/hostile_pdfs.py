"""Hostile PDFs through the isolated parser: counts per outcome, peak RSS, slowest case.

    PYTHONPATH=. .venv/bin/python bench/hostile_pdfs.py [--cases 5000] [--seed 11] [--tiny]
        [--memory-mb 1536] [--cpu-seconds 120] [--timeout 300] [--workers 2]

The corpus: random mutations (bit flips, cuts, splices, deletions, extreme numbers) of every
sample PDF, plus generated bombs (decompression: 1 GiB of text and of spaces in ~2 KB; page
count: 999 and 5,000 pages; deep page trees; deep arrays; a pages-tree loop). Every case is
parsed by ``odihr.isolation`` under the limits given (default: the pipeline's defaults), as a
run would. Printed: the count per outcome (``ok``, each ``ReportError`` code, ``resource_limit``,
``parser_error`` = an exception that is not a ReportError, i.e. unhandled), the peak RSS of the
bench and of its worker processes, the slowest case, and the isolation overhead per document
(the same normal documents parsed in-process and isolated).

Exit status 0 when nothing was unhandled and no case outlived the limits, 1 otherwise.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from odihr.isolation import ParseLimits, ParsePool  # noqa: E402
from odihr.parse_job import parse_file  # noqa: E402
from odihr.parse_worker import PARSER_BUG  # noqa: E402
from odihr.settings import Settings  # noqa: E402

from hostile import (  # noqa: E402
    deep_array,
    deep_tree,
    inflation_bomb,
    mutate,
    page_bomb,
    xref_loop,
)

SAMPLE = ROOT / "odihr" / "sample_site"


def bombs() -> Iterator[tuple[str, bytes]]:
    """The generated bombs (a few seconds to build the 1 GiB ones)."""
    yield "inflate-1gib", inflation_bomb(1024)
    yield "spaces-1gib", inflation_bomb(1024, b" ")
    yield "inflate-256mib", inflation_bomb(256)
    yield "pages-999", page_bomb(999)
    yield "pages-5000", page_bomb(5000)
    yield "deep-tree-3000", deep_tree(3000)
    yield "deep-array-100k", deep_array(100_000)
    yield "xref-loop", xref_loop()


def tiny_bombs() -> Iterator[tuple[str, bytes]]:
    """One small bomb of each cheap kind (for a smoke run: the big ones are what the full run and
    ``tests/test_isolation.py`` are for)."""
    yield "inflate-16mib", inflation_bomb(16)
    yield "xref-loop", xref_loop()


def corpus(cases: int, seed: int, tiny: bool = False) -> Iterator[tuple[str, bytes]]:
    """``cases`` hostile PDFs, made one at a time: the bombs, then mutations of the sample PDFs
    (``tiny``: two small bombs, mutations of the two smallest sample PDFs)."""
    rng = random.Random(seed)
    paths = sorted(SAMPLE.rglob("*.pdf"))
    if tiny:
        paths = sorted(paths, key=lambda p: (p.stat().st_size, p))[:2]
    sources = [p.read_bytes() for p in paths]
    made = 0
    for case in tiny_bombs() if tiny else bombs():
        made += 1
        yield case
    while made < cases:
        index = rng.randrange(len(sources))
        name, data = mutate(sources[index], rng)
        made += 1
        yield f"mutant-{made}-{name}-src{index}", data


def _workers_peak_mb(pool: ParsePool) -> float:
    """Largest VmHWM (peak RSS) among the pool's idle workers, in MB."""
    peak = 0.0
    for worker in list(pool._idle):
        try:
            status = Path(f"/proc/{worker.process.pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def overhead(pool: ParsePool, root: Path, documents: int | None = None) -> float:
    """Median of (isolated - in-process) parse time of the same normal document, interleaved so
    that the machine's load weighs on both alike (seconds); ``documents``: only that many of the
    sample's PDFs, the smallest first (default: all)."""
    pdfs = sorted(SAMPLE.rglob("*.pdf"))
    if documents is not None:
        pdfs = sorted(pdfs, key=lambda p: (p.stat().st_size, p))[:documents]
    for pdf in pdfs:  # warm the workers
        pool.run("parse", str(pdf), str(pdf))
    differences = []
    for _ in range(3):
        for pdf in pdfs:
            started = time.perf_counter()
            pool.run("parse", str(pdf), str(pdf))
            isolated = time.perf_counter() - started
            started = time.perf_counter()
            parse_file(str(pdf), str(pdf), pool.limits.max_pages)
            differences.append(isolated - (time.perf_counter() - started))
    return statistics.median(differences)


def main(argv: list[str] | None = None) -> int:
    defaults = Settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--memory-mb", type=int, default=defaults.parse_memory_mb)
    parser.add_argument("--cpu-seconds", type=float, default=defaults.parse_cpu_seconds)
    parser.add_argument("--timeout", type=float, default=defaults.parse_timeout)
    parser.add_argument("--workers", type=int, default=defaults.parse_workers)
    parser.add_argument("--overhead-docs", type=int, default=None, metavar="N",
                        help="measure the isolation overhead on the N smallest sample PDFs "
                        "(default: all)")
    parser.add_argument("--tiny", action="store_true",
                        help="a smoke run: two small bombs instead of the 1 GiB and 5,000-page "
                        "ones, mutants of the two smallest sample PDFs")
    args = parser.parse_args(argv)
    limits = ParseLimits(memory_mb=args.memory_mb, cpu_seconds=args.cpu_seconds,
                         wall_seconds=args.timeout, workers=args.workers)
    pool = ParsePool(limits)
    outcomes: Counter[str] = Counter()
    slowest = (0.0, "")
    unhandled: list[str] = []
    over = 0
    worker_peak = 0.0
    started = time.perf_counter()
    try:
        per_doc = overhead(pool, SAMPLE, args.overhead_docs)
        with tempfile.TemporaryDirectory(prefix="odihr-hostile-") as tmp:
            for i, (name, data) in enumerate(corpus(args.cases, args.seed, args.tiny)):
                path = Path(tmp) / f"{i}.pdf"
                path.write_bytes(data)
                t0 = time.perf_counter()
                outcome = pool.run("parse", name, str(path))
                seconds = time.perf_counter() - t0
                path.unlink()
                worker_peak = max(worker_peak, _workers_peak_mb(pool))
                code = outcome.error_code or "ok"
                outcomes[code] += 1
                if code == PARSER_BUG:
                    unhandled.append(f"{name}: {outcome.reason}")
                if seconds > limits.wall_seconds + 5:
                    over += 1
                if seconds > slowest[0]:
                    slowest = (seconds, f"{name} ({code})")
                if (i + 1) % 250 == 0:
                    print(f"  {i + 1} cases, {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        pool.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = worker_peak
    total = sum(outcomes.values())
    print(f"hostile PDFs: {total} cases in {time.perf_counter() - started:.0f} s "
          f"(limits: {limits.memory_mb} MiB, {limits.cpu_seconds:g} s CPU, "
          f"{limits.wall_seconds:g} s wall)")
    for code, count in outcomes.most_common():
        print(f"  {code:<18}{count:>6}")
    print(f"unhandled (parser_error): {len(unhandled)}; over the limits: {over}")
    print(f"peak RSS: bench {own:.0f} MB, largest worker that finished its job {workers:.0f} MB "
          f"(a worker stopped by the memory cap never exceeds {limits.memory_mb} MiB of "
          "address space)")
    print(f"slowest case: {slowest[1]} in {slowest[0]:.2f} s")
    print(f"isolation overhead: {per_doc * 1000:.2f} ms per normal document (median)")
    for line in unhandled[:20]:
        print(f"  UNHANDLED {line}")
    return 0 if not unhandled and over == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
