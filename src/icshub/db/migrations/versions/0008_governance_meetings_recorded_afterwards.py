"""governance meetings recorded afterwards, with the reason

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 10:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("governance_meeting") as batch:
        batch.add_column(sa.Column("recorded_afterwards_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("governance_meeting") as batch:
        batch.drop_column("recorded_afterwards_reason")
