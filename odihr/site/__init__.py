"""The site layer: HTTP client, robots.txt, discovery, downloads and the raw document store.

Modules: :mod:`~odihr.site.urls` (pure URL helpers), :mod:`~odihr.site.client` (``SiteClient``),
:mod:`~odihr.site.pages` (pure HTML parsers), :mod:`~odihr.site.discovery` (``discover``),
:mod:`~odihr.site.store` (``RawStore``), :mod:`~odihr.site.server` (``MirrorServer``, a static
server for a mirror used by ``odihr demo`` and the tests), :mod:`~odihr.site.models` (records).
"""
