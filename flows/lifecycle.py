"""The life of one run: migrate, take the warehouse lock, record the run, always record its end."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from db.converge import abandon_dead_runs
from db.engine import get_engine
from db.load import finish_run, start_run
from db.lock import warehouse_lock
from db.migrate import upgrade
from odihr.settings import Settings
from odihr.summary import RunSummary
from tasks.validate import write_validation_report


@contextmanager
def tracked_run(
    settings: Settings, kind: str, parameters: Mapping[str, Any]
) -> Iterator[tuple[Engine, RunSummary]]:
    """Yield the warehouse engine and the run's summary; the run record always gets its end.

    An interrupted (Ctrl-C) or failed run is recorded as such; everything loaded before that is
    kept (one transaction per report), so a rerun resumes where it stopped.
    """
    started = time.perf_counter()
    engine = get_engine(settings.database_url)
    with warehouse_lock(engine, timeout=settings.lock_timeout, holder=f"odihr {kind}"):
        upgrade(settings.database_url)  # under the lock: two first runs never migrate at once
        abandon_dead_runs(engine)  # under the lock: a run still `running` has no process left
        summary = RunSummary(kind=kind)
        summary.run_id = start_run(engine, kind, parameters, _flow_run_id())
        try:
            yield engine, summary
            summary.outcome = "completed"
        except KeyboardInterrupt:
            summary.outcome = "interrupted"
            raise
        except BaseException as error:
            summary.outcome = "failed"
            summary.error = f"{type(error).__name__}: {error}"[:500]
            raise
        finally:
            if summary.validations:  # also after an interruption: what was validated is shown
                summary.validation_report = write_validation_report(
                    summary.validations, settings.reports_dir
                )
            summary.wall_seconds = time.perf_counter() - started
            finish_run(engine, summary.run_id, summary.outcome, summary.as_dict())


_LAST_FLOW_RUN: list[str] = []


def last_flow_run_id() -> str | None:
    """The Prefect flow run of the last run this process started (the CLI marks an interrupted
    one ``Cancelled``)."""
    return _LAST_FLOW_RUN[-1] if _LAST_FLOW_RUN else None


def _flow_run_id() -> str | None:
    """The id of the Prefect flow run this run belongs to (None outside a flow run)."""
    from prefect.runtime import flow_run

    run_id = flow_run.id
    if run_id:
        _LAST_FLOW_RUN[:] = [str(run_id)]
    return str(run_id) if run_id else None
