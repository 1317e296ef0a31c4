"""Word boxes and horizontal ruling lines of one page, from PDFium (fast) or pdfplumber.

Results tables need word positions and the table's rules on one or two pages. PDFium already
has the document open: its character boxes (through :func:`odihr.parse.layout.page_lines`, the
project's shared word builder) and its path objects give both in ~10 ms a page, where pdfplumber
needs ~50 ms. pdfplumber stays available (``backend="pdfplumber"``) as the reference reader and
for report objects without a PDFium document.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from odihr.parse.layout import page_lines
from odihr.parse.pdf import PdfReport, Word

#: A rule: (y from the top of the page, x0, x1), in PDF points.
Rule = tuple[float, float, float]
#: Segments flatter than this (points) are horizontal; shorter than MIN_RULE are dots.
FLAT, MIN_RULE = 1.0, 3.0
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def page_geometry(pdf: PdfReport, number: int, backend: str = "pdfium"
                  ) -> tuple[list[Word], list[Rule], float, float]:
    """Words (footnote markers included), horizontal rules, width and height of a page."""
    doc = getattr(pdf, "pdfium_document", None)
    if backend == "pdfium" and isinstance(doc, pdfium.PdfDocument):
        rules, width, height, turn = _pdfium_rules(doc, number)
        if turn:
            words = rotated_words(doc, number)
        else:
            words = [w for line in page_lines(pdf, number) for w in (*line.words, *line.marks)]
        return words, rules, width, height
    with pdf.plumber_page(number) as page:
        raw = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                 extra_attrs=["size", "fontname"], x_tolerance=1.5, y_tolerance=2)
        rules = [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in page.horizontal_edges]
        width, height = float(page.width), float(page.height)
    words = [Word(text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                  bottom=float(w["bottom"]), size=float(w.get("size", 0.0)),
                  bold="bold" in str(w.get("fontname", "")).lower()) for w in raw]
    return words, rules, width, height


def _pdfium_rules(doc: pdfium.PdfDocument, number: int
                  ) -> tuple[list[Rule], float, float, int]:
    """Horizontal rules as the page is shown, its shown width and height, and its /Rotate."""
    page = doc[number - 1]
    try:
        width, height = page.get_width(), page.get_height()  # as shown (rotation applied)
        turn = page.get_rotation() % 360
        handle = page.raw
        objects = [pdfium_raw.FPDFPage_GetObject(handle, i)
                   for i in range(pdfium_raw.FPDFPage_CountObjects(handle))]
        rules: list[Rule] = []
        _walk(objects, _IDENTITY, _Shown(turn, width, height), rules)
        return rules, width, height, turn
    finally:
        page.close()


class _Shown:
    """Maps a point of the media box (PDF user space, y up) to the page as shown: x from the
    left, y from the top, after the page's /Rotate (clockwise, in quarter turns)."""

    def __init__(self, turn: int, width: float, height: float) -> None:
        self.turn, self.width, self.height = turn, width, height

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        if self.turn == 90:
            return y, x
        if self.turn == 180:
            return self.width - x, y
        if self.turn == 270:
            return self.width - y, self.height - x
        return x, self.height - y


def rotated_words(doc: pdfium.PdfDocument, number: int) -> list[Word]:
    """Words of a page turned by /Rotate, as shown (pdfplumber's frame): each character's box is
    turned with the page, then characters are joined into words as on an upright page."""
    page = doc[number - 1]
    try:
        shown = _Shown(page.get_rotation() % 360, page.get_width(), page.get_height())
        textpage = page.get_textpage()
        try:
            return _turned_words(textpage.raw, shown)
        finally:
            textpage.close()
    finally:
        page.close()


def _turned_words(tp: object, shown: _Shown) -> list[Word]:
    raw = pdfium_raw
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.byref(ctypes.c_int())
    words: list[Word] = []
    chars: list[str] = []
    box: list[float] = []  # x0, x1, top, baseline, size, bold, last origin
    count = raw.FPDFText_CountChars(tp)

    def flush() -> None:
        if chars:
            words.append(Word("".join(chars), box[0], box[1], box[2], box[3], box[4],
                              bool(box[5])))
            chars.clear()

    for i in range(count):
        code = raw.FPDFText_GetUnicode(tp, i)
        if code <= 32 or code in (0xA0, 0x2009, 0x202F, 0x2002, 0x2003):
            flush()
            continue
        raw.FPDFText_GetLooseCharBox(tp, i, rect)  # the advance, as pdfplumber's boxes
        raw.FPDFText_GetCharOrigin(tp, i, ctypes.byref(ox), ctypes.byref(oy))
        corners = [shown(rect.left, rect.bottom), shown(rect.right, rect.top)]
        x0, x1 = min(c[0] for c in corners), max(c[0] for c in corners)
        size = raw.FPDFText_GetFontSize(tp, i)
        origin, baseline = shown(ox.value, oy.value)
        if chars and (origin < box[6] - 0.5 or origin - box[6] > 1.5 * box[4]
                      or abs(baseline - box[3]) > 0.2 * box[4]):
            flush()  # as the upright reader: by the characters' origins
        if not chars:
            raw.FPDFText_GetFontInfo(tp, i, name, 128, flags)
            font = name.value.lower()
            bold = b"bold" in font or b"black" in font or b"heavy" in font
            box[:] = [x0, x1, baseline - size, baseline, size, float(bold), origin]
        box[1], box[6] = max(box[1], x1), origin
        chars.append(chr(code))
    flush()
    return words


def _walk(objects: list, parent: _Matrix, height: _Shown, out: list[Rule], depth: int = 0
          ) -> None:
    """Collect the horizontal edges of path objects, descending into form XObjects."""
    raw = pdfium_raw
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, _compose(_matrix(obj), parent), height, out)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
            children = [raw.FPDFFormObj_GetObject(obj, i)
                        for i in range(raw.FPDFFormObj_CountObjects(obj))]
            _walk(children, _compose(_matrix(obj), parent), height, out, depth + 1)


def _matrix(obj: object) -> _Matrix:
    m = pdfium_raw.FS_MATRIX()
    if not pdfium_raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _path_edges(obj: object, matrix: _Matrix, height: _Shown, out: list[Rule]) -> None:
    """Horizontal straight segments of one path (lines, rectangle edges), in page space."""
    raw = pdfium_raw
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = matrix
    start = current = None
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = current = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
            _edge(current, point, height, out)
        current = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            _edge(current, start, height, out)
            current = start


def _edge(p: tuple[float, float], q: tuple[float, float], shown: _Shown,
          out: list[Rule]) -> None:
    """A segment that is horizontal as the page is shown, as a rule."""
    p, q = shown(*p), shown(*q)
    if abs(p[1] - q[1]) <= FLAT and abs(p[0] - q[0]) >= MIN_RULE:
        out.append(((p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0])))
