"""Backfill filters (contract: ``--from``, ``--to``, ``--country``, ``--report-type``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from odihr.records import REPORT_TYPES
from odihr.settings import SettingsError


class UnknownCountry(SettingsError):
    """A ``--country`` slug the site does not list: bad usage, with the nearest known slugs."""

    def __init__(self, unknown: Iterable[str], known: Iterable[str]) -> None:
        known = sorted(set(known))
        parts = []
        for slug in sorted(unknown):
            near = difflib.get_close_matches(slug, known, n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            parts.append(f"{slug!r}{hint}")
        self.unknown = tuple(sorted(unknown))
        super().__init__(
            f"unknown --country {', '.join(parts)}: the site lists no such country slug; "
            f"use the slug of the site's country page, e.g. {', '.join(known[:5]) or 'kazakhstan'}"
        )


@dataclass(frozen=True)
class Filters:
    """Which elections and documents a run covers; empty filters mean the whole site."""

    date_from: date | None = None
    date_to: date | None = None
    countries: frozenset[str] = field(default_factory=frozenset)
    report_types: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = set(self.report_types) - set(REPORT_TYPES)
        if unknown:
            names, known = ", ".join(sorted(unknown)), ", ".join(REPORT_TYPES)
            raise SettingsError(f"unknown report type(s) {names}; use {known}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SettingsError(f"--from {self.date_from} is after --to {self.date_to}")

    @classmethod
    def build(
        cls,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        countries: Any = None,
        report_types: Any = None,
    ) -> Filters:
        """Accept the loose types a CLI or a deployment parameter brings (strings, lists)."""

        def as_date(value: date | str | None) -> date | None:
            if value is None or isinstance(value, date):
                return value
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise SettingsError(f"{value!r} is not a date in YYYY-MM-DD form") from None

        def as_set(value: Any) -> frozenset[str]:
            if not value:
                return frozenset()
            if isinstance(value, str):
                value = [value]
            return frozenset(str(v).strip().lower() for v in value if str(v).strip())

        return cls(as_date(date_from), as_date(date_to), as_set(countries), as_set(report_types))

    def match_election(self, country_slug: str | None, election_date: date | None) -> bool:
        """Whether an election (by country slug and first voting day) is covered."""
        if self.countries and (country_slug or "").lower() not in self.countries:
            return False
        if self.date_from or self.date_to:
            if election_date is None:
                return False
            if self.date_from and election_date < self.date_from:
                return False
            if self.date_to and election_date > self.date_to:
                return False
        return True

    def match_entry(self, entry: Any) -> bool:
        """Whether to visit a listing entry (anything with ``country_slug`` and ``election_date``).

        What the listing does not say (no slug, no date) does not exclude: the election page tells,
        and :meth:`match_election` is applied again to what it says.
        """
        slug = (entry.country_slug or "").lower()
        if self.countries and slug and slug not in self.countries:
            return False
        day = entry.election_date
        if day is None:
            return True
        return not (
            (self.date_from and day < self.date_from) or (self.date_to and day > self.date_to)
        )

    def match_report_type(self, report_type: str) -> bool:
        """Whether a document of this report type is covered."""
        return not self.report_types or report_type in self.report_types

    def as_params(self) -> dict[str, Any]:
        """JSON-friendly form for run records and deployment parameters."""
        return {
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "countries": sorted(self.countries),
            "report_types": sorted(self.report_types),
        }

    def describe(self) -> str:
        """The filters as a person typed them (``--from 2016-01-01 --country kazakhstan``)."""
        parts = []
        if self.date_from:
            parts.append(f"--from {self.date_from}")
        if self.date_to:
            parts.append(f"--to {self.date_to}")
        parts += [f"--country {c}" for c in sorted(self.countries)]
        parts += [f"--report-type {t}" for t in sorted(self.report_types)]
        return " ".join(parts) or "(none)"

    def check_countries(self, known_slugs: Iterable[str]) -> None:
        """Raise :class:`UnknownCountry` when a ``--country`` slug is not among ``known_slugs``
        (the slugs of the site's listing), so a typo never runs as an empty backfill."""
        known = {s.lower() for s in known_slugs if s}
        unknown = self.countries - known
        if unknown:
            raise UnknownCountry(unknown, known)
