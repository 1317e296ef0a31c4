"""Progress of a run for a person at a terminal: one bar per stage, with counts.

Flows report to whatever reporter is installed; the default reports nothing (cron, CI, logs).
The CLI installs the Rich reporter when standard error is a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol


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
