"""The summary of one run: counts, quarantined reports with reasons, where to look next."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COUNTERS = (
    "discovered",
    "new",
    "unchanged",
    "loaded",
    "partial",
    "quarantined",
    "skipped",
    "gone",
    "failed",
    "warnings",
)

#: Fact tables whose loaded rows a run counts (``rows_<table>`` in the counts).
FACT_KINDS = ("results", "turnout", "observers", "recommendations")

#: Kinds of part whose absence from a final report is counted (``absent_<kind>`` in the counts).
ABSENT_KINDS = ("results", "observers", "recommendations")


@dataclass
class RunSummary:
    """Mutable tally of a run, turned into text, a table and markdown at the end."""

    kind: str
    run_id: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0))
    #: PDF bytes received (pages are not counted: a nightly run re-reads them by design).
    bytes_downloaded: int = 0
    wall_seconds: float = 0.0
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    #: Reports loaded without some part (``status = partial``), with each quarantined part.
    partial: list[tuple[str, str]] = field(default_factory=list)
    #: Parts a report's type should carry that the parser did not find, by kind (``results``,
    #: ``observers``, ``recommendations``): a layout the parsers miss shows up here.
    absent_parts: dict[str, int] = field(default_factory=dict)
    #: Fact rows this run loaded, by table (``results``, ``turnout``, ...).
    fact_rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACT_KINDS, 0))
    warnings: list[tuple[str, str]] = field(default_factory=list)
    validation_report: Path | None = None
    #: The validation runs of the run's batches (one HTML report is written from all of them).
    validations: list[Any] = field(default_factory=list)
    outcome: str = "running"
    #: Why the run could not complete (failed runs only), one line.
    error: str | None = None

    def add(self, counter: str, n: int = 1) -> None:
        """Increase one counter."""
        self.counts[counter] = self.counts.get(counter, 0) + n

    def add_absent(self, kind: str) -> None:
        """Count one expected part of ``kind`` that the parser did not find."""
        self.absent_parts[kind] = self.absent_parts.get(kind, 0) + 1

    def add_facts(self, report: Any) -> None:
        """Count the fact rows of a loaded report (a :class:`odihr.records.ParsedReport`):
        one turnout row per round, one results row per contestant per round."""
        rounds = [rnd for contest in report.contests for rnd in contest.rounds]
        self.fact_rows["results"] += sum(len(rnd.rows) for rnd in rounds)
        self.fact_rows["turnout"] += len(rounds)
        self.fact_rows["observers"] += len(report.observers)
        self.fact_rows["recommendations"] += len(report.recommendations)

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (run records, flow return value)."""
        return {
            **self.counts,
            **{f"absent_{kind}": self.absent_parts.get(kind, 0) for kind in ABSENT_KINDS},
            **{f"rows_{kind}": self.fact_rows.get(kind, 0) for kind in FACT_KINDS},
            "bytes": self.bytes_downloaded,
            "wall_seconds": round(self.wall_seconds, 2),
            "outcome": self.outcome,
            "validation_report": str(self.validation_report) if self.validation_report else None,
            **({"error": self.error} if self.error else {}),
        }

    def table_rows(self) -> list[dict[str, Any]]:
        """Rows for a Prefect table artifact."""
        return [{"measure": k, "value": v} for k, v in self.as_dict().items()]

    def quarantine_markdown(self) -> str:
        """Markdown listing every report held back (wholly or in part), with its reason."""
        if not self.quarantined and not self.partial:
            return f"# Run {self.run_id} ({self.kind})\n\nNo report was quarantined.\n"
        lines = [
            f"# Run {self.run_id} ({self.kind}): quarantined and partial reports",
            "",
            "| report | status | reason |",
            "|---|---|---|",
        ]
        for status, found in (("quarantined", self.quarantined), ("partial", self.partial)):
            lines += [f"| `{path}` | {status} | {why.replace('|', '/')} |" for path, why in found]
        return "\n".join(lines) + "\n"

    def format_text(self) -> str:
        """What the CLI prints at the end of a run."""
        c = self.counts
        lines = [
            f"run {self.run_id} ({self.kind}) {self.outcome} in {self.wall_seconds:.1f} s",
            f"  documents discovered {c['discovered']:>6}   new versions {c['new']:>5}"
            f"   unchanged {c['unchanged']:>5}",
            f"  loaded {c['loaded']:>6}   partial {c['partial']:>5}   quarantined "
            f"{c['quarantined']:>5}   skipped {c['skipped']:>5}   gone {c['gone']:>4}   failed "
            f"{c['failed']:>4}",
            f"  data-quality warnings {c['warnings']:>4}   downloaded "
            f"{self.bytes_downloaded / 1e6:.2f} MB of PDFs",
        ]
        rows = ", ".join(f"{kind} {self.fact_rows.get(kind, 0)}" for kind in FACT_KINDS)
        lines.append(f"  fact rows loaded: {rows}")
        if self.absent_parts:
            absent = ", ".join(f"{kind} {n}" for kind, n in sorted(self.absent_parts.items()))
            lines.append(f"  parts not found in final reports: {absent}")
        if self.validation_report:
            lines.append(f"  validation report: {self.validation_report}")
        for path, reason in self.quarantined:
            lines.append(f"  QUARANTINED {path}: {reason}")
        for path, reason in self.partial:
            lines.append(f"  PARTIAL     {path}: {reason}")
        for path, warning in self.warnings:
            lines.append(f"  WARNING     {path}: {warning}")
        return "\n".join(lines)
