"""per-part statuses, bi_elections and the BI view extensions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 05:00:00

- ``report_part``: one row per part of a report version (metadata, each contest, observers,
  recommendations) with its status (loaded, quarantined, absent), reason and row count.
- New columns, each after the table's existing ones: ``document_version.text_source`` (``pdf``),
  ``result.extra_figures`` (JSON text), ``observer.country_code`` and
  ``observer.delegation_kind`` (``other``), ``recommendation.numbered`` (true). Existing rows
  take the defaults: a reparse fills the new facts.
- Every view is recreated with its new columns after the existing ones; ``bi_report_parts`` and
  ``bi_elections`` are new. ``report_document.status`` gains ``partial`` (no schema change: the
  column is free text).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel.sql.sqltypes.AutoString
from alembic import op

from db.migrations.snapshots import VIEWS_0001, VIEWS_0002

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Every view either revision created, dropped before the tables under them change.
_VIEW_NAMES = (
    "bi_elections",
    "bi_report_parts",
    "bi_recommendations",
    "bi_observers",
    "bi_turnout",
    "bi_results",
    "bi_reports",
)


def _drop_views() -> None:
    for name in _VIEW_NAMES:
        op.execute(f"DROP VIEW IF EXISTS {name}")


def upgrade() -> None:
    _drop_views()
    op.create_table(
        "report_part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("part", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("parser_version", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["run.id"], name=op.f("fk_report_part_run_id_run")),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["document_version.id"],
            name=op.f("fk_report_part_version_id_document_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_part")),
        sa.UniqueConstraint("version_id", "part", name=op.f("uq_report_part_version_id")),
    )
    with op.batch_alter_table("report_part", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_part_version_id"), ["version_id"], unique=False
        )
    with op.batch_alter_table("document_version", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "text_source", sa.String(), nullable=False, server_default=sa.text("'pdf'")
            )
        )
    with op.batch_alter_table("result", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("extra_figures", sa.Text(), nullable=True))
    with op.batch_alter_table("observer", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("country_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "delegation_kind", sa.String(), nullable=False, server_default=sa.text("'other'")
            )
        )
    with op.batch_alter_table("recommendation", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("numbered", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    for sql in VIEWS_0002:
        op.execute(sql)


def downgrade() -> None:
    # SQLite (3.35+) drops a plain column in place: a batch table copy would trip over the
    # foreign keys that point at document_version.
    _drop_views()
    with op.batch_alter_table("recommendation", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("numbered")
    with op.batch_alter_table("observer", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("delegation_kind")
        batch_op.drop_column("country_code")
    with op.batch_alter_table("result", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("extra_figures")
    with op.batch_alter_table("document_version", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("text_source")
    with op.batch_alter_table("report_part", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_part_version_id"))
    op.drop_table("report_part")
    for sql in VIEWS_0001:
        op.execute(sql)
