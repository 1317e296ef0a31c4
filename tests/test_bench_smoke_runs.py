"""The bench smoke tests whose cost is a real Prefect run or OCR (see ``test_bench_smoke.py``): a
file of their own, so that ``--dist loadfile`` runs them beside the others, not after them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bench_smoke import assert_ran, run_script


@pytest.mark.slow
def test_scale_bench_unthrottled_backfill_only(tmp_path: Path) -> None:
    # The smallest real run: a 2-election mirror, one unthrottled backfill through the CLI (its
    # cost is mostly Prefect's start-up); the other phases are exercised by the documented runs.
    skip = "throttled,nightly,server,reparse,load,extract"
    done = run_script(
        "scale_bench.py", "--elections", "2", "--seed", "3", "--workdir", str(tmp_path),
        "--mirrors", str(tmp_path / "mirrors"), "--skip", skip,
        "--json", str(tmp_path / "out.json"), timeout=400,
    )  # fmt: skip
    assert_ran(done, "| unthrottled backfill, end to end |", "pages/s", "parse_batch")
    import json

    figures = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["unthrottled"]
    assert figures["exit"] == 0, figures
    assert figures["counts"]["loaded"] >= 1
    assert figures["pdf_requests"] == figures["kinds"]["pdf"] >= 4
    assert figures["cli_peak_mb"] > 0


@pytest.mark.slow
def test_reparse_bench_one_embedded_worker(tmp_path: Path) -> None:
    # A 2-election mirror, its backfill, one reparse on a local Dask cluster of 1 worker: the
    # warehouse must come out the same (the script exits 1 when a digest differs).
    done = run_script(
        "reparse_bench.py", "--elections", "2", "--seed", "3", "--workdir", str(tmp_path),
        "--mirrors", str(tmp_path / "mirrors"), "--modes", "embedded", "--workers", "1",
        "--json", str(tmp_path / "out.json"), timeout=600,
    )  # fmt: skip
    assert_ran(done, "embedded 1 worker(s): flow", "identical")
    assert done.returncode == 0
    import json

    (run,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["runs"]
    assert run["exit"] == 0 and run["reports"] >= 1, run
    assert run["cpu_s"]["cli"] > 0 and run["worker_peaks_mb"], run


def test_hostile_pdfs() -> None:
    # Tiny: two small bombs and two mutants, the overhead on one small PDF (seconds). The big
    # bombs are the full run's; a page bomb and the 1 GiB ones are parsed in test_isolation.py.
    done = run_script("hostile_pdfs.py", "--tiny", "--cases", "4", "--seed", "3",
                      "--workers", "1", "--overhead-docs", "1")  # fmt: skip
    assert_ran(done, "hostile PDFs: 4 cases", "unhandled (parser_error): 0; over the limits: 0",
               "isolation overhead:")  # fmt: skip


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_ocr_bench() -> None:
    # One page, English only, at 150 dpi: the bench's path at a quarter of its cost.
    done = run_script("ocr_bench.py", "--scan", "230056:1", "--languages", "eng", "--dpi", "150")
    assert_ran(done, "230056 pages 1 (1):", "s/page", "metadata vs born-digital exact",
               "total: 1 pages in")


@pytest.mark.slow  # one real no-op run through the CLI: its cost is Prefect's start-up
def test_startup_bench() -> None:
    done = run_script("startup_bench.py", "--repeat", "1", "--no-imports", "--no-warm")
    assert_ran(done, "no-op run, fresh PREFECT_HOME (embedded Prefect): first line after")
