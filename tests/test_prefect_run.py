"""A real flow run seen as a Prefect user sees it: task run names and artifacts.

The session's ingest of the sample mirror (``sqlite_warehouse``) ran in Prefect's embedded mode;
its flow run is read back from the same Prefect API, as the UI would show it.
"""

from __future__ import annotations

import re
import sqlite3
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
    parsed = [n for n in names if re.fullmatch(r"parse \d+", n)]
    downloaded = [n for n in names if re.fullmatch(r"download \d+", n)]
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
