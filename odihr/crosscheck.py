"""Cross-checking what the site says about a report with what the PDF itself prints.

The warehouse keeps the site's values (they are what the site indexes) and records every
disagreement as a data-quality warning instead of silently picking one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
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


def fill_from_site(
    metadata: ReportMetadata,
    *,
    country: str | None,
    election_type: str | None,
    election_dates: tuple[date, ...],
    report_type: str | None,
    language: str | None,
) -> tuple[ReportMetadata, list[str]]:
    """Cover facts the parser could not read, taken from the site's pages, each with a note.

    The site's election page names the country, the election type and the voting days; its
    document list gives the report type and the language. A fact neither the PDF nor the site
    has stays missing (and validation quarantines the report for it).
    """
    site: dict[str, object] = {
        "country": country,
        "election_type": election_type,
        "election_date": election_dates[0] if election_dates else None,
        "report_type": report_type,
        "language": language,
    }
    filled: dict[str, object] = {}
    notes: list[str] = []
    for name, value in site.items():
        if getattr(metadata, name) is None and value is not None:
            filled[name] = value
            shown = value.isoformat() if isinstance(value, date) else value
            notes.append(
                f"{name.replace('_', ' ')}: not read from the PDF; taken from the site's "
                f"election page ({shown})"
            )
    if "election_date" in filled and not metadata.election_dates:
        filled["election_dates"] = tuple(election_dates)
    return (replace(metadata, **filled) if filled else metadata), notes  # type: ignore[arg-type]
