"""The HTML report of a validation run: self-contained, lists every failure, renders in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from odihr.validate import ValidationRun, validate_reports

from truth_records import truth_report, truth_reports

PLANTED_KEY = "/files/f/documents/6/7/385260.pdf"
BROKEN_KEY = "damaged:recommendation-gap"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ValidationRun:
    reports = dict(truth_reports())
    broken = truth_report("496102")
    reports[BROKEN_KEY] = replace(broken, recommendations=broken.recommendations[1:])
    return validate_reports(reports, report_dir=tmp_path_factory.mktemp("reports"))


def test_report_files_are_written(run: ValidationRun) -> None:
    assert run.html_path is not None and run.html_path.is_file()
    assert re.fullmatch(r"validation-\d{8}T\d{12}Z\.html", run.html_path.name)
    latest = run.html_path.with_name("latest.html")
    assert latest.read_text(encoding="utf-8") == run.html_path.read_text(encoding="utf-8")
    for path in (run.html_path, latest):
        assert path.stat().st_mode & 0o044 == 0o044, "the group and others can read the report"


def test_report_is_self_contained(run: ValidationRun) -> None:
    html = run.html_path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "<style>" in html
    for external in ("http://", "https://", "<script", "<link", "src=", "@import", "url("):
        assert external not in html, external


def test_report_lists_failures_warnings_and_suites(run: ValidationRun) -> None:
    html = run.html_path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "printed total 331,970 ≠ sum of rows 331,790" in html
    assert "recommendation_number_gap" in html and BROKEN_KEY in html
    for suite in ("report_metadata", "results", "turnout", "observers", "recommendations"):
        assert f"<h3>{suite} " in html
    assert "expect_column_pair_values_to_be_equal" in html
    assert html.count('class="badge clean"') >= 24


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(run: ValidationRun, tmp_path: Path) -> None:
    png = tmp_path / "validation.png"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
        "--window-size=1280,1600", run.html_path.as_uri(),  # type: ignore[union-attr]
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=60, check=True)
    assert png.is_file() and png.stat().st_size > 20_000
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (1280, 1600)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    # Text, badges and table rules: far more than a blank or error page's handful of colours.
    assert len(colours) > 50
