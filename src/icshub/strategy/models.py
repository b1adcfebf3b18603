"""Tables of the strategy domain: plan versions and their items, leads, local priorities, progress updates.

Items are identified by key within a plan version; progress updates refer to items by type and key, so
that a new version of the plan keeps the history of the items it carries over.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from icshub.db.base import Base


class Plan(Base):
    """One version of the Shared Delivery Plan."""

    __tablename__ = "strategy_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    owner_partnership_id: Mapped[int | None] = mapped_column(ForeignKey("registry_partnership.id"))
    vision: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20))
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("strategy_plan.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    definition_sha256: Mapped[str | None] = mapped_column(String(64))


class _PlanItem:
    """Columns every item of a plan has: its version, its key within it, its order and its source."""

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategy_plan.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str | None] = mapped_column(String(300))


class Outcome(_PlanItem, Base):
    __tablename__ = "strategy_outcome"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    statement: Mapped[str | None] = mapped_column(Text)
    what_we_need_to_achieve: Mapped[list[str]] = mapped_column(JSON, default=list)
    what_we_heard: Mapped[list[str]] = mapped_column(JSON, default=list)
    narrative: Mapped[str | None] = mapped_column(Text)
    i_statements: Mapped[list[str]] = mapped_column(JSON, default=list)
    indicators_text: Mapped[list[str]] = mapped_column(JSON, default=list)


class Priority(_PlanItem, Base):
    __tablename__ = "strategy_priority"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    outcome_id: Mapped[int] = mapped_column(ForeignKey("strategy_outcome.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)


class Commitment(_PlanItem, Base):
    __tablename__ = "strategy_commitment"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    priority_id: Mapped[int] = mapped_column(ForeignKey("strategy_priority.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    strategies: Mapped[list[str]] = mapped_column(JSON, default=list)


class DeliveryExample(_PlanItem, Base):
    __tablename__ = "strategy_delivery_example"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    outcome_id: Mapped[int] = mapped_column(ForeignKey("strategy_outcome.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    place_partnership_id: Mapped[int | None] = mapped_column(ForeignKey("registry_partnership.id"))


class Milestone(_PlanItem, Base):
    """A dated step of a delivery example; ``due`` keeps the precision the plan gives (see ``due.py``)."""

    __tablename__ = "strategy_milestone"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    example_id: Mapped[int] = mapped_column(ForeignKey("strategy_delivery_example.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due: Mapped[str | None] = mapped_column(String(20))
    due_end: Mapped[date | None] = mapped_column(Date, index=True)
    due_text: Mapped[str | None] = mapped_column(String(120))


class Lead(Base):
    """A body of the registry that leads a commitment or a delivery example."""

    __tablename__ = "strategy_lead"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategy_plan.id", ondelete="CASCADE"), index=True)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("strategy_commitment.id", ondelete="CASCADE"), index=True
    )
    example_id: Mapped[int | None] = mapped_column(
        ForeignKey("strategy_delivery_example.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("registry_organisation.id"), index=True)
    partnership_id: Mapped[int | None] = mapped_column(ForeignKey("registry_partnership.id"), index=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("registry_committee.id"), index=True)
    note: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)


class LocalPriority(_PlanItem, Base):
    """A place's, a district's or the local councils' (KALC) priority, mapped to shared outcome numbers."""

    __tablename__ = "strategy_local_priority"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    scope: Mapped[str] = mapped_column(String(20))
    partnership_id: Mapped[int | None] = mapped_column(ForeignKey("registry_partnership.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("registry_organisation.id"))
    period: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    outcome_numbers: Mapped[list[int]] = mapped_column(JSON, default=list)


class ProgressUpdate(Base):
    """A progress update on a commitment or milestone. Appended, never changed: the latest is current."""

    __tablename__ = "strategy_progress_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategy_plan.id"), index=True)
    item_type: Mapped[str] = mapped_column(String(20))
    item_key: Mapped[str] = mapped_column(String(120), index=True)
    status: Mapped[str] = mapped_column(String(20))
    rag: Mapped[str | None] = mapped_column(String(10))
    narrative: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)
    as_of: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("auth_user.id"))
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str | None] = mapped_column(String(80))


def plan_item_models() -> tuple[type[Any], ...]:
    return (Outcome, Priority, Commitment, DeliveryExample, Milestone, LocalPriority)
