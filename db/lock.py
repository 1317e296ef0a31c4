"""The warehouse lock: one writing run (nightly, backfill, reparse, demo) at a time.

A lock in the warehouse itself, not only a Prefect concurrency limit, because runs start from
many places — the CLI, cron, Prefect deployments on several workers — and all of them must
exclude each other. PostgreSQL: a session-level advisory lock on a dedicated connection.
SQLite: an exclusive ``flock`` on a file beside the database. Both vanish with the process that
held them, so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

from odihr.errors import OdihrError

#: Advisory-lock key of the warehouse (an arbitrary constant: "odihr" in ASCII).
ADVISORY_KEY = 0x6F64696872
POLL_SECONDS = 0.5


class WarehouseBusy(OdihrError):
    """Another run holds the warehouse for longer than this run is willing to wait."""

    def __init__(self, waited: float, holder: str) -> None:
        super().__init__(
            f"another run is writing to the warehouse ({holder}); waited {waited:.0f} s. "
            "Retry later, or raise ODIHR_LOCK_TIMEOUT"
        )


def _holder_note(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "unknown run"
    except OSError:
        return "unknown run"


@contextmanager
def warehouse_lock(engine: Engine, *, timeout: float, holder: str) -> Iterator[None]:
    """Hold the warehouse's write lock for the block, waiting up to ``timeout`` seconds."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, timeout=timeout):
            yield
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # a private in-memory database has no other writer
        return
    with _file_lock(Path(database).resolve().with_suffix(".lock"), timeout=timeout, holder=holder):
        yield


@contextmanager
def _advisory_lock(engine: Engine, *, timeout: float) -> Iterator[None]:
    started = time.monotonic()
    with engine.connect() as connection:
        while not connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}
        ).scalar():
            connection.rollback()
            waited = time.monotonic() - started
            if waited >= timeout:
                raise WarehouseBusy(waited, "a session holding the PostgreSQL advisory lock")
            time.sleep(POLL_SECONDS)
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            connection.commit()


@contextmanager
def _file_lock(path: Path, *, timeout: float, holder: str) -> Iterator[None]:
    started = time.monotonic()
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= timeout:
                    raise WarehouseBusy(waited, _holder_note(path)) from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{holder} (pid {os.getpid()})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()
