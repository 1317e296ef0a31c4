"""A real flow run seen as a Prefect user sees it: task run names and artifacts.

The session's ingest of the sample mirror (``sqlite_warehouse``) ran in Prefect's embedded mode;
its flow run is read back from the same Prefect API, as the UI would show it.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    FlowRunFilter,
    FlowRunFilterId,
    LogFilter,
    LogFilterFlowRunId,
)

pytest_plugins = ["warehouse_fixtures"]


@pytest.fixture(scope="module")
def flow_run(sqlite_warehouse: Any) -> dict[str, Any]:
    path = Path(sqlite_warehouse.url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        [(flow_run_id,)] = connection.execute(
            "SELECT flow_run_id FROM run WHERE kind = 'backfill' ORDER BY id LIMIT 1"
        ).fetchall()
    assert flow_run_id, "the run record names its Prefect flow run"
    run_id = UUID(flow_run_id)
    with get_client(sync_client=True) as client:
        tasks = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id]))
        )
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    return {"tasks": [t.name for t in tasks], "logs": [log.message for log in logs],
            "artifacts": {a.key: a for a in artifacts}}


def test_task_runs_are_named_by_the_report(flow_run: dict[str, Any]) -> None:
    # The embedded server may stop before it records the last renames: most names are enough.
    names = flow_run["tasks"]
    # One parse task run per batch of reports, named by its number and size.
    parsed = [n for n in names if re.fullmatch(r"parse batch \d+ \(\d+ reports?\)", n)]
    # One download task run per batch of up to BATCH_SIZE reports (the sample's 26: one).
    downloaded = [n for n in names if re.fullmatch(r"download batch \d+ \(\d+ reports?\)", n)]
    assert not [n for n in names if re.fullmatch(r"(download|skip report) \d+", n)], names
    # One load task run per batch (named by its first and last report), not per report.
    loaded = [n for n in names if re.fullmatch(r"load \d+ reports? \(\d+( … \d+)?\)", n)]
    assert parsed and downloaded and loaded, names


def test_the_validation_summary_is_an_artifact_not_only_a_link(
    flow_run: dict[str, Any],
) -> None:
    artifacts = flow_run["artifacts"]
    summary = artifacts["odihr-backfill-validation-summary"]
    assert summary.type == "markdown"
    for suite in ("report_metadata", "results", "turnout", "observers", "recommendations"):
        assert f"| {suite} |" in summary.data
    assert {"odihr-backfill-summary", "odihr-backfill-quarantine"} <= set(artifacts)


def _recorded_run(prefect_home: Path, flow_run_id: str) -> dict[str, Any]:
    """What the CLI's Prefect server recorded for a flow run (its state, task run names, logs
    and artifact keys), read from that server's own database once the command has exited: the
    rows its API serves (Prefect is pinned to 3.9), without booting a second server (~10 s)."""
    database = prefect_home / "prefect.db"
    assert database.exists(), f"no Prefect database at {database}"
    with closing(sqlite3.connect(database)) as connection:
        [(state,)] = connection.execute(
            "SELECT state_type FROM flow_run WHERE id = ?", (flow_run_id,)
        ).fetchall()
        tasks = connection.execute(
            "SELECT name FROM task_run WHERE flow_run_id = ?", (flow_run_id,)
        ).fetchall()
        logs = connection.execute(
            "SELECT level, message FROM log WHERE flow_run_id = ? ORDER BY timestamp",
            (flow_run_id,),
        ).fetchall()
        artifacts = connection.execute(
            "SELECT key FROM artifact WHERE flow_run_id = ? AND key IS NOT NULL", (flow_run_id,)
        ).fetchall()
    return {"state": state, "tasks": [name for (name,) in tasks], "logs": logs,
            "artifacts": sorted(key for (key,) in artifacts)}


@pytest.mark.slow
def test_a_cli_run_logs_what_it_found_and_what_it_held_back_and_why(tmp_path: Path) -> None:
    """The CLI flushes the run's logs before its embedded server stops: none is lost."""
    import os
    import subprocess
    import sys

    from odihr.site.server import MirrorServer

    sample = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"
    broken = "/files/f/documents/1/0/14112.pdf"  # Armenia's one report, served damaged
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ODIHR_"))}
    env.update(ODIHR_DATABASE_URL=f"sqlite:///{tmp_path / 'w.db'}",
               ODIHR_DATA_DIR=str(tmp_path / "data"), ODIHR_REQUESTS_PER_SECOND="500")
    with MirrorServer(sample) as mirror:
        mirror.overrides[broken] = b"%PDF-1.4\n% cut short\n"
        env["ODIHR_BASE_URL"] = mirror.base_url
        done = subprocess.run([sys.executable, "-m", "odihr.cli", "backfill", "--country",
                               "armenia", "--country", "kazakhstan"],
                              env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(tmp_path / "w.db") as connection:
        [(flow_run_id,)] = connection.execute("SELECT flow_run_id FROM run").fetchall()
    run = _recorded_run(tmp_path / "data" / "prefect", flow_run_id)
    assert run["state"] == "COMPLETED"
    messages = [message for _, message in run["logs"]]
    assert any(re.fullmatch(r"found 3 election\(s\) with 7 document\(s\) on \d+ listing "
                            r"page\(s\) and 2 country page\(s\)", m) for m in messages), messages
    held = [m for level, m in run["logs"] if m.startswith(f"quarantined {broken}: ")]
    assert held and held[0] != f"quarantined {broken}: ", messages  # with its reason
    assert any(re.match(r"run \d+ \(backfill\): 7 document\(s\) discovered", m)
               for m in messages), messages
    assert "download batch 1 (7 reports)" in run["tasks"], run["tasks"]
    assert any(re.fullmatch(r"download batch 1: 7 of 7 report\(s\) \(\d+ … \d+\): 7 new", m)
               for m in messages), messages
    assert any(re.fullmatch(r"parse batch \d+ \(\d+ reports?\)", n) for n in run["tasks"])
    # The batch's task names each report's outcome: the damaged one quarantined on its own.
    assert any(re.fullmatch(r"parse 14112: quarantined \(\w+: .+\)", m) for m in messages)
    assert any(re.fullmatch(r"parse \d+: loaded \(\d+ page\(s\) in [\d.]+ s\)", m)
               for m in messages), messages
    assert {"odihr-backfill-summary", "odihr-backfill-quarantine",
            "odihr-backfill-validation-summary"} <= set(run["artifacts"])
