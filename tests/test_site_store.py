"""RawStore: content-addressed, atomic, idempotent."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from odihr.settings import Settings
from odihr.site.store import RawStore

DATA = b"%PDF-1.7\n" + bytes(range(256)) * 40


def test_store_is_content_addressed_under_data_dir_raw(tmp_path: Path) -> None:
    store = RawStore.from_settings(Settings(data_dir=tmp_path / "data"))
    digest, path = store.store(DATA)
    assert digest == hashlib.sha256(DATA).hexdigest()
    assert path == tmp_path / "data" / "raw" / digest[:2] / f"{digest}.pdf"
    assert path.read_bytes() == DATA and store.load(digest) == DATA and store.exists(digest)


def test_store_is_idempotent_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    digest, path = store.store(DATA)
    mtime = path.stat().st_mtime_ns
    assert store.store(DATA) == (digest, path)
    assert path.stat().st_mtime_ns == mtime  # not rewritten
    other, _ = store.store(b"<html>not a pdf</html>")
    assert other != digest
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted([f"{digest}.pdf", f"{other}.pdf"])


def test_concurrent_stores_of_the_same_bytes(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    results: list[tuple[str, Path]] = []
    threads = [threading.Thread(target=lambda: results.append(store.store(DATA)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [results[0][1].name]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    store = RawStore(tmp_path)

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        store.store(DATA)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_damaged_or_truncated_file_is_replaced(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    digest, path = store.store(DATA)
    path.write_bytes(DATA[:100])
    with pytest.raises(ValueError, match="does not match"):
        store.load(digest)
    store.store(DATA)
    assert store.load(digest) == DATA


def test_load_and_path_checks(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    with pytest.raises(FileNotFoundError):
        store.load("0" * 64)
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")
