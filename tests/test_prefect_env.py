"""The embedded Prefect server named for worker processes (a local Dask cluster) during a run."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from odihr.prefect_env import embedded_server_for_workers

ROOT = Path(__file__).resolve().parents[1]


def test_nothing_changes_when_disabled_or_a_server_is_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with embedded_server_for_workers(False) as url:
        assert url is None and "PREFECT_API_URL" not in os.environ
    monkeypatch.setenv("PREFECT_API_URL", "http://10.0.0.1:4200/api")
    with embedded_server_for_workers(True) as url:
        assert url is None
    assert os.environ["PREFECT_API_URL"] == "http://10.0.0.1:4200/api"


def test_a_child_process_reaches_the_embedded_server_and_the_variable_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with embedded_server_for_workers(True) as url:
        assert url and os.environ["PREFECT_API_URL"] == url
        assert httpx.get(f"{url}/health", timeout=30).json() is True
        # What a Dask worker process sees: the same server, not a temporary one of its own.
        code = "from prefect.settings import PREFECT_API_URL; print(PREFECT_API_URL.value())"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        assert done.stdout.strip() == url
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("prefect_dask") is None, reason="no prefect-dask")
def test_a_local_dask_cluster_starts_no_temporary_prefect_server(tmp_path: Path) -> None:
    """Before: each worker logged ``Starting temporary server`` and spent ~30 s on it."""
    from odihr.site.server import MirrorServer

    env = {**os.environ, "PYTHONPATH": str(ROOT), "ODIHR_TASK_RUNNER": "dask",
           "ODIHR_REQUESTS_PER_SECOND": "500"}
    env.pop("PREFECT_API_URL", None)
    with MirrorServer(ROOT / "odihr" / "sample_site") as server:
        done = subprocess.run(
            [sys.executable, "-m", "odihr.cli", "backfill", "-v", "--country", "kazakhstan",
             "--base-url", server.base_url, "--db", f"sqlite:///{tmp_path / 'w.db'}",
             "--data-dir", str(tmp_path / "data")],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "loaded      6" in done.stdout
    assert "temporary server" not in done.stdout + done.stderr
