"""A report's structure as the part readers see it, across pages.

* :mod:`.headings` — chapter, annex and list headings in every era's numbering, and the table of
  contents (with or without dot leaders and page numbers);
* :mod:`.contents` — contents lists printed with neither a title nor page numbers;
* :mod:`.layout` — the positioned lines of a page (grouped by the page model,
  :mod:`odihr.parse.page`) without its furniture: running headers and footers, page numbers,
  footnotes;
* :mod:`.joining` — printed lines joined back into running text (line-end hyphens).
"""
