"""Helpers shared by test modules (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SITE = ROOT / "odihr" / "sample_site"
TRUTH_DIR = Path(__file__).with_name("truth")
#: Admin connection used to create throw-away databases.
PG_ADMIN_URL = os.environ.get(
    "ODIHR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_unavailable() -> str | None:
    """Why PostgreSQL tests must skip, or None when the server answers."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except Exception as error:  # noqa: BLE001 - any failure means: skip with the reason
        return f"no PostgreSQL server reachable at {PG_ADMIN_URL}: {error}"


def create_pg_database(admin_url: str) -> tuple[str, str]:
    """Create an empty database; return its name and SQLAlchemy URL."""
    import psycopg

    name = f"odihr_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated name, not input
    return name, f"{admin_url.rsplit('/', 1)[0]}/{name}"


def drop_pg_database(admin_url: str, name: str, url: str) -> None:
    """Close the pooled connections to ``url`` and drop its database."""
    import psycopg

    from db.engine import get_engine

    get_engine(url).dispose()
    get_engine.cache_clear()
    with psycopg.connect(admin_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
