"""Options shared by the tasks; network tasks retry transient errors, never a 404/410."""

from __future__ import annotations

from typing import Any

from prefect.cache_policies import NONE

from odihr.errors import Gone, OffSiteUrl, TooLarge
from odihr.settings import Settings

#: Errors that no retry can fix.
PERMANENT = (Gone, OffSiteUrl, TooLarge)
#: Default task-retry delays (exponential: 30 s, then 60 s); see :func:`task_retry_delays`.
RETRY_DELAYS = [30.0, 60.0]
RETRY_JITTER = 0.5


def task_retry_delays(settings: Settings) -> list[float]:
    """Delays of Prefect's task-level retries, on top of the client's own (seconds).

    The client already retried with ``ODIHR_BACKOFF_SECONDS``; a task retry waits 30× and 60×
    that (30 s and 60 s by default) so a site that is briefly down gets time to come back.
    """
    return [settings.backoff_seconds * 30, settings.backoff_seconds * 60]


def retry_transient_only(task: Any, task_run: Any, state: Any) -> bool:
    """``retry_condition_fn``: retry unless the failure is permanent (a 404 is never retried)."""
    try:
        state.result()
    except PERMANENT:
        return False
    except Exception:  # noqa: BLE001 - anything else is worth another try
        return True
    return False


#: Every task: nothing cached, nothing persisted (inputs are clients, engines and big records;
#: idempotence comes from the warehouse, not from Prefect's result cache).
TASK_OPTIONS: dict[str, Any] = {"cache_policy": NONE, "persist_result": False}
#: Tasks that talk to the site.
NETWORK_TASK_OPTIONS: dict[str, Any] = {
    **TASK_OPTIONS,
    "retries": len(RETRY_DELAYS),
    "retry_delay_seconds": RETRY_DELAYS,
    "retry_jitter_factor": RETRY_JITTER,
    "retry_condition_fn": retry_transient_only,
}
