"""The warehouse lock: one writing run at a time, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from db.engine import get_engine
from db.lock import WarehouseBusy, warehouse_lock
from odihr.cli import main
from odihr.exitcodes import EXIT_FAILED


def test_a_second_writer_waits_then_gives_up(database_url: str) -> None:
    engine = get_engine(database_url)
    with warehouse_lock(engine, timeout=1, holder="odihr backfill"):
        started = time.monotonic()
        second = warehouse_lock(get_engine(database_url), timeout=0.6, holder="odihr nightly")
        with pytest.raises(WarehouseBusy, match="another run is writing"), second:
            pass  # pragma: no cover - never reached
        assert time.monotonic() - started >= 0.5
    with warehouse_lock(engine, timeout=1, holder="odihr nightly"):
        pass  # released: the next run gets it at once


def test_a_waiting_writer_gets_the_lock_when_it_is_released(database_url: str) -> None:
    engine = get_engine(database_url)
    order: list[str] = []
    release = threading.Event()

    def first() -> None:
        with warehouse_lock(engine, timeout=5, holder="first"):
            order.append("first in")
            release.wait(5)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    while not order:
        time.sleep(0.01)
    threading.Timer(0.3, release.set).start()
    with warehouse_lock(engine, timeout=10, holder="second"):
        order.append("second in")
    thread.join()
    assert order == ["first in", "first out", "second in"]


def test_a_run_blocked_by_the_lock_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    monkeypatch.setenv("ODIHR_LOCK_TIMEOUT", "0.5")
    with warehouse_lock(get_engine(url), timeout=1, holder="odihr backfill"):
        code = main(["reparse", "--db", url, "--data-dir", str(tmp_path / "data")])
    assert code == EXIT_FAILED
    assert "another run is writing to the warehouse (odihr backfill" in capsys.readouterr().err
