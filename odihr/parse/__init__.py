"""Pure parsers: PDF bytes in, frozen records (``odihr.records``) out.

Nothing in this package imports Prefect, requests or the database.
"""
