"""Politeness shared by every worker: one request rate for the site, enforced by Prefect.

Each :class:`odihr.site.client.SiteClient` spaces its own requests (``ODIHR_REQUESTS_PER_SECOND``),
but that limiter lives in one process: two workers on two machines would each go at that rate.
A Prefect *rate limit* -- a global concurrency limit with a slot decay -- is kept by the Prefect
server, so every process that takes a slot before each request shares one budget::

    # once, by the operator (or: python -m deployments.deploy --site-rate-limit 1.0)
    prefect gcl create odihr-site-requests --limit 1 --slot-decay-per-second 1.0

    # in the worker environment
    ODIHR_SHARED_RATE_LIMIT=odihr-site-requests

With ``limit=1`` and a decay of *r* slots per second, at most *r* requests per second start,
evenly spaced, across all workers together. :func:`site_throttle` returns the callable the client
calls before each request; it uses ``strict=True``, so a limit that does not exist (a typo, or a
server that lost it) stops the run with an error instead of silently crawling unthrottled.
"""

from __future__ import annotations

from collections.abc import Callable

#: The global concurrency limit (with slot decay) the workers share.
SITE_RATE_LIMIT = "odihr-site-requests"
#: How long one request may wait for a slot before the attempt fails (and is retried).
DEFAULT_WAIT_SECONDS = 600.0


def site_throttle(
    limit_name: str | None, *, timeout_seconds: float | None = DEFAULT_WAIT_SECONDS
) -> Callable[[], None] | None:
    """A callable that blocks until the shared rate limit ``limit_name`` grants one request.

    Args:
        limit_name: the Prefect global concurrency limit (``ODIHR_SHARED_RATE_LIMIT``); ``None``
            or empty: no shared limit, and ``None`` is returned (the client's own limiter only).
        timeout_seconds: the longest wait for a slot; then ``TimeoutError``.

    Raises (from the returned callable):
        ConcurrencySlotAcquisitionError (``prefect.concurrency``): the limit does not exist.
        TimeoutError: no slot within ``timeout_seconds``.
    """
    if not limit_name:
        return None
    from prefect.concurrency.sync import rate_limit

    def throttle() -> None:
        rate_limit(limit_name, occupy=1, timeout_seconds=timeout_seconds, strict=True)

    throttle.__name__ = f"prefect_rate_limit[{limit_name}]"
    return throttle


def ensure_site_rate_limit(
    requests_per_second: float, name: str = SITE_RATE_LIMIT, client: object | None = None
) -> None:
    """Create or update the shared rate limit: ``requests_per_second`` across all workers.

    Args:
        requests_per_second: the site-wide budget (slot decay per second), e.g. ``1.0``.
        name: the limit's name.
        client: a sync Prefect client (default: a new one for ``PREFECT_API_URL``).
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import (
        GlobalConcurrencyLimitCreate,
        GlobalConcurrencyLimitUpdate,
    )
    from prefect.exceptions import ObjectNotFound

    if requests_per_second <= 0:
        raise ValueError("the shared request rate must be greater than 0")
    if client is None:
        with get_client(sync_client=True) as own:
            ensure_site_rate_limit(requests_per_second, name, own)
        return
    try:
        client.read_global_concurrency_limit_by_name(name)  # type: ignore[attr-defined]
    except ObjectNotFound:
        client.create_global_concurrency_limit(  # type: ignore[attr-defined]
            GlobalConcurrencyLimitCreate(
                name=name, limit=1, active=True, slot_decay_per_second=requests_per_second
            )
        )
        return
    client.update_global_concurrency_limit(  # type: ignore[attr-defined]
        name,
        GlobalConcurrencyLimitUpdate(
            limit=1, active=True, slot_decay_per_second=requests_per_second
        ),
    )
