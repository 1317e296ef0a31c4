"""A run validates batch by batch but writes one report covering every batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from odihr.validate import merge_runs, validate_reports
from odihr.validate.report_html import write_html

from truth_records import truth_reports


@pytest.mark.slow
def test_batches_merge_into_one_run_and_one_report(tmp_path: Path) -> None:
    reports = dict(sorted(truth_reports().items()))
    keys = list(reports)
    half = len(keys) // 2
    first = validate_reports({k: reports[k] for k in keys[:half]})
    second = validate_reports({k: reports[k] for k in keys[half:]})
    whole = validate_reports(reports)

    merged = merge_runs([first, second])
    assert merged is not None
    assert list(merged.reports) == keys
    assert merged.warned == whole.warned and merged.quarantined == whole.quarantined
    for got, want in zip(merged.suites, whole.suites, strict=True):
        assert (got.name, got.rows) == (want.name, want.rows)
        assert [e.unexpected for e in got.expectations] == [
            e.unexpected for e in want.expectations
        ]
    html = write_html(merged, tmp_path).read_text(encoding="utf-8")
    assert all(key in html for key in keys)
    assert merge_runs([]) is None
