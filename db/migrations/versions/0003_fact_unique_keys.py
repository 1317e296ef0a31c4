"""unique keys on fact tables: a version's facts can be loaded once only

Revision ID: 0003
Revises: 0002

Two concurrent loads of one document version each delete the version's facts and insert them
again; without a unique key both inserts commit (6 duplicated contestants in one probe). These
keys are unique by construction of ``db.facts.fact_rows`` — a contest's ``position`` is its order
in the report, an observer's ``position`` its order in the list — so a second load of the same
version in parallel fails on them (the whole load transaction with it) and can never add a copy.
Existing duplicates (left by the bug) are removed first, keeping the oldest row.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table -> columns of its unique key.
KEYS = {
    "contest": ("version_id", "position"),
    "observer": ("version_id", "position"),
}


def upgrade() -> None:
    for table, columns in KEYS.items():
        cols = ", ".join(columns)
        op.execute(
            f"DELETE FROM {table} WHERE id NOT IN "
            f"(SELECT min(id) FROM {table} GROUP BY {cols})"
        )
        op.create_index(f"uq_{table}_{'_'.join(columns)}", table, list(columns), unique=True)


def downgrade() -> None:
    for table, columns in KEYS.items():
        op.drop_index(f"uq_{table}_{'_'.join(columns)}", table_name=table)
