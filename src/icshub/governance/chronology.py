"""The order things happen in, so that the record of a meeting cannot say what could not have happened:
nothing is recorded of a meeting before its day (attendance, declarations, votes, decisions, actions, its
being held); minutes are approved only at a later meeting that has begun; and a meeting scheduled for a
day already past (a record made afterwards, such as a meeting held before icshub was used) says why.

Pure rules on London calendar days, with the refusal worded for the officer.
"""

from __future__ import annotations

from datetime import date, datetime

from icshub.governance.calendar import LONDON, describe_day
from icshub.governance.errors import GovernanceError


def london_today(now: datetime | None = None) -> date:
    """Today in London, the day the committee's calendar runs on."""
    return (now or datetime.now(LONDON)).astimezone(LONDON).date()


def require_day_reached(meeting_day: date, today: date, doing: str, meeting: str) -> None:
    """Refuse ``doing`` before the meeting's day: nothing is recorded of a meeting that has not taken place."""
    if today < meeting_day:
        raise GovernanceError(
            f"Cannot {doing} yet: {meeting} has not taken place, and nothing is recorded of a meeting before its day."
        )


def require_later_meeting(meeting_starts: datetime, approving_starts: datetime, meeting: str, approving: str) -> None:
    """Minutes are approved at a meeting after the one they record."""
    if approving_starts <= meeting_starts:
        raise GovernanceError(
            f"The minutes of {meeting} can be approved only at a later meeting, and {approving} is not later."
        )


def reason_for_past_day(meeting_day: date, today: date, reason: str | None) -> str | None:
    """The stated reason a meeting on a day already past is being recorded now; refused without one. A
    meeting today or later needs none (and keeps none)."""
    stated = (reason or "").strip() or None
    if meeting_day >= today:
        return None
    if stated is None:
        raise GovernanceError(
            f"{describe_day(meeting_day)} is in the past. A meeting is scheduled before it takes place; to record "
            "one afterwards (held before icshub was used, say), give the reason it is recorded late."
        )
    return stated
