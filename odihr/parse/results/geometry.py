"""Word boxes and horizontal ruling lines of one page, from PDFium (fast) or pdfplumber.

Results tables need word positions and the table's rules on one or two pages. PDFium already
has the document open: the page model gives both (:func:`odihr.parse.document.layout.page_lines`,
whose words come from :mod:`odihr.parse.page.words`, and
:func:`odihr.parse.page.rules.report_rules`, through the pages the report keeps open) in
~10 ms a page, where pdfplumber needs ~50 ms. pdfplumber stays available
(``backend="pdfplumber"``) as the reference reader and for report objects without a PDFium
document.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from odihr.parse.document.layout import page_lines
from odihr.parse.page.rules import FLAT, MIN_RULE, Rule, report_rules
from odihr.parse.pdf import PdfReport, Word

__all__ = ["FLAT", "MIN_RULE", "Rule", "page_geometry"]


def page_geometry(pdf: PdfReport, number: int, backend: str = "pdfium"
                  ) -> tuple[list[Word], list[Rule], float, float]:
    """Words (footnote markers included), horizontal rules, width and height of a page."""
    doc = getattr(pdf, "pdfium_document", None)
    if backend == "pdfium" and isinstance(doc, pdfium.PdfDocument):
        rules, width, height, _ = report_rules(pdf, number)
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
