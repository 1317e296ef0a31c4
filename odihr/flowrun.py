"""Running a flow in-process for the command line: the task runner, Prefect's API (the CLI's
own embedded server unless ``PREFECT_API_URL`` is set), a Ctrl-C recorded as ``Cancelled``, and
Prefect's console kept to one line per failure."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from odihr import early_crawl
from odihr.filters import Filters
from odihr.prefect_env import configure_prefect
from odihr.reaper import is_embedded_prefect
from odihr.settings import Settings, SettingsError, active_settings


def task_runner(settings: Settings) -> Any:
    """The Prefect task runner parsing runs on: threads, or Dask (a local cluster of
    ``parse_workers`` single-threaded worker processes, or a cluster's address)."""
    if settings.task_runner == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise SettingsError(
                "ODIHR_TASK_RUNNER=dask needs the dask extra: "
                "pip install 'odihr-warehouse[dask]' (or use --task-runner thread)"
            ) from None

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": max(1, settings.parse_workers),
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=2)


class _FailuresToTheCommandLine(logging.Filter):
    """Keep Prefect's tracebacks of a failed run off the terminal: the command line says why in
    one line (and ``--debug`` shows everything). The Prefect API still records them in full."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            return False
        message = record.getMessage()
        # "Still processing items": Prefect's event worker flushing at exit after a failed run
        # (nothing of the warehouse's is in those events). "Crash detected!": how Prefect names
        # a Ctrl-C, which the command line reports in its own one line.
        return not message.startswith(
            ("Finished in state", "Encountered exception", "Still processing items")
        ) and "Crash detected!" not in message


def _quiet_console(debug: bool) -> None:
    from prefect.logging.handlers import PrefectConsoleHandler

    if debug:
        return
    # Prefect 3 puts its console handler on the root logger (older releases on "prefect").
    for handler in [*logging.getLogger().handlers, *logging.getLogger("prefect").handlers]:
        quiet = any(isinstance(f, _FailuresToTheCommandLine) for f in handler.filters)
        if isinstance(handler, PrefectConsoleHandler) and not quiet:
            handler.addFilter(_FailuresToTheCommandLine())


def run_flow(
    kind: str, settings: Settings, filters: Filters, force: bool, debug: bool = False
) -> dict[str, Any]:
    """Run the ingest or reparse flow in-process and return its summary dict.

    Without ``PREFECT_API_URL`` the embedded Prefect server is started first, so that it boots
    while the flows are imported (:mod:`odihr.embedded_server`), and the crawl of a backfill
    runs meanwhile (:mod:`odihr.early_crawl`). A Ctrl-C ends the flow run
    ``Cancelled`` before the ``KeyboardInterrupt`` goes on to the command line.
    """
    configure_prefect(settings.prefect_home)
    server = None
    if is_embedded_prefect():
        from odihr.embedded_server import embedded_server

        server = embedded_server()
    # The crawl's HTTP needs no Prefect: it runs while the server boots and the flows import.
    if early_crawl.wanted(kind, force, settings):
        early_crawl.start(settings, filters)
        if settings.task_runner != "dask":  # Dask workers validate what they parse
            from odihr.validate.remote import warm_up

            warm_up()  # the validation child imports GX while the server boots, not after
    try:
        return _run(kind, server, settings, filters, force, debug)
    finally:
        early_crawl.discard()  # a crawl the flow did not take (it failed before) is dropped


def _run(
    kind: str, server: Any, settings: Settings, filters: Filters, force: bool, debug: bool
) -> dict[str, Any]:
    if kind == "reparse":
        from flows.reparse import reparse as flow_fn
    else:
        from flows.ingest import ingest as flow_fn
    from flows.lifecycle import last_flow_run_id

    _quiet_console(debug)
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
    runner = task_runner(settings)
    with _prefect_api(server), active_settings(settings):
        before = last_flow_run_id()
        try:
            return flow_fn.with_options(task_runner=runner)(**params)
        except KeyboardInterrupt:
            flow_run_id = last_flow_run_id()
            if flow_run_id is not None and flow_run_id != before:
                _mark_cancelled(flow_run_id)
            raise
        finally:
            _flush_prefect()


@contextmanager
def _prefect_api(server: Any) -> Iterator[None]:
    """Point Prefect at our embedded ``server`` (once it answers) for the block."""
    if server is None:
        yield
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server.wait_ready()
    # Both: a process this one spawns (a local Dask cluster's workers) reads the environment,
    # and prefect-dask ships this process's settings context with every task. Without them each
    # worker would start a temporary server of its own (~30 s and ~250 MB each).
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def _mark_cancelled(flow_run_id: str) -> None:
    """Record an interrupted flow run as ``Cancelled`` (Prefect records a Ctrl-C as a crash)."""
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.states import Cancelled

    try:
        with get_client(sync_client=True) as client:
            client.set_flow_run_state(
                UUID(flow_run_id),
                Cancelled(message="interrupted (Ctrl-C); what was loaded is kept"),
                force=True,
            )
    except Exception as error:  # noqa: BLE001 - the warehouse already records the interruption
        logging.getLogger("odihr").warning("could not mark flow run %s cancelled: %s",
                                           flow_run_id, error)


def _flush_prefect() -> None:
    """Send the run's last events and logs while the API still answers (never at exit)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with suppress(Exception):  # best effort: nothing of the warehouse is in them
            worker.drain_all(timeout=5)
