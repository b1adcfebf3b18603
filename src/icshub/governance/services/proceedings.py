"""At the meeting: who attends and how, the interests they declare, and whether the meeting and each item
is quorate.

Attendance is recorded by member name in a seat of the committee (and, where the registry names the holder,
as that person), and checked with ``quorum.check_attendance``: an unknown seat or a seat filled twice over is
refused. A member who declares a conflicting interest and withdraws leaves that item's discussion and vote
(§11.4.3), or every item when the declaration is on the whole meeting; the quorum is then evaluated without
them, which is how one item can be inquorate in a quorate meeting. Writes need ``governance.manage``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.audit import record_event
from icshub.auth.policy import Principal
from icshub.governance.access import authorised
from icshub.governance.errors import GovernanceError
from icshub.governance.models import Attendance, Declaration
from icshub.governance.queries import attendees, get_item, get_meeting, seat_keys, terms_of
from icshub.governance.quorum import AttendanceRefused, Presence, check_attendance
from icshub.governance.services.meetings import require_in_session
from icshub.registry.models import Person


@dataclass(frozen=True)
class AttendanceEntry:
    """One person's attendance: their name, the seat's key, how they attend; ``person`` is a registry key."""

    member: str
    seat: str
    presence: Presence
    deputy_for: str | None = None
    person: str | None = None


def record_attendance(
    session: Session,
    principal: Principal,
    meeting_id: int,
    entries: Sequence[AttendanceEntry],
    *,
    today: date | None = None,
) -> list[Attendance]:
    """Record or correct the attendance of the members named; the whole attendance must then make sense."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_in_session(meeting, "record attendance", today)
    seat_ids = {key: seat_id for seat_id, key in seat_keys(session, meeting).items()}
    by_member = {row.member_name: row for row in meeting.attendance}
    for entry in entries:
        if not entry.member.strip():
            raise GovernanceError("Each line of the attendance needs the member's name.")
        if entry.seat not in seat_ids:
            raise GovernanceError(f"{entry.member} is recorded in the seat '{entry.seat}', which this committee lacks.")
        person_id = None
        if entry.person is not None:
            person_id = session.scalars(select(Person.id).where(Person.key == entry.person)).one_or_none()
            if person_id is None:
                raise GovernanceError(f"There is no person '{entry.person}' in the registry.")
        values = {
            "seat_id": seat_ids[entry.seat],
            "person_id": person_id,
            "presence": entry.presence.value,
            "deputy_for": entry.deputy_for,
        }
        if (row := by_member.get(entry.member.strip())) is None:
            by_member[entry.member.strip()] = row = Attendance(member_name=entry.member.strip(), **values)
            meeting.attendance.append(row)
        else:
            for field, value in values.items():
                setattr(row, field, value)
    try:
        check_attendance(terms_of(session, meeting), attendees(session, meeting))
    except AttendanceRefused as refused:
        raise GovernanceError(str(refused)) from None
    session.flush()
    record_event(
        session,
        actor,
        "governance.attendance.record",
        "meeting",
        str(meeting.id),
        None,
        {entry.member: entry.presence.value for entry in entries},
    )
    return list(meeting.attendance)


def declare_interest(
    session: Session,
    principal: Principal,
    meeting_id: int,
    member: str,
    interest: str,
    *,
    item_id: int | None = None,
    withdraws: bool = False,
    today: date | None = None,
) -> Declaration:
    """Record an interest a member declares, on one item or (no item) the whole meeting, and any withdrawal."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_in_session(meeting, "record a declaration of interest", today)
    row = next((a for a in meeting.attendance if a.member_name == member), None)
    if row is None:
        raise GovernanceError(f"{member} is not in the attendance of this meeting: record their attendance first.")
    if item_id is not None and get_item(session, item_id).meeting_id != meeting.id:
        raise GovernanceError(f"Agenda item {item_id} is not on the agenda of this meeting.")
    if not interest.strip():
        raise GovernanceError("Say what the interest is: the declaration is recorded in the minutes (§7.5).")
    declaration = Declaration(
        meeting_id=meeting.id, attendance_id=row.id, item_id=item_id, interest=interest.strip(), withdraws=withdraws
    )
    session.add(declaration)
    session.flush()
    record_event(
        session,
        actor,
        "governance.interest.declare",
        "declaration",
        str(declaration.id),
        None,
        {"member": member, "item": item_id, "withdraws": withdraws},
    )
    return declaration
