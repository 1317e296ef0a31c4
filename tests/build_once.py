"""Build an expensive session fixture once per test run, whatever the number of xdist processes.

pytest-xdist's documented pattern: the first process to ask takes a file lock in the folder all
the processes of one run share (the parent of each one's ``basetemp``), builds, and writes the
result beside it; the others wait on the lock and read it. Without xdist (``-n0``) the build is
done in the process's own temporary folder. The controller removes what the builds left outside
the file system (:func:`shared_results`, called from ``conftest.py``).
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

RESULT = "built.json"


def under_xdist() -> bool:
    """True in an xdist worker process."""
    return "PYTEST_XDIST_WORKER" in os.environ


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing) for the block."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_once(
    factory: pytest.TempPathFactory, name: str, build: Callable[[Path], dict[str, Any]]
) -> tuple[Path, dict[str, Any]]:
    """``build(folder)`` run once for the whole run; its folder and (JSON-able) result.

    A failed build leaves no result: the next process to ask builds again (and fails with its own
    error rather than a second-hand one).
    """
    if not under_xdist():
        folder = factory.mktemp(name)
        return folder, build(folder)
    folder = factory.getbasetemp().parent / name
    with locked(folder.with_name(f"{name}.lock")):
        done = folder / RESULT
        if done.exists():
            return folder, json.loads(done.read_text(encoding="utf-8"))
        folder.mkdir(exist_ok=True)
        result = build(folder)
        done.write_text(json.dumps(result, default=str), encoding="utf-8")
        return folder, result


def shared_results(run_root: Path) -> list[dict[str, Any]]:
    """The results every :func:`build_once` of the run under ``run_root`` wrote (controller)."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(run_root.glob(f"*/{RESULT}"))]
