"""Environment for Prefect's embedded (ephemeral) mode, set before ``prefect`` is imported.

Offline, Prefect's telemetry calls time out and slow every run; its first ephemeral start on a
fresh home takes ~12 s here and once timed out at 20 s. Values already in the environment win,
so a production ``PREFECT_API_URL`` or ``PREFECT_HOME`` is never overridden.
"""

from __future__ import annotations

import os
from pathlib import Path

PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # Flow and task runs log their domain lines (what was found, what was held back and why) at
    # INFO to the Prefect API, where the UI shows them; the terminal shows warnings and worse.
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    # The embedded server's shutdown races its event services and logs tracebacks of events it
    # could not flush after the run has ended: noise for a person, nothing lost for the warehouse.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_API_ENABLE_HTTP2": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


def configure_prefect(prefect_home: Path | None = None) -> None:
    """Set Prefect's environment defaults; ``prefect_home`` keeps its state out of ``~``."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    if prefect_home is not None and "PREFECT_HOME" not in os.environ:
        os.environ["PREFECT_HOME"] = str(prefect_home.resolve())
    if "PREFECT_HOME" in os.environ:  # Prefect cannot create its SQLite file in a missing folder
        Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)

