"""Ctrl-C stops a run cleanly (exit 130, run recorded as interrupted, lock released) and a rerun
loads everything, without downloading again what the interrupted run had already stored."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from odihr.site.server import MirrorServer

from tests_support import SAMPLE_SITE

DEADLINE_SECONDS = 120


def _odihr(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "odihr.cli", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.slow
def test_ctrl_c_then_rerun_resumes(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    env = {**os.environ, "ODIHR_DATABASE_URL": f"sqlite:///{db}",
           "ODIHR_DATA_DIR": str(tmp_path / "data"), "ODIHR_REQUESTS_PER_SECOND": "500"}
    with MirrorServer(SAMPLE_SITE) as server:
        server.delay = 0.3  # slow enough to be interrupted in the middle of the downloads
        env["ODIHR_BASE_URL"] = server.base_url
        process = _odihr(["backfill"], env)
        started = time.monotonic()
        while sum(r.path.endswith(".pdf") for r in server.log) < 3:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() - started < DEADLINE_SECONDS, "no PDF was requested"
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        assert process.returncode == 130, (out, err)
        assert "interrupted" in err
        with sqlite3.connect(db) as connection:
            (outcome,) = connection.execute("SELECT outcome FROM run").fetchone()
            (stored,) = connection.execute("SELECT count(*) FROM document_version").fetchone()
        assert outcome == "interrupted"

        server.delay = 0.0
        server.clear_log()
        rerun = _odihr(["backfill"], env)
        out, err = rerun.communicate(timeout=DEADLINE_SECONDS)
        assert rerun.returncode == 0, (out, err)
        full_downloads = [r for r in server.log if r.path.endswith(".pdf") and r.status == 200]
        assert len(full_downloads) == 26 - stored  # what was stored is not fetched again
    with sqlite3.connect(db) as connection:
        statuses = dict(connection.execute(
            "SELECT status, count(*) FROM bi_reports GROUP BY status").fetchall())
    assert statuses == {"loaded": 25, "skipped": 1}
