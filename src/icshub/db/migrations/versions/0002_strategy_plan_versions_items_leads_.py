"""strategy: plan versions, items, leads, progress; user affiliations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 02:27:51.344091
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "strategy_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("owner_partnership_id", sa.Integer(), nullable=True),
        sa.Column("vision", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("definition_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["based_on_id"], ["strategy_plan.id"], name=op.f("fk_strategy_plan_based_on_id_strategy_plan")
        ),
        sa.ForeignKeyConstraint(
            ["owner_partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_strategy_plan_owner_partnership_id_registry_partnership"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_plan")),
        sa.UniqueConstraint("version", name=op.f("uq_strategy_plan_version")),
    )
    op.create_table(
        "auth_user_affiliation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.Column("committee_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["registry_committee.id"],
            name=op.f("fk_auth_user_affiliation_committee_id_registry_committee"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_auth_user_affiliation_organisation_id_registry_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_auth_user_affiliation_partnership_id_registry_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["auth_user.id"], name=op.f("fk_auth_user_affiliation_user_id_auth_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_user_affiliation")),
    )
    with op.batch_alter_table("auth_user_affiliation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_user_affiliation_user_id"), ["user_id"], unique=False)

    op.create_table(
        "strategy_local_priority",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(length=20), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("outcome_numbers", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_strategy_local_priority_organisation_id_registry_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_strategy_local_priority_partnership_id_registry_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["strategy_plan.id"],
            name=op.f("fk_strategy_local_priority_plan_id_strategy_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_local_priority")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_strategy_local_priority_plan_id_key")),
    )
    with op.batch_alter_table("strategy_local_priority", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_local_priority_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "strategy_outcome",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("statement", sa.Text(), nullable=True),
        sa.Column("what_we_need_to_achieve", sa.JSON(), nullable=False),
        sa.Column("what_we_heard", sa.JSON(), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=True),
        sa.Column("i_statements", sa.JSON(), nullable=False),
        sa.Column("indicators_text", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["strategy_plan.id"],
            name=op.f("fk_strategy_outcome_plan_id_strategy_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_outcome")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_strategy_outcome_plan_id_key")),
    )
    with op.batch_alter_table("strategy_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_outcome_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "strategy_progress_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_type", sa.String(length=20), nullable=False),
        sa.Column("item_key", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rag", sa.String(length=10), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["strategy_plan.id"], name=op.f("fk_strategy_progress_update_plan_id_strategy_plan")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["auth_user.id"],
            name=op.f("fk_strategy_progress_update_recorded_by_user_id_auth_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_progress_update")),
    )
    with op.batch_alter_table("strategy_progress_update", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_progress_update_item_key"), ["item_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_progress_update_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "strategy_delivery_example",
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("place_partnership_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["strategy_outcome.id"],
            name=op.f("fk_strategy_delivery_example_outcome_id_strategy_outcome"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_strategy_delivery_example_place_partnership_id_registry_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["strategy_plan.id"],
            name=op.f("fk_strategy_delivery_example_plan_id_strategy_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_delivery_example")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_strategy_delivery_example_plan_id_key")),
    )
    with op.batch_alter_table("strategy_delivery_example", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_delivery_example_outcome_id"), ["outcome_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_delivery_example_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "strategy_priority",
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["strategy_outcome.id"],
            name=op.f("fk_strategy_priority_outcome_id_strategy_outcome"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["strategy_plan.id"],
            name=op.f("fk_strategy_priority_plan_id_strategy_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_priority")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_strategy_priority_plan_id_key")),
    )
    with op.batch_alter_table("strategy_priority", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_priority_outcome_id"), ["outcome_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_priority_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "strategy_commitment",
        sa.Column("priority_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("strategies", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["strategy_plan.id"],
            name=op.f("fk_strategy_commitment_plan_id_strategy_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["priority_id"],
            ["strategy_priority.id"],
            name=op.f("fk_strategy_commitment_priority_id_strategy_priority"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_commitment")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_strategy_commitment_plan_id_key")),
    )
    with op.batch_alter_table("strategy_commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_commitment_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_commitment_priority_id"), ["priority_id"], unique=False)

    op.create_table(
        "strategy_milestone",
        sa.Column("example_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due", sa.String(length=20), nullable=True),
        sa.Column("due_end", sa.Date(), nullable=True),
        sa.Column("due_text", sa.String(length=120), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["example_id"],
            ["strategy_delivery_example.id"],
            name=op.f("fk_strategy_milestone_example_id_strategy_delivery_example"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["strategy_plan.id"],
            name=op.f("fk_strategy_milestone_plan_id_strategy_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_milestone")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_strategy_milestone_plan_id_key")),
    )
    with op.batch_alter_table("strategy_milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_milestone_due_end"), ["due_end"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_milestone_example_id"), ["example_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_milestone_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "strategy_lead",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("example_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.Column("committee_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["strategy_commitment.id"],
            name=op.f("fk_strategy_lead_commitment_id_strategy_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"], ["registry_committee.id"], name=op.f("fk_strategy_lead_committee_id_registry_committee")
        ),
        sa.ForeignKeyConstraint(
            ["example_id"],
            ["strategy_delivery_example.id"],
            name=op.f("fk_strategy_lead_example_id_strategy_delivery_example"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_strategy_lead_organisation_id_registry_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_strategy_lead_partnership_id_registry_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["strategy_plan.id"], name=op.f("fk_strategy_lead_plan_id_strategy_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_lead")),
    )
    with op.batch_alter_table("strategy_lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strategy_lead_commitment_id"), ["commitment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_lead_committee_id"), ["committee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_lead_example_id"), ["example_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_lead_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_lead_partnership_id"), ["partnership_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_strategy_lead_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("strategy_lead", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_lead_plan_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_lead_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_lead_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_lead_example_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_lead_committee_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_lead_commitment_id"))

    op.drop_table("strategy_lead")
    with op.batch_alter_table("strategy_milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_milestone_plan_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_milestone_example_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_milestone_due_end"))

    op.drop_table("strategy_milestone")
    with op.batch_alter_table("strategy_commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_commitment_priority_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_commitment_plan_id"))

    op.drop_table("strategy_commitment")
    with op.batch_alter_table("strategy_priority", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_priority_plan_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_priority_outcome_id"))

    op.drop_table("strategy_priority")
    with op.batch_alter_table("strategy_delivery_example", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_delivery_example_plan_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_delivery_example_outcome_id"))

    op.drop_table("strategy_delivery_example")
    with op.batch_alter_table("strategy_progress_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_progress_update_plan_id"))
        batch_op.drop_index(batch_op.f("ix_strategy_progress_update_item_key"))

    op.drop_table("strategy_progress_update")
    with op.batch_alter_table("strategy_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_outcome_plan_id"))

    op.drop_table("strategy_outcome")
    with op.batch_alter_table("strategy_local_priority", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_local_priority_plan_id"))

    op.drop_table("strategy_local_priority")
    with op.batch_alter_table("auth_user_affiliation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_user_affiliation_user_id"))

    op.drop_table("auth_user_affiliation")
    op.drop_table("strategy_plan")
