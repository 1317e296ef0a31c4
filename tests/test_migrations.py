"""Alembic: an empty database reaches head on both engines; an upgrade keeps existing data."""

from __future__ import annotations

from datetime import date

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from db.facts import load_report
from db.load import record_version, upsert_documents, upsert_elections
from db.migrate import alembic_config, current_revision, head_revision, upgrade
from db.views import VIEWS
from odihr.records import Contest, ParsedReport, ReportMetadata, ResultRound, ResultRow

TABLES = {
    "country",
    "election",
    "report_document",
    "document_version",
    "contest",
    "result",
    "turnout",
    "observer",
    "recommendation",
    "run",
    "quarantine",
}


def test_empty_database_reaches_head_with_every_table_and_view(database_url: str) -> None:
    engine = upgrade(database_url)
    assert current_revision(engine) == head_revision()
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) >= TABLES
    assert set(VIEWS) <= set(inspector.get_view_names())


def test_upgrade_is_idempotent_and_keeps_data(database_url: str) -> None:
    engine = upgrade(database_url)
    upsert_elections(
        engine,
        [
            {
                "id": 1,
                "url_path": "/odihr/elections/x/1",
                "country": "Kazakhstan",
                "country_slug": "kazakhstan",
                "country_code": "KZ",
                "title": "Early Elections",
                "election_type": "parliamentary",
                "early": True,
                "election_date": date(2016, 3, 20),
                "election_dates": (date(2016, 3, 20),),
                "mission_type": "Election Observation Mission",
            }
        ],
    )
    again = upgrade(database_url)
    with again.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM election")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM bi_reports")).scalar() == 0


def _snapshot(engine: Engine) -> dict[str, set[tuple[str, ...]]]:
    """Every table's and view's rows, as (column=value) strings, by name."""
    inspector = inspect(engine)
    snapshot = {}
    with engine.connect() as connection:
        views = set(VIEWS) & set(inspector.get_view_names())  # those the revision has
        for name in sorted(set(inspector.get_table_names()) | views):
            result = connection.execute(text(f"SELECT * FROM {name}"))
            keys = list(result.keys())
            snapshot[name] = {
                tuple(f"{k}={v!r}" for k, v in zip(keys, row, strict=True)) for row in result
            }
    return snapshot


def _common(before: set[tuple[str, ...]], after: set[tuple[str, ...]]) -> tuple[set, set]:
    """Both row sets restricted to the columns both have (a migration may add columns)."""
    columns = {c.split("=", 1)[0] for row in before for c in row}
    columns &= {c.split("=", 1)[0] for row in after for c in row}

    def keep(rows: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        return {tuple(c for c in row if c.split("=", 1)[0] in columns) for row in rows}

    return keep(before), keep(after)


def test_upgrading_a_warehouse_that_holds_a_loaded_report_keeps_every_row(
    database_url: str,
) -> None:
    """Rows survive the newest migration.

    What this proves today, honestly: the only revision is 0001, which creates the schema, so no
    older schema can hold data yet. The test loads a report at head, then runs Alembic's own
    ``upgrade head`` on it (not ``db.migrate.upgrade``, which returns early at head), which must
    leave every row of every table and view as it was. Once a revision follows 0001, the same
    test downgrades the loaded warehouse by one revision and upgrades it back to head: then it
    proves that the newest migration (and its downgrade) keeps existing rows, compared on the
    columns present before and after.
    """
    engine = upgrade(database_url)
    _election(engine)
    document = {"url_path": "/r.pdf", "url": "http://x/r", "election_id": 1, "report_type": "final"}
    document_id = upsert_documents(engine, [document])["/r.pdf"]
    version_id, _ = record_version(
        engine, document_id, sha256="a" * 64, size=1, etag=None, last_modified=None, run_id=None
    )
    rows = (ResultRow("A", 500, 62.5, 12), ResultRow("B", 300, 37.5, 12))
    parsed = ParsedReport(
        "1.0.0",
        ReportMetadata(pages=20),
        (Contest("Presidential election", "presidential", (ResultRound(1, rows, 12),)),),
    )
    load_report(engine, document_id=document_id, version_id=version_id, parsed=parsed, run_id=None)
    before = _snapshot(engine)
    assert before["bi_results"] and before["result"]

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    previous = script.get_revision(head).down_revision
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if isinstance(previous, str):  # None today; a tuple would be a merge revision
            command.downgrade(config, previous)
        command.upgrade(config, "head")
    assert current_revision(engine) == head
    after = _snapshot(engine)
    assert set(after) >= set(before)
    for name, rows_before in before.items():
        kept_before, kept_after = _common(rows_before, after[name])
        assert kept_after == kept_before, name


def _election(engine: Engine) -> None:
    upsert_elections(
        engine,
        [
            {
                "id": 1,
                "url_path": "/odihr/elections/x/1",
                "country": "Kazakhstan",
                "country_code": "KZ",
                "title": "Presidential Election",
                "election_type": "presidential",
                "early": False,
                "election_date": date(2019, 6, 9),
                "election_dates": (date(2019, 6, 9),),
            }
        ],
    )


def test_views_of_the_newest_revision_match_db_views() -> None:
    """Changing db/views.py needs a new revision that recreates the views (and a snapshot)."""
    from db.migrations import snapshots

    newest = sorted(n for n in dir(snapshots) if n.startswith("VIEWS_"))[-1]
    assert [s.strip() for s in getattr(snapshots, newest)] == [
        s.strip() for s in VIEWS.values()
    ]


def test_revision_0002_upgrades_a_0001_warehouse_with_data_and_downgrades_again(
    database_url: str,
) -> None:
    """Rows written under 0001's schema survive 0002 (new columns take their defaults, the views
    gain their columns after the old ones) and survive the downgrade back to 0001."""
    engine = upgrade(database_url, "0001")
    _election(engine)
    statements = [
        "INSERT INTO report_document (id, url_path, url, election_id, report_type, status, "
        "first_seen_at, last_checked_at) VALUES (5, '/r.pdf', 'https://x/r.pdf', 1, 'final', "
        "'loaded', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
        "INSERT INTO document_version (id, document_id, sha256, size, fetched_at, status) "
        "VALUES (9, 5, 'ab', 1, '2026-01-01 00:00:00', 'loaded')",
        "UPDATE report_document SET current_version_id = 9, latest_version_id = 9",
        "INSERT INTO result (version_id, parser_version, contest, contest_kind, round, "
        "position, contestant, votes) VALUES (9, '1.0.0', 'P', 'presidential', 1, 1, 'A', 5)",
        "INSERT INTO observer (version_id, parser_version, position, given_name, family_name, "
        "delegation) VALUES (9, '1.0.0', 1, 'Ana', 'Berg', 'Core Team')",
        "INSERT INTO recommendation (version_id, parser_version, number, priority, text, "
        "previously_recommended) VALUES (9, '1.0.0', 1, true, 'Amend.', false)",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    before = _snapshot(engine)

    engine = upgrade(database_url, "0002")
    assert current_revision(engine) == "0002"
    after = _snapshot(engine)
    for name, rows_before in before.items():
        kept_before, kept_after = _common(rows_before, after[name])
        assert kept_after == kept_before or name == "alembic_version", name
    with engine.connect() as connection:

        def one(sql: str) -> tuple:
            return tuple(connection.execute(text(sql)).one())

        assert one("SELECT text_source, election_id, report_url FROM bi_reports") == (
            "pdf", 1, "https://x/r.pdf")
        assert one("SELECT extra_figures, election_id FROM bi_results") == (None, 1)
        assert one("SELECT country_code, delegation_kind FROM bi_observers") == (None, "other")
        assert bool(one("SELECT numbered FROM bi_recommendations")[0]) is True
        assert one("SELECT reports, election_url_path FROM bi_elections") == (
            1, "/odihr/elections/x/1")
        assert one("SELECT count(*) FROM bi_report_parts") == (0,)

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert current_revision(engine) == "0001"
    assert "report_part" not in inspect(engine).get_table_names()
    assert _snapshot(engine) == before
