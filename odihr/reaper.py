"""No orphans: processes the CLI starts indirectly die with it, even after ``kill -9``.

The embedded Prefect API server is a ``uvicorn`` subprocess (~250 MB) stopped from an
``atexit`` hook — which never runs when the CLI is killed with -9 or aborts, so servers piled up
(16 in one probe, 4 GB); :mod:`odihr.embedded_server` registers it here. A tiny reaper
process watches the CLI through a pipe: when the pipe closes, however the CLI ended, the reaper
kills every process it was told about and exits. (Parse workers need none of this: they die
with the CLI by ``PR_SET_PDEATHSIG``.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import IO

#: The reaper's program: read PIDs from stdin; at end of input, SIGTERM them, then SIGKILL.
_REAPER = r"""
import os, signal, sys, time
pids = []
for line in sys.stdin:
    if line.strip().isdigit():
        pids.append(int(line))
for sig in (signal.SIGTERM, signal.SIGKILL):
    for pid in pids:
        try:
            os.kill(pid, sig)
        except OSError:
            pass
    deadline = time.monotonic() + 3
    while sig == signal.SIGTERM and time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                os.kill(pid, 0)
                alive.append(pid)
            except OSError:
                pass
        if not alive:
            break
        time.sleep(0.05)
"""

_LOCK = threading.Lock()
_PIPE: IO[str] | None = None
_PROCESS: subprocess.Popen[str] | None = None


def watch(pid: int) -> None:
    """Have ``pid`` killed when this process ends, however it ends."""
    global _PIPE, _PROCESS
    with _LOCK:
        if _PIPE is None or (_PROCESS is not None and _PROCESS.poll() is not None):
            _PROCESS = subprocess.Popen(
                [sys.executable, "-c", _REAPER], stdin=subprocess.PIPE, text=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C to the CLI's group must not stop it first
            )
            _PIPE = _PROCESS.stdin
        assert _PIPE is not None
        _PIPE.write(f"{pid}\n")
        _PIPE.flush()


def is_embedded_prefect() -> bool:
    """True when flows will run against an embedded server (no ``PREFECT_API_URL``)."""
    return not os.environ.get("PREFECT_API_URL")
