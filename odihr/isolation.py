"""Parse each document in a child process with a memory cap, a CPU and a wall-clock limit.

A 7 KB PDF can inflate to gigabytes, a 156 KB one can hold 999 pages: parsed in the run's own
process, one such file aborts the whole run (PDFium calls ``abort()`` when memory runs out) or
blocks it for minutes. Here every job runs in a worker process of a small pool:

* **memory**: the worker's address space is capped (``RLIMIT_AS``, ``ODIHR_PARSE_MEMORY_MB``);
* **CPU**: each job may use ``ODIHR_PARSE_CPU_SECONDS`` of CPU (``RLIMIT_CPU``: the kernel
  stops the worker with SIGXCPU);
* **wall time**: the parent waits ``ODIHR_PARSE_TIMEOUT`` seconds, then kills the worker;
* **pages**: ``ODIHR_MAX_PDF_PAGES`` as before.

A scan is OCR'd inside the worker (:mod:`odihr.ocr`, ``ODIHR_OCR*``): Tesseract is the worker's
child, so the memory cap holds for it too, and each page has its own time cap on top of the
worker's wall-clock limit.

A breach becomes a :class:`~odihr.errors.ResourceLimit` outcome (code ``resource_limit``) naming
the limit and how far the parse got (pages read of the page count, from a shared counter the
worker updates page by page); the worker is replaced and the run goes on. Workers are reused
(``TASKS_PER_WORKER`` jobs each), so a normal document costs a pipe round trip, not a process
start. They are forked from a ``forkserver`` that preloads the parser, and die with their parent
(``PR_SET_PDEATHSIG`` on Linux; a closed pipe elsewhere).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any

from odihr.errors import ResourceLimit
from odihr.ocr.options import OcrOptions
from odihr.outcomes import ParseOutcome
from odihr.parse_worker import serve
from odihr.settings import Settings

log = logging.getLogger(__name__)

#: Jobs a worker runs before it is replaced (bounds slow leaks in PDFium and pdfplumber).
TASKS_PER_WORKER = 200
#: Seconds a new worker may take to import the parser and say it is ready.
START_SECONDS = 60.0
_MIB = 1024 * 1024


@dataclass(frozen=True)
class ParseLimits:
    """The limits one parse job runs under (see the module docstring)."""

    memory_mb: int = 1536
    cpu_seconds: float = 120.0
    wall_seconds: float = 300.0
    max_pages: int = 1000
    workers: int = 2
    #: False runs jobs in the calling process (``ODIHR_PARSE_ISOLATION=inline``).
    isolate: bool = True
    #: How scans are read (``ODIHR_OCR*``).
    ocr: OcrOptions = OcrOptions()

    @classmethod
    def from_settings(cls, settings: Settings) -> ParseLimits:
        """The limits configured by ``ODIHR_PARSE_*`` and ``ODIHR_MAX_PDF_PAGES``."""
        return cls(
            memory_mb=settings.parse_memory_mb,
            cpu_seconds=settings.parse_cpu_seconds,
            wall_seconds=settings.parse_timeout,
            max_pages=settings.max_pdf_pages,
            workers=settings.parse_workers,
            isolate=settings.parse_isolation == "process",
            ocr=OcrOptions(
                mode=settings.ocr, languages=settings.ocr_languages,
                max_pages=settings.ocr_max_pages, page_seconds=settings.ocr_page_seconds,
            ),
        )


# --- the parent ----------------------------------------------------------------------------------


class WorkerStartFailed(RuntimeError):
    """A parse worker could not be started: the machine, not a document, is at fault."""


class _Worker:
    def __init__(self, context: Any, memory_bytes: int) -> None:
        self.progress = context.Array("q", 2, lock=False)
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child, memory_bytes, self.progress), daemon=True,
            name="odihr-parse-worker",
        )
        self.process.start()
        child.close()
        self.jobs = 0
        if not self.conn.poll(START_SECONDS) or self._hello() != "ready":
            self.kill()
            raise WorkerStartFailed(
                f"a parse worker process did not start within {START_SECONDS:g} s "
                f"(exit status {self.process.exitcode})"
            )

    def _hello(self) -> str | None:
        try:
            return str(self.conn.recv()[0])
        except (EOFError, OSError):
            return None

    def how_far(self) -> str:
        read, count = int(self.progress[0]), int(self.progress[1])
        if count == 0:
            return "not finished opening the file"
        return f"read {read} of {count} pages"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _breach(limits: ParseLimits, worker: _Worker, how: str, seconds: float) -> ResourceLimit:
    if how == "wall":
        return ResourceLimit("wall-clock limit", "ODIHR_PARSE_TIMEOUT",
                             f"{seconds:.0f} s of wall time (limit {limits.wall_seconds:g} s)",
                             worker.how_far())
    exitcode = worker.process.exitcode
    if how == "cpu" or exitcode == -signal.SIGXCPU:
        return ResourceLimit("CPU-time limit", "ODIHR_PARSE_CPU_SECONDS",
                             f"{limits.cpu_seconds:g} s of CPU time", worker.how_far())
    died = (f"the parser process died with signal {signal.Signals(-exitcode).name}"
            if exitcode is not None and exitcode < 0 else
            f"the parser process exited with status {exitcode}")
    return ResourceLimit(f"memory cap of {limits.memory_mb} MiB", "ODIHR_PARSE_MEMORY_MB",
                         f"running out of memory ({died})" if how != "memory" else
                         "running out of memory", worker.how_far())


class ParsePool:
    """Up to ``limits.workers`` worker processes; :meth:`run` is safe to call from threads."""

    def __init__(self, limits: ParseLimits) -> None:
        self.limits = limits
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["odihr.parse_job"])
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, limits.workers))
        self._closed = False

    def run(self, job: str, url_path: str, path: str) -> ParseOutcome:
        """Run ``job`` (``parse`` or ``count``) on the stored PDF at ``path`` in a worker."""
        with self._slots:
            worker = self._checkout()
            started = time.monotonic()
            keep = False
            try:
                worker.jobs += 1
                try:
                    worker.conn.send((job, url_path, path, self.limits.max_pages,
                                      self.limits.cpu_seconds, self.limits.ocr))
                except OSError:  # the idle worker died meanwhile: one more, fresh one
                    worker.kill()
                    worker = _Worker(self._context, self.limits.memory_mb * _MIB)
                    worker.jobs += 1
                    worker.conn.send((job, url_path, path, self.limits.max_pages,
                                      self.limits.cpu_seconds, self.limits.ocr))
                outcome, keep = self._answer(worker, url_path, started)
                return outcome
            finally:
                if keep and worker.jobs < TASKS_PER_WORKER and not self._closed:
                    with self._lock:
                        self._idle.append(worker)
                else:
                    worker.kill()

    def _answer(self, worker: _Worker, url_path: str, started: float
                ) -> tuple[ParseOutcome, bool]:
        how = "died"
        if worker.conn.poll(self.limits.wall_seconds):
            try:
                kind, outcome = worker.conn.recv()
            except (EOFError, OSError):
                kind, outcome = "died", None
            if kind == "done":
                return outcome, True
            how = kind
        else:
            how = "wall"
        worker.kill()
        error = _breach(self.limits, worker, how, time.monotonic() - started)
        log.warning("%s: %s", url_path, error)
        outcome = ParseOutcome(url_path, error_code=error.code, reason=str(error),
                               pages=int(worker.progress[1]) or None,
                               seconds=time.monotonic() - started)
        return outcome, False

    def _checkout(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.kill()
        return _Worker(self._context, self.limits.memory_mb * _MIB)

    def close(self) -> None:
        """Stop every idle worker (busy ones are stopped when their job returns)."""
        self._closed = True
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_POOLS: dict[ParseLimits, ParsePool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(limits: ParseLimits) -> ParsePool:
    """The process's pool for ``limits`` (created on first use, closed at exit)."""
    with _POOLS_LOCK:
        pool = _POOLS.get(limits)
        if pool is None:
            pool = _POOLS[limits] = ParsePool(limits)
        return pool


def close_pools() -> None:
    """Stop every worker of every pool (at exit, and between tests)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


atexit.register(close_pools)


def isolated(job: str, url_path: str, path: str, limits: ParseLimits) -> ParseOutcome:
    """Run a parse job under ``limits`` in a child process (in-process inside a daemon process,
    which may not have children, e.g. a Dask worker: the page cap still holds there)."""
    if not limits.isolate or multiprocessing.current_process().daemon:
        from odihr.parse_job import JOBS

        return JOBS[job](url_path, path, limits.max_pages, limits.ocr)
    return shared_pool(limits).run(job, url_path, path)
