"""Long profile of the generated-annex test: at least 2,000 synthetic results annexes.

Run ``PYTHONPATH=.:tests python bench/results_fuzz.py [--examples N] [--seed S] [--dump DIR]``
(``--max-contests``, ``--max-rows`` and ``--max-pages`` bound each annex; the fast profile in
``tests/test_results_generated.py`` runs this script with small bounds in a clean interpreter).
Prints how many annexes, contests, tables, rounds, rows and cells were generated and read, how
many were read exactly, and a description of each annex that was not (with the first
difference; ``--dump`` also writes it as a PDF); the exit status is 1 when any annex was
misread.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from results_annex_gen import (  # noqa: E402
    TURNOUT_WORDS,
    Annex,
    annexes,
    comparable,
    expected,
    observed,
    write,
)

from odihr.parse.pdf import PdfReport  # noqa: E402
from odihr.parse.results import read_results  # noqa: E402


def _difference(want: object, got: object, path: str = "") -> str:
    """Where ``got`` first differs from ``want``: ``path: expected … got …``."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key in want:
            if want[key] != got.get(key):
                return _difference(want[key], got.get(key), f"{path}.{key}")
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got) and not path.endswith("extra"):
            return f"{path or 'contests'} count: expected {len(want)} got {len(got)}"
        for i, (w, g) in enumerate(zip(want, got, strict=False)):
            if w != g:
                return _difference(w, g, f"{path}[{i}]")
    return f"{path.lstrip('.')}: expected {want!r:.120} got {got!r:.120}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--max-contests", type=int, default=3)
    parser.add_argument("--max-rows", type=int, default=40)
    parser.add_argument("--max-pages", type=int, default=12)
    parser.add_argument("--dump", type=Path, help="write each misread annex here: N.pdf, and "
                        "N.txt (the annex drawn, the first difference)")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    failures: list[str] = []

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(annexes(args.max_contests, args.max_rows, args.max_pages))
    def run(annex: Annex) -> None:
        data = write(annex)
        with PdfReport(data) as pdf:
            reading = read_results(pdf)
            counts["pages"] += pdf.page_count
        want = expected(annex)
        got = comparable(want, observed(reading))
        counts["annexes"] += 1
        if counts["annexes"] % 100 == 0:  # progress, on stderr
            print(f"{counts['annexes']} annexes, {counts['misread']} misread", file=sys.stderr,
                  flush=True)
        counts["contests"] += len(want)
        counts["tables"] += sum(len(c.tables) for c in annex.contests)
        counts["rounds"] += sum(len(c["rounds"]) for c in want)
        rows = [r for c in want for rnd in c["rounds"] for r in rnd["rows"]]
        counts["rows"] += len(rows)
        counts["cells"] += sum(1 + sum(v is not None for k, v in r.items() if k != "extra")
                               + len(r["extra"]) for r in rows)
        counts[f"orientation:{annex.orientation}"] += 1
        counts[f"font:{annex.font}"] += 1
        counts["ruled" if annex.ruled else "borderless"] += 1
        setting = annex.setting
        counts["body chapter" if setting.chapter and setting.heading else
               "inside the text" if setting.chapter else "annex"] += 1
        counts["composition table"] += bool(setting.composition)
        counts["shares in parentheses"] += annex.style.parenthesised
        counts["footnote markers"] += len(setting.markers)
        counts["rows without votes"] += sum(r["votes"] is None for r in rows)
        for place, what in setting.neighbours:
            counts[f"beside:{what} {place}"] += 1
        counts["shared turnout"] += any(not t.prints_turnout for c in annex.contests
                                        for t in c.tables)
        blocks = [t for c in annex.contests for t in c.tables if t.prints_turnout]
        counts["turnout blocks"] += len(blocks)
        counts["turnout lines"] += sum(len(t.turnout) for t in blocks)
        counts["random-word turnout blocks"] += sum(
            1 for t in blocks if not any(t.turnout_labels[k] in words
                                         for k, words in TURNOUT_WORDS.items()
                                         if k in t.turnout_labels))
        if got == want and not reading.problems:
            counts["read exactly"] += 1
        else:
            counts["misread"] += 1
            first = _difference(want, got)
            where = re.sub(r"\[\d+\]", "[]", first.split(":")[0])
            counts[f"first difference: {where}"] += 1
            failures.append(f"{annex.orientation}/{annex.font}/ruled={annex.ruled}/"
                            f"{annex.style} problems={reading.problems} {first}")
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                stem = args.dump / str(len(failures))
                stem.with_suffix(".pdf").write_bytes(data)
                stem.with_suffix(".txt").write_text(f"{annex!r}\n\n{first}\n")

    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    for name in ("annexes", "read exactly", "misread", "contests", "tables", "rounds", "rows",
                 "cells", "pages", "turnout blocks", "turnout lines",
                 "random-word turnout blocks"):
        print(f"{name:>14}: {counts[name]}")
    print("   variations: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())
                                        if k.startswith(("orientation:", "font:"))
                                        or k in ("ruled", "borderless", "shared turnout")))
    print("   setting: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())
                                    if k.startswith("beside:") or k in (
                                        "body chapter", "annex", "footnote markers",
                                        "inside the text", "composition table",
                                        "shares in parentheses",
                                        "rows without votes")))
    for key, value in sorted(counts.items(), key=lambda kv: -kv[1]):
        if key.startswith("first difference"):
            print(f"  misread at {key[18:]}: {value}")
    print(f"       seconds: {elapsed:.0f} ({elapsed / max(counts['annexes'], 1):.2f} per annex)")
    for line in failures[:20]:
        print("MISREAD", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
