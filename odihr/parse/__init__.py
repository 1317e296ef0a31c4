"""Pure parsers: PDF bytes in, frozen records (``odihr.records``) out.

Nothing in this package imports Prefect, requests or the database. Layers, each importing only
those before it: :mod:`.pdf` (opening a report), :mod:`.text` (numbers, dates, vocabulary),
:mod:`.page` (the page model), :mod:`.document` (headings, contents, page furniture), then the part
readers :mod:`.metadata`, :mod:`.results`, :mod:`.observers` and :mod:`.recommendations`, and
:mod:`.report` (the entry point, :func:`~odihr.parse.report.parse_report`).
"""
