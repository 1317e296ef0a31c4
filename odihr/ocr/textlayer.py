"""Joining Tesseract's text-only pages into one PDF whose words carry steady sizes and weights.

Tesseract estimates each line's point size from the glyphs it happens to hold (a line without
descenders reads a point smaller), so one paragraph's lines come out at 11 and 12 pt. The part
readers tell headings, footnotes and body text apart by size, so a size one point off the
document's body size is set to the body size; sizes further away (headings, footnotes) are
kept. Words measured bold on the scan (:mod:`odihr.ocr.weight`) are set in a second invisible
font named ``GlyphLessFont-Bold``, which the readers see as bold like any bold face. The scan's
document information (``CreationDate``...) is copied over: the metadata reader uses it to
corroborate the printed month of issue, as for a born-digital report.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    NameObject,
    NumberObject,
)

#: ``/f-0-0 12 Tf``: Tesseract's one (invisible) font, and the size set for the words after it.
_FONT_SIZE = re.compile(rb"/f-0-0\s+(\d+(?:\.\d+)?)\s+Tf")
#: One word: optional size change, horizontal scaling, then its glyph run ``[ <0041...> ] TJ``.
_WORD = re.compile(
    rb"(?:/f-0-0\s+(\d+(?:\.\d+)?)\s+Tf\s+)?(\S+\s+Tz\s+)?\[\s*<([0-9A-Fa-f]*)>\s*\]\s*TJ"
)
#: A word of only these marks is a speck read as text (a real one sticks to its word: ``3.``);
#: it would open a column of its own in a table, so it is set as an empty run.
SPECK_MARKS = frozenset(".,:;'\"`’‘“”·")
#: Sizes this close (points) to the body size are the body size misjudged.
SIZE_TOLERANCE = 1.0
REGULAR, BOLD = b"/f-0-0", b"/f-0-1"
BOLD_NAME = "/GlyphLessFont-Bold"


def sizes(content: bytes) -> Counter[float]:
    """Characters set at each size in a Tesseract page's content stream."""
    counts: Counter[float] = Counter()
    size = 0.0
    for match in _WORD.finditer(content):
        size = float(match.group(1)) if match.group(1) else size
        counts[size] += len(match.group(3)) // 4
    return counts


def rewrite(content: bytes, body: float, bold: Sequence[bool] | None,
            measured: Sequence[float | None] | None = None) -> bytes:
    """``content`` with each word set at its ``measured`` size (one per word, in order; None
    or a count that disagrees: Tesseract's size, set to ``body`` when near it) and the words
    flagged in ``bold`` set in the bold font. A word's horizontal scaling is adjusted to its
    new size, and so that its letters span its box: Tesseract spreads the box over the letters
    and the space it appends, which left every word a letter short of its width (and a table's
    cells as far apart as its columns)."""
    count = len(_WORD.findall(content))
    if bold is not None and len(bold) != count:
        bold = None
    if measured is not None and len(measured) != count:
        measured = None
    index = 0
    printed = 0.0
    scaling = 100.0

    def word(match: re.Match[bytes]) -> bytes:
        nonlocal index, printed, scaling
        if match.group(1):
            printed = float(match.group(1))
        if match.group(2):
            scaling = float(match.group(2).split()[0])
        steady = measured[index] if measured is not None else None
        if steady is None:
            steady = body if abs(printed - body) <= SIZE_TOLERANCE else printed
        is_bold = bool(bold and bold[index])
        index += 1
        font = BOLD if is_bold else REGULAR
        tz = scaling * printed / steady if steady and printed else scaling
        glyphs = match.group(3)
        if _speck(glyphs):
            glyphs = b""
        letters = len(glyphs) // 4 - (glyphs[-4:] == b"0020")
        if glyphs[-4:] == b"0020" and letters > 0:
            tz *= (letters + 1) / letters
        return font + f" {steady:g} Tf {round(tz, 3):g} Tz [ <".encode() + glyphs + b"> ] TJ"

    return _WORD.sub(word, content)


def _speck(glyphs: bytes) -> bool:
    """The glyph run (Tesseract's font codes are UTF-16 code units) holds only speck marks."""
    try:
        text = bytes.fromhex(glyphs.decode()).decode("utf-16-be").strip()
    except ValueError:
        return False
    return bool(text) and all(c in SPECK_MARKS for c in text)


def _bold_font(regular: DictionaryObject, writer: PdfWriter) -> DictionaryObject:
    """A copy of Tesseract's Type0 font (and its descendant and descriptor) named bold."""
    font = DictionaryObject(regular)
    font[NameObject("/BaseFont")] = NameObject(BOLD_NAME)
    descendants = cast(ArrayObject, regular["/DescendantFonts"].get_object())
    descendant = DictionaryObject(cast(DictionaryObject, descendants[0].get_object()))
    descendant[NameObject("/BaseFont")] = NameObject(BOLD_NAME)
    descriptor = DictionaryObject(
        cast(DictionaryObject, descendant["/FontDescriptor"].get_object())
    )
    descriptor[NameObject("/FontName")] = NameObject(BOLD_NAME)
    descriptor[NameObject("/FontWeight")] = NumberObject(700)
    descendant[NameObject("/FontDescriptor")] = writer._add_object(descriptor)
    font[NameObject("/DescendantFonts")] = ArrayObject([writer._add_object(descendant)])
    return font


def join_pages(pages: Sequence[bytes], bold: Sequence[Sequence[bool]] | None = None,
               info: Mapping[str, str] | None = None,
               measured: Sequence[Sequence[float | None]] | None = None) -> bytes:
    """One PDF of Tesseract's single-page PDFs, sizes steadied (``measured``: each word's size
    by :mod:`odihr.ocr.sizes`, per page) and bold words marked, with document ``info``."""
    readers = [PdfReader(io.BytesIO(data)) for data in pages]
    total: Counter[float] = Counter()
    for reader in readers:
        for page in reader.pages:
            contents = page.get_contents()
            total.update(sizes(contents.get_data()) if contents is not None else {})
    body = total.most_common(1)[0][0] if total else 0.0
    writer = PdfWriter()
    for number, reader in enumerate(readers):
        for page in reader.pages:
            added = writer.add_page(page)
            contents = added.get_contents()
            if contents is None:
                continue
            stream = ContentStream(None, writer)
            stream.set_data(rewrite(contents.get_data(), body, bold[number] if bold else None,
                                    measured[number] if measured else None))
            added.replace_contents(stream)
            resources = cast(DictionaryObject, added["/Resources"].get_object())
            fonts = cast(DictionaryObject, resources["/Font"].get_object())
            regular = cast(DictionaryObject, fonts[REGULAR.decode()].get_object())
            fonts[NameObject(BOLD.decode())] = writer._add_object(_bold_font(regular, writer))
    if info:
        writer.add_metadata({k if k.startswith("/") else f"/{k}": v for k, v in info.items()})
    writer.compress_identical_objects()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
