"""Cost of validation per report: validates the 26 truth reports as one run, repeatedly.

    .venv/bin/python bench/validate_bench.py [--repeat N] [--copies K]

Prints the one-off start-up (GX import + ephemeral context + suites), then the wall time of a run
of the 26 reports and of a run of 26 × K reports (the truth repeated under distinct keys), each
the best of N repetitions, as milliseconds per report. GX has a fixed cost per expectation per
run, so the cost per report falls as a run grows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from odihr.validate import validate_reports  # noqa: E402

from truth_records import truth_reports  # noqa: E402


def _time_runs(reports: dict, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        validate_reports(reports)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    truth = truth_reports()

    started = time.perf_counter()
    first = validate_reports(truth)
    first_s = time.perf_counter() - started
    print(f"first run (GX import + context + {len(truth)} reports): {first_s:.2f}s")
    print(f"  per suite: {', '.join(f'{s.name} {s.seconds * 1000:.0f}ms' for s in first.suites)}")

    for copies in (1, args.copies):
        reports = {f"{i}:{k}": r for i in range(copies) for k, r in truth.items()}
        times = _time_runs(reports, args.repeat)
        best, median = min(times), statistics.median(times)
        print(
            f"{len(reports):4d} reports per run: best {best:.3f}s, median {median:.3f}s "
            f"→ {best / len(reports) * 1000:.1f} ms/report (median "
            f"{median / len(reports) * 1000:.1f} ms/report)"
        )

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        validate_reports(truth, report_dir=Path(tmp))
        elapsed = time.perf_counter() - started
    print(f"run of {len(truth)} with the HTML report written: {elapsed:.3f}s")


if __name__ == "__main__":
    main()
