"""Which OCR'd words are bold, measured on the scan: their strokes are thicker.

Tesseract's LSTM engine reads no font weight, but the part readers use boldness (headings, table
headers, annex titles). A word's stroke width is measured as the mean length of its horizontal
ink runs in the cleaned page image, relative to its line's height (so that a larger type's
thicker strokes do not read as bold). A bold face's strokes are 1.4–1.8 times a regular one's:
a word at ``BOLD_RATIO`` times its page's median word (regular body text dominates a page) is
bold. Scans differ from page to page (blur, toner), so the reference is the page's own; a page
with few words (a cover) takes the median of the other pages' references.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from statistics import median

import numpy as np
from PIL import Image

#: Stroke width relative to the page's median word above which a word is bold.
BOLD_RATIO = 1.25
#: A page with fewer words than this has no reference of its own (a cover, a title page).
MIN_REFERENCE_WORDS = 30
INK_THRESHOLD = 128


@dataclass(frozen=True)
class WordInk:
    """One word Tesseract read (in its output order) and its stroke width per line height."""

    text: str
    stroke: float


def stroke_width(ink: np.ndarray) -> float:
    """Mean horizontal run length of the ink pixels of a word box (0 for an empty box)."""
    if ink.size == 0:
        return 0.0
    starts = np.count_nonzero(np.diff(ink.astype(np.int8), axis=1) == 1) + \
        np.count_nonzero(ink[:, 0])
    return float(ink.sum()) / starts if starts else 0.0


def words_ink(tsv: str, page: Image.Image) -> list[WordInk]:
    """The words of Tesseract's TSV output (level 5, non-empty) with their relative strokes."""
    ink = np.asarray(page.convert("L")) < INK_THRESHOLD
    lines: dict[tuple[str, str, str], int] = {}
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        key = (row.get("block_num", ""), row.get("par_num", ""), row.get("line_num", ""))
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        if row.get("level") == "4":
            lines[key] = height
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        stroke = stroke_width(ink[top:top + height, left:left + width])
        words.append(WordInk(text, stroke / max(1, lines.get(key, height))))
    return words


def bold_flags(pages: list[list[WordInk]]) -> list[list[bool]]:
    """For every page, which of its words are bold."""
    own = [median(s) if len(s := [w.stroke for w in page if w.stroke > 0]) >= MIN_REFERENCE_WORDS
           else None for page in pages]
    known = [r for r in own if r is not None]
    fallback = median(known) if known else None
    flags = []
    for page, reference in zip(pages, own, strict=True):
        ref = reference if reference is not None else fallback
        if ref is None:  # too few words anywhere: a word's weight cannot be told
            flags.append([False] * len(page))
        else:
            flags.append([w.stroke >= BOLD_RATIO * ref for w in page])
    return flags
