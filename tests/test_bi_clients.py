"""BI clients read every view of a real ingest: DuckDB (sqlite/postgres scanners) and pandas.

Each client's rows are compared, value by value, with what the project's own SQLAlchemy query
returns; a few aggregates are checked against the project's status query and the run summary.
DuckDB would download its scanners at run time, which fails offline: they are installed from
the files the ``duckdb-extension-*-scanner`` wheels ship.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.engine import get_engine
from db.status import status_counts
from db.views import VIEWS

pytest_plugins = ["warehouse_fixtures"]


@pytest.fixture
def attached(duck: duckdb.DuckDBPyConnection, ingested: Any) -> Iterator[str]:
    """The ingested warehouse attached read-only to DuckDB as ``wh``."""
    url = make_url(ingested.url)
    if ingested.engine_name == "sqlite":
        duck.execute(f"ATTACH '{url.database}' AS wh (TYPE sqlite, READ_ONLY)")
    else:
        conninfo = f"host={url.host} port={url.port or 5432} dbname={url.database}"
        conninfo += f" user={url.username}" + (f" password={url.password}" if url.password else "")
        duck.execute(f"ATTACH '{conninfo}' AS wh (TYPE postgres, READ_ONLY)")
    try:
        yield "wh"
    finally:
        duck.execute("DETACH wh")


def canon(value: Any) -> Any:
    """One comparable form for what the drivers return (numpy, pandas, strings of dates)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, datetime):
        value = value.item()  # numpy scalar → Python
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float | Decimal):
        number = float(value)
        return int(number) if number.is_integer() else round(number, 6)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def canon_rows(rows: Any) -> list[tuple[Any, ...]]:
    """Rows in canonical form, sorted (no view promises an order)."""
    return sorted((tuple(canon(v) for v in row) for row in rows), key=repr)


def own_query(url: str, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Columns and rows as the project itself reads them (SQLAlchemy)."""
    with get_engine(url).connect() as connection:
        result = connection.execute(text(sql))
        return list(result.keys()), [tuple(r) for r in result.all()]


def test_duckdb_reads_every_view_like_the_project(
    duck: duckdb.DuckDBPyConnection, attached: str, ingested: Any
) -> None:
    for view in VIEWS:
        columns, expected = own_query(ingested.url, f"SELECT * FROM {view}")
        relation = duck.sql(f"SELECT * FROM {attached}.{view}")
        assert relation.columns == columns, view
        rows = relation.fetchall()
        assert len(rows) == len(expected) > 0, view
        assert canon_rows(rows) == canon_rows(expected), view


def test_pandas_reads_every_view_like_the_project(ingested: Any) -> None:
    engine = get_engine(ingested.url)
    for view in VIEWS:
        columns, expected = own_query(ingested.url, f"SELECT * FROM {view}")
        with engine.connect() as connection:
            frame = pd.read_sql(text(f"SELECT * FROM {view}"), connection)
        assert list(frame.columns) == columns, view
        assert len(frame) == len(expected) > 0, view
        assert canon_rows(frame.itertuples(index=False, name=None)) == canon_rows(expected), view


def test_aggregates_agree_with_the_status_query_and_the_run_summary(
    duck: duckdb.DuckDBPyConnection, attached: str, ingested: Any
) -> None:
    by_status = dict(
        duck.sql(f"SELECT status, count(*) FROM {attached}.bi_reports GROUP BY status").fetchall()
    )
    assert by_status == status_counts(get_engine(ingested.url))
    assert sum(by_status.values()) == ingested.summary["discovered"]
    assert by_status.get("loaded") == ingested.summary["loaded"]

    sql = "SELECT report_id, sum(votes) AS votes, count(*) AS n FROM {} GROUP BY report_id"
    _, expected = own_query(ingested.url, sql.format("bi_results"))
    assert canon_rows(duck.sql(sql.format(f"{attached}.bi_results")).fetchall()) == canon_rows(
        expected
    )
    with get_engine(ingested.url).connect() as connection:
        frame = pd.read_sql(text("SELECT report_id, votes FROM bi_results"), connection)
    grouped = frame.groupby("report_id")["votes"]
    pandas_rows = zip(
        grouped.sum(min_count=1).index, grouped.sum(min_count=1), grouped.size(), strict=True
    )
    assert canon_rows(pandas_rows) == canon_rows(expected)


def test_fact_rows_join_their_report_in_duckdb(
    duck: duckdb.DuckDBPyConnection, attached: str
) -> None:
    for view in ("bi_results", "bi_turnout", "bi_observers", "bi_recommendations"):
        unmatched = duck.sql(
            f"SELECT count(*) FROM {attached}.{view} f LEFT JOIN {attached}.bi_reports r "
            "ON r.report_id = f.report_id AND r.url_path = f.url_path AND r.sha256 = f.sha256 "
            "WHERE r.report_id IS NULL OR r.status NOT IN ('loaded', 'partial')"
        ).fetchone()
        assert unmatched == (0,), view


def test_types_are_as_the_data_dictionary_says(
    duck: duckdb.DuckDBPyConnection, attached: str, ingested: Any
) -> None:
    relation = duck.sql(f"SELECT early, election_date, loaded_at FROM {attached}.bi_reports")
    early, election_date, loaded_at = (str(t) for t in relation.types)
    assert election_date == "DATE"
    if ingested.engine_name == "sqlite":
        assert (early, loaded_at) == ("BIGINT", "TIMESTAMP")
    else:
        assert (early, loaded_at) == ("BOOLEAN", "TIMESTAMP WITH TIME ZONE")
    with get_engine(ingested.url).connect() as connection:
        reports = pd.read_sql(text("SELECT early, election_date FROM bi_reports"), connection)
        frame = pd.read_sql(text("SELECT vote_share, votes FROM bi_results"), connection)
    first_date = reports["election_date"].dropna().iloc[0]
    if ingested.engine_name == "sqlite":  # SQLite: 0/1 and ISO text (pass parse_dates)
        assert str(reports["early"].dtype) == "int64" and isinstance(first_date, str)
    else:
        assert str(reports["early"].dtype) == "bool" and isinstance(first_date, date)
    assert all(isinstance(v, float) and not math.isnan(v) for v in frame["vote_share"].dropna())
    assert frame["votes"].dropna().map(float).map(float.is_integer).all()


README = Path(__file__).resolve().parents[1] / "README.md"


def readme_queries() -> list[str]:
    """The example analyst queries of the README (its ``analyst-queries`` section)."""
    readme = README.read_text(encoding="utf-8")
    section = readme.split("<!-- analyst-queries -->", 1)[1].split("<!-- /analyst-queries -->")[0]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def test_the_readme_analyst_queries_run_in_duckdb_as_in_the_warehouse(
    duck: duckdb.DuckDBPyConnection, attached: str, ingested: Any
) -> None:
    queries = readme_queries()
    assert len(queries) == 3
    catalog = attached if ingested.engine_name == "sqlite" else f"{attached}.public"
    duck.execute(f"USE {catalog}")
    try:
        for sql in queries:
            got = duck.sql(sql).fetchall()
            _, expected = own_query(ingested.url, sql)
            assert got, sql
            assert canon_rows(got) == canon_rows(expected), sql
    finally:
        duck.execute("USE memory")
