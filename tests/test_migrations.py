"""Alembic: an empty database reaches head on both engines; an upgrade keeps existing data."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, text

from db.load import upsert_elections
from db.migrate import current_revision, head_revision, upgrade
from db.views import VIEWS

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
