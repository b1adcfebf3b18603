"""Demo meetings of the Kent and Medway ICP Joint Committee, written through the same use cases as real ones.

Two held meetings (the first's minutes approved at the second, an action carried forward) and two upcoming
meetings with notice issued and agendas, one with a Part 2 item and the public summary prepared for its
decision. Titles come from the seed documents: the interim Integrated Care Strategy and the Shared Delivery
Plan (seed 001), the annual review of the terms of reference (seed 003 §14.1), the children and young people's
mental health transformation and procurement project (seed 001). Dates are set around ``today``, so the demo
always has a past and a future. Members are recorded by their seat's role, or by name where the registry
names the holder: people are never invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.policy import Principal
from icshub.governance.local_holidays import england_calendar
from icshub.governance.models import Meeting
from icshub.governance.queries import committee_by_key
from icshub.governance.quorum import Presence
from icshub.governance.services.agenda import ItemInput, add_agenda_item
from icshub.governance.services.decisions import carry_forward_actions, raise_action, record_consensus
from icshub.governance.services.meetings import issue_notice, mark_held, schedule_meeting
from icshub.governance.services.minutes import approve_minutes, draft_minutes
from icshub.governance.services.proceedings import AttendanceEntry, record_attendance
from icshub.governance.vocabulary import Part
from icshub.registry.models import Person

ICP = "icp-joint-committee"
VENUE = "Council Chamber, Sessions House, County Hall, Maidstone"
# Nine voting members who make the §8.1 quorum, and the Kent Director of Public Health (§8.2).
ATTENDING = (
    "leader-kcc",
    "kcc-executive-members",
    "leader-medway",
    "medway-executive-members",
    "chair-icb",
    "icb-non-executive-director",
    "chair-west-kent-hcp",
    "chair-east-kent-hcp",
    "district-rep-dgs-hcp",
    "director-of-public-health-kent",
)
MINUTES = "Minutes of the previous meeting and matters arising"


@dataclass(frozen=True)
class DemoMeetings:
    """The ids of the demo meetings: two held, two upcoming."""

    held: tuple[int, int]
    upcoming: tuple[int, int]


def _wednesday(day: date) -> datetime:
    """10:00 on the first Wednesday on or after ``day`` that is a working day."""
    calendar = england_calendar()
    day += timedelta(days=(2 - day.weekday()) % 7)
    while not calendar.is_working_day(day):
        day += timedelta(days=7)
    return datetime.combine(day, time(10))


# The demo's past meetings are written when it is built, after their day: a record made afterwards.
RECORDED_AFTERWARDS = "Demonstration data: a past meeting written when the demo was built."


def _meeting(
    session: Session, principal: Principal, starts_at: datetime, items: list[ItemInput], on: date, today: date
) -> tuple[int, list[int]]:
    afterwards = RECORDED_AFTERWARDS if starts_at.date() < today else None
    meeting = schedule_meeting(
        session, principal, ICP, starts_at, VENUE, recorded_afterwards_reason=afterwards, today=today
    )
    item_ids = [add_agenda_item(session, principal, meeting.id, item).id for item in items]
    issue_notice(session, principal, meeting.id, on)
    return meeting.id, item_ids


def _attend(session: Session, principal: Principal, meeting_id: int, today: date) -> None:
    seats = {seat.key: seat for seat in committee_by_key(session, ICP).seats}
    entries = []
    for key in ATTENDING:
        seat = seats[key]
        person = session.get(Person, seat.person_id) if seat.person_id else None
        name = person.name if person else seat.title
        entries.append(AttendanceEntry(name, key, Presence.IN_PERSON, person=person.key if person else None))
    record_attendance(session, principal, meeting_id, entries, today=today)
    mark_held(session, principal, meeting_id, today=today)


def seed_demo_meetings(session: Session, principal: Principal, today: date) -> DemoMeetings | None:
    """Write the demo meetings in ``session``; None (and nothing written) if the ICP already has meetings."""
    committee = committee_by_key(session, ICP)
    if session.scalars(select(Meeting.id).where(Meeting.committee_id == committee.id)).first() is not None:
        return None
    first_at, second_at = _wednesday(today - timedelta(days=180)), _wednesday(today - timedelta(days=90))
    next_at, later_at = _wednesday(today + timedelta(days=28)), _wednesday(today + timedelta(days=119))
    notice = timedelta(days=14)

    first, (strategy, review) = _meeting(
        session,
        principal,
        first_at,
        [
            ItemInput(
                "Kent and Medway Integrated Care Strategy: the interim strategy",
                owner="ICP secretariat",
                decision_sought="Agree the interim strategy and recommend it to KCC, Medway Council and the ICB",
            ),
            ItemInput(
                "Annual review of the Joint Committee's terms of reference",
                owner="KCC Democratic Services",
                decision_sought="Recommend the reviewed terms of reference to the three partners (§14.1)",
            ),
        ],
        first_at.date() - notice,
        today,
    )
    _attend(session, principal, first, today)
    record_consensus(
        session,
        principal,
        strategy,
        "The Joint Committee agreed the interim Integrated Care Strategy for recommendation.",
        today=today,
    )
    record_consensus(
        session, principal, review, "The Joint Committee recommended the terms of reference unchanged.", today=today
    )
    raise_action(
        session,
        principal,
        first,
        "Publish the interim strategy on the partners' websites",
        "ICB communications lead",
        due=first_at.date() + timedelta(days=30),
        item_id=strategy,
        today=today,
    )
    draft_minutes(
        session,
        principal,
        first,
        "The Joint Committee agreed the interim Integrated Care Strategy and recommended its terms of reference.",
    )

    second, (_, progress) = _meeting(
        session,
        principal,
        second_at,
        [
            ItemInput(MINUTES, owner="Chair"),
            ItemInput(
                "Shared Delivery Plan: progress against the strategic indicators",
                owner="ICB Director of Strategy",
                decision_sought="Note progress",
            ),
        ],
        second_at.date() - notice,
        today,
    )
    _attend(session, principal, second, today)
    approve_minutes(session, principal, first, second, today=today)
    carry_forward_actions(session, principal, second)
    record_consensus(
        session, principal, progress, "The Joint Committee noted progress on the Shared Delivery Plan.", today=today
    )
    draft_minutes(session, principal, second, "The minutes of the previous meeting were approved; progress was noted.")

    upcoming = _meeting(
        session,
        principal,
        next_at,
        [
            ItemInput(MINUTES, owner="Chair"),
            ItemInput(
                "Shared Delivery Plan: annual refresh",
                owner="ICB Director of Strategy",
                decision_sought="Approve the refreshed Shared Delivery Plan",
            ),
            ItemInput(
                "Children and young people's mental health: transformation and procurement project",
                Part.PRIVATE,
                "commercially-sensitive",
                owner="ICB Director of Commissioning",
                decision_sought="Agree the procurement approach",
                public_summary=(
                    "The Joint Committee considered the procurement approach for children and young people's mental "
                    "health services; the commercial details remain confidential."
                ),
            ),
        ],
        today,
        today,
    )[0]
    later = _meeting(
        session,
        principal,
        later_at,
        [
            ItemInput(MINUTES, owner="Chair"),
            ItemInput(
                "Annual self-assessment of the Joint Committee's effectiveness",
                owner="KCC Democratic Services",
                decision_sought="Agree the self-assessment (§11.5)",
            ),
        ],
        today,
        today,
    )[0]
    carry_forward_actions(session, principal, upcoming)
    return DemoMeetings((first, second), (upcoming, later))
