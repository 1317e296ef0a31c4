"""Retry policy shared by the network tasks: transient errors are retried, 404/410 never."""

from __future__ import annotations

from typing import Any

from prefect.tasks import exponential_backoff

from odihr.errors import Gone, OffSiteUrl, TooLarge

#: Errors that no retry can fix.
PERMANENT = (Gone, OffSiteUrl, TooLarge)
RETRY_DELAYS = exponential_backoff(backoff_factor=5)
RETRY_JITTER = 0.5


def retry_transient_only(task: Any, task_run: Any, state: Any) -> bool:
    """``retry_condition_fn``: retry unless the failure is permanent (a 404 is never retried)."""
    try:
        state.result()
    except PERMANENT:
        return False
    except Exception:  # noqa: BLE001 - anything else is worth another try
        return True
    return False
