"""End to end: a scanned 1996 report served by the local mirror is crawled, OCR'd in the isolated
parse worker, validated and loaded with ``text_source = 'ocr'`` by a real Prefect flow run; a
scan of it with a tampered figure is quarantined per part with an OCR reason; a reparse takes
the OCR from the cache beside the raw PDF."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from scan_pdfs import NOISY, scan_pdf
from sqlalchemy import text

from db.engine import get_engine
from flows.ingest import ingest
from flows.reparse import reparse
from odihr.ocr.options import OcrOptions, missing_languages
from odihr.progress import OCR_STAGE, installed
from odihr.site.server import MirrorServer

from truth_records import load_truth

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tesseract") is None or bool(missing_languages(OcrOptions().languages)),
        reason=f"tesseract or its languages {OcrOptions().languages} are not installed (apt "
               "install tesseract-ocr tesseract-ocr-script-latn tesseract-ocr-rus)"),
]
ARMENIA = load_truth("14112")
PAGES = (1, 5)  # the cover and the results annex: two pages keep the OCR to seconds
RESULTS = "results:Presidential Election"


class Pages:
    """A progress reporter that remembers the OCR'd pages."""

    def __init__(self) -> None:
        self.ocr = 0

    def grow(self, stage: str, n: int) -> None:
        """Ignore totals."""

    def advance(self, stage: str, n: int = 1) -> None:
        """Count OCR'd pages."""
        self.ocr += n if stage == OCR_STAGE else 0


def rows(database_url: str, sql: str) -> list[dict[str, Any]]:
    with get_engine(database_url).connect() as connection:
        return [dict(r) for r in connection.execute(text(sql)).mappings().all()]


def test_a_served_scan_loads_as_ocr_and_a_tampered_one_is_quarantined_per_part(
    mirror: MirrorServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ODIHR_BACKOFF_SECONDS", "0.001")
    source = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"
    born_digital = (source / ARMENIA["url_path"].lstrip("/")).read_bytes()
    database_url, data_dir = f"sqlite:///{tmp_path / 'w.db'}", tmp_path / "data"
    common = dict(base_url=mirror.base_url, database_url=database_url, data_dir=str(data_dir),
                  requests_per_second=500.0, countries=["armenia"])

    mirror.overrides[ARMENIA["url_path"]] = scan_pdf(born_digital, NOISY, seed=7, pages=PAGES)
    first = Pages()
    with installed(first):
        summary = ingest(kind="backfill", **common)
    assert summary["outcome"] == "completed"
    report = rows(database_url, "SELECT * FROM bi_reports")
    assert [(r["url_path"], r["status"], r["text_source"]) for r in report] == [
        (ARMENIA["url_path"], "loaded", "ocr")]
    results = rows(database_url, "SELECT contestant, votes, text_source FROM bi_results")
    want = {r["contestant"]: r["votes"] for r in ARMENIA["results"]["contests"][0]["rounds"][0]
            ["rows"]}
    assert {r["contestant"]: r["votes"] for r in results} == want
    assert {r["text_source"] for r in results} == {"ocr"}
    assert first.ocr == len(PAGES)

    again = Pages()
    with installed(again):
        assert reparse(force=True, database_url=database_url,
                       data_dir=str(data_dir))["outcome"] == "completed"
    assert again.ocr == 0  # the cache beside the raw PDF: nothing OCR'd again
    assert len(list((data_dir / "raw").rglob("*.ocr-*.pdf"))) == 1

    mirror.overrides[ARMENIA["url_path"]] = scan_pdf(
        born_digital, NOISY, seed=8, pages=PAGES, tamper={5: {"82,111": "92,111"}})
    summary = ingest(kind="backfill", **common)
    assert summary["outcome"] == "completed"
    report = rows(database_url, "SELECT status, status_reason, text_source FROM bi_reports")
    assert [(r["status"], r["text_source"]) for r in report] == [("partial", "ocr")]
    assert report[0]["status_reason"].startswith(f"{RESULTS} quarantined: OCR text failed")
    parts = {r["part"]: r for r in rows(database_url, "SELECT * FROM bi_report_parts")}
    assert parts[RESULTS]["status"] == "quarantined"
    assert parts["metadata"]["status"] == "loaded"
    assert rows(database_url, "SELECT * FROM bi_results") == []  # never a wrong figure loaded
