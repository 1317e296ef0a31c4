"""odihr.prefect_template: a fresh Prefect home starts from a migrated database, kept once."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from odihr import prefect_template


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "cache" / "odihr"


def _migrated_home(path: Path) -> Path:
    """A home whose database a server has migrated (in WAL mode, as Prefect keeps it)."""
    path.mkdir()
    with closing(sqlite3.connect(path / "prefect.db")) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE alembic_version (version_num TEXT)")
        db.execute("INSERT INTO alembic_version VALUES ('head')")
        db.commit()
        (path / "memo_store.toml").write_text('block_auto_registration = "abc"\n')
        prefect_template.keep(path)  # while the server (here: this connection) holds it open
    return path


def _version_of(home: Path) -> list[tuple[str]]:
    with closing(sqlite3.connect(home / "prefect.db")) as db:
        return db.execute("SELECT version_num FROM alembic_version").fetchall()


def test_a_fresh_home_starts_from_the_kept_database_and_memo(cache: Path, tmp_path: Path) -> None:
    assert not prefect_template.seed(tmp_path)  # no template yet: the server migrates
    _migrated_home(tmp_path / "first")
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) == 2 and not any(name.endswith(".tmp") for name in kept), kept
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert prefect_template.seed(fresh)
    assert _version_of(fresh) == [("head",)]
    assert (fresh / "memo_store.toml").read_text() == 'block_auto_registration = "abc"\n'


def test_a_home_with_a_database_or_a_configured_database_is_left_alone(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _migrated_home(tmp_path / "first")
    own = tmp_path / "own"
    own.mkdir()
    (own / "prefect.db").write_bytes(b"")
    assert not prefect_template.seed(own)
    assert (own / "prefect.db").read_bytes() == b""
    monkeypatch.setenv("PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://x/y")
    other = tmp_path / "other"
    other.mkdir()
    assert not prefect_template.seed(other)
    assert not (other / "prefect.db").exists()
