"""Tables of committee business: meetings, agendas and papers, attendance, interests, votes, decisions,
actions, minutes, disputes and the register of interests.

A member is recorded by name, in a seat of the registry's committee (and, where the registry names them, as a
person of the registry): the registry never invents the holders of seats, so the secretariat writes who came.
Times are stored in UTC; ``icshub.governance.services.meetings`` reads and writes them as Europe/London wall-clock time.
Part 2 content (titles, papers, decision texts, private minutes) lives in the same rows as the rest: what the
public may see is decided by the query functions in ``icshub.governance.publication``, never by copying.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from icshub.db.base import Base


class Meeting(Base):
    """A meeting of a registry committee, from scheduling to notice, to being held or cancelled."""

    __tablename__ = "governance_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("registry_committee.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    venue: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20))
    urgent: Mapped[bool] = mapped_column(Boolean, server_default=sa.false())
    urgent_reason: Mapped[str | None] = mapped_column(Text)
    notice_issued_on: Mapped[date | None] = mapped_column(Date)
    chair_allows_remote: Mapped[bool] = mapped_column(Boolean, server_default=sa.false())
    cancelled_reason: Mapped[str | None] = mapped_column(Text)
    # Why a meeting on a day already past was recorded afterwards (``chronology.reason_for_past_day``).
    recorded_afterwards_reason: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", order_by="Attendance.id", cascade="all, delete-orphan"
    )


class AgendaItem(Base):
    """An item of business: Part 1, or Part 2 with the §7.1 reason it is taken in private."""

    __tablename__ = "governance_agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    part: Mapped[int] = mapped_column(Integer)
    private_reason: Mapped[str | None] = mapped_column(String(120))
    owner: Mapped[str | None] = mapped_column(String(200))
    decision_sought: Mapped[str | None] = mapped_column(Text)
    public_summary: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    papers: Mapped[list[Paper]] = relationship(
        back_populates="item", order_by="Paper.position", cascade="all, delete-orphan"
    )


class Paper(Base):
    """A paper for an item: its title and text, and whether the secretariat has released it for publication."""

    __tablename__ = "governance_paper"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("governance_agenda_item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(Boolean, server_default=sa.false())

    item: Mapped[AgendaItem] = relationship(back_populates="papers")


class AgendaRequest(Base):
    """A member's request for an agenda item (§12.3): the deadline check when received, then the Chair's call."""

    __tablename__ = "governance_agenda_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meeting.id", ondelete="CASCADE"), index=True)
    member_name: Mapped[str] = mapped_column(String(200))
    requested_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    urgent: Mapped[bool] = mapped_column(Boolean, server_default=sa.false())
    in_time: Mapped[bool] = mapped_column(Boolean)
    deadline_check: Mapped[str] = mapped_column(Text)
    chair_decision: Mapped[str | None] = mapped_column(String(20))
    chair_reason: Mapped[str | None] = mapped_column(Text)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("governance_agenda_item.id", ondelete="SET NULL"))


class Attendance(Base):
    """One person at a meeting: the seat they sit in, how they attend, and whom they deputise for."""

    __tablename__ = "governance_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meeting.id", ondelete="CASCADE"), index=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("registry_seat.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("registry_person.id"))
    member_name: Mapped[str] = mapped_column(String(200))
    presence: Mapped[str] = mapped_column(String(20))
    deputy_for: Mapped[str | None] = mapped_column(String(200))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")


class Declaration(Base):
    """An interest declared at a meeting, on one item or (no item) on the whole meeting, and any withdrawal."""

    __tablename__ = "governance_declaration"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meeting.id", ondelete="CASCADE"), index=True)
    attendance_id: Mapped[int] = mapped_column(ForeignKey("governance_attendance.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("governance_agenda_item.id", ondelete="CASCADE"))
    interest: Mapped[str] = mapped_column(Text)
    withdraws: Mapped[bool] = mapped_column(Boolean, server_default=sa.false())


class Vote(Base):
    """One member's vote on one item."""

    __tablename__ = "governance_vote"
    __table_args__ = (UniqueConstraint("item_id", "attendance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("governance_agenda_item.id", ondelete="CASCADE"), index=True)
    attendance_id: Mapped[int] = mapped_column(ForeignKey("governance_attendance.id", ondelete="CASCADE"))
    choice: Mapped[str] = mapped_column(String(10))


class Decision(Base):
    """The decisions register: what was decided on an item, how, and the public summary of a Part 2 decision."""

    __tablename__ = "governance_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("governance_agenda_item.id", ondelete="CASCADE"), unique=True, index=True
    )
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    votes_for: Mapped[int] = mapped_column(Integer, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, default=0)
    abstentions: Mapped[int] = mapped_column(Integer, default=0)
    explanation: Mapped[str] = mapped_column(Text)
    public_summary: Mapped[str | None] = mapped_column(Text)

    item: Mapped[AgendaItem] = relationship()


class Action(Base):
    """The actions register: an action raised at a meeting, open until closed, carried forward meanwhile."""

    __tablename__ = "governance_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meeting.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("governance_agenda_item.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    closed_on: Mapped[date | None] = mapped_column(Date)
    closing_note: Mapped[str | None] = mapped_column(Text)


class MatterArising(Base):
    """An open action carried forward to a later meeting of the same committee as a matter arising (§12.1.2)."""

    __tablename__ = "governance_matter_arising"
    __table_args__ = (UniqueConstraint("meeting_id", "action_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meeting.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("governance_action.id", ondelete="CASCADE"), index=True)


class Minutes(Base):
    """A meeting's minutes: the Part 1 and Part 2 texts kept apart, approved at a later meeting (§12.1.2)."""

    __tablename__ = "governance_minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("governance_meeting.id", ondelete="CASCADE"), unique=True, index=True
    )
    text: Mapped[str] = mapped_column(Text)
    private_text: Mapped[str | None] = mapped_column(Text)
    approved_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("governance_meeting.id"))
    approved_on: Mapped[date | None] = mapped_column(Date)


class Dispute(Base):
    """A dispute or concern raised to the Chair, handled by the Leadership Team or referred (§9.1)."""

    __tablename__ = "governance_dispute"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("registry_committee.id"), index=True)
    raised_by: Mapped[str] = mapped_column(String(200))
    raised_on: Mapped[date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text)
    handled_by: Mapped[str | None] = mapped_column(String(20))
    referred_to_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("governance_meeting.id"))
    outcome: Mapped[str | None] = mapped_column(Text)
    resolved_on: Mapped[date | None] = mapped_column(Date)


class RegisteredInterest(Base):
    """An entry in a committee's register of members' interests (§11.4.2), in force between two dates."""

    __tablename__ = "governance_registered_interest"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("registry_committee.id"), index=True)
    member_name: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("registry_person.id"))
    interest: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    declared_on: Mapped[date] = mapped_column(Date)
