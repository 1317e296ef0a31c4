"""A real Prefect server for tests: ``prefect server start`` on a free loopback port.

Load the ``prefect_api`` fixture with ``pytest_plugins = ["prefectserver"]`` and use the
helpers through it (``prefect_api.cli(...)``, ``prefect_api.client()``...) rather than importing
this module, so pytest can rewrite its asserts. The server gets its own ``PREFECT_HOME`` and
database, no scheduler (schedules never fire during a test) and no UI; it is skipped -- with the
server's output -- only when it cannot start. Processes started with :func:`background` run in
their own session; their whole group is killed at the end.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER_START_SECONDS = 60.0
#: A liveness bound, not a speed claim: a flow run (a process start, imports, the ingest) took
#: over 60 s at load 10+; what fails here is a run that never ends.
RUN_SECONDS = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _base_env(home: Path, api_url: str) -> dict[str, str]:
    """This process's environment minus any Prefect/odihr settings, plus the test server's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ODIHR_"))}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_API_URL=api_url,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        PREFECT_API_ENABLE_HTTP2="false",
        DO_NOT_TRACK="1",
        GX_ANALYTICS_ENABLED="false",
        # `prefect deploy` runs the build step `python -m deployments.specs`: this interpreter.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


def tail(path: Path, lines: int = 30) -> str:
    """The last ``lines`` lines of a log file (empty if unreadable)."""
    with suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return ""


@contextmanager
def background(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """Run ``args`` in its own session (output to ``log``); kill its whole group at the end."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield proc
        finally:
            _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
        # the leader is gone; make sure no child (a flow run) outlives it
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        return


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass(frozen=True)
class PrefectApi:
    """A running Prefect server: its API URL, the environment pointing at it, and helpers."""

    url: str
    env: dict[str, str]

    @contextmanager
    def client(self) -> Iterator[Any]:
        """A sync Prefect client for this server (the test process otherwise is ephemeral)."""
        from prefect.client.orchestration import get_client
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with (
            temporary_settings(updates={PREFECT_API_URL: self.url}),
            get_client(sync_client=True) as client,
        ):
            yield client

    def cli(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run ``python -m <args>`` against this server; its stdout (a failure shows all)."""
        done = subprocess.run(
            [sys.executable, "-m", *args],
            env=env or self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=90,
        )
        output = f"{done.stdout}\n{done.stderr}"
        assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{output}"
        return done.stdout

    background = staticmethod(background)
    tail = staticmethod(tail)

    @staticmethod
    def wait_for_run(client: Any, flow_run_id: Any, log: Path) -> Any:
        """The flow run once in a final state (a failure after ``RUN_SECONDS``)."""
        deadline = time.monotonic() + RUN_SECONDS
        while True:
            run = client.read_flow_run(flow_run_id)
            if run.state is not None and run.state.is_final():
                return run
            assert time.monotonic() < deadline, (
                f"flow run {flow_run_id} still {run.state_name} after {RUN_SECONDS} s:\n{tail(log)}"
            )
            time.sleep(0.5)

    @staticmethod
    def flow_run_id(cli_output: str) -> str:
        """The id of the flow run ``prefect deployment run`` created (it prints ``UUID: …``)."""
        match = re.search(r"UUID:\s*([0-9a-f-]{36})", cli_output)
        assert match, cli_output
        return match.group(1)


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectApi]:
    """A real ``prefect server start`` on a free loopback port, stopped after the module."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = _base_env(home, url)
    log = home / "server.log"
    args = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1"]
    args += ["--port", str(port), "--no-scheduler", "--no-ui"]
    with background(args, env, log) as server:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _healthy(url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip(
                    f"the Prefect server could not start on 127.0.0.1:{port} "
                    f"(exit {server.poll()}); its output:\n{tail(log)}"
                )
            time.sleep(0.25)
        yield PrefectApi(url, env)
