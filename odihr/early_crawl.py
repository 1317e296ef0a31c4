"""The crawl of a command-line run, started before Prefect's server answers.

Walking the listing, country and election pages is plain HTTP: it needs neither Prefect nor the
warehouse. The command line starts it on a thread (:func:`start`) right after it starts
Prefect's embedded server, so the crawl runs -- and its progress bar moves -- while the server
boots and the flows are imported. The flow's crawl task then takes the result
(:func:`take`) instead of walking the site again; what the crawl raised is raised there, inside
the flow run, so a failed crawl is recorded as before.

Only a crawl the flow would make itself is started early: the whole walk of a backfill (a
nightly's incremental walk reads the warehouse first), and not with a shared rate limit (its
slots are kept by the Prefect server).
"""

from __future__ import annotations

import logging
import threading

from odihr.filters import Filters
from odihr.settings import Settings
from odihr.site.models import Discovery

#: The loggers a crawl writes to (retries, skipped pages): held back while it runs early.
CRAWL_LOGGERS = ("odihr.site.client", "odihr.site.discovery")


class _HeldBack(logging.Filter):
    """Keeps what an early crawl logs until the flow takes the crawl: a run that fails first
    (an unreachable database, a lock held) says so in one line, not after the crawl's retries."""

    def filter(self, record: logging.LogRecord) -> bool:
        crawl = _running.get(threading.get_ident())
        if crawl is None:
            return True
        crawl._held.append(record)
        return False


_running: dict[int, EarlyCrawl] = {}
_held_back = _HeldBack()
for _name in CRAWL_LOGGERS:
    logging.getLogger(_name).addFilter(_held_back)


class EarlyCrawl:
    """One crawl on a daemon thread: what it was started for, and its outcome once done.

    A plain class, not a dataclass: Prefect walks a task's dataclass parameters.
    """

    def __init__(self, base_url: str, filters: Filters) -> None:
        self.base_url = base_url
        self.filters = filters
        self._done = threading.Event()
        self._result: Discovery | None = None
        self._error: BaseException | None = None
        self._held: list[logging.LogRecord] = []

    def run(self, settings: Settings) -> None:
        """The thread's body: discover with a client of its own, keep the result or the error."""
        from odihr.site.client import SiteClient
        from odihr.site.discovery import discover

        _running[threading.get_ident()] = self
        try:
            with SiteClient(settings) as client:
                self._result = discover(client, include=self.filters.match_entry)
        except BaseException as error:  # noqa: BLE001 - handed to the flow, raised there
            self._error = error
        finally:
            del _running[threading.get_ident()]
            self._done.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the crawl to end (at most ``timeout`` seconds); whether it has."""
        return self._done.wait(timeout)

    def result(self) -> Discovery:
        """The discovery, once the crawl is done (what it raised is raised here, after what it
        logged)."""
        self._done.wait()
        held, self._held = self._held, []
        for record in held:
            logging.getLogger(record.name).handle(record)
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


_lock = threading.Lock()
_pending: EarlyCrawl | None = None


def wanted(kind: str, force: bool, settings: Settings) -> bool:
    """Whether the flow of this run walks the whole site with no Prefect rate limit."""
    return (kind == "backfill" or (kind == "nightly" and force)) and not settings.shared_rate_limit


def start(settings: Settings, filters: Filters) -> EarlyCrawl:
    """Start the crawl of ``settings.base_url`` for ``filters``; the flow takes it with
    :func:`take` (a crawl not taken is dropped by the next :func:`start` or :func:`discard`)."""
    global _pending
    crawl = EarlyCrawl(settings.base_url, filters)
    threading.Thread(
        target=crawl.run, args=(settings,), name="odihr-early-crawl", daemon=True
    ).start()
    with _lock:
        _pending = crawl
    return crawl


def take(base_url: str, filters: Filters) -> EarlyCrawl | None:
    """The crawl started for this site and these filters, once (else None: crawl yourself)."""
    global _pending
    with _lock:
        crawl, _pending = _pending, None
    if crawl is None or crawl.base_url != base_url or crawl.filters != filters:
        return None
    return crawl


def discard() -> None:
    """Forget a crawl no flow took (its thread ends on its own; nothing waits for it)."""
    global _pending
    with _lock:
        _pending = None
