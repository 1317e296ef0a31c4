"""A re-issued PDF becomes a new version; `reparse` works offline and touches nothing unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db.engine import get_engine
from flows.ingest import ingest
from flows.reparse import reparse
from odihr.site.server import MirrorServer

from tests_support import SAMPLE_SITE, TRUTH_DIR

FINAL = json.loads((TRUTH_DIR / "250536.json").read_text())["url_path"]


@pytest.fixture(autouse=True)
def fast_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODIHR_BACKOFF_SECONDS", "0.001")
    monkeypatch.setenv("ODIHR_RETRIES", "1")


def one(url: str, sql: str, **params: Any) -> Any:
    with get_engine(url).connect() as connection:
        return connection.execute(text(sql), params).scalar()


@pytest.mark.slow
def test_reissued_pdf_is_a_new_version_and_the_old_one_stays(
    mirror: MirrorServer, database_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    common = dict(
        base_url=mirror.base_url,
        database_url=database_url,
        data_dir=str(data_dir),
        requests_per_second=500.0,
        countries=["kazakhstan"],
    )
    ingest(kind="backfill", **common)
    old_sha = one(database_url, "SELECT sha256 FROM bi_reports WHERE url_path = :p", p=FINAL)
    original = (SAMPLE_SITE / FINAL.lstrip("/")).read_bytes()
    mirror.overrides[FINAL] = original + b"\n% re-issued with a corrected cover\n"

    # A backfill re-checks every known PDF with a conditional GET (a nightly run only re-checks
    # recent elections and those still missing a final report; this one is from 2016).
    summary = ingest(kind="backfill", **common)
    assert summary["new"] == 1 and summary["loaded"] == 1
    new_sha = one(database_url, "SELECT sha256 FROM bi_reports WHERE url_path = :p", p=FINAL)
    assert new_sha != old_sha
    assert (
        one(
            database_url,
            "SELECT count(*) FROM document_version v JOIN report_document d "
            "ON d.id = v.document_id WHERE d.url_path = :p",
            p=FINAL,
        )
        == 2
    )
    for sha in (old_sha, new_sha):  # both sets of bytes are kept
        assert (data_dir / "raw" / sha[:2] / f"{sha}.pdf").exists()
    # The views show the new version only; the old version's facts stay in the internal table.
    views = one(database_url, "SELECT count(*) FROM bi_results WHERE url_path = :p", p=FINAL)
    old_rows = one(
        database_url,
        "SELECT count(*) FROM result r JOIN document_version v "
        "ON v.id = r.version_id WHERE v.sha256 = :s",
        s=old_sha,
    )
    assert views == old_rows == 6
    assert (
        one(
            database_url,
            "SELECT count(DISTINCT sha256) FROM bi_results WHERE url_path = :p",
            p=FINAL,
        )
        == 1
    )


@pytest.mark.slow
def test_reparse_is_offline_and_touches_nothing_unchanged(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'w.db'}"
    data_dir = str(tmp_path / "data")
    with MirrorServer(SAMPLE_SITE) as server:
        ingest(
            kind="backfill",
            base_url=server.base_url,
            database_url=database_url,
            data_dir=data_dir,
            requests_per_second=500.0,
            countries=["moldova"],
        )
    # The Russian translation sat in the same batch as its original and still waited for it.
    assert one(database_url, "SELECT status FROM bi_reports WHERE language = 'ru'") == "skipped"
    # The server is gone: a reparse needs no network.
    before = one(database_url, "SELECT max(loaded_at) FROM bi_reports")
    facts = one(database_url, "SELECT count(*) FROM result")
    summary = reparse(database_url=database_url, data_dir=data_dir)
    assert summary["outcome"] == "completed"
    assert summary["loaded"] == 0 and summary["unchanged"] == 3  # the translation is skipped
    assert one(database_url, "SELECT max(loaded_at) FROM bi_reports") == before
    assert one(database_url, "SELECT count(*) FROM result") == facts

    forced = reparse(database_url=database_url, data_dir=data_dir, force=True)
    assert forced["loaded"] == 3
    assert one(database_url, "SELECT max(loaded_at) FROM bi_reports") > before
    assert one(database_url, "SELECT count(*) FROM result") == facts
