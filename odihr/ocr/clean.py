"""Cleaning a scanned page before OCR: straighten a skewed scan and remove speckle noise.

Pure functions on Pillow greyscale images. The skew is found from the text itself: rotated by the
right angle, the page's rows of ink line up, so the row profile of a binarised thumbnail is most
uneven (tall peaks on text lines, zeros between them). Two passes (coarse, then fine) cost a few
dozen rotations of a ~800-pixel thumbnail, a few tens of milliseconds.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter, ImageOps

#: Scans are searched for skew within ± this many degrees (feeders and flatbeds stay within it).
MAX_SKEW_DEGREES = 3.0
#: Smaller corrections than this are not worth a resampling of the page.
MIN_CORRECTION_DEGREES = 0.05
THUMBNAIL_WIDTH = 800
INK_THRESHOLD = 160


def _row_score(ink: Image.Image, angle: float) -> float:
    rotated = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    rows = np.asarray(rotated, dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(page: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that makes the page's text lines horizontal."""
    grey = page.convert("L")
    scale = THUMBNAIL_WIDTH / max(1, grey.width)
    if scale < 1:
        grey = grey.resize((THUMBNAIL_WIDTH, max(1, round(grey.height * scale))),
                           Image.Resampling.BILINEAR)
    ink = grey.point(lambda v: 1 if v < INK_THRESHOLD else 0)
    if not np.asarray(ink).any():
        return 0.0
    best = 0.0
    for step, span in ((0.25, MAX_SKEW_DEGREES), (0.05, 0.25)):
        centre = best
        angles = np.arange(centre - span, centre + span + step / 2, step)
        best = max(angles, key=lambda a: _row_score(ink, float(a)))
    return float(round(best, 2))


def clean_page(page: Image.Image) -> Image.Image:
    """The page straightened and despeckled, in greyscale (Tesseract binarises it itself)."""
    grey = page.convert("L")
    # a 3x3 median removes salt-and-pepper specks and JPEG ringing without eating thin strokes
    grey = grey.filter(ImageFilter.MedianFilter(3))
    angle = estimate_skew(grey)
    if abs(angle) >= MIN_CORRECTION_DEGREES:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return ImageOps.autocontrast(grey, cutoff=1)
