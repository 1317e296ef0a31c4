"""OCR of generated scans: seconds per page on this machine and accuracy against the truth.

Run ``PYTHONPATH=. python bench/ocr_bench.py [--scan ID:PAGES ...] [--style noisy|clean]
[--languages L] [--dpi N]``.
Each scan is a sample report (``ID``; ``PAGES`` like ``1,11-14`` or ``all``) rendered to
degraded images (skew ±1°, blur, noise, specks, JPEG: ``tests/scan_pdfs.py``), then read as the
parse worker reads a scan (OCR, cache, the same parser) and validated. Printed per scan and in
total: OCR seconds per page; metadata exact (against the born-digital PDF of the same pages, and
against the truth for whole reports); recommendations numbering exact and text similarity
(normalised edit distance); observers' name F1; result cells exact / missing / quarantined /
wrong-and-loaded. Exit status 1 when a yardstick of the issue is missed (similarity < 0.98,
F1 < 0.95, numbering or metadata not exact, or any wrong figure loaded).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from ocr_accuracy import compare, read_scan  # noqa: E402
from scan_pdfs import CLEAN, NOISY, page_subset, scan_pdf  # noqa: E402

from odihr.ocr.options import OcrOptions, tesseract_version  # noqa: E402
from odihr.parse.report import parse_report  # noqa: E402

from truth_records import load_truth  # noqa: E402

SAMPLE = ROOT / "odihr" / "sample_site"
#: The default scans: a 1996 final report whole (cover, text, recommendations, results), and the
#: cover, recommendations, results and observers' pages of a 2000s final report.
DEFAULT_SCANS = ("14112:all", "385260:1,11-14")
FIELDS = ("country", "election_title", "election_type", "early", "election_date",
          "election_dates", "mission_type", "report_type", "language", "published_on")


def _pages(spec: str, count: int) -> list[int]:
    if spec == "all":
        return list(range(1, count + 1))
    pages: list[int] = []
    for piece in spec.split(","):
        first, _, last = piece.partition("-")
        pages.extend(range(int(first), int(last or first) + 1))
    return pages


def bench_scan(
    spec: str, style_name: str, options: OcrOptions, work: Path
) -> tuple[bool, int, float]:
    """Read one scan; print its figures; returns (yardsticks met, pages, OCR seconds)."""
    pdf_id, _, page_spec = spec.partition(":")
    truth = load_truth(pdf_id)
    data = (SAMPLE / truth["url_path"].lstrip("/")).read_bytes()
    pages = _pages(page_spec or "all", truth["page_count"])
    whole = pages == list(range(1, truth["page_count"] + 1))
    started = time.perf_counter()
    scan = scan_pdf(data, CLEAN if style_name == "clean" else NOISY, seed=int(pdf_id) % 1000,
                    pages=pages)
    made = time.perf_counter() - started
    reading = read_scan(scan, work / pdf_id, options)
    seconds = reading.ocr_seconds
    print(f"{pdf_id} pages {page_spec or 'all'} ({len(pages)}): scan made in {made:.1f} s; "
          f"read in {seconds:.1f} s = {seconds / len(pages):.2f} s/page (OCR, parse)")
    if reading.parsed is None or reading.plan is None:
        print(f"  NOT READ: {reading.reason}")
        return False, len(pages), seconds
    digital = parse_report(data if whole else page_subset(data, pages))
    same = reading.parsed.metadata == digital.metadata
    # a page subset lacks what its other pages print: there the born-digital subset is the
    # yardstick of the metadata, the truth of everything else
    accuracy = compare(reading.parsed, truth, reading.plan, (*FIELDS, "pages"))
    truth_meta = "exact" if accuracy.metadata_exact else f"differs {accuracy.metadata_diff}"
    print(f"  text_source {reading.parsed.text_source}; status {reading.plan.status}; "
          f"metadata vs born-digital {'exact' if same else 'DIFFERS'}"
          + (f", vs truth {truth_meta}" if whole else ""))
    expected_recs = [r for r in truth.get("recommendations") or []
                     if r["number"] in {x.number for x in digital.recommendations}]
    met = same and (accuracy.metadata_exact or not whole)
    if expected_recs:
        print(f"  recommendations {accuracy.recommendations} of {len(expected_recs)}: numbering "
              f"{'exact' if accuracy.numbering_exact else 'DIFFERS'}; text similarity "
              f"{accuracy.text_similarity:.4f}")
        met = met and accuracy.numbering_exact and accuracy.text_similarity >= 0.98
    if accuracy.observers_f1 is not None and digital.observers:
        print(f"  observers {len(reading.parsed.observers)} of {len(truth['observers'])}: "
              f"name F1 {accuracy.observers_f1:.4f}")
        met = met and accuracy.observers_f1 >= 0.95
    print(f"  result cells: exact {accuracy.cells_exact}, missing {accuracy.cells_missing}, "
          f"quarantined {accuracy.cells_quarantined}, wrong and loaded "
          f"{accuracy.cells_wrong_loaded}; contestant names exact {accuracy.contestants_exact}"
          f" of {accuracy.contestants}")
    for part in reading.plan.parts:
        if part.status == "quarantined":
            print(f"  quarantined {part.part}: {part.reason}")
    return met and accuracy.cells_wrong_loaded == 0, len(pages), seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan", action="append", help="ID:PAGES (repeatable)")
    parser.add_argument("--style", choices=("noisy", "clean"), default="noisy")
    parser.add_argument("--languages", default=OcrOptions().languages)
    parser.add_argument("--dpi", type=int, default=OcrOptions().dpi,
                        help="render resolution for Tesseract (lower: faster, less exact)")
    args = parser.parse_args()
    version = tesseract_version()
    if version is None:
        print("tesseract is not installed (apt install tesseract-ocr tesseract-ocr-script-latn "
              "tesseract-ocr-rus)")
        return 2
    options = OcrOptions(languages=args.languages, dpi=args.dpi)
    print(f"{version}; languages {args.languages}; {args.dpi} dpi; style {args.style}")
    ok, pages, seconds = True, 0, 0.0
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        for spec in args.scan or DEFAULT_SCANS:
            met, n, s = bench_scan(spec, args.style, options, Path(tmp))
            ok, pages, seconds = ok and met, pages + n, seconds + s
    print(f"total: {pages} pages in {seconds:.1f} s = {seconds / max(pages, 1):.2f} s/page; "
          f"yardsticks {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
