"""OCR of scanned reports: a text-layer PDF made by Tesseract, read by the ordinary parser.

A report whose pages are images (or whose text layer is garbage) is rendered page by page with
pypdfium2, cleaned (deskew, despeckle: :mod:`odihr.ocr.clean`), read by Tesseract into a
text-only PDF page whose invisible words sit where the scan prints them
(:mod:`odihr.ocr.engine`), and those pages are joined into one PDF. The same
:class:`~odihr.parse.pdf.PdfReport` and part readers then parse it: there is no second parser.
The OCR'd PDF is cached beside the raw PDF (:mod:`odihr.ocr.cache`).
"""

from odihr.ocr.options import OCR_MODES, OcrOptions

__all__ = ["OCR_MODES", "OcrOptions"]
