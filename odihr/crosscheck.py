"""Cross-checking what the site says about a report with what the PDF itself prints.

The warehouse keeps the site's values (they are what the site indexes) and records every
disagreement as a data-quality warning instead of silently picking one.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from odihr.records import ReportMetadata


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def metadata_disagreements(
    metadata: ReportMetadata,
    *,
    country: str | None,
    election_dates: tuple[date, ...],
    report_type: str | None,
    language: str | None,
) -> list[str]:
    """Sentences naming each fact on which the PDF and the site's pages disagree."""
    found: list[str] = []
    if metadata.country and country and _fold(metadata.country) != _fold(country):
        found.append(f"country: the PDF says {metadata.country!r}, the site says {country!r}")
    if metadata.election_date and election_dates and metadata.election_date not in election_dates:
        site = ", ".join(d.isoformat() for d in election_dates)
        printed = metadata.election_date.isoformat()
        found.append(f"election date: the PDF says {printed}, the site says {site}")
    if (
        metadata.report_type
        and report_type
        and "other" not in (metadata.report_type, report_type)
        and metadata.report_type != report_type
    ):
        found.append(
            f"report type: the PDF says {metadata.report_type}, the site says {report_type}"
        )
    if metadata.language and language and metadata.language != language:
        found.append(f"language: the PDF is in {metadata.language!r}, the site says {language!r}")
    return found
