"""The CLI's own embedded Prefect API server, started before Prefect is even imported.

Prefect's ephemeral mode starts its server (a ``uvicorn`` subprocess) only when the flow run
begins, after the run's imports, and imports the whole server package into the CLI first
(2.5 s here). Starting the same server ourselves, first thing, lets it boot while the CLI
imports Prefect, the flows and the parsers. It also runs in its own session: a Ctrl-C at the
terminal reaches the CLI's process group, not the server, so the interrupted flow run can still
be recorded ``Cancelled`` and the event and log workers can still flush (they used to retry a
dead server for over a minute). It is stopped when the CLI exits (``atexit``) and, if the CLI is
killed, by the reaper (:mod:`odihr.reaper`).

Only used when ``PREFECT_API_URL`` is unset: a configured server is always used as it is.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from odihr import prefect_template
from odihr.reaper import watch

#: Seconds to wait for the server's health check (a first start on a fresh home migrates its DB).
READY_TIMEOUT = 120.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class EmbeddedServer:
    """One ``uvicorn`` process serving Prefect's API on a loopback port."""

    def __init__(self) -> None:
        self.port = _free_port()
        spec = importlib.util.find_spec("prefect")  # where Prefect is, without importing it
        assert spec is not None and spec.origin is not None, "prefect is not installed"
        app_dir = Path(spec.origin).parent.parent
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1"}
        env.pop("PREFECT_API_URL", None)
        home = Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()
        home.mkdir(parents=True, exist_ok=True)
        self.log_path = home / "embedded-server.log"
        # A fresh home starts from a migrated database (odihr.prefect_template), or, when there
        # is none yet, leaves its own behind once migrated.
        self._home = home
        self._keep_template = not prefect_template.seed(home) and not (
            home / prefect_template.DATABASE
        ).exists()
        with open(self.log_path, "wb") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
                 "prefect.server.api.server:create_app", "--host", "127.0.0.1",
                 "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        watch(self.process.pid)
        self._ready = False

    @property
    def api_url(self) -> str:
        """The ``PREFECT_API_URL`` of this server."""
        return f"http://127.0.0.1:{self.port}/api"

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Block until the server answers its health check (raise if it died or timed out)."""
        deadline = time.monotonic() + timeout
        while not self._ready:
            if self.process.poll() is not None:
                lines = self.log_path.read_text(errors="replace").strip().splitlines()
                raise RuntimeError(
                    f"Prefect's embedded server exited ({self.process.returncode}): "
                    f"{lines[-1] if lines else 'no output'} (or set PREFECT_API_URL to a server)"
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as answer:
                    self._ready = answer.status == 200
            except (urllib.error.URLError, OSError):
                pass
            if self._ready and self._keep_template:
                self._keep_template = False
                prefect_template.keep(self._home)
            if not self._ready:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Prefect's embedded server did not start within {timeout:g} s "
                        "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS; or set PREFECT_API_URL)"
                    )
                time.sleep(0.05)

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 5 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_SERVER: EmbeddedServer | None = None


def embedded_server() -> EmbeddedServer:
    """This process's embedded server, started on first use and stopped at exit.

    Registered with ``atexit`` before Prefect registers its own exit hooks, so those (the event
    and log workers' last flush) run first, while the server still answers.
    """
    global _SERVER
    if _SERVER is None or _SERVER.process.poll() is not None:
        _SERVER = EmbeddedServer()
        atexit.register(_SERVER.stop)
    return _SERVER
