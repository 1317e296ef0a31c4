"""kill -9 of the CLI leaves no process behind and no run ``running``; the next run converges.

Today: the embedded Prefect server (uvicorn, ~250 MB) outlives every kill -9 (16 piled up in one
probe) and the run row stays ``running`` for ever. Real CLI subprocess, real signals.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.ingest import ingest
from odihr.site.server import MirrorServer

from tests_support import SAMPLE_SITE

DEADLINE_SECONDS = 120


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_leaves_no_orphan_and_the_next_nightly_converges(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    env = {**os.environ, "ODIHR_DATABASE_URL": f"sqlite:///{db}",
           "ODIHR_DATA_DIR": str(tmp_path / "data"), "ODIHR_REQUESTS_PER_SECOND": "500"}
    env.pop("PREFECT_API_URL", None)
    with MirrorServer(SAMPLE_SITE) as server:
        server.delay = 0.3
        env["ODIHR_BASE_URL"] = server.base_url
        cli = subprocess.Popen([sys.executable, "-m", "odihr.cli", "backfill"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        while sum(r.path.endswith(".pdf") for r in server.log) < 3:
            assert cli.poll() is None
            assert time.monotonic() - started < DEADLINE_SECONDS, "no PDF was requested"
            time.sleep(0.1)
        family = _descendants(cli.pid)
        assert any("uvicorn" in _cmdline(p) for p in family), "no embedded Prefect server"
        cli.send_signal(signal.SIGKILL)
        cli.wait()
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in family) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = {p: _cmdline(p) for p in family if _alive(p)}
        assert left == {}, left

        server.delay = 0.0
        summary = ingest(kind="nightly", base_url=server.base_url, database_url=f"sqlite:///{db}",
                         data_dir=str(tmp_path / "data"), requests_per_second=500.0)
        assert summary["outcome"] == "completed"
    with sqlite3.connect(db) as connection:
        outcomes = [r[0] for r in connection.execute("SELECT outcome FROM run ORDER BY id")]
        statuses = dict(connection.execute(
            "SELECT status, count(*) FROM bi_reports GROUP BY status").fetchall())
    assert outcomes == ["abandoned", "completed"]
    assert statuses == {"loaded": 25, "skipped": 1}
