"""One measured ``odihr`` CLI run and what is read after it (used by scale_bench.py)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _procwatch import ProcessWatch
from _services import BIN, clean_env

from odihr.site.server import MirrorServer

ROOT = Path(__file__).resolve().parents[1]
#: Columns that differ between two loads of the same facts (lineage and time of load).
IGNORED = ("run_id", "loaded_at")
VIEWS = ("bi_reports", "bi_results", "bi_turnout", "bi_observers", "bi_recommendations")
PER_LISTING_PAGE = 10


@dataclass
class CliRun:
    """What one run of the CLI took."""

    command: str
    wall: float
    code: int
    stdout: str
    stderr: str
    watch: ProcessWatch
    requests: int
    pdf_requests: int
    pdf_bytes: int
    #: Requests by kind of page: robots, listing, country, election, pdf, other.
    kinds: dict[str, int]

    @property
    def flow_seconds(self) -> float | None:
        """The flow's own time, as the run summary prints it."""
        found = re.search(r"^run \d+ \(\w+\) \w+ in ([\d.]+) s", self.stdout, re.M)
        return float(found.group(1)) if found else None

    def count(self, name: str) -> int | None:
        """A counter of the run summary (loaded, quarantined, skipped, ...)."""
        found = re.search(rf"\b{name}\s+(\d+)", self.stdout)
        return int(found.group(1)) if found else None

    def figures(self) -> dict[str, Any]:
        """JSON-friendly figures of the run."""
        cpu_total = self.watch.cpu()
        server_cpu = self.watch.cpu("prefect-server")
        return {
            "exit": self.code,
            "wall_s": round(self.wall, 2),
            "flow_s": self.flow_seconds,
            "requests": self.requests,
            "pdf_requests": self.pdf_requests,
            "pdf_bytes": self.pdf_bytes,
            "kinds": self.kinds,
            "cli_peak_mb": round(self.watch.peak("cli"), 1),
            "server_peak_mb": round(self.watch.peak("prefect-server"), 1),
            # parse workers and the validation child (GX): the CLI's children
            "child_peak_mb": round(self.watch.peak("python-child"), 1),
            "cpu_s": round(cpu_total, 1),
            "server_cpu_s": round(server_cpu, 1),
            "cli_cpu_s": round(self.watch.cpu("cli"), 1),
            "worker_cpu_s": round(self.watch.cpu("dask-worker"), 1),
            # parse workers and the validation child (GX), and every process on its own
            "child_cpu_s": round(self.watch.cpu("python-child"), 1),
            "processes": sorted(
                ([s.label, round(s.cpu_seconds, 1), round(s.peak_mb, 1)]
                 for s in self.watch.seen.values()),
                key=lambda row: -row[1],
            ),
            "counts": {k: self.count(k) for k in ("loaded", "quarantined", "skipped", "warnings")},
            "stderr_tail": self.stderr[-600:] if self.code else "",
        }


def run_cli(
    command: str,
    *,
    server: MirrorServer | None,
    work: Path,
    rate: float,
    timeout: float,
    extra: list[str] | None = None,
    env: dict[str, str] | None = None,
    watch_pids: list[int] | None = None,
    profile: Path | None = None,
) -> CliRun:
    """``python -m odihr.cli COMMAND`` on ``work``'s warehouse and data folder, measured."""
    work.mkdir(parents=True, exist_ok=True)
    variables = clean_env(PYTHONPATH=str(ROOT), ODIHR_REQUESTS_PER_SECOND=str(rate), **(env or {}))
    args = [
        sys.executable,
        "-m",
        "odihr.cli",
        command,
        "--db",
        f"sqlite:///{work / 'warehouse.db'}",
        "--data-dir",
        str(work / "data"),
        *(extra or []),
    ]
    if server is not None:
        args += ["--base-url", server.base_url]
        server.clear_log()
    raw = None
    if profile is not None:
        raw = profile.with_suffix(".raw.txt")
        args = [
            str(BIN / "py-spy"),
            "record",
            "--subprocesses",
            "--format",
            "raw",
            "--rate",
            "50",
            "--output",
            str(raw),
            "--",
            *args,
        ]
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, env=variables, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    with ProcessWatch([proc.pid, *(watch_pids or [])]) as watch:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
            stderr += f"\n(bench: killed after {timeout:.0f} s)"
    wall = time.perf_counter() - started
    log = server.log if server is not None else []
    pdfs = [r for r in log if r.path.endswith(".pdf")]
    if raw is not None and profile is not None and raw.exists():
        profile.write_text(summarise_profile(raw.read_text(errors="replace")), encoding="utf-8")
    kinds = Counter(_kind(r.path) for r in log)
    return CliRun(
        command,
        wall,
        proc.returncode,
        stdout,
        stderr,
        watch,
        len(log),
        len(pdfs),
        sum(r.bytes_sent for r in pdfs),
        dict(kinds),
    )


def _kind(path: str) -> str:
    if path.endswith(".pdf"):
        return "pdf"
    if path == "/robots.txt":
        return "robots"
    depth = len([s for s in path.split("/") if s])
    return {2: "listing", 3: "country", 4: "election"}.get(depth, "other")


#: (stage, marker): a sample belongs to the first stage whose marker is in its stack.
STAGES = (
    ("Prefect server (its own process)", "uvicorn"),
    ("imports", "_find_and_load"),
    ("parse (odihr.parse)", "parse_report (odihr/parse/report.py"),
    ("validate (GX, odihr.validate)", "(odihr/validate/"),
    ("load (db.*, SQLAlchemy)", "(db/"),
    ("discover (odihr.site.discovery)", "(odihr/site/discovery.py"),
    ("download (odihr.site.client)", "(odihr/site/client.py"),
    ("Prefect task engine around the tasks", "(prefect/task_engine.py"),
    ("Prefect other (flow engine, heartbeats, events, API client)", "(prefect/"),
)


def summarise_profile(raw: str, top: int = 25) -> str:
    """Where py-spy's samples (collapsed stacks) went: by stage, then the hottest functions."""
    stages: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        stages[next((name for name, mark in STAGES if mark in stack), "other")] += n
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        names = [re.sub(r" \((.*?)(:\d+)?\)$", r" (\1)", f) for f in frames]
        for name in set(names):
            inclusive[name] += n
        if names:
            own[names[-1]] += n
    total = total or 1
    lines = [
        f"{total} samples (CPU-active only; py-spy, all threads and subprocesses)",
        "",
        "by stage:",
    ]
    lines += [f"  {n / total:6.1%}  {name}" for name, n in stages.most_common()]
    lines += ["", "inclusive (a function and what it calls):"]
    lines += [f"  {n / total:6.1%}  {f}" for f, n in inclusive.most_common(top)]
    lines += ["", "self (the function's own code):"]
    lines += [f"  {n / total:6.1%}  {f}" for f, n in own.most_common(top)]
    return "\n".join(lines) + "\n"


def prefect_task_runs(home: Path) -> dict[str, int] | None:
    """Task runs of the newest flow run in an embedded Prefect home, by task name."""
    database = home / "prefect.db"
    if not database.exists():
        return None
    with sqlite3.connect(database) as connection:
        newest = connection.execute(
            "SELECT id FROM flow_run ORDER BY created DESC LIMIT 1"
        ).fetchone()
        if newest is None:
            return None
        rows = connection.execute(
            "SELECT task_key, count(*) FROM task_run WHERE flow_run_id = ? GROUP BY task_key",
            newest,
        ).fetchall()
    return {str(key).rsplit("-", 1)[0]: n for key, n in rows}


def view_digest(database_url: str) -> str:
    """sha256 (16 hex) of every ``bi_*`` view's sorted rows without ``run_id``, ``loaded_at``."""
    from sqlalchemy import create_engine, text

    digest = hashlib.sha256()
    engine = create_engine(database_url)
    with engine.connect() as connection:
        for view in VIEWS:
            result = connection.execute(text(f"SELECT * FROM {view}"))
            keep = [i for i, k in enumerate(result.keys()) if k not in IGNORED]
            rows = sorted(repr(tuple(row[i] for i in keep)) for row in result)
            digest.update(f"{view}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode())
    engine.dispose()
    return digest.hexdigest()[:16]


def nightly_expected(manifest: dict, today: date | None = None, recheck_days: int = 365) -> dict:
    """What a no-op nightly needs at most: listing pages, elections to re-check, their countries.

    The rule of ``odihr.nightly.NightlyPlan``: an election is re-checked when it lacks a final
    report or voted within ``recheck_days``; the walk stops after the first listing page that
    needs nothing (read to know it).
    """
    today = today or date.today()
    window = today - timedelta(days=recheck_days)
    listing = manifest["election_list"]
    needs = [not e["has_final"] or date.fromisoformat(e["date"]) >= window for e in listing]
    pages = -(-len(listing) // PER_LISTING_PAGE)
    walked = pages
    for page in range(pages):
        if not any(needs[page * PER_LISTING_PAGE : (page + 1) * PER_LISTING_PAGE]):
            walked = page + 1
            break
    return {"listing_pages": walked, "elections": sum(needs)}
