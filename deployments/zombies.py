"""Mark flow runs whose process died as ``Crashed``, so they stop holding the writer slot.

The ``warehouse`` work queue runs one flow run at a time. A run whose machine or process dies
without reporting (power loss, OOM kill of the worker) stays ``Running`` for ever and would block
every later nightly. Prefect's remedy: runs emit heartbeats (``PREFECT_FLOWS_HEARTBEAT_FREQUENCY``,
set it to ``30`` on every worker or serving process) and an automation marks a run ``Crashed``
when its heartbeats stop -- which frees the queue. Created by
``python -m deployments.deploy --crash-zombies`` (idempotent).
"""

from __future__ import annotations

from datetime import timedelta

AUTOMATION_NAME = "odihr: crash zombie flow runs"
#: Silence after the last heartbeat before a run is declared crashed (three missed beats at 30 s).
SILENCE = timedelta(seconds=90)


def ensure_zombie_automation(silence: timedelta = SILENCE) -> bool:
    """Create the automation unless one with its name exists; True if it was created."""
    from prefect.automations import Automation
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    try:
        Automation.read(name=AUTOMATION_NAME)
    except ValueError:
        pass
    else:
        return False
    Automation(
        name=AUTOMATION_NAME,
        description="Flow runs that stopped sending heartbeats are marked Crashed "
        "(docs/operations.md).",
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={
                "prefect.flow-run.heartbeat",
                "prefect.flow-run.Completed",
                "prefect.flow-run.Failed",
                "prefect.flow-run.Cancelled",
                "prefect.flow-run.Crashed",
            },
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=silence,
        ),
        actions=[
            ChangeFlowRunState(
                state=StateType.CRASHED,
                message="Marked crashed: the flow run stopped sending heartbeats.",
            )
        ],
    ).create()
    return True
