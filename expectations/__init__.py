"""Great Expectations suites of the warehouse tables, one JSON file per table.

The suites are data shipped with the code (package data), so this package only says where they
are; ``odihr.validate.suites`` reads them. Each file is GX's own suite format (``name``,
``expectations`` of ``type``/``kwargs``/``meta``) plus ``meta`` keys the validation layer uses:
suite ``meta.table`` and ``meta.where`` (how a failing row is located for a person), and per
expectation ``meta.check`` (the failure's name), ``meta.severity`` (``blocking``, ``warning`` or
``source_or_extraction`` decided by ``meta.warning_if``), ``meta.description``, ``meta.detail``
(message template) and ``meta.observed`` (values reported with a failure).
"""

from __future__ import annotations

from pathlib import Path

#: Directory holding the suite JSON files (works from a checkout and when installed).
SUITES_DIR: Path = Path(__file__).resolve().parent


def suite_path(name: str) -> Path:
    """Path of the JSON file of suite ``name``."""
    return SUITES_DIR / f"{name}.json"
