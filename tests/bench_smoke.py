"""Shared helpers of the bench smoke tests (``tests/test_bench_smoke*.py``): run a ``bench/``
script as a subprocess, as a person would, and check that it printed its figures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SAMPLE = ROOT / "odihr" / "sample_site"
#: A small report of the sample mirror (3 pages).
SMALL_PDF = SAMPLE / "files" / "f" / "documents" / "8" / "0" / "275321.pdf"


def run_script(name: str, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, str(BENCH / name), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_ran(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    detail = f"exit {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr[-3000:]}"
    assert done.returncode in (0, 1), detail
    assert "Traceback" not in done.stderr, detail
    for text in expected:
        assert text in done.stdout, detail
