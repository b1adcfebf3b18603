"""governance meetings, agendas, attendance, decisions and registers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 05:37:48.617926
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "governance_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("urgent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("urgent_reason", sa.Text(), nullable=True),
        sa.Column("notice_issued_on", sa.Date(), nullable=True),
        sa.Column("chair_allows_remote", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("cancelled_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["registry_committee.id"],
            name=op.f("fk_governance_meeting_committee_id_registry_committee"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_meeting")),
    )
    with op.batch_alter_table("governance_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_meeting_committee_id"), ["committee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_governance_meeting_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "governance_registered_interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("member_name", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("interest", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["registry_committee.id"],
            name=op.f("fk_governance_registered_interest_committee_id_registry_committee"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["registry_person.id"],
            name=op.f("fk_governance_registered_interest_person_id_registry_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_registered_interest")),
    )
    with op.batch_alter_table("governance_registered_interest", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_registered_interest_committee_id"), ["committee_id"], unique=False
        )

    op.create_table(
        "governance_agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("private_reason", sa.String(length=120), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("decision_sought", sa.Text(), nullable=True),
        sa.Column("public_summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_agenda_item_meeting_id_governance_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_agenda_item")),
    )
    with op.batch_alter_table("governance_agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "governance_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("seat_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("member_name", sa.String(length=200), nullable=False),
        sa.Column("presence", sa.String(length=20), nullable=False),
        sa.Column("deputy_for", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_attendance_meeting_id_governance_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["registry_person.id"], name=op.f("fk_governance_attendance_person_id_registry_person")
        ),
        sa.ForeignKeyConstraint(
            ["seat_id"], ["registry_seat.id"], name=op.f("fk_governance_attendance_seat_id_registry_seat")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_attendance")),
        sa.UniqueConstraint("meeting_id", "member_name", name=op.f("uq_governance_attendance_meeting_id_member_name")),
    )
    with op.batch_alter_table("governance_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_attendance_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "governance_dispute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("raised_by", sa.String(length=200), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("handled_by", sa.String(length=20), nullable=True),
        sa.Column("referred_to_meeting_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["registry_committee.id"],
            name=op.f("fk_governance_dispute_committee_id_registry_committee"),
        ),
        sa.ForeignKeyConstraint(
            ["referred_to_meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_dispute_referred_to_meeting_id_governance_meeting"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_dispute")),
    )
    with op.batch_alter_table("governance_dispute", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_dispute_committee_id"), ["committee_id"], unique=False)

    op.create_table(
        "governance_minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("private_text", sa.Text(), nullable=True),
        sa.Column("approved_at_meeting_id", sa.Integer(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_at_meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_minutes_approved_at_meeting_id_governance_meeting"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_minutes_meeting_id_governance_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_minutes")),
    )
    with op.batch_alter_table("governance_minutes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_minutes_meeting_id"), ["meeting_id"], unique=True)

    op.create_table(
        "governance_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closing_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["governance_agenda_item.id"],
            name=op.f("fk_governance_action_item_id_governance_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_action_meeting_id_governance_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_action")),
    )
    with op.batch_alter_table("governance_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_action_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "governance_agenda_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_name", sa.String(length=200), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("urgent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("in_time", sa.Boolean(), nullable=False),
        sa.Column("deadline_check", sa.Text(), nullable=False),
        sa.Column("chair_decision", sa.String(length=20), nullable=True),
        sa.Column("chair_reason", sa.Text(), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["governance_agenda_item.id"],
            name=op.f("fk_governance_agenda_request_agenda_item_id_governance_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_agenda_request_meeting_id_governance_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_agenda_request")),
    )
    with op.batch_alter_table("governance_agenda_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_agenda_request_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "governance_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("abstentions", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("public_summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["governance_agenda_item.id"],
            name=op.f("fk_governance_decision_item_id_governance_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_decision")),
    )
    with op.batch_alter_table("governance_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_decision_item_id"), ["item_id"], unique=True)

    op.create_table(
        "governance_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("attendance_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("interest", sa.Text(), nullable=False),
        sa.Column("withdraws", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendance_id"],
            ["governance_attendance.id"],
            name=op.f("fk_governance_declaration_attendance_id_governance_attendance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["governance_agenda_item.id"],
            name=op.f("fk_governance_declaration_item_id_governance_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_declaration_meeting_id_governance_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_declaration")),
    )
    with op.batch_alter_table("governance_declaration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_declaration_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "governance_paper",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["governance_agenda_item.id"],
            name=op.f("fk_governance_paper_item_id_governance_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_paper")),
    )
    with op.batch_alter_table("governance_paper", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_paper_item_id"), ["item_id"], unique=False)

    op.create_table(
        "governance_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("attendance_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendance_id"],
            ["governance_attendance.id"],
            name=op.f("fk_governance_vote_attendance_id_governance_attendance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["governance_agenda_item.id"],
            name=op.f("fk_governance_vote_item_id_governance_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_vote")),
        sa.UniqueConstraint("item_id", "attendance_id", name=op.f("uq_governance_vote_item_id_attendance_id")),
    )
    with op.batch_alter_table("governance_vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_vote_item_id"), ["item_id"], unique=False)

    op.create_table(
        "governance_matter_arising",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["governance_action.id"],
            name=op.f("fk_governance_matter_arising_action_id_governance_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meeting.id"],
            name=op.f("fk_governance_matter_arising_meeting_id_governance_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_matter_arising")),
        sa.UniqueConstraint("meeting_id", "action_id", name=op.f("uq_governance_matter_arising_meeting_id_action_id")),
    )
    with op.batch_alter_table("governance_matter_arising", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_matter_arising_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_governance_matter_arising_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("governance_matter_arising", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_matter_arising_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_governance_matter_arising_action_id"))

    op.drop_table("governance_matter_arising")
    with op.batch_alter_table("governance_vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_vote_item_id"))

    op.drop_table("governance_vote")
    with op.batch_alter_table("governance_paper", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_paper_item_id"))

    op.drop_table("governance_paper")
    with op.batch_alter_table("governance_declaration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_declaration_meeting_id"))

    op.drop_table("governance_declaration")
    with op.batch_alter_table("governance_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_decision_item_id"))

    op.drop_table("governance_decision")
    with op.batch_alter_table("governance_agenda_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_agenda_request_meeting_id"))

    op.drop_table("governance_agenda_request")
    with op.batch_alter_table("governance_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_action_meeting_id"))

    op.drop_table("governance_action")
    with op.batch_alter_table("governance_minutes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_minutes_meeting_id"))

    op.drop_table("governance_minutes")
    with op.batch_alter_table("governance_dispute", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_dispute_committee_id"))

    op.drop_table("governance_dispute")
    with op.batch_alter_table("governance_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_attendance_meeting_id"))

    op.drop_table("governance_attendance")
    with op.batch_alter_table("governance_agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_agenda_item_meeting_id"))

    op.drop_table("governance_agenda_item")
    with op.batch_alter_table("governance_registered_interest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_registered_interest_committee_id"))

    op.drop_table("governance_registered_interest")
    with op.batch_alter_table("governance_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_meeting_starts_at"))
        batch_op.drop_index(batch_op.f("ix_governance_meeting_committee_id"))

    op.drop_table("governance_meeting")
