"""Validation shared by the part readers' frozen settings objects (tolerances, gaps, counts)."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def require_positive(settings: DataclassInstance, *, whole: bool = False) -> None:
    """Raise :class:`ValueError`, naming the field, when a field of ``settings`` is not a
    positive number (with ``whole``: a whole number of at least 1)."""
    for spec in fields(settings):
        value = getattr(settings, spec.name)
        if whole:
            bad = isinstance(value, bool) or not isinstance(value, int) or value < 1
        else:
            bad = isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
        if bad:
            kind = "a whole number of at least 1" if whole else "a positive number"
            raise ValueError(f"{type(settings).__name__}.{spec.name} must be {kind}, "
                             f"got {value!r}")
