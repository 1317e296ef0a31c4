"""Generate ``docs/data-dictionary.md`` from the SQLModel models and the BI views.

    python -m db.dictionary            # rewrite docs/data-dictionary.md
    python -m db.dictionary --check    # exit 1 when the committed file is out of date

Tables, columns, types, nullability and keys come from ``SQLModel.metadata``; column meanings
from each model field's ``description``. View columns are traced to the table column they select
(``db/views.py``), which gives their type and nullability; their meanings and examples come from
:mod:`db.dictionary_text`. Nothing here touches a database, so the output is deterministic.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, String, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import SQLModel

import db.models  # noqa: F401 - registers the tables on SQLModel.metadata
from db.dictionary_text import COMPUTED, EXTENSIONS, LINEAGE, READING_NOTES, VIEW_TEXT
from db.views import VIEWS

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"
#: Longest example shown in a table cell (longer text is cut with an ellipsis).
EXAMPLE_WIDTH = 60

_SELECT = re.compile(r"\bSELECT\s+(?P<items>.*?)\s+(?P<rest>FROM\s.*)", re.S | re.I)
_SOURCE = re.compile(r"\b(?P<join>LEFT\s+JOIN|JOIN|FROM)\s+(?P<table>\w+)\s+(?P<alias>\w+)", re.I)
_ITEM = re.compile(r"^(?P<alias>\w+)\.(?P<column>\w+)(?:\s+AS\s+(?P<name>\w+))?$", re.I)
_EXPRESSION = re.compile(r"^(?P<expression>.+?)\s+AS\s+(?P<name>\w+)$", re.I | re.S)


@dataclass(frozen=True)
class ViewColumn:
    """One column of a BI view and the table column it selects (or the expression's type)."""

    name: str
    source: Column[Any]
    nullable: bool
    #: What the dictionary's source cell shows.
    origin: str = ""


def view_columns(view: str, sql: str | None = None) -> list[ViewColumn]:
    """The columns of ``view`` in order, each traced to its source table column.

    ``sql`` is the view's definition (default: the current one, ``db.views.VIEWS[view]``).

    Raises:
        ValueError: a select item is not a plain ``alias.column [AS name]`` (extend this parser).
    """
    match = _SELECT.search(sql or VIEWS[view])
    if match is None:
        raise ValueError(f"{view}: no SELECT … FROM in its definition")
    tables = SQLModel.metadata.tables
    aliases: dict[str, tuple[Table, bool]] = {}
    for source in _SOURCE.finditer(match["rest"]):
        outer = source["join"].upper().startswith("LEFT")
        aliases[source["alias"]] = (tables[source["table"]], outer)
    columns = []
    computed = COMPUTED.get(view, {})
    for item in (i.strip() for i in match["items"].split(",")):
        parsed = _ITEM.match(item)
        expression = _EXPRESSION.match(item)
        if parsed is None and expression is not None and expression["name"] in computed:
            kind, nullable, origin = computed[expression["name"]]
            column = Column(expression["name"], kind(), nullable=nullable)
            columns.append(ViewColumn(expression["name"], column, nullable, origin))
            continue
        if parsed is None or parsed["alias"] not in aliases:
            raise ValueError(f"{view}: cannot trace select item {item!r} to a table column")
        table, outer = aliases[parsed["alias"]]
        column = table.c[parsed["column"]]
        name = parsed["name"] or parsed["column"]
        origin = f"`{table.name}.{column.name}`"
        columns.append(ViewColumn(name, column, bool(column.nullable) or outer, origin))
    return columns


def portable_type(sa_type: TypeEngine[Any]) -> str:
    """The engine-neutral name of a column type, as BI users should think of it."""
    if isinstance(sa_type, TypeDecorator):
        sa_type = sa_type.impl_instance
    for kind, name in (
        (Boolean, "boolean"),
        (Integer, "integer"),
        (Float, "real"),
        (DateTime, "timestamp (UTC)"),
        (Date, "date"),
        (String, "text"),
    ):
        if isinstance(sa_type, kind):
            return name
    raise ValueError(f"no portable name for column type {sa_type!r}")


def engine_types(sa_type: TypeEngine[Any]) -> str:
    """The declared type on SQLite and on PostgreSQL (``VARCHAR / VARCHAR``)."""
    on_sqlite = sa_type.compile(dialect=sqlite.dialect())
    on_postgres = sa_type.compile(dialect=postgresql.dialect())
    return on_sqlite if on_sqlite == on_postgres else f"{on_sqlite} / {on_postgres}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_example(value: Any) -> str:
    """An example value as a Markdown table cell."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, datetime):
        return f"`{value.isoformat(sep=' ')}`"
    if isinstance(value, date):
        return f"`{value.isoformat()}`"
    text = str(value)
    if len(text) > EXAMPLE_WIDTH:
        text = text[: EXAMPLE_WIDTH - 1].rstrip() + "…"
    return f"`{_cell(text)}`"


def _keys(column: Column[Any]) -> str:
    keys = []
    if column.primary_key:
        keys.append("PK")
    keys.extend(f"FK → `{fk.target_fullname}`" for fk in sorted(column.foreign_keys, key=str))
    if column.unique:
        keys.append("unique")
    if column.index:
        keys.append("indexed")
    return ", ".join(keys)


def _models() -> dict[str, type[SQLModel]]:
    """Table name → model class (every ``table=True`` subclass of SQLModel)."""
    found: dict[str, type[SQLModel]] = {}
    pending = list(SQLModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        table = getattr(model, "__table__", None)
        if isinstance(table, Table):
            found[table.name] = model
    return found


def _docstring(model: type[SQLModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def render_views() -> list[str]:
    """The Markdown lines documenting every BI view."""
    lines = ["## BI views (the public interface)", ""]
    for view in VIEWS:
        what, texts = VIEW_TEXT[view]
        lines += [f"### `{view}`", "", what, ""]
        lines += [
            "| column | type | null | meaning | example | source |",
            "|---|---|---|---|---|---|",
        ]
        for col in view_columns(view):
            if col.name in texts:
                meaning, example = texts[col.name]
            elif col.name in EXTENSIONS:
                meaning, example = EXTENSIONS[col.name]
            else:
                meaning, example = LINEAGE[col.name]
                meaning = f"*Lineage (extends the contract).* {meaning}"
            source = col.origin
            lines.append(
                f"| `{col.name}` | {portable_type(col.source.type)} | "
                f"{'yes' if col.nullable else 'no'} | {_cell(meaning)} | "
                f"{format_example(example)} | {source} |"
            )
        lines.append("")
    return lines


def render_tables() -> list[str]:
    """The Markdown lines documenting every internal table."""
    models = _models()
    lines = ["## Internal tables", ""]
    for name, table in SQLModel.metadata.tables.items():
        model = models[name]
        lines += [f"### `{name}`", "", _docstring(model), ""]
        lines += [
            "| column | type | SQLite / PostgreSQL | null | keys | meaning |",
            "|---|---|---|---|---|---|",
        ]
        for column in table.columns:
            field = model.model_fields.get(column.name)
            meaning = field.description if field is not None and field.description else ""
            lines.append(
                f"| `{column.name}` | {portable_type(column.type)} | "
                f"{engine_types(column.type)} | {'yes' if column.nullable else 'no'} | "
                f"{_keys(column)} | {_cell(meaning)} |"
            )
        lines.append("")
    return lines


def render() -> str:
    """The whole data dictionary as Markdown."""
    header = [
        "# Data dictionary",
        "",
        "<!-- Generated by `python -m db.dictionary` from db/models.py, db/views.py and",
        "     db/dictionary_text.py. Do not edit by hand: edit those and regenerate. -->",
        "",
        "Every BI view and internal table of the warehouse, every column with its type,",
        "nullability and meaning. Types are engine-neutral (`text`, `integer`, `real`, `boolean`,",
        "`date`, `timestamp (UTC)`); the tables also give the declared type on each engine.",
        "View examples are typical values from an ingest of the bundled sample mirror.",
        "",
        READING_NOTES,
    ]
    return "\n".join(header + render_views() + render_tables()).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or ``--check``) the data dictionary; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m db.dictionary", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="default: %(default)s")
    args = parser.parse_args(argv)
    text = render()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run python -m db.dictionary", file=sys.stderr)
            return 1
        return 0
    if current != text:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
