"""The page model's one word reader: PDFium's characters joined into words, upright or turned.

PDFium's text page already knows every character's origin, box, font size and font name, so
words are built from it directly (~5 ms a page, where pdfplumber needs ~80 ms). A page turned
by ``/Rotate`` is read in the frame it is shown in (x from the left, y from the top, like
pdfplumber): every point goes through :class:`Shown`, and the characters are then joined into
words exactly as on an upright page — at spaces, where the baseline changes (a raised footnote
marker starts a word), and where the next character does not follow the previous one.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from odihr.parse.pdf import Word

__all__ = ["Shown", "Word", "page_words", "textpage_words"]

#: How PDFium reports a hyphen that ends a line: U+0002 per character, U+FFFE in bulk text.
_LINE_END_HYPHENS = frozenset((0x02, 0xFFFE))
#: Space characters beyond ASCII (no-break, thin, ideographic…) that separate words.
_SPACES = frozenset((0x85, 0xA0, 0x1680, *range(0x2000, 0x200C), 0x2028, 0x2029, 0x202F, 0x205F,
                     0x3000, 0xFEFF))
#: A character this far (share of the font size) right of the previous one starts a word; one
#: more than half a point left of it (text running backwards) too.
_WORD_GAP, _BACKWARDS = 1.5, 0.5
#: A character whose baseline moves by more than this share of the font size starts a word.
_BASELINE_SHIFT = 0.2
_BOLD_FONTS = (b"bold", b"black", b"heavy")


class Shown:
    """Maps a point of the media box (PDF user space, y up) to the page as shown: x from the
    left, y from the top, after the page's /Rotate (clockwise, in quarter turns)."""

    def __init__(self, turn: int, width: float, height: float) -> None:
        self.turn, self.width, self.height = turn % 360, width, height

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> Shown:
        """The frame of one PDFium page (its width and height as shown, rotation applied)."""
        return cls(page.get_rotation(), page.get_width(), page.get_height())

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        if self.turn == 90:
            return y, x
        if self.turn == 180:
            return self.width - x, y
        if self.turn == 270:
            return self.width - y, self.height - x
        return x, self.height - y


def page_words(doc: pdfium.PdfDocument, number: int) -> list[Word]:
    """Words of page ``number`` (1-based) as shown, footnote markers included."""
    page = doc[number - 1]
    try:
        shown = Shown.of(page)
        textpage = page.get_textpage()
        try:
            return textpage_words(textpage.raw, shown)
        finally:
            textpage.close()
    finally:
        page.close()


def textpage_words(tp: object, shown: Shown) -> list[Word]:
    """Split PDFium's characters into words at spaces and where characters stop following.

    One ctypes call per character (its origin) and three per word (size, font name, the last
    character's box): the ctypes calls are what this costs. A word starts at its first
    character's origin and ends at the right of its last character's box."""
    raw = pdfium_raw
    origin, font_size, font_info = (raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize,
                                    raw.FPDFText_GetFontInfo)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    ref_x, ref_y = ctypes.byref(origin_x), ctypes.byref(origin_y)
    name = ctypes.create_string_buffer(128)
    flags = ctypes.byref(ctypes.c_int())
    upright, height = shown.turn == 0, shown.height
    words: list[Word] = []
    chars: list[str] = []
    # the open word: its left, its last character's x, top, baseline, font size, boldness, and
    # how far the next character may move right or off the baseline and still join it
    x0 = prev = top = base = size = gap = shift = 0.0
    bold = False
    last = -1

    for i, code in enumerate(_codes(tp)):
        if code in _LINE_END_HYPHENS:
            code = 45
        elif code <= 32 or code in _SPACES:
            if chars:
                words.append(_word(tp, last, shown, chars, x0, prev, top, base, size, bold))
                chars = []
            continue
        origin(tp, i, ref_x, ref_y)
        if upright:
            x, baseline = origin_x.value, height - origin_y.value
        else:
            x, baseline = shown(origin_x.value, origin_y.value)
        if chars and (x < prev - _BACKWARDS or x - prev > gap or abs(baseline - base) > shift):
            words.append(_word(tp, last, shown, chars, x0, prev, top, base, size, bold))
            chars = []
        if not chars:
            size = font_size(tp, i)
            font_info(tp, i, name, 128, flags)
            font = name.value.lower()
            bold = any(b in font for b in _BOLD_FONTS)
            x0, top, base = x, baseline - size, baseline
            gap, shift = _WORD_GAP * size, _BASELINE_SHIFT * size
        prev = x
        chars.append(chr(code))
        last = i
    if chars:
        words.append(_word(tp, last, shown, chars, x0, prev, top, base, size, bold))
    return words


def _word(tp: object, last: int, shown: Shown, chars: list[str], x0: float, prev: float,
          top: float, base: float, size: float, bold: bool) -> Word:
    """The word of ``chars``: it ends at the right of its last character's box."""
    rect = pdfium_raw.FS_RECTF()
    pdfium_raw.FPDFText_GetLooseCharBox(tp, last, rect)
    right = rect.right if shown.turn == 0 else max(shown(rect.left, rect.bottom)[0],
                                                   shown(rect.right, rect.top)[0])
    return Word("".join(chars), x0, max(right, prev), top, base, size, bold)


def _codes(tp: object) -> list[int]:
    """Every character's code, read in one call (one UTF-16 unit per character index)."""
    raw = pdfium_raw
    count = raw.FPDFText_CountChars(tp)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(tp, 0, count, buffer)
    if written - 1 == count:
        return list(buffer[:count])
    return [raw.FPDFText_GetUnicode(tp, i) for i in range(count)]
