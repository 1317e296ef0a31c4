"""Options shared by the tasks. Retries live in ONE layer: the site client.

The client (``odihr.site.client``) retries 5xx, 429, timeouts and resets with exponential
backoff and honours ``Retry-After``; a Prefect task retry on top of it multiplied the attempts
(390 requests for 26 PDFs on a site answering 500) and asked again 32 s after a
``Retry-After: 200``. So no task retries here: a download that outlives the client's retries is
that document's failure, counted by the run's circuit breaker (``odihr.site.breaker``).
"""

from __future__ import annotations

from typing import Any

from prefect.cache_policies import NONE

#: Every task: nothing cached, nothing persisted (inputs are clients, engines and big records;
#: idempotence comes from the warehouse, not from Prefect's result cache).
TASK_OPTIONS: dict[str, Any] = {"cache_policy": NONE, "persist_result": False}
#: Tasks that talk to the site: no task-level retries (the client retries; see above).
NETWORK_TASK_OPTIONS: dict[str, Any] = {**TASK_OPTIONS, "retries": 0}
