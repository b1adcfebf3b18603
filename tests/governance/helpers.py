"""Running the meeting use cases against the test database: one transaction per call, as a web request does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from icshub.auth.policy import Principal
from icshub.db.engine import transaction
from icshub.governance.meeting_times import meeting_day
from icshub.governance.queries import get_meeting
from icshub.governance.quorum import Presence
from icshub.governance.services import agenda, meetings, proceedings
from icshub.governance.vocabulary import Part
from icshub.installation import sessions
from tests.governance.conftest import SECRETARIAT

ICP = "icp-joint-committee"
# Nine voting members meeting every rule of §8.1: both councils, the ICB, the Leadership Team, two HCP areas.
NINE = {
    "Roger Gough": "leader-kcc",
    "KCC executive member": "kcc-executive-members",
    "Medway Leader": "leader-medway",
    "Medway executive member": "medway-executive-members",
    "ICB Chair": "chair-icb",
    "ICB non-executive director": "icb-non-executive-director",
    "West Kent HCP Chair": "chair-west-kent-hcp",
    "East Kent district councillor": "district-rep-east-kent-hcp",
    "East Kent HCP Chair": "chair-east-kent-hcp",
}


def run(settings, use_case: Callable[..., Any], *args: Any, principal: Principal = SECRETARIAT, **kwargs: Any) -> Any:
    """Call ``use_case(session, principal, *args, **kwargs)`` in a transaction of its own."""
    with transaction(sessions(settings)) as session:
        return use_case(session, principal, *args, **kwargs)


def read(settings, query: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a query that takes no principal, ``query(session, *args, **kwargs)``."""
    with sessions(settings)() as session:
        return query(session, *args, **kwargs)


def noticed_meeting(
    settings, starts_at: datetime, items: list[agenda.ItemInput], notice_on: date | None = None
) -> tuple[int, list[int]]:
    """An ICP meeting with ``items`` on its agenda and notice issued (by default ten days ahead); its ids.
    The clock stands on the day notice is given, unless it is already later."""
    notice_on = notice_on or date.fromordinal(starts_at.toordinal() - 14)
    if CLOCK.today is None or CLOCK.today > notice_on:
        CLOCK.set(min(notice_on, starts_at.date()))
    meeting = run(settings, meetings.schedule_meeting, ICP, starts_at, "Sessions House, County Hall, Maidstone")
    item_ids = [run(settings, agenda.add_agenda_item, meeting.id, item).id for item in items]
    run(settings, meetings.issue_notice, meeting.id, notice_on)
    return meeting.id, item_ids


def attend_nine(settings, meeting_id: int, **presence: Presence) -> None:
    """Record the nine of ``NINE`` in person (or as ``presence`` says, by seat key with '_' for '-'), on the
    meeting's day (the clock moves to it)."""
    meeting = read(settings, get_meeting, meeting_id)
    CLOCK.set(max(CLOCK.today or date.min, meeting_day(meeting)))
    entries = [
        proceedings.AttendanceEntry(name, seat, presence.get(seat.replace("-", "_"), Presence.IN_PERSON))
        for name, seat in NINE.items()
    ]
    run(settings, proceedings.record_attendance, meeting_id, entries)


def part1(title: str, **extra: Any) -> agenda.ItemInput:
    return agenda.ItemInput(title, Part.PUBLIC, **extra)


def part2(title: str, reason: str = "commercially-sensitive", **extra: Any) -> agenda.ItemInput:
    return agenda.ItemInput(title, Part.PRIVATE, reason, **extra)


class Clock:
    """The day the meeting use cases take as today, moved by the helpers as a scenario unfolds (None: the
    real today). The records a test makes must be possible on the day it says they are made."""

    today: date | None = None

    def set(self, day: date) -> None:
        self.today = day


CLOCK = Clock()
