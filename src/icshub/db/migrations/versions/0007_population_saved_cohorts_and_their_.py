"""population saved cohorts and their versions

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 05:38:30.485700
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "population_cohort",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_population_cohort")),
        sa.UniqueConstraint("key", name=op.f("uq_population_cohort_key")),
    )
    op.create_table(
        "population_cohort_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("definition_sha256", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["population_cohort.id"],
            name=op.f("fk_population_cohort_version_cohort_id_population_cohort"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_population_cohort_version")),
        sa.UniqueConstraint("cohort_id", "number", name=op.f("uq_population_cohort_version_cohort_id_number")),
    )
    with op.batch_alter_table("population_cohort_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_population_cohort_version_cohort_id"), ["cohort_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("population_cohort_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_population_cohort_version_cohort_id"))

    op.drop_table("population_cohort_version")
    op.drop_table("population_cohort")
