"""Benchmark: full extraction (``parse_report``) against ``pdftotext -layout`` on the sample PDFs.

    .venv/bin/python bench/parse_bench.py [--root odihr/sample_site] [--repeat 1]

Prints total pages, pages/s of ``parse_report`` over every PDF under the root, pages/s of
``pdftotext -layout`` (poppler, run as a subprocess) on the same files, their ratio, and this
process's peak RSS. Targets: ratio >= 0.5 and peak RSS <= 300 MB. A file that fails to parse is
listed with its error and left out of both rates, so that they compare the same pages. Exit
status 0 when every file parsed and both targets are met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import logging
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
    pdftotext_seconds: float | None = None
    error: str | None = None


def _pages(data: bytes) -> int:
    try:
        with PdfReport(data) as pdf:
            return pdf.page_count
    except Exception:  # noqa: BLE001 - a file that cannot even be opened counts 0 pages
        return 0


def _parse(data: bytes, repeat: int) -> tuple[float, str | None]:
    started = time.perf_counter()
    try:
        for _ in range(repeat):
            parse_report(data)
    except Exception as error:  # noqa: BLE001 - the bench reports every failure and goes on
        return time.perf_counter() - started, f"{type(error).__name__}: {error}"
    return time.perf_counter() - started, None


def _pdftotext(path: Path, repeat: int) -> float | None:
    started = time.perf_counter()
    for _ in range(repeat):
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode != 0:
            return None
    return time.perf_counter() - started


def _warm_up(paths: list[Path]) -> str | None:
    """Parse the smallest PDF once outside the timing (imports, PDFium start-up).

    Returns the error of that parse, or None: a warm-up failure is printed but is not fatal.
    """
    smallest = min(paths, key=lambda p: p.stat().st_size)
    return _parse(smallest.read_bytes(), 1)[1]


def _peak_rss_mb() -> float:
    """This process's peak resident set size (pdftotext children are not counted)."""
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def run(root: Path, repeat: int) -> int:
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
        file_run.parse_seconds, file_run.error = _parse(data, repeat)
        if have_pdftotext:
            file_run.pdftotext_seconds = _pdftotext(path, repeat)
        runs.append(file_run)

    ok = [r for r in runs if r.error is None]
    pages = sum(r.pages for r in runs) * repeat
    ok_pages = sum(r.pages for r in ok) * repeat
    parse_seconds = sum(r.parse_seconds for r in ok)
    parse_rate = ok_pages / parse_seconds if parse_seconds else 0.0
    print(
        f"files: {len(runs)} ({len(ok)} parsed, {len(runs) - len(ok)} failed), "
        f"total pages: {pages} (repeat {repeat})"
    )
    if warm_up_error:
        print(f"warm-up parse failed: {warm_up_error}")
    print(
        f"parse_report:        {ok_pages:6d} pages in {parse_seconds:7.3f} s = "
        f"{parse_rate:8.1f} pages/s"
    )

    ratio = None
    if not have_pdftotext:
        print("pdftotext:           not installed (apt-get install poppler-utils); no ratio")
    else:
        timed = [r for r in ok if r.pdftotext_seconds is not None]
        text_seconds = sum(r.pdftotext_seconds or 0.0 for r in timed)
        text_pages = sum(r.pages for r in timed) * repeat
        text_rate = text_pages / text_seconds if text_seconds else 0.0
        print(
            f"pdftotext -layout:   {text_pages:6d} pages in {text_seconds:7.3f} s = "
            f"{text_rate:8.1f} pages/s"
        )
        ratio = parse_rate / text_rate if text_rate else None
        if ratio is not None:
            verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
            print(f"ratio parse/pdftotext: {ratio:.3f} (target >= {TARGET_RATIO}: {verdict})")

    rss = _peak_rss_mb()
    verdict = "ok" if rss <= TARGET_RSS_MB else "ABOVE TARGET"
    print(f"peak RSS: {rss:.1f} MB (target <= {TARGET_RSS_MB:.0f} MB: {verdict})")

    slowest = sorted(ok, key=lambda r: r.parse_seconds / max(r.pages, 1), reverse=True)[:5]
    print("slowest files (parse_report s/page):")
    for r in slowest:
        print(
            f"  {r.parse_seconds / max(r.pages, 1) / repeat * 1000:8.1f} ms/page  "
            f"{r.pages:3d} pages  {r.path.relative_to(root)}"
        )
    for r in runs:
        if r.error:
            print(f"FAILED {r.path.relative_to(root)} ({r.pages} pages): {r.error}")
    met = rss <= TARGET_RSS_MB and (ratio is None or ratio >= TARGET_RATIO) and len(ok) == len(runs)
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
    args = parser.parse_args(argv)
    return run(args.root, max(args.repeat, 1))


if __name__ == "__main__":
    raise SystemExit(main())
