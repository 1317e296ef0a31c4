"""Which election pages an incremental (nightly) run visits, and when it stops walking the listing.

The listing is newest first. A nightly run visits elections it has never seen, re-checks those
inside a recent window (final reports appear months after the vote) and those still missing a
final report, and stops walking once a whole listing page needs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class KnownElection:
    """What the warehouse knows of an election the nightly run may skip."""

    election_date: date | None
    has_final_report: bool


@dataclass(frozen=True)
class NightlyPlan:
    """Predicates for :func:`odihr.site.discovery.discover` (``include`` and ``stop_when``)."""

    known: Mapping[int, KnownElection]
    today: date
    recheck_days: int

    def needs_visit(self, entry: Any) -> bool:
        """New, recent, or still without a final report: visit the election page."""
        state = self.known.get(entry.site_id)
        if state is None or not state.has_final_report:
            return True
        day = entry.election_date or state.election_date
        return day is None or day >= self.today - timedelta(days=self.recheck_days)

    def page_done(self, entries: Sequence[Any]) -> bool:
        """True when no entry of a listing page needs a visit: older pages need none either."""
        return bool(entries) and not any(self.needs_visit(e) for e in entries)
