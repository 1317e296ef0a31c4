"""Benchmark: full extraction (``parse_report``) against ``pdftotext -layout`` on the sample PDFs.

    .venv/bin/python bench/parse_bench.py [--root odihr/sample_site] [--repeat 1] [--wall]

Prints total pages, pages/s of ``parse_report`` over every PDF under the root, pages/s of
``pdftotext -layout`` (poppler, run as a subprocess) on the same files, their ratio, and this
process's peak RSS. Every rate is given twice: per wall-clock second and per CPU second (this
process's user + system time around ``parse_report``; the waited-for children's for pdftotext).
On a shared, loaded machine the wall clock measures the other processes as much as this one,
so the ratio is judged on CPU time unless ``--wall`` is given. Targets: ratio >= 0.5 and peak
RSS <= 300 MB. A file that fails to parse is listed with its error and left out of both rates,
so that they compare the same pages. Exit status 0 when every file parsed and both targets are
met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from odihr.parse.pdf import PdfReport  # noqa: E402
from odihr.parse.report import parse_report  # noqa: E402

TARGET_RATIO = 0.5
TARGET_RSS_MB = 300.0


@dataclass
class FileRun:
    """One PDF's figures."""

    path: Path
    pages: int
    parse_seconds: float = 0.0
    parse_cpu: float = 0.0
    pdftotext_seconds: float | None = None
    pdftotext_cpu: float = 0.0
    error: str | None = None


def _pages(data: bytes) -> int:
    try:
        with PdfReport(data) as pdf:
            return pdf.page_count
    except Exception:  # noqa: BLE001 - a file that cannot even be opened counts 0 pages
        return 0


def _cpu(who: int) -> float:
    """User + system CPU seconds of this process (``RUSAGE_SELF``) or of its waited-for
    children (``RUSAGE_CHILDREN``)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _parse(data: bytes, repeat: int) -> tuple[float, float, str | None]:
    """Wall seconds, CPU seconds and the error (or None) of ``repeat`` parses of ``data``."""
    started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    error_text = None
    try:
        for _ in range(repeat):
            parse_report(data)
    except Exception as error:  # noqa: BLE001 - the bench reports every failure and goes on
        error_text = f"{type(error).__name__}: {error}"
    return time.perf_counter() - started, _cpu(resource.RUSAGE_SELF) - cpu, error_text


def _pdftotext(path: Path, repeat: int) -> tuple[float, float] | None:
    """Wall seconds and the children's CPU seconds of ``repeat`` runs, or None if one failed."""
    started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
    for _ in range(repeat):
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode != 0:
            return None
    return time.perf_counter() - started, _cpu(resource.RUSAGE_CHILDREN) - cpu


def _warm_up(paths: list[Path]) -> str | None:
    """Parse the smallest PDF once outside the timing (imports, PDFium start-up).

    Returns the error of that parse, or None: a warm-up failure is printed but is not fatal.
    """
    smallest = min(paths, key=lambda p: p.stat().st_size)
    return _parse(smallest.read_bytes(), 1)[2]


def _peak_rss_mb() -> float:
    """This process's peak resident set size (pdftotext children are not counted)."""
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def _rate(pages: float, seconds: float) -> float:
    return pages / seconds if seconds else 0.0


def run(root: Path, repeat: int, *, judge_wall: bool = False) -> int:
    """Run the benchmark and print its figures; return the exit status (0 = targets met)."""
    logging.basicConfig(level=logging.ERROR)
    paths = sorted(root.rglob("*.pdf"))
    if not paths:
        print(f"no PDFs under {root}")
        return 2
    warm_up_error = _warm_up(paths)
    have_pdftotext = shutil.which("pdftotext") is not None
    runs: list[FileRun] = []
    for path in paths:
        data = path.read_bytes()
        file_run = FileRun(path, _pages(data))
        file_run.parse_seconds, file_run.parse_cpu, file_run.error = _parse(data, repeat)
        text_run = _pdftotext(path, repeat) if have_pdftotext else None
        if text_run is not None:
            file_run.pdftotext_seconds, file_run.pdftotext_cpu = text_run
        runs.append(file_run)

    ok = [r for r in runs if r.error is None]
    pages = sum(r.pages for r in runs) * repeat
    ok_pages = sum(r.pages for r in ok) * repeat
    parse_seconds = sum(r.parse_seconds for r in ok)
    parse_cpu = sum(r.parse_cpu for r in ok)
    parse_rate, parse_cpu_rate = _rate(ok_pages, parse_seconds), _rate(ok_pages, parse_cpu)
    print(
        f"files: {len(runs)} ({len(ok)} parsed, {len(runs) - len(ok)} failed), "
        f"total pages: {pages} (repeat {repeat})"
    )
    if warm_up_error:
        print(f"warm-up parse failed: {warm_up_error}")
    print(f"load average: {' '.join(f'{n:.2f}' for n in os.getloadavg())} "
          f"({os.cpu_count()} CPUs); ratio judged on {'wall' if judge_wall else 'CPU'} time")
    print(
        f"parse_report:        {ok_pages:6d} pages in {parse_seconds:7.3f} s = "
        f"{parse_rate:8.1f} pages/s"
    )
    print(
        f"parse_report CPU:    {ok_pages:6d} pages in {parse_cpu:7.3f} s = "
        f"{parse_cpu_rate:8.1f} pages/CPU s ({1000 * _rate(parse_cpu, ok_pages):.2f} ms/page)"
    )

    ratio = cpu_ratio = None
    if not have_pdftotext:
        print("pdftotext:           not installed (apt-get install poppler-utils); no ratio")
    else:
        timed = [r for r in ok if r.pdftotext_seconds is not None]
        text_seconds = sum(r.pdftotext_seconds or 0.0 for r in timed)
        text_cpu = sum(r.pdftotext_cpu for r in timed)
        text_pages = sum(r.pages for r in timed) * repeat
        text_rate, text_cpu_rate = _rate(text_pages, text_seconds), _rate(text_pages, text_cpu)
        print(
            f"pdftotext -layout:   {text_pages:6d} pages in {text_seconds:7.3f} s = "
            f"{text_rate:8.1f} pages/s"
        )
        print(
            f"pdftotext CPU:       {text_pages:6d} pages in {text_cpu:7.3f} s = "
            f"{text_cpu_rate:8.1f} pages/CPU s"
        )
        ratio = parse_rate / text_rate if text_rate else None
        cpu_ratio = parse_cpu_rate / text_cpu_rate if text_cpu_rate else None
        for label, value, judged in (("ratio parse/pdftotext", ratio, judge_wall),
                                     ("CPU ratio parse/pdftotext", cpu_ratio, not judge_wall)):
            if value is None:
                continue
            verdict = "ok" if value >= TARGET_RATIO else "BELOW TARGET"
            verdict = verdict if judged else "not judged"
            print(f"{label}: {value:.3f} (target >= {TARGET_RATIO}: {verdict})")

    rss = _peak_rss_mb()
    verdict = "ok" if rss <= TARGET_RSS_MB else "ABOVE TARGET"
    print(f"peak RSS: {rss:.1f} MB (target <= {TARGET_RSS_MB:.0f} MB: {verdict})")

    slowest = sorted(ok, key=lambda r: r.parse_cpu / max(r.pages, 1), reverse=True)[:5]
    print("slowest files (parse_report CPU ms/page):")
    for r in slowest:
        print(
            f"  {r.parse_cpu / max(r.pages, 1) / repeat * 1000:8.1f} ms/page  "
            f"{r.pages:3d} pages  {r.path.relative_to(root)}"
        )
    for r in runs:
        if r.error:
            print(f"FAILED {r.path.relative_to(root)} ({r.pages} pages): {r.error}")
    judged_ratio = ratio if judge_wall else cpu_ratio
    met = (rss <= TARGET_RSS_MB and (judged_ratio is None or judged_ratio >= TARGET_RATIO)
           and len(ok) == len(runs))
    return 0 if met else 1


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT / "odihr" / "sample_site",
        help="folder searched for *.pdf (default: the sample mirror)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="parse each file this many times")
    parser.add_argument(
        "--wall",
        action="store_true",
        help="judge the ratio on wall-clock time (default: CPU time, which a loaded machine "
        "does not distort)",
    )
    args = parser.parse_args(argv)
    return run(args.root, max(args.repeat, 1), judge_wall=args.wall)


if __name__ == "__main__":
    raise SystemExit(main())
