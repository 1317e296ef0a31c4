"""Benchmark: bulk-loading fact rows through ``db.facts.load_report`` on SQLite and PostgreSQL.

    .venv/bin/python bench/load_bench.py [--rows 50000] [--repeat 3] [--pg URL | --no-pg]

Builds one synthetic parsed report with about ``--rows`` fact rows (results, turnout, contests,
observers, recommendations), loads it ``--repeat`` times into fresh document versions of a fresh
warehouse on each engine (a SQLite file in a temporary folder; a throw-away PostgreSQL database,
dropped afterwards) and prints rows/s of the best and the median load. Each load is what the
pipeline does for one report: one transaction that deletes the version's old facts, inserts the
new ones and makes the version current. Target: >= 50,000 rows/s on both engines. Exit status 0
when every engine measured meets the target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.engine import get_engine  # noqa: E402
from db.facts import load_report  # noqa: E402
from db.load import record_version, upsert_documents, upsert_elections  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from odihr.records import (  # noqa: E402
    Contest,
    Observer,
    ParsedReport,
    Recommendation,
    ReportMetadata,
    ResultRound,
    ResultRow,
)

TARGET_ROWS_PER_SECOND = 50_000
DEFAULT_PG = os.environ.get(
    "ODIHR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ROWS_PER_ROUND = 250


def synthetic_report(rows: int) -> ParsedReport:
    """A parsed report with about ``rows`` fact rows, 95% of them results."""
    rounds = max(1, rows * 95 // 100 // ROWS_PER_ROUND)
    contests = tuple(
        Contest(
            title=f"Constituency {c}",
            kind="majoritarian",
            seats_total=5,
            rounds=tuple(
                ResultRound(
                    number=r,
                    page=10 + c % 20,
                    date=date(2024, 3, 10 + 14 * (r - 1)),
                    registered_voters=1_000_000 + c,
                    voters_participated=600_000 + c,
                    turnout_pct=60.1,
                    valid_votes=590_000,
                    invalid_ballots=10_000 + c,
                    rows=tuple(
                        ResultRow(
                            contestant=f"Candidate {c}-{i}",
                            votes=1000 + i,
                            vote_share=round(100 / ROWS_PER_ROUND, 2),
                            page=10 + c % 20,
                            seats=i % 2,
                            nominated_by=f"Party {i % 12}",
                        )
                        for i in range(ROWS_PER_ROUND)
                    ),
                )
                for r in (1, 2)
            ),
        )
        for c in range((rounds + 1) // 2)
    )
    observers = tuple(
        Observer(i, f"Given{i}", f"Family{i}", "Sweden", None, "Short-Term Observers", None, 30)
        for i in range(1, rows * 4 // 100 + 1)
    )
    recommendations = tuple(
        Recommendation(i, i <= 5, "Legal Framework", f"Recommendation text {i}. " * 8, False, 25)
        for i in range(1, rows // 100 + 1)
    )
    return ParsedReport(
        parser_version="bench",
        metadata=ReportMetadata(pages=40, country="Nowhere"),
        contests=contests,
        observers=observers,
        recommendations=recommendations,
    )


def _document(url: str) -> int:
    engine = upgrade(url)
    upsert_elections(
        engine,
        [
            {
                "id": 1,
                "url_path": "/odihr/elections/nowhere/1",
                "country": "Nowhere",
                "country_slug": "nowhere",
                "country_code": "XX",
                "title": "Bench Elections",
                "election_type": "parliamentary",
                "early": False,
                "election_date": date(2024, 3, 10),
                "election_dates": (date(2024, 3, 10),),
            }
        ],
    )
    ids = upsert_documents(
        engine,
        [{"url_path": "/bench.pdf", "url": "http://x/bench.pdf", "election_id": 1,
          "report_type": "final"}],
    )  # fmt: skip
    return ids["/bench.pdf"]


def measure(url: str, parsed: ParsedReport, repeat: int) -> list[tuple[int, float]]:
    """(rows, seconds) of each of ``repeat`` loads into new versions of one document."""
    document_id = _document(url)
    engine = get_engine(url)
    runs = []
    for _ in range(repeat):
        version_id, _new = record_version(
            engine, document_id, sha256=uuid.uuid4().hex * 2, size=1, etag=None,
            last_modified=None, run_id=None,
        )  # fmt: skip
        started = time.perf_counter()
        rows = load_report(
            engine, document_id=document_id, version_id=version_id, parsed=parsed, run_id=None
        )
        runs.append((rows, time.perf_counter() - started))
    return runs


def _report(engine: str, runs: list[tuple[int, float]]) -> bool:
    rates = sorted(rows / seconds for rows, seconds in runs)
    best, median = rates[-1], statistics.median(rates)
    ok = median >= TARGET_ROWS_PER_SECOND
    print(
        f"{engine:<10} {runs[0][0]:>8,} rows/load  best {best:>9,.0f} rows/s  "
        f"median {median:>9,.0f} rows/s  {'OK' if ok else 'BELOW TARGET'}"
    )
    return ok


def _postgres(admin_url: str, parsed: ParsedReport, repeat: int) -> list[tuple[int, float]]:
    import psycopg

    name = f"odihr_bench_{uuid.uuid4().hex[:10]}"
    admin = admin_url.replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = f"{admin_url.rsplit('/', 1)[0]}/{name}"
    try:
        return measure(url, parsed, repeat)
    finally:
        get_engine(url).dispose()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000, help="fact rows per load")
    parser.add_argument("--repeat", type=int, default=3, help="loads per engine")
    parser.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL admin URL")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    parsed = synthetic_report(args.rows)
    print(f"load_report bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, target "
          f"{TARGET_ROWS_PER_SECOND:,} rows/s (median of {args.repeat})")  # fmt: skip
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        ok &= _report("sqlite", measure(f"sqlite:///{folder}/bench.db", parsed, args.repeat))
    if not args.no_pg:
        ok &= _report("postgres", _postgres(args.pg, parsed, args.repeat))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
