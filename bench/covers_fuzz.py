"""Long profile of the generated-cover property (``tests/test_covers_generated.py``).

    PYTHONPATH=. .venv/bin/python bench/covers_fuzz.py [--examples 2500] [--seed 0]

Draws covers of every family with Hypothesis (``tests/cover_pdfs.py``), writes each as a PDF,
reads its metadata back and compares it field by field with what the drawn parts say. Prints how
many examples each value of each axis got and how many of them failed, then the first failures.
Exit status 0 when every example read exactly, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cover_pdfs import Cover, covers  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from test_covers_generated import parsed  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seen: Counter[tuple[str, str]] = Counter()
    failed: Counter[tuple[str, str]] = Counter()
    failures: list[tuple[Cover, dict[str, object]]] = []

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(covers())
    def run(cover: Cover) -> None:
        got = parsed(cover)
        ok = got == cover.expected
        for axis in cover.axes.items():
            seen[axis] += 1
            failed[axis] += not ok
        if not ok:
            failures.append((cover, got))

    started = time.perf_counter()
    run()
    total = sum(n for (axis, _), n in seen.items() if axis == "family")
    print(f"{total} examples in {time.perf_counter() - started:.0f} s, "
          f"{len(failures)} failed")
    for axis in sorted({a for a, _ in seen}):
        values = sorted((v, n) for (a, v), n in seen.items() if a == axis)
        print(f"{axis:16} " + ", ".join(
            f"{v}={n}" + (f" ({failed[axis, v]} failed)" if failed[axis, v] else "")
            for v, n in values))
    for cover, got in failures[:8]:
        wrong = {k: (got[k], v) for k, v in cover.expected.items() if got[k] != v}
        print("\n--- got, expected:", wrong)
        print("\n".join(cover.lines), "\n-- title block:", cover.title_block,
              "\n-- header:", cover.header)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
