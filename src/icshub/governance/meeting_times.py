"""Meeting times: stored in UTC, read and written as Europe/London wall-clock time, and described in words
for messages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icshub.governance.calendar import LONDON, describe_day
from icshub.governance.errors import GovernanceError
from icshub.governance.models import Meeting


def london_time(moment: datetime) -> datetime:
    """A stored time as Europe/London wall-clock time (SQLite hands back UTC without its zone)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(LONDON)


def to_utc(starts_at: datetime) -> datetime:
    """``starts_at`` in UTC; a time without a zone is London wall-clock time, and one the clocks skip is refused."""
    if starts_at.tzinfo is not None:
        return starts_at.astimezone(UTC)
    local = starts_at.replace(tzinfo=LONDON, fold=0)
    if london_time(local.astimezone(UTC)).replace(tzinfo=None) != starts_at:
        raise GovernanceError(
            f"{starts_at:%H:%M} on {describe_day(starts_at.date())} does not exist in London: the clocks go forward "
            "that night. Choose another time."
        )
    return local.astimezone(UTC)


def meeting_day(meeting: Meeting) -> date:
    """The day of the meeting in London, from which clear working days are counted."""
    return london_time(meeting.starts_at).date()


def describe_meeting(meeting: Meeting) -> str:
    """'the meeting on Wednesday 2 July 2025 at 10:00', for messages."""
    return f"the meeting on {describe_day(meeting_day(meeting))} at {london_time(meeting.starts_at):%H:%M}"
