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
import re
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from odihr.parse.pdf import PdfReport, Word

__all__ = ["Shown", "Word", "page_words", "report_words", "shown_words", "textpage_words"]

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
#: A run of printed characters: no control character (but the line-end hyphen), ASCII space or
#: other space between them.
_PRINTED = re.compile("[^" + re.escape("".join(
    chr(c) for c in (*range(33), *_SPACES) if c not in _LINE_END_HYPHENS)) + "]+")


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
        textpage = page.get_textpage()
        try:
            return shown_words(page, textpage)
        finally:
            textpage.close()
    finally:
        page.close()


def report_words(pdf: PdfReport, number: int) -> list[Word]:
    """:func:`page_words` of an open report's page, through the pages it keeps open (a page
    read for its text is not loaded again for its words)."""
    with pdf.text_page(number) as (page, textpage):
        return shown_words(page, textpage)


def shown_words(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Word]:
    """Words of an open PDFium page, as it is shown, footnote markers included."""
    return textpage_words(textpage.raw, Shown.of(page))


def textpage_words(tp: object, shown: Shown) -> list[Word]:
    """Split PDFium's characters into words at spaces and where characters stop following.

    The page's text is read in one call and cut at spaces first (a regular expression over the
    whole page); inside each run of printed characters one ctypes call per character (its
    origin) finds where characters stop following, and three calls per word give its size, font
    name and its last character's box. A word starts at its first character's origin and ends
    at the right of its last character's box.

    The loop is the parse's hottest Python code: the first character of a run (which always
    starts a word) is read outside the per-character loop, an upright page's points are turned
    inline, and names are local."""
    text = _text(tp)
    origin, font_size, font_info, loose_box = _C.origin, _C.font_size, _C.font_info, _C.loose_box
    text_object = _C.text_object
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    ref_x, ref_y = ctypes.byref(origin_x), ctypes.byref(origin_y)
    name = ctypes.create_string_buffer(128)
    flags = ctypes.byref(ctypes.c_int())
    upright, height, turn = shown.turn == 0, shown.height, shown.turn
    rect = pdfium_raw.FS_RECTF()
    ref_rect = ctypes.byref(rect)
    words: list[Word] = []
    append, make = words.append, Word.of
    bold_fonts: dict[bytes, bool] = {}  # font name → boldness
    word_gap, backwards, baseline_shift = _WORD_GAP, _BACKWARDS, _BASELINE_SHIFT

    styles: dict[int | None, tuple[float, bool]] = {}  # text object → (font size, boldness)

    def style(i: int) -> tuple[float, bool]:
        """The font size and boldness of character ``i`` (the first of a word). PDFium takes
        both from the character's text object, so they are read once per text object."""
        obj = text_object(tp, i)
        known = styles.get(obj)
        if known is None:
            font_info(tp, i, name, 128, flags)
            font = name.value
            bold = bold_fonts.get(font)
            if bold is None:
                bold = bold_fonts[font] = any(b in font.lower() for b in _BOLD_FONTS)
            known = styles[obj] = font_size(tp, i), bold
        return known

    def right_of(last: int, prev: float) -> float:
        """The right of character ``last``'s box as shown (the word's right: at least its
        last character's origin ``prev``)."""
        loose_box(tp, last, ref_rect)
        right = rect.right if upright else max(shown(rect.left, rect.bottom)[0],
                                               shown(rect.right, rect.top)[0])
        return max(right, prev)

    for run in _PRINTED.finditer(text):
        # the open word: its first character's index, its left, its last character's x, top,
        # baseline, font size, boldness, and how far the next character may move right or
        # off the baseline and still join it
        first, end = run.span()
        origin(tp, first, ref_x, ref_y)
        if upright:
            x, base = origin_x.value, height - origin_y.value
        else:
            x, base = shown(origin_x.value, origin_y.value)
        size, bold = style(first)
        x0 = prev = x
        top, gap, shift = base - size, word_gap * size, baseline_shift * size
        for i in range(first + 1, end):
            origin(tp, i, ref_x, ref_y)
            if turn:
                x, baseline = shown(origin_x.value, origin_y.value)
            else:
                x, baseline = origin_x.value, height - origin_y.value
            if x < prev - backwards or x - prev > gap or abs(baseline - base) > shift:
                append(make(text[first:i], x0, right_of(i - 1, prev), top, base, size, bold))
                first = i
                size, bold = style(i)
                x0, base = x, baseline
                top, gap, shift = base - size, word_gap * size, baseline_shift * size
            prev = x
        append(make(text[first:end], x0, right_of(end - 1, prev), top, base, size, bold))
    return words


class _Calls:
    """PDFium's per-character text functions called without ctypes' argument conversion.

    ``pypdfium2.raw`` declares ``argtypes``, and converting the arguments through them costs
    about three times the call itself; the reader calls these once per character with
    arguments of the exact C types (the text page handle, a Python int, pointers made by
    ``ctypes.byref``), so it calls fresh pointers to the same C functions that declare only
    their return types."""

    def __init__(self) -> None:
        raw = pdfium_raw
        self.origin = self._bare(raw.FPDFText_GetCharOrigin, ctypes.c_int)
        self.font_size = self._bare(raw.FPDFText_GetFontSize, ctypes.c_double)
        self.font_info = self._bare(raw.FPDFText_GetFontInfo, ctypes.c_ulong)
        self.loose_box = self._bare(raw.FPDFText_GetLooseCharBox, ctypes.c_int)
        self.text_object = self._bare(raw.FPDFText_GetTextObject, ctypes.c_void_p)

    @staticmethod
    def _bare(declared: Any, restype: Any) -> Any:
        address = ctypes.cast(declared, ctypes.c_void_p).value
        function = type(declared)(address)  # the same library's function type, no argtypes
        function.restype = restype
        return function


_C = _Calls()


def _text(tp: object) -> str:
    """The page's characters, one per character index (one UTF-16 unit each, a surrogate pair
    staying two), line-end hyphens as ``-``; read in one call."""
    raw = pdfium_raw
    count = raw.FPDFText_CountChars(tp)
    buffer = (ctypes.c_ushort * (count + 1))()
    text = ""
    if raw.FPDFText_GetText(tp, 0, count, buffer) - 1 == count:
        text = bytes(buffer)[:2 * count].decode("utf-16-le", "surrogatepass")
    if len(text) != count:  # a surrogate pair joined into one character, or no bulk text
        codes = buffer[:count] if text else [raw.FPDFText_GetUnicode(tp, i) for i in range(count)]
        text = "".join(map(chr, codes))
    for code in _LINE_END_HYPHENS:
        text = text.replace(chr(code), "-")
    return text
