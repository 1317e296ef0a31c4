"""The parse worker: the child process a :class:`~odihr.isolation.ParsePool` runs jobs in.

It dies with its parent, ignores Ctrl-C (the parent's to handle), caps its own address space,
counts the pages the parser reads (so a breach can say how far it got), and answers each job
with its :class:`~odihr.outcomes.ParseOutcome`; an exception that is not a
:class:`~odihr.errors.ReportError` is a parser bug that costs that document only.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
from multiprocessing.connection import Connection
from typing import Any

from odihr.outcomes import ParseOutcome

#: Error code of a document on which the parser raised something other than a ReportError.
PARSER_BUG = "parser_error"
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - not glibc
            pass


def _install_progress(progress: Any) -> None:
    """Count pages as the parser reads them: ``progress[0]`` pages read, ``[1]`` page count."""
    from odihr.parse.pdf import PdfReport

    text, plumber_page, init = PdfReport.text, PdfReport.plumber_page, PdfReport.__init__

    def counted_init(self: PdfReport, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        progress[1] = self.page_count

    def counted_text(self: PdfReport, number: int) -> str:
        progress[0] = max(progress[0], number)
        return text(self, number)

    def counted_plumber_page(self: PdfReport, number: int) -> Any:
        progress[0] = max(progress[0], number)
        return plumber_page(self, number)

    PdfReport.__init__ = counted_init  # type: ignore[method-assign]
    PdfReport.text = counted_text  # type: ignore[method-assign]
    PdfReport.plumber_page = counted_plumber_page  # type: ignore[method-assign]

    from odihr.ocr.engine import PAGE_HOOKS

    def ocr_page(done: int, count: int) -> None:
        progress[0], progress[1] = done, count

    PAGE_HOOKS.append(ocr_page)


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def serve(conn: Connection, memory_bytes: int, progress: Any) -> None:
    """Worker loop: receive ``(job, url_path, path, max_pages, cpu_seconds, ocr)``, answer
    outcomes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from odihr.parse_job import JOBS

    _install_progress(progress)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job, url_path, path, max_pages, cpu_seconds, ocr = conn.recv()
        except (EOFError, OSError):
            return
        progress[0] = progress[1] = 0
        soft = int(_cpu_used() + cpu_seconds) + 1
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        try:
            outcome = JOBS[job](url_path, path, max_pages, ocr)
        except MemoryError:
            conn.send(("memory", None))
            os._exit(3)  # the heap may be in any state: start afresh
        except Exception as error:  # noqa: BLE001 - a parser bug costs this document only
            outcome = ParseOutcome(
                url_path, error_code=PARSER_BUG,
                reason=f"the parser failed on this PDF ({type(error).__name__}: "
                f"{str(error)[:300]}); this is a parser bug: report it with the PDF",
            )
        conn.send(("done", outcome))
