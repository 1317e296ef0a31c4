"""Every script under ``bench/`` runs for real on a tiny input (a benchmark that rots is worse
than none): each is started as a subprocess, as a person would, and must finish in seconds with
its figures printed. Exit status 1 ("a target is missed") is allowed -- the machine is shared and
a tiny input says nothing about the targets -- but a traceback or a usage error is not.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bench_smoke import BENCH, SAMPLE, SMALL_PDF, assert_ran, run_script

#: The smoke tests live in two files so that ``--dist loadfile`` runs them on both processes.
SMOKE_FILES = [Path(__file__), Path(__file__).with_name("test_bench_smoke_runs.py")]


def test_every_bench_script_has_a_smoke_test() -> None:
    scripts = {p.name for p in BENCH.glob("*.py") if not p.name.startswith("_")}
    source = "".join(f.read_text(encoding="utf-8") for f in SMOKE_FILES)
    untested = sorted(s for s in scripts if f'"{s}"' not in source)
    names = [f.name for f in SMOKE_FILES]
    names = [f.name for f in SMOKE_FILES]
    assert not untested, f"bench scripts without a smoke test in {names}: {untested}"


def test_parse_bench(tmp_path: Path) -> None:
    shutil.copy(SMALL_PDF, tmp_path / "report.pdf")
    done = run_script("parse_bench.py", "--root", str(tmp_path))
    assert_ran(done, "files: 1 (1 parsed, 0 failed)", "parse_report:", "peak RSS:",
               "parse_report CPU:", "pages/CPU s", "ratio judged on CPU time")


def test_parse_digest(tmp_path: Path) -> None:
    shutil.copy(SMALL_PDF, tmp_path / "report.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"<html>not a pdf</html>")
    first = run_script("parse_digest.py", str(tmp_path), "--each")
    assert_ran(first, "2 files  ", "report.pdf", "broken.pdf")
    assert first.returncode == 0
    again = run_script("parse_digest.py", str(tmp_path))
    assert again.stdout.strip() == first.stdout.strip().splitlines()[-1]  # the same parse again
    (tmp_path / "broken.pdf").unlink()
    assert run_script("parse_digest.py", str(tmp_path)).stdout != again.stdout


def test_load_bench_sqlite() -> None:
    done = run_script("load_bench.py", "--rows", "300", "--repeat", "1", "--no-pg")
    assert_ran(done, "sqlite", "rows/s")


def test_validate_bench() -> None:
    done = run_script("validate_bench.py", "--repeat", "1", "--copies", "1")
    assert_ran(done, "first run", "ms/report", "HTML report written")


def _digests(root: Path) -> dict[str, str]:
    import hashlib

    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_scaled_mirror_is_deterministic_distinct_and_crawlable(tmp_path: Path) -> None:
    import json

    from odihr.parse.report import parse_report
    from odihr.settings import Settings
    from odihr.site.client import SiteClient
    from odihr.site.discovery import discover
    from odihr.site.server import MirrorServer

    first, second = tmp_path / "a", tmp_path / "b"
    # One build on one process, the other on two (the machine's second core): the same bytes.
    for out, jobs in ((first, "1"), (second, "2")):
        done = run_script("scaled_mirror.py", "build", "--elections", "12", "--seed", "5",
                          "--jobs", jobs, "--out", str(out))  # fmt: skip
        assert_ran(done, "12 elections")
        assert done.returncode == 0
    digests = _digests(first)
    assert digests == _digests(second), "same seed, different bytes (1 and 2 jobs)"
    pdfs = {k: v for k, v in digests.items() if k.endswith(".pdf") and k.startswith("files/f/")}
    manifest = json.loads((first / "_manifest.json").read_text(encoding="utf-8"))
    assert len(pdfs) == manifest["pdfs"] >= 12 * 3
    assert len(set(pdfs.values())) == len(pdfs), "two PDFs of the scaled mirror share their bytes"

    with MirrorServer(first) as server:
        settings = Settings(base_url=server.base_url, requests_per_second=1000.0)
        with SiteClient(settings) as client:
            found = discover(client)
        assert server.paths().count("/_manifest.json") == 0
    assert len(found.elections) == 12
    assert {d.url_path.lstrip("/") for d in found.documents} == set(pdfs)
    assert len(found.listing_pages) == manifest["listing_pages"] == 2
    ongoing = {e.site_id for e in found.elections if e.status == "ongoing"}
    assert ongoing == {e["id"] for e in manifest["election_list"] if not e["has_final"]}

    # Every copy reads exactly as its sample does (one copy of each sample used here).
    copies = {c["sample"]: c for c in manifest["documents"]}
    for sample, copy in copies.items():
        original = parse_report((SAMPLE / sample).read_bytes())
        copied = parse_report((first / copy["url_path"].lstrip("/")).read_bytes())
        assert copied.metadata.pages == copy["pages"]
        assert (copied.metadata, copied.contests, copied.observers, copied.recommendations) == (
            original.metadata, original.contests, original.observers, original.recommendations,
        ), sample  # fmt: skip


def test_covers_fuzz() -> None:
    done = run_script("covers_fuzz.py", "--examples", "5", "--seed", "3")
    assert_ran(done, "5 examples in")
    assert done.returncode == 0, done.stdout


def test_reports_fuzz() -> None:
    done = run_script("reports_fuzz.py", "--examples", "3", "--seed", "3")
    assert_ran(done, "3 generated reports in", "0 failing")


def test_results_fuzz() -> None:
    done = run_script("results_fuzz.py", "--examples", "3", "--seed", "3")
    assert_ran(done, "annexes", "seconds:")


def test_workpool_bench_deals_countries_round_robin() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("_workpool", BENCH / "workpool_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.shards(["c", "a", "d", "b", "e"], 2) == [["a", "c", "e"], ["b", "d"]]
    assert module.shards(["a"], 4) == [["a"]]


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("ODIHR_BENCH_TESTS"),
    reason="a real Prefect server, a process work pool and two workers take 1.5-3 minutes; "
    "run with ODIHR_BENCH_TESTS=1 (or python bench/workpool_bench.py --shards 2)",
)
def test_workpool_bench_on_the_sample_mirror(tmp_path: Path) -> None:
    # A real Prefect server, a process work pool, two process workers, two shards of the sample
    # mirror's countries: the warehouse after the shards is the serial reparse's, view by view.
    done = run_script(
        "workpool_bench.py", "--shards", "2", "--workdir", str(tmp_path), timeout=900
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "bi_* digest identical" in done.stdout, done.stdout
