"""The incremental walk: which election pages a nightly run visits, and where it stops."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from odihr.nightly import KnownElection, NightlyPlan

TODAY = date(2026, 11, 25)


@dataclass(frozen=True)
class Entry:
    site_id: int
    election_date: date | None


PLAN = NightlyPlan(
    known={
        1: KnownElection(date(2026, 10, 1), True),  # recent, has a final report
        2: KnownElection(date(2020, 1, 1), True),  # old and complete
        3: KnownElection(date(2019, 1, 1), False),  # old, still waiting for its final report
        4: KnownElection(None, True),  # date unknown
    },
    today=TODAY,
    recheck_days=365,
)


@pytest.mark.parametrize(
    ("entry", "visit"),
    [
        (Entry(99, date(2026, 11, 1)), True),  # never seen
        (Entry(1, date(2026, 10, 1)), True),  # inside the re-check window
        (Entry(2, date(2020, 1, 1)), False),  # old and complete
        (Entry(3, date(2019, 1, 1)), True),  # missing its final report
        (Entry(4, None), True),  # no date anywhere: cannot rule it out
        (Entry(2, None), False),  # the listing has no date, the warehouse has an old one
        (Entry(2, date(2025, 11, 25)), True),  # the window's first day (365 days back)
        (Entry(2, date(2025, 11, 24)), False),  # the day before the window
    ],
)
def test_needs_visit(entry: Entry, visit: bool) -> None:
    assert PLAN.needs_visit(entry) is visit


def test_a_page_is_done_only_when_no_entry_needs_a_visit() -> None:
    assert PLAN.page_done([Entry(2, date(2020, 1, 1))])
    assert not PLAN.page_done([Entry(2, date(2020, 1, 1)), Entry(3, date(2019, 1, 1))])
    assert not PLAN.page_done([])  # an empty page says nothing: keep walking
