"""The OCR'd text-layer PDF, kept beside the raw PDF so that a reparse does not OCR again.

``<raw_dir>/ab/<sha256>.pdf`` (the raw store's name) gets ``<raw_dir>/ab/<sha256>.ocr-<key>.pdf``
where ``sha256`` is the digest of the raw bytes (computed here, never taken from a URL or a file
name) and ``key`` digests the Tesseract version, languages, resolution and OCR pipeline version
(:meth:`~odihr.ocr.options.OcrOptions.cache_key`): a new engine or language set OCRs afresh.
Writes are atomic (temporary file, fsync, ``os.replace``); a directory that cannot be written
only costs the cache, never the parse.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from odihr.errors import OcrFailed
from odihr.ocr.engine import INSTALL_HINT, ocr_pdf
from odihr.ocr.options import OcrOptions, tesseract_version
from odihr.site.store import write_atomically

log = logging.getLogger(__name__)


def cache_path(directory: Path, data: bytes, options: OcrOptions, engine_version: str) -> Path:
    """Where the OCR'd PDF of ``data`` is kept in ``directory``."""
    digest = hashlib.sha256(data).hexdigest()
    return Path(directory) / f"{digest}.ocr-{options.cache_key(engine_version)}.pdf"


def ocr_cached(data: bytes, options: OcrOptions, directory: Path | None) -> tuple[bytes, bool]:
    """The text-layer PDF of the scan ``data``: from the cache in ``directory`` when there,
    else made by :func:`~odihr.ocr.engine.ocr_pdf` and stored. Returns ``(pdf, from_cache)``."""
    version = tesseract_version()
    if version is None:
        raise OcrFailed("the tesseract program is not installed", INSTALL_HINT)
    path = cache_path(directory, data, options, version) if directory is not None else None
    if path is not None and path.is_file():
        try:
            return path.read_bytes(), True
        except OSError as error:
            log.warning("OCR cache %s unreadable (%s): reading the scan again", path, error)
    text_pdf = ocr_pdf(data, options)
    if path is not None:
        try:
            write_atomically(path, text_pdf)
        except OSError as error:
            log.warning("OCR cache %s not written (%s): the next reparse OCRs again", path, error)
    return text_pdf, False
