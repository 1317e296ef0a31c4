"""Download-ahead (flows.prefetch): order, batch sizes, the breaker, errors, and leaving early."""

from __future__ import annotations

import threading
import time

import pytest

from flows.prefetch import Prefetch
from odihr.errors import SiteDown
from odihr.outcomes import DocumentRef, DownloadOutcome
from odihr.site.breaker import CircuitBreaker


def _refs(n: int) -> list[DocumentRef]:
    return [DocumentRef(i, f"http://x/{i}.pdf", f"/{i}.pdf", None) for i in range(n)]


def _ok(ref: DocumentRef) -> DownloadOutcome:
    return DownloadOutcome(ref, "new")


def test_every_outcome_arrives_once_in_order_in_bounded_batches() -> None:
    refs = _refs(57)
    with Prefetch(_ok, refs, CircuitBreaker(3), min_batch=5, max_batch=20) as prefetch:
        batches = list(prefetch.batches())
    indexes = [i for batch in batches for i, _ in batch]
    assert indexes == list(range(57))
    assert all(1 <= len(b) <= 20 for b in batches)
    assert all(len(b) >= 5 for b in batches[:-1])


def test_downloads_go_on_while_the_consumer_works_on_a_batch() -> None:
    """The point: while batch k is processed (here: 0.3 s), batch k+1 is being downloaded."""
    fetched: list[float] = []

    def slow(ref: DocumentRef) -> DownloadOutcome:
        time.sleep(0.02)
        fetched.append(time.monotonic())
        return _ok(ref)

    refs = _refs(30)
    with Prefetch(slow, refs, CircuitBreaker(3), min_batch=5, max_batch=10) as prefetch:
        batches = prefetch.batches()
        first = next(batches)
        took = time.monotonic()
        time.sleep(0.3)  # "parse, validate, load" the first batch
        during = sum(1 for t in fetched if t > took)
        rest = [i for batch in batches for i, _ in batch]
    assert [i for i, _ in first] + rest == list(range(30))
    assert during >= 5, f"only {during} downloads while the first batch was processed"


def test_an_open_breaker_stops_the_downloads_after_recording_the_failures() -> None:
    calls: list[int] = []

    def down(ref: DocumentRef) -> DownloadOutcome:
        calls.append(ref.document_id)
        return DownloadOutcome(ref, "failed", error_code="http_503", reason="503")

    breaker = CircuitBreaker(4)
    with Prefetch(down, _refs(50), breaker, min_batch=2, max_batch=10) as prefetch:
        got = [i for batch in prefetch.batches() for i, _ in batch]
    assert calls == [0, 1, 2, 3] and got == [0, 1, 2, 3]
    with pytest.raises(SiteDown):
        breaker.check()


def test_an_unexpected_error_in_the_download_thread_reaches_the_consumer() -> None:
    def boom(ref: DocumentRef) -> DownloadOutcome:
        if ref.document_id == 7:
            raise RuntimeError("disk full")
        return _ok(ref)

    got: list[int] = []
    prefetch = Prefetch(boom, _refs(20), CircuitBreaker(3), min_batch=3, max_batch=5)
    with pytest.raises(RuntimeError, match="disk full"), prefetch:
        for batch in prefetch.batches():
            got += [i for i, _ in batch]
    assert got == list(range(7))


def test_a_consumer_that_leaves_early_stops_the_thread() -> None:
    started = threading.Event()

    def fetch(ref: DocumentRef) -> DownloadOutcome:
        started.set()
        time.sleep(0.01)
        return _ok(ref)

    prefetch = Prefetch(fetch, _refs(10_000), CircuitBreaker(3), min_batch=1, max_batch=4)
    with pytest.raises(KeyboardInterrupt), prefetch:
        for _ in prefetch.batches():
            raise KeyboardInterrupt
    assert started.is_set()
    assert not any(t.name == "odihr-prefetch" for t in threading.enumerate())


def test_ready_says_whether_a_batch_waits_for_downloads() -> None:
    gate = threading.Event()

    def gated(ref: DocumentRef) -> DownloadOutcome:
        if ref.document_id >= 3:
            gate.wait(5)
        return _ok(ref)

    with Prefetch(gated, _refs(8), CircuitBreaker(3), min_batch=3, max_batch=8) as prefetch:
        batches = prefetch.batches()
        assert [i for i, _ in next(batches)] == [0, 1, 2]
        assert not prefetch.ready()  # the next downloads are held back
        gate.set()
        assert [i for b in batches for i, _ in b] == [3, 4, 5, 6, 7]
        assert prefetch.ready()  # all done: nothing to wait for


def test_downloads_run_in_chunks_each_through_the_chunk_runner() -> None:
    """One call of ``run_chunk`` (the flow's one download task run) per ``chunk`` documents, in
    order; a breaker that opens inside a chunk stops the chunks after it."""
    chunks: list[tuple[int, list[int], list[int]]] = []

    def run_chunk(number, refs, fetch):  # type: ignore[no-untyped-def]
        outcomes = fetch()
        done = [o.ref.document_id for o in outcomes]
        chunks.append((number, [r.document_id for r in refs], done))
        return outcomes

    with Prefetch(_ok, _refs(23), CircuitBreaker(3), min_batch=2, max_batch=10, chunk=10,
                  run_chunk=run_chunk) as prefetch:
        got = [i for batch in prefetch.batches() for i, _ in batch]
    assert got == list(range(23))
    assert [(n, len(ids), done == ids) for n, ids, done in chunks] == [
        (1, 10, True), (2, 10, True), (3, 3, True)
    ]

    chunks.clear()

    def down_from_12(ref: DocumentRef) -> DownloadOutcome:
        if ref.document_id >= 12:
            return DownloadOutcome(ref, "failed", error_code="http_503", reason="503")
        return _ok(ref)

    breaker = CircuitBreaker(3)
    with Prefetch(down_from_12, _refs(50), breaker, min_batch=2, max_batch=10, chunk=10,
                  run_chunk=run_chunk) as prefetch:
        got = [i for batch in prefetch.batches() for i, _ in batch]
    assert got == list(range(15))  # 12, 13, 14 failed: the breaker opened inside chunk 2
    assert [(n, done[-1]) for n, _, done in chunks] == [(1, 9), (2, 14)]
