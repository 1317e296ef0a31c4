"""Fault injection: random schedules of faults across runs, then a clean run, converge (issue 11).

Each schedule runs a few backfills and nightlies against the mirror with random faults on random
PDFs (5xx that outlive the retries, dropped connections, cut copies under the whole file's ETag,
HTML served as a PDF, 429 with a long Retry-After), then one clean backfill. The warehouse must
then equal a warehouse built by one clean backfill: the digest of every ``bi_*`` view (columns
naming a run or a moment left out) is the same. Real HTTP, real Prefect flow runs, real SQLite.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db.engine import get_engine
from flows.ingest import ingest
from odihr.site.server import MirrorServer

from sitefixtures import SAMPLE_SITE

TRUTH = Path(__file__).with_name("truth")
COUNTRIES = ["moldova", "kazakhstan"]
PDFS = sorted(
    t["url_path"] for t in (json.loads(p.read_text()) for p in TRUTH.glob("*.json")
                            if p.name != "site.json")
    if t["country"].lower() in COUNTRIES
)
VIEWS = ("bi_reports", "bi_results", "bi_turnout", "bi_observers", "bi_recommendations")
#: Columns that name a run, a moment or the mirror's port (``report_url``), not a fact.
VOLATILE = {"report_id", "loaded_at", "run_id", "dq_warnings", "report_url"}


def view_rows(url: str) -> dict[str, list[str]]:
    out = {}
    with get_engine(url).connect() as connection:
        for view in VIEWS:
            rows = connection.execute(text(f"SELECT * FROM {view}")).mappings().all()
            out[view] = sorted(  # a nightly visits other countries too: only these count
                json.dumps({k: v for k, v in r.items() if k not in VOLATILE}, default=str,
                           sort_keys=True)
                for r in rows if r["url_path"] in PDFS
            )
    return out


def digest(rows: dict[str, list[str]]) -> dict[str, str]:
    return {v: hashlib.sha256("\n".join(r).encode()).hexdigest() for v, r in rows.items()}


def run(kind: str, mirror: MirrorServer, url: str, data: Path) -> dict[str, Any]:
    params: dict[str, Any] = {"countries": COUNTRIES} if kind == "backfill" else {}
    return ingest(kind=kind, base_url=mirror.base_url, database_url=url, data_dir=str(data),
                  requests_per_second=500.0, **params)


def inject(mirror: MirrorServer, rng: random.Random) -> None:
    mirror.faults.clear()
    mirror.truncated.clear()
    mirror.overrides.clear()
    for path in rng.sample(PDFS, rng.randint(1, 4)):
        fault = rng.choice(["5xx", "reset", "cut", "html", "retry-after"])
        if fault == "5xx":
            mirror.faults[path] = [rng.choice([500, 502, 503])] * 10
        elif fault == "reset":
            mirror.faults[path] = [0] * 10
        elif fault == "cut":
            size = (SAMPLE_SITE / path.lstrip("/")).stat().st_size
            mirror.truncated[path] = rng.randint(100, size - 100)
        elif fault == "html":
            mirror.overrides[path] = b"<!DOCTYPE html><html><body>Maintenance</body></html>"
        else:
            mirror.faults[path] = [(429, {"Retry-After": "600"})]


@pytest.fixture(autouse=True)
def fast_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODIHR_BACKOFF_SECONDS", "0.001")
    monkeypatch.setenv("ODIHR_RETRIES", "1")
    monkeypatch.setenv("ODIHR_MAX_CONSECUTIVE_FAILURES", "50")


@pytest.fixture(scope="module")
def clean_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    root = tmp_path_factory.mktemp("clean")
    url = f"sqlite:///{root / 'w.db'}"
    with MirrorServer(SAMPLE_SITE) as mirror, pytest.MonkeyPatch.context() as patch:
        patch.setenv("ODIHR_BACKOFF_SECONDS", "0.001")
        assert run("backfill", mirror, url, root / "data")["outcome"] == "completed"
    return view_rows(url)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 23, 37])
def test_random_fault_schedules_converge_to_the_clean_warehouse(
    seed: int, clean_rows: dict[str, list[str]], mirror: MirrorServer, tmp_path: Path
) -> None:
    rng = random.Random(seed)
    url = f"sqlite:///{tmp_path / 'w.db'}"
    for _ in range(rng.randint(2, 3)):
        inject(mirror, rng)
        result = run(rng.choice(["backfill", "nightly"]), mirror, url, tmp_path / "data")
        assert result["outcome"] == "completed"
    mirror.faults.clear()
    mirror.truncated.clear()
    mirror.overrides.clear()
    run("backfill", mirror, url, tmp_path / "data")
    rows = view_rows(url)
    if digest(rows) != digest(clean_rows):
        differ = {v: (sorted(set(rows[v]) - set(clean_rows[v]))[:3],
                      sorted(set(clean_rows[v]) - set(rows[v]))[:3]) for v in VIEWS}
        pytest.fail(f"not converged: {differ}")
