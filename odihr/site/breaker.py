"""A circuit breaker over a run's downloads: a site that is down fails the run, fast.

Every document that could not be downloaded (after the client's own retries) counts; any
document that could resets the count. After ``ODIHR_MAX_CONSECUTIVE_FAILURES`` in a row the run
stops with :class:`~odihr.errors.SiteDown` (exit 1, one line naming the last error) instead of
grinding through every document of the site at full backoff.
"""

from __future__ import annotations

from dataclasses import dataclass

from odihr.errors import SiteDown
from odihr.outcomes import DownloadOutcome

#: Failures that say nothing about the site being up (a dead link, a refusal by size or robots).
NOT_SITE_FAILURES = frozenset({"gone", "too_large", "off_site", "robots"})


@dataclass
class CircuitBreaker:
    """Counts consecutive failed downloads; :meth:`record` says when to stop."""

    limit: int
    consecutive: int = 0
    last_reason: str = ""

    def record(self, outcome: DownloadOutcome) -> bool:
        """Count one download's outcome; True once the breaker is open (stop downloading)."""
        if outcome.state == "failed" and outcome.error_code not in NOT_SITE_FAILURES:
            self.consecutive += 1
            self.last_reason = outcome.reason or outcome.error_code or "download failed"
        elif outcome.state != "failed":
            self.consecutive = 0
        return self.open

    @property
    def open(self) -> bool:
        """True when ``limit`` documents in a row failed."""
        return self.limit > 0 and self.consecutive >= self.limit

    def check(self) -> None:
        """Raise :class:`SiteDown` when the breaker is open."""
        if self.open:
            raise SiteDown(self.consecutive, self.last_reason)
