"""The grammar of the ``odihr`` command line (see ../CONTRACT.md): its commands and options,
and the settings each option overrides (``ODIHR_*`` in the help). What the commands do is
:mod:`odihr.cli` and :mod:`odihr.commands`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from odihr.records import REPORT_TYPES

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _common(parser: argparse.ArgumentParser) -> None:
    """Options every command takes: the warehouse, the data folder, and how much to say."""
    parser.add_argument("--db", dest="database_url", help="warehouse URL (ODIHR_DATABASE_URL)")
    parser.add_argument("--data-dir", type=Path, help="raw PDFs and reports (ODIHR_DATA_DIR)")
    parser.add_argument(
        "--log-level",
        type=str.upper,
        choices=LOG_LEVELS,
        help="log level of the run's own and Prefect's messages (default WARNING)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="only errors (same as --log-level ERROR)"
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more messages (-v INFO, -vv DEBUG)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback of an unexpected failure"
    )


def _site(parser: argparse.ArgumentParser) -> None:
    """Options of the commands that crawl the site."""
    parser.add_argument("--base-url", help="root of the site to crawl (ODIHR_BASE_URL)")
    parser.add_argument(
        "--rate",
        dest="requests_per_second",
        type=float,
        help="requests per second to the site (ODIHR_REQUESTS_PER_SECOND)",
    )


def _runner(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--task-runner", choices=("thread", "dask"), help="where parsing runs (ODIHR_TASK_RUNNER)"
    )


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _dry_run(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--dry-run", action="store_true", help=help)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        metavar="DATE",
        help="first election date, inclusive (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=_date,
        metavar="DATE",
        help="last election date, inclusive (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--country",
        dest="countries",
        action="append",
        metavar="SLUG",
        help="the site's country slug, e.g. kazakhstan (repeatable)",
    )
    parser.add_argument(
        "--report-type",
        dest="report_types",
        action="append",
        choices=REPORT_TYPES,
        metavar="TYPE",
        help=f"one of {', '.join(REPORT_TYPES)} (repeatable)",
    )
    parser.add_argument(
        "--force", action="store_true", help="re-download and re-parse even unchanged documents"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (also used by the docs test)."""
    parser = argparse.ArgumentParser(
        prog="odihr", description="OSCE/ODIHR election-observation reports as a warehouse."
    )
    parser.add_argument("--version", action="version", version=f"odihr {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="ingest the bundled sample mirror into ./warehouse.db")
    _common(demo)
    demo.set_defaults(database_url=None)

    nightly = sub.add_parser("nightly", help="incremental ingest of new and re-issued reports")
    _common(nightly)
    _site(nightly)
    _runner(nightly)
    nightly.add_argument(
        "--force", action="store_true", help="re-download and re-parse even unchanged documents"
    )

    backfill = sub.add_parser("backfill", help="ingest every matching election")
    _common(backfill)
    _site(backfill)
    _runner(backfill)
    _filters(backfill)
    _dry_run(
        backfill, "crawl the listing and list what would be fetched, with counts; write nothing"
    )

    reparse = sub.add_parser("reparse", help="re-parse stored PDFs without the network")
    _common(reparse)
    _runner(reparse)
    _filters(reparse)
    _dry_run(reparse, "list what would be re-parsed, with counts, and change nothing")

    status = sub.add_parser("status", help="counts by status, last runs, quarantined reports")
    _common(status)
    _json(status)

    runs = sub.add_parser("runs", help="the runs: parameters, duration, counts, error")
    _common(runs)
    _json(runs)
    runs.add_argument("--failed", action="store_true", help="only runs that did not complete")
    runs.add_argument("--limit", type=int, default=20, help="how many runs, newest first (20)")

    dbp = sub.add_parser("db", help="warehouse administration")
    dbsub = dbp.add_subparsers(dest="db_command", required=True, metavar="DB_COMMAND")
    upgrade = dbsub.add_parser("upgrade", help="migrate the warehouse to the newest schema")
    _common(upgrade)
    grant = dbsub.add_parser(
        "grant-readonly", help="PostgreSQL: let ROLE read the BI views and nothing else"
    )
    grant.add_argument("role", help="an existing PostgreSQL role")
    _common(grant)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("odihr-warehouse")
    except PackageNotFoundError:
        return "unknown"
