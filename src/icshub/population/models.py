"""Tables of the population domain in the operational database: saved cohort definitions and their
versions. Definitions only: person-level rows never come here (they stay in the analytics store).

A cohort is named by its definition's key; each save of a changed definition adds a version, and a
version is never changed afterwards, so a figure can always say exactly which definition made it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from icshub.db.base import Base


class SavedCohort(Base):
    __tablename__ = "population_cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(120))
    versions: Mapped[list[CohortVersion]] = relationship(
        back_populates="cohort", order_by="CohortVersion.number", cascade="all, delete-orphan"
    )

    @property
    def latest(self) -> CohortVersion:
        return self.versions[-1]


class CohortVersion(Base):
    __tablename__ = "population_cohort_version"
    __table_args__ = (UniqueConstraint("cohort_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("population_cohort.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_text: Mapped[str] = mapped_column(Text)
    definition_sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(500))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    saved_by: Mapped[str] = mapped_column(String(120))
    cohort: Mapped[SavedCohort] = relationship(back_populates="versions")
