"""Backfill filters and settings: parsing, validation, precedence of options over variables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from odihr.filters import Filters
from odihr.settings import Settings, SettingsError


@dataclass(frozen=True)
class Entry:
    country_slug: str | None
    election_date: date | None


@pytest.mark.parametrize(
    ("filters", "slug", "day", "covered"),
    [
        (Filters.build(), "kazakhstan", date(2016, 3, 20), True),
        (Filters.build(countries=["kazakhstan"]), "kazakhstan", date(2016, 3, 20), True),
        (Filters.build(countries="Kazakhstan"), "kazakhstan", date(2016, 3, 20), True),
        (Filters.build(countries=["moldova"]), "kazakhstan", date(2016, 3, 20), False),
        (Filters.build(date_from="2016-03-20"), "x", date(2016, 3, 20), True),  # inclusive
        (Filters.build(date_from="2016-03-21"), "x", date(2016, 3, 20), False),
        (Filters.build(date_to="2016-03-20"), "x", date(2016, 3, 20), True),  # inclusive
        (Filters.build(date_to="2016-03-19"), "x", date(2016, 3, 20), False),
        (Filters.build(date_from="2016-01-01"), "x", None, False),
    ],
)
def test_match_election(filters: Filters, slug: str, day: date | None, covered: bool) -> None:
    assert filters.match_election(slug, day) is covered


def test_listing_entries_without_facts_are_visited() -> None:
    filters = Filters.build(date_from="2016-01-01", countries=["kazakhstan"])
    assert filters.match_entry(Entry(None, None))
    assert filters.match_entry(Entry("kazakhstan", None))
    assert not filters.match_entry(Entry("moldova", None))
    assert not filters.match_entry(Entry("kazakhstan", date(2015, 1, 1)))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"report_types": ["finale"]}, "unknown report type"),
        ({"date_from": "2016-13-01"}, "YYYY-MM-DD"),
        ({"date_from": "2017-01-01", "date_to": "2016-01-01"}, "after"),
    ],
)
def test_bad_filters_name_the_problem(kwargs: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Filters.build(**kwargs)


def test_environment_then_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODIHR_BASE_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("ODIHR_REQUESTS_PER_SECOND", "2.5")
    settings = Settings.from_env()
    assert settings.base_url == "http://127.0.0.1:9"
    assert settings.requests_per_second == 2.5
    assert settings.with_overrides(base_url="http://example.invalid", data_dir=None).base_url == (
        "http://example.invalid"
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ODIHR_REQUESTS_PER_SECOND", "fast", "not a number"),
        ("ODIHR_REQUESTS_PER_SECOND", "0", "greater than"),
        ("ODIHR_TASK_RUNNER", "celery", "ODIHR_TASK_RUNNER"),
        ("ODIHR_BASE_URL", "ftp://x", "http"),
    ],
)
def test_bad_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        Settings.from_env()


def test_password_is_masked() -> None:
    settings = Settings(database_url="postgresql+psycopg://odihr:s3cret@db/warehouse")
    assert "s3cret" not in settings.redacted_database_url()
