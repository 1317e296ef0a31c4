"""Small real PDFs with results-table layouts the sample mirror lacks, written with PDFium.

Test helper: :class:`ReportPdf` lays out pages of a report (running header and footer, body
text, an annex with a table) with the standard Helvetica (or Times) fonts, left- or
right-aligned cells and optional ruling lines, and returns the PDF's bytes. Pages are portrait,
landscape (a wide media box) or portrait media boxes turned by ``/Rotate 90`` with their content
drawn turned the other way, so they display (and must read) upright and wide.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT = 72.0, 523.0
#: Text matrices that turn text against a page's /Rotate, so it is shown upright.
_TURNED = {"rotate90": (0, 1, -1, 0), "rotate180": (-1, 0, 0, -1), "rotate270": (0, -1, 1, 0)}


@dataclass
class Column:
    """A table column: its edge (left for text, right for figures) and its alignment."""

    x: float
    right: bool = True


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_FONT_BYTES: dict[str, bytes] = {}
#: The font files' bytes as handed to PDFium, kept alive as long as documents may read them.
_FONT_BUFFERS: dict[str, ctypes.Array[ctypes.c_char]] = {}


def embedded_fonts_available() -> bool:
    """Whether the DejaVu TrueType fonts are installed (to print Unicode spaces)."""
    return (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSerif-Bold.ttf").exists()


def _embedded(doc: pdfium.PdfDocument, font: str, bold: bool) -> object:
    name = f"DejaVu{'Serif' if font.endswith('serif') else 'Sans'}{'-Bold' if bold else ''}.ttf"
    data = _FONT_BYTES.setdefault(name, (DEJAVU / name).read_bytes())
    buffer = _FONT_BUFFERS.setdefault(name, ctypes.create_string_buffer(data, len(data)))
    handle = pdfium_raw.FPDFText_LoadFont(
        doc.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_uint8)), len(data),
        pdfium_raw.FPDF_FONT_TRUETYPE, True)
    return handle


@dataclass
class ReportPdf:
    """A report being written page by page; ``top`` is the cursor on the current page."""

    header: Sequence[str] = ("Republic of Testland", "Parliamentary Elections, 12 May 2024",
                             "ODIHR Election Observation Mission Final Report")
    doc: pdfium.PdfDocument = field(default_factory=pdfium.PdfDocument.new)
    top: float = 0.0
    #: ``portrait``, ``landscape``, or ``rotate90``/``rotate180``/``rotate270`` (a portrait media
    #: box shown turned by its /Rotate).
    orientation: str = "portrait"
    #: ``sans`` (Helvetica) or ``serif`` (Times), standard fonts; ``dejavu-sans`` or
    #: ``dejavu-serif`` embed a TrueType font, which can print no-break and thin spaces.
    font: str = "sans"
    #: Footnotes of the current page, printed small at its foot (above the page number) when
    #: the page is finished.
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.font.startswith("dejavu"):
            self._fonts = {bold: _embedded(self.doc, self.font, bold) for bold in (False, True)}
        else:
            names = {"sans": (b"Helvetica", b"Helvetica-Bold"),
                     "serif": (b"Times-Roman", b"Times-Bold")}[self.font]
            self._fonts = {bold: pdfium_raw.FPDFText_LoadStandardFont(self.doc.raw, names[bold])
                           for bold in (False, True)}
        self._page: pdfium.PdfPage | None = None
        self._count = 0

    @property
    def width(self) -> float:
        """Width of the page as displayed."""
        return HEIGHT if self.orientation in ("landscape", "rotate90", "rotate270") else WIDTH

    @property
    def height(self) -> float:
        """Height of the page as displayed."""
        return WIDTH if self.orientation in ("landscape", "rotate90", "rotate270") else HEIGHT

    def _user(self, x: float, y_up: float) -> tuple[float, float]:
        """The media-box point shown at ``x`` from the left and ``y_up`` from the bottom."""
        if self.orientation == "rotate90":  # shown turned clockwise: x → y, top → x
            return self.height - y_up, x
        if self.orientation == "rotate180":
            return self.width - x, self.height - y_up
        if self.orientation == "rotate270":
            return y_up, self.width - x
        return x, y_up

    # --- pages ------------------------------------------------------------------------------

    def new_page(self) -> ReportPdf:
        """Finish the current page and start the next one with the running header."""
        self._finish()
        if self.orientation == "landscape":
            self._page = self.doc.new_page(HEIGHT, WIDTH)
        else:
            self._page = self.doc.new_page(WIDTH, HEIGHT)
        if self.orientation.startswith("rotate"):
            self._page.set_rotation(int(self.orientation[6:]))
        self._count += 1
        self.top = 36.0
        for line in self.header:
            self.text(LEFT, line, size=9)
            self.top += 12
        self.top += 20
        return self

    def _finish(self) -> None:
        if self._page is not None:
            for i, note in enumerate(self.notes):
                self.text_at(LEFT, self.height - 52 - 10 * (len(self.notes) - 1 - i), note, size=8)
            self.notes = []
            self.text_at(self.width - 125, self.height - 42, f"Page: {self._count}", size=9)
            pdfium_raw.FPDFPage_GenerateContent(self._page.raw)

    def save(self) -> bytes:
        """The PDF's bytes; the document is then closed (its fonts and pages released: PDFium
        keeps a loaded font, with its file's bytes, until the font is closed)."""
        self._finish()
        self._page = None
        out = io.BytesIO()
        self.doc.save(out)
        for font in self._fonts.values():
            pdfium_raw.FPDFFont_Close(font)
        self._fonts = {}
        self.doc.close()
        return out.getvalue()

    # --- drawing ----------------------------------------------------------------------------

    def text_at(self, x: float, top: float, text: str, *, size: float = 10, bold: bool = False,
                right: bool = False) -> float:
        """Write ``text`` with its top-left (or top-right) corner at (x, top); return where the
        text ends on the right."""
        raw = pdfium_raw
        obj = raw.FPDFPageObj_CreateTextObj(self.doc.raw, self._fonts[bold], size)
        buffer = ctypes.create_string_buffer(text.encode("utf-16-le") + b"\x00\x00")
        raw.FPDFText_SetText(obj, ctypes.cast(buffer, raw.FPDF_WIDESTRING))
        left, bottom, rt, tp = (ctypes.c_float() for _ in range(4))
        raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, rt, tp)))
        width = rt.value - left.value
        start = x - width if right else x
        ux, uy = self._user(start, self.height - top - 0.8 * size)
        a, b, c, d = _TURNED.get(self.orientation, (1, 0, 0, 1))  # against the /Rotate
        raw.FPDFPageObj_Transform(obj, a, b, c, d, ux, uy)
        raw.FPDFPage_InsertObject(self._page.raw, obj)
        return start + width

    def marker(self, x: float, top: float, number: str, size: float = 10) -> None:
        """A raised footnote reference mark at the end of a word ending at ``x``."""
        self.text_at(x + 0.3, top - 0.15 * size, number, size=0.6 * size)

    def text(self, x: float, text: str, **kwargs: object) -> None:
        """Write ``text`` at the cursor."""
        self.text_at(x, self.top, text, **kwargs)  # type: ignore[arg-type]

    def rule(self, top: float, x0: float = LEFT, x1: float | None = None) -> None:
        """A thin horizontal line (as displayed)."""
        raw = pdfium_raw
        x1 = self.width - LEFT if x1 is None else x1
        path = raw.FPDFPageObj_CreateNewPath(*self._user(x0, self.height - top))
        raw.FPDFPath_LineTo(path, *self._user(x1, self.height - top))
        raw.FPDFPath_SetDrawMode(path, 0, 1)
        raw.FPDFPageObj_SetStrokeWidth(path, 0.5)
        raw.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        raw.FPDFPage_InsertObject(self._page.raw, path)

    def paragraph(self, *lines: str, size: float = 11, bold: bool = False) -> ReportPdf:
        """Lines of text at the left margin, then a paragraph gap."""
        for line in lines:
            self.text(LEFT, line, size=size, bold=bold)
            self.top += size + 3
        self.top += 8
        return self

    def row(self, columns: Sequence[Column], cells: Sequence[str | Sequence[str]], *,
            bold: bool = False, ruled: bool = False, size: float = 10) -> ReportPdf:
        """One table row; a cell given as several strings wraps over several lines (the
        other cells sit on the first line: top-aligned, as word processors do by default)."""
        start = self.top
        lines = 1
        for column, cell in zip(columns, cells, strict=True):
            parts = [cell] if isinstance(cell, str) else list(cell)
            for i, part in enumerate(parts):
                if part:
                    self.text_at(column.x, start + i * (size + 2), part, size=size, bold=bold,
                                 right=column.right)
            lines = max(lines, len(parts))
        self.top = start + lines * (size + 2) + (6 if ruled else 3)
        if ruled:
            self.rule(self.top - 3)
        return self
