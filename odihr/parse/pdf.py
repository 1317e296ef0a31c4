"""Opening a report PDF safely and reading its pages cheaply.

pypdfium2 gives page text fast (~45x pdfplumber here); pdfplumber is opened lazily, only for the
pages whose layout needs word positions or its table finder, and every pdfplumber page is closed
after use because pdfplumber 0.11 keeps a closed PDF's used pages in memory otherwise.
"""

from __future__ import annotations

import codecs
import ctypes
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from odihr.errors import (
    EncryptedPdf,
    GarbageTextLayer,
    NotAPdf,
    NoTextLayer,
    TooManyPages,
    TruncatedPdf,
)

if TYPE_CHECKING:
    import pdfplumber.page

#: Serialises PDFium use within a process (see ``PdfReport.__init__``).
PDFIUM_LOCK = threading.RLock()
PDF_MAGIC = b"%PDF-"
#: A complete PDF ends with ``%%EOF`` (possibly followed by a little whitespace or junk).
EOF_MARKER = b"%%EOF"
EOF_WINDOW = 2048
#: Fewer characters than this on a page means the page is an image without a text layer.
MIN_TEXT_CHARS = 20
#: Share of pages that may lack text before the report counts as scanned.
MAX_TEXTLESS_SHARE = 0.5
#: A text layer whose printed characters are mostly not letters or digits is garbage (a broken
#: font encoding: control, private-use or replacement characters). Real reports print over 85 %
#: letters and digits, a results annex included (its digits count).
MIN_ALNUM_SHARE = 0.5
#: How many pages (with their text pages) stay open after use: a page read for its text and
#: again for its words or lines (an annex, a results table) is then loaded once. ~0.4 MB each.
KEEP_PAGES = 32
#: A page with more characters than this is closed after use all the same (a hostile page of
#: millions of spaces must not stay in memory).
KEEP_MAX_CHARS = 20_000
#: Runs of characters that are not letters or digits (``str.isalnum``): ``\W`` and ``_``.
_NOT_ALNUM = re.compile(r"[\W_]+")
#: The ASCII characters ``str.split()`` splits at (``str.isspace``), and those that are not
#: letters or digits (``str.isalnum``), as bytes: an ASCII text is counted by
#: ``bytes.translate``, which deletes them in one pass.
_ASCII_SPACES = bytes(b for b in range(128) if chr(b).isspace())
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True)
class Word:
    """A word with its box, in PDF points from the top-left of the page (pdfplumber's frame)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    bold: bool = False

    @classmethod
    def of(cls, text: str, x0: float, x1: float, top: float, bottom: float, size: float,
           bold: bool) -> Word:
        """The same word as ``Word(...)``, built without the frozen ``__init__``.

        The word reader makes one per word of every page it reads, and a frozen dataclass's
        ``__init__`` sets each field through ``object.__setattr__`` (~2.5x the cost of filling
        the instance's dictionary at once). Every field is given: no default is left out."""
        word = _new_object(cls)
        _set_attribute(word, "__dict__", {"text": text, "x0": x0, "x1": x1, "top": top,
                                          "bottom": bottom, "size": size, "bold": bold})
        return word


_new_object, _set_attribute = object.__new__, object.__setattr__


def _close_page(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> None:
    textpage.close()
    page.close()


def _bounded_text(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> str:
    """``textpage.get_text_bounded()`` (the text inside the page's bounding box) in one PDFium
    call where pypdfium2 makes two, one of them only to size the buffer.

    The text is at most a few times the character count, so a buffer that size is tried
    first; PDFium writes the text and a closing NUL. pypdfium2 sizes its buffer by characters,
    not UTF-16 units, so a text with characters beyond the BMP (surrogate pairs), or one that
    fills the buffer, is read again pypdfium2's way: the result is the same either way."""
    left, bottom, right, top = page.get_bbox()
    size = 4 * textpage.count_chars() + 16
    buffer = (ctypes.c_ushort * size)()
    written = pdfium_raw.FPDFText_GetBoundedText(textpage, left, top, right, bottom, buffer, size)
    if written <= 1:
        return ""
    units = written - 1  # the closing NUL
    if written >= size or buffer[units] != 0:
        return textpage.get_text_bounded()
    text = codecs.decode(memoryview(buffer).cast("B")[:2 * units], "utf-16-le", "ignore")
    return text if len(text) == units else textpage.get_text_bounded()


def check_pdf_bytes(data: bytes) -> None:
    """Raise :class:`NotAPdf` or :class:`TruncatedPdf` for bytes that cannot be a whole PDF."""
    # A BOM or a little whitespace before the header is tolerated by readers; HTML is not.
    if PDF_MAGIC not in data[:1024]:
        raise NotAPdf(data[:512], len(data))
    if EOF_MARKER not in data[-EOF_WINDOW:]:
        raise TruncatedPdf(len(data), "it does not end with %%EOF")


def alnum_share(text: str) -> float:
    """The share of letters and digits among the printed (non-space) characters of ``text``.

    The ASCII characters are counted with ``bytes.translate`` over the UTF-8 bytes (which
    deletes ASCII spaces or non-alphanumerics in one pass and keeps every byte of the other
    characters), the others — few in most reports — with ``str.split`` and a regular expression,
    as all of them were before; the counts are the same."""
    data = text.encode("utf-8", "surrogatepass")
    other_bytes = len(data) - len(text.encode("ascii", "ignore"))
    printed = len(data.translate(None, _ASCII_SPACES)) - other_bytes
    alnum = len(data.translate(None, _ASCII_NOT_ALNUM)) - other_bytes
    if other_bytes:
        others = "".join("".join(_NOT_ASCII.findall(text)).split())
        printed += len(others)
        alnum += len(_NOT_ALNUM.sub("", others))
    return alnum / printed if printed else 0.0


class PdfReport:
    """One report PDF, opened from bytes. Use as a context manager; pages are 1-based."""

    def __init__(self, data: bytes, *, max_pages: int = 1000) -> None:
        check_pdf_bytes(data)
        self._data = data
        # Set before anything can fail: close() (called on the error paths below) reads them.
        self._texts: dict[int, str] = {}
        self._turns: dict[int, int] = {}
        self._open_pages: OrderedDict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage]] = \
            OrderedDict()
        self._plumber: Any = None
        self._doc: pdfium.PdfDocument | None = None
        self._locked = False
        # PDFium is not thread-safe: one open report per process at a time. Threads then queue
        # here; real parallelism comes from processes (the Dask task runner).
        PDFIUM_LOCK.acquire()
        self._locked = True
        try:
            self._doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            self.close()
            code = getattr(error, "err_code", None)
            if code in (pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY):
                raise EncryptedPdf() from None
            raise TruncatedPdf(len(data), f"PDFium could not open it: {error}") from None
        self.page_count = len(self._doc)
        if self.page_count > max_pages:
            self.close()
            raise TooManyPages(self.page_count, max_pages)
        if self.page_count == 0:
            self.close()
            raise TruncatedPdf(len(data), "it has no pages")

    def __enter__(self) -> PdfReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release PDFium's and pdfplumber's memory."""
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        pages = getattr(self, "_open_pages", None)
        while pages:
            _close_page(*pages.popitem()[1])
        doc = getattr(self, "_doc", None)
        if doc is not None:
            doc.close()
            self._doc = None
        if getattr(self, "_locked", False):
            self._locked = False
            PDFIUM_LOCK.release()

    @property
    def pdfium_document(self) -> pdfium.PdfDocument | None:
        """The open PDFium document, for readers that build word boxes from its text pages."""
        return self._doc

    def _open_document(self) -> pdfium.PdfDocument:
        """The open PDFium document; reading a closed report is a programming error."""
        if self._doc is None:
            raise ValueError("the report PDF is closed: read it inside its `with` block")
        return self._doc

    def info(self) -> dict[str, str]:
        """The document information dictionary (``Title``, ``CreationDate``...), empty values
        dropped. Producers fill it unreliably: use it only to corroborate what pages print."""
        return dict(self._open_document().get_metadata_dict(skip_empty=True))

    # --- text (pypdfium2) ------------------------------------------------------------------

    def text(self, number: int) -> str:
        """The text of page ``number`` (1-based) in reading order, lines separated by ``\\n``."""
        if number not in self._texts:
            with self.text_page(number) as (page, textpage):
                self._turns[number] = turn = page.get_rotation() % 360
                # PDFium's bounded text loses the line breaks of a page turned by /Rotate; its
                # range text keeps them
                raw = textpage.get_text_range() if turn else _bounded_text(page, textpage)
            self._texts[number] = raw.replace("\r\n", "\n").replace("\r", "\n")
        return self._texts[number]

    def turn(self, number: int) -> int:
        """How far page ``number`` (1-based) is shown turned by its ``/Rotate``: 0, 90, 180 or
        270 degrees clockwise (noted when its text is read, so usually without a page load)."""
        if number not in self._turns:
            with self.text_page(number) as (page, _):
                self._turns[number] = page.get_rotation() % 360
        return self._turns[number]

    @property
    def kept_pages(self) -> tuple[int, ...]:
        """Numbers of the pages kept open (see :meth:`text_page`), least recently used first."""
        return tuple(self._open_pages)

    @contextmanager
    def text_page(self, number: int) -> Iterator[tuple[pdfium.PdfPage, pdfium.PdfTextPage]]:
        """PDFium's page ``number`` (1-based) and its text page, for use inside the block.

        The last :data:`KEEP_PAGES` pages used stay open afterwards (unless they hold more than
        :data:`KEEP_MAX_CHARS` characters), so that the readers that come back to a page for
        its word positions do not load it again; :meth:`close` closes them."""
        pages = self._open_pages
        if number in pages:
            pages.move_to_end(number)
            opened = pages[number]
        else:
            page = self._open_document()[number - 1]
            try:
                opened = (page, page.get_textpage())
            except BaseException:
                page.close()
                raise
        try:
            yield opened
        finally:
            if number not in pages and opened[1].count_chars() <= KEEP_MAX_CHARS:
                pages[number] = opened
            elif number not in pages:
                _close_page(*opened)
            while len(pages) > KEEP_PAGES:
                _close_page(*pages.popitem(last=False)[1])

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """The text of every page; index 0 is page 1."""
        return tuple(self.text(n) for n in range(1, self.page_count + 1))

    def require_text_layer(self) -> None:
        """Raise :class:`NoTextLayer` when most pages are images without text, and
        :class:`~odihr.errors.GarbageTextLayer` when the text is mostly not letters or digits."""
        with_text = sum(1 for t in self.texts if len(t.strip()) >= MIN_TEXT_CHARS)
        if with_text == 0 or (self.page_count - with_text) / self.page_count > MAX_TEXTLESS_SHARE:
            raise NoTextLayer(self.page_count, with_text)
        share = alnum_share("".join(self.texts))
        if share < MIN_ALNUM_SHARE:
            raise GarbageTextLayer(self.page_count, share, MIN_ALNUM_SHARE)

    # --- layout (pdfplumber, lazily) -------------------------------------------------------------

    @contextmanager
    def plumber_page(self, number: int) -> Iterator[pdfplumber.page.Page]:
        """A pdfplumber page for word positions and tables; it is closed when the block ends."""
        if self._plumber is None:
            import pdfplumber

            self._plumber = pdfplumber.open(io.BytesIO(self._data))
        page = self._plumber.pages[number - 1]
        try:
            yield page
        finally:
            page.close()  # frees the page's parsed layout (PDF.close() alone does not)

    def words(self, number: int, *, extra_attrs: bool = True) -> list[Word]:
        """The words of page ``number`` with their boxes, font size and boldness."""
        with self.plumber_page(number) as page:
            attrs = ["size", "fontname"] if extra_attrs else []
            raw = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                     extra_attrs=attrs, x_tolerance=1.5, y_tolerance=2)
        return [
            Word(
                text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                bottom=float(w["bottom"]), size=float(w.get("size", 0.0)),
                bold="bold" in str(w.get("fontname", "")).lower(),
            )
            for w in raw
        ]
