"""registry, accounts and audit

Revision ID: 0001
Revises:
Create Date: 2026-11-23 02:19:12.230193
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auth_login_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_login_attempt")),
    )
    with op.batch_alter_table("auth_login_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_login_attempt_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_auth_login_attempt_client"), ["client"], unique=False)
        batch_op.create_index(batch_op.f("ix_auth_login_attempt_username"), ["username"], unique=False)

    op.create_table(
        "registry_area",
        sa.Column("code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("editions", sa.JSON(), nullable=False),
        sa.Column("nhs_code", sa.String(length=6), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_registry_area")),
    )
    with op.batch_alter_table("registry_area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_area_type"), ["type"], unique=False)

    op.create_table(
        "registry_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=80), nullable=True),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("ods_code", sa.String(length=12), nullable=True),
        sa.Column("gss_code", sa.String(length=9), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_organisation")),
        sa.UniqueConstraint("key", name=op.f("uq_registry_organisation_key")),
        sa.UniqueConstraint("ods_code", name=op.f("uq_registry_organisation_ods_code")),
    )
    with op.batch_alter_table("registry_organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_organisation_type"), ["type"], unique=False)

    op.create_table(
        "registry_partnership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=80), nullable=True),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("ods_code", sa.String(length=12), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("open_date", sa.Date(), nullable=True),
        sa.Column("close_date", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("ccg19_codes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["registry_partnership.id"],
            name=op.f("fk_registry_partnership_parent_id_registry_partnership"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_partnership")),
        sa.UniqueConstraint("key", name=op.f("uq_registry_partnership_key")),
        sa.UniqueConstraint("ods_code", name=op.f("uq_registry_partnership_ods_code")),
    )
    with op.batch_alter_table("registry_partnership", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_partnership_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registry_partnership_type"), ["type"], unique=False)

    op.create_table(
        "registry_system",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("ics_partnership_key", sa.String(length=120), nullable=False),
        sa.Column("definition_version", sa.String(length=40), nullable=False),
        sa.Column("definition_sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("document_pcns", sa.JSON(), nullable=False),
        sa.Column("datasets", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_system")),
        sa.UniqueConstraint("key", name=op.f("uq_registry_system_key")),
    )
    op.create_table(
        "auth_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_auth_user_organisation_id_registry_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_user")),
        sa.UniqueConstraint("username", name=op.f("uq_auth_user_username")),
    )
    op.create_table(
        "registry_area_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hierarchy", sa.String(length=40), nullable=False),
        sa.Column("child_code", sa.String(length=9), nullable=False),
        sa.Column("parent_code", sa.String(length=9), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("detail", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_code"], ["registry_area.code"], name=op.f("fk_registry_area_link_child_code_registry_area")
        ),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["registry_area.code"], name=op.f("fk_registry_area_link_parent_code_registry_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_area_link")),
        sa.UniqueConstraint(
            "hierarchy",
            "child_code",
            "parent_code",
            name=op.f("uq_registry_area_link_hierarchy_child_code_parent_code"),
        ),
    )
    with op.batch_alter_table("registry_area_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_area_link_child_code"), ["child_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_registry_area_link_hierarchy"), ["hierarchy"], unique=False)
        batch_op.create_index(batch_op.f("ix_registry_area_link_parent_code"), ["parent_code"], unique=False)

    op.create_table(
        "registry_area_statistic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("measure", sa.String(length=80), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Numeric(precision=18, scale=6), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["registry_area.code"], name=op.f("fk_registry_area_statistic_area_code_registry_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_area_statistic")),
        sa.UniqueConstraint(
            "area_code", "measure", "period", name=op.f("uq_registry_area_statistic_area_code_measure_period")
        ),
    )
    with op.batch_alter_table("registry_area_statistic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_area_statistic_area_code"), ["area_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_registry_area_statistic_measure"), ["measure"], unique=False)

    op.create_table(
        "registry_committee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=80), nullable=True),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("reports_to_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["registry_committee.id"], name=op.f("fk_registry_committee_parent_id_registry_committee")
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_registry_committee_partnership_id_registry_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["reports_to_id"],
            ["registry_committee.id"],
            name=op.f("fk_registry_committee_reports_to_id_registry_committee"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_committee")),
        sa.UniqueConstraint("key", name=op.f("uq_registry_committee_key")),
    )
    with op.batch_alter_table("registry_committee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_committee_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registry_committee_partnership_id"), ["partnership_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registry_committee_type"), ["type"], unique=False)

    op.create_table(
        "registry_partnership_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("member_partnership_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "(organisation_id IS NULL) <> (member_partnership_id IS NULL)",
            name=op.f("ck_registry_partnership_member_one_kind_of_member"),
        ),
        sa.ForeignKeyConstraint(
            ["member_partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_registry_partnership_member_member_partnership_id_registry_partnership"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_registry_partnership_member_organisation_id_registry_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_registry_partnership_member_partnership_id_registry_partnership"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_partnership_member")),
    )
    with op.batch_alter_table("registry_partnership_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registry_partnership_member_member_partnership_id"), ["member_partnership_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_registry_partnership_member_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_registry_partnership_member_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "registry_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_registry_person_organisation_id_registry_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_person")),
        sa.UniqueConstraint("key", name=op.f("uq_registry_person_key")),
    )
    op.create_table(
        "registry_place_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("basis", sa.String(length=80), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["area_code"], ["registry_area.code"], name=op.f("fk_registry_place_area_area_code_registry_area")
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_registry_place_area_partnership_id_registry_partnership"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_place_area")),
        sa.UniqueConstraint(
            "area_code", "partnership_id", name=op.f("uq_registry_place_area_area_code_partnership_id")
        ),
    )
    with op.batch_alter_table("registry_place_area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_place_area_area_code"), ["area_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_registry_place_area_partnership_id"), ["partnership_id"], unique=False)

    op.create_table(
        "registry_practice_location",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("lsoa11_code", sa.String(length=9), nullable=True),
        sa.Column("lsoa21_code", sa.String(length=9), nullable=True),
        sa.Column("geocode_is_current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_registry_practice_location_organisation_id_registry_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_registry_practice_location")),
    )
    with op.batch_alter_table("registry_practice_location", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_practice_location_lsoa21_code"), ["lsoa21_code"], unique=False)

    op.create_table(
        "auth_audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("entity_type", sa.String(length=60), nullable=False),
        sa.Column("entity_key", sa.String(length=200), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["auth_user.id"], name=op.f("fk_auth_audit_event_actor_user_id_auth_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_audit_event")),
    )
    with op.batch_alter_table("auth_audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_audit_event_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_auth_audit_event_at"), ["at"], unique=False)

    op.create_table(
        "registry_seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("appointing_organisation_id", sa.Integer(), nullable=True),
        sa.Column("appointing_partnership_id", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("leadership_team", sa.Boolean(), nullable=False),
        sa.Column("chair_eligible", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["appointing_organisation_id"],
            ["registry_organisation.id"],
            name=op.f("fk_registry_seat_appointing_organisation_id_registry_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["appointing_partnership_id"],
            ["registry_partnership.id"],
            name=op.f("fk_registry_seat_appointing_partnership_id_registry_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["registry_committee.id"],
            name=op.f("fk_registry_seat_committee_id_registry_committee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["registry_person.id"], name=op.f("fk_registry_seat_person_id_registry_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_seat")),
        sa.UniqueConstraint("committee_id", "key", name=op.f("uq_registry_seat_committee_id_key")),
    )


def downgrade() -> None:
    op.drop_table("registry_seat")
    with op.batch_alter_table("auth_audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_audit_event_at"))
        batch_op.drop_index(batch_op.f("ix_auth_audit_event_action"))

    op.drop_table("auth_audit_event")
    with op.batch_alter_table("registry_practice_location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_practice_location_lsoa21_code"))

    op.drop_table("registry_practice_location")
    with op.batch_alter_table("registry_place_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_place_area_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_registry_place_area_area_code"))

    op.drop_table("registry_place_area")
    op.drop_table("registry_person")
    with op.batch_alter_table("registry_partnership_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_partnership_member_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_registry_partnership_member_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_registry_partnership_member_member_partnership_id"))

    op.drop_table("registry_partnership_member")
    with op.batch_alter_table("registry_committee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_committee_type"))
        batch_op.drop_index(batch_op.f("ix_registry_committee_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_registry_committee_parent_id"))

    op.drop_table("registry_committee")
    with op.batch_alter_table("registry_area_statistic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_area_statistic_measure"))
        batch_op.drop_index(batch_op.f("ix_registry_area_statistic_area_code"))

    op.drop_table("registry_area_statistic")
    with op.batch_alter_table("registry_area_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_area_link_parent_code"))
        batch_op.drop_index(batch_op.f("ix_registry_area_link_hierarchy"))
        batch_op.drop_index(batch_op.f("ix_registry_area_link_child_code"))

    op.drop_table("registry_area_link")
    op.drop_table("auth_user")
    op.drop_table("registry_system")
    with op.batch_alter_table("registry_partnership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_partnership_type"))
        batch_op.drop_index(batch_op.f("ix_registry_partnership_parent_id"))

    op.drop_table("registry_partnership")
    with op.batch_alter_table("registry_organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_organisation_type"))

    op.drop_table("registry_organisation")
    with op.batch_alter_table("registry_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_area_type"))

    op.drop_table("registry_area")
    with op.batch_alter_table("auth_login_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_login_attempt_username"))
        batch_op.drop_index(batch_op.f("ix_auth_login_attempt_client"))
        batch_op.drop_index(batch_op.f("ix_auth_login_attempt_at"))

    op.drop_table("auth_login_attempt")
