"""Scanned copies of born-digital reports, for the OCR tests and benchmark.

Each page is rendered to a greyscale bitmap with pypdfium2, then degraded the way a 1990s scan
is: a random skew within ±``skew`` degrees, a blur, Gaussian noise with a sprinkle of specks, and
JPEG artefacts; the bitmaps are rebuilt into an image-only PDF with Pillow (no text layer
survives). ``tamper`` repaints printed words first (e.g. one vote figure), so that a test can
prove a misread or forged figure is caught by the arithmetic checks rather than loaded.
"""

from __future__ import annotations

import io
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader, PdfWriter

from odihr.parse.pdf import PdfReport


@dataclass(frozen=True)
class ScanStyle:
    """How badly a page is scanned."""

    dpi: int = 200
    skew: float = 1.0
    blur: float = 0.6
    noise: float = 10.0
    specks: float = 0.0005
    jpeg_quality: int = 60


CLEAN = ScanStyle(skew=0.0, blur=0.0, noise=0.0, specks=0.0, jpeg_quality=90)
NOISY = ScanStyle()


def _tamper(image: Image.Image, pdf: PdfReport, page: int, edits: Mapping[str, str],
            scale: float) -> None:
    """Paint over each word ``old`` of ``page`` and print ``new`` in its box."""
    draw = ImageDraw.Draw(image)
    found = set()
    for word in pdf.words(page, extra_attrs=False):
        if word.text not in edits:
            continue
        box = (word.x0 * scale, word.top * scale, word.x1 * scale, word.bottom * scale)
        draw.rectangle(box, fill=255)
        height = max(8, round((word.bottom - word.top) * scale * 0.95))
        font = ImageFont.load_default(size=height)
        draw.text((box[2], box[1]), edits[word.text], fill=0, font=font, anchor="ra")
        found.add(word.text)
    missing = set(edits) - found
    if missing:
        raise ValueError(f"page {page} does not print {sorted(missing)}")


def _degrade(image: Image.Image, style: ScanStyle, rng: random.Random) -> Image.Image:
    if style.skew:
        image = image.rotate(rng.uniform(-style.skew, style.skew),
                             resample=Image.Resampling.BICUBIC, fillcolor=255)
    if style.blur:
        image = image.filter(ImageFilter.GaussianBlur(style.blur))
    if style.noise or style.specks:
        pixels = np.asarray(image, dtype=np.float64)
        generator = np.random.default_rng(rng.randrange(2**32))
        pixels = pixels + generator.normal(0.0, style.noise, pixels.shape)
        specks = generator.random(pixels.shape) < style.specks
        pixels[specks] = 0.0
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=style.jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def scan_pdf(data: bytes, style: ScanStyle = NOISY, *, seed: int = 0,
             pages: Sequence[int] | None = None,
             tamper: Mapping[int, Mapping[str, str]] | None = None) -> bytes:
    """An image-only PDF of ``data``'s pages (1-based ``pages``, default all), scanned in
    ``style``; ``tamper`` maps a page number to ``{printed word: replacement}``."""
    rng = random.Random(seed)
    scale = style.dpi / 72
    images = []
    with PdfReport(data) as pdf:
        document = pdf.pdfium_document
        assert document is not None
        for number in pages or range(1, pdf.page_count + 1):
            page = document[number - 1]
            try:
                image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            finally:
                page.close()
            if tamper and number in tamper:
                _tamper(image, pdf, number, tamper[number], scale)
            images.append(_degrade(image, style, rng))
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:],
                   resolution=float(style.dpi), quality=style.jpeg_quality)
    # a scanning workflow keeps the document's information (dates, title) with the images
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(buffer.getvalue())))
    info = PdfReader(io.BytesIO(data)).metadata
    if info:
        writer.add_metadata({k: str(v) for k, v in info.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_subset(data: bytes, pages: Sequence[int]) -> bytes:
    """The born-digital PDF cut to ``pages`` (1-based), document information kept: what the
    parser reads from it is the ceiling for a scan of the same pages."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for number in pages:
        writer.add_page(reader.pages[number - 1])
    if reader.metadata:
        writer.add_metadata({k: str(v) for k, v in reader.metadata.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
