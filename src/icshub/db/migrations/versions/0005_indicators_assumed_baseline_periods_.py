"""indicators: assumed baseline periods, synthetic imports, place figures

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 03:42:12.244781
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators_data_import", schema=None) as batch_op:
        batch_op.add_column(sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table("indicators_indicator", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("baseline_period_assumed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("indicators_value", schema=None) as batch_op:
        batch_op.alter_column(
            "area_code", existing_type=sa.VARCHAR(length=9), type_=sa.String(length=120), existing_nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table("indicators_value", schema=None) as batch_op:
        batch_op.alter_column(
            "area_code", existing_type=sa.String(length=120), type_=sa.VARCHAR(length=9), existing_nullable=False
        )

    with op.batch_alter_table("indicators_indicator", schema=None) as batch_op:
        batch_op.drop_column("baseline_period_assumed")

    with op.batch_alter_table("indicators_data_import", schema=None) as batch_op:
        batch_op.drop_column("synthetic")
