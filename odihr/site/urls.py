"""Pure URL helpers: resolving links, the site/off-site decision, and ``url_path``.

Links on the ODIHR site are partly relative (``/files/f/documents/4/7/250536.pdf``) and partly
absolute with the site's own host (``https://www.osce.org/files/...``). Both denote the same
resource. The pipeline may crawl a mirror (``ODIHR_BASE_URL``), so every link whose host is one
of :data:`odihr.settings.SITE_HOSTS` -- or the base URL's own host -- is re-based onto the base
URL's origin; any other host is off-site and never fetched.

Only the origin (scheme, host, port) of the base URL is used: mirrors serve the site's paths at
their root, as the site's relative links require.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from posixpath import basename, splitext
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from odihr.errors import OffSiteUrl
from odihr.settings import SITE_HOSTS

_SCHEMES = ("http", "https")


def origin(url: str) -> str:
    """``scheme://host[:port]`` of an absolute URL, lower-cased."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _is_site_parts(parts: SplitResult, base_url: str, site_hosts: Iterable[str]) -> bool:
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        return False
    if parts.hostname.lower() in {h.lower() for h in site_hosts}:
        return True
    return parts.netloc.lower() == urlsplit(base_url).netloc.lower()


def is_site_url(url: str, base_url: str, site_hosts: Iterable[str] = SITE_HOSTS) -> bool:
    """True if ``url`` is absolute http(s) on a site host or on the base URL's own host/port."""
    return _is_site_parts(urlsplit(url), base_url, site_hosts)


def to_base(url: str, base_url: str, site_hosts: Iterable[str] = SITE_HOSTS) -> str:
    """Re-base a site URL onto ``base_url``'s origin, keeping path and query, dropping fragment.

    Raises:
        OffSiteUrl: the URL is relative, not http(s), or its host is not the site's.
    """
    parts = urlsplit(url)
    if not _is_site_parts(parts, base_url, site_hosts):
        raise OffSiteUrl(url)
    base = urlsplit(base_url)
    path = parts.path or "/"
    return urlunsplit((base.scheme.lower(), base.netloc.lower(), path, parts.query, ""))


def absolutize(href: str | None, page_url: str) -> str | None:
    """Resolve ``href`` against ``page_url``; drop the fragment. None for non-http(s) links."""
    if href is None:
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    joined = urljoin(page_url, href)
    parts = urlsplit(joined)
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return None
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def site_link(href: str | None, page_url: str,
              site_hosts: Iterable[str] = SITE_HOSTS) -> str | None:
    """A link on a page, resolved and re-based onto the page's origin; None if off-site.

    ``page_url`` is the URL the page was fetched from (on the base URL), so its origin is the
    base origin; links to a site host are mapped onto it.
    """
    absolute = absolutize(href, page_url)
    if absolute is None:
        return None
    try:
        return to_base(absolute, origin(page_url), site_hosts)
    except OffSiteUrl:
        return None


def without_query(url: str) -> str:
    """The URL without query string or fragment (``?download=true`` names the same file)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def url_path(url: str) -> str:
    """The path of a URL without host, query or fragment: ``/files/f/documents/4/7/250536.pdf``."""
    path = urlsplit(url).path
    return path if path.startswith("/") else "/" + path


def path_segments(url: str) -> list[str]:
    """The non-empty segments of the URL's path."""
    return [s for s in url_path(url).split("/") if s]


def pdf_id(url: str) -> str:
    """The file name of a document URL without extension (``250536``)."""
    return splitext(basename(url_path(url)))[0]


def is_pdf_path(url: str) -> bool:
    """True if the URL's path names a ``.pdf`` file (case-insensitive)."""
    return url_path(url).lower().endswith(".pdf")


#: A language code at the end of a file name (``/documents/odihr/2006/06/19393_ru.pdf``); a
#: numeric suffix (``558318_0.pdf``) names a revision, not a language.
_FILE_LANGUAGE = re.compile(r"_([a-z]{2})\.[a-z0-9]+$")


def file_language(path: str) -> str | None:
    """The ISO 639-1 code a file name carries as its suffix (``19393_ru.pdf`` → ``ru``)."""
    found = _FILE_LANGUAGE.search(path.lower())
    return found.group(1) if found else None
