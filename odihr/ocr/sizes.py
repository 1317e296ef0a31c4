"""Type sizes of OCR'd lines measured from Tesseract's word boxes, steady on each page.

Tesseract's PDF renderer sizes each line from the glyphs it happens to hold, one or two points off
(a 10 pt table row reads 9 or 11 pt, a 12 pt heading 9 pt), so lines set in one type come out in
several sizes and the part readers, which tell table text, headings and footnotes apart by size,
lose the table. Here each word's box height (TSV output) is divided by the share of the em its
letters span: a word with an ascender or capital and a descender spans about 0.94 em, one with
ascenders only (or descenders only) about 0.74 em; a word of x-height letters or punctuation says
little and is left out, and so is a word Tesseract is unsure of (garbled). Tesseract's boxes err by
growing (a box takes in a speck or a neighbouring line's accents, up to half as tall again), so a
line's size is the lower quartile of its words' sizes (the smallest of a short line). A line whose
boxes are all grown (Tesseract merged a table row with the wrapped cell line beside it, half a row
higher) reads far larger (or, its garbled words measured, smaller) than the lines of its paragraph:
a line more than ``OUTLIER`` (relative) off the median of a paragraph of at least three measured
lines takes that median.

Each page's line sizes are then grouped: sorted, a size within ``GROUP_STEP`` (relative) of the
previous one is the same type, and every line of a group gets the group's median (weighted by
characters), rounded to a whole point, as type is set. A line with no measurable word keeps
Tesseract's size.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

#: Shares of the em spanned by a word's box by the letters it holds (Latin and Cyrillic type).
BOTH_SPAN, ONE_SPAN = 0.94, 0.74
#: Lowercase letters reaching the ascender line, and letters reaching below the baseline.
ASCENDERS = frozenset("bdfhkl" + "бй")
DESCENDERS = frozenset("gjpqy" + "руфдцщ")
#: Sorted line sizes closer than this (relative to the smaller) are one type.
GROUP_STEP = 0.06
#: Words read with less confidence (Tesseract's 0-100) are garbled: their boxes are not measured.
MIN_CONFIDENCE = 60.0
#: A line this far (relative) from its paragraph's median size is mismeasured.
OUTLIER = 0.15


@dataclass(frozen=True)
class TsvWord:
    """One word of Tesseract's TSV output: its text, line key and box height (pixels)."""

    text: str
    line: tuple[int, int, int]
    height: int
    confidence: float = 100.0


def tsv_words(tsv: str) -> list[TsvWord]:
    """The non-empty words (level 5) of a TSV page, in output order (the PDF page's order)."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        words.append(TsvWord(text, key, int(row["height"]), float(row.get("conf") or 0)))
    return words


def span(text: str) -> float | None:
    """The share of the em ``text``'s box spans; None when its letters do not tell."""
    letters = [c for c in text if c.isalnum()]
    if any(c.isupper() and not c.isascii() for c in letters):
        return None  # accented capitals rise above the cap height
    top = any(c.isupper() or c.isdigit() or c in ASCENDERS for c in letters)
    bottom = any(c in DESCENDERS for c in letters)
    if top and bottom:
        return BOTH_SPAN
    return ONE_SPAN if top or bottom else None


def line_sizes(words: Sequence[TsvWord], dpi: int) -> dict[tuple[int, int, int], float]:
    """Each line's measured size (points) by its TSV key; lines with no measurable word are
    left out."""
    estimates: dict[tuple[int, int, int], list[float]] = {}
    for word in words:
        share = span(word.text)
        if share is not None and word.height > 0 and word.confidence >= MIN_CONFIDENCE:
            estimates.setdefault(word.line, []).append(word.height * 72 / dpi / share)
    sizes = {key: sorted(values)[len(values) // 4] for key, values in estimates.items()}
    paragraphs: dict[tuple[int, int], list[float]] = {}
    for key, size in sizes.items():
        paragraphs.setdefault(key[:2], []).append(size)
    for key, size in sizes.items():
        lines = paragraphs[key[:2]]
        usual = median(lines)
        if len(lines) >= 3 and abs(size - usual) > OUTLIER * usual:
            sizes[key] = usual
    return sizes


def steady_sizes(pages: Sequence[Sequence[TsvWord]], dpi: int) -> list[list[float | None]]:
    """For every page, each word's steadied size (its line's group size; None when its line
    could not be measured)."""
    return [_steady_page(words, dpi) for words in pages]


def _steady_page(words: Sequence[TsvWord], dpi: int) -> list[float | None]:
    measured = line_sizes(words, dpi)
    weights: dict[tuple[int, int, int], int] = {}
    for word in words:
        weights[word.line] = weights.get(word.line, 0) + len(word.text)
    groups: list[list[tuple[float, int]]] = []
    for size, weight in sorted((size, weights[key]) for key, size in measured.items()):
        if groups and size <= groups[-1][-1][0] * (1 + GROUP_STEP):
            groups[-1].append((size, weight))
        else:
            groups.append([(size, weight)])
    steady: dict[float, float] = {}
    for group in groups:
        value = float(round(median(size for size, weight in group for _ in range(weight))))
        steady.update({size: value for size, _ in group})
    return [steady[measured[w.line]] if w.line in measured else None for w in words]
