"""The borderless observer table: cells, columns and rows of one heading's lines on one page.

Cells are runs of words closer than a cell gap; columns are the left edges the block's cells
share; a line with words in the first two columns is an observer's row and any other line is
the wrapped part of a cell, which joins the row it is centred on.

A column-header row (``Name | Surname | Country | Role``, ``Family name | First name |
Nationality``), a line whose every cell is a column label, is no observer: it says which column
holds what. Without one, the columns are given name, family name, country and role, unless the
second column holds countries: then the first holds the full name (``BEKKEVOLD Geir Jørgen``,
``Krottmayer, Markus``), split by :func:`split_name`; a column of countries elsewhere (first,
or after the role) is the country wherever it stands. Family names printed in capitals, or
followed by a comma, in the first name column (``BERG | Anna``, ``Berg, | Anna``) put the
family name first (:func:`names_in_order`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from odihr.countries import country_code
from odihr.parse.document.layout import Line
from odihr.parse.observers.names import names_in_order, split_name
from odihr.parse.pdf import Word
from odihr.parse.tuning import require_positive

#: Column labels of a header row, by the field their column holds.
HEADER_LABELS: dict[str, re.Pattern[str]] = {
    "given": re.compile(r"^(?:first|given|fore|christian)[ -]?names?$|^имя$|^prénom$|^vorname$",
                        re.IGNORECASE),
    "family": re.compile(r"^(?:sur|last|family)[ -]?names?$|^фамилия$|^nom de famille$|"
                         r"^(?:nach|familien)name$", re.IGNORECASE),
    "name": re.compile(r"^(?:full )?names?$|^name and surname$|^(?:first|given) name and "
                       r"(?:sur|family )name$|^observer$|^ф\.?\s?и\.?\s?о\.?$|^nom$",
                       re.IGNORECASE),
    "country": re.compile(r"^(?:country|nationality|citizenship|state)$|^страна$|"
                          r"^гражданство$|^pays$|^land$", re.IGNORECASE),
    "role": re.compile(r"^(?:role|position|function|title|post|organi[sz]ation|delegation|"
                       r"institution|area of responsibility|deployment|team)$|^должность$|"
                       r"^функция$|^fonction$|^funktion$", re.IGNORECASE),
    "number": re.compile(r"^(?:no\.?|nr\.?|#|№|n°)$", re.IGNORECASE),
    "skip": re.compile(r"^(?:gender|sex|m/f)$|^пол$", re.IGNORECASE),
}
#: A numbering cell: ``12``, ``12.``.
ROW_NUMBER = re.compile(r"^\d{1,4}[.)]?$")
#: The fields of a table without a header row.
DEFAULT_KINDS = ("given", "family", "country", "role")


@dataclass(frozen=True)
class TableSettings:
    """Tuning of the borderless observer table (PDF points and shares of the font size)."""

    #: A gap wider than this share of the font size separates two cells of a line.
    cell_gap: float = 0.45
    #: Left edges closer than this many points are the same column.
    column_tolerance: float = 4.0
    #: A heading is at least this much larger than the table text, unless it is bold.
    heading_size_step: float = 0.5
    #: Two heading lines closer than this share of their size are one wrapped heading.
    heading_wrap_gap: float = 0.5
    #: A header row may hold labels no list knows (``Mission function``) when more than this
    #: share of its cells are known column labels, a name label among them.
    header_known_share: float = 0.5
    #: Name columns with no header and no capitals or comma to tell them apart: the first is the
    #: family name when, over at least ``order_pairs`` pairs of successive rows of one country
    #: and group, it is in alphabetical order in ``order_share`` of them and the second is not
    #: (real lists are sorted by family name; :func:`~.names.family_first_by_order`).
    order_pairs: int = 8
    order_share: float = 0.9
    #: A one-column list (full names, one a line, under country headings) has lines of at most
    #: this many words: a block whose lines are mostly longer is running text (an untitled
    #: closing ``About ODIHR`` page after the list), no names.
    name_words: int = 6

    def __post_init__(self) -> None:
        require_positive(self)
        for name in ("header_known_share", "order_share"):
            if getattr(self, name) > 1:
                raise ValueError(f"TableSettings.{name} must be a share (at most 1), "
                                 f"got {getattr(self, name)!r}")


DEFAULT_SETTINGS = TableSettings()


class RowFields(NamedTuple):
    """One observer's fields as printed in the table."""

    given_name: str
    family_name: str
    country: str | None
    role: str | None
    page: int
    #: Given and family name told apart by their columns' position alone (no header row, no
    #: capitals or comma): the list's alphabetical order may still tell them apart.
    by_position: bool = False


@dataclass
class _Row:
    """One observer's line and the wrapped fragments of its cells."""

    line: Line
    cells: dict[int, list[tuple[float, float, str]]] = field(default_factory=dict)


def cells_of(line: Line, settings: TableSettings) -> list[list[Word]]:
    """Split a line into cells at gaps wider than a word space."""
    cells: list[list[Word]] = []
    for word in line.words:
        if cells and word.x0 - cells[-1][-1].x1 <= settings.cell_gap * word.size:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _columns(block: Sequence[Line], settings: TableSettings) -> list[float]:
    """Left edges of the block's columns: where the cells of its lines start."""
    starts = sorted(cell[0].x0 for line in block for cell in cells_of(line, settings))
    columns: list[float] = []
    for x in starts:
        if not columns or x - columns[-1] > settings.column_tolerance:
            columns.append(x)
    return columns


def table_rows(block: Sequence[Line], settings: TableSettings = DEFAULT_SETTINGS,
               kinds: Sequence[str] | None = None, *, has_country: bool = True,
               earlier_header: Line | None = None) -> list[RowFields]:
    """The observers of one table block (one heading's lines on one page), field by field.

    A line with words in the first two columns is an observer's row; any other line holds the
    wrapped part of a cell and joins the row nearest to it. A header row is left out and names
    the columns; without one, ``kinds`` (a header seen earlier in the annex) does, and without
    that columns map in order to given name, family name, country and role (a two-column table:
    full name and country). Under a country heading (``has_country=False``) no column holds the
    country: given name, family name and role, or the full name alone, one per line.

    ``earlier_header`` (a header row on an earlier page of the annex) names the columns of a
    block without one by position when it has a label over each of them, so a page where a
    column happens to be empty (no roles) keeps the header's order (``Surname | First name``);
    otherwise its labels count as ``kinds``.
    """
    header = next((i for i, line in enumerate(block) if header_kinds(line, settings)), None)
    body = [line for i, line in enumerate(block) if i != header]
    columns = _columns(body, settings)
    if not columns:
        return []

    # columns rise left to right (a NaN position would break the order: then each is tried)
    rising = all(a < b for a, b in zip(columns, columns[1:], strict=False))

    def column(word: Word) -> int:
        """The last column starting at or left of the word (the first when none does)."""
        edge = word.x0 + settings.column_tolerance
        if rising and edge == edge:
            return max(bisect_right(columns, edge) - 1, 0)
        return max([0] + [i for i, x in enumerate(columns) if x <= edge])

    if header is not None:
        kinds = _header_columns(block[header], columns, settings)
    elif earlier_header is not None:
        mapped = _header_columns(earlier_header, columns, settings)
        if all(mapped):  # the earlier header's columns are this table's
            kinds = mapped
        else:
            kinds, earlier_header = kinds or header_kinds(earlier_header, settings), None
    rows: list[_Row] = []
    pending: list[Line] = []
    single = not has_country and header is None and len(columns) == 1
    if single and sum(len(line.words) > settings.name_words for line in body) * 2 > len(body):
        return []  # running text: lines longer than names
    for line in body:
        if single or {0, 1} <= {column(w) for w in line.words}:
            rows.append(_Row(line))
        else:
            pending.append(line)
    if not rows:
        return []
    for row in rows:
        _add(row, row.line.words, column)
    for line in pending:
        _add(_owner(line, rows, pending), line.words, column)
    texts = [{c: join_fragments(f) for c, f in row.cells.items()} for row in rows]
    given = list(kinds or ())
    guess = _guess_kinds(texts, len(columns), has_country=has_country)
    layout = given if header is not None or earlier_header is not None or \
        len(given) == len(columns) else names_in_order(texts, guess)
    by_position = layout == guess and {"given", "family"} <= set(guess)
    return [_fields(text, layout, row.line.page)._replace(by_position=by_position)
            for text, row in zip(texts, rows, strict=True)]


def header_kinds(line: Line, settings: TableSettings = DEFAULT_SETTINGS) -> list[str] | None:
    """The fields a column-header row names, cell by cell; ``None`` when the line is no header.

    A header has at least two cells that are column labels, one naming a person's name, and
    they are more than :attr:`TableSettings.header_known_share` of its cells: a cell labelled in
    words no list holds (``Mission function``, ``Area of deployment``) is kind ``""`` (the
    role's, :func:`_fields`). A row of people has no cell that is a column label."""
    cells = cells_of(line, settings)
    kinds = []
    for cell in cells:
        text = " ".join(w.text for w in cell).strip(" :").replace("\u00a0", " ")
        kinds.append(next((k for k, label in HEADER_LABELS.items() if label.match(text)), ""))
    known = [k for k in kinds if k]
    if len(known) < 2 or len(known) <= settings.header_known_share * len(cells):
        return None
    named = {"name", "given", "family"} & set(kinds)
    if "name" in kinds and ("given" in kinds) != ("family" in kinds):
        other = "family" if "given" in kinds else "given"  # Name | Surname: Name is the given
        kinds = [other if k == "name" else k for k in kinds]
    return kinds if len(cells) >= 2 and named else None


def _header_columns(line: Line, columns: Sequence[float], settings: TableSettings) -> list[str]:
    """Each column's field, from the header cell above its middle (a header may be centred)."""
    kinds = ["" for _ in columns]
    for cell, kind in zip(cells_of(line, settings), header_kinds(line, settings) or [],
                          strict=False):
        middle = (cell[0].x0 + cell[-1].x1) / 2
        index = max([0] + [i for i, x in enumerate(columns) if x <= middle])
        kinds[index] = kinds[index] or kind
    return kinds


def _guess_kinds(texts: Sequence[dict[int, str]], width: int, *,
                 has_country: bool = True) -> list[str]:
    """Fields of columns no header names: given, family, country, role; or, when the second
    column holds countries and the third does not, full name, country, role; or, when another
    column holds them (the first, or one after the role), that one is the country and the
    others are given name, family name and role in order. Without a country column: given,
    family, role (one column: the full name)."""
    if width > 2 and all(ROW_NUMBER.match(t.get(0, "")) for t in texts):
        rest = [{c - 1: v for c, v in t.items() if c} for t in texts]
        return ["number", *_guess_kinds(rest, width - 1, has_country=has_country)]
    if not has_country:
        return ["name"] if width == 1 else ["given", "family", "role"]
    if width < 3:
        return ["name", "country"]

    def countries(index: int) -> bool:
        values = [t[index] for t in texts if t.get(index)]
        return bool(values) and sum(country_code(v) is not None for v in values) * 2 > len(values)

    if countries(1) and not countries(2):
        return ["name", "country", "role"]
    elsewhere = [i for i in (0, *range(3, width)) if not countries(2) and countries(i)]
    if elsewhere:  # the countries in another column (``Norway | Geir | Bekkevold | MP``)
        others = iter(["given", "family"])
        return ["country" if i == elsewhere[0] else next(others, "role") for i in range(width)]
    return list(DEFAULT_KINDS)


def _owner(line: Line, rows: Sequence[_Row], pending: Sequence[Line]) -> _Row:
    """The row a wrapped cell line belongs to: the nearest; on a tie, the one it mirrors.

    A cell wrapped onto three lines is centred on its row, so its first line is as close to the
    row above as to its own; its own row has the cell's last line at the mirror position.
    """
    middle = _middle(line)

    def distance(row: _Row) -> float:
        centre = _middle(row.line)
        mirror = 2 * centre - middle
        mirrored = any(abs(_middle(other) - mirror) < 2.0 and abs(other.x0 - line.x0) < 2.0
                       for other in pending if other is not line)
        return abs(centre - middle) - (1.0 if mirrored else 0.0)

    return min(rows, key=distance)


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _add(row: _Row, words: Sequence[Word], column: Callable[[Word], int]) -> None:
    for word in words:
        row.cells.setdefault(column(word), []).append((word.bottom, word.x0, word.text))


def _fields(text: dict[int, str], kinds: Sequence[str], page: int) -> RowFields:
    """Map a row's cells, by column, to given name, family name, country and role; columns past
    the named ones are more of the role."""
    values: dict[str, list[str]] = {}
    for index in sorted(text):
        kind = kinds[index] if index < len(kinds) else "role"
        values.setdefault(kind or "role", []).append(text[index])
    values.pop("number", None)
    values.pop("skip", None)
    # The comma of ``Berg, | Anna`` is punctuation, no part of the name.
    given, family = (" ".join(values.get(k, [])).rstrip(", ") for k in ("given", "family"))
    if "name" in values:
        full_given, full_family = split_name(" ".join(values["name"]))
        given, family = given or full_given, family or full_family
    return RowFields(given, family, " ".join(values.get("country", [])) or None,
                     " ".join(values.get("role", [])) or None, page)


def join_fragments(fragments: Sequence[tuple[float, float, str]]) -> str:
    """Join a cell's words ``(baseline, x0, text)`` in reading order; a hyphen at a line's end
    joins the next line's word tight (``Petersen-`` + ``Dahl``)."""
    ordered = [text for _, _, text in sorted(fragments, key=lambda f: (round(f[0]), f[1]))]
    out = ""
    for text in ordered:
        out = out + text if not out or out.endswith("-") else f"{out} {text}"
    return out
