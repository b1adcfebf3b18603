"""indicators: values and their imports

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 03:16:06.974374
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicators_data_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layout", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.String(length=80), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators_data_import")),
    )
    op.create_table(
        "indicators_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_key", sa.String(length=120), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("area_name", sa.String(length=200), nullable=True),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("period_order", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=20), nullable=False),
        sa.Column("age", sa.String(length=40), nullable=False),
        sa.Column("category_type", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=120), nullable=False),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("lower_95", sa.Float(), nullable=True),
        sa.Column("upper_95", sa.Float(), nullable=True),
        sa.Column("lower_99_8", sa.Float(), nullable=True),
        sa.Column("upper_99_8", sa.Float(), nullable=True),
        sa.Column("value_note", sa.String(length=300), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["indicators_data_import.id"],
            name=op.f("fk_indicators_value_import_id_indicators_data_import"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators_value")),
        sa.UniqueConstraint(
            "indicator_key",
            "area_code",
            "period",
            "sex",
            "age",
            "category_type",
            "category",
            name=op.f("uq_indicators_value_indicator_key_area_code_period_sex_age_category_type_category"),
        ),
    )
    with op.batch_alter_table("indicators_value", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_value_area_code"), ["area_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_value_import_id"), ["import_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_value_indicator_key"), ["indicator_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicators_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_value_indicator_key"))
        batch_op.drop_index(batch_op.f("ix_indicators_value_import_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_value_area_code"))

    op.drop_table("indicators_value")
    op.drop_table("indicators_data_import")
