"""Generated scans of sample reports read through the OCR stage (real Tesseract, real GX
validation) and compared with the shared truth; a tampered figure is quarantined with an OCR
reason; the OCR runs in the isolated parse worker under its limits and caps.

The default run OCRs a two-page subset of the 1996 Armenian final report (its cover and its
results annex); whole reports and the observers' annex are ``slow``.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from ocr_accuracy import ScanReading, compare, read_scan
from scan_pdfs import NOISY, page_subset, scan_pdf

import odihr.ocr.options
from odihr.isolation import ParseLimits, ParsePool
from odihr.ocr.options import OcrOptions, missing_languages
from odihr.parse.report import parse_report
from odihr.parse_job import parse_file

from truth_records import load_truth

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or bool(missing_languages(OcrOptions().languages)),
    reason=f"tesseract or its languages {OcrOptions().languages} are not installed (apt install "
           "tesseract-ocr tesseract-ocr-script-latn tesseract-ocr-rus)")

SAMPLE = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"
#: The metadata fields compared on a page subset (its page count is the subset's).
FIELDS = ("country", "election_title", "election_type", "early", "election_date",
          "election_dates", "mission_type", "report_type", "language", "published_on")
ARMENIA = "14112"
ARMENIA_PAGES = (1, 5)  # the cover and the results annex


def sample_pdf(pdf_id: str) -> bytes:
    return (SAMPLE / load_truth(pdf_id)["url_path"].lstrip("/")).read_bytes()


@pytest.fixture(scope="module")
def armenia_scan() -> bytes:
    return scan_pdf(sample_pdf(ARMENIA), NOISY, seed=3, pages=ARMENIA_PAGES)


@pytest.fixture(scope="module")
def armenia_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("raw")


@pytest.fixture(scope="module")
def armenia(armenia_scan: bytes, armenia_dir: Path) -> ScanReading:
    return read_scan(armenia_scan, armenia_dir)


def test_a_scan_is_read_through_ocr_with_exact_metadata_and_exact_figures(
    armenia: ScanReading,
) -> None:
    assert armenia.parsed is not None, armenia.reason
    assert armenia.parsed.text_source == "ocr"
    assert armenia.ocr_pages == 2
    assert armenia.plan is not None and armenia.plan.status in ("loaded", "partial")
    # a page subset lacks what other pages print: the born-digital subset is the yardstick
    digital = parse_report(page_subset(sample_pdf(ARMENIA), ARMENIA_PAGES))
    assert armenia.parsed.metadata == digital.metadata
    assert digital.metadata.published_on is not None  # the scan kept the document's dates
    accuracy = compare(armenia.parsed, load_truth(ARMENIA), armenia.plan, FIELDS)
    # every result cell either exact or its part quarantined: never a wrong figure loaded
    assert accuracy.cells_wrong_loaded == 0
    assert accuracy.cells_exact + accuracy.cells_quarantined >= 8  # the 4 rows' votes, shares


def test_a_reparse_takes_the_ocr_from_the_cache_beside_the_raw_pdf(
    armenia: ScanReading, armenia_scan: bytes, armenia_dir: Path
) -> None:
    cached = list(armenia_dir.glob("*.ocr-*.pdf"))
    assert len(cached) == 1 and cached[0].name.startswith(cached[0].name[:64])
    again = read_scan(armenia_scan, armenia_dir)
    assert again.ocr_pages == 0  # nothing OCR'd again
    assert again.parsed == armenia.parsed
    assert again.ocr_seconds < armenia.ocr_seconds


@pytest.mark.slow
def test_a_tampered_figure_quarantines_its_part_with_an_ocr_reason(tmp_path: Path) -> None:
    """82,111 printed as 92,111: the votes no longer add up to the printed total."""
    scan = scan_pdf(sample_pdf(ARMENIA), NOISY, seed=4, pages=ARMENIA_PAGES,
                    tamper={5: {"82,111": "92,111"}})
    reading = read_scan(scan, tmp_path)
    assert reading.parsed is not None and reading.plan is not None, reading.reason
    parts = {p.part: p for p in reading.plan.parts}
    results = parts["results:Presidential Election"]
    assert results.status == "quarantined"
    assert results.reason is not None and results.reason.startswith("OCR text failed: ")
    assert parts["metadata"].status == "loaded"
    assert reading.plan.status == "partial"
    assert reading.plan.reason is not None
    assert reading.plan.reason.startswith("results:Presidential Election quarantined: OCR text")
    assert reading.plan.to_load.contests == ()  # the wrong figure is not loaded


def test_ocr_caps_and_a_missing_engine_are_named_reasons(
    armenia_scan: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(armenia_scan)

    def reason(options: OcrOptions) -> str:
        outcome = parse_file("/s.pdf", str(path), 100, options)
        assert outcome.parsed is None and outcome.error_code == "ocr_failed"
        return outcome.reason or ""

    assert "ODIHR_OCR_MAX_PAGES" in reason(OcrOptions(max_pages=1))
    assert "took longer than 0.01 s" in reason(OcrOptions(page_seconds=0.01))
    assert "ODIHR_OCR_LANGUAGES" in reason(OcrOptions(languages="xxx"))
    monkeypatch.setenv("PATH", str(tmp_path))
    odihr.ocr.options.tesseract_version.cache_clear()
    try:
        assert "tesseract program is not installed" in reason(OcrOptions())
    finally:
        monkeypatch.undo()
        odihr.ocr.options.tesseract_version.cache_clear()


def test_ocr_runs_in_the_parse_worker_under_its_wall_clock_limit(
    armenia_scan: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(armenia_scan)
    pool = ParsePool(ParseLimits(memory_mb=1024, cpu_seconds=60, wall_seconds=2.5, workers=1))
    try:
        outcome = pool.run("parse", "/s.pdf", str(path))
    finally:
        pool.close()
    assert outcome.error_code == "resource_limit"
    assert "ODIHR_PARSE_TIMEOUT" in (outcome.reason or "")
    assert "of 2 pages" in (outcome.reason or "")


@pytest.mark.slow
def test_a_whole_scanned_final_report_matches_the_truth(tmp_path: Path) -> None:
    reading = read_scan(scan_pdf(sample_pdf(ARMENIA), NOISY, seed=5), tmp_path)
    assert reading.parsed is not None and reading.plan is not None, reading.reason
    truth = load_truth(ARMENIA)
    accuracy = compare(reading.parsed, truth, reading.plan, (*FIELDS, "pages"))
    assert accuracy.metadata_exact, accuracy.metadata_diff
    assert accuracy.numbering_exact and accuracy.recommendations == len(truth["recommendations"])
    assert accuracy.text_similarity >= 0.98
    assert accuracy.cells_wrong_loaded == 0


@pytest.mark.slow
def test_observers_and_recommendations_of_a_scan_match_the_truth(
    tmp_path: Path,
) -> None:
    pdf_id = "385260"
    scan = scan_pdf(sample_pdf(pdf_id), NOISY, seed=6, pages=(1, 11, 12, 13, 14))
    reading = read_scan(scan, tmp_path)
    assert reading.parsed is not None and reading.plan is not None, reading.reason
    digital = parse_report(page_subset(sample_pdf(pdf_id), (1, 11, 12, 13, 14)))
    assert reading.parsed.metadata == digital.metadata
    accuracy = compare(reading.parsed, load_truth(pdf_id), reading.plan, FIELDS)
    assert accuracy.numbering_exact and accuracy.text_similarity >= 0.98
    # the issue's yardstick: observers' names at an F1 of 0.95 at least, and the list loaded
    observers = {p.part: p for p in reading.plan.parts}["observers"]
    assert accuracy.observers_f1 is not None and accuracy.observers_f1 >= 0.95, \
        accuracy.observers_f1
    assert observers.status == "loaded", observers.reason
    assert len(reading.parsed.observers) == len(load_truth(pdf_id)["observers"])
    assert accuracy.cells_wrong_loaded == 0
    assert replace(reading.parsed, observers=()).text_source == "ocr"


def test_a_garbage_text_layer_is_read_through_ocr_instead(tmp_path: Path) -> None:
    """A page whose text layer is symbols is OCR'd; the symbols OCR reads are no report cover,
    and the reason says the OCR text failed (not the garbage layer)."""
    from results_pdfs import ReportPdf

    pdf = ReportPdf()
    pdf.new_page()
    pdf.paragraph(*["#$%&*+<=>@^|~{}[] " * 4] * 12)
    path = tmp_path / "garbage.pdf"
    path.write_bytes(pdf.save())
    off = parse_file("/g.pdf", str(path), 100, OcrOptions(mode="off"))
    assert off.error_code == "no_text_layer" and "garbage text layer" in (off.reason or "")
    auto = parse_file("/g.pdf", str(path), 100, OcrOptions())
    assert auto.parsed is None and auto.ocr_pages == 0
    assert (auto.reason or "").startswith(("OCR text failed: ", "no text layer: ")), auto.reason
    assert list(tmp_path.glob("*.ocr-*.pdf"))  # it was OCR'd (and cached)
