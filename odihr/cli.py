"""The ``odihr`` command line (see ../CONTRACT.md): demo, nightly, backfill, reparse, status, db."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from odihr.errors import OdihrError, TransientFetchError
from odihr.exitcodes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
from odihr.records import REPORT_TYPES
from odihr.settings import Settings, SettingsError

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
    backfill.add_argument(
        "--dry-run",
        action="store_true",
        help="crawl the listing and list what would be fetched, with counts; write nothing",
    )

    reparse = sub.add_parser("reparse", help="re-parse stored PDFs without the network")
    _common(reparse)
    _runner(reparse)
    _filters(reparse)
    reparse.add_argument(
        "--dry-run",
        action="store_true",
        help="list what would be re-parsed, with counts, and change nothing",
    )

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


def _log_level(args: argparse.Namespace) -> str:
    if getattr(args, "log_level", None):
        return str(args.log_level)
    if getattr(args, "quiet", False):
        return "ERROR"
    verbose = getattr(args, "verbose", 0)
    return "DEBUG" if verbose >= 2 else "INFO" if verbose == 1 else "WARNING"


def _configure_logging(args: argparse.Namespace) -> None:
    """Set the level before Prefect is imported (it reads PREFECT_LOGGING_LEVEL then)."""
    import logging
    import os

    level = _log_level(args)
    ours = logging.getLogger("odihr")
    ours.setLevel(level)
    if level in ("INFO", "DEBUG") and not ours.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        ours.addHandler(handler)
    if level != "WARNING":
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = level
        if level == "DEBUG" or level == "ERROR":
            os.environ["PREFECT_LOGGING_LEVEL"] = level


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {
        name: getattr(args, name, None)
        for name in ("base_url", "database_url", "data_dir", "requests_per_second", "task_runner")
    }
    return Settings.from_env().with_overrides(**overrides)


def _filter_params(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "date_from": getattr(args, "date_from", None),
        "date_to": getattr(args, "date_to", None),
        "countries": getattr(args, "countries", None),
        "report_types": getattr(args, "report_types", None),
        "force": getattr(args, "force", False),
    }


def _run(args: argparse.Namespace) -> int:
    from odihr import commands  # heavy imports (Prefect, GX) only once the usage is valid

    if args.command == "demo":
        return commands.demo(args.database_url, args.data_dir)
    if args.command == "status":
        return commands.status(_settings(args), as_json=args.json)
    if args.command == "runs":
        return commands.runs(
            _settings(args), failed=args.failed, limit=args.limit, as_json=args.json
        )
    if args.command in ("backfill", "reparse") and args.dry_run:
        from odihr import dryrun
        from odihr.filters import Filters

        params = _filter_params(args)
        params.pop("force")
        filters = Filters.build(**params)
        if args.command == "backfill":
            return dryrun.backfill_dry_run(_settings(args), filters)
        return dryrun.reparse_dry_run(_settings(args), filters)
    if args.command == "db":
        if args.db_command == "upgrade":
            return commands.db_upgrade(_settings(args))
        return commands.grant_readonly(_settings(args), args.role)
    return commands.ingest(
        args.command, _settings(args), debug=args.debug, **_filter_params(args)
    )


#: Commands that run a flow: they load Prefect, pandas, GX... which take seconds to tear down.
_RUN_COMMANDS = ("demo", "nightly", "backfill", "reparse")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``odihr`` console script; returns the exit status.

    Run as the program (``argv`` None), a run command ends without the interpreter's teardown
    of every loaded module (2-3 s on a busy machine, after the work is done, the exit hooks have
    run and the streams are flushed): see :func:`_exit_now`.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args)
    code = _main(args)
    if argv is None and args.command in _RUN_COMMANDS:
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """Run the exit hooks (Prefect's last flush, stopping the embedded server, logging), flush
    the streams, and leave without tearing the interpreter down."""
    import atexit
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


def _main(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except SettingsError as error:
        print(f"odihr: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TransientFetchError as error:
        from odihr.commands import site_unreachable

        print(f"odihr: {site_unreachable(error)}", file=sys.stderr)
        return EXIT_FAILED
    except OdihrError as error:
        print(f"odihr: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("odihr: interrupted; what was loaded is kept, a rerun resumes", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        if getattr(args, "debug", False):
            raise
        print(
            f"odihr: unexpected {type(error).__name__}: {error} (re-run with --debug for the "
            "traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
