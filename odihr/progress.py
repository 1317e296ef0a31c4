"""Progress of a run for a person: one bar per stage (crawl, download, parse, load), with counts.

Flows report to whatever reporter is installed; the default reports nothing (cron, CI, logs).
The CLI installs one from the start of the command (``ODIHR_PROGRESS``): Rich bars when standard
error is a terminal (``auto``, the default), or plain lines (``lines``: one line per stage at
most every second, and its last count; for logs and tests), or nothing (``off``). The crawl bar
(listing, country and election pages) comes first, before Prefect's server has even started.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TextIO

#: Stages in the order a run goes through them.
STAGES = ("crawl", "download", "parse", "load")
#: Values of ``ODIHR_PROGRESS``.
MODES = ("auto", "bars", "lines", "off")


class Reporter(Protocol):
    """Receives growing stage totals and advances from the flows."""

    def grow(self, stage: str, n: int) -> None: ...

    def advance(self, stage: str, n: int = 1) -> None: ...


class Silent:
    """Reports nothing."""

    def grow(self, stage: str, n: int) -> None:
        """Ignore."""

    def advance(self, stage: str, n: int = 1) -> None:
        """Ignore."""


class RichBars:
    """Rich progress bars on standard error, one per stage."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
        )
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> RichBars:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def grow(self, stage: str, n: int) -> None:
        """Add ``n`` to the total of ``stage``'s bar (creating the bar)."""
        if stage in self._tasks:
            task = self._tasks[stage]
            total = self._progress.tasks[task].total or 0
            self._progress.update(task, total=total + n)
        else:
            self._tasks[stage] = self._progress.add_task(stage, total=n)

    def advance(self, stage: str, n: int = 1) -> None:
        """Move the bar of ``stage``."""
        if stage in self._tasks:
            self._progress.advance(self._tasks[stage], n)


class Lines:
    """Plain lines on a stream (``crawl 3/5``): at most one per stage per ``interval`` seconds,
    and always the last one of each stage (printed when the reporter closes)."""

    def __init__(self, stream: TextIO | None = None, interval: float = 1.0) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._interval = interval
        self._counts: dict[str, list[int]] = {}
        self._shown: dict[str, tuple[float, tuple[int, int]]] = {}

    def __enter__(self) -> Lines:
        return self

    def __exit__(self, *exc: object) -> None:
        for stage in self._counts:
            self._show(stage, force=True)

    def grow(self, stage: str, n: int) -> None:
        """Add ``n`` to the total of ``stage``."""
        self._counts.setdefault(stage, [0, 0])[1] += n
        self._show(stage)

    def advance(self, stage: str, n: int = 1) -> None:
        """Count ``n`` more done in ``stage``."""
        self._counts.setdefault(stage, [0, 0])[0] += n
        self._show(stage)

    def _show(self, stage: str, force: bool = False) -> None:
        done, total = self._counts[stage]
        now = time.monotonic()
        last = self._shown.get(stage)
        if last is not None and last[1] == (done, total):
            return
        if force or last is None or now - last[0] >= self._interval or done == total:
            self._shown[stage] = (now, (done, total))
            print(f"{stage:<10}{done}/{total}", file=self._stream, flush=True)


_reporter: Reporter = Silent()


def reporter() -> Reporter:
    """The reporter flows should report to."""
    return _reporter


#: The stage of pages read through OCR: scans are slow (seconds a page), so a backfill that
#: meets them shows their pages on a bar of their own rather than stalling the parse bar.
OCR_STAGE = "ocr pages"


def report_ocr(pages: int) -> None:
    """Count ``pages`` just read through OCR (cached OCR counts nothing)."""
    if pages > 0:
        _reporter.grow(OCR_STAGE, pages)
        _reporter.advance(OCR_STAGE, pages)


@contextmanager
def installed(new: Reporter) -> Iterator[Reporter]:
    """Install ``new`` for the duration of the block."""
    global _reporter
    previous, _reporter = _reporter, new
    try:
        yield new
    finally:
        _reporter = previous
