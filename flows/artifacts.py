"""Prefect artifacts of a run: a summary table, the quarantine list, the validation report."""

from __future__ import annotations

from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from odihr.summary import RunSummary


def publish_summary(summary: RunSummary) -> None:
    """Attach the run summary to the current flow run (shown in the Prefect UI)."""
    create_table_artifact(
        key=f"odihr-{summary.kind}-summary",
        table=summary.table_rows(),
        description=f"odihr {summary.kind} run {summary.run_id}: counts",
    )
    create_markdown_artifact(
        key=f"odihr-{summary.kind}-quarantine",
        markdown=summary.quarantine_markdown(),
        description="Reports held back, with the reason a person can act on",
    )
    if summary.validation_report is not None:
        create_link_artifact(
            key=f"odihr-{summary.kind}-validation",
            link=summary.validation_report.resolve().as_uri(),
            link_text="Validation report",
            description="Great Expectations results of this run",
        )
