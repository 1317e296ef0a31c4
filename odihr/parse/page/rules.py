"""Horizontal ruling lines of a page as it is shown, from PDFium's path objects.

Table rows are often separated by rules. PDFium already has the document open: its path
objects (descending into form XObjects, with their matrices) give a page's horizontal
segments in a few milliseconds, turned with the page's ``/Rotate`` like its words.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from odihr.parse.page.words import Shown
from odihr.parse.pdf import PdfReport

__all__ = ["FLAT", "MIN_RULE", "Rule", "page_rules", "report_rules", "shown_rules"]

#: A rule: (y from the top of the page, x0, x1), in PDF points.
Rule = tuple[float, float, float]
#: Segments flatter than this (points) are horizontal; shorter than MIN_RULE are dots.
FLAT, MIN_RULE = 1.0, 3.0
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def page_rules(doc: pdfium.PdfDocument, number: int) -> tuple[list[Rule], float, float, int]:
    """Horizontal rules as the page is shown, its shown width and height, and its /Rotate."""
    page = doc[number - 1]
    try:
        return shown_rules(page)
    finally:
        page.close()


def report_rules(pdf: PdfReport, number: int) -> tuple[list[Rule], float, float, int]:
    """:func:`page_rules` of an open report's page, through the pages it keeps open (a page
    read for its text or words is not loaded again for its rules)."""
    with pdf.text_page(number) as (page, _):
        return shown_rules(page)


def shown_rules(page: pdfium.PdfPage) -> tuple[list[Rule], float, float, int]:
    """Horizontal rules of an open PDFium page as it is shown, its shown width and height, and
    its /Rotate."""
    shown = Shown.of(page)  # width and height as shown (rotation applied)
    handle = page.raw
    objects = [pdfium_raw.FPDFPage_GetObject(handle, i)
               for i in range(pdfium_raw.FPDFPage_CountObjects(handle))]
    rules: list[Rule] = []
    _walk(objects, _IDENTITY, shown, rules)
    return rules, shown.width, shown.height, shown.turn


def _walk(objects: list, parent: _Matrix, shown: Shown, out: list[Rule], depth: int = 0
          ) -> None:
    """Collect the horizontal edges of path objects, descending into form XObjects."""
    raw = pdfium_raw
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, _compose(_matrix(obj), parent), shown, out)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
            children = [raw.FPDFFormObj_GetObject(obj, i)
                        for i in range(raw.FPDFFormObj_CountObjects(obj))]
            _walk(children, _compose(_matrix(obj), parent), shown, out, depth + 1)


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


def _path_edges(obj: object, matrix: _Matrix, shown: Shown, out: list[Rule]) -> None:
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
            _edge(current, point, shown, out)
        current = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            _edge(current, start, shown, out)
            current = start


def _edge(p: tuple[float, float], q: tuple[float, float], shown: Shown,
          out: list[Rule]) -> None:
    """A segment that is horizontal as the page is shown, as a rule."""
    p, q = shown(*p), shown(*q)
    if abs(p[1] - q[1]) <= FLAT and abs(p[0] - q[0]) >= MIN_RULE:
        out.append(((p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0])))
