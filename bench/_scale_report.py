"""The one table scale_bench.py prints (markdown, so it pastes into docs/benchmarks.md)."""

from __future__ import annotations

from typing import Any

PHASES = ("throttled", "unthrottled", "nightly", "server", "reparse", "load", "extract")


def _n(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def _ratio(a: Any, b: Any) -> float | None:
    return a / b if a is not None and b else None


def _kinds(run: dict) -> str:
    kinds = run.get("kinds") or {}
    return ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))


def _status(run: dict) -> str:
    c = run.get("counts") or {}
    text = (
        f"loaded {_n(c.get('loaded'))}, quarantined {_n(c.get('quarantined'))}, "
        f"skipped {_n(c.get('skipped'))}"
    )
    return text if not run.get("exit") else f"{text}; EXIT {run['exit']}: {run['stderr_tail']!r}"


def _unthrottled_rows(u: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            "unthrottled backfill, end to end",
            f"process {_n(u['wall_s'])} s (flow {_n(u['flow_s'])} s), {u['requests']} requests, "
            f"{u['pages']:,} PDF pages → **{_n(u['pages_per_s'])} pages/s**; {_status(u)}",
            "≥ 100 pages/s",
        ),
        (
            "CPU of the unthrottled backfill (less sensitive to a busy machine)",
            f"{_n(u['cpu_s'])} CPU s in all processes, of which the CLI "
            f"{_n(u.get('cli_cpu_s'))} s, the Prefect server {_n(u.get('server_cpu_s'))} s, "
            f"the CLI's children (parse workers, GX) {_n(u.get('child_cpu_s'))} s → "
            f"{_n(_ratio(u['pages'], u['cpu_s']))} pages per CPU s "
            f"({_n(1000 * (_ratio(u['cpu_s'], u['pages']) or 0))} ms per page)",
            "—",
        ),
        (
            "peak RSS, unthrottled backfill",
            f"CLI process **{_n(u['cli_peak_mb'])} MB**; embedded Prefect server "
            f"{_n(u['server_peak_mb'])} MB; largest child (parser, GX) "
            f"{_n(u.get('child_peak_mb'))} MB",
            "≤ 300 MB (CLI), flat in corpus size",
        ),
        (
            "Prefect task runs (unthrottled backfill)",
            ", ".join(f"{k} {v}" for k, v in sorted((u.get("task_runs") or {}).items()))
            + f" = {sum((u.get('task_runs') or {}).values())}",
            "one per retryable unit",
        ),
        (
            "embedded Prefect server's share",
            f"{_n(u['server_cpu_s'])} CPU s of {_n(u['cpu_s'])} CPU s of the run "
            f"({_n(100 * (_ratio(u['server_cpu_s'], u['cpu_s']) or 0))} %)",
            "—",
        ),
    ]


def render_table(out: dict[str, Any]) -> str:
    """Markdown table: figure | measured | target."""
    m = out["mirror"]
    rows = [
        (
            "scaled mirror",
            f"{m['elections']} elections, {m['pdfs']} PDFs ({m['translations']}"
            f" translations), {m['pdf_pages']:,} pages, {m['listing_pages']} listing pages, "
            f"{m['countries']} countries; built/reused in {out['mirror_seconds']:.0f} s",
            "build < 5 min",
        )
    ]
    t = out.get("throttled")
    if t:
        floor = t["requests"] / t["rate"]
        rows += [
            (
                f"backfill at {t['rate']:g} req/s ({t['elections']} elections, {t['pdfs']} PDFs)",
                f"flow {_n(t['flow_s'])} s, process {_n(t['wall_s'])} s; {t['requests']} requests "
                f"→ floor {floor:.1f} s; flow ÷ floor **{_n(_ratio(t['flow_s'], floor), 3)}**, "
                f"process ÷ floor {_n(_ratio(t['wall_s'], floor), 3)}; {_status(t)}",
                "≤ 1.05",
            ),
        ]
    u = out.get("unthrottled")
    rows += _unthrottled_rows(u) if u else []
    for key, what in (("nightly", "embedded Prefect"), ("server", "running Prefect server")):
        n = out.get(key)
        if not n:
            continue
        floor = n["requests"] / n["rate"]
        e = n["expected"]
        rows.append(
            (
                f"no-op nightly ({what}) at {n['rate']:g} req/s",
                f"process **{_n(n['wall_s'])} s** (flow {_n(n['flow_s'])} s); {n['requests']} "
                f"requests ({_kinds(n)}) → floor {floor:.0f} s, process − floor "
                f"{n['wall_s'] - floor:.1f} s; PDF bytes **{n['pdf_bytes']:,}**; needed: "
                f"{e['listing_pages']} listing pages + {e['elections']} elections in the window",
                "0 bytes; requests ≤ listing pages + elections in window; ≤ 10 s + floor",
            )
        )
    r = out.get("reparse")
    if r:
        one, two = r.get(1) or r["1"], r.get(2) or r["2"]
        same = one["digest"] == two["digest"] == out.get("digest_backfill")
        rows += [
            (
                "`odihr reparse --force`, Dask cluster (scheduler + N workers)",
                f"1 worker: flow {_n(one['flow_s'])} s, process {_n(one['wall_s'])} s; 2 workers: "
                f"flow {_n(two['flow_s'])} s, process {_n(two['wall_s'])} s → speedup **"
                f"{_n(_ratio(one['flow_s'], two['flow_s']), 2)}×** (process "
                f"{_n(_ratio(one['wall_s'], two['wall_s']), 2)}×); {_status(two)}",
                "≥ 1.8×",
            ),
            (
                "CPU of the reparse, 1 / 2 workers",
                f"workers {_n(one.get('worker_cpu_s'))} / {_n(two.get('worker_cpu_s'))} s, CLI "
                f"{_n(one.get('cli_cpu_s'))} / {_n(two.get('cli_cpu_s'))} s, Prefect server "
                f"{_n(one['server_cpu_s'])} / {_n(two['server_cpu_s'])} s, all "
                f"{_n(one['cpu_s'])} / {_n(two['cpu_s'])} s",
                "—",
            ),
            (
                "peak RSS, reparse",
                f"CLI {_n(one['cli_peak_mb'])} / {_n(two['cli_peak_mb'])} MB; workers "
                f"{one['worker_peaks_mb']} / {two['worker_peaks_mb']} MB",
                "≤ 300 MB",
            ),
            (
                "warehouse identical (digest of every bi_* view)",
                f"backfill {out.get('digest_backfill')}, 1 worker {one['digest']}, 2 workers "
                f"{two['digest']}: {'identical' if same else '**DIFFERENT**'}",
                "identical",
            ),
        ]
    if out.get("load"):
        rows.append(
            (
                "warehouse load (load_bench.py, median of 3)",
                f"SQLite **{_n(out['load'].get('sqlite'), 0)}** rows/s, PostgreSQL **"
                f"{_n(out['load'].get('postgres'), 0)}** rows/s",
                "≥ 50,000 rows/s",
            )
        )
    x = out.get("extract")
    if x:
        rows.append(
            (
                "extraction ÷ `pdftotext -layout` (parse_bench.py, sample PDFs)",
                f"{_n(x['parse'])} ÷ {_n(x['pdftotext'])} pages/s = **{_n(x['ratio'], 3)}**",
                "≥ 0.5",
            )
        )
    lines = [
        f"machine: {out['machine']}; total {out.get('total_seconds', 0):.0f} s; skipped: "
        f"{', '.join(out['skipped']) or 'nothing'}",
        "",
        "| figure | measured | target |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)
