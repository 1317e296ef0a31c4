"""The embedded Prefect server named for worker processes (a local Dask cluster) during a run."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from odihr.flowrun import _prefect_api

ROOT = Path(__file__).resolve().parents[1]


class _Answering:
    """Stands in for :class:`odihr.embedded_server.EmbeddedServer` (only its URL is used here)."""

    api_url = "http://127.0.0.1:9/api"

    def wait_ready(self) -> None:
        pass


def test_nothing_changes_without_an_embedded_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://10.0.0.1:4200/api")
    with _prefect_api(None):
        assert os.environ["PREFECT_API_URL"] == "http://10.0.0.1:4200/api"
    assert os.environ["PREFECT_API_URL"] == "http://10.0.0.1:4200/api"


def test_a_child_process_is_pointed_at_the_embedded_server_and_the_variable_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with _prefect_api(_Answering()):
        assert os.environ["PREFECT_API_URL"] == _Answering.api_url
        # What a Dask worker process sees: the run's server, not a temporary one of its own.
        code = "from prefect.settings import PREFECT_API_URL; print(PREFECT_API_URL.value())"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        assert done.stdout.strip() == _Answering.api_url
    assert "PREFECT_API_URL" not in os.environ


def _uvicorn_pids(pid: int) -> set[int]:
    import psutil

    found = set()
    try:
        family = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return found
    for child in family:
        try:
            if "uvicorn" in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.Error:
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("prefect_dask") is None, reason="no prefect-dask")
def test_a_local_dask_cluster_starts_no_prefect_server_of_its_own(tmp_path: Path) -> None:
    """Before: each worker started a temporary Prefect server (a ``uvicorn`` process, ~30 s and
    ~250 MB) on its first task; now the run's one embedded server serves CLI and workers."""
    from odihr.site.server import MirrorServer

    env = {**os.environ, "PYTHONPATH": str(ROOT), "ODIHR_TASK_RUNNER": "dask",
           "ODIHR_REQUESTS_PER_SECOND": "500"}
    env.pop("PREFECT_API_URL", None)
    servers: set[int] = set()
    with MirrorServer(ROOT / "odihr" / "sample_site") as server:
        cli = subprocess.Popen(
            [sys.executable, "-m", "odihr.cli", "backfill", "--country", "kazakhstan",
             "--base-url", server.base_url, "--db", f"sqlite:///{tmp_path / 'w.db'}",
             "--data-dir", str(tmp_path / "data")],
            env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        while cli.poll() is None:
            servers |= _uvicorn_pids(cli.pid)
            time.sleep(0.2)
        out, err = cli.communicate()
    assert cli.returncode == 0, err[-3000:]
    assert "loaded      6" in out
    assert len(servers) == 1, f"{len(servers)} Prefect servers started by one run"
