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

from odihr.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from odihr.filters import Filters
from odihr.prefect_env import configure_prefect, guard_against_orphans
from odihr.settings import Settings, active_settings

#: The demo serves the bundled mirror on loopback, so it need not be as polite as with the site.
DEMO_REQUESTS_PER_SECOND = 200.0
SAMPLE_SITE = Path(__file__).with_name("sample_site")


def task_runner(settings: Settings) -> Any:
    """The Prefect task runner parsing runs on: threads, or Dask (local cluster or address)."""
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": 2,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=2)


def run_flow(kind: str, settings: Settings, filters: Filters, force: bool) -> dict[str, Any]:
    """Run the ingest or reparse flow in-process and return its summary dict."""
    configure_prefect(settings.prefect_home)
    guard_against_orphans()
    if kind == "reparse":
        from flows.reparse import reparse as flow_fn
    else:
        from flows.ingest import ingest as flow_fn
    # Settings travel in a context variable, not as parameters: Prefect stores parameters in its
    # run records, and the database URL may carry a password.
    params: dict[str, Any] = {
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "countries": sorted(filters.countries) or None,
        "report_types": sorted(filters.report_types) or None,
        "force": force,
    }
    if kind != "reparse":
        params.update(kind=kind)
    with active_settings(settings):
        return flow_fn.with_options(task_runner=task_runner(settings))(**params)


@contextmanager
def _progress() -> Iterator[None]:
    """Progress bars when a person watches (a terminal), nothing otherwise."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield
        return
    from odihr.progress import RichBars, installed

    with RichBars() as bars, installed(bars):
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
) -> int:
    """``odihr nightly | backfill | reparse``."""
    filters = Filters.build(date_from, date_to, countries, report_types)
    try:
        with _progress():
            result = run_flow(kind, settings, filters, force)
    except Exception as error:  # noqa: BLE001 - the run could not complete: exit 1 with why
        print(f"odihr {kind}: the run could not complete: {error}", file=sys.stderr)
        return EXIT_FAILED
    _print_summary(result)
    return EXIT_OK


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


def status(settings: Settings) -> int:
    """``odihr status``: counts by status, the last runs, every quarantined report."""
    from db.migrate import upgrade
    from db.status import last_runs, quarantined_documents, status_counts

    engine = upgrade(settings.database_url)
    counts = status_counts(engine)
    print("documents by status:")
    for name in ("loaded", "quarantined", "skipped", "pending"):
        print(f"  {name:<12}{counts.get(name, 0):>6}")
    print("last runs:")
    for run in last_runs(engine):
        ended = run["ended_at"].isoformat(timespec="seconds") if run["ended_at"] else "-"
        counts = json.loads(run["counts"] or "{}")
        tally = ", ".join(
            f"{name} {counts[name]}" for name in ("new", "loaded", "quarantined") if name in counts
        )
        print(
            f"  #{run['id']:<4} {run['kind']:<9} {run['outcome']:<12} started "
            f"{run['started_at'].isoformat(timespec='seconds')} ended {ended}  {tally}"
        )
    quarantined = quarantined_documents(engine)
    print(f"quarantined reports: {len(quarantined)}")
    for path, reason in quarantined:
        print(f"  {path}: {reason}")
    return EXIT_OK


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
