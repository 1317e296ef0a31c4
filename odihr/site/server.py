"""A static HTTP server for a mirror of the site, used by ``odihr demo`` and by the tests.

URL mapping (as on the site): ``/a/b`` is the file ``a/b`` or ``a/b/index.html``; ``?page=N`` on
a directory selects ``index.page-N.html`` (N >= 1; 0 is ``index.html``); other query strings are
ignored; any path component starting with ``.`` or ``_`` is 404. Responses carry a strong
``ETag``, ``Last-Modified`` and ``Content-Length``; ``If-None-Match`` / ``If-Modified-Since`` give
304; ``.pdf`` is always ``application/pdf``.

For tests the server records every request and can misbehave on purpose::

    with MirrorServer(root) as server:
        server.faults["/x.pdf"] = [503, 503]   # these statuses first, then normal answers
        server.faults["/y.pdf"] = [(429, {"Retry-After": "1"}), 0]   # 0 drops the connection
        server.delays["/z.pdf"] = 2.0            # seconds before answering (client timeouts)
        server.overrides["/x.pdf"] = b"<html>"   # other bytes under that path
        server.no_length.add("/x.pdf")           # no Content-Length: body ends at close
        server.truncated["/x.pdf"] = 9000        # first 9000 bytes, with the whole file's
                                                 # ETag and a matching Content-Length
        server.drip["/x.pdf"] = 1024             # body sent at 1024 bytes/s (slow drip)
        server.log                               # [RequestRecord(method, target, status, bytes)]
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_TYPES = {
    ".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".json": "application/json",
    ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8", ".ico": "image/vnd.microsoft.icon",
}
_NOT_FOUND = (b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not "
              b"found</title></head><body><h1>Page not found</h1></body></html>\n")
Fault = int | tuple[int, dict[str, str]]


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server saw it; ``target`` is path plus query (``/x?page=1``)."""

    method: str
    target: str
    status: int
    bytes_sent: int

    @property
    def path(self) -> str:
        """The target without query string."""
        return self.target.split("?", 1)[0]


class _TimedDict(dict[str, bytes]):
    """A dict remembering when each key was last set (the Last-Modified of an override)."""

    def __init__(self) -> None:
        super().__init__()
        self.times: dict[str, float] = {}

    def __setitem__(self, key: str, value: bytes) -> None:
        self.times[key] = time.time()
        super().__setitem__(key, value)


def _resolve(root: Path, target: str) -> Path | None:
    parts = urlsplit(target)
    segments = [s for s in unquote(parts.path).split("/") if s]
    if any(s.startswith((".", "_")) or "\\" in s or "\x00" in s for s in segments):
        return None
    path = root.joinpath(*segments)
    if path.is_dir():
        page = parse_qs(parts.query).get("page", ["0"])[0]
        if not page.isdigit():
            return None
        path = path / ("index.html" if int(page) == 0 else f"index.page-{int(page)}.html")
    return path if path.is_file() else None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: no 40 ms stalls
    server: _Server

    def version_string(self) -> str:
        return "MirrorServer"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the request log is kept in :attr:`MirrorServer.log` instead."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(head_only=False)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(head_only=True)

    def _send(self, status: int, headers: dict[str, str], body: bytes, head_only: bool) -> None:
        payload = b"" if head_only else body
        # Logged before answering, so a client that has its answer always finds it in the log.
        record = self.server.mirror._record(self.command, self.path, status, len(payload))
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if payload:
                self.wfile.write(payload)
        except OSError:
            self.server.mirror._amend(record, 0)  # the client hung up: nothing was delivered
            raise

    def _respond(self, head_only: bool) -> None:
        mirror = self.server.mirror
        path = urlsplit(self.path).path
        delay = mirror.delays.get(path, mirror.delay)
        if delay:
            time.sleep(delay)
        fault = mirror._next_fault(self.path)
        if fault is not None:
            status, extra = fault if isinstance(fault, tuple) else (fault, {})
            if status == 0:  # drop the connection without an answer
                mirror._record(self.command, self.path, 0, 0)
                self.close_connection = True
                return
            body = f"<html><body>HTTP {status}</body></html>".encode()
            headers = {"Content-Type": "text/html; charset=utf-8", **extra,
                       "Content-Length": str(len(body))}
            return self._send(status, headers, body, head_only)
        found = mirror._content(self.path)
        if found is None:
            headers = {"Content-Type": "text/html; charset=utf-8",
                       "Content-Length": str(len(_NOT_FOUND))}
            return self._send(404, headers, _NOT_FOUND, head_only)
        body, mtime, ctype = found
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        validators = {"ETag": etag, "Last-Modified": email.utils.formatdate(mtime, usegmt=True)}
        if self._not_modified(etag, mtime):
            return self._send(304, validators, b"", head_only)
        if path in mirror.truncated:  # a cache that kept a cut copy under the whole file's ETag
            body = body[: mirror.truncated[path]]
        headers = {"Content-Type": ctype, "Content-Length": str(len(body)), **validators}
        if path in mirror.drip:
            return self._drip(headers, body, mirror.drip[path], head_only)
        if path in mirror.no_length:  # body delimited by closing the connection
            del headers["Content-Length"]
            headers["Connection"] = "close"
            self.close_connection = True
        self._send(200, headers, body, head_only)

    def _drip(self, headers: dict[str, str], body: bytes, rate: float, head_only: bool) -> None:
        record = self.server.mirror._record(self.command, self.path, 200, 0)
        step = max(1, int(rate / 10))
        sent = 0
        try:
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if head_only:
                return
            while sent < len(body) and not self.server.mirror._stopping:
                self.wfile.write(body[sent : sent + step])
                self.wfile.flush()
                sent += step
                time.sleep(step / rate)
        except OSError:
            self.close_connection = True
        finally:
            self.server.mirror._amend(record, min(sent, len(body)))

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # takes precedence over If-Modified-Since (RFC 9110)
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return mtime <= email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
        return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    mirror: MirrorServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients that time out or hang up are part of the tests."""


class MirrorServer:
    """Serve ``root`` on ``127.0.0.1:port`` (0 = a free port) in a background thread."""

    def __init__(self, root: Path, port: int = 0, *, robots_txt: str | None = None,
                 delay: float = 0.0, host: str = "127.0.0.1") -> None:
        self.root = Path(root).resolve()
        self.robots_txt = robots_txt
        #: Seconds to wait before answering any request (per-path values in :attr:`delays`).
        self.delay = delay
        self.delays: dict[str, float] = {}
        #: Path (or path?query) -> statuses to answer first, in order; 0 drops the connection.
        self.faults: dict[str, list[Fault]] = {}
        #: Path -> bytes to serve instead of the file (the file need not exist).
        self.overrides: dict[str, bytes] = _TimedDict()
        #: Paths answered without Content-Length (the body ends when the connection closes).
        self.no_length: set[str] = set()
        #: Path -> bytes kept: a cut copy served under the whole file's validators.
        self.truncated: dict[str, int] = {}
        #: Path -> bytes per second at which the body is sent.
        self.drip: dict[str, float] = {}
        self._stopping = False
        self._log: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._started = time.time()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.mirror = self
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        host, port = self._httpd.server_address[:2]
        if isinstance(host, bytes):
            host = host.decode("ascii")
        return f"http://{host}:{port}"

    @property
    def log(self) -> list[RequestRecord]:
        """A copy of the request log, in arrival order."""
        with self._lock:
            return list(self._log)

    def paths(self) -> list[str]:
        """Targets (path plus query) of every logged request, in order."""
        return [r.target for r in self.log]

    def clear_log(self) -> None:
        """Forget the requests logged so far."""
        with self._lock:
            self._log.clear()

    def start(self) -> MirrorServer:
        """Start serving in a daemon thread; returns self."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever, name="mirror-server",
                                            kwargs={"poll_interval": 0.05}, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._stopping = True
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(self.log)

    # --- used by the handler ----------------------------------------------------------------

    def _record(self, method: str, target: str, status: int, sent: int) -> RequestRecord:
        record = RequestRecord(method, target, status, sent)
        with self._lock:
            self._log.append(record)
        return record

    def _amend(self, record: RequestRecord, sent: int) -> None:
        with self._lock:
            for i in range(len(self._log) - 1, -1, -1):
                if self._log[i] is record:
                    self._log[i] = RequestRecord(record.method, record.target, record.status, sent)
                    return

    def _next_fault(self, target: str) -> Fault | None:
        with self._lock:
            for key in (target, urlsplit(target).path):
                queue = self.faults.get(key)
                if queue:
                    return queue.pop(0)
        return None

    def _content(self, target: str) -> tuple[bytes, int, str] | None:
        path = urlsplit(target).path
        ctype = _TYPES.get(Path(path).suffix.lower(), "application/octet-stream")
        if path == "/robots.txt" and self.robots_txt is not None:
            return self.robots_txt.encode(), int(self._started), _TYPES[".txt"]
        override = self.overrides.get(path)
        file = _resolve(self.root, target)
        if override is not None:
            mtime = self.overrides.times.get(path, self._started)  # type: ignore[attr-defined]
            if file is not None:
                mtime = max(mtime, file.stat().st_mtime)
            return override, int(mtime), ctype
        if file is None:
            return None
        ctype = _TYPES.get(file.suffix.lower(), "application/octet-stream")
        return file.read_bytes(), int(file.stat().st_mtime), ctype
