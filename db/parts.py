"""Rows of the per-part tables: ``report_part`` and the JSON of ``result.extra_figures``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from odihr.outcomes import PartStatus


def extra_figures_json(pairs: Sequence[tuple[str, object]]) -> str | None:
    """``result.extra_figures``: a JSON object, printed header → value, in column order.

    A header printed twice keeps both values: the second becomes ``header (2)``.
    """
    if not pairs:
        return None
    out: dict[str, object] = {}
    for header, value in pairs:
        key, n = header, 1
        while key in out:
            n += 1
            key = f"{header} ({n})"
        out[key] = value
    return json.dumps(out, ensure_ascii=False)


def part_rows(
    parts: Sequence[PartStatus], version_id: int, parser_version: str | None, run_id: int | None
) -> list[dict[str, Any]]:
    """``report_part`` rows of a version, in the order given."""
    return [
        {
            "version_id": version_id,
            "position": position,
            "part": p.part,
            "status": p.status,
            "reason": p.reason,
            "rows": p.rows,
            "page": p.page,
            "parser_version": parser_version,
            "run_id": run_id,
        }
        for position, p in enumerate(parts, start=1)
    ]
