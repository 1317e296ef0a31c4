"""Validation in a child process: the same verdicts, and GX/pandas never in the caller's process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from odihr.validate import validate_reports
from odihr.validate.remote import shutdown, validate_in_child

from truth_records import truth_reports

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 1)


def _verdicts(run: object) -> dict[str, tuple[list[str], list[str]]]:
    reports = run.reports  # type: ignore[attr-defined]
    return {
        key: (sorted(f.message for f in v.blocking), sorted(f.message for f in v.warnings))
        for key, v in reports.items()
    }


def test_the_child_gives_the_verdicts_of_an_in_process_validation() -> None:
    reports = truth_reports()
    try:
        remote = validate_in_child(reports, today=TODAY)
    finally:
        shutdown()
    local = validate_reports(reports, today=TODAY)
    assert set(remote.reports) == set(reports)
    assert _verdicts(remote) == _verdicts(local)
    assert [s.name for s in remote.suites] == [s.name for s in local.suites]
    assert any(v.warnings or v.blocking for v in remote.reports.values())  # not all empty


def test_the_validate_task_leaves_gx_and_pandas_out_of_the_calling_process() -> None:
    code = (
        "import sys\n"
        "from truth_records import truth_reports\n"
        "from tasks.validate import validate_batch\n"
        "run = validate_batch.fn(truth_reports())\n"
        "assert run.reports and run.suites\n"
        "print('great_expectations' in sys.modules, 'pandas' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    env.pop("ODIHR_VALIDATE_ISOLATION", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False"]
