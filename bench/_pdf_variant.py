"""One distinct copy of a sample report PDF: new Info fields and a visible reference line.

Used by ``scaled_mirror.py``. The copy is an *incremental update* of the original (pypdf appends
the changed objects and a new cross-reference section), so every page the parsers read keeps its
bytes and its text layer, and making a copy costs milliseconds rather than a re-write:

- Info: ``/Title`` and ``/Keywords`` name the generated election, ``/ODIHRBenchRef`` the copy;
- page 1: one line in 6 pt Helvetica at the foot of the page, ``ODIHR.GAL/<n>/<yy> -- bench copy
  <id>`` (a visible figure that differs in every copy), drawn after the original content inside
  ``q``/``Q`` so that the original's graphics state cannot move it.

``tests/test_bench_smoke.py`` checks that a copy parses to the same records as its original
(apart from what the Info dict feeds), so the scaled mirror exercises the real parsers.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

FONT_NAME = "/FBenchRef"


def _font() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def vary_pdf(data: bytes, *, reference: str, title: str, keywords: str) -> bytes:
    """A copy of ``data`` whose Info and page-1 foot line carry ``reference`` (ASCII)."""
    writer = PdfWriter(PdfReader(io.BytesIO(data)), incremental=True)
    page = writer.pages[0]
    resources = page["/Resources"].get_object()
    fonts = resources.get("/Font")
    if fonts is None:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts.get_object()[NameObject(FONT_NAME)] = writer._add_object(_font())
    line = f"Q q BT {FONT_NAME} 6 Tf 0.3 g 36 14 Td ({_pdf_string(reference)}) Tj ET Q\n"
    before = writer._add_object(_stream(b"q\n"))
    after = writer._add_object(_stream(line.encode("ascii")))
    contents = page.raw_get("/Contents")
    resolved = contents.get_object()
    parts = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([before, *parts, after])
    writer.add_metadata({"/Title": title, "/Keywords": keywords, "/ODIHRBenchRef": reference})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
