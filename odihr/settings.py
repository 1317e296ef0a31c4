"""Every setting of the pipeline, read from ``ODIHR_*`` environment variables in one place.

Command-line options override the environment (see ``Settings.with_overrides``); nothing else in
the code base reads ``os.environ`` for configuration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_BASE_URL = "https://www.osce.org"
DEFAULT_DATABASE_URL = "sqlite:///warehouse.db"
DEFAULT_DATA_DIR = "./data"
DEFAULT_REQUESTS_PER_SECOND = 1.0
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 60.0
DEFAULT_MAX_PDF_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_PDF_PAGES = 1000
DEFAULT_RETRIES = 4
DEFAULT_BACKOFF_SECONDS = 1.0
DEFAULT_USER_AGENT = "odihr-warehouse/0.1 (+https://github.com/odihr-warehouse; research crawler)"
DEFAULT_TASK_RUNNER = "thread"
DEFAULT_RECHECK_DAYS = 365
DEFAULT_NIGHTLY_CRON = "0 2 * * *"
DEFAULT_LOCK_TIMEOUT = 6 * 3600.0
#: Parsing in child processes (odihr/isolation.py): memory cap, CPU and wall time per document.
DEFAULT_PARSE_MEMORY_MB = 1536
DEFAULT_PARSE_CPU_SECONDS = 120.0
DEFAULT_PARSE_TIMEOUT = 300.0
DEFAULT_PARSE_WORKERS = 2
#: ``process`` (each document in a child process under the limits) or ``inline`` (in the run's
#: own process, no memory or time limit: for a debugger, never for unattended runs).
PARSE_ISOLATION_MODES = ("process", "inline")
#: Consecutive documents whose download failed before the run stops (the site is down).
DEFAULT_MAX_CONSECUTIVE_FAILURES = 5
#: Overall deadline of one download (a body that drips slowly is cut off).
DEFAULT_DOWNLOAD_DEADLINE = 300.0
#: A crawl that finds fewer than this share of the documents already known for the same election
#: pages is a changed site layout.
DEFAULT_MIN_DOCUMENT_SHARE = 0.5
#: Hosts whose links belong to the site; they are resolved against the configured base URL.
SITE_HOSTS = frozenset({"www.osce.org", "osce.org", "odihr.osce.org"})
TASK_RUNNERS = ("thread", "dask")
#: OCR of scans (odihr/ocr/): ``auto`` reads a report without a usable text layer through
#: Tesseract; ``off`` quarantines it ("needs OCR").
OCR_MODES = ("auto", "off")
#: English first, Tesseract's Latin-script model (every Latin alphabet: names with č, ć, ő, ū, ț,
#: ß) and Russian: a noisy Latin word is not read as Cyrillic as often as with Latin+rus.
DEFAULT_OCR_LANGUAGES = "eng+Latin+rus"
DEFAULT_OCR_MAX_PAGES = 60
DEFAULT_OCR_PAGE_SECONDS = 60.0
_OCR_LANGUAGES = re.compile(r"^[A-Za-z_]+(\+[A-Za-z_]+)*$")


class SettingsError(ValueError):
    """A setting has a value the pipeline cannot work with; the message names the variable."""


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return default if value is None or value.strip() == "" else value.strip()


def _number(name: str, default: float, *, minimum: float = 0.0, integer: bool = False) -> Any:
    raw = _env(name, str(default))
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if value <= minimum and not (minimum == 0 and value == 0 and integer):
        raise SettingsError(f"{name}={raw!r} must be greater than {minimum}")
    return value


#: Database backends the warehouse runs on.
DATABASE_BACKENDS = ("sqlite", "postgresql")
DATABASE_URL_EXAMPLES = "sqlite:///warehouse.db or postgresql+psycopg://user@host:5432/dbname"


def _check_database_url(database_url: str) -> None:
    """A malformed or unsupported warehouse URL is bad usage, named without its password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(database_url)
    except (ArgumentError, ValueError):
        raise SettingsError(
            "ODIHR_DATABASE_URL / --db is not a database URL; use e.g. " + DATABASE_URL_EXAMPLES
        ) from None
    backend = url.get_backend_name()
    if backend == "postgres":
        return
    if backend not in DATABASE_BACKENDS:
        shown = url.render_as_string(hide_password=True)
        raise SettingsError(
            f"ODIHR_DATABASE_URL / --db {shown!r}: the warehouse runs on SQLite or PostgreSQL, "
            f"not {backend!r}; use e.g. {DATABASE_URL_EXAMPLES}"
        )


@dataclass(frozen=True)
class Settings:
    """The resolved configuration of one run. Build it with :meth:`from_env`."""

    base_url: str = DEFAULT_BASE_URL
    database_url: str = DEFAULT_DATABASE_URL
    data_dir: Path = field(default_factory=lambda: Path(DEFAULT_DATA_DIR))
    requests_per_second: float = DEFAULT_REQUESTS_PER_SECOND
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    max_pdf_bytes: int = DEFAULT_MAX_PDF_BYTES
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES
    retries: int = DEFAULT_RETRIES
    backoff_seconds: float = DEFAULT_BACKOFF_SECONDS
    user_agent: str = DEFAULT_USER_AGENT
    task_runner: str = DEFAULT_TASK_RUNNER
    dask_address: str | None = None
    #: Name of a Prefect rate limit shared by every worker (see tasks/politeness.py).
    shared_rate_limit: str | None = None
    recheck_days: int = DEFAULT_RECHECK_DAYS
    nightly_cron: str = DEFAULT_NIGHTLY_CRON
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    parse_memory_mb: int = DEFAULT_PARSE_MEMORY_MB
    parse_cpu_seconds: float = DEFAULT_PARSE_CPU_SECONDS
    parse_timeout: float = DEFAULT_PARSE_TIMEOUT
    parse_workers: int = DEFAULT_PARSE_WORKERS
    parse_isolation: str = "process"
    max_consecutive_failures: int = DEFAULT_MAX_CONSECUTIVE_FAILURES
    download_deadline: float = DEFAULT_DOWNLOAD_DEADLINE
    min_document_share: float = DEFAULT_MIN_DOCUMENT_SHARE
    ocr: str = "auto"
    ocr_languages: str = DEFAULT_OCR_LANGUAGES
    ocr_max_pages: int = DEFAULT_OCR_MAX_PAGES
    ocr_page_seconds: float = DEFAULT_OCR_PAGE_SECONDS

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise SettingsError(
                f"ODIHR_BASE_URL={self.base_url!r} must start with http:// or https://"
            )
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        if self.task_runner not in TASK_RUNNERS:
            raise SettingsError(
                f"ODIHR_TASK_RUNNER={self.task_runner!r} is not one of {', '.join(TASK_RUNNERS)}"
            )
        if self.parse_isolation not in PARSE_ISOLATION_MODES:
            raise SettingsError(
                f"ODIHR_PARSE_ISOLATION={self.parse_isolation!r} is not one of "
                f"{', '.join(PARSE_ISOLATION_MODES)}"
            )
        if self.ocr not in OCR_MODES:
            raise SettingsError(f"ODIHR_OCR={self.ocr!r} is not one of {', '.join(OCR_MODES)}")
        if not _OCR_LANGUAGES.match(self.ocr_languages):
            raise SettingsError(
                f"ODIHR_OCR_LANGUAGES={self.ocr_languages!r} must be Tesseract language codes "
                "joined by '+', e.g. eng+rus"
            )
        if self.ocr_max_pages <= 0 or self.ocr_page_seconds <= 0:
            raise SettingsError("ODIHR_OCR_MAX_PAGES and ODIHR_OCR_PAGE_SECONDS must be positive")
        if self.requests_per_second <= 0:
            raise SettingsError("ODIHR_REQUESTS_PER_SECOND must be greater than 0")
        if self.max_pdf_bytes <= 0 or self.max_pdf_pages <= 0:
            raise SettingsError("ODIHR_MAX_PDF_BYTES and ODIHR_MAX_PDF_PAGES must be positive")
        _check_database_url(self.database_url)

    @classmethod
    def from_env(cls) -> Settings:
        """Read every ``ODIHR_*`` variable, falling back to the documented defaults."""
        return cls(
            base_url=_env("ODIHR_BASE_URL", DEFAULT_BASE_URL),
            database_url=_env("ODIHR_DATABASE_URL", DEFAULT_DATABASE_URL),
            data_dir=Path(_env("ODIHR_DATA_DIR", DEFAULT_DATA_DIR)),
            requests_per_second=_number("ODIHR_REQUESTS_PER_SECOND", DEFAULT_REQUESTS_PER_SECOND),
            connect_timeout=_number("ODIHR_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT),
            read_timeout=_number("ODIHR_READ_TIMEOUT", DEFAULT_READ_TIMEOUT),
            max_pdf_bytes=_number("ODIHR_MAX_PDF_BYTES", DEFAULT_MAX_PDF_BYTES, integer=True),
            max_page_bytes=_number("ODIHR_MAX_PAGE_BYTES", DEFAULT_MAX_PAGE_BYTES, integer=True),
            max_pdf_pages=_number("ODIHR_MAX_PDF_PAGES", DEFAULT_MAX_PDF_PAGES, integer=True),
            retries=_number("ODIHR_RETRIES", DEFAULT_RETRIES, integer=True),
            backoff_seconds=_number("ODIHR_BACKOFF_SECONDS", DEFAULT_BACKOFF_SECONDS),
            user_agent=_env("ODIHR_USER_AGENT", DEFAULT_USER_AGENT),
            task_runner=_env("ODIHR_TASK_RUNNER", DEFAULT_TASK_RUNNER).lower(),
            dask_address=os.environ.get("ODIHR_DASK_ADDRESS") or None,
            shared_rate_limit=os.environ.get("ODIHR_SHARED_RATE_LIMIT") or None,
            recheck_days=_number("ODIHR_RECHECK_DAYS", DEFAULT_RECHECK_DAYS, integer=True),
            nightly_cron=_env("ODIHR_NIGHTLY_CRON", DEFAULT_NIGHTLY_CRON),
            lock_timeout=_number("ODIHR_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT),
            parse_memory_mb=_number(
                "ODIHR_PARSE_MEMORY_MB", DEFAULT_PARSE_MEMORY_MB, integer=True
            ),
            parse_cpu_seconds=_number("ODIHR_PARSE_CPU_SECONDS", DEFAULT_PARSE_CPU_SECONDS),
            parse_timeout=_number("ODIHR_PARSE_TIMEOUT", DEFAULT_PARSE_TIMEOUT),
            parse_workers=_number("ODIHR_PARSE_WORKERS", DEFAULT_PARSE_WORKERS, integer=True),
            parse_isolation=_env("ODIHR_PARSE_ISOLATION", "process").lower(),
            max_consecutive_failures=_number(
                "ODIHR_MAX_CONSECUTIVE_FAILURES", DEFAULT_MAX_CONSECUTIVE_FAILURES, integer=True
            ),
            download_deadline=_number("ODIHR_DOWNLOAD_DEADLINE", DEFAULT_DOWNLOAD_DEADLINE),
            min_document_share=_number("ODIHR_MIN_DOCUMENT_SHARE", DEFAULT_MIN_DOCUMENT_SHARE),
            ocr=_env("ODIHR_OCR", "auto").lower(),
            ocr_languages=_env("ODIHR_OCR_LANGUAGES", DEFAULT_OCR_LANGUAGES),
            ocr_max_pages=_number("ODIHR_OCR_MAX_PAGES", DEFAULT_OCR_MAX_PAGES, integer=True),
            ocr_page_seconds=_number("ODIHR_OCR_PAGE_SECONDS", DEFAULT_OCR_PAGE_SECONDS),
        )

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy where every override that is not ``None`` replaces the setting."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def raw_dir(self) -> Path:
        """Where downloaded PDFs are kept, content-addressed by sha256."""
        return self.data_dir / "raw"

    @property
    def reports_dir(self) -> Path:
        """Where validation reports are written."""
        return self.data_dir / "reports"

    @property
    def prefect_home(self) -> Path:
        """Prefect's own state for the embedded (ephemeral) mode, kept out of the user's way."""
        return self.data_dir / "prefect"

    def redacted_database_url(self) -> str:
        """The database URL with any password masked, for logs and summaries."""
        from sqlalchemy.engine import make_url

        try:
            return make_url(self.database_url).render_as_string(hide_password=True)
        except Exception:  # noqa: BLE001 - an unparsable URL is reported as is, minus nothing secret
            return "<unparsable database URL>"


_ACTIVE: ContextVar[Settings | None] = ContextVar("odihr_active_settings", default=None)


@contextmanager
def active_settings(settings: Settings) -> Iterator[Settings]:
    """Make ``settings`` what flows started in this context run with.

    The CLI hands its resolved settings to the flows this way rather than as flow parameters:
    parameters are stored in Prefect's run records, and a database URL carries a password.
    """
    token = _ACTIVE.set(settings)
    try:
        yield settings
    finally:
        _ACTIVE.reset(token)


def base_settings() -> Settings:
    """The settings handed over by :func:`active_settings`, else those of the environment."""
    return _ACTIVE.get() or Settings.from_env()
