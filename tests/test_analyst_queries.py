"""The README's example analyst queries run, as printed, through DuckDB on a real warehouse."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy.engine import make_url

pytest_plugins = ["warehouse_fixtures"]

README = Path(__file__).resolve().parents[1] / "README.md"


def analyst_queries() -> dict[str, str]:
    """``title → SQL`` of every fenced block that starts ``-- analyst-query: <title>``."""
    blocks = re.findall(r"```sql\n-- analyst-query: (.+?)\n(.*?)```", README.read_text("utf-8"),
                        re.S)
    return {title.strip(): sql.strip().rstrip(";") for title, sql in blocks}


def run_in_duckdb(duck: duckdb.DuckDBPyConnection, url: str, sql: str) -> list[tuple]:
    duck.execute(f"ATTACH '{make_url(url).database}' AS wh (TYPE sqlite, READ_ONLY)")
    try:
        duck.execute("USE wh")
        return duck.execute(sql).fetchall()
    finally:
        duck.execute("USE memory")
        duck.execute("DETACH wh")


def test_the_readme_shows_three_analyst_queries() -> None:
    assert set(analyst_queries()) == {
        "turnout by country over time",
        "recommendations per report",
        "observers by nationality and kind",
    }


def test_each_query_answers_from_the_warehouse(
    duck: duckdb.DuckDBPyConnection, sqlite_warehouse: Any
) -> None:
    queries = analyst_queries()
    turnout = run_in_duckdb(duck, sqlite_warehouse.url, queries["turnout by country over time"])
    assert turnout and all(0 < row[4] <= 100 for row in turnout)
    assert [r[:2] for r in turnout] == sorted(r[:2] for r in turnout)

    per_report = run_in_duckdb(duck, sqlite_warehouse.url, queries["recommendations per report"])
    assert per_report and all(r[4] >= r[5] >= 0 for r in per_report)

    observers = run_in_duckdb(
        duck, sqlite_warehouse.url, queries["observers by nationality and kind"]
    )
    kinds = {r[1] for r in observers}
    assert kinds <= {"core_team", "long_term", "short_term", "osce_pa", "pace",
                     "european_parliament", "nato_pa", "other"}
    assert sum(r[2] for r in observers) > 0
    assert any(r[0] is not None and len(r[0]) == 2 for r in observers)
