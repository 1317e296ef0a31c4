"""Services the scale benchmark starts on loopback: a Prefect server and a Dask cluster.

Each runs in its own session; leaving the context kills exactly that process group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without Prefect/odihr settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ODIHR_"))}
    env.update(extra)
    return env


def _stop(proc: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def started(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """Run ``args`` in its own session with output to ``log``; stop its group at the end."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield proc
        finally:
            _stop(proc)


def _wait(check: object, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited {proc.returncode}:\n{log.read_text()[-2000:]}")
        if check():  # type: ignore[operator]
            return
        time.sleep(0.3)
    raise RuntimeError(
        f"{proc.args} did not start within {seconds:.0f} s:\n{log.read_text()[-2000:]}"
    )


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def prefect_server(home: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``prefect server start`` with its own home; yields (API URL, process)."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = clean_env(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_API_URL=url,
    )
    args = [
        str(BIN / "prefect"),
        "server",
        "start",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with started(args, env, home / "server.log") as proc:
        _wait(lambda: _healthy(url), proc, home / "server.log", 120)
        yield url, proc


@contextmanager
def dask_cluster(
    workers: int, folder: Path, env: dict[str, str]
) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """``dask scheduler`` and ``workers`` × ``dask worker --nthreads 1 --no-nanny``."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler_log = folder / "scheduler.log"
    scheduler_args = [
        str(BIN / "dask"),
        "scheduler",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-dashboard",
    ]
    with started(scheduler_args, env, scheduler_log) as scheduler:
        _wait(
            lambda: "Scheduler at" in scheduler_log.read_text(errors="replace"),
            scheduler,
            scheduler_log,
            60,
        )
        procs = [scheduler]
        try:
            for n in range(workers):
                log = folder / f"worker-{n}.log"
                args = [
                    str(BIN / "dask"),
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--name",
                    f"bench-{n}",
                ]
                proc = subprocess.Popen(
                    args,
                    env=env,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                procs.append(proc)
            for n, proc in enumerate(procs[1:]):
                log = folder / f"worker-{n}.log"
                _wait(
                    lambda log=log: "Registered to" in log.read_text(errors="replace"),
                    proc,
                    log,
                    90,
                )
            yield address, procs
        finally:
            for proc in procs[1:]:
                _stop(proc)
