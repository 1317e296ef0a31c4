"""Great Expectations in a child process: the run's own process never imports GX or pandas.

Importing ``great_expectations`` alone takes ~217 MB of RSS, more than two thirds of the CLI's
300 MB budget, and it never gives it back. So the flow hands each batch's parsed reports (plain
picklable records) to one long-lived child process that imports GX once, validates, and returns
the :class:`~odihr.validate.model.ValidationRun` (plain dataclasses too).

The child is started with ``spawn`` (not the parsers' ``forkserver``, whose preload belongs to
:mod:`odihr.isolation`), on first use or ahead of it by :func:`warm_up` (the import then overlaps
with the crawl and the first downloads). It dies with its parent (``PR_SET_PDEATHSIG`` on Linux;
a closed pipe elsewhere), and :func:`shutdown` stops it at exit. A child that died (killed, out
of memory) is replaced once for the batch; a second death raises.

``ODIHR_VALIDATE_ISOLATION=inline`` validates in the calling process instead (debugging); so
does a daemon process (a Dask worker), which may not start children.
"""

from __future__ import annotations

import atexit
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from odihr.records import ParsedReport
from odihr.validate.model import ValidationRun

_PR_SET_PDEATHSIG = 1
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _init_child() -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except OSError:  # pragma: no cover - no prctl: the closed pipe ends the child
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _import_engine()


def _import_engine() -> None:
    """Import GX and the suites (the slow part of the first validation)."""
    import odihr.validate.engine  # noqa: F401
    import odihr.validate.outcomes  # noqa: F401


def _validate(reports: dict[str, ParsedReport], today: date | None) -> ValidationRun:
    from odihr.validate.run import validate_reports

    return validate_reports(reports, today=today)


def inline() -> bool:
    """True when ``ODIHR_VALIDATE_ISOLATION=inline`` asks for validation in this process."""
    return os.environ.get("ODIHR_VALIDATE_ISOLATION", "process").lower() == "inline"


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_child,
            )
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def warm_up() -> Future[None] | None:
    """Start the child now (it imports GX while the caller crawls); no-op when inline."""
    if inline():
        return None
    return _executor().submit(_import_engine)


def validate_in_child(
    reports: Mapping[str, ParsedReport], *, today: date | None = None
) -> ValidationRun:
    """:func:`odihr.validate.validate_reports` of ``reports``, run in the validation child —
    or in this process when it may not have children (a daemon process: a Dask worker, whose
    own memory GX then shares; the validation runs there in parallel with the other workers)."""
    if inline() or multiprocessing.current_process().daemon:
        return _validate(dict(reports), today)
    for attempt in (1, 2):
        pool = _executor()
        try:
            return pool.submit(_validate, dict(reports), today).result()
        except BrokenProcessPool:
            _discard(pool)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def shutdown() -> None:
    """Stop the child (at exit, or when a caller is done validating)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)
