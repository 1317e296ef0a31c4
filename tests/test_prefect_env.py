"""The embedded Prefect server named for worker processes (a local Dask cluster) during a run."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from odihr.prefect_env import embedded_server_for_workers


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
