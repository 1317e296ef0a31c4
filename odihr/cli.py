"""The ``odihr`` command line (see ../CONTRACT.md): demo, nightly, backfill, reparse, status, db.

Its grammar (commands and options) is :mod:`odihr.cli_args`; this module reads the arguments,
sets logging and settings up, runs the command and turns failures into exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from odihr.cli_args import build_parser
from odihr.errors import OdihrError, TransientFetchError
from odihr.exitcodes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
from odihr.settings import Settings, SettingsError


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
