"""Bulk inserts inside the caller's transaction, the fastest way each driver offers.

- PostgreSQL (psycopg): ``COPY … FROM STDIN`` in binary format. SQLAlchemy's executemany
  (psycopg pipeline mode) inserts about 30,000 rows/s, multi-row ``INSERT … VALUES`` fewer still
  (every batch is a new statement to compile); COPY streams the same rows at over 100,000
  rows/s, and its binary form spares the server parsing every value from text.
- SQLite: the driver's own ``executemany`` on tuples (``exec_driver_sql``), values converted by
  each column type's bind processor: about twice as fast as a Core insert, whose per-row
  parameter processing dominates.
- Anything else: a Core ``insert()`` executemany.

Figures: ``bench/load_bench.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError


def _uses_copy(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg"


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``; errors are SQLAlchemy's.

    Values go through each column type's bind processor, as a Core insert would send them.
    """
    if not rows:
        return
    if _uses_copy(connection):
        _copy(connection, table, rows)
    elif connection.dialect.paramstyle == "qmark":
        _driver_executemany(connection, table, rows)
    else:
        connection.execute(insert(table), list(rows))


def _values(
    connection: Connection, table: Table, columns: list[str], rows: Sequence[Mapping[str, Any]]
) -> list[tuple[Any, ...]]:
    """The rows as tuples in ``columns`` order, each value through its type's bind processor."""
    dialect = connection.dialect
    get = itemgetter(*columns)
    values: list[Any] = (
        [get(row) for row in rows] if len(columns) > 1 else [(row[columns[0]],) for row in rows]
    )
    processors = [
        (i, table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        for i, name in enumerate(columns)
    ]
    processors = [(i, process) for i, process in processors if process is not None]
    if not processors:
        return values
    values = [list(row) for row in values]
    for i, process in processors:
        for row in values:
            row[i] = process(row[i])
    return [tuple(row) for row in values]


def _driver_executemany(
    connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    columns = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    connection.exec_driver_sql(statement, _values(connection, table, columns, rows))


def _column_oids(connection: Connection, table: Table, columns: list[str]) -> list[int]:
    """The PostgreSQL type OIDs of ``columns``, as the catalogue has them (cached per process:
    a schema change is a migration, which a loading process never runs mid-load)."""
    key = (connection.engine.url.render_as_string(hide_password=True), table.name, *columns)
    cached = _OIDS.get(key)
    if cached is None:
        found = dict(
            connection.exec_driver_sql(
                "SELECT attname, atttypid::int FROM pg_attribute "
                "WHERE attrelid = %(table)s::regclass AND attnum > 0 AND NOT attisdropped",
                {"table": connection.dialect.identifier_preparer.quote(table.name)},
            ).all()
        )
        cached = _OIDS[key] = [found[name] for name in columns]
    return cached


_OIDS: dict[tuple[str, ...], list[int]] = {}


def _copy(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """``COPY … FROM STDIN (FORMAT BINARY)``: values go as PostgreSQL's binary form, so the
    server parses no text (integers, floats and dates were ~a third of its COPY time)."""
    columns = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    values = _values(connection, table, columns, rows)
    oids = _column_oids(connection, table, columns)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    text = statement.as_string(cursor)
    try:
        with cursor.copy(statement) as copy:
            copy.set_types(oids)
            for row in values:
                copy.write_row(row)
    except psycopg.Error as error:
        # Same exception classes as the executemany path (IntegrityError, OperationalError, …).
        raise DBAPIError.instance(text, None, error, psycopg.Error) from error
    finally:
        cursor.close()
