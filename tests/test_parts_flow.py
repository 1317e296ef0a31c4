"""End to end: a real reparse flow run (Prefect, PDFium parse, GX, the warehouse) over a stored
synthetic final report whose second results table contradicts its votes, on both engines."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from report_pdfs import final_report
from sqlalchemy import text

from db.load import record_version, upsert_documents, upsert_elections
from db.migrate import upgrade
from flows.reparse import reparse
from odihr.commands import status
from odihr.settings import Settings
from odihr.site.store import RawStore

pytestmark = pytest.mark.slow
DAY = date(2024, 5, 12)
REFERENDUM = "results:Referendum on the constitution"


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    with upgrade(url).connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql)).all()]


def _store(url: str, data_dir: Path, data: bytes) -> None:
    """Record ``data`` as the newest version of the report, as a download would."""
    sha, _ = RawStore(data_dir / "raw").store(data)
    engine = upgrade(url)
    upsert_elections(engine, [{
        "id": 7, "url_path": "/odihr/elections/moldova/7", "country": "Moldova",
        "country_slug": "moldova", "country_code": "MD",
        "title": "Parliamentary Elections, 12 May 2024", "election_type": "parliamentary",
        "early": False, "election_date": DAY, "election_dates": (DAY,),
        "mission_type": "Election Observation Mission",
    }])  # fmt: skip
    document = {"url_path": "/r.pdf", "url": "https://www.osce.org/r.pdf", "election_id": 7,
                "report_type": "final", "language": "en"}  # fmt: skip
    document_id = upsert_documents(engine, [document])["/r.pdf"]
    record_version(engine, document_id, sha256=sha, size=len(data), etag=None,
                   last_modified=None, run_id=None)  # fmt: skip


def test_reparse_loads_a_partial_report_reruns_idempotently_and_lists_it(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    _store(database_url, data_dir, final_report(("45.00", "55.00")))

    first = reparse(database_url=database_url, data_dir=str(data_dir))
    assert (first["outcome"], first["partial"], first["loaded"]) == ("completed", 1, 0)
    assert f"PARTIAL     /r.pdf: {REFERENDUM} quarantined: " in first["text"]
    assert query(database_url, "SELECT status FROM bi_reports") == [("partial",)]
    parts = query(database_url, "SELECT part, status, rows FROM bi_report_parts")
    assert sorted(parts) == sorted([
        ("metadata", "loaded", 1), ("results:Parliament", "loaded", 3),
        (REFERENDUM, "quarantined", 0), ("observers", "loaded", 3),
        ("recommendations", "loaded", 2),
    ])  # fmt: skip
    views = ("bi_results", "bi_turnout", "bi_observers", "bi_recommendations")
    facts = {v: query(database_url, f"SELECT count(*) FROM {v}")[0][0] for v in views}
    assert facts == {"bi_results": 3, "bi_turnout": 1, "bi_observers": 3, "bi_recommendations": 2}

    again = reparse(database_url=database_url, data_dir=str(data_dir))
    assert (again["unchanged"], again["partial"]) == (1, 0)
    forced = reparse(database_url=database_url, data_dir=str(data_dir), force=True)
    assert forced["partial"] == 1
    for view, count in facts.items():
        assert query(database_url, f"SELECT count(*) FROM {view}") == [(count,)], view

    settings = Settings.from_env().with_overrides(database_url=database_url, data_dir=data_dir)
    capsys.readouterr()
    assert status(settings) == 0
    out = capsys.readouterr().out
    assert "partial reports: 1" in out
    assert f"/r.pdf: {REFERENDUM} quarantined" in out

    # The site re-issues the PDF with the table corrected: every part loads.
    _store(database_url, data_dir, final_report())
    fixed = reparse(database_url=database_url, data_dir=str(data_dir))
    assert (fixed["loaded"], fixed["partial"]) == (1, 0)
    assert query(database_url, "SELECT status, status_reason FROM bi_reports") == [
        ("loaded", None)]
    assert query(database_url, "SELECT DISTINCT status FROM bi_report_parts") == [("loaded",)]
    assert query(database_url, "SELECT count(*) FROM bi_results") == [(5,)]


def test_cover_facts_the_pdf_lacks_are_taken_from_the_site(
    database_url: str, tmp_path: Path
) -> None:
    """A cover whose election line is only "ELECTIONS" names neither the type nor the date: the
    election page has both, so the report loads, with a note naming each fact and its source."""
    data_dir = tmp_path / "data"
    _store(database_url, data_dir, final_report(election="Elections"))
    summary = reparse(database_url=database_url, data_dir=str(data_dir))
    assert (summary["loaded"], summary["quarantined"]) == (1, 0), summary["text"]
    ((status, warnings),) = query(database_url, "SELECT status, dq_warnings FROM bi_reports")
    assert status == "loaded"
    note = "election type: not read from the PDF; taken from the site's election page"
    assert f"{note} (parliamentary)" in warnings
    assert query(database_url, "SELECT count(*) FROM bi_results") == [(5,)]
