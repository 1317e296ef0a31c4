"""Locks that cannot be lost silently; a version's facts cannot be loaded twice (issue 11).

Today: the PostgreSQL lock connection is terminated → the run carries on unlocked, a waiting run
enters and the two overlap; two concurrent loads of one version leave duplicated rows; a
completed run then exits 1 with an unlock error.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from db.engine import get_engine
from db.facts import load_report
from db.load import record_version, upsert_documents, upsert_elections
from db.lock import ADVISORY_KEY, warehouse_lock
from db.migrate import upgrade
from odihr.errors import LockLost
from odihr.records import Contest, Observer, ParsedReport, ReportMetadata, ResultRound, ResultRow

from tests_support import PG_ADMIN_URL, create_pg_database, drop_pg_database


@pytest.fixture
def pg_url(postgres_server: str) -> Any:
    name, url = create_pg_database(postgres_server)
    yield url
    get_engine(url).dispose()
    drop_pg_database(postgres_server, name, url)


def _terminate_lock_holder(database: str) -> int:
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as admin:
        pid = admin.execute(
            "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s "
            "AND d.datname = %s",
            (ADVISORY_KEY >> 32, ADVISORY_KEY & 0xFFFFFFFF, database),
        ).fetchone()[0]
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    return int(pid)


def test_a_terminated_lock_connection_stops_every_write_and_names_the_cause(pg_url: str) -> None:
    engine = upgrade(pg_url)
    database = engine.url.database
    other = get_engine(pg_url + "?application_name=second")
    with (
        pytest.raises(LockLost, match="warehouse lock was lost") as lost,
        warehouse_lock(engine, timeout=5, holder="first run"),
    ):
        with engine.begin() as connection:  # writing while the lock holds: fine
            connection.execute(text("SELECT 1"))
        pid = _terminate_lock_holder(database)
        time.sleep(0.2)
        # A waiting run may now enter, and this run writes nothing more.
        with (
            warehouse_lock(other, timeout=5, holder="second run"),
            pytest.raises(LockLost, match=f"pid {pid}"),
            engine.begin() as connection,
        ):
            connection.execute(text(
                "INSERT INTO run (kind, parameters, started_at, outcome, counts) "
                "VALUES ('x', '{}', now(), 'running', '{}')"))
    other.dispose()
    assert "pg_advisory_unlock" not in str(lost.value)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM run")).scalar() == 0


def test_a_waiting_run_says_what_it_waits_for(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = upgrade(pg_url)
    with warehouse_lock(engine, timeout=5, holder="first"):
        waiting = get_engine(pg_url + "?application_name=waiting")
        with (
            pytest.raises(Exception, match="another run is writing"),
            warehouse_lock(waiting, timeout=1.2, holder="second"),
        ):
            pass
        waiting.dispose()
    err = capsys.readouterr().err
    assert "waiting for the warehouse lock held by PostgreSQL session pid" in err


def _report() -> ParsedReport:
    rows = tuple(ResultRow(f"Party {i}", 100 * i, None, None) for i in range(1, 7))
    observers = tuple(
        Observer(i, f"Given{i}", f"Family{i}", "Norway", None, "ODIHR EOM Core Team", None, 30)
        for i in range(1, 4)
    )
    return ParsedReport(
        "1.0.0", ReportMetadata(pages=30),
        (Contest("Parliamentary elections", "party_list", (ResultRound(1, rows, 12),)),),
        observers,
    )


def test_two_concurrent_loads_of_one_version_leave_one_copy(pg_url: str) -> None:
    engine = upgrade(pg_url)
    upsert_elections(engine, [{
        "id": 1, "url_path": "/e/1", "country": "Norway", "country_code": "NO", "title": "x",
        "election_type": "parliamentary", "early": False, "election_date": date(2021, 9, 13),
        "election_dates": (date(2021, 9, 13),)}])
    doc = upsert_documents(engine, [{"url_path": "/r.pdf", "url": "http://x/r.pdf",
                                     "election_id": 1, "report_type": "final"}])["/r.pdf"]
    version, _ = record_version(engine, doc, sha256="b" * 64, size=1, etag=None,
                                last_modified=None, run_id=None)
    deleted = threading.Barrier(2, timeout=20)
    waited: list[str] = []

    def both_past_the_delete(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # The last delete of the version's facts (the rows then go in by COPY on PostgreSQL,
        # which no cursor event sees): both transactions wait here, so both insert.
        if statement.startswith("DELETE FROM report_part"):
            waited.append(statement)
            deleted.wait()

    event.listen(engine, "after_cursor_execute", both_past_the_delete)
    errors: list[BaseException] = []

    def load() -> None:
        try:
            load_report(engine, document_id=doc, version_id=version, parsed=_report(),
                        run_id=None)
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    event.remove(engine, "after_cursor_execute", both_past_the_delete)
    assert len(waited) == 2, waited  # the race was forced, not left to the scheduler
    assert len(errors) == 1 and isinstance(errors[0], IntegrityError), errors
    with engine.connect() as connection:
        counts = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("result", "observer", "contest", "bi_results")}
    assert counts == {"result": 6, "observer": 3, "contest": 1, "bi_results": 6}


def test_a_run_whose_lock_session_is_terminated_exits_1_naming_the_cause(
    pg_url: str, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from odihr.commands import ingest as run_command
    from odihr.exitcodes import EXIT_FAILED
    from odihr.site.server import MirrorServer

    from sitefixtures import SAMPLE_SITE, fast_settings

    engine = upgrade(pg_url)
    with MirrorServer(SAMPLE_SITE) as mirror:
        mirror.delay = 0.2
        settings = fast_settings(mirror.base_url, tmp_path / "data", database_url=pg_url)
        result: list[int] = []
        thread = threading.Thread(target=lambda: result.append(run_command("backfill", settings)))
        thread.start()
        started = time.monotonic()
        while sum(r.path.endswith(".pdf") for r in mirror.log) < 3:
            assert thread.is_alive() and time.monotonic() - started < 120
            time.sleep(0.05)
        _terminate_lock_holder(engine.url.database)
        thread.join(180)
    assert result == [EXIT_FAILED]
    err = capsys.readouterr().err
    assert "warehouse lock was lost" in err and "advisory lock" in err
    with engine.connect() as connection:
        loaded = connection.execute(text(
            "SELECT count(*) FROM report_document WHERE status <> 'pending'")).scalar()
    assert loaded == 0  # nothing was written after the loss (the first batch loads together)
