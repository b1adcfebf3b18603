"""Tables of the indicators domain: the logframe of a plan version and its indicator definitions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from icshub.db.base import Base


class IndicatorSet(Base):
    """The indicators of one plan version, with the logframe they belong to."""

    __tablename__ = "indicators_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    plan_version: Mapped[str] = mapped_column(String(40))
    goal: Mapped[str] = mapped_column(Text)
    assumptions: Mapped[list[str]] = mapped_column(JSON, default=list)
    risks: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(String(300))
    definition_sha256: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Indicator(Base):
    __tablename__ = "indicators_indicator"
    __table_args__ = (UniqueConstraint("set_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("indicators_set.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    outcome_key: Mapped[str] = mapped_column(String(120), index=True)
    statement: Mapped[str] = mapped_column(Text)
    measure: Mapped[str | None] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(40))
    multiplier: Mapped[float | None] = mapped_column(Float)
    polarity: Mapped[str | None] = mapped_column(String(20))
    area_code: Mapped[str | None] = mapped_column(ForeignKey("registry_area.code"))
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_period: Mapped[str | None] = mapped_column(String(20))
    baseline_period_assumed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    baseline_text: Mapped[str | None] = mapped_column(Text)
    target_kind: Mapped[str | None] = mapped_column(String(40))
    target_value: Mapped[float | None] = mapped_column(Float)
    target_period: Mapped[str | None] = mapped_column(String(20))
    target_reference_period: Mapped[str | None] = mapped_column(String(20))
    target_text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(300))


class DataImport(Base):
    """One file of indicator values as imported: where it came from, its fingerprint, who and when."""

    __tablename__ = "indicators_data_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    layout: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(300))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    imported_by: Mapped[str] = mapped_column(String(80))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IndicatorValue(Base):
    """A figure of an indicator for an area, a period and a breakdown, with the import it came from."""

    __tablename__ = "indicators_value"
    __table_args__ = (
        UniqueConstraint("indicator_key", "area_code", "period", "sex", "age", "category_type", "category"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_key: Mapped[str] = mapped_column(String(120), index=True)
    # An ONS GSS code, or the key of a place partnership (places have no ONS code).
    area_code: Mapped[str] = mapped_column(String(120), index=True)
    area_name: Mapped[str | None] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(20))
    period_order: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(20), default="Persons")
    age: Mapped[str] = mapped_column(String(40), default="All ages")
    category_type: Mapped[str] = mapped_column(String(80), default="")
    category: Mapped[str] = mapped_column(String(120), default="")
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    lower_95: Mapped[float | None] = mapped_column(Float)
    upper_95: Mapped[float | None] = mapped_column(Float)
    lower_99_8: Mapped[float | None] = mapped_column(Float)
    upper_99_8: Mapped[float | None] = mapped_column(Float)
    value_note: Mapped[str | None] = mapped_column(String(300))
    import_id: Mapped[int] = mapped_column(ForeignKey("indicators_data_import.id"), index=True)
