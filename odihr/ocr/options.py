"""What the OCR stage may do: mode, languages, a page cap and a time cap per page."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from odihr.settings import (
    DEFAULT_OCR_LANGUAGES,
    DEFAULT_OCR_MAX_PAGES,
    DEFAULT_OCR_PAGE_SECONDS,
    OCR_MODES,
)

__all__ = ["OCR_MODES", "OcrOptions", "missing_languages", "tesseract_version"]
#: Pages are rendered at this resolution for Tesseract (its models are trained near 300 dpi).
RENDER_DPI = 300
#: Bump when rendering, cleaning or the Tesseract call changes what OCR reads (new cache entries).
PIPELINE_VERSION = "2"  # 2: sizes measured from word boxes, words span their boxes


@lru_cache(maxsize=4)
def tesseract_version(binary: str = "tesseract") -> str | None:
    """The first line of ``tesseract --version`` (e.g. ``tesseract 5.3.0``); None when absent."""
    path = shutil.which(binary)
    if path is None:
        return None
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


@lru_cache(maxsize=4)
def installed_languages(binary: str = "tesseract") -> frozenset[str]:
    """The languages ``tesseract --list-langs`` names (empty when Tesseract is absent)."""
    path = shutil.which(binary)
    if path is None:
        return frozenset()
    try:
        done = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def missing_languages(languages: str) -> list[str]:
    """The ``+``-joined ``languages`` Tesseract does not have (all of them without Tesseract)."""
    have = installed_languages()
    return [lang for lang in languages.split("+") if lang not in have]


@dataclass(frozen=True)
class OcrOptions:
    """Settings of the OCR stage (``ODIHR_OCR*``); picklable, handed to the parse workers."""

    mode: str = "auto"
    languages: str = DEFAULT_OCR_LANGUAGES
    max_pages: int = DEFAULT_OCR_MAX_PAGES
    page_seconds: float = DEFAULT_OCR_PAGE_SECONDS
    dpi: int = RENDER_DPI

    @property
    def enabled(self) -> bool:
        """True when a scan is OCR'd rather than quarantined."""
        return self.mode == "auto"

    def cache_key(self, engine_version: str) -> str:
        """A short digest of everything that changes what OCR reads: engine version, languages,
        resolution and this pipeline's version (the page and time caps do not)."""
        text = f"{engine_version}|{self.languages}|{self.dpi}|{PIPELINE_VERSION}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]
