"""indicators: logframe and indicator definitions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 03:12:35.350479
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicators_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("plan_version", sa.String(length=40), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("assumptions", sa.JSON(), nullable=False),
        sa.Column("risks", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("definition_sha256", sa.String(length=64), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators_set")),
        sa.UniqueConstraint("version", name=op.f("uq_indicators_set_version")),
    )
    op.create_table(
        "indicators_indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("outcome_key", sa.String(length=120), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=True),
        sa.Column("multiplier", sa.Float(), nullable=True),
        sa.Column("polarity", sa.String(length=20), nullable=True),
        sa.Column("area_code", sa.String(length=9), nullable=True),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("baseline_period", sa.String(length=20), nullable=True),
        sa.Column("baseline_text", sa.Text(), nullable=True),
        sa.Column("target_kind", sa.String(length=40), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_period", sa.String(length=20), nullable=True),
        sa.Column("target_reference_period", sa.String(length=20), nullable=True),
        sa.Column("target_text", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["area_code"], ["registry_area.code"], name=op.f("fk_indicators_indicator_area_code_registry_area")
        ),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["indicators_set.id"],
            name=op.f("fk_indicators_indicator_set_id_indicators_set"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators_indicator")),
        sa.UniqueConstraint("set_id", "key", name=op.f("uq_indicators_indicator_set_id_key")),
    )
    with op.batch_alter_table("indicators_indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_indicator_outcome_key"), ["outcome_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_indicator_set_id"), ["set_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicators_indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_indicator_set_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_indicator_outcome_key"))

    op.drop_table("indicators_indicator")
    op.drop_table("indicators_set")
