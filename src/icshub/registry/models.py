"""Tables of the registry: who is who in an integrated care system, and where."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from icshub.db.base import Base


class SystemInfo(Base):
    """The integrated care system this installation serves, and the definition it was built from."""

    __tablename__ = "registry_system"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    ics_partnership_key: Mapped[str] = mapped_column(String(120))
    definition_version: Mapped[str] = mapped_column(String(40))
    definition_sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    document_pcns: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    datasets: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class NamedRecord:
    """Columns every named registry record has: a stable key, its names, a type, and where it came from."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(80))
    type: Mapped[str] = mapped_column(String(40), index=True)
    source: Mapped[str | None] = mapped_column(String(300))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)


class Organisation(NamedRecord, Base):
    __tablename__ = "registry_organisation"

    ods_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    gss_code: Mapped[str | None] = mapped_column(String(9))
    status: Mapped[str] = mapped_column(String(20), default="active")
    website: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(10))

    location: Mapped[PracticeLocation | None] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", uselist=False
    )


class PracticeLocation(Base):
    """Where a GP practice is (its postcode centroid) and the small areas that contain it."""

    __tablename__ = "registry_practice_location"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("registry_organisation.id", ondelete="CASCADE"), primary_key=True
    )
    postcode: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    lsoa11_code: Mapped[str | None] = mapped_column(String(9))
    lsoa21_code: Mapped[str | None] = mapped_column(String(9), index=True)
    geocode_is_current: Mapped[bool] = mapped_column(Boolean, default=True)

    organisation: Mapped[Organisation] = relationship(back_populates="location")


class Partnership(NamedRecord, Base):
    """A partnership or grouping: the ICS, the ICP, a place, a PCN, a collaborative, an alliance, a board."""

    __tablename__ = "registry_partnership"

    tier: Mapped[str | None] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("registry_partnership.id"), index=True)
    ods_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    open_date: Mapped[date | None] = mapped_column(Date)
    close_date: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    ccg19_codes: Mapped[list[str]] = mapped_column(JSON, default=list)

    parent: Mapped[Partnership | None] = relationship(remote_side="Partnership.id", back_populates="children")
    children: Mapped[list[Partnership]] = relationship(back_populates="parent")


class PartnershipMember(Base):
    """Membership of an organisation or another partnership in a partnership, over a period."""

    __tablename__ = "registry_partnership_member"
    __table_args__ = (
        CheckConstraint("(organisation_id IS NULL) <> (member_partnership_id IS NULL)", name="one_kind_of_member"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("registry_partnership.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("registry_organisation.id", ondelete="CASCADE"), index=True
    )
    member_partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("registry_partnership.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(80), default="member")
    note: Mapped[str | None] = mapped_column(String(300))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Person(Base):
    """A named person. Seats whose holder no document names stay empty: people are never invented."""

    __tablename__ = "registry_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(300))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("registry_organisation.id"))
    source: Mapped[str | None] = mapped_column(String(300))


class Committee(NamedRecord, Base):
    __tablename__ = "registry_committee"

    partnership_id: Mapped[int | None] = mapped_column(ForeignKey("registry_partnership.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("registry_committee.id"), index=True)
    reports_to_id: Mapped[int | None] = mapped_column(ForeignKey("registry_committee.id"))
    description: Mapped[str | None] = mapped_column(Text)

    seats: Mapped[list[Seat]] = relationship(
        back_populates="committee", order_by="Seat.position", cascade="all, delete-orphan"
    )


class Seat(Base):
    """A place on a committee, defined by role and appointing body; its holder may be unknown."""

    __tablename__ = "registry_seat"
    __table_args__ = (UniqueConstraint("committee_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("registry_committee.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(20))
    appointing_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("registry_organisation.id"))
    appointing_partnership_id: Mapped[int | None] = mapped_column(ForeignKey("registry_partnership.id"))
    count: Mapped[int] = mapped_column(Integer, default=1)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("registry_person.id"))
    leadership_team: Mapped[bool] = mapped_column(Boolean, default=False)
    chair_eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str | None] = mapped_column(String(300))

    committee: Mapped[Committee] = relationship(back_populates="seats")


class Area(Base):
    """A statistical or administrative area identified by its ONS GSS code.

    ``editions`` says which releases of the geography hold it: an LSOA unchanged between the 2011 and 2021
    censuses keeps its code and is in both.
    """

    __tablename__ = "registry_area"

    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20), index=True)
    editions: Mapped[list[str]] = mapped_column(JSON, default=list)
    nhs_code: Mapped[str | None] = mapped_column(String(6))


class AreaLink(Base):
    """A child-to-parent link in one named hierarchy, in force between two dates."""

    __tablename__ = "registry_area_link"
    __table_args__ = (UniqueConstraint("hierarchy", "child_code", "parent_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hierarchy: Mapped[str] = mapped_column(String(40), index=True)
    child_code: Mapped[str] = mapped_column(ForeignKey("registry_area.code"), index=True)
    parent_code: Mapped[str] = mapped_column(ForeignKey("registry_area.code"), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    detail: Mapped[str | None] = mapped_column(String(40))


class PlaceArea(Base):
    """A small area's membership of a place partnership, and the rule it came from."""

    __tablename__ = "registry_place_area"
    __table_args__ = (UniqueConstraint("area_code", "partnership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("registry_partnership.id", ondelete="CASCADE"), index=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("registry_area.code"), index=True)
    basis: Mapped[str] = mapped_column(String(80))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class AreaStatistic(Base):
    """A published figure for an area (population, deprivation), with the dataset it came from."""

    __tablename__ = "registry_area_statistic"
    __table_args__ = (UniqueConstraint("area_code", "measure", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("registry_area.code"), index=True)
    measure: Mapped[str] = mapped_column(String(80), index=True)
    period: Mapped[str] = mapped_column(String(20))
    value: Mapped[Decimal] = mapped_column(Numeric(18, 6))
    source: Mapped[str] = mapped_column(String(120))
