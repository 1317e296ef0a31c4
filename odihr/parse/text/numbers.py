"""Numbers as ODIHR reports print them: grouped thousands, decimal commas, per cents, dashes.

Reports group thousands with a space (``6 183 757``, also non-breaking or thin spaces), a comma
(``6,183,757``), a dot (``6.183.757``) or an apostrophe, and write decimals with a dot or a comma
(``82.2``, ``82,20 %``). A lone separator is ambiguous (``1.234``), so the caller says what the
number is: a count (:func:`parse_int`: separators group thousands) or a share
(:func:`parse_percent`: a lone separator is the decimal mark). A dash means "not applicable";
:func:`is_dash` recognises it and the ``*_or_none`` helpers turn it into ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Characters printed in a cell meaning "not applicable" (hyphen, dashes, minus sign).
DASHES = frozenset({"-", "–", "—", "‒", "―", "−", "‐", "‑"})
#: Spelled-out "not applicable" cells.
NOT_APPLICABLE_WORDS = frozenset({"n/a", "n.a.", "н/д"})
#: Separators that may group thousands (a space stands for every space variant).
_GROUPED = re.compile(r"(\d{1,3})([ ,.'’])\d{3}(?:\2\d{3})*")
_PERCENT_SIGN = re.compile(r"\s*(%|per\s*cent|percent|проц\.?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberFormat:
    """How a column writes its numbers: the thousands separator and the decimal mark."""

    thousands: str | None = None
    decimal: str | None = None


def normalize_spaces(text: str) -> str:
    """``text`` stripped, with every run of (Unicode) spaces replaced by one ASCII space."""
    # str.split() splits at every Unicode space (str.isspace: no-break, thin, figure…)
    return " ".join(text.split())


def is_dash(text: str) -> bool:
    """Whether the cell says "not applicable": a dash of any kind, or ``n/a``."""
    cell = normalize_spaces(text)
    return cell in DASHES or cell.lower() in NOT_APPLICABLE_WORDS


def parse_int(text: str) -> int:
    """A whole number such as ``6 183 757``, ``6,183,757``, ``6.183.757`` or ``6183757``.

    Any separator between groups of three digits groups thousands (so ``1.234`` is 1234);
    one number uses one separator throughout.

    Raises:
        ValueError: ``text`` is not a whole number (a dash, a decimal, words, mixed separators).
    """
    cell = normalize_spaces(text)
    if cell.isdigit() and cell.isascii():
        return int(cell)
    if _GROUPED.fullmatch(cell):
        return int(re.sub(r"\D", "", cell))
    raise ValueError(
        f"not a whole number: {text!r} (expected digits, optionally grouped in threes by a "
        "space, comma, dot or apostrophe)"
    )


def parse_percent(text: str, decimal: str | None = None) -> float:
    """A per cent value such as ``82.2``, ``82,20 %``, ``77.12 %`` or ``100``.

    Args:
        text: the cell; a trailing ``%`` (or "per cent") is allowed.
        decimal: the decimal mark when known from context (``"."`` or ``","``). Without it a lone
            separator is taken as the decimal mark (``12,5`` is 12.5; shares are at most 100, so
            ``1,234`` is 1.234); with two kinds of separator the last one is the decimal mark.

    Raises:
        ValueError: ``text`` is not a number.
    """
    cell = _PERCENT_SIGN.sub("", normalize_spaces(text))
    if not re.fullmatch(r"\d(?:[\d ,.'’]*\d)?", cell):
        raise ValueError(f"not a percentage: {text!r}")
    marks = re.findall(r"\D", cell)
    if decimal is None and marks and marks[-1] in ",." and marks.count(marks[-1]) == 1:
        decimal = marks[-1]
    whole, fraction = cell.rsplit(decimal, 1) if decimal and decimal in cell else (cell, "")
    try:
        number = parse_int(whole)
    except ValueError:
        raise ValueError(f"not a percentage: {text!r} (bad digit grouping)") from None
    if fraction and not fraction.isdigit():
        raise ValueError(f"not a percentage: {text!r}")
    return float(f"{number}.{fraction}") if fraction else float(number)


def int_or_none(text: str) -> int | None:
    """:func:`parse_int`, or ``None`` for a dash ("not applicable")."""
    return None if is_dash(text) else parse_int(text)


def percent_or_none(text: str, decimal: str | None = None) -> float | None:
    """:func:`parse_percent`, or ``None`` for a dash ("not applicable")."""
    return None if is_dash(text) else parse_percent(text, decimal)


def infer_format(cells: Iterable[str]) -> NumberFormat:
    """The separators a column uses, judged from all its cells together.

    A separator followed by other than three digits, or the last of two different separators,
    is the decimal mark; a separator repeated in one number, or followed by three digits where
    another cell of the column shows a different decimal mark, groups thousands. A column where
    every number is like ``1.234`` stays undecided about ``.`` (``decimal`` is ``None``).
    """
    thousands: str | None = None
    decimal: str | None = None
    lone: set[str] = set()
    for raw in cells:
        cell = _PERCENT_SIGN.sub("", normalize_spaces(raw).strip("()"))
        marks = re.findall(r"\D", cell)
        if not marks or is_dash(cell):
            continue
        if len(set(marks)) > 1:
            thousands, decimal = marks[0], marks[-1]
            continue
        mark = marks[0]
        if len(marks) > 1:
            thousands = mark
        elif re.fullmatch(rf"\d+{re.escape(mark)}\d{{3}}", cell):
            lone.add(mark)
        else:
            decimal = mark
    if thousands is None:
        undecided = lone - {decimal}
        thousands = next(iter(undecided)) if len(undecided) == 1 and decimal else None
        if thousands is None and " " in lone:
            thousands = " "
    return NumberFormat(thousands=thousands, decimal=decimal)


def format_int(number: int, separator: str) -> str:
    """``number`` with its thousands grouped by ``separator`` (the inverse of :func:`parse_int`)."""
    return f"{number:,}".replace(",", separator)


#: A number as a table cell prints it: grouped thousands, decimals, an optional per cent sign.
NUMBER_TOKEN = re.compile(
    r"\d{1,3}(?:[ ,.'’\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?\s*%?|\d+(?:[.,]\d+)?\s*%?"
)


def looks_numeric(text: str) -> bool:
    """Whether a table cell is a number, a per cent or a dash (not a name that has digits)."""
    cell = normalize_spaces(text)
    return is_dash(cell) or bool(NUMBER_TOKEN.fullmatch(cell))
