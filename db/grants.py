"""Read-only access for BI tools on PostgreSQL: the contract's views and nothing else."""

from __future__ import annotations

from sqlalchemy import text

from db.migrate import upgrade
from db.views import VIEWS
from odihr.errors import OdihrError


class GrantError(OdihrError):
    """The grant cannot be made (not PostgreSQL, unknown role)."""


def grant_readonly(database_url: str, role: str) -> None:
    """Let ``role`` connect and SELECT from the BI views, and revoke everything else it had here.

    The role must exist (create it with your usual tooling, with its own password). Identifiers
    are quoted by the server (``quote_ident``) so a role name cannot inject SQL.
    """
    engine = upgrade(database_url)
    if engine.dialect.name != "postgresql":
        raise GrantError(
            "grant-readonly needs PostgreSQL; a SQLite file is protected by "
            "file permissions (open it read-only: ?mode=ro)"
        )
    with engine.begin() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).scalar()
        if not exists:
            raise GrantError(f"role {role!r} does not exist; create it first")
        quoted = connection.execute(text("SELECT quote_ident(:role)"), {"role": role}).scalar()
        database = connection.execute(text("SELECT quote_ident(current_database())")).scalar()
        schema = connection.execute(text("SELECT quote_ident(current_schema())")).scalar()
        connection.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {quoted}"))
        connection.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {quoted}"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {quoted}"))
        for view in VIEWS:
            connection.execute(text(f"GRANT SELECT ON {schema}.{view} TO {quoted}"))
