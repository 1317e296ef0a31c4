"""Download ahead: batch k+1 is fetched while batch k is parsed, validated and loaded.

At the site's politeness (1 request/s) a backfill is bound by the request rate; done in turn,
every batch's parse → validate → load adds its time to the politeness floor (flow ÷ floor was
1.23 for 81 PDFs). Here one thread downloads the documents in order, as fast as the throttle
lets it, into a bounded queue; the flow takes what has arrived as its next batch:

* at least ``min_batch`` outcomes (or the rest, at the end): a batch is not processed per
  document while downloads trickle in at 1 per second;
* at most ``max_batch``: when downloads are fast (a local mirror, a re-check answered by 304s)
  the batches grow, so a Great Expectations call validates up to ``max_batch`` reports at once.

The queue holds at most ``2 × max_batch`` outcomes (paths and digests, not bytes), so memory does
not grow with the corpus. The documents are fetched in chunks of ``chunk`` refs, each through
``run_chunk(number, refs, fetch)`` — the flow passes a Prefect task that calls ``fetch`` (one
``download-batch`` task run per chunk instead of one per document: see ``tasks/download.py``).

The thread runs in a copy of the flow's context (the Prefect flow run,
the progress reporter), stops when the circuit breaker opens or the consumer leaves (an error,
Ctrl-C), and hands an unexpected error to the consumer, which raises it.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from types import TracebackType
from typing import Any

from odihr.outcomes import DocumentRef, DownloadOutcome
from odihr.site.breaker import CircuitBreaker

#: Seconds between checks of the other side's state while waiting on the queue.
POLL_SECONDS = 0.2


class _End:
    """The producer is done (all downloaded, the breaker opened, or it was told to stop)."""


#: Runs one chunk's downloads: ``(chunk number, its refs, fetch) -> anything``; ``fetch()``
#: downloads the chunk's documents (it stops early when the producer must stop) and returns
#: their outcomes.
ChunkRunner = Callable[[int, Sequence[DocumentRef], Callable[[], list[DownloadOutcome]]], Any]


def _run_directly(
    number: int, refs: Sequence[DocumentRef], fetch: Callable[[], list[DownloadOutcome]]
) -> list[DownloadOutcome]:
    return fetch()


class Prefetch:
    """Download ``refs`` in order in a thread; :meth:`batches` yields ``(index, outcome)`` lists."""

    def __init__(
        self,
        download: Callable[[DocumentRef], DownloadOutcome],
        refs: Sequence[DocumentRef],
        breaker: CircuitBreaker,
        *,
        min_batch: int,
        max_batch: int,
        chunk: int | None = None,
        run_chunk: ChunkRunner = _run_directly,
    ) -> None:
        if not 1 <= min_batch <= max_batch:
            raise ValueError("need 1 <= min_batch <= max_batch")
        self._download = download
        self._refs = refs
        self._chunk = chunk or max_batch
        if self._chunk < 1:
            raise ValueError("need chunk >= 1")
        self._run_chunk = run_chunk
        self._stopped = False  # the breaker opened or the consumer left: no more chunks
        self._breaker = breaker
        self.min_batch = min_batch
        self.max_batch = max_batch
        self._queue: queue.Queue[tuple[int, DownloadOutcome] | _End | BaseException] = queue.Queue(
            maxsize=2 * max_batch
        )
        self._stop = threading.Event()
        context = contextvars.copy_context()
        self._thread = threading.Thread(
            target=context.run, args=(self._produce,), name="odihr-prefetch", daemon=True
        )

    def __enter__(self) -> Prefetch:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _put(self, item: tuple[int, DownloadOutcome] | _End | BaseException) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def _fetch(self, start: int, refs: Sequence[DocumentRef]) -> list[DownloadOutcome]:
        """Download ``refs`` (the refs from ``start`` on) into the queue, in order."""
        outcomes = []
        for index, ref in enumerate(refs, start=start):
            if self._stop.is_set():
                self._stopped = True
                break
            outcome = self._download(ref)
            outcomes.append(outcome)
            if not self._put((index, outcome)) or self._breaker.record(outcome):
                self._stopped = True
                break
        return outcomes

    def _produce(self) -> None:
        try:
            for number, start in enumerate(range(0, len(self._refs), self._chunk), start=1):
                if self._stopped or self._stop.is_set():
                    break
                refs = self._refs[start : start + self._chunk]
                self._run_chunk(number, refs, partial(self._fetch, start, refs))
        except BaseException as error:  # noqa: BLE001 - raised again in the consumer
            self._put(error)
            return
        if self._stop.is_set():
            return
        self._put(_End())

    def _get(self, block: bool) -> tuple[int, DownloadOutcome] | _End | BaseException | None:
        while True:
            try:
                return self._queue.get(block=block, timeout=POLL_SECONDS if block else None)
            except queue.Empty:
                if not block:
                    return None
                if not self._thread.is_alive() and self._queue.empty():
                    return _End()  # the producer left without a word (it was told to stop)

    def ready(self) -> bool:
        """True when the next batch can be taken without waiting for downloads."""
        return self._queue.qsize() >= self.min_batch or not self._thread.is_alive()

    def batches(self) -> Iterator[list[tuple[int, DownloadOutcome]]]:
        """The downloaded outcomes, in order, in batches of ``min_batch`` to ``max_batch``."""
        batch: list[tuple[int, DownloadOutcome]] = []
        while True:
            item = self._get(block=len(batch) < self.min_batch)
            if item is None:  # nothing more arrived: process what there is
                yield batch
                batch = []
                continue
            if isinstance(item, _End):
                break
            if isinstance(item, BaseException):
                if batch:  # what was downloaded before the error is recorded first
                    yield batch
                raise item
            batch.append(item)
            if len(batch) >= self.max_batch:
                yield batch
                batch = []
        if batch:
            yield batch
