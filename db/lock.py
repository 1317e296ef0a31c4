"""The warehouse lock: one writing run (nightly, backfill, reparse, demo) at a time.

A lock in the warehouse itself, not only a Prefect concurrency limit, because runs start from
many places — the CLI, cron, Prefect deployments on several workers — and all of them must
exclude each other. PostgreSQL: a session-level advisory lock on a dedicated connection.
SQLite: an exclusive ``flock`` on a file beside the database. Both vanish with the process that
held them, so a killed run never leaves a stale lock behind.

A PostgreSQL lock can also vanish under a live run: its connection is terminated (an operator's
``pg_terminate_backend``, a restart, a network cut). Then another run may enter, so this run must
stop writing at once. While the lock is held, every transaction the warehouse engine begins first
checks, on its own connection, that the lock's session still holds the advisory lock; when it
does not, it raises :class:`~odihr.errors.LockLost` (exit 1 naming the cause) and nothing more
is written. Leaving the lock after that reports the loss, not an unlock error.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import Connection

from odihr.errors import LockLost, OdihrError

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


def _pg_holder(connection: Connection) -> str:
    """Who holds the advisory lock (application, pid, since when), for a waiting run to print."""
    row = connection.execute(
        text(
            "SELECT a.pid, a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
            "AND l.granted AND l.classid = :high AND l.objid = :low AND l.objsubid = 1"
        ),
        _key_parts(),
    ).first()
    if row is None:
        return "a session holding the PostgreSQL advisory lock"
    since = row.backend_start.isoformat(timespec="seconds") if row.backend_start else "?"
    return (
        f"PostgreSQL session pid {row.pid} ({row.application_name or 'no application name'}, "
        f"from {row.client_addr or 'local socket'}, connected {since})"
    )


def _key_parts() -> dict[str, int]:
    return {"high": ADVISORY_KEY >> 32, "low": ADVISORY_KEY & 0xFFFFFFFF}


@contextmanager
def _advisory_lock(engine: Engine, *, timeout: float) -> Iterator[None]:
    started = time.monotonic()
    with engine.connect() as connection:
        told = False
        while not connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}
        ).scalar():
            holder = _pg_holder(connection)
            connection.rollback()
            waited = time.monotonic() - started
            if waited >= timeout:
                raise WarehouseBusy(waited, holder)
            if not told:
                _tell_waiting(holder, timeout)
                told = True
            time.sleep(POLL_SECONDS)
        lock_pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        connection.commit()
        guard = _LockGuard(int(lock_pid or 0))
        event.listen(engine, "begin", guard.check)
        try:
            yield
        finally:
            event.remove(engine, "begin", guard.check)
            try:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                connection.commit()
            except Exception as error:  # noqa: BLE001 - the session is gone: so is its lock
                connection.invalidate()
                guard.lost = guard.lost or f"its PostgreSQL session ended: {_first_line(error)}"
            if guard.lost:
                raise LockLost(guard.lost)


def _first_line(error: BaseException) -> str:
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or ["?"])[0]


class _LockGuard:
    """Checks at the start of every transaction that the lock's session still holds it."""

    def __init__(self, lock_pid: int) -> None:
        self.lock_pid = lock_pid
        self.lost: str | None = None

    def check(self, connection: Connection) -> None:
        if self.lost is None:
            held = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = %(high)s AND objid = %(low)s AND objsubid = 1 AND pid = %(pid)s",
                {**_key_parts(), "pid": self.lock_pid},
            ).scalar()
            if not held:
                self.lost = (
                    f"the PostgreSQL session (pid {self.lock_pid}) holding the advisory lock "
                    "ended or released it; it was probably terminated"
                )
        if self.lost is not None:
            raise LockLost(self.lost)


def _tell_waiting(holder: str, timeout: float) -> None:
    print(
        f"odihr: waiting for the warehouse lock held by {holder} (up to {timeout:.0f} s, "
        "ODIHR_LOCK_TIMEOUT)",
        file=sys.stderr,
        flush=True,
    )


@contextmanager
def _file_lock(path: Path, *, timeout: float, holder: str) -> Iterator[None]:
    started = time.monotonic()
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    told = False
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= timeout:
                    raise WarehouseBusy(waited, _holder_note(path)) from None
                if not told:
                    _tell_waiting(_holder_note(path), timeout)
                    told = True
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
