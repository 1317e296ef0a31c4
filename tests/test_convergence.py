"""After any faults, the next clean run makes the warehouse what a clean run makes (issue 11).

Real HTTP against the mirror with injected faults, real Prefect flow runs, real SQLite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db.engine import get_engine
from flows.ingest import ingest
from odihr.site.server import MirrorServer

ORIGINAL = "/files/f/documents/e/5/300026.pdf"  # Moldova 2016, final report (English)
TRANSLATION = "/files/f/documents/e/7/300031.pdf"  # its Russian translation, same entry
TRUNCATED = "/files/f/documents/4/b/230056.pdf"  # Kazakhstan 2016, preliminary statement
VIEWS = ("bi_results", "bi_turnout", "bi_observers", "bi_recommendations")


@pytest.fixture(autouse=True)
def fast_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODIHR_BACKOFF_SECONDS", "0.001")
    monkeypatch.setenv("ODIHR_READ_TIMEOUT", "3")
    monkeypatch.setenv("ODIHR_RETRIES", "2")


def run(kind: str, mirror: MirrorServer, url: str, data: Path, **params: Any) -> dict[str, Any]:
    return ingest(kind=kind, base_url=mirror.base_url, database_url=url, data_dir=str(data),
                  requests_per_second=500.0, **params)


def query(url: str, sql: str, **params: Any) -> list[Any]:
    with get_engine(url).connect() as connection:
        return list(connection.execute(text(sql), params).all())


def view_rows(url: str, path: str) -> dict[str, int]:
    return {v: query(url, f"SELECT count(*) FROM {v} WHERE url_path = :p", p=path)[0][0]
            for v in VIEWS}


def test_a_translation_loaded_in_its_originals_place_is_skipped_once_the_original_loads(
    mirror: MirrorServer, tmp_path: Path
) -> None:
    """Today: Moldova 2016's results, observers and recommendations counted twice, for good."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    mirror.faults[ORIGINAL] = [500] * 50  # the original cannot be downloaded this night
    first = run("backfill", mirror, url, tmp_path / "data", countries=["moldova"])
    assert first["outcome"] == "completed"
    status = dict(query(url, "SELECT url_path, status FROM bi_reports"))
    assert status[ORIGINAL] == "quarantined" and status[TRANSLATION] == "loaded"
    assert sum(view_rows(url, TRANSLATION).values()) > 0  # the only copy of the facts

    mirror.faults.clear()
    second = run("nightly", mirror, url, tmp_path / "data")
    assert second["outcome"] == "completed"
    status = dict(query(url, "SELECT url_path, status FROM bi_reports"))
    assert status[ORIGINAL] == "loaded"
    assert status[TRANSLATION] == "skipped"
    assert view_rows(url, TRANSLATION) == dict.fromkeys(VIEWS, 0)
    assert sum(view_rows(url, ORIGINAL).values()) > 0

    # And back: the original turns bad (re-issued cut short): the translation is parsed again.
    sample = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"
    mirror.overrides[ORIGINAL] = (sample / ORIGINAL.lstrip("/")).read_bytes()[:5000]
    run("backfill", mirror, url, tmp_path / "data", countries=["moldova"])
    status = dict(query(url, "SELECT url_path, status FROM bi_reports"))
    assert status[TRANSLATION] == "loaded"


def test_a_cut_copy_under_the_whole_files_etag_is_fetched_again_unconditionally(
    mirror: MirrorServer, tmp_path: Path
) -> None:
    """Today: the next run sends the stored ETag, gets 304, and the report stays quarantined."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    mirror.truncated[TRUNCATED] = 9000
    run("backfill", mirror, url, tmp_path / "data", countries=["kazakhstan"])
    (reason,) = query(url, "SELECT status_reason FROM bi_reports WHERE url_path = :p",
                      p=TRUNCATED)[0]
    assert "truncated" in reason

    del mirror.truncated[TRUNCATED]
    mirror.clear_log()
    run("backfill", mirror, url, tmp_path / "data", countries=["kazakhstan"])
    asked = [r for r in mirror.log if r.path == TRUNCATED]
    assert [r.status for r in asked] == [200]
    (status,) = query(url, "SELECT status FROM bi_reports WHERE url_path = :p", p=TRUNCATED)[0]
    assert status == "loaded"


def test_pending_reports_left_by_a_dead_run_are_processed_by_the_next_nightly(
    mirror: MirrorServer, tmp_path: Path
) -> None:
    """Today: a nightly killed mid-run leaves reports ``pending`` forever (a pending final report
    counts as "has final", so no later nightly visits the election); only a backfill recovers."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    run("backfill", mirror, url, tmp_path / "data")
    clean = dict(query(url, "SELECT url_path, status FROM bi_reports"))
    # What a nightly killed by kill -9 after discovery leaves: its run row `running`, documents
    # of old elections (no recheck window) `pending`, their facts never loaded.
    engine = get_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO run (kind, parameters, started_at, outcome, counts) "
            "VALUES ('nightly', '{}', '2026-01-01', 'running', '{}')"))
        connection.execute(text(
            "UPDATE report_document SET status = 'pending', status_reason = NULL, "
            "current_version_id = NULL, latest_version_id = NULL "
            "WHERE election_id IN (SELECT id FROM election WHERE election_date < '2020-01-01')"))
    pending = query(url, "SELECT count(*) FROM bi_reports WHERE status = 'pending'")[0][0]
    assert pending > 10

    for _ in range(2):
        run("nightly", mirror, url, tmp_path / "data")
    assert dict(query(url, "SELECT url_path, status FROM bi_reports")) == clean
    outcomes = [r[0] for r in query(url, "SELECT outcome FROM run ORDER BY id")]
    assert outcomes == ["completed", "abandoned", "completed", "completed"]
