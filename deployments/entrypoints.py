"""The flows as their deployments run them: on the task runner ``ODIHR_TASK_RUNNER`` selects.

Deployments point here (module-path entrypoints ``deployments.entrypoints.ingest`` and
``deployments.entrypoints.reparse``) rather than at ``flows.*`` so that a flow run started by a
worker or by ``serve`` parses on the same runner as ``odihr backfill`` does: threads by default,
or Dask (a local cluster, or the scheduler at ``ODIHR_DASK_ADDRESS``). The flows keep their names
(``ingest``, ``reparse``), parameters and code; only the task runner differs.

The module is imported afresh by every flow-run process, so the settings are those of the
worker's (or the serving process's) environment at the time of the run.
"""

from __future__ import annotations

from flows.ingest import ingest as _ingest
from flows.reparse import reparse as _reparse
from odihr.commands import task_runner
from odihr.settings import Settings

_settings = Settings.from_env()

#: ``ingest`` flow (``ingest/nightly``, ``ingest/backfill``) on the configured task runner.
ingest = _ingest.with_options(task_runner=task_runner(_settings))
#: ``reparse`` flow (``reparse/reparse``) on the configured task runner.
reparse = _reparse.with_options(task_runner=task_runner(_settings))

__all__ = ["ingest", "reparse"]
