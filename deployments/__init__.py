"""Prefect deployments of odihr-warehouse: ``ingest/nightly``, ``ingest/backfill``,
``reparse/reparse``.

* :mod:`deployments.specs` -- names, schedules, parameters and concurrency of the deployments.
* :mod:`deployments.entrypoints` -- the flows as deployments run them (task runner from settings).
* :mod:`deployments.serve` -- ``python -m deployments.serve``: serve all three from one process.
* :mod:`deployments.deploy` -- ``python -m deployments.deploy``: process work pool, work queue
  and deployments for ``prefect worker start`` (``deployments/prefect.yaml`` is the same for
  ``prefect deploy``).
* :mod:`tasks.politeness` -- a request rate shared by every worker (Prefect rate limit).
* :mod:`deployments.zombies` -- runs whose process died are marked ``Crashed`` (frees the queue).

See ``docs/operations.md``.
"""
