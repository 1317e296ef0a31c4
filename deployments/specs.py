"""What the deployments are: names, entrypoints, schedules, parameters, concurrency.

One place for the three deployments, used by ``python -m deployments.serve`` (``serve``),
``python -m deployments.deploy`` (work pool) and checked against ``deployments/prefect.yaml`` by
the tests.

======================  ===================  ============================================
deployment              runs                 when
======================  ===================  ============================================
``ingest/nightly``      ``ingest`` kind      ``ODIHR_NIGHTLY_CRON`` (default ``0 2 * * *``,
                        ``nightly``          UTC)
``ingest/backfill``     ``ingest`` kind      on demand, with the contract's filters as
                        ``backfill``         parameters (``date_from``, ``date_to``,
                                             ``countries``, ``report_types``, ``force``)
``reparse/reparse``     ``reparse``          on demand (after a parser upgrade)
======================  ===================  ============================================

Every deployment has ``concurrency_limit=1`` (a second run of the *same* deployment waits, or --
for the nightly -- is cancelled); runs of *different* deployments are kept apart by the
``warehouse`` work queue's limit of 1 (work pools), ``serve(limit=1)`` (serve), and, always, by
the warehouse lock the flows take. ``docs/operations.md`` says why.

Run ``python -m deployments.specs`` to print the deployments as the current environment makes
them (``python -m deployments.specs nightly-cron`` prints only the cron; ``prefect.yaml`` uses it).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

from odihr.settings import Settings

INGEST_FLOW = "ingest"
REPARSE_FLOW = "reparse"
NIGHTLY = "nightly"
BACKFILL = "backfill"
REPARSE = "reparse"
#: ``flow/deployment`` names, as ``prefect deployment run`` and ``run_deployment`` take them.
NIGHTLY_DEPLOYMENT = f"{INGEST_FLOW}/{NIGHTLY}"
BACKFILL_DEPLOYMENT = f"{INGEST_FLOW}/{BACKFILL}"
REPARSE_DEPLOYMENT = f"{REPARSE_FLOW}/{REPARSE}"
#: Module-path entrypoints: importable wherever the package is installed, no working directory.
INGEST_ENTRYPOINT = "deployments.entrypoints.ingest"
REPARSE_ENTRYPOINT = "deployments.entrypoints.reparse"
#: The process work pool and the queue whose concurrency limit of 1 keeps writers apart.
WORK_POOL = "odihr-process"
WORK_QUEUE = "warehouse"
WORK_QUEUE_CONCURRENCY = 1
NIGHTLY_TIMEZONE = "UTC"
TAGS = ("odihr", "warehouse-writer")


@dataclass(frozen=True)
class DeploymentSpec:
    """One deployment, independent of how it is registered (serve or work pool)."""

    flow_name: str
    name: str
    entrypoint: str
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)
    cron: str | None = None
    #: A second run of this deployment while one runs: ``ENQUEUE`` (wait) or ``CANCEL_NEW``.
    collision_strategy: ConcurrencyLimitStrategy = ConcurrencyLimitStrategy.ENQUEUE

    @property
    def full_name(self) -> str:
        """``flow/deployment``."""
        return f"{self.flow_name}/{self.name}"

    @property
    def concurrency_limit(self) -> ConcurrencyLimitConfig:
        """At most one run of this deployment at a time."""
        return ConcurrencyLimitConfig(limit=1, collision_strategy=self.collision_strategy)


def validate_cron(cron: str) -> str:
    """Return ``cron`` if Prefect accepts it; else raise ``ValueError`` naming the variable."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron, timezone=NIGHTLY_TIMEZONE)
    except ValueError:
        raise ValueError(
            f"ODIHR_NIGHTLY_CRON={cron!r} is not a valid cron expression "
            "(five fields, minute hour day month weekday, e.g. '0 2 * * *')"
        ) from None
    return cron


def deployment_specs(settings: Settings | None = None) -> list[DeploymentSpec]:
    """The three deployments; the nightly cron comes from ``settings`` (``ODIHR_NIGHTLY_CRON``)."""
    settings = settings or Settings.from_env()
    return [
        DeploymentSpec(
            flow_name=INGEST_FLOW,
            name=NIGHTLY,
            entrypoint=INGEST_ENTRYPOINT,
            description=(
                "Incremental ingest (`odihr nightly`): new elections, documents newly added to "
                "known elections, re-issued PDFs. Scheduled by ODIHR_NIGHTLY_CRON (UTC)."
            ),
            parameters={"kind": NIGHTLY},
            cron=validate_cron(settings.nightly_cron),
            collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW,
        ),
        DeploymentSpec(
            flow_name=INGEST_FLOW,
            name=BACKFILL,
            entrypoint=INGEST_ENTRYPOINT,
            description=(
                "Ingest every matching election (`odihr backfill`). Parameters: date_from, "
                "date_to (YYYY-MM-DD, by election date, inclusive), countries (site slugs), "
                "report_types, force. Without filters: the whole site."
            ),
            parameters={"kind": BACKFILL},
        ),
        DeploymentSpec(
            flow_name=REPARSE_FLOW,
            name=REPARSE,
            entrypoint=REPARSE_ENTRYPOINT,
            description=(
                "Re-parse, re-validate and reload stored PDFs without the network "
                "(`odihr reparse`), after a parser upgrade. Same filters as the backfill."
            ),
        ),
    ]


def runner_deployments(
    settings: Settings | None = None,
    *,
    work_pool: str | None = None,
    work_queue: str | None = None,
) -> list[Any]:
    """The deployments as Prefect ``RunnerDeployment`` objects, for ``serve`` or ``apply``.

    Args:
        settings: where the nightly cron comes from (default: the environment).
        work_pool: register for this work pool (``None``: for ``serve``).
        work_queue: the pool's queue (only with ``work_pool``).
    """
    from prefect.deployments.runner import RunnerDeployment
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from deployments import entrypoints

    flows = {INGEST_ENTRYPOINT: entrypoints.ingest, REPARSE_ENTRYPOINT: entrypoints.reparse}
    result = []
    for spec in deployment_specs(settings):
        deployment = RunnerDeployment.from_flow(
            flows[spec.entrypoint],
            name=spec.name,
            schedules=[Cron(spec.cron, timezone=NIGHTLY_TIMEZONE)] if spec.cron else None,
            concurrency_limit=spec.concurrency_limit,
            parameters=dict(spec.parameters),
            description=spec.description,
            tags=list(TAGS),
            work_pool_name=work_pool,
            work_queue_name=work_queue if work_pool else None,
            entrypoint_type=EntrypointType.MODULE_PATH,
            # The server refuses a run whose parameters do not fit the flow's types
            # (date_from=2015-13-01) when it is created, not when it starts.
            enforce_parameter_schema=True,
        )
        # from_flow derives the entrypoint from the function (flows.ingest.ingest); runs must
        # load the flow with the configured task runner instead.
        deployment.entrypoint = spec.entrypoint
        result.append(deployment)
    return result


def describe(settings: Settings | None = None) -> list[dict[str, Any]]:
    """The deployments as plain data (what ``python -m deployments.specs`` prints)."""
    return [
        {
            "deployment": spec.full_name,
            "entrypoint": spec.entrypoint,
            "parameters": spec.parameters,
            "cron": spec.cron,
            "timezone": NIGHTLY_TIMEZONE if spec.cron else None,
            "concurrency_limit": 1,
            "collision_strategy": spec.collision_strategy.value,
            "tags": list(TAGS),
        }
        for spec in deployment_specs(settings)
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m deployments.specs [nightly-cron]``."""
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["nightly-cron"]):
        print("usage: python -m deployments.specs [nightly-cron]", file=sys.stderr)
        return 2
    try:
        if args:
            print(validate_cron(Settings.from_env().nightly_cron))
        else:
            print(json.dumps(describe(), indent=2))
    except ValueError as error:  # SettingsError included: the message names the variable
        print(f"python -m deployments.specs: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
