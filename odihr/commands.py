"""What each ``odihr`` command does, once its arguments are valid (see ``odihr.cli``)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from odihr.errors import TransientFetchError
from odihr.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from odihr.filters import Filters

# task_runner re-exported: deployments.entrypoints and the tests take it from here.
from odihr.flowrun import run_flow
from odihr.flowrun import task_runner as task_runner
from odihr.settings import Settings, SettingsError

#: The demo serves the bundled mirror on loopback, so it need not be as polite as with the site.
DEMO_REQUESTS_PER_SECOND = 200.0
SAMPLE_SITE = Path(__file__).with_name("sample_site")


@contextmanager
def _progress() -> Iterator[None]:
    """Progress from the command's first second (``ODIHR_PROGRESS``, see :mod:`odihr.progress`):
    bars when a person watches a terminal, plain lines on request, nothing otherwise."""
    from odihr.progress import MODES, Lines, RichBars, installed

    mode = os.environ.get("ODIHR_PROGRESS", "").strip().lower() or "auto"
    if mode not in MODES:
        raise SettingsError(f"ODIHR_PROGRESS={mode!r} is not one of {', '.join(MODES)}")
    if mode == "auto":
        mode = "bars" if sys.stderr.isatty() and not os.environ.get("CI") else "off"
    if mode == "off":
        yield
        return
    shown = RichBars() if mode == "bars" else Lines()
    with shown, installed(shown):
        shown.grow("crawl", 0)  # the crawl bar is there while Prefect's server starts
        yield


def _print_summary(result: dict[str, Any]) -> None:
    print(result.get("text") or result)


def ingest(
    kind: str,
    settings: Settings,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    countries: list[str] | None = None,
    report_types: list[str] | None = None,
    force: bool = False,
    debug: bool = False,
) -> int:
    """``odihr nightly | backfill | reparse``."""
    filters = Filters.build(date_from, date_to, countries, report_types)
    try:
        with _progress():
            result = run_flow(kind, settings, filters, force, debug)
    except (SettingsError, KeyboardInterrupt):
        raise
    except Exception as error:  # noqa: BLE001 - the run could not complete: exit 1 with why
        if debug:
            raise
        print(f"odihr {kind}: the run could not complete: {_one_line(error, settings)}",
              file=sys.stderr)
        return EXIT_FAILED
    finally:
        checkpoint(settings.database_url)
    _print_summary(result)
    if filters != Filters() and not result.get("discovered"):
        print(f"odihr {kind}: no election or document matched the filters {filters.describe()}")
    return EXIT_OK


def _one_line(error: BaseException, settings: Settings) -> str:
    """Why a run failed, in one line that names the setting to change where there is one."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    if isinstance(error, OperationalError | InterfaceError):
        cause = str(getattr(error, "orig", error)).strip().splitlines()[0]
        return (
            f"cannot reach the warehouse database {settings.redacted_database_url()}: {cause} "
            "(check --db / ODIHR_DATABASE_URL)"
        )
    if isinstance(error, TransientFetchError):
        return site_unreachable(error)
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def site_unreachable(error: TransientFetchError) -> str:
    """A fetch that outlived its retries, in one line naming the settings to check."""
    import re

    errno = re.search(r"\[Errno -?\d+\] [^'\")]+", error.detail)
    cause = errno.group(0).strip() if errno else error.detail.splitlines()[0][:120]
    return (
        f"the site did not answer {error.url} after {error.attempts} attempt(s): {cause} "
        "(check --base-url / ODIHR_BASE_URL; retries: ODIHR_RETRIES, ODIHR_BACKOFF_SECONDS)"
    )


def demo(database_url: str | None, data_dir: Path | None) -> int:
    """Serve the bundled sample mirror on loopback and ingest all of it into a fresh warehouse."""
    from odihr.site.server import MirrorServer

    db_url = database_url or "sqlite:///warehouse.db"
    if database_url is None and not _fresh_sqlite("warehouse.db"):
        print(
            "odihr demo: ./warehouse.db holds runs other than demos; pass --db to use another file",
            file=sys.stderr,
        )
        return EXIT_USAGE
    with MirrorServer(SAMPLE_SITE) as server:
        settings = Settings.from_env().with_overrides(
            base_url=server.base_url,
            database_url=db_url,
            data_dir=data_dir or Path("data"),
            requests_per_second=DEMO_REQUESTS_PER_SECOND,
        )
        print(f"odihr demo: serving the bundled sample mirror at {server.base_url}")
        code = ingest("demo", settings)
    if code == EXIT_OK:
        print("\nWhere to look next:")
        print(
            f"  warehouse     {db_url}  (views bi_reports, bi_results, bi_turnout, "
            "bi_observers, bi_recommendations)"
        )
        print(
            "  try           sqlite3 warehouse.db 'select country, report_type, status "
            "from bi_reports'"
        )
        print("  status        odihr status --db " + db_url)
    return code


def _fresh_sqlite(path: str) -> bool:
    """Delete a previous demo warehouse; refuse (False) when it holds runs other than demos."""
    file = Path(path)
    if file.exists():
        import sqlite3

        try:
            with sqlite3.connect(file) as connection:
                kinds = {row[0] for row in connection.execute("SELECT DISTINCT kind FROM run")}
        except sqlite3.Error:
            kinds = set()
        if kinds - {"demo"}:
            return False
    for suffix in ("", "-wal", "-shm"):
        Path(str(file) + suffix).unlink(missing_ok=True)
    return True


def existing_warehouse(settings: Settings, command: str) -> Any:
    """The engine of a warehouse that exists; read-only commands never create one."""
    from sqlalchemy.engine import make_url

    from db.migrate import upgrade

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database).expanduser()
        if not path.exists():
            raise SettingsError(
                f"odihr {command}: there is no warehouse at {path} (check --db or "
                "ODIHR_DATABASE_URL; a run such as `odihr backfill` creates it)"
            )
    return upgrade(settings.database_url)


def status(settings: Settings, *, as_json: bool = False) -> int:
    """``odihr status``: counts by status, the last runs, every quarantined or partial report."""
    from db.status import last_runs, quarantined_documents, status_counts

    engine = existing_warehouse(settings, "status")
    counts = status_counts(engine)
    if as_json:
        report = {
            "documents": counts,
            "runs": [_run_record(run) for run in last_runs(engine)],
            **{
                name: [
                    {"url_path": path, "reason": reason}
                    for path, reason in quarantined_documents(engine, name)
                ]
                for name in ("quarantined", "partial")
            },
        }
        print(json.dumps(report, indent=2, default=str))
        return EXIT_OK
    print("documents by status:")
    for name in ("loaded", "partial", "quarantined", "skipped", "pending"):
        print(f"  {name:<12}{counts.get(name, 0):>6}")
    print("last runs:")
    for run in last_runs(engine):
        ended = run["ended_at"].isoformat(timespec="seconds") if run["ended_at"] else "-"
        counts = json.loads(run["counts"] or "{}")
        tally = ", ".join(
            f"{name} {counts[name]}"
            for name in ("new", "loaded", "partial", "quarantined")
            if name in counts
        )
        print(
            f"  #{run['id']:<4} {run['kind']:<9} {run['outcome']:<12} started "
            f"{run['started_at'].isoformat(timespec='seconds')} ended {ended}  {tally}"
        )
    for name in ("quarantined", "partial"):
        held = quarantined_documents(engine, name)
        print(f"{name} reports: {len(held)}")
        for path, reason in held:
            print(f"  {path}: {reason}")
    return EXIT_OK


def _run_record(run: dict[str, Any]) -> dict[str, Any]:
    """One run as ``odihr runs`` shows it: parameters, duration, counts, error."""
    counts = json.loads(run["counts"] or "{}")
    ended = run["ended_at"]
    return {
        "id": run["id"],
        "kind": run["kind"],
        "outcome": run["outcome"],
        "started_at": run["started_at"].isoformat(timespec="seconds"),
        "ended_at": ended.isoformat(timespec="seconds") if ended else None,
        "seconds": round((ended - run["started_at"]).total_seconds(), 1) if ended else None,
        "parameters": json.loads(run["parameters"] or "{}"),
        "counts": {k: v for k, v in counts.items() if isinstance(v, int) and k != "bytes"},
        "error": counts.get("error"),
    }


def runs(settings: Settings, *, failed: bool = False, limit: int = 20,
         as_json: bool = False) -> int:
    """``odihr runs [--failed]``: each run's parameters, duration, counts and error."""
    from db.status import last_runs

    engine = existing_warehouse(settings, "runs")
    records = [_run_record(r) for r in last_runs(engine, limit=limit, failed=failed)]
    if as_json:
        print(json.dumps(records, indent=2, default=str))
        return EXIT_OK
    if not records:
        print("no failed runs" if failed else "no runs yet")
    for r in records:
        took = f"{r['seconds']:.1f} s" if r["seconds"] is not None else "-"
        params = ", ".join(f"{k}={v}" for k, v in r["parameters"].items() if v not in (None, []))
        tally = ", ".join(f"{k} {v}" for k, v in r["counts"].items())
        print(f"#{r['id']:<4} {r['kind']:<9} {r['outcome']:<12} {r['started_at']}  {took:>9}")
        print(f"      parameters: {params or '-'}")
        print(f"      counts:     {tally or '-'}")
        if r["error"]:
            print(f"      error:      {r['error']}")
    return EXIT_OK


def checkpoint(database_url: str) -> None:
    """Fold SQLite's write-ahead log into the database file, so the ``.db`` alone is whole."""
    from db.engine import checkpoint as checkpoint_wal

    checkpoint_wal(database_url)


def db_upgrade(settings: Settings) -> int:
    """``odihr db upgrade``."""
    from db.migrate import current_revision, upgrade

    engine = upgrade(settings.database_url)
    print(f"warehouse {settings.redacted_database_url()} is at revision {current_revision(engine)}")
    return EXIT_OK


def grant_readonly(settings: Settings, role: str) -> int:
    """``odihr db grant-readonly ROLE``."""
    from db.grants import grant_readonly as grant

    grant(settings.database_url, role)
    print(f"role {role!r} can now read the BI views and nothing else")
    return EXIT_OK
