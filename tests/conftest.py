"""Shared fixtures: Prefect in embedded mode, warehouses on SQLite and PostgreSQL, the mirror."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from odihr.prefect_env import configure_prefect

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SITE = ROOT / "odihr" / "sample_site"
TRUTH_DIR = Path(__file__).with_name("truth")
#: Admin connection used to create one throw-away database per test session.
pytest_plugins = ["sitefixtures"]

PG_ADMIN_URL = os.environ.get(
    "ODIHR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pytest_configure(config: pytest.Config) -> None:
    """Prefect's state for the whole session goes to one temporary home (one ephemeral start)."""
    home = Path(config.rootpath) / ".pytest_cache" / "prefect-home"
    os.environ.setdefault("PREFECT_HOME", str(home))
    configure_prefect(home)
    os.environ.setdefault(
        "PREFECT_SERVER_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{home}/prefect.db"
    )


def truth_files() -> list[Path]:
    """Every per-PDF truth file of the sample mirror."""
    return sorted(p for p in TRUTH_DIR.glob("*.json") if p.name != "site.json")


def load_truth(pdf_id: str) -> dict:
    """The truth of one PDF."""
    return json.loads((TRUTH_DIR / f"{pdf_id}.json").read_text(encoding="utf-8"))


def _postgres_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except Exception as error:  # noqa: BLE001 - any failure means: skip with the reason
        return f"no PostgreSQL server reachable at {PG_ADMIN_URL}: {error}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """An admin URL of a reachable PostgreSQL server, or a skip with the reason."""
    reason = _postgres_available()
    if reason:
        pytest.skip(reason)
    yield PG_ADMIN_URL


def _create_pg_database(admin_url: str) -> tuple[str, str]:
    import psycopg

    name = f"odihr_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def _drop_pg_database(admin_url: str, name: str, url: str) -> None:
    import psycopg

    from db.engine import get_engine

    get_engine(url).dispose()  # engines are cached per URL: close its pooled connections
    get_engine.cache_clear()
    with psycopg.connect(admin_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty warehouse URL on each engine (PostgreSQL skips when unreachable)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'warehouse.db'}"
        return
    admin = request.getfixturevalue("postgres_server")
    name, url = _create_pg_database(admin)
    try:
        yield url
    finally:
        _drop_pg_database(admin, name, url)
