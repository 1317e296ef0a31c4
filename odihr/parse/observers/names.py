"""Observers' names: which of two name columns holds the family name, and a full name split.

Real lists print the family name in capitals (``BEKKEVOLD Geir Jørgen``, ``Anna | BERG``) or
before a comma (``Krottmayer, Markus``, ``Berg, | Anna``); without them a name column's meaning
comes from a header row, from the list's order (real lists sort each country's observers by
family name: :func:`family_first_by_order`), or from its position (given name first). The comma
is punctuation, no part of the name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from odihr.parse.document.joining import is_capitalised


def names_in_order(texts: Sequence[dict[int, str]], kinds: Sequence[str]) -> list[str]:
    """``kinds`` (fields by column, guessed from position) with given and family name swapped
    when the column taken for the given name prints every name in capitals, or every name
    followed by a comma, and the family column none (``BERG | Anna | Austria``, ``Berg, | Anna |
    Austria``): the capitals or the comma mark the family name. Anything less clear-cut keeps
    the order by position."""
    out = list(kinds)
    if "given" not in out or "family" not in out:
        return out
    given, family = out.index("given"), out.index("family")

    def marked(index: int, cue: Callable[[str], bool]) -> list[bool]:
        return [cue(t[index]) for t in texts if t.get(index)]

    for cue in (_in_capitals, _before_comma):
        first, second = marked(given, cue), marked(family, cue)
        if first and second and all(first) and not any(second):
            out[given], out[family] = "family", "given"
            break
    return out


def family_first_by_order(rows: Sequence[tuple[str, str, object] | None], pairs: int,
                          share: float) -> bool:
    """True when the first name column is the family name by the list's alphabetical order.

    ``rows`` are the list's rows in order: the first and the second name column's text and the
    row's country and group (``None``: a row whose columns were named otherwise, which breaks
    the runs). Over successive rows of one country and group, the family names of real lists
    are in alphabetical order (the sample's: 98–100 % of such pairs) and the given names are
    not (about half): the first column is the family name when it is in order in ``share`` of
    at least ``pairs`` such pairs and the second column is not."""
    first = second = count = 0
    for a, b in zip(rows, rows[1:], strict=False):
        if a is None or b is None or a[2] != b[2]:
            continue
        count += 1
        first += _key(a[0]) <= _key(b[0])
        second += _key(a[1]) <= _key(b[1])
    return count >= pairs and first >= share * count > second


def _key(name: str) -> str:
    """A name's sorting key: without accents, case or a trailing comma."""
    plain = unicodedata.normalize("NFKD", name.rstrip(" ,"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def _before_comma(name: str) -> bool:
    """A name printed with a comma after it (``Berg,``): the family name, before the given."""
    return name.rstrip().endswith(",")


def _in_capitals(name: str) -> bool:
    """A name printed in capitals, particles aside (``van den BERG``, ``O'NEILL``)."""
    words = [w for w in name.split() if not w.islower()]
    return bool(words) and all(is_capitalised(w) for w in words)


def split_name(name: str) -> tuple[str, str]:
    """Split a full name printed in one cell into given and family name.

    ``Family, Given`` splits at the comma; a family name in capitals (``BEKKEVOLD Geir Jørgen``,
    ``Ingmar HERMANSSON``, ``van den BERG Pieter``) is the run of capitalised words (with the
    lower-case particles before it) at either end; otherwise the last word is the family name.
    """
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given:
            return given, family
    parts = name.split()
    if len(parts) < 2:
        return "", name
    caps = [is_capitalised(p) for p in parts]
    if any(caps) and not all(caps):
        lead = 0
        while lead < len(parts) and parts[lead].islower():
            lead += 1  # particles: van, de, von
        end = lead
        while end < len(parts) and caps[end]:
            end += 1
        if end > lead and end < len(parts):
            return " ".join(parts[end:]), " ".join(parts[:end])
        start = len(parts)
        while start > 1 and caps[start - 1]:
            start -= 1
        if start < len(parts):
            return " ".join(parts[:start]), " ".join(parts[start:])
    return " ".join(parts[:-1]), parts[-1]
