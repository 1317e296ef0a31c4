"""A self-contained HTML page of one validation run (inline CSS, no scripts, no external URLs).

GX's own Data Docs load their CSS and JavaScript from CDNs, which fail offline; this page is
written from our results instead: each report with its blocking failures and warnings and the
figures involved, then each suite with its expectations and how many rows failed them.
"""

from __future__ import annotations

import json
import os
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from odihr.validate.model import Failure, ReportValidation, SuiteOutcome, ValidationRun

LATEST_NAME = "latest.html"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
margin:0;padding:24px 32px;color:#1d2330;background:#f6f7f9}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #d9dde4;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px;word-break:break-all}
.meta{color:#5b6472;margin-bottom:14px}
.cards{display:flex;gap:12px;margin:12px 0 8px}.card{background:#fff;border:1px solid #d9dde4;
border-radius:8px;padding:10px 16px;min-width:120px}.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px}
th,td{border:1px solid #d9dde4;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef0f4;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
white-space:nowrap}.blocking,.quarantined{background:#fde2e1;color:#a11a12}
.partial{background:#fff1d6;color:#8a5300}
.warning,.warnings{background:#fff1cc;color:#7a5200}.ok,.clean{background:#dcf3e3;color:#17663a}
.error{background:#a11a12;color:#fff}
code{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;background:#eef0f4;padding:1px 4px;
border-radius:3px;word-break:break-word}
dl.obs{margin:0;display:grid;grid-template-columns:max-content auto;gap:0 10px;font-size:12px}
dl.obs dt{color:#5b6472}dl.obs dd{margin:0;font-variant-numeric:tabular-nums}
.muted{color:#5b6472}.chk code{white-space:nowrap}td.msg{min-width:420px}
"""


def _badge(kind: str, text: str | None = None) -> str:
    return f'<span class="badge {escape(kind)}">{escape(text or kind)}</span>'


def _fmt(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "—" if value is None else str(value)


def _observed(observed: dict[str, Any]) -> str:
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(_fmt(v))}</dd>" for k, v in observed.items())
    return f'<dl class="obs">{items}</dl>'


def _status(report: ReportValidation) -> str:
    return report.verdict


def _failure_rows(failures: list[Failure]) -> str:
    return "".join(
        f'<tr><td>{_badge(f.severity)}</td><td class="chk"><code>{escape(f.check)}</code><br>'
        f'<span class="muted">{escape(f.part or f.table)}</span></td>'
        f'<td class="msg">{escape(f.message)}</td>'
        f"<td>{_observed(f.observed)}</td></tr>"
        for f in failures
    )


def _report_link(key: str, report: ReportValidation, anchor: str) -> str:
    if report.blocking or report.warnings:
        return f'<a href="#{anchor}">{escape(key)}</a>'
    return escape(key)


def _reports_section(run: ValidationRun) -> str:
    anchors = {key: f"r{i}" for i, key in enumerate(run.reports)}
    rows = "".join(
        f"<tr><td>{_report_link(k, r, anchors[k])}</td><td>{_badge(_status(r))}</td>"
        f'<td class="num">{len(r.blocking)}</td><td class="num">{len(r.warnings)}</td></tr>'
        for k, r in run.reports.items()
    )
    parts = [
        "<h2>Reports</h2><table><tr><th>report</th><th>status</th><th>blocking</th>"
        f"<th>warnings</th></tr>{rows}</table>"
    ]
    clean = 0
    for key, report in run.reports.items():
        failures = report.blocking + report.warnings
        if not failures:
            clean += 1
            continue
        parts.append(f'<h3 id="{anchors[key]}">{escape(key)} {_badge(_status(report))}</h3>')
        parts.append(
            "<table><tr><th>severity</th><th>check</th><th>message</th><th>observed</th></tr>"
            f"{_failure_rows(failures)}</table>"
        )
    if clean:
        parts.append(f'<p class="muted">{clean} report(s) passed every check.</p>')
    return "".join(parts)


def _kwargs(kwargs: dict[str, Any]) -> str:
    shown = {k: v for k, v in kwargs.items() if k not in ("column_set",)}
    if "column_set" in kwargs:
        shown["column_set"] = f"{len(kwargs['column_set'])} columns"
    return escape(json.dumps(shown, ensure_ascii=False, default=str))


def _suite_section(suite: SuiteOutcome) -> str:
    rows = []
    for e in suite.expectations:
        if e.error:
            result = _badge("error", "error") + f" {escape(e.error)}"
        elif e.success:
            result = _badge("ok", "passed")
        else:
            kind = "blocking" if e.severity == "blocking" else "warning"
            result = _badge(kind, f"{e.unexpected:,} failing")
        severity = escape(e.severity)
        if e.warning_if:
            severity += f'<br><span class="muted">warning if <code>{escape(e.warning_if)}</code>'
        rows.append(
            f'<tr><td class="chk"><code>{escape(e.check)}</code></td><td>{severity}</td>'
            f"<td>{escape(e.description)}<br><code>{escape(e.expectation)}</code> "
            f"<code>{_kwargs(e.kwargs)}</code></td><td>{result}</td></tr>"
        )
    return (
        f"<h3>{escape(suite.name)} <span class='muted'>— table {escape(suite.table)}, "
        f"{suite.rows:,} rows, {suite.seconds:.2f}s</span></h3>"
        f"<p class='muted'>{escape(suite.description)}</p>"
        "<table><tr><th>check</th><th>severity</th><th>expectation</th><th>result</th></tr>"
        f"{''.join(rows)}</table>"
    )


def render_html(run: ValidationRun) -> str:
    """The HTML page of ``run`` as a string."""
    counts = {"quarantined": 0, "partial": 0, "warnings": 0, "clean": 0}
    for report in run.reports.values():
        counts[_status(report)] += 1
    cards = "".join(f'<div class="card">{_badge(k)}<b>{n}</b></div>' for k, n in counts.items())
    stamp = run.started_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>odihr-warehouse validation {escape(stamp)}</title><style>{CSS}</style></head>"
        f"<body><h1>Validation of {len(run.reports)} reports</h1>"
        f'<div class="meta">{escape(stamp)} · {run.seconds:.2f}s · blocking = extraction wrong '
        "or incomplete: its part quarantined (the metadata: the whole report; another part: "
        "the report loads as partial) · warning = the source's own inconsistency, report "
        f'loaded with a data-quality warning</div><div class="cards">{cards}</div>'
        f"{_reports_section(run)}<h2>Suites</h2>"
        f"{''.join(_suite_section(s) for s in run.suites)}</body></html>"
    )


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; the report is for the whole team to read
    os.replace(tmp, path)


def write_html(run: ValidationRun, report_dir: Path) -> Path:
    """Write ``validation-<UTC time>.html`` and ``latest.html`` under ``report_dir``."""
    report_dir.mkdir(parents=True, exist_ok=True)
    text = render_html(run)
    path = report_dir / f"validation-{run.started_at.strftime('%Y%m%dT%H%M%S%fZ')}.html"
    _write_atomic(path, text)
    _write_atomic(report_dir / LATEST_NAME, text)
    return path
