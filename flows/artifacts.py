"""What a run shows in the Prefect UI: domain log lines, the summary table, the quarantine list
and the validation results (as a markdown table, plus a link to the full HTML report)."""

from __future__ import annotations

from prefect import get_run_logger
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from odihr.summary import RunSummary
from odihr.validate import merge_runs
from odihr.validate.model import ValidationRun

#: Reports named one by one in the run's log; the rest are counted (the artifacts list them all).
MAX_LOGGED_REPORTS = 50


def publish_summary(summary: RunSummary) -> None:
    """Log what the run found and held back, and attach its summary to the current flow run."""
    _log(summary)
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
    validation = merge_runs(summary.validations) if summary.validations else None
    if validation is not None:
        create_markdown_artifact(
            key=f"odihr-{summary.kind}-validation-summary",
            markdown=validation_markdown(validation),
            description="Great Expectations results of this run, suite by suite",
        )
    if summary.validation_report is not None:
        create_link_artifact(
            key=f"odihr-{summary.kind}-validation",
            link=summary.validation_report.resolve().as_uri(),
            link_text="Validation report (HTML, on the machine that ran the flow)",
            description="Great Expectations results of this run, every failing row",
        )


def _log(summary: RunSummary) -> None:
    logger = get_run_logger()
    c = summary.counts
    logger.info(
        "run %s (%s): %d document(s) discovered, %d new version(s), %d loaded, %d partial, "
        "%d quarantined, %d skipped, %d unchanged",
        summary.run_id, summary.kind, c.get("discovered", 0), c.get("new", 0),
        c.get("loaded", 0), c.get("partial", 0), c.get("quarantined", 0), c.get("skipped", 0),
        c.get("unchanged", 0),
    )
    held = [("quarantined", p, r) for p, r in summary.quarantined]
    held += [("partial", p, r) for p, r in summary.partial]
    for status, path, reason in held[:MAX_LOGGED_REPORTS]:
        logger.warning("%s %s: %s", status, path, reason)
    if len(held) > MAX_LOGGED_REPORTS:
        logger.warning("… and %d more reports held back (see the quarantine artifact)",
                       len(held) - MAX_LOGGED_REPORTS)


def validation_markdown(run: ValidationRun) -> str:
    """The validation results as markdown: one row per suite, then the reports that failed."""
    lines = [
        "# Validation",
        "",
        f"{len(run.reports)} report(s) validated in {run.seconds:.1f} s; "
        f"{len(run.quarantined)} with blocking failures.",
        "",
        "| suite | table | rows | expectations | failed | failing rows |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for suite in run.suites:
        failed = [e for e in suite.expectations if not e.success]
        lines.append(
            f"| {suite.name} | {suite.table} | {suite.rows} | {len(suite.expectations)} | "
            f"{len(failed)} | {sum(e.unexpected for e in failed)} |"
        )
    failing = [(key, r) for key, r in run.reports.items() if r.blocking or r.warnings]
    if failing:
        lines += ["", "| report | blocking | warnings |", "|---|---|---|"]
        for key, verdict in failing:
            reason = (verdict.quarantine_reason or "").replace("|", "/")
            warning = (verdict.dq_warnings or "").replace("|", "/")
            lines.append(f"| `{key}` | {reason[:300]} | {warning[:300]} |")
    return "\n".join(lines) + "\n"
