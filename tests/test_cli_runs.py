"""What a run shows while it works and after: crawl progress first, a dry run that only reads,
and fact-row counts in the run summary and in ``odihr runs`` -- through the real command line
(subprocesses) against the real mirror server."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from odihr.progress import Lines
from odihr.site.server import MirrorServer

SAMPLE_SITE = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ODIHR_")}
    env.update(ODIHR_DATABASE_URL=f"sqlite:///{tmp_path / 'w.db'}",
               ODIHR_DATA_DIR=str(tmp_path / "data"), ODIHR_REQUESTS_PER_SECOND="500", **extra)
    return env


def _odihr(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "odihr.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_lines_show_each_stage_at_most_once_a_second_and_always_its_end() -> None:
    out = io.StringIO()
    with Lines(out, interval=3600) as lines:
        lines.grow("crawl", 2)
        lines.advance("crawl")
        lines.advance("crawl")  # done: shown at once
        lines.grow("download", 3)
        lines.advance("download")  # within the interval: held back...
    # ...until the end, which is always shown.
    assert out.getvalue().splitlines() == [
        "crawl     0/2", "crawl     2/2", "download  0/3", "download  1/3"]


def test_backfill_dry_run_counts_by_type_and_writes_nothing(tmp_path: Path) -> None:
    with MirrorServer(SAMPLE_SITE) as mirror:
        env = _env(tmp_path, ODIHR_BASE_URL=mirror.base_url)
        done = _odihr(["backfill", "--dry-run", "--country", "kazakhstan"], env)
        assert done.returncode == 0, done.stderr
        assert not any(r.path.endswith(".pdf") for r in mirror.log)  # reads pages, no PDF
        typo = _odihr(["backfill", "--dry-run", "--country", "kazakstan"], env)
    out = done.stdout
    assert "backfill would fetch 6 report(s) of 2 election(s)" in out, out
    assert "  final                        2" in out
    assert "2019-06-09  kazakhstan" in out and "2016-03-20  kazakhstan" in out
    assert not (tmp_path / "w.db").exists() and not (tmp_path / "data").exists()
    assert typo.returncode == 2
    assert "did you mean kazakhstan" in typo.stderr


@pytest.mark.slow
def test_a_backfill_shows_crawl_progress_first_and_counts_its_fact_rows(tmp_path: Path) -> None:
    with MirrorServer(SAMPLE_SITE) as mirror:
        env = _env(tmp_path, ODIHR_BASE_URL=mirror.base_url, ODIHR_PROGRESS="lines")
        done = _odihr(["backfill", "--country", "kazakhstan"], env)
        pages = [t for t in mirror.paths() if not t.endswith((".pdf", "/robots.txt"))]
    assert done.returncode == 0, done.stderr
    # The crawl ran while Prefect booted and the flow took its result: every page read once.
    assert pages and len(pages) == len(set(pages)), pages
    # Nothing but progress on stderr: no Great Expectations INFO line, no Prefect chatter.
    assert all(re.fullmatch(r"(crawl|download|parse|load) +\d+/\d+", line)
               for line in done.stderr.splitlines()), done.stderr
    progress = [line.split()[0] for line in done.stderr.splitlines()]
    assert progress[0] == "crawl", done.stderr  # from the first second, before Prefect is up
    last_crawl = max(i for i, stage in enumerate(progress) if stage == "crawl")
    assert last_crawl < progress.index("download") < progress.index("parse"), done.stderr
    with sqlite3.connect(tmp_path / "w.db") as connection:
        expected = {
            view: connection.execute(f"SELECT count(*) FROM bi_{view}").fetchone()[0]
            for view in ("results", "turnout", "observers", "recommendations")
        }
    assert all(expected.values()), expected  # the sample's Kazakh reports carry every part
    line = ", ".join(f"{view} {n}" for view, n in expected.items())
    assert f"fact rows loaded: {line}" in done.stdout, done.stdout
    runs = _odihr(["runs", "--json"], env)
    [record] = json.loads(runs.stdout)
    assert {k: record["counts"][f"rows_{k}"] for k in expected} == expected
    # What the run wrote for people is readable by the group (the team), not only its owner.
    data = tmp_path / "data"
    written = [*(data / "reports").iterdir(), *(data / "raw").rglob("*.pdf")]
    assert written and all(p.stat().st_mode & 0o040 for p in written), written


def test_the_warehouse_lock_file_is_ignored_by_git() -> None:
    root = Path(__file__).resolve().parents[1]
    for name in ("warehouse.lock", "elsewhere/w.lock"):
        done = subprocess.run(["git", "check-ignore", "-q", name], cwd=root)
        assert done.returncode == 0, f"{name} is not ignored"


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_each_retry_is_one_line_naming_the_answer(tmp_path: Path) -> None:
    with MirrorServer(SAMPLE_SITE) as mirror:
        mirror.faults["/odihr/elections"] = [503, 503]
        env = _env(tmp_path, ODIHR_BASE_URL=mirror.base_url, ODIHR_BACKOFF_SECONDS="0.01")
        done = _odihr(["backfill", "--dry-run"], env)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2, lines
    for n, line in enumerate(lines, start=1):
        assert line.startswith(f"site answered 503 for /odihr/elections, retry {n}/4 in "), line


@pytest.mark.slow
def test_an_unreachable_site_is_its_retries_then_one_line(tmp_path: Path) -> None:
    env = _env(tmp_path, ODIHR_BASE_URL=f"http://127.0.0.1:{_closed_port()}",
               ODIHR_RETRIES="2", ODIHR_BACKOFF_SECONDS="0.01")
    done = _odihr(["backfill"], env)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    # Prefect's console handler prefixes time and logger; the message is the client's one line.
    assert [line.split(" - ", 1)[-1] for line in lines[:-1]] == [
        f"site unreachable (connection failed) for /robots.txt, retry {n}/2 in 0.0 s"
        for n in (1, 2)], lines
    assert lines[-1].startswith("odihr backfill: the run could not complete: the site did not "
                                "answer"), lines
    assert "Connection refused" in lines[-1] and "ODIHR_BASE_URL" in lines[-1]
