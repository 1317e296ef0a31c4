"""Tesseract on every page of a scan: image-only PDF bytes in, text-layer PDF bytes out.

Each page is rendered by pypdfium2 at ``OcrOptions.dpi`` in greyscale, cleaned
(:func:`odihr.ocr.clean.clean_page`) and handed to the ``tesseract`` program with its PDF renderer
in text-only mode (``-c textonly_pdf=1``): the page it writes has the scan's size in points and
one invisible word per word read, placed and scaled to the word's box. The pages are joined
(:mod:`odihr.ocr.textlayer`) into one PDF that :class:`~odihr.parse.pdf.PdfReport` reads like any
born-digital report.

Tesseract runs as a child of the calling process (the isolated parse worker): the worker's
memory cap applies to it too, it gets what is left of the document's CPU-time budget, it dies
with the worker, each page has its own time cap (``ODIHR_OCR_PAGE_SECONDS``), and it is held to
one thread (the parse pool provides the parallelism).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from odihr.errors import OcrFailed
from odihr.ocr.clean import clean_page
from odihr.ocr.options import OcrOptions
from odihr.ocr.sizes import TsvWord, steady_sizes, tsv_words
from odihr.ocr.textlayer import join_pages
from odihr.ocr.weight import WordInk, bold_flags, words_ink
from odihr.parse.pdf import PDFIUM_LOCK, check_pdf_bytes

#: Called after each page with (pages done, page count): the parse worker's progress counter.
PageHook = Callable[[int, int], None]
PAGE_HOOKS: list[PageHook] = []
INSTALL_HINT = (
    "install Tesseract (apt install tesseract-ocr tesseract-ocr-script-latn tesseract-ocr-rus) "
    "or set ODIHR_OCR=off to quarantine scans without trying"
)


def _cpu_budget() -> int | None:
    """CPU seconds this process may still use under its ``RLIMIT_CPU`` (the parse worker's
    per-document budget), None when unlimited. A child's CPU time is its own, so Tesseract is
    given what is left rather than inheriting the worker's absolute limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
    if soft == resource.RLIM_INFINITY:
        return None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return max(1, int(soft - usage.ru_utime - usage.ru_stime))


def _child_setup(cpu_seconds: int | None) -> Callable[[], None]:
    def setup() -> None:  # pragma: no cover - runs in the tesseract child
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError, AttributeError):
                ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        if cpu_seconds is not None:
            _, hard = resource.getrlimit(resource.RLIMIT_CPU)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, hard))

    return setup


def _tesseract(image: Path, out_base: Path, page: int, options: OcrOptions
               ) -> tuple[bytes, str]:
    """Tesseract's text-only PDF page and its TSV word list for one page image."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrFailed("the tesseract program is not installed", INSTALL_HINT)
    command = [binary, str(image), str(out_base), "-l", options.languages, "--dpi",
               str(options.dpi), "-c", "textonly_pdf=1", "pdf", "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, capture_output=True, timeout=options.page_seconds,
                              env=env, check=False,
                              preexec_fn=_child_setup(_cpu_budget()))  # noqa: PLW1509
    except subprocess.TimeoutExpired:
        raise OcrFailed(
            f"page {page} took longer than {options.page_seconds:g} s to read",
            "raise ODIHR_OCR_PAGE_SECONDS if the scan is genuine and run `odihr reparse`",
        ) from None
    if done.returncode == -signal.SIGXCPU:
        raise OcrFailed(
            f"page {page} used up the document's CPU time (ODIHR_PARSE_CPU_SECONDS)",
            "raise ODIHR_PARSE_CPU_SECONDS if the scan is genuine and run `odihr reparse`",
        )
    pdf, tsv = out_base.with_suffix(".pdf"), out_base.with_suffix(".tsv")
    if done.returncode != 0 or not pdf.is_file() or not tsv.is_file():
        message = done.stderr.decode(errors="replace").strip().splitlines()
        detail = "; ".join(line for line in message if line)[-300:] or f"exit {done.returncode}"
        raise OcrFailed(
            f"tesseract could not read page {page} ({detail})",
            f"check that the languages {options.languages!r} (ODIHR_OCR_LANGUAGES) are "
            "installed (apt install tesseract-ocr-<lang>)",
        )
    return pdf.read_bytes(), tsv.read_text(encoding="utf-8", errors="replace")


def ocr_pdf(data: bytes, options: OcrOptions) -> bytes:
    """Read the scan ``data`` through Tesseract; returns a PDF with the same pages as text.

    Raises:
        OcrFailed: the scan has more pages than ``options.max_pages`` (ODIHR_OCR_MAX_PAGES),
            Tesseract is missing or failed, or a page exceeded its time cap.
    """
    check_pdf_bytes(data)
    with PDFIUM_LOCK:
        scan = pdfium.PdfDocument(data)
        info = dict(scan.get_metadata_dict(skip_empty=True))
        count = len(scan)
    pages: list[bytes] = []
    inks: list[list[WordInk]] = []
    boxes: list[list[TsvWord]] = []
    try:
        if count > options.max_pages:
            raise OcrFailed(
                f"{count} scanned pages exceed the OCR page cap of {options.max_pages}",
                "raise ODIHR_OCR_MAX_PAGES if the scan is genuine and run `odihr reparse`",
            )
        with tempfile.TemporaryDirectory(prefix="odihr-ocr-") as tmp:
            for number in range(1, count + 1):
                with PDFIUM_LOCK:  # PDFium only while rendering: Tesseract runs unlocked
                    page = scan[number - 1]
                    try:
                        image = page.render(scale=options.dpi / 72, grayscale=True).to_pil()
                    finally:
                        page.close()
                image = clean_page(image)
                png = Path(tmp) / f"page-{number}.png"
                image.save(png, dpi=(options.dpi, options.dpi))
                text_page, tsv = _tesseract(png, Path(tmp) / f"page-{number}", number, options)
                pages.append(text_page)
                inks.append(words_ink(tsv, image))
                boxes.append(tsv_words(tsv))
                png.unlink()
                for hook in PAGE_HOOKS:
                    hook(number, count)
    finally:
        with PDFIUM_LOCK:
            scan.close()
    return join_pages(pages, bold_flags(inks), info, steady_sizes(boxes, options.dpi))
