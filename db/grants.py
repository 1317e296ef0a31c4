"""Read-only access for BI tools on PostgreSQL: the contract's views and nothing else."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.migrate import upgrade
from db.views import grant_select
from odihr.errors import OdihrError


class GrantError(OdihrError):
    """The grant cannot be made (not PostgreSQL, unknown role)."""


def grant_readonly(database_url: str, role: str) -> None:
    """Let ``role`` connect and SELECT from the BI views, and revoke everything else it had here.

    The role must exist (create it with your usual tooling, with its own password). Identifiers
    are quoted by the server (``quote_ident``) so a role name cannot inject SQL.
    """
    if make_url(database_url).get_backend_name() not in ("postgresql", "postgres"):
        # Checked before migrating, so that a mistyped URL does not create a SQLite file.
        raise GrantError(
            "grant-readonly needs PostgreSQL; a SQLite file is protected by "
            "file permissions (open it read-only: ?mode=ro)"
        )
    engine = upgrade(database_url)
    with engine.begin() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).scalar()
        if not exists:
            raise GrantError(f"role {role!r} does not exist; create it first")
        quoted = connection.execute(text("SELECT quote_ident(:role)"), {"role": role}).scalar()
        database = connection.execute(text("SELECT quote_ident(current_database())")).scalar()
        schema = connection.execute(text("SELECT quote_ident(current_schema())")).scalar()
        for revoke in ("ALL TABLES IN SCHEMA", "ALL SEQUENCES IN SCHEMA", "SCHEMA"):
            connection.execute(text(f"REVOKE ALL ON {revoke} {schema} FROM {quoted}"))
        connection.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {quoted}"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {quoted}"))
        grant_select(connection, [quoted])
