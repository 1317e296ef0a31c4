"""A migrated, empty Prefect database that a fresh embedded server starts from.

The embedded server's first start on a fresh ``PREFECT_HOME`` runs Prefect's SQLite migrations
(116 in Prefect 3.9) and registers its block types: ~4.5 CPU s here, almost half of its boot,
and on the run's critical path (the flow cannot start before the server answers). A later start
on the same home does neither. A fresh home (the first run on a data folder, each test process,
each benchmark run) is therefore given a copy of a database that was migrated once per Prefect
version and kept in the user's cache folder (``$XDG_CACHE_HOME/odihr``, else ``~/.cache/odihr``),
with the memo that says its blocks are registered. Nothing is copied when a database is
configured (``PREFECT_API_DATABASE_CONNECTION_URL``) or the home has one already; a missing or
unreadable cache only costs the migrations, as before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing, suppress
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

DATABASE = "prefect.db"
MEMO = "memo_store.toml"
_CONFIGURED = ("PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL")


def cache_dir() -> Path:
    """Where templates are kept."""
    return Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "odihr"


def _template() -> Path | None:
    if any(os.environ.get(name) for name in _CONFIGURED):
        return None
    try:
        prefect = version("prefect")
    except PackageNotFoundError:  # pragma: no cover - the CLI needs Prefect anyway
        return None
    return cache_dir() / f"prefect-{prefect}.db"


def seed(home: Path) -> bool:
    """Copy the template (and its memo) into ``home`` if it has no database; True if copied."""
    template = _template()
    target = home / DATABASE
    if template is None or target.exists() or not template.exists():
        return False
    try:
        _copy_atomically(template, target)
        memo = template.with_suffix(".memo.toml")
        if memo.exists() and not (home / MEMO).exists():
            _copy_atomically(memo, home / MEMO)
    except OSError:
        return False
    return True


def keep(home: Path) -> None:
    """Save ``home``'s freshly migrated database as the template (a consistent copy, taken
    with SQLite's backup API while the server runs), unless there is one already."""
    template = _template()
    source = home / DATABASE
    if template is None or template.exists() or not source.exists():
        return
    with suppress(OSError, sqlite3.Error):
        template.parent.mkdir(parents=True, exist_ok=True)
        partial = template.with_name(f"{template.name}.{os.getpid()}.tmp")
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
        if (home / MEMO).exists():
            _copy_atomically(home / MEMO, template.with_suffix(".memo.toml"))
        os.replace(partial, template)


def _copy_atomically(source: Path, target: Path) -> None:
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
