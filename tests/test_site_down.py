"""A site that is down fails the run, fast; retries live in one layer (issue 11).

Today: every PDF answering 500 → exit 0 after 390 requests (~48 min at default backoff), the
summary saying ``quarantined 0`` while 26 are; ``429 Retry-After: 200`` → the client waits, then
Prefect's task retry asks again after 32 s; a body dripping at 1 KB/s → 129 s for one PDF.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import get_engine
from odihr.commands import ingest as run_command
from odihr.exitcodes import EXIT_FAILED, EXIT_OK
from odihr.site.server import MirrorServer

from sitefixtures import fast_settings

TRUTH = Path(__file__).with_name("truth")
PDFS = sorted(json.loads(p.read_text())["url_path"] for p in TRUTH.glob("*.json")
              if p.name != "site.json")
KAZAKH_FINAL = "/files/f/documents/4/7/250536.pdf"


def _pdf_requests(mirror: MirrorServer) -> list:
    return [r for r in mirror.log if r.path.endswith(".pdf")]


def _last_run(url: str) -> tuple[str, dict]:
    with get_engine(url).connect() as connection:
        outcome, counts = connection.execute(
            text("SELECT outcome, counts FROM run ORDER BY id DESC")).first()
    return outcome, json.loads(counts)


def test_every_pdf_failing_opens_the_circuit_breaker(
    mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in PDFS:
        mirror.faults[path] = [500] * 100
    url = f"sqlite:///{tmp_path / 'w.db'}"
    settings = fast_settings(mirror.base_url, tmp_path / "data", database_url=url,
                             max_consecutive_failures=3, retries=2)
    started = time.monotonic()
    assert run_command("backfill", settings) == EXIT_FAILED
    assert time.monotonic() - started < 60
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "site looks down: 3 documents in a row" in err and "HTTP 500" in err
    assert len(_pdf_requests(mirror)) == 3 * 3  # 3 documents x (1 + 2 client retries), no more
    outcome, counts = _last_run(url)
    assert outcome == "failed"
    assert counts["failed"] == 3 and counts["quarantined"] == 3


def test_a_long_retry_after_is_not_asked_again_by_a_task_retry(
    mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror.faults[KAZAKH_FINAL] = [(429, {"Retry-After": "200"})] * 10
    url = f"sqlite:///{tmp_path / 'w.db'}"
    settings = fast_settings(mirror.base_url, tmp_path / "data", database_url=url)
    started = time.monotonic()
    assert run_command("backfill", settings, countries=["kazakhstan"]) == EXIT_OK
    assert time.monotonic() - started < 60
    asked = [r for r in mirror.log if r.path == KAZAKH_FINAL]
    assert [r.status for r in asked] == [429]  # one answer: no client retry, no task retry
    out = capsys.readouterr().out
    assert "asked to retry after 200 s" in out and "failed    1" in out


def test_a_dripping_body_hits_the_download_deadline(
    mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror.drip[KAZAKH_FINAL] = 4096  # bytes per second: ~5 minutes for this PDF
    url = f"sqlite:///{tmp_path / 'w.db'}"
    settings = fast_settings(mirror.base_url, tmp_path / "data", database_url=url,
                             download_deadline=1.5)
    started = time.monotonic()
    assert run_command("backfill", settings, countries=["kazakhstan"]) == EXIT_OK
    assert time.monotonic() - started < 60
    with get_engine(url).connect() as connection:
        status, reason = connection.execute(text(
            "SELECT status, status_reason FROM bi_reports WHERE url_path = :p"),
            {"p": KAZAKH_FINAL}).one()
        loaded = connection.execute(text(
            "SELECT count(*) FROM bi_reports WHERE status = 'loaded'")).scalar()
    assert status == "quarantined" and "ODIHR_DOWNLOAD_DEADLINE" in reason
    assert loaded >= 3
    assert len([r for r in mirror.log if r.path == KAZAKH_FINAL]) == 1  # not retried
