"""No secret in Prefect's run records: the database URL is not a flow parameter (issue 11).

Today: ``ODIHR_DATABASE_URL`` with a password is passed to the flow as a parameter, and Prefect
stores parameters in its own database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from odihr import early_crawl
from odihr.commands import run_flow
from odihr.filters import Filters
from odihr.site.server import MirrorServer

from sitefixtures import fast_settings
from tests_support import create_pg_database, drop_pg_database

PASSWORD = "s3cr3t-odihr-pw-7c1e"
take = early_crawl.take


def test_a_password_in_the_database_url_never_reaches_prefects_records(
    mirror: MirrorServer, tmp_path: Path, postgres_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[object] = []  # also: the flow takes the crawl run_flow started (early_crawl)
    monkeypatch.setattr(early_crawl, "take", lambda *a: taken.append(take(*a)) or taken[-1])
    name, url = create_pg_database(postgres_server)
    secret_url = url.replace("postgres@", f"postgres:{PASSWORD}@")  # trust auth ignores it
    assert PASSWORD in secret_url
    try:
        settings = fast_settings(mirror.base_url, tmp_path / "data", database_url=secret_url)
        result = run_flow("backfill", settings, Filters.build(countries=["armenia"]), False)
        assert result["outcome"] == "completed" and result["loaded"] == 1
        pages = [t for t in mirror.paths() if not t.endswith((".pdf", "/robots.txt"))]
        assert len(taken) == 1 and taken[0] is not None, taken
        assert pages and len(pages) == len(set(pages)), pages  # the site was crawled once
    finally:
        drop_pg_database(postgres_server, name, url)
    home = Path(os.environ["PREFECT_HOME"])
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in files), "Prefect's database was not found"
    leaked = [p for p in files if PASSWORD.encode() in p.read_bytes()]
    assert leaked == []
