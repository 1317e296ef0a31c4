"""The HTTP client for the ODIHR site: URL policy, robots.txt, politeness, retries, byte caps.

Every request goes through :class:`SiteClient`:

* **URL policy** -- only site URLs are fetched: hosts in ``settings.SITE_HOSTS`` and the base
  URL's own host, re-based onto the base URL (so a local mirror works). Any other host raises
  :class:`~odihr.errors.OffSiteUrl` before a request is made; redirects are followed by hand and
  checked the same way.
* **robots.txt** of the base URL is fetched once per client and obeyed for the configured user
  agent (404/410 and other 4xx: allow all, per RFC 9309); a ``Crawl-delay`` slows the limiter.
* **Politeness** -- a thread-safe rate limiter (``requests_per_second``) and one request in
  flight per host.
* **Retries** -- 5xx, 429, timeouts and connection errors are retried ``settings.retries`` times
  with exponential backoff and full jitter, honouring ``Retry-After``; then
  :class:`~odihr.errors.TransientFetchError`. 404/410 raise :class:`~odihr.errors.Gone` at once.
* **Caps** -- pages are capped at ``max_page_bytes``, PDFs at ``max_pdf_bytes`` (Content-Length
  first, then counting while streaming) -> :class:`~odihr.errors.TooLarge`.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
import urllib3.exceptions

from odihr.errors import Disallowed, FetchError, Gone, TooLarge, TooSlow, TransientFetchError
from odihr.settings import SITE_HOSTS, Settings
from odihr.site.models import ClientStats, FetchResult
from odihr.site.throttle import RateLimiter, parse_retry_after
from odihr.site.urls import origin, to_base, url_path

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 60.0
#: A ``Retry-After`` longer than this ends the retries at once (the next run tries again).
MAX_RETRY_AFTER_SECONDS = 120.0
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)


class PageTooLarge(TooLarge):
    """An HTML page larger than ``ODIHR_MAX_PAGE_BYTES``."""

    def __init__(self, url: str, limit: int) -> None:
        self.url = url
        self.limit = limit
        FetchError.__init__(
            self, f"{url} is larger than the limit of {limit} bytes for a page "
            "(ODIHR_MAX_PAGE_BYTES); it was not read"
        )


@dataclass(frozen=True)
class _Raw:
    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    location: str | None = None


class _Retryable(Exception):
    def __init__(self, detail: str, retry_after: float | None = None,
                 reason: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after
        #: What the operator reads in the retry's one log line ("site answered 503").
        self.reason = reason or detail


def _charset(content_type: str | None) -> str:
    """The charset named by a Content-Type header if Python knows it, else UTF-8."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        value = value.strip().strip('"')
        if name.strip().lower() == "charset" and value:
            try:
                return codecs.lookup(value).name
            except LookupError:
                break
    return "utf-8"


class SiteClient:
    """A polite, retrying HTTP client for the site (thread-safe)."""

    def __init__(self, settings: Settings, *, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: Callable[[], float] = random.random,
                 throttle: Callable[[], None] | None = None) -> None:
        self.settings = settings
        #: Called before every request, after the local limiter: a rate shared across workers
        #: (a Prefect rate limit, see tasks/politeness.py). Its errors stop the request.
        self._throttle = throttle
        self.base_url = settings.base_url
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = settings.user_agent
        self._timeout = (settings.connect_timeout, settings.read_timeout)
        self._sleep = sleep
        self._rng = rng
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[threading.Lock, RateLimiter]] = {}
        self._robots: RobotFileParser | None = None
        self._robots_lock = threading.Lock()
        self._requests = self._retries = self._bytes = self._not_modified = 0

    # --- public API ---------------------------------------------------------------------------

    def resolve(self, url: str) -> str:
        """The URL to request for ``url`` (relative URLs are taken against the base URL).

        Raises:
            OffSiteUrl: the host is not the site's.
        """
        if not urlsplit(url).scheme:
            url = urljoin(self.base_url + "/", url)
        return to_base(url, self.base_url, SITE_HOSTS)

    def get_page(self, url: str) -> tuple[str, str]:
        """GET an HTML page; returns ``(final_url, text)``, the final URL after redirects."""
        raw = self._get(url, {}, self.settings.max_page_bytes, PageTooLarge)
        return raw.url, raw.body.decode(_charset(raw.headers.get("Content-Type")), "replace")

    def fetch_pdf(self, url: str, etag: str | None = None,
                  last_modified: str | None = None) -> FetchResult:
        """Conditional, streaming download of a document, capped at ``max_pdf_bytes``.

        The bytes are returned whatever they contain (an HTML page under ``.pdf`` included):
        judging them is the parser's job.
        """
        headers = {"Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        raw = self._get(url, headers, self.settings.max_pdf_bytes, TooLarge)
        got_etag = raw.headers.get("ETag")
        got_lm = raw.headers.get("Last-Modified")
        if raw.status == 304:
            with self._lock:
                self._not_modified += 1
            return FetchResult(raw.url, url_path(raw.url), "not_modified", None,
                               got_etag or etag, got_lm or last_modified, 0)
        return FetchResult(raw.url, url_path(raw.url), "ok", raw.body, got_etag, got_lm,
                           len(raw.body), hashlib.sha256(raw.body).hexdigest(),
                           raw.headers.get("Content-Type"))

    @property
    def stats(self) -> ClientStats:
        """A snapshot of the request, retry and byte counters (``client.stats.requests``)."""
        with self._lock:
            return ClientStats(self._requests, self._retries, self._bytes, self._not_modified)

    @property
    def bytes_received(self) -> int:
        """Body bytes received so far (pages, PDFs, robots.txt)."""
        with self._lock:
            return self._bytes

    def close(self) -> None:
        """Close the underlying HTTP session."""
        self._session.close()

    def __enter__(self) -> SiteClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- robots.txt ---------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """True if robots.txt lets our user agent fetch ``url`` (fetches robots.txt once)."""
        with self._robots_lock:
            if self._robots is None:
                self._robots = self._load_robots()
            robots = self._robots
        return robots.can_fetch(self.settings.user_agent, self.resolve(url))

    def _load_robots(self) -> RobotFileParser:
        url = origin(self.base_url) + "/robots.txt"
        parser = RobotFileParser(url)
        try:
            raw = self._get(url, {}, self.settings.max_page_bytes, PageTooLarge, robots=False)
        except (TransientFetchError, TooLarge):
            raise
        except FetchError:  # Gone (404/410) or another 4xx
            parser.parse([])  # RFC 9309: an unavailable robots.txt (4xx) allows all
            return parser
        parser.parse(raw.body.decode("utf-8", "replace").splitlines())
        parser.modified()
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            self._host(urlsplit(self.base_url).netloc)[1].slow_down(float(delay))
        return parser

    # --- requests -----------------------------------------------------------------------------

    def _get(self, url: str, headers: dict[str, str], limit: int,
             too_large: type[TooLarge], *, robots: bool = True) -> _Raw:
        target = self.resolve(url)
        for _ in range(MAX_REDIRECTS + 1):
            if robots and not self.allowed(target):
                raise Disallowed(target)
            raw = self._with_retries(target, headers, limit, too_large)
            if raw.location is None:
                return raw
            target = self.resolve(urljoin(target, raw.location))
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times; it was not fetched")

    def _with_retries(self, url: str, headers: dict[str, str], limit: int,
                      too_large: type[TooLarge]) -> _Raw:
        attempts = self.settings.retries + 1
        last = _Retryable("no attempt made")
        deadline = time.monotonic() + self.settings.download_deadline
        for attempt in range(1, attempts + 1):
            try:
                return self._attempt(url, headers, limit, too_large, deadline)
            except _Retryable as exc:
                last = exc
            if attempt == attempts:
                break
            if last.retry_after is not None and last.retry_after > MAX_RETRY_AFTER_SECONDS:
                raise TransientFetchError(
                    url, f"{last.detail}, asked to retry after {last.retry_after:.0f} s", attempt)
            ceiling = min(MAX_BACKOFF_SECONDS, self.settings.backoff_seconds * 2 ** (attempt - 1))
            delay = max(self._rng() * ceiling, last.retry_after or 0.0)
            with self._lock:
                self._retries += 1
            # One line per retry, for the operator (the terminal shows warnings).
            log.warning("%s for %s, retry %d/%d in %.1f s", last.reason, url_path(url) or url,
                        attempt, attempts - 1, delay)
            if time.monotonic() + delay > deadline:
                raise TransientFetchError(
                    url, f"{last.detail}; no time left for a retry within ODIHR_DOWNLOAD_DEADLINE "
                    f"({self.settings.download_deadline:g} s)", attempt)
            self._sleep(delay)
        raise TransientFetchError(url, last.detail, attempts)

    def _host(self, netloc: str) -> tuple[threading.Lock, RateLimiter]:
        with self._lock:
            if netloc not in self._hosts:
                self._hosts[netloc] = (threading.Lock(),
                                       RateLimiter(self.settings.requests_per_second))
            return self._hosts[netloc]

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        """One request in flight per host, spaced by the rate limiter."""
        host_lock, limiter = self._host(urlsplit(url).netloc)
        with host_lock:
            limiter.acquire()
            if self._throttle is not None:
                self._throttle()
            with self._lock:
                self._requests += 1
            yield

    def _attempt(self, url: str, headers: dict[str, str], limit: int,
                 too_large: type[TooLarge], deadline: float) -> _Raw:
        with self._slot(url):
            try:
                resp = self._session.get(url, headers=headers, timeout=self._timeout,
                                         stream=True, allow_redirects=False)
            except requests.Timeout as exc:
                raise _Retryable(f"{type(exc).__name__}: {exc}",
                                 reason=f"site did not answer in time ({type(exc).__name__})"
                                 ) from exc
            except requests.ConnectionError as exc:
                raise _Retryable(f"{type(exc).__name__}: {exc}",
                                 reason="site unreachable (connection failed)") from exc
            with resp:
                status = resp.status_code
                if status in (404, 410):
                    raise Gone(url, status)
                if status == 429 or 500 <= status < 600:
                    wait = parse_retry_after(resp.headers.get("Retry-After"))
                    raise _Retryable(f"HTTP {status}", wait, reason=f"site answered {status}")
                if status in _REDIRECTS and resp.headers.get("Location"):
                    return _Raw(url, status, resp.headers, b"", resp.headers["Location"])
                if status == 304:
                    return _Raw(url, status, resp.headers, b"")
                if status != 200:
                    raise FetchError(f"the site answered HTTP {status} for {url}; not fetched")
                body = self._read(resp, url, limit, too_large, deadline)
                return _Raw(url, status, resp.headers, body)

    def _read(self, resp: requests.Response, url: str, limit: int,
              too_large: type[TooLarge], deadline: float) -> bytes:
        """The body, capped at ``limit`` bytes and at the overall ``deadline`` (monotonic):
        ``read1`` returns whatever arrived, so a slow drip is noticed chunk by chunk."""
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large(url, limit)
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := resp.raw.read1(_CHUNK, decode_content=True):
                if time.monotonic() > deadline:
                    raise TooSlow(url, self.settings.download_deadline, size)
                size += len(chunk)
                with self._lock:
                    self._bytes += len(chunk)
                if size > limit:
                    raise too_large(url, limit)
                chunks.append(chunk)
        except (requests.Timeout, requests.ConnectionError, urllib3.exceptions.HTTPError,
                requests.exceptions.ChunkedEncodingError) as exc:
            raise _Retryable(f"download interrupted after {size} bytes: {exc}",
                             reason=f"download cut off after {size} bytes") from exc
        return b"".join(chunks)
